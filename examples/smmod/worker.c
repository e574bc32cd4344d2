/*
 * worker.c - processes one batch: per record, get the text (by format),
 * scan it, count the verdict, and write the output record (JSONL or CSV),
 * the audit line and any malformed-record report into the batch.
 */
#include "worker.h"

#include <string.h>
#include <time.h>

/* The text of one record, however it was stored. */
typedef struct rec_text {
    const char *p;
    size_t len;
    json_t *root;   /* jsonl: parsed here, freed after the record */
    json_t *holder; /* json/jsonl: object holding the text field */
    const char *key;
} rec_text;

int worker_init(worker *w, const scan_ctx *ctx)
{
    memset(w, 0, sizeof *w);
    w->ctx = ctx;
    if (smmod_scanner_new(&w->sc, ctx->rs) < 0) {
        msg("cannot create a scanner: out of memory");
        return EXIT_USAGE;
    }
    const char *topic = ctx->args->topic;
    if (topic && smmod_scanner_set_topic(w->sc, topic) < 0) {
        msg("unknown topic '%s' (see smmod rules list)", topic);
        return EXIT_USAGE;
    }
    stats_init(&w->st, ctx->rs, ctx->detail);
    return 0;
}

void worker_free(worker *w)
{
    smmod_scanner_free(w->sc);
    stats_free(&w->st);
    sbuf_free(&w->redacted);
    sbuf_free(&w->tmp);
}

/* ---- malformed records ------------------------------------------------ */

static void report(worker *w, batch *b, const record *r, const char *why,
                   size_t why_len)
{
    sbuf_printf(&b->msgs, "smmod: %s:%llu: malformed record: %.*s\n",
                b->source, (unsigned long long)r->line, (int)why_len, why);
    w->st.malformed++;
    if (!w->ctx->args->errors_path)
        return;
    if (r->raw_len) {
        sbuf_add(&b->errors, b->data.p + r->raw_off, r->raw_len);
    } else if (r->json) {
        char *s = json_dumps(r->json, JSON_COMPACT);
        if (s)
            sbuf_adds(&b->errors, s);
        free(s);
    }
    sbuf_addc(&b->errors, '\n');
}

static void report_str(worker *w, batch *b, const record *r, const char *why)
{
    report(w, b, r, why, strlen(why));
}

/* ---- getting the text ------------------------------------------------- */

/* Follow a dotted path; returns the object holding the last key. */
static json_t *walk_path(json_t *root, const char *path, const char **key,
                         sbuf *tmp)
{
    sbuf_clear(tmp);
    sbuf_adds(tmp, path);
    sbuf_addc(tmp, '\0');
    char *p = tmp->p, *dot;
    json_t *obj = root;
    while ((dot = strchr(p, '.')) != NULL) {
        *dot = '\0';
        obj = json_object_get(obj, p);
        if (!json_is_object(obj))
            return NULL;
        p = dot + 1;
    }
    *key = path + (p - tmp->p);
    return obj;
}

/* 0 and t->p/len set, or -1 with *why set. */
static int json_text(worker *w, json_t *root, rec_text *t, const char **why)
{
    const char *field = w->ctx->args->text_field;
    const char *path = field ? field : "text";
    if (!json_is_object(root)) {
        *why = "the record is not a JSON object";
        return -1;
    }
    t->holder = walk_path(root, path, &t->key, &w->tmp);
    json_t *v = t->holder ? json_object_get(t->holder, t->key) : NULL;
    if (!v && !field) {
        t->holder = root; /* Graph-API exports call it "message" */
        t->key = "message";
        v = json_object_get(root, "message");
    }
    if (json_is_null(v)) {
        t->p = "";
        t->len = 0;
        return 0;
    }
    if (!json_is_string(v)) {
        *why = v ? "the text field is not a string" : "the record has no text field";
        return -1;
    }
    t->p = json_string_value(v);
    t->len = json_string_length(v);
    return 0;
}

static int jsonl_text(worker *w, batch *b, record *r, rec_text *t)
{
    json_error_t e;
    t->root = json_loadb(b->data.p + r->raw_off, r->raw_len, 0, &e);
    if (!t->root) {
        char why[256];
        int n = snprintf(why, sizeof why, "invalid JSON: %s (column %d)",
                         e.text, e.column);
        report(w, b, r, why, (size_t)n < sizeof why ? (size_t)n : sizeof why - 1);
        return -1;
    }
    const char *why;
    if (json_text(w, t->root, t, &why) < 0) {
        report_str(w, b, r, why);
        return -1;
    }
    return 0;
}

static int record_text(worker *w, batch *b, record *r, rec_text *t)
{
    memset(t, 0, sizeof *t);
    const char *why;
    switch (b->format) {
    case FMT_JSONL:
        return jsonl_text(w, b, r, t);
    case FMT_JSON:
        if (json_text(w, r->json, t, &why) < 0) {
            report_str(w, b, r, why);
            return -1;
        }
        return 0;
    case FMT_CSV: {
        const field *f = &b->fields[r->field_first + (size_t)b->text_col];
        t->p = b->data.p + f->off;
        t->len = f->len;
        return 0;
    }
    default:
        t->p = b->data.p + r->text_off;
        t->len = r->text_len;
        return 0;
    }
}

