/*
 * bench_scan.c - throughput of the whole scan with a real ruleset, stage by
 * stage: normalisation of each view, the word automata, and end to end,
 * plus the ruleset's compile time, allocations per scan and (with -r) the
 * cost of every regex rule run alone on its view.
 *
 *   bench_scan [-r|-d|-s] CORPUS [RULES] [ROUNDS]
 *
 * CORPUS: one comment a line. RULES: default rules/de/default.rules.
 * Times are CPU time of this thread (meaningful on a busy machine); each
 * figure is the best of ROUNDS (default 3) passes. Allocations are counted
 * by defining the library's allocator here (the archive's alloc.o is then
 * not linked), as tests/unit/test_noalloc.c does. With -d it only checks
 * that every comment gets the same verdict with and without the regex
 * prefilter (exit 1 on a difference). With -s it prints one line for
 * scripts: compile ms, end-to-end MB/s and comments/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "helper_bench.h"
#include "scanner.h"

/* ---- counting allocator (replaces lib/alloc.c in this program) ---- */
static size_t n_allocs;

void *smmod__malloc(size_t size)
{
    n_allocs++;
    return malloc(size ? size : 1);
}
void *smmod__calloc(size_t count, size_t size)
{
    n_allocs++;
    return calloc(count ? count : 1, size ? size : 1);
}
void *smmod__realloc(void *ptr, size_t size)
{
    n_allocs++;
    return realloc(ptr, size ? size : 1);
}
void smmod__free(void *ptr) { free(ptr); }

/* ---- corpus ---- */
typedef struct line {
    const char *p;
    size_t n;
} line;

static line *split(char *text, size_t len, size_t *count)
{
    size_t n = 0, cap = 1024, i = 0;
    line *v = malloc(cap * sizeof *v);
    while (v && i < len) {
        char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (n == cap && !(v = realloc(v, (cap *= 2) * sizeof *v)))
            break;
        v[n].p = text + i;
        v[n++].n = end - i;
        i = end + 1;
    }
    *count = n;
    return v;
}

typedef struct ctx {
    smmod_ruleset *rs;
    smmod_scanner *sc;
    line *lines;
    size_t count, bytes;
    int rounds;
} ctx;

enum stage { ST_NORM, ST_WORDS, ST_PREFILTER, ST_LITERALS, ST_DETECT, ST_SCAN };

static int no_detect(void *ctx, unsigned detector, size_t start, size_t end,
                     int kind)
{
    (void)detector, (void)start, (void)end, (void)kind;
    ++*(size_t *)ctx;
    return 0;
}

static double pass(ctx *c, int stage, unsigned kinds, size_t *flagged)
{
    double t0 = bench_now();
    *flagged = 0;
    for (size_t i = 0; i < c->count; i++) {
        const smmod_verdict *v;
        if (stage == ST_SCAN) {
            if (smmod_scan(c->sc, c->lines[i].p, c->lines[i].n, &v) != 0)
                exit(1);
            *flagged += smmod_verdict_action(v) != SMMOD_ALLOW;
            continue;
        }
        if (smmod__normalize(c->rs->norm, kinds, c->lines[i].p,
                             c->lines[i].n, c->sc->views) != 0)
            exit(1);
        if (stage == ST_WORDS) {
            smmod__verdict_reset(c->sc, c->lines[i].n);
            if (smmod__scan_words(c->sc, NULL, 0) != 0)
                exit(1);
        } else if (stage == ST_PREFILTER) {
            smmod__prefilter_scan(c->rs->prefilter, c->sc->views,
                                  c->sc->pf_seen);
        } else if (stage == ST_LITERALS) {
            smmod__verdict_reset(c->sc, c->lines[i].n);
            if (smmod__scan_literals(c->sc) != 0)
                exit(1);
        } else if (stage == ST_DETECT) {
            /* as scan.c does: the shouting detector reads the raw view */
            const smmod__view *v = &c->sc->views[SMMOD__V_PLAIN];
            const smmod__view *raw = &c->sc->views[SMMOD__V_RAW];
            smmod__detect_run(c->rs->detect_mask & ~SMMOD__DET_RAW_VIEW,
                              &c->rs->allow_domains, &c->rs->deny_domains,
                              v->text, v->len, no_detect, flagged);
            smmod__detect_run(c->rs->detect_mask & SMMOD__DET_RAW_VIEW, NULL,
                              NULL, raw->text, raw->len, no_detect, flagged);
        }
    }
    return bench_now() - t0;
}

