/*
 * reader_csv.c - CSV input (RFC 4180) through libcsv in strict mode. The
 * input is fed to the parser one physical line at a time, so each record
 * knows the line it starts on and its raw bytes (for --errors). The first
 * record of each file is its header; it names the text and id columns.
 */
#include "reader.h"

#include "output.h"

#include <csv.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct csv_state {
    struct csv_parser p;
    batch *b;
    reader *r;
    sbuf win;          /* read window */
    size_t win_pos;
    sbuf raw;          /* lines of the record being parsed */
    uint64_t rec_line; /* line where it starts */
    size_t field_start;
    int in_header;
    char **header;
    size_t nheader;
    long text_col, id_col;
    int eof, finished;
    csv_state *next_done;
};

static int no_space(unsigned char c) { (void)c; return 0; }

static void parser_init(csv_state *st, char delim)
{
    csv_init(&st->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&st->p, (unsigned char)delim);
    csv_set_space_func(&st->p, no_space); /* keep fields byte for byte */
}

static void on_field(void *s, size_t len, void *data)
{
    csv_state *st = data;
    if (st->in_header) {
        st->header = xrealloc(st->header, (st->nheader + 1) * sizeof(char *));
        char *name = xmalloc(len + 1);
        if (len)
            memcpy(name, s, len);
        name[len] = '\0';
        st->header[st->nheader++] = name;
        return;
    }
    batch_add_field(st->b, st->b->data.len, len);
    /* reserve one more byte: fields point into data, which must not stay
     * NULL when they are all empty (NULL + 0 is undefined) */
    sbuf_reserve(&st->b->data, len + 1);
    sbuf_add(&st->b->data, s ? s : "", len);
}

static long find_column(csv_state *st, const char *want)
{
    for (size_t i = 0; i < st->nheader; i++)
        if (strcmp(st->header[i], want) == 0)
            return (long)i;
    for (size_t i = 0; i < st->nheader; i++)
        if (strcasecmp(st->header[i], want) == 0)
            return (long)i;
    return -1;
}

static long text_column(csv_state *st, const char *opt)
{
    static const char *const guesses[] = {"text", "message", "comment",
                                          "kommentar", "body", "content"};
    if (!opt) {
        for (size_t i = 0; i < sizeof guesses / sizeof *guesses; i++) {
            long c = find_column(st, guesses[i]);
            if (c >= 0)
                return c;
        }
        return st->nheader == 1 ? 0 : -1;
    }
    char *end;
    long idx = strtol(opt, &end, 10);
    if (*opt && !*end)
        return idx >= 1 && (size_t)idx <= st->nheader ? idx - 1 : -1;
    return find_column(st, opt);
}

static void header_done(csv_state *st)
{
    reader *r = st->r;
    st->in_header = 0;
    st->text_col = text_column(st, r->args->text_column);
    st->id_col = find_column(st, "id");
    if (st->text_col < 0) {
        msg("%s: no text column%s%s%s; choose one with --text-column NAME|INDEX",
            r->src.display, r->args->text_column ? " '" : "",
            r->args->text_column ? r->args->text_column : "",
            r->args->text_column ? "'" : "");
        r->usage_error = 1;
    }
    if (r->args->output == OUT_CSV && !r->header_done) {
        out_csv_header(&st->b->prefix, (const char *const *)st->header,
                       st->nheader, r->delim);
        r->header_done = 1;
    }
}

/* The raw bytes of the record without the final line break. */
static size_t raw_trimmed(const sbuf *raw)
{
    size_t n = raw->len;
    while (n && (raw->p[n - 1] == '\n' || raw->p[n - 1] == '\r'))
        n--;
    return n;
}

static record *emit(csv_state *st)
{
    batch *b = st->b;
    record *rec = batch_add(b, st->rec_line);
    rec->raw_off = b->data.len;
    rec->raw_len = raw_trimmed(&st->raw);
    sbuf_add(&b->data, st->raw.p, rec->raw_len);
    rec->field_first = st->field_start;
    rec->nfields = b->nfields - st->field_start;
    sbuf_clear(&st->raw);
    st->field_start = b->nfields;
    st->rec_line = st->r->line + 1;
    return rec;
}

static void on_record(int term, void *data)
{
    (void)term;
    csv_state *st = data;
    if (st->in_header) {
        header_done(st);
        sbuf_clear(&st->raw);
        st->rec_line = st->r->line + 1;
        return;
    }
    record *rec = emit(st);
    if (rec->nfields != st->nheader)
        record_fail(st->b, rec, "row has %zu fields, the header has %zu",
                    rec->nfields, st->nheader);
}