/* ---- redaction ---------------------------------------------------------- */

/* The text to write: redacted when --redact is on. */
static void output_text(worker *w, const smmod_verdict *v, const rec_text *t,
                        const char **p, size_t *len)
{
    *p = t->p;
    *len = t->len;
    const redact_cfg *rd = &w->ctx->redact;
    if (!rd->categories)
        return;
    size_t need = 0;
    int rc = smmod_redact(v, t->p, t->len, rd->categories, rd->mask,
                          w->redacted.p, w->redacted.cap, &need);
    if (rc == SMMOD_ERANGE) {
        sbuf_reserve(&w->redacted, need + 1);
        rc = smmod_redact(v, t->p, t->len, rd->categories, rd->mask,
                          w->redacted.p, w->redacted.cap, &need);
    }
    if (rc == 0) {
        *p = w->redacted.p;
        *len = need;
    }
}

/* ---- output records ----------------------------------------------------- */

/* Append `obj` (a JSON object's text ending in '}') with the verdict as its
 * last member. */
static void splice_verdict(worker *w, sbuf *o, const char *obj, size_t len,
                           const smmod_verdict *v, const char *text)
{
    while (len && obj[len - 1] != '}')
        len--; /* trailing blanks */
    size_t inner = len - 1;
    sbuf_add(o, obj, inner);
    size_t k = inner;
    while (k && (obj[k - 1] == ' ' || obj[k - 1] == '\t' || obj[k - 1] == '\n'))
        k--;
    if (k && obj[k - 1] != '{')
        sbuf_addc(o, ',');
    sbuf_adds(o, "\"verdict\":");
    out_verdict(o, v, text, &w->ctx->redact);
    sbuf_adds(o, "}\n");
}

static void write_json_record(worker *w, batch *b, record *r, rec_text *t,
                              const smmod_verdict *v, const char *text,
                              size_t len)
{
    json_t *obj = t->root ? t->root : r->json;
    int rewrite = b->format == FMT_JSON || text != t->p ||
                  json_object_get(obj, "verdict") != NULL;
    if (!rewrite) {
        splice_verdict(w, &b->out, b->data.p + r->raw_off, r->raw_len, v, t->p);
        return;
    }
    /* match texts come from the original, which the redacted string
     * replaces in the object: keep it alive until they are written */
    json_t *original = json_incref(json_object_get(t->holder, t->key));
    if (text != t->p)
        json_object_set_new(t->holder, t->key, json_stringn(text, len));
    json_object_del(obj, "verdict");
    char *s = json_dumps(obj, JSON_COMPACT);
    if (s) {
        splice_verdict(w, &b->out, s, strlen(s), v, t->p);
        free(s);
    }
    json_decref(original);
}

static void write_csv_as_json(worker *w, batch *b, record *r,
                              const smmod_verdict *v, const char *text,
                              size_t len)
{
    sbuf *o = &b->out;
    sbuf_adds(o, "{\"line\":");
    sbuf_addu(o, r->line);
    for (size_t i = 0; i < r->nfields && i < b->ncols; i++) {
        const field *f = &b->fields[r->field_first + i];
        sbuf_addc(o, ',');
        sbuf_add_json_str(o, b->header[i], strlen(b->header[i]));
        sbuf_addc(o, ':');
        if ((long)i == b->text_col)
            sbuf_add_json_str(o, text, len);
        else
            sbuf_add_json_str(o, b->data.p + f->off, f->len);
    }
    sbuf_adds(o, ",\"verdict\":");
    const field *tf = &b->fields[r->field_first + (size_t)b->text_col];
    out_verdict(o, v, b->data.p + tf->off, &w->ctx->redact);
    sbuf_adds(o, "}\n");
}

static void write_jsonl(worker *w, batch *b, record *r, rec_text *t,
                        const smmod_verdict *v, const char *text, size_t len)
{
    sbuf *o = &b->out;
    if (b->format == FMT_JSONL || b->format == FMT_JSON) {
        write_json_record(w, b, r, t, v, text, len);
    } else if (b->format == FMT_CSV) {
        write_csv_as_json(w, b, r, v, text, len);
    } else {
        sbuf_adds(o, "{\"line\":");
        sbuf_addu(o, r->line);
        sbuf_adds(o, ",\"text\":");
        sbuf_add_json_str(o, text, len);
        sbuf_adds(o, ",\"verdict\":");
        out_verdict(o, v, t->p, &w->ctx->redact);
        sbuf_adds(o, "}\n");
    }
}

/* A JSON member as a CSV cell (strings unquoted, others as JSON). */
static void json_cell(sbuf *o, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v)) {
        sbuf_add_csv_field(o, json_string_value(v), json_string_length(v), ',');
    } else if (v && !json_is_null(v)) {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (s)
            sbuf_add_csv_field(o, s, strlen(s), ',');
        free(s);
    }
}