static double best(ctx *c, int stage, unsigned kinds, size_t *flagged)
{
    double b = 1e30;
    for (int r = 0; r < c->rounds; r++) {
        double s = pass(c, stage, kinds, flagged);
        if (s < b)
            b = s;
    }
    return b;
}

static void row(const ctx *c, const char *name, double s)
{
    printf("  %-34s %9.1f MB/s %11.0f comments/s %8.2f us/comment\n", name,
           (double)c->bytes / s / 1e6, (double)c->count / s,
           s / (double)c->count * 1e6);
}

static const char *const view_names[SMMOD__V_COUNT] = {
    "raw", "plain", "folded", "folded-nojoin", "folded-nocollapse",
    "folded-neither"};

static void stages(ctx *c)
{
    size_t fl;
    unsigned need = c->rs->views_needed & ~c->rs->lazy_views;
    char name[96];
    printf("stages (views needed:");
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        if (need & (1u << k))
            printf(" %s", view_names[k]);
    printf(")\n");
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        if (c->rs->lazy_views & (1u << k))
            printf("  (%s: computed only when a trigger occurs)\n",
                   view_names[k]);
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        if (need & (1u << k)) {
            snprintf(name, sizeof name, "normalise %s", view_names[k]);
            row(c, name, best(c, ST_NORM, 1u << k, &fl));
        }
    row(c, "normalise all needed views", best(c, ST_NORM, need, &fl));
    row(c, "  + word automata", best(c, ST_WORDS, need, &fl));
    row(c, "  + regex prefilter's own automata", best(c, ST_PREFILTER, need, &fl));
    row(c, "  + both, side by side", best(c, ST_LITERALS, need, &fl));
    row(c, "normalise raw, plain + detectors",
        best(c, ST_DETECT, 1u << SMMOD__V_PLAIN | 1u << SMMOD__V_RAW, &fl));
    row(c, "end to end (smmod_scan)", best(c, ST_SCAN, need, &fl));
    printf("  flagged %zu of %zu comments\n", fl, c->count);
}

/* Each regex rule alone on its (already normalised) view. */
static void regex_costs(ctx *c)
{
    const smmod_ruleset *rs = c->rs;
    printf("regex rules alone (first match only, view precomputed), and "
           "how often the prefilter lets them run:\n");
    for (size_t ri = 0; ri < rs->rules.count; ri++) {
        const smmod__rule *r = &rs->rules.items[ri];
        double t = 0;
        size_t hits = 0, runs = 0;
        if (r->kind != SMMOD__RULE_REGEX)
            continue;
        for (size_t i = 0; i < c->count; i++) {
            const smmod__view *v = &c->sc->views[r->view];
            double t0;
            smmod__normalize(rs->norm, rs->views_needed, c->lines[i].p,
                             c->lines[i].n, c->sc->views);
            /* the word automata report the prefilter's exported literals */
            smmod__verdict_reset(c->sc, c->lines[i].n);
            if (smmod__scan_literals(c->sc) != 0)
                exit(1);
            runs += smmod__prefilter_pass(rs->prefilter, c->sc->views,
                                          c->sc->pf_seen, (uint32_t)ri);
            t0 = bench_now();
            hits += pcre2_match(r->re, (PCRE2_SPTR)v->text, v->len, 0, 0,
                                c->sc->md, c->sc->mc) >= 0;
            t += bench_now() - t0;
        }
        printf("  %-28s %8.1f MB/s %6zu matched %6zu run (clauses %x)\n",
               r->id, (double)c->bytes / t / 1e6, hits, runs,
               smmod__prefilter_need(rs->prefilter, (uint32_t)ri));
    }
}

/* A verdict as one comparable string. */
static void describe(const smmod_verdict *v, char *buf, size_t cap)
{
    size_t o = (size_t)snprintf(buf, cap, "%d %u %d |", smmod_verdict_action(v),
                                smmod_verdict_flags(v), smmod_verdict_score(v));
    for (size_t m = 0; m < smmod_verdict_match_count(v) && o < cap; m++)
        o += (size_t)snprintf(buf + o, cap - o, " %s %zu-%zu %d",
                              smmod_verdict_match_rule(v, m),
                              smmod_verdict_match_start(v, m),
                              smmod_verdict_match_end(v, m),
                              smmod_verdict_match_score(v, m));
}

