/*
 * batch.c - allocation and reuse of batches.
 */
#include "batch.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

batch *batch_new(void) { return xcalloc(1, sizeof(batch)); }

void batch_reset(batch *b)
{
    for (size_t i = 0; i < b->nrecs; i++)
        if (b->recs[i].json)
            json_decref(b->recs[i].json);
    b->nrecs = b->nfields = 0;
    sbuf_clear(&b->data);
    sbuf_clear(&b->notes);
    sbuf_clear(&b->prefix);
    sbuf_clear(&b->out);
    sbuf_clear(&b->audit);
    sbuf_clear(&b->errors);
    sbuf_clear(&b->msgs);
    b->text_col = b->id_col = -1;
    b->ncols = 0;
}

void batch_free(batch *b)
{
    if (!b)
        return;
    batch_reset(b);
    sbuf_free(&b->data);
    sbuf_free(&b->notes);
    sbuf_free(&b->prefix);
    sbuf_free(&b->out);
    sbuf_free(&b->audit);
    sbuf_free(&b->errors);
    sbuf_free(&b->msgs);
    free(b->recs);
    free(b->fields);
    free(b);
}

record *batch_add(batch *b, uint64_t line)
{
    if (b->nrecs == b->cap_recs) {
        b->cap_recs = b->cap_recs ? b->cap_recs * 2 : 1024;
        b->recs = xrealloc(b->recs, b->cap_recs * sizeof *b->recs);
    }
    record *r = &b->recs[b->nrecs++];
    memset(r, 0, sizeof *r);
    r->line = line;
    return r;
}

void record_fail(batch *b, record *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    r->err_off = b->notes.len;
    r->err_len = (size_t)n ? (size_t)n : 1;
    sbuf_add(&b->notes, tmp, (size_t)n ? (size_t)n : 1);
}

void batch_add_field(batch *b, size_t off, size_t len)
{
    if (b->nfields == b->cap_fields) {
        b->cap_fields = b->cap_fields ? b->cap_fields * 2 : 4096;
        b->fields = xrealloc(b->fields, b->cap_fields * sizeof *b->fields);
    }
    b->fields[b->nfields].off = off;
    b->fields[b->nfields].len = len;
    b->nfields++;
}
