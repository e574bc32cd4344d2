/*
 * scan.c - one scan: limit the text, compute the views the ruleset needs,
 * run word rules, regexes, detectors and the topic check, then decide.
 */
#include <string.h>

#include "alloc.h"
#include "scanner.h"

/* Longest prefix of text[0..max) that ends on a character boundary. */
static size_t utf8_prefix(const char *text, size_t len, size_t max)
{
    size_t n = len < max ? len : max, back = 0;
    /* back up over at most 3 continuation bytes: a UTF-8 character is at
     * most 4 bytes; in invalid text, cut anywhere */
    while (n > 0 && n < len && back < 3 &&
           ((unsigned char)text[n] & 0xC0) == 0x80) {
        n--;
        back++;
    }
    return back == 3 && ((unsigned char)text[n] & 0xC0) == 0x80 ? n + 3 : n;
}

static int run_regex(smmod_scanner *sc, uint32_t ri)
{
    const smmod__rule *r = &sc->rs->rules.items[ri];
    const smmod__view *v = &sc->views[r->view];
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
    size_t at = 0;
    int first = 1, rc = 0;
    while (at <= v->len) {
        uint32_t os, oe;
        int n = pcre2_match(r->re, (PCRE2_SPTR)v->text, v->len, at, 0, sc->md,
                            sc->mc);
        if (n == PCRE2_ERROR_NOMATCH)
            break;
        if (n < 0) {
            sc->verdict.flags |= SMMOD_FLAG_LIMIT; /* never a silent allow */
            break;
        }
        if (ov[1] > ov[0]) {
            smmod__view_span(v, ov[0], ov[1], &os, &oe);
            rc = smmod__verdict_add(sc, ri, r->pattern, os, oe, r->view, first);
            first = 0;
        }
        if (rc || (int64_t)sc->verdict.match_count >= sc->limits.max_matches)
            break;
        at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
        while (at < v->len && ((unsigned char)v->text[at] & 0xC0) == 0x80)
            at++; /* an empty match advances by a whole character */
    }
    return rc;
}

/* Regexes run only where the literal prefilter says they can match
 * (pf_seen was filled during the word scan; without a prefilter, as the
 * differential test has it, all of them run). */
static int run_regexes(smmod_scanner *sc)
{
    const smmod__prefilter *pf = sc->rs->prefilter;
    int rc = 0;
    if (pf) { /* every regex rule was added to the prefilter */
        size_t pos = 0;
        uint32_t i;
        while (rc == 0 && smmod__prefilter_next(pf, sc->views, sc->pf_seen,
                                                   &pos, &i))
            rc = run_regex(sc, i);
        return rc;
    }
    for (uint32_t i = 0; rc == 0 && i < sc->rs->rules.count; i++)
        if (sc->rs->rules.items[i].kind == SMMOD__RULE_REGEX)
            rc = run_regex(sc, i);
    return rc;
}

/* See scanner.h. */
int smmod__scan_literals(smmod_scanner *sc)
{
    const smmod__prefilter *pf = sc->rs->prefilter;
    smmod__prefilter_ctx pfc;
    smmod__ac_job jobs[SMMOD__V_COUNT];
    size_t n = 0;
    int rc;
    if (pf)
        n = smmod__prefilter_jobs(pf, sc->views, sc->pf_seen, &pfc, jobs);
    rc = smmod__scan_words(sc, n ? jobs : NULL, n);
    if (rc == 0 && pf)
        smmod__prefilter_runs(pf, sc->views, sc->pf_seen);
    return rc;
}

typedef struct detect_ctx {
    smmod_scanner *sc;
    int view; /* the view the detectors read */
    int rc;
} detect_ctx;

static int on_detect(void *ctx, unsigned detector, size_t start, size_t end,
                     int kind)
{
    detect_ctx *d = ctx;
    smmod_scanner *sc = d->sc;
    const smmod__view *v = &sc->views[d->view];
    uint32_t os, oe;
    if (end <= start || end > v->len)
        return 0;
    smmod__view_span(v, start, end, &os, &oe);
    for (uint32_t i = 0; d->rc == 0 && i < sc->rs->rules.count; i++) {
        const smmod__rule *r = &sc->rs->rules.items[i];
        if (r->kind != SMMOD__RULE_DETECT || !(r->detectors & detector))
            continue;
        d->rc = smmod__verdict_add(sc, i, smmod__detector_name(detector), os,
                                   oe, d->view,
                                   smmod__first_time(sc, sc->rule_stamp, i));
        if (kind == SMMOD__URL_DENIED && sc->cat_action[r->category] <
                                             SMMOD_REVIEW + 1)
            sc->cat_action[r->category] = SMMOD_REVIEW + 1;
    }
    return d->rc;
}

