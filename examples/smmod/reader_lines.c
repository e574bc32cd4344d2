/*
 * reader_lines.c - frames plain text and JSON Lines input: reads large
 * blocks straight into the batch and splits them into lines in place (no
 * copy, no allocation per line). Only the partial last line of a block is
 * carried over to the next batch. JSON Lines are parsed by the workers.
 */
#include "reader.h"

#include <string.h>

/* Discard input up to and including the next newline (the rest of a line
 * that was too long). 1 when found, 0 at the end of the file. */
static int skip_rest_of_line(reader *r, batch *b)
{
    for (;;) {
        sbuf_clear(&b->data);
        ssize_t n = reader_read_more(r, &b->data, BATCH_BYTES);
        if (n <= 0)
            return 0;
        char *nl = memchr(b->data.p, '\n', (size_t)n);
        if (nl) {
            size_t rest = b->data.len - (size_t)(nl + 1 - b->data.p);
            sbuf_clear(&r->carry);
            sbuf_add(&r->carry, nl + 1, rest);
            return 1;
        }
    }
}

/* Read until the batch data ends with a whole line; the bytes after the
 * last newline go to the carry. Returns the data length to split. */
static size_t read_whole_lines(reader *r, batch *b, int *too_long)
{
    sbuf_clear(&b->data);
    sbuf_add(&b->data, r->carry.p, r->carry.len);
    size_t searched = 0;
    sbuf_clear(&r->carry);
    for (;;) {
        char *nl = b->data.len > searched
                       ? memrchr(b->data.p + searched, '\n', b->data.len - searched)
                       : NULL;
        if (nl && b->data.len >= BATCH_BYTES / 2) {
            size_t keep = (size_t)(nl + 1 - b->data.p);
            sbuf_add(&r->carry, nl + 1, b->data.len - keep);
            return keep;
        }
        if (!nl && b->data.len - searched > MAX_RECORD_BYTES) {
            *too_long = 1;
            return b->data.len;
        }
        if (nl)
            searched = (size_t)(nl + 1 - b->data.p);
        if (reader_read_more(r, &b->data, BATCH_BYTES) <= 0)
            return b->data.len;
    }
}

static void add_line(reader *r, batch *b, size_t start, size_t end)
{
    size_t len = end - start;
    r->line++;
    if (len && b->data.p[end - 1] == '\r')
        len--;
    if (len == 0 && b->format == FMT_JSONL)
        return; /* blank lines between JSON records are not records */
    record *rec = batch_add(b, r->line);
    rec->raw_off = rec->text_off = start;
    rec->raw_len = rec->text_len = len;
}

static void split_lines(reader *r, batch *b, size_t len)
{
    const char *p = b->data.p;
    size_t pos = 0;
    if (r->line == 0 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a byte-order mark is not part of the first comment */
    while (pos < len) {
        const char *nl = memchr(p + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - p) : len;
        add_line(r, b, pos, end);
        pos = end + 1;
    }
}

int lines_fill(reader *r, batch *b)
{
    if (r->skipping) {
        r->skipping = 0;
        if (!skip_rest_of_line(r, b))
            return 0;
    }
    int too_long = 0;
    size_t len = read_whole_lines(r, b, &too_long);
    if (too_long) {
        record *rec = batch_add(b, r->line + 1);
        rec->raw_off = 0;
        rec->raw_len = 4096; /* enough to recognise it in --errors */
        record_fail(b, rec, "line longer than %zu bytes", MAX_RECORD_BYTES);
        r->skipping = 1;
        r->line++;
        return 1;
    }
    split_lines(r, b, len);
    return b->nrecs > 0 ? (int)b->nrecs : (r->src.error ? -1 : 0);
}
