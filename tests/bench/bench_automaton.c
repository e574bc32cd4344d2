/*
 * bench_automaton.c - micro-benchmark of lib/automaton.c: builds automata
 * from German words and random strings and scans a corpus with them.
 *
 *   bench_automaton [CORPUS] [DICT] [WORDLIST]
 *
 * CORPUS defaults to ../shared/bench/peers/corpus/germeval.txt (make it
 * with shared/bench/peers/make_corpus.sh), DICT to /usr/share/dict/ngerman
 * (Debian package wngerman, GPL-2), WORDLIST to the peers' 74-term list.
 * Everything is lower-cased (ASCII and the German umlauts) first, as the
 * folded view is. For each set it prints the build time, the automaton's
 * memory, the hits in one pass and the best MB/s of several passes.
 * Speed is measured here, never in unit tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "automaton.h"

typedef struct {
    uint8_t *p;
    size_t len;
} buf;

typedef struct {
    buf *v;
    size_t n, cap;
} wordlist;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "bench_automaton: out of memory\n");
        exit(2);
    }
    return p;
}

/* ASCII and UTF-8 Ä Ö Ü (C3 84/96/9C) to lower case, in place. */
static void lower(uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] += 32;
        else if (s[i] == 0xc3 && i + 1 < n &&
                 (s[i + 1] == 0x84 || s[i + 1] == 0x96 || s[i + 1] == 0x9c))
            s[++i] += 0x20;
    }
}

static int read_file(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 20, n = 0, r;
    uint8_t *p;
    if (!f)
        return -1;
    p = xrealloc(NULL, cap);
    while ((r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            p = xrealloc(p, cap *= 2);
    }
    fclose(f);
    out->p = p;
    out->len = n;
    return 0;
}

static void push(wordlist *w, const uint8_t *p, size_t len)
{
    if (w->n == w->cap)
        w->v = xrealloc(w->v, (w->cap = w->cap ? 2 * w->cap : 1024) *
                                  sizeof *w->v);
    w->v[w->n].p = xrealloc(NULL, len);
    memcpy(w->v[w->n].p, p, len);
    w->v[w->n++].len = len;
}

static void lines(wordlist *w, const buf *b)
{
    size_t s = 0;
    for (size_t i = 0; i <= b->len; i++)
        if (i == b->len || b->p[i] == '\n') {
            if (i > s)
                push(w, b->p + s, i - s);
            s = i + 1;
        }
}

static void wl_free(wordlist *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].p);
    free(w->v);
    memset(w, 0, sizeof *w);
}

static uint64_t g_rng = 0x9e3779b97f4a7c15u;
static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (uint32_t)(g_rng >> 32);
}

/* n patterns: `from_dict` of them random dictionary words (length >= 3),
 * the rest random lower-case strings of 4..10 letters. */
static wordlist pick(const wordlist *dict, size_t n, size_t from_dict)
{
    wordlist w = {0};
    uint8_t tmp[16];
    while (w.n < n) {
        if (w.n < from_dict && dict->n) {
            const buf *d = &dict->v[rnd() % dict->n];
            if (d->len >= 3)
                push(&w, d->p, d->len);
        } else {
            size_t len = 4 + rnd() % 7;
            for (size_t k = 0; k < len; k++)
                tmp[k] = (uint8_t)('a' + rnd() % 26);
            push(&w, tmp, len);
        }
    }
    return w;
}

static int count_hit(void *ctx, uint32_t value, size_t end, size_t len)
{
    (void)value;
    (void)end;
    (void)len;
    ++*(size_t *)ctx;
    return 0;
}

static void run(const char *name, const wordlist *w, const buf *text)
{
    smmod__ac_builder *b;
    smmod__ac *ac;
    size_t hits = 0, bytes = 0, tot = 0;
    double t0, tb, best = 1e9;
    if (smmod__ac_builder_new(&b))
        exit(2);
    t0 = now();
    for (size_t i = 0; i < w->n; i++)
        if (smmod__ac_builder_add(b, w->v[i].p, w->v[i].len, (uint32_t)i))
            exit(2);
    if (smmod__ac_build(b, &ac)) {
        fprintf(stderr, "%s: build failed\n", name);
        exit(2);
    }
    tb = now() - t0;
    smmod__ac_builder_free(b);
    smmod__ac_scan(ac, text->p, text->len, count_hit, &hits);
    /* best of passes, at least ~0.3 s of scanning in all */
    for (int pass = 0; pass < 50 && (pass < 5 || bytes < 300000000); pass++) {
        size_t h = 0;
        double t = now(), d;
        smmod__ac_scan(ac, text->p, text->len, count_hit, &h);
        d = now() - t;
        if (d < best)
            best = d;
        bytes += text->len;
    }
    for (size_t i = 0; i < w->n; i++)
        tot += w->v[i].len;
    printf("%-12s %8zu pats %9zu B  build %7.1f ms  mem %7.2f MB"
           "  hits %8zu  %7.1f MB/s\n",
           name, w->n, tot, tb * 1e3, (double)smmod__ac_memory(ac) / 1e6,
           hits, (double)text->len / best / 1e6);
    smmod__ac_free(ac);
}

int main(int argc, char **argv)
{
    const char *corpus = argc > 1 ? argv[1]
                                  : "../shared/bench/peers/corpus/germeval.txt";
    const char *dictf = argc > 2 ? argv[2] : "/usr/share/dict/ngerman";
    const char *wlf = argc > 3 ? argv[3] : "../shared/bench/peers/wordlist-de.txt";
    buf text, raw;
    wordlist dict = {0}, terms = {0}, w;
    static const struct {
        const char *name;
        size_t n, from_dict;
    } sets[] = {
        {"dict 1k", 1000, 1000},       {"dict 5k", 5000, 5000},
        {"dict 100k", 100000, 100000}, {"random 1k", 1000, 0},
        {"random 100k", 100000, 0},    {"mixed 1M", 1000000, 300000},
    };
    if (read_file(corpus, &text)) {
        fprintf(stderr, "bench_automaton: cannot read %s (run "
                        "shared/bench/peers/make_corpus.sh)\n", corpus);
        return 2;
    }
    lower(text.p, text.len);
    if (read_file(dictf, &raw) == 0) {
        lower(raw.p, raw.len);
        lines(&dict, &raw);
        free(raw.p);
    }
    printf("corpus %s: %.2f MB; dictionary %zu words\n", corpus,
           (double)text.len / 1e6, dict.n);
    if (read_file(wlf, &raw) == 0) {
        lower(raw.p, raw.len);
        lines(&terms, &raw);
        free(raw.p);
        run("wordlist-de", &terms, &text);
        wl_free(&terms);
    }
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        if (sets[i].from_dict && !dict.n)
            continue;
        w = pick(&dict, sets[i].n, sets[i].from_dict);
        run(sets[i].name, &w, &text);
        wl_free(&w);
    }
    wl_free(&dict);
    free(text.p);
    return 0;
}
