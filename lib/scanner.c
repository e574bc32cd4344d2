/*
 * scanner.c - the life cycle of a smmod_scanner: its scratch memory, PCRE2
 * match data and limits, the active topic, and views for tools.
 */
#include "scanner.h"

#include <string.h>

#include "alloc.h"

static int alloc_scratch(smmod_scanner *sc)
{
    const smmod_ruleset *rs = sc->rs;
    sc->term_stamp = smmod__calloc(rs->terms.count + 1, sizeof(uint32_t));
    sc->rule_stamp = smmod__calloc(rs->rules.count + 1, sizeof(uint32_t));
    sc->cat_score = smmod__calloc(rs->categories.count + 1, sizeof(int));
    sc->cat_action = smmod__calloc(rs->categories.count + 1, sizeof(int));
    sc->pf_seen = smmod__calloc(smmod__prefilter_seen_len(rs->prefilter),
                                sizeof(uint32_t));
    sc->verdict.cats = smmod__calloc(rs->categories.count + 1,
                                     sizeof(*sc->verdict.cats));
    if (!sc->term_stamp || !sc->rule_stamp || !sc->cat_score ||
        !sc->cat_action || !sc->pf_seen || !sc->verdict.cats)
        return SMMOD_ENOMEM;
    return 0;
}

static int alloc_pcre(smmod_scanner *sc)
{
    sc->md = pcre2_match_data_create(1, sc->rs->pcre_gc);
    sc->mc = pcre2_match_context_create(sc->rs->pcre_gc);
    sc->jit_stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024,
                                           sc->rs->pcre_gc);
    if (!sc->md || !sc->mc || !sc->jit_stack)
        return SMMOD_ENOMEM;
    pcre2_jit_stack_assign(sc->mc, NULL, sc->jit_stack);
    pcre2_set_match_limit(sc->mc, (uint32_t)sc->limits.regex_match_limit);
    pcre2_set_depth_limit(sc->mc, (uint32_t)sc->limits.regex_depth_limit);
    pcre2_set_heap_limit(sc->mc, (uint32_t)sc->limits.regex_heap_limit_kb);
    return 0;
}

int smmod_scanner_new(smmod_scanner **out, smmod_ruleset *rs)
{
    smmod_scanner *sc;
    int rc;
    if (!out)
        return SMMOD_EINVAL;
    *out = NULL;
    if (!rs)
        return SMMOD_EINVAL;
    sc = smmod__calloc(1, sizeof(*sc));
    if (!sc)
        return SMMOD_ENOMEM;
    sc->rs = smmod_ruleset_ref(rs);
    sc->limits = rs->limits;
    sc->topic = -1;
    sc->verdict.rs = rs;
    for (int v = 0; v < SMMOD__V_COUNT; v++)
        smmod__view_init(&sc->views[v]);
    rc = alloc_scratch(sc);
    if (rc == 0)
        rc = alloc_pcre(sc);
    if (rc) {
        smmod_scanner_free(sc);
        return rc;
    }
    *out = sc;
    return SMMOD_OK;
}

void smmod_scanner_free(smmod_scanner *sc)
{
    if (!sc)
        return;
    for (int v = 0; v < SMMOD__V_COUNT; v++)
        smmod__view_free(&sc->views[v]);
    smmod__free(sc->hits.items);
    smmod__free(sc->allowed.items);
    smmod__free(sc->allowed_max_end);
    smmod__free(sc->term_stamp);
    smmod__free(sc->rule_stamp);
    smmod__free(sc->cat_score);
    smmod__free(sc->cat_action);
    smmod__free(sc->pf_seen);
    smmod__free(sc->verdict.matches);
    smmod__free(sc->verdict.cats);
    pcre2_match_data_free(sc->md);
    pcre2_match_context_free(sc->mc);
    pcre2_jit_stack_free(sc->jit_stack);
    smmod_ruleset_free(sc->rs);
    smmod__free(sc);
}

smmod_ruleset *smmod_scanner_ruleset(const smmod_scanner *sc)
{
    return sc ? sc->rs : NULL;
}

int smmod_scanner_set_limit(smmod_scanner *sc, int key, int64_t value)
{
    int rc;
    if (!sc)
        return SMMOD_EINVAL;
    switch (key) {
    case SMMOD_OPT_MAX_COMMENT_BYTES:
    case SMMOD_OPT_REGEX_MATCH_LIMIT:
    case SMMOD_OPT_REGEX_DEPTH_LIMIT:
    case SMMOD_OPT_REGEX_HEAP_LIMIT_KB:
    case SMMOD_OPT_MAX_MATCHES:
        break;
    default:
        return SMMOD_EINVAL;
    }
    rc = smmod__limits_set(&sc->limits, key, value);
    if (rc == 0) {
        pcre2_set_match_limit(sc->mc, (uint32_t)sc->limits.regex_match_limit);
        pcre2_set_depth_limit(sc->mc, (uint32_t)sc->limits.regex_depth_limit);
        pcre2_set_heap_limit(sc->mc,
                             (uint32_t)sc->limits.regex_heap_limit_kb);
    }
    return rc;
}

int smmod_scanner_set_topic(smmod_scanner *sc, const char *topic)
{
    if (!sc)
        return SMMOD_EINVAL;
    if (!topic) {
        sc->topic = -1;
        return SMMOD_OK;
    }
    for (size_t i = 0; i < sc->rs->topics.count; i++)
        if (strcmp(sc->rs->topics.items[i].name, topic) == 0) {
            sc->topic = (int)i;
            return SMMOD_OK;
        }
    return SMMOD_ENOTFOUND;
}

int smmod_scanner_view(smmod_scanner *sc, int view, const char *text,
                       size_t len, char *buf, size_t cap, size_t *out_len)
{
    smmod__view *v;
    int rc;
    if (!sc || !out_len || (!text && len) || (!buf && cap) || view < 0 ||
        view >= SMMOD__V_COUNT)
        return SMMOD_EINVAL;
    rc = smmod__normalize(sc->rs->norm, 1u << view, text ? text : "", len,
                          sc->views);
    if (rc)
        return rc;
    v = &sc->views[view];
    *out_len = v->len;
    if (cap < v->len + 1)
        return SMMOD_ERANGE;
    memcpy(buf, v->text, v->len);
    buf[v->len] = '\0';
    return SMMOD_OK;
}
