/*
 * reader.c - walks the input files, guesses each file's format (by name,
 * then by content) and hands batches to the format readers.
 */
#include "reader.h"

#include "output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void reader_init(reader *r, const scan_args *a)
{
    memset(r, 0, sizeof *r);
    r->args = a;
    for (size_t i = 0; i < a->nfiles; i++) {
        struct stat st;
        if (stat(a->files[i], &st) == 0 && S_ISREG(st.st_mode))
            r->total_bytes += (uint64_t)st.st_size;
    }
}

static int has_suffix(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && strncmp(s + n - k, suf, k) == 0;
}

/* The format a file name says, FMT_AUTO when it says nothing. */
static int format_by_name(const char *name, char *delim)
{
    size_t n = strlen(name);
    if (has_suffix(name, n, ".gz"))
        n -= 3;
    if (has_suffix(name, n, ".jsonl") || has_suffix(name, n, ".ndjson"))
        return FMT_JSONL;
    if (has_suffix(name, n, ".csv"))
        return FMT_CSV;
    if (has_suffix(name, n, ".tsv")) {
        *delim = '\t';
        return FMT_CSV;
    }
    if (has_suffix(name, n, ".txt"))
        return FMT_TEXT;
    if (has_suffix(name, n, ".json"))
        return FMT_JSON; /* may still turn out to be JSON Lines */
    return FMT_AUTO;
}

/* '[' starts a JSON document; '{' starts JSON Lines when the first line is
 * a whole object, else a (pretty-printed) JSON document. */
static int format_by_content(source *src, int guess)
{
    size_t n;
    const unsigned char *p = source_peek(src, &n);
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < n && p[i] == '[')
        return FMT_JSON;
    if (i >= n || p[i] != '{')
        return guess == FMT_JSON ? FMT_JSON : FMT_TEXT;
    const unsigned char *nl = memchr(p + i, '\n', n - i);
    size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
    json_t *j = json_loadb((const char *)p + i, len, 0, NULL);
    int whole = j != NULL;
    json_decref(j);
    return whole ? FMT_JSONL : FMT_JSON;
}

static int open_next(reader *r)
{
    const scan_args *a = r->args;
    if (r->next_file >= (a->nfiles ? a->nfiles : 1))
        return 0;
    const char *path = a->nfiles ? a->files[r->next_file] : "-";
    r->next_file++;
    if (source_open(&r->src, path) < 0) {
        r->io_error = 1;
        return -1;
    }
    r->delim = ',';
    int fmt = a->format;
    if (fmt == FMT_AUTO) {
        fmt = format_by_name(path, &r->delim);
        if (fmt == FMT_AUTO || fmt == FMT_JSON)
            fmt = format_by_content(&r->src, fmt);
    }
    if (a->delimiter)
        r->delim = a->delimiter;
    r->format = fmt;
    r->line = 0;
    r->skipping = 0;
    sbuf_clear(&r->carry);
    r->open = 1;
    return 1;
}

static void close_current(reader *r)
{
    r->done_bytes += r->src.size ? r->src.size : r->src.consumed;
    if (r->src.error)
        r->io_error = 1;
    if (r->format == FMT_CSV)
        csv_close(r);
    if (r->format == FMT_JSON)
        json_close(r);
    source_close(&r->src);
    r->open = 0;
}

static int fill_format(reader *r, batch *b)
{
    switch (r->format) {
    case FMT_CSV: return csv_fill(r, b);
    case FMT_JSON: return json_fill(r, b);
    default: return lines_fill(r, b);
    }
}

int reader_fill(reader *r, batch *b)
{
    for (;;) {
        if (r->usage_error)
            return 0;
        if (!r->open) {
            int rc = open_next(r);
            if (rc == 0)
                return 0;
            if (rc < 0)
                continue;
        }
        b->source = r->src.display;
        b->format = r->format;
        b->delim = r->delim;
        int n = fill_format(r, b);
        if (r->usage_error) {
            /* e.g. no text column: rows parsed along with the header (a
             * bare CR ends a CSV record) must not reach a worker */
            batch_reset(b);
            return 0;
        }
        if (r->args->output == OUT_CSV && !r->header_done &&
            r->format != FMT_CSV && n > 0) {
            out_csv_generic_header(&b->prefix);
            r->header_done = 1;
        }
        b->bytes_pos = r->done_bytes + r->src.consumed;
        b->bytes_total = r->total_bytes;
        if (n > 0)
            return 1;
        close_current(r);
        if (b->prefix.len)
            return 1; /* a header with no rows still gets written */
    }
}

ssize_t reader_read_more(reader *r, sbuf *buf, size_t want)
{
    sbuf_reserve(buf, want);
    ssize_t n = source_read(&r->src, buf->p + buf->len, want);
    if (n > 0)
        buf->len += (size_t)n;
    return n;
}

void reader_free(reader *r)
{
    if (r->open)
        close_current(r);
    sbuf_free(&r->carry);
    csv_free_all(r);
}
