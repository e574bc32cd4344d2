/*
 * reader_json.c - JSON exports: a top-level array of comment objects, or a
 * Graph-API page {"data": [...], "paging": ...} whose comments may hold
 * replies under "comments": {"data": [...]}. Every comment and reply is
 * one record; a reply gets "parent_id" (the id of the comment it answers)
 * unless it has one.
 *
 * The document is streamed: jansson decodes one element at a time from a
 * window of the input (JSON_DISABLE_EOF_CHECK reports how many bytes the
 * element took), so memory stays bounded by the largest element, not the
 * file. Only the structure around the elements ([ , ] { "key": }) is
 * walked here; every value is decoded by jansson.
 */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

enum { JS_START, JS_KEYS, JS_ELEMS, JS_DONE };

struct json_state {
    sbuf win;
    size_t pos;
    int eof;
    int state;
    int in_data; /* the array is the "data" member of a top-level object */
    int first;   /* no element or member read yet at this level */
    int saw_data;
};

/* Make at least `need` bytes available at pos (fewer at end of file). */
static size_t ensure(reader *r, json_state *st, size_t need)
{
    while (st->win.len - st->pos < need && !st->eof) {
        if (st->win.len > st->pos)
            memmove(st->win.p, st->win.p + st->pos, st->win.len - st->pos);
        st->win.len -= st->pos;
        st->pos = 0;
        size_t want = need > (1 << 20) ? need : (1 << 20);
        if (reader_read_more(r, &st->win, want) <= 0)
            st->eof = 1;
    }
    return st->win.len - st->pos;
}

static void advance(reader *r, json_state *st, size_t n)
{
    const char *p = st->win.p + st->pos, *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        r->line++;
        p++;
    }
    st->pos += n;
}

