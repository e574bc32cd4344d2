/*
 * output.c - serialises verdicts as JSON (the `scan` contract) and as CSV
 * cells. Hand-written because it is on the hot path and only writes.
 */
#include "output.h"

#include <string.h>

static const char *const flag_names[] = {
    "escalate", "redact", "invalid_utf8", "truncated",
    "limit", "offtopic", "too_many_matches"};

int category_listed(const char *list, const char *category)
{
    if (!list || !category)
        return 0;
    if (strcmp(list, "*") == 0)
        return 1;
    size_t n = strlen(category);
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, category, n) == 0)
            return 1;
        p += len + (comma != NULL);
    }
    return 0;
}

void out_flags(sbuf *o, unsigned flags)
{
    sbuf_addc(o, '[');
    int first = 1;
    for (unsigned i = 0; i < sizeof flag_names / sizeof *flag_names; i++) {
        if (!(flags & (1u << i)))
            continue;
        if (!first)
            sbuf_addc(o, ',');
        first = 0;
        sbuf_addc(o, '"');
        sbuf_adds(o, flag_names[i]);
        sbuf_addc(o, '"');
    }
    sbuf_addc(o, ']');
}

static void out_str(sbuf *o, const char *s)
{
    sbuf_add_json_str(o, s ? s : "", s ? strlen(s) : 0);
}

static void out_match(sbuf *o, const smmod_verdict *v, size_t i,
                      const char *text, const redact_cfg *rd)
{
    const char *cat = smmod_verdict_match_category(v, i);
    size_t start = smmod_verdict_match_start(v, i);
    size_t end = smmod_verdict_match_end(v, i);
    sbuf_adds(o, "{\"rule\":");
    out_str(o, smmod_verdict_match_rule(v, i));
    sbuf_adds(o, ",\"category\":");
    out_str(o, cat);
    sbuf_adds(o, ",\"start\":");
    sbuf_addu(o, start);
    sbuf_adds(o, ",\"end\":");
    sbuf_addu(o, end);
    sbuf_adds(o, ",\"text\":");
    if (rd && category_listed(rd->categories, cat))
        out_str(o, rd->mask);
    else
        sbuf_add_json_str(o, text + start, end > start ? end - start : 0);
    sbuf_addc(o, '}');
}

void out_verdict(sbuf *o, const smmod_verdict *v, const char *text,
                 const redact_cfg *rd)
{
    sbuf_adds(o, "{\"action\":\"");
    sbuf_adds(o, action_name(smmod_verdict_action(v)));
    sbuf_adds(o, "\",\"score\":");
    sbuf_addi(o, smmod_verdict_score(v));
    sbuf_adds(o, ",\"categories\":[");
    size_t nc = smmod_verdict_category_count(v);
    for (size_t i = 0; i < nc; i++) {
        if (i)
            sbuf_addc(o, ',');
        out_str(o, smmod_verdict_category(v, i));
    }
    sbuf_adds(o, "],\"flags\":");
    out_flags(o, smmod_verdict_flags(v));
    sbuf_adds(o, ",\"matches\":[");
    size_t nm = smmod_verdict_match_count(v);
    for (size_t i = 0; i < nm; i++) {
        if (i)
            sbuf_addc(o, ',');
        out_match(o, v, i, text, rd);
    }
    sbuf_adds(o, "]}");
}

static const char *const smmod_cols[] = {"smmod_action", "smmod_score",
                                         "smmod_categories", "smmod_rules"};

static void add_smmod_cols(sbuf *o, char delim)
{
    for (size_t i = 0; i < 4; i++) {
        sbuf_addc(o, delim);
        sbuf_adds(o, smmod_cols[i]);
    }
    sbuf_adds(o, "\r\n");
}

void out_csv_header(sbuf *o, const char *const *cols, size_t n, char delim)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            sbuf_addc(o, delim);
        sbuf_add_csv_field(o, cols[i], strlen(cols[i]), delim);
    }
    add_smmod_cols(o, delim);
}

void out_csv_generic_header(sbuf *o)
{
    sbuf_adds(o, "line,id,parent_id,text");
    add_smmod_cols(o, ',');
}

/* Rule ids of the matches, each once, space-separated. Ids and category
 * codes are made of a-z A-Z 0-9 _ . - (rules/README.md), so they need no
 * CSV quoting. */
static void add_rule_list(sbuf *o, const smmod_verdict *v)
{
    size_t nm = smmod_verdict_match_count(v);
    int first = 1;
    for (size_t i = 0; i < nm; i++) {
        const char *id = smmod_verdict_match_rule(v, i);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(smmod_verdict_match_rule(v, k), id) == 0;
        if (seen)
            continue;
        if (!first)
            sbuf_addc(o, ' ');
        first = 0;
        sbuf_adds(o, id);
    }
}

void out_csv_verdict_cells(sbuf *o, const smmod_verdict *v, char delim)
{
    sbuf_addc(o, delim);
    sbuf_adds(o, action_name(smmod_verdict_action(v)));
    sbuf_addc(o, delim);
    sbuf_addi(o, smmod_verdict_score(v));
    sbuf_addc(o, delim);
    size_t nc = smmod_verdict_category_count(v);
    for (size_t i = 0; i < nc; i++) {
        if (i)
            sbuf_addc(o, ' ');
        sbuf_adds(o, smmod_verdict_category(v, i));
    }
    sbuf_addc(o, delim);
    add_rule_list(o, v);
    sbuf_adds(o, "\r\n");
}