static void write_csv(batch *b, record *r, rec_text *t, const smmod_verdict *v,
                      const char *text, size_t len, char delim)
{
    sbuf *o = &b->out;
    if (b->format == FMT_CSV) {
        for (size_t i = 0; i < r->nfields; i++) {
            const field *f = &b->fields[r->field_first + i];
            if (i)
                sbuf_addc(o, delim);
            if ((long)i == b->text_col)
                sbuf_add_csv_field(o, text, len, delim);
            else
                sbuf_add_csv_field(o, b->data.p + f->off, f->len, delim);
        }
        out_csv_verdict_cells(o, v, delim);
        return;
    }
    json_t *obj = t->root ? t->root : r->json;
    sbuf_addu(o, r->line);
    sbuf_addc(o, ',');
    if (obj)
        json_cell(o, obj, "id");
    sbuf_addc(o, ',');
    if (obj)
        json_cell(o, obj, "parent_id");
    sbuf_addc(o, ',');
    sbuf_add_csv_field(o, text, len, ',');
    out_csv_verdict_cells(o, v, ',');
}

/* ---- audit ------------------------------------------------------------- */

static void audit_id(sbuf *o, batch *b, record *r, rec_text *t)
{
    json_t *obj = t->root ? t->root : r->json;
    json_t *id = obj ? json_object_get(obj, "id") : NULL;
    if (json_is_string(id)) {
        sbuf_add_json_str(o, json_string_value(id), json_string_length(id));
    } else if (json_is_integer(id)) {
        sbuf_addi(o, (long long)json_integer_value(id));
    } else if (b->format == FMT_CSV && b->id_col >= 0 &&
               (size_t)b->id_col < r->nfields) {
        const field *f = &b->fields[r->field_first + (size_t)b->id_col];
        sbuf_add_json_str(o, b->data.p + f->off, f->len);
    } else {
        sbuf_adds(o, "null");
    }
}

static void write_audit(worker *w, batch *b, record *r, rec_text *t,
                        const smmod_verdict *v)
{
    sbuf *o = &b->audit;
    sbuf_adds(o, "{\"record\":");
    audit_id(o, b, r, t);
    sbuf_adds(o, ",\"file\":");
    sbuf_add_json_str(o, b->source, strlen(b->source));
    sbuf_adds(o, ",\"line\":");
    sbuf_addu(o, r->line);
    sbuf_adds(o, ",\"action\":\"");
    sbuf_adds(o, action_name(smmod_verdict_action(v)));
    sbuf_adds(o, "\",\"score\":");
    sbuf_addi(o, smmod_verdict_score(v));
    sbuf_adds(o, ",\"rules\":[");
    size_t nm = smmod_verdict_match_count(v);
    for (size_t i = 0; i < nm; i++) {
        if (i)
            sbuf_addc(o, ',');
        const char *id = smmod_verdict_match_rule(v, i);
        sbuf_add_json_str(o, id, strlen(id));
    }
    sbuf_adds(o, "],\"fingerprint\":\"");
    sbuf_adds(o, smmod_verdict_fingerprint(v));
    sbuf_adds(o, "\",\"time\":\"");
    sbuf_adds(o, w->now);
    sbuf_adds(o, "\"}\n");
}

/* ---- the record loop ----------------------------------------------------- */

static void emit(worker *w, batch *b, record *r, rec_text *t,
                 const smmod_verdict *v)
{
    const scan_args *a = w->ctx->args;
    if (a->audit_path)
        write_audit(w, b, r, t, v);
    if (!w->ctx->write_output)
        return;
    if (!(a->only_mask & (1 << smmod_verdict_action(v))))
        return;
    const char *text;
    size_t len;
    output_text(w, v, t, &text, &len);
    if (a->output == OUT_CSV)
        write_csv(b, r, t, v, text, len, b->format == FMT_CSV ? b->delim : ',');
    else
        write_jsonl(w, b, r, t, v, text, len);
    w->st.written++;
}

static void process(worker *w, batch *b, record *r)
{
    w->st.read++;
    if (r->err_len) {
        report(w, b, r, b->notes.p + r->err_off, r->err_len);
        return;
    }
    rec_text t;
    if (record_text(w, b, r, &t) < 0) {
        json_decref(t.root);
        return;
    }
    const smmod_verdict *v = NULL;
    if (smmod_scan(w->sc, t.p, t.len, &v) < 0 || !v) {
        report_str(w, b, r, "could not be scanned (out of memory)");
        json_decref(t.root);
        return;
    }
    stats_add_verdict(&w->st, v, w->ctx->rules);
    if (smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8)
        report_str(w, b, r, "invalid UTF-8 (scanned anyway)");
    if (w->ctx->write_output || w->ctx->args->audit_path)
        emit(w, b, r, &t, v);
    json_decref(t.root);
}

static void stamp_time(worker *w)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(w->now, sizeof w->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void worker_run(worker *w, batch *b)
{
    if (w->ctx->args->audit_path)
        stamp_time(w);
    for (size_t i = 0; i < b->nrecs; i++)
        process(w, b, &b->recs[i]);
}