/* The detectors of the plain view, then those of the raw view
 * (SMMOD__DET_RAW_VIEW: shouting, where case matters). */
static int run_detectors(smmod_scanner *sc)
{
    const smmod_ruleset *rs = sc->rs;
    unsigned masks[2] = {rs->detect_mask & ~SMMOD__DET_RAW_VIEW,
                         rs->detect_mask & SMMOD__DET_RAW_VIEW};
    const int views[2] = {SMMOD__V_PLAIN, SMMOD__V_RAW};
    for (int k = 0; k < 2; k++) {
        detect_ctx d = {sc, views[k], 0};
        const smmod__view *v = &sc->views[views[k]];
        if (!masks[k])
            continue;
        smmod__detect_run(masks[k], &rs->allow_domains, &rs->deny_domains,
                          v->text, v->len, on_detect, &d);
        if (d.rc)
            return d.rc;
    }
    return 0;
}

/* Comments with fewer words than this are never off-topic: short replies
 * ("Danke!", "Wann?") need no keyword. */
#define SMMOD__OFFTOPIC_MIN_WORDS 12

static void check_topic(smmod_scanner *sc)
{
    const smmod_ruleset *rs = sc->rs;
    const smmod__view *v = &sc->views[SMMOD__V_FOLDED];
    const smmod__topic *t;
    size_t words = 0;
    if (sc->topic < 0)
        return;
    for (size_t i = 0; i < v->len; i++)
        if (smmod__word_at(v->text, v->len, i) &&
            !smmod__word_before(v->text, v->len, i))
            words++;
    if (words < SMMOD__OFFTOPIC_MIN_WORDS)
        return;
    t = &rs->topics.items[sc->topic];
    for (size_t k = 0; k < t->term_count; k++) {
        const char *kw = rs->topic_terms.items[t->first_term + k];
        if (*kw && memmem(v->text, v->len, kw, strlen(kw)))
            return;
    }
    sc->verdict.flags |= SMMOD_FLAG_OFFTOPIC;
    int cat = smmod__ruleset_find_category(rs, "offtopic");
    if (cat >= 0 && sc->cat_action[cat] == 0)
        sc->cat_action[cat] = SMMOD_REVIEW + 1;
}

static int scan_all(smmod_scanner *sc, const char *text, size_t len)
{
    unsigned kinds = sc->rs->views_needed & ~sc->rs->lazy_views;
    if (!kinds)
        kinds = 1u << SMMOD__V_RAW;
    int rc = smmod__normalize(sc->rs->norm, kinds, text, len, sc->views);
    for (int k = 0; rc == 0 && k < SMMOD__V_COUNT; k++)
        if ((kinds & (1u << k)) &&
            (sc->views[k].flags & SMMOD__VIEWF_INVALID_UTF8))
            sc->verdict.flags |= SMMOD_FLAG_INVALID_UTF8;
    if (rc == 0)
        rc = smmod__scan_literals(sc);
    if (rc == 0)
        rc = run_regexes(sc);
    if (rc == 0)
        rc = run_detectors(sc);
    if (rc == 0)
        check_topic(sc);
    return rc;
}

int smmod_scan(smmod_scanner *sc, const char *text, size_t len,
               const smmod_verdict **out)
{
    size_t n;
    int rc;
    if (out)
        *out = NULL;
    if (!sc || !out || (!text && len))
        return SMMOD_EINVAL;
    if (!text)
        text = "";
    n = len;
    if ((int64_t)len > sc->limits.max_comment_bytes)
        n = utf8_prefix(text, len, (size_t)sc->limits.max_comment_bytes);
    smmod__verdict_reset(sc, len);
    if (n < len)
        sc->verdict.flags |= SMMOD_FLAG_TRUNCATED;
    rc = scan_all(sc, text, n);
    if (rc)
        return rc;
    smmod__verdict_decide(sc);
    *out = &sc->verdict;
    return SMMOD_OK;
}
