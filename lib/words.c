/*
 * words.c - word-rule matching: runs each view's automaton once, checks
 * every hit against its term's edges (whole word with German inflection
 * endings, exact, compound head, compound tail, infix), drops hits that lie
 * inside an allowed word, and records the rest in the verdict.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "scanner.h"

/* Inflection endings accepted after a whole-word or compound-tail term, as
 * they appear in the views (collapsed forms like "inen" for "innen" are
 * listed too). Sorted by nothing; the list is short. */
static const char *const endings[] = {
    "e", "em", "en", "er", "es", "n", "s", "ns", "ens", "ern",
    "in", "innen", "inen", "ere", "eren", "erem", "erer", "eres",
    "st", "ste", "sten", "stem", "ster", "stes",
    "est", "este", "esten", "estem", "ester", "estes", NULL};

/* After an umlauted stem (dümmer, Säue) an ending is required. */
static int is_ending(const char *s, size_t n, int variant)
{
    if (n == 0)
        return !variant;
    if (n > 5)
        return 0;
    for (int i = 0; endings[i]; i++)
        if (strlen(endings[i]) == n && memcmp(endings[i], s, n) == 0)
            return 1;
    return 0;
}

/* End of the word that continues at `pos`. */
static size_t word_end(const smmod__view *v, size_t pos)
{
    while (pos < v->len && smmod__word_at(v->text, v->len, pos)) {
        unsigned char c = (unsigned char)v->text[pos];
        pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return pos > v->len ? v->len : pos;
}

/* Start of the word that ends at `pos`. */
static size_t word_start(const smmod__view *v, size_t pos)
{
    while (pos > 0 && smmod__word_before(v->text, v->len, pos)) {
        pos--;
        while (pos > 0 && ((unsigned char)v->text[pos] & 0xC0) == 0x80)
            pos--;
    }
    return pos;
}

/* Whether the edges of a hit [s, e) of a term with `anchor` fit: a word
 * start on the left where the term needs one, nothing more of the word on
 * the right for an exact term, and for a term with endings a rest of the
 * word that `ending_ok` accepts. */
static int edges_fit(const smmod__view *v, int anchor, size_t s, size_t e,
                     int (*ending_ok)(const smmod__view *, size_t, int),
                     int variant)
{
    if ((anchor == SMMOD__ANCHOR_WHOLE || anchor == SMMOD__ANCHOR_EXACT ||
         anchor == SMMOD__ANCHOR_PREFIX) &&
        smmod__word_before(v->text, v->len, s))
        return 0;
    switch (anchor) {
    case SMMOD__ANCHOR_EXACT:
        return !smmod__word_at(v->text, v->len, e);
    case SMMOD__ANCHOR_WHOLE:
    case SMMOD__ANCHOR_SUFFIX:
        return ending_ok(v, e, variant);
    default:
        return 1;
    }
}

/* Whether the rest of the word after e is an inflection ending. */
static int plain_ending(const smmod__view *v, size_t e, int variant)
{
    return is_ending(v->text + e, word_end(v, e) - e, variant);
}

/* Whether a hit [s, e) of a term with `anchor` stands where it may. */
static int edges_ok(const smmod__view *v, int anchor, int variant, size_t s,
                    size_t e)
{
    return edges_fit(v, anchor, s, e, plain_ending, variant);
}

/* Whether the rest of the word after e in FOLDED can be an ending as
 * collapsing leaves it: as it is, or with its first letter eaten by the
 * same letter ending the term (pisser + ern). The umlaut variant's need
 * for an ending is not checked: a trigger may fire too often, never too
 * rarely. */
static int squashed_ending(const smmod__view *v, size_t e, int variant)
{
    (void)variant; /* a trigger may fire too often, never too rarely */
    char buf[6];
    size_t n = word_end(v, e) - e;
    if (is_ending(v->text + e, n, 0))
        return 1;
    if (n >= sizeof buf || e == 0)
        return 0;
    buf[0] = v->text[e - 1];
    memcpy(buf + 1, v->text + e, n);
    return is_ending(buf, n + 1, 0);
}

/* Whether a trigger hit [s, e) in FOLDED (a squashed no-collapse term) may
 * stand where a match of the term in the no-collapse view would: the same
 * left edge, and for a term with endings a rest of the word that
 * collapsing could have made of an ending. Without this, "nute" in
 * "Minute" and "asi" in "Basis" computed the no-collapse view for most
 * comments. */
static int trigger_edges_ok(const smmod__view *v, int anchor, size_t s,
                            size_t e)
{
    return edges_fit(v, anchor, s, e, squashed_ending, 0);
}

typedef struct hit_ctx {
    smmod_scanner *sc;
    const smmod__view_matcher *m;
    const smmod__view *v;
    int view;
    int oom;
} hit_ctx;

static int push_allowed(smmod_scanner *sc, uint32_t s, uint32_t e)
{
    smmod__span *span = SMMOD__VEC_PUSH(sc->allowed);
    if (!span)
        return SMMOD_ENOMEM;
    span->start = s;
    span->end = e;
    return 0;
}

static int on_hit(void *ctx, uint32_t value, size_t end, size_t len)
{
    hit_ctx *h = ctx;
    const smmod__ac_entry *entry = &h->m->entries[value];
    const smmod__term *t;
    size_t start = end - len;
    uint32_t os, oe;
    smmod__hit *hit;
    if (entry->variant == SMMOD__ENTRY_PREFILTER) {
        if (h->sc->rs->prefilter) /* not when a test turned it off */
            smmod__prefilter_literal(h->sc->rs->prefilter, h->sc->pf_seen,
                                     entry->term);
        return 0;
    }
    t = &h->sc->rs->terms.items[entry->term];
    if (entry->variant == SMMOD__ENTRY_TRIGGER) {
        if (trigger_edges_ok(h->v, t->anchor, start, end))
            h->sc->triggered |= 1u << SMMOD__V_FOLDED_NOCOLLAPSE;
        return 0;
    }
    if (!edges_ok(h->v, t->anchor, entry->variant, start, end))
        return 0;
    /* Report the whole word (Idioten, Dreckskerl, Oberscheißer): that is
     * what a moderator reads and what redaction must remove, and an
     * allowed word then covers every hit inside it. */
    start = word_start(h->v, start);
    end = word_end(h->v, end);
    smmod__view_span(h->v, start, end, &os, &oe);
    if (t->rule == SMMOD__NO_RULE) {
        h->oom = push_allowed(h->sc, os, oe);
        return h->oom;
    }
    hit = SMMOD__VEC_PUSH(h->sc->hits);
    if (!hit) {
        h->oom = SMMOD_ENOMEM;
        return 1;
    }
    hit->term = entry->term;
    hit->start = os;
    hit->end = oe;
    hit->view = (uint16_t)h->view;
    return 0;
}

static int by_span_start(const void *a, const void *b)
{
    const smmod__span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort allowed spans and compute prefix maxima of their ends. */
static int prepare_allowed(smmod_scanner *sc)
{
    size_t n = sc->allowed.count;
    uint32_t max = 0;
    if (n == 0)
        return 0;
    if (n > 1)
        qsort(sc->allowed.items, n, sizeof(*sc->allowed.items), by_span_start);
    if (smmod__grow((void **)&sc->allowed_max_end, &sc->allowed_max_cap, n,
                    sizeof(*sc->allowed_max_end)))
        return SMMOD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (sc->allowed.items[i].end > max)
            max = sc->allowed.items[i].end;
        sc->allowed_max_end[i] = max;
    }
    return 0;
}

/* Whether [s, e) lies inside some allowed span. */
static int is_allowed(const smmod_scanner *sc, uint32_t s, uint32_t e)
{
    size_t lo = 0, hi = sc->allowed.count;
    while (lo < hi) { /* first span starting after s */
        size_t mid = (lo + hi) / 2;
        if (sc->allowed.items[mid].start <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && sc->allowed_max_end[lo - 1] >= e;
}

static int record_hits(smmod_scanner *sc)
{
    const smmod_ruleset *rs = sc->rs;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sc->hits.count; i++) {
        const smmod__hit *h = &sc->hits.items[i];
        const smmod__term *t = &rs->terms.items[h->term];
        if (is_allowed(sc, h->start, h->end))
            continue;
        rc = smmod__verdict_add(sc, t->rule, t->source, h->start, h->end,
                                h->view,
                                smmod__first_time(sc, sc->term_stamp, h->term));
    }
    return rc;
}

static void hit_ctx_init(hit_ctx *h, smmod_scanner *sc, int view)
{
    h->sc = sc;
    h->m = &sc->rs->matchers[view];
    h->v = &sc->views[view];
    h->view = view;
    h->oom = 0;
}

static void hit_job(hit_ctx *h, smmod__ac_job *j)
{
    j->ac = h->m->ac;
    j->text = (const uint8_t *)h->v->text;
    j->len = h->v->len;
    j->fn = on_hit;
    j->ctx = h;
}

/* The lazy views whose trigger was seen (after the FOLDED view, which
 * holds the triggers, was scanned). */
static int scan_lazy_views(smmod_scanner *sc)
{
    const smmod_ruleset *rs = sc->rs;
    unsigned due = rs->word_views & rs->lazy_views & sc->triggered;
    for (int view = 0; view < SMMOD__V_COUNT; view++) {
        hit_ctx h;
        int rc;
        if (!(due & (1u << view)))
            continue; /* no term of this view can match */
        if ((rc = smmod__normalize_variant(rs->norm, view, sc->views)))
            return rc;
        hit_ctx_init(&h, sc, view);
        smmod__ac_scan(h.m->ac, (const uint8_t *)h.v->text, h.v->len, on_hit,
                       &h);
        if (h.oom)
            return SMMOD_ENOMEM;
    }
    return 0;
}

int smmod__scan_words(smmod_scanner *sc, const smmod__ac_job *extra,
                      size_t nextra)
{
    const smmod_ruleset *rs = sc->rs;
    unsigned eager = rs->word_views & ~rs->lazy_views;
    hit_ctx h[SMMOD__V_COUNT];
    smmod__ac_job jobs[2 * SMMOD__V_COUNT];
    size_t n = 0;
    int rc = 0;
    sc->hits.count = 0;
    sc->allowed.count = 0;
    sc->triggered = 0;
    for (int view = 0; view < SMMOD__V_COUNT; view++)
        if (eager & (1u << view)) {
            hit_ctx_init(&h[view], sc, view);
            hit_job(&h[view], &jobs[n++]);
        }
    for (size_t k = 0; k < nextra && n < 2 * SMMOD__V_COUNT; k++)
        jobs[n++] = extra[k];
    smmod__ac_scan_jobs(jobs, n);
    for (int view = 0; view < SMMOD__V_COUNT; view++)
        if ((eager & (1u << view)) && h[view].oom)
            return SMMOD_ENOMEM;
    if ((rc = scan_lazy_views(sc)))
        return rc;
    rc = prepare_allowed(sc);
    return rc ? rc : record_hits(sc);
}