static int differential(ctx *c)
{
    static char a[8192], b[8192];
    smmod__prefilter *pf = c->rs->prefilter;
    unsigned lazy = c->rs->lazy_views;
    size_t diffs = 0;
    for (size_t i = 0; i < c->count; i++) {
        const smmod_verdict *v;
        c->rs->prefilter = pf;
        c->rs->lazy_views = lazy;
        smmod_scan(c->sc, c->lines[i].p, c->lines[i].n, &v);
        describe(v, a, sizeof a);
        c->rs->prefilter = NULL; /* every regex runs */
        c->rs->lazy_views = 0;   /* every view is computed */
        smmod_scan(c->sc, c->lines[i].p, c->lines[i].n, &v);
        describe(v, b, sizeof b);
        if (strcmp(a, b) != 0 && diffs++ < 10)
            printf("DIFF line %zu: %.*s\n  with prefilter: %s\n  without:        %s\n",
                   i + 1, (int)c->lines[i].n, c->lines[i].p, a, b);
    }
    c->rs->prefilter = pf;
    c->rs->lazy_views = lazy;
    printf("prefilter and lazy views differential: %zu of %zu comments differ; %zu regexes "
           "filtered\n", diffs, c->count, smmod__prefilter_filtered(pf));
    return diffs != 0;
}

static double compile_time(const char *rules, int rounds)
{
    double b = 1e30;
    for (int r = 0; r < rounds; r++) {
        smmod_ruleset *rs = NULL;
        double t0 = bench_now();
        if (smmod_ruleset_load(&rs, rules, NULL, NULL) != 0)
            exit(1);
        t0 = bench_now() - t0;
        smmod_ruleset_free(rs);
        if (t0 < b)
            b = t0;
    }
    return b;
}

static void allocations(ctx *c)
{
    size_t fl, before;
    pass(c, ST_SCAN, 0, &fl); /* warm-up: buffers reach their size */
    before = n_allocs;
    pass(c, ST_SCAN, 0, &fl);
    printf("allocations per scan after warm-up: %.4f (%zu in %zu scans)\n",
           (double)(n_allocs - before) / (double)c->count,
           n_allocs - before, c->count);
}

int main(int argc, char **argv)
{
    int regex = argc > 1 && strcmp(argv[1], "-r") == 0;
    int diff = argc > 1 && strcmp(argv[1], "-d") == 0;
    int brief = argc > 1 && strcmp(argv[1], "-s") == 0;
    int o = regex || diff || brief;
    const char *corpus = argc > 1 + o ? argv[1 + o] : NULL;
    const char *rules = argc > 2 + o ? argv[2 + o] : "rules/de/default.rules";
    ctx c = {0};
    size_t len = 0;
    char *text;
    smmod_error *err = NULL;
    c.rounds = argc > 3 + o ? atoi(argv[3 + o]) : 3;
    if (!corpus || !(text = bench_slurp(corpus, &len))) {
        fprintf(stderr, "usage: bench_scan [-r] CORPUS [RULES] [ROUNDS]\n");
        return 2;
    }
    c.lines = split(text, len, &c.count);
    for (size_t i = 0; i < c.count; i++)
        c.bytes += c.lines[i].n + 1;
    smmod_error_new(&err);
    if (smmod_ruleset_load(&c.rs, rules, NULL, err) != 0 ||
        smmod_scanner_new(&c.sc, c.rs) != 0) {
        fprintf(stderr, "%s\n", smmod_error_message(err));
        return 1;
    }
    if (diff)
        return differential(&c);
    if (brief) {
        size_t fl;
        double ms = compile_time(rules, 2) * 1e3;
        double s = best(&c, ST_SCAN, 0, &fl);
        printf("compile_ms=%.1f mbps=%.1f comments_per_s=%.0f flagged=%zu\n",
               ms, (double)c.bytes / s / 1e6, (double)c.count / s, fl);
        return 0;
    }
    printf("corpus %s: %.2f MB, %zu comments\n", corpus, (double)c.bytes / 1e6,
           c.count);
    printf("compile %s: %.1f ms (CPU, best of 5)\n", rules,
           compile_time(rules, 5) * 1e3);
    stages(&c);
    allocations(&c);
    if (regex)
        regex_costs(&c);
    smmod_scanner_free(c.sc);
    smmod_ruleset_free(c.rs);
    smmod_error_free(err);
    free(c.lines);
    free(text);
    return 0;
}