/* A broken row: report what was read of it and start afresh. */
static void fail_row(csv_state *st, const char *why)
{
    batch *b = st->b;
    b->nfields = st->field_start;
    record *rec = emit(st);
    rec->nfields = 0;
    record_fail(b, rec, "%s", why);
    csv_free(&st->p);
    parser_init(st, st->r->delim);
}

static void feed_line(csv_state *st, const char *p, size_t n)
{
    reader *r = st->r;
    r->line++;
    int blank = n == 1 || (n == 2 && p[0] == '\r');
    if (st->raw.len == 0 && blank && p[n - 1] == '\n') {
        st->rec_line = r->line + 1; /* an empty line is not a record */
        return;
    }
    sbuf_add(&st->raw, p, n);
    if (csv_parse(&st->p, p, n, on_field, on_record, st) != n)
        fail_row(st, "broken CSV quoting (a stray or unclosed \" in a field)");
    else if (st->raw.len > MAX_RECORD_BYTES)
        fail_row(st, "CSV record longer than the limit (an unclosed quote?)");
}

/* The next line of the window (with its newline), reading as needed.
 * NULL at the end of the file. */
static const char *next_line(csv_state *st, size_t *len)
{
    for (;;) {
        /* the window is NULL before the first read: NULL + 0 is UB */
        char *base = st->win.p ? st->win.p + st->win_pos : NULL;
        size_t avail = st->win.len - st->win_pos;
        char *nl = avail ? memchr(base, '\n', avail) : NULL;
        if (nl || (st->eof && avail)) {
            *len = nl ? (size_t)(nl + 1 - base) : avail;
            st->win_pos += *len;
            return base;
        }
        if (st->eof)
            return NULL;
        if (avail)
            memmove(st->win.p, base, avail);
        st->win.len = avail;
        st->win_pos = 0;
        if (reader_read_more(st->r, &st->win, 1 << 16) <= 0)
            st->eof = 1;
    }
}

static void finish_file(csv_state *st)
{
    if (st->finished)
        return;
    st->finished = 1;
    int rc = csv_fini(&st->p, on_field, on_record, st);
    if (st->in_header)
        return;
    if (rc != 0)
        fail_row(st, "unterminated quoted field at the end of the file");
    else if (st->raw.len)
        fail_row(st, "incomplete record at the end of the file");
}

static csv_state *state_for(reader *r)
{
    if (!r->csv) {
        csv_state *st = xcalloc(1, sizeof *st);
        st->r = r;
        st->in_header = 1;
        st->rec_line = 1;
        parser_init(st, r->delim);
        r->csv = st;
    }
    return r->csv;
}

static void set_batch_columns(csv_state *st, batch *b)
{
    b->text_col = st->text_col;
    b->id_col = st->id_col;
    b->ncols = st->nheader;
    b->header = (const char *const *)st->header;
}

int csv_fill(reader *r, batch *b)
{
    csv_state *st = state_for(r);
    st->b = b;
    st->field_start = b->nfields;
    if (r->line == 0) {
        size_t n;
        const unsigned char *p = source_peek(&r->src, &n);
        if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
            source_read(&r->src, (char[3]){0}, 3); /* drop a BOM */
    }
    size_t len;
    const char *line = NULL;
    while (!r->usage_error && (line = next_line(st, &len)) != NULL) {
        feed_line(st, line, len);
        if (st->raw.len == 0 &&
            (b->nrecs >= BATCH_RECORDS || b->data.len >= BATCH_BYTES))
            break;
    }
    if (!line && !r->usage_error)
        finish_file(st);
    set_batch_columns(st, b);
    if (!line)
        st->b = NULL;
    return (int)b->nrecs;
}

/* The header outlives the file: batches still in flight point at it. So
 * the state is kept on a list until the reader is freed. */
void csv_close(reader *r)
{
    csv_state *st = r->csv;
    if (!st)
        return;
    csv_free(&st->p);
    sbuf_free(&st->win);
    sbuf_free(&st->raw);
    st->next_done = r->csv_done;
    r->csv_done = st;
    r->csv = NULL;
}

void csv_free_all(reader *r)
{
    while (r->csv_done) {
        csv_state *st = r->csv_done;
        r->csv_done = st->next_done;
        for (size_t i = 0; i < st->nheader; i++)
            free(st->header[i]);
        free(st->header);
        free(st);
    }
}