/* The next non-blank byte (not consumed), or -1 at the end. */
static int peek(reader *r, json_state *st)
{
    for (;;) {
        if (ensure(r, st, 1) == 0)
            return -1;
        unsigned char c = (unsigned char)st->win.p[st->pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return c;
        advance(r, st, 1);
    }
}

static void fail_document(reader *r, json_state *st, batch *b,
                          const json_error_t *e)
{
    size_t avail = st->win.len - st->pos;
    record *rec = batch_add(b, r->line + (e->line > 0 ? (uint64_t)e->line : 1));
    rec->raw_off = b->data.len;
    rec->raw_len = avail < 4096 ? avail : 4096;
    sbuf_add(&b->data, st->win.p + st->pos, rec->raw_len);
    record_fail(b, rec, "%s; the rest of the file is skipped", e->text);
    st->state = JS_DONE;
}

/* Decode one value at pos. NULL after reporting a broken document. */
static json_t *decode(reader *r, json_state *st, batch *b)
{
    size_t want = 1 << 16;
    for (;;) {
        size_t avail = ensure(r, st, want);
        json_error_t e;
        json_t *j = json_loadb(st->win.p + st->pos, avail,
                               JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &e);
        if (j) {
            advance(r, st, (size_t)e.position);
            return j;
        }
        /* The window may have cut the value: read on before giving up. */
        if (st->eof || avail >= MAX_RECORD_BYTES) {
            json_error_t why = e;
            snprintf(why.text, sizeof why.text, "invalid JSON: %.100s (column %d)",
                     e.text, e.column);
            fail_document(r, st, b, &why);
            return NULL;
        }
        want = avail * 2;
    }
}

static void emit_tree(batch *b, uint64_t line, json_t *obj, json_t *parent_id);

static void emit_replies(batch *b, uint64_t line, json_t *replies, json_t *id)
{
    size_t i;
    json_t *reply;
    json_array_foreach(replies, i, reply) emit_tree(b, line, reply, id);
}

/* One comment and, depth first, its replies. Replies carry the line of
 * the top-level element: jansson does not tell where nested values are. */
static void emit_tree(batch *b, uint64_t line, json_t *obj, json_t *parent_id)
{
    record *rec = batch_add(b, line);
    rec->json = json_incref(obj);
    if (!json_is_object(obj)) {
        record_fail(b, rec, "a JSON element that is not an object");
        return;
    }
    json_t *c = json_object_get(obj, "comments");
    json_t *replies = json_is_object(c) ? json_object_get(c, "data") : c;
    if (json_is_array(replies)) {
        json_incref(replies);
        json_object_del(obj, "comments"); /* replies become records */
    } else {
        replies = NULL;
    }
    if (parent_id && !json_object_get(obj, "parent_id"))
        json_object_set(obj, "parent_id", parent_id);
    if (replies) {
        emit_replies(b, line, replies, json_object_get(obj, "id"));
        json_decref(replies);
    }
}

static void read_element(reader *r, json_state *st, batch *b)
{
    int c = peek(r, st);
    if (c == ']') {
        advance(r, st, 1);
        st->state = st->in_data ? JS_KEYS : JS_DONE;
        st->first = 0;
        return;
    }
    if (!st->first && c == ',') {
        advance(r, st, 1);
        c = peek(r, st);
    }
    st->first = 0;
    if (c < 0) {
        json_error_t e = {.line = 1, .column = 0};
        snprintf(e.text, sizeof e.text, "invalid JSON: the array is not closed with ]");
        fail_document(r, st, b, &e);
        return;
    }
    uint64_t line = r->line + 1;
    json_t *j = decode(r, st, b);
    if (j) {
        emit_tree(b, line, j, NULL);
        json_decref(j);
    }
}

/* One member of the top-level object; "data": [ starts the elements. */
static void read_member(reader *r, json_state *st, batch *b)
{
    int c = peek(r, st);
    if (c == '}' || c < 0) {
        st->state = JS_DONE;
        if (!st->saw_data) {
            json_error_t e = {.line = 1, .column = 0};
            snprintf(e.text, sizeof e.text,
                     "the object has no \"data\": [...] array of comments");
            fail_document(r, st, b, &e);
        }
        return;
    }
    if (!st->first && c == ',')
        advance(r, st, 1);
    st->first = 0;
    peek(r, st);
    json_t *key = decode(r, st, b);
    if (!key)
        return;
    int is_data = json_is_string(key) && strcmp(json_string_value(key), "data") == 0;
    json_decref(key);
    if (peek(r, st) == ':')
        advance(r, st, 1);
    if (is_data && peek(r, st) == '[') {
        advance(r, st, 1);
        st->state = JS_ELEMS;
        st->in_data = st->first = st->saw_data = 1;
        return;
    }
    peek(r, st);
    json_decref(decode(r, st, b)); /* paging and other members */
}

static void start(reader *r, json_state *st, batch *b)
{
    if (ensure(r, st, 3) >= 3 && memcmp(st->win.p, "\xEF\xBB\xBF", 3) == 0)
        st->pos = 3;
    int c = peek(r, st);
    st->first = 1;
    if (c == '[' || c == '{') {
        advance(r, st, 1);
        st->state = c == '[' ? JS_ELEMS : JS_KEYS;
        return;
    }
    st->state = JS_DONE;
    if (c >= 0) {
        json_error_t e = {.line = 1, .column = 0};
        snprintf(e.text, sizeof e.text,
                 "not a JSON export: expected an array [...] or an object "
                 "{\"data\": [...]}");
        fail_document(r, st, b, &e);
    }
}

int json_fill(reader *r, batch *b)
{
    if (!r->js)
        r->js = xcalloc(1, sizeof(json_state));
    json_state *st = r->js;
    /* Elements are whole trees: a smaller batch keeps memory bounded. */
    while (st->state != JS_DONE && b->nrecs < BATCH_RECORDS / 8) {
        switch (st->state) {
        case JS_START: start(r, st, b); break;
        case JS_KEYS: read_member(r, st, b); break;
        case JS_ELEMS: read_element(r, st, b); break;
        }
    }
    return (int)b->nrecs;
}

void json_close(reader *r)
{
    if (!r->js)
        return;
    sbuf_free(&r->js->win);
    free(r->js);
    r->js = NULL;
}
