/*
 * test_automaton.c - cmocka suite for lib/automaton.c (the Aho-Corasick
 * matcher): fixed cases (overlaps, nesting, duplicates, stop, binary
 * bytes), several scans at once (smmod__ac_scan_jobs), differential tests against naive references on seeded random
 * patterns and texts (small sets with memcmp, large sets - which push the
 * automaton past its dense-table budget into sparse states - with a sorted
 * pattern table), and allocation-failure handling.
 *
 * Allocation failures: this file defines the four heap primitives of
 * lib/alloc.h itself, so the linker never pulls alloc.o from the static
 * library and
 * the automaton allocates through the counting, failure-injecting versions
 * below (no link-time flags needed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "automaton.h"
#include "smmod.h"

/* ---- allocator with failure injection ---------------------------------- */

static long g_fail_at = -1; /* the n-th allocation from now fails; -1 never */
static long g_live;         /* blocks currently allocated */

static int alloc_fails(void)
{
    if (g_fail_at < 0)
        return 0;
    return g_fail_at-- == 0;
}

void *smmod__malloc(size_t size)
{
    void *p;
    if (alloc_fails())
        return NULL;
    p = malloc(size ? size : 1);
    g_live += p != NULL;
    return p;
}

void *smmod__calloc(size_t count, size_t size)
{
    void *p;
    if (alloc_fails())
        return NULL;
    p = calloc(count ? count : 1, size ? size : 1);
    g_live += p != NULL;
    return p;
}

void *smmod__realloc(void *ptr, size_t size)
{
    void *p;
    if (alloc_fails())
        return NULL;
    p = realloc(ptr, size ? size : 1);
    g_live += p != NULL && ptr == NULL;
    return p;
}

void smmod__free(void *ptr)
{
    g_live -= ptr != NULL;
    free(ptr);
}




/* ---- hits -------------------------------------------------------------- */

typedef struct {
    size_t end, len;
    uint32_t value;
} hit;

typedef struct {
    hit *v;
    size_t n, cap;
    size_t stop_after; /* return non-zero at this many hits; 0 never */
    int out_of_order;
} hits;

static void hits_push(hits *h, uint32_t value, size_t end, size_t len)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->v = realloc(h->v, h->cap * sizeof *h->v);
        assert_non_null(h->v);
    }
    h->v[h->n].end = end;
    h->v[h->n].len = len;
    h->v[h->n].value = value;
    h->n++;
}

static int on_hit(void *ctx, uint32_t value, size_t end, size_t len)
{
    hits *h = ctx;
    if (h->n && h->v[h->n - 1].end > end)
        h->out_of_order = 1;
    hits_push(h, value, end, len);
    return h->stop_after && h->n >= h->stop_after;
}

static int hit_cmp(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->value > y->value) - (x->value < y->value);
}

static void hits_sort(hits *h)
{
    if (h->n)
        qsort(h->v, h->n, sizeof *h->v, hit_cmp);
}

static void assert_same_hits(hits *got, hits *want)
{
    hits_sort(got);
    hits_sort(want);
    assert_int_equal(got->n, want->n);
    for (size_t i = 0; i < got->n; i++) {
        assert_int_equal(got->v[i].end, want->v[i].end);
        assert_int_equal(got->v[i].len, want->v[i].len);
        assert_int_equal(got->v[i].value, want->v[i].value);
    }
}

/* ---- pattern sets -------------------------------------------------------- */

typedef struct {
    uint8_t *bytes;
    size_t len;
    uint32_t value;
} pat;

typedef struct {
    pat *v;
    size_t n;
} patset;

static void patset_free(patset *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->v[i].bytes);
    free(ps->v);
    ps->v = NULL;
    ps->n = 0;
}

static smmod__ac *build(const patset *ps)
{
    smmod__ac_builder *b = NULL;
    smmod__ac *ac = NULL;
    assert_int_equal(smmod__ac_builder_new(&b), 0);
    for (size_t i = 0; i < ps->n; i++)
        assert_int_equal(smmod__ac_builder_add(b, ps->v[i].bytes,
                                               ps->v[i].len, ps->v[i].value),
                         0);
    assert_int_equal(smmod__ac_build(b, &ac), 0);
    smmod__ac_builder_free(b);
    assert_non_null(ac);
    assert_int_equal(smmod__ac_pattern_count(ac), ps->n);
    assert_true(smmod__ac_memory(ac) > 0);
    return ac;
}

/* Builds from NUL-terminated strings; value = index. */
static smmod__ac *build_strs(const char *const *s, size_t n)
{
    patset ps = {calloc(n ? n : 1, sizeof(pat)), n};
    smmod__ac *ac;
    assert_non_null(ps.v);
    for (size_t i = 0; i < n; i++) {
        ps.v[i].len = strlen(s[i]);
        ps.v[i].bytes = malloc(ps.v[i].len + 1);
        assert_non_null(ps.v[i].bytes);
        memcpy(ps.v[i].bytes, s[i], ps.v[i].len);
        ps.v[i].value = (uint32_t)i;
    }
    ac = build(&ps);
    patset_free(&ps);
    return ac;
}

static hits scan(const smmod__ac *ac, const void *text, size_t len)
{
    hits h = {0};
    assert_int_equal(smmod__ac_scan(ac, text, len, on_hit, &h), 0);
    assert_false(h.out_of_order);
    return h;
}

/* Reference 1: every pattern at every position. */
static hits naive(const patset *ps, const uint8_t *text, size_t len)
{
    hits h = {0};
    for (size_t i = 0; i < ps->n; i++)
        for (size_t s = 0; s + ps->v[i].len <= len; s++)
            if (!memcmp(text + s, ps->v[i].bytes, ps->v[i].len))
                hits_push(&h, ps->v[i].value, s + ps->v[i].len,
                          ps->v[i].len);
    return h;
}

static int pat_cmp(const void *a, const void *b)
{
    const pat *x = a, *y = b;
    int c = memcmp(x->bytes, y->bytes, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* Reference 2, for large sets: look every (start, length) substring up in
 * the sorted set, for each length that some pattern has. */
static hits sorted_ref(const patset *ps, const uint8_t *text, size_t len)
{
    hits h = {0};
    pat *sorted = malloc(ps->n * sizeof *sorted);
    uint8_t has_len[64] = {0};
    assert_non_null(sorted);
    memcpy(sorted, ps->v, ps->n * sizeof *sorted);
    qsort(sorted, ps->n, sizeof *sorted, pat_cmp);
    for (size_t i = 0; i < ps->n; i++) {
        assert_true(ps->v[i].len < 64);
        has_len[ps->v[i].len] = 1;
    }
    for (size_t s = 0; s < len; s++) {
        for (size_t l = 1; l < 64 && s + l <= len; l++) {
            pat key = {(uint8_t *)text + s, l, 0};
            pat *m;
            if (!has_len[l])
                continue;
            m = bsearch(&key, sorted, ps->n, sizeof *sorted, pat_cmp);
            if (!m)
                continue;
            while (m > sorted && !pat_cmp(m - 1, &key))
                m--;
            for (; m < sorted + ps->n && !pat_cmp(m, &key); m++)
                hits_push(&h, m->value, s + l, l);
        }
    }
    free(sorted);
    return h;
}

/* ---- random data ------------------------------------------------------- */

static uint64_t g_rng;

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13; /* xorshift64 */
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (uint32_t)(g_rng >> 32);
}

/* Bytes from an alphabet of `sigma` symbols; sigma 256 = any byte. A small
 * alphabet gives many overlapping and nested occurrences. */
static uint8_t rnd_byte(unsigned sigma)
{
    static const uint8_t small[] = {'a', 'b', 0x00, 0xff, 'c', 0xc3, 'd'};
    if (sigma >= 256)
        return (uint8_t)rnd();
    return small[rnd() % (sigma < sizeof small ? sigma : sizeof small)];
}

/* One in `dup_every` patterns repeats (a prefix of) an earlier one; large
 * sets use a high value, else short repeats get thousands of copies. */
static patset rnd_patset(size_t n, size_t minlen, size_t maxlen,
                         unsigned sigma, uint32_t dup_every)
{
    patset ps = {calloc(n ? n : 1, sizeof(pat)), n};
    assert_non_null(ps.v);
    for (size_t i = 0; i < n; i++) {
        if (i && rnd() % dup_every == 0) { /* a duplicate, or a prefix */
            pat *o = &ps.v[rnd() % i];
            ps.v[i].len = rnd() % 2 ? o->len : 1 + rnd() % o->len;
            ps.v[i].bytes = malloc(ps.v[i].len);
            assert_non_null(ps.v[i].bytes);
            memcpy(ps.v[i].bytes, o->bytes, ps.v[i].len);
        } else {
            ps.v[i].len = minlen + rnd() % (maxlen - minlen + 1);
            ps.v[i].bytes = malloc(ps.v[i].len);
            assert_non_null(ps.v[i].bytes);
            for (size_t k = 0; k < ps.v[i].len; k++)
                ps.v[i].bytes[k] = rnd_byte(sigma);
        }
        ps.v[i].value = rnd();
    }
    return ps;
}

/* A text of random bytes and pieces of patterns, so occurrences are
 * frequent and the automaton goes deep into its trie. */
static uint8_t *rnd_text(const patset *ps, size_t len, unsigned sigma)
{
    uint8_t *t = malloc(len ? len : 1);
    size_t i = 0;
    assert_non_null(t);
    while (i < len) {
        if (ps->n && rnd() % 3) {
            const pat *p = &ps->v[rnd() % ps->n];
            size_t from = rnd() % 4 == 0 ? rnd() % p->len : 0;
            for (size_t k = from; k < p->len && i < len; k++)
                t[i++] = p->bytes[k];
        } else {
            t[i++] = rnd_byte(sigma);
        }
    }
    return t;
}

/* ---- fixed cases --------------------------------------------------------- */

static void test_overlapping_nested(void **state)
{
    static const char *const p[] = {"he", "she", "his", "hers"};
    smmod__ac *ac = build_strs(p, 4);
    hits h = scan(ac, "ushers", 6);
    (void)state;
    assert_int_equal(h.n, 3);
    hits_sort(&h);
    /* "she" and "he" end at 4, "hers" at 6 */
    assert_int_equal(h.v[0].end, 4);
    assert_int_equal(h.v[0].len, 2);
    assert_int_equal(h.v[0].value, 0);
    assert_int_equal(h.v[1].end, 4);
    assert_int_equal(h.v[1].len, 3);
    assert_int_equal(h.v[1].value, 1);
    assert_int_equal(h.v[2].end, 6);
    assert_int_equal(h.v[2].value, 3);
    free(h.v);
    smmod__ac_free(ac);
}

static void test_prefix_suffix_chain(void **state)
{
    static const char *const p[] = {"a", "ab", "abc", "bc", "c", "aa"};
    smmod__ac *ac = build_strs(p, 6);
    hits h = scan(ac, "aabcabc", 7);
    (void)state;
    /* a@1 a@2 aa@2 ab@3 abc@4 bc@4 c@4 a@5 ab@6 abc@7 bc@7 c@7 */
    assert_int_equal(h.n, 12);
    free(h.v);
    smmod__ac_free(ac);
}

static void test_duplicates(void **state)
{
    smmod__ac_builder *b;
    smmod__ac *ac;
    hits h;
    (void)state;
    assert_int_equal(smmod__ac_builder_new(&b), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"ab", 2, 7), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"ab", 2, 9), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"ab", 2, 7), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"b", 1, 1), 0);
    assert_int_equal(smmod__ac_build(b, &ac), 0);
    smmod__ac_builder_free(b);
    assert_int_equal(smmod__ac_pattern_count(ac), 4);
    h = scan(ac, "xab", 3);
    hits_sort(&h);
    assert_int_equal(h.n, 4);
    assert_int_equal(h.v[0].value, 1);
    assert_int_equal(h.v[1].value, 7);
    assert_int_equal(h.v[2].value, 7);
    assert_int_equal(h.v[3].value, 9);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(h.v[i].end, 3);
    free(h.v);
    smmod__ac_free(ac);
}

static void test_stop(void **state)
{
    static const char *const p[] = {"a", "aa", "aaa"};
    smmod__ac *ac = build_strs(p, 3);
    (void)state;
    for (size_t stop = 1; stop <= 6; stop++) {
        hits h = {0};
        h.stop_after = stop;
        assert_int_not_equal(smmod__ac_scan(ac, (const uint8_t *)"aaaa", 4, on_hit, &h), 0);
        assert_int_equal(h.n, stop); /* nothing reported after the stop */
        free(h.v);
    }
    {
        hits h = {0};
        h.stop_after = 10; /* 4 + 3 + 2 hits: never reached */
        assert_int_equal(smmod__ac_scan(ac, (const uint8_t *)"aaaa", 4, on_hit, &h), 0);
        assert_int_equal(h.n, 9);
        free(h.v);
    }
    smmod__ac_free(ac);
}

static void test_empty_text(void **state)
{
    static const char *const p[] = {"x"};
    smmod__ac *ac = build_strs(p, 1);
    hits h = {0};
    (void)state;
    assert_int_equal(smmod__ac_scan(ac, (const uint8_t *)"x", 0, on_hit, &h),
                     0);
    assert_int_equal(smmod__ac_scan(ac, NULL, 0, on_hit, &h), 0);
    assert_int_equal(h.n, 0);
    smmod__ac_free(ac);
}

static void test_no_patterns(void **state)
{
    smmod__ac_builder *b;
    smmod__ac *ac;
    hits h;
    (void)state;
    assert_int_equal(smmod__ac_builder_new(&b), 0);
    assert_int_equal(smmod__ac_build(b, &ac), 0);
    smmod__ac_builder_free(b);
    assert_int_equal(smmod__ac_pattern_count(ac), 0);
    h = scan(ac, "abc\0\xff", 5);
    assert_int_equal(h.n, 0);
    smmod__ac_free(ac);
}

static void test_invalid_args(void **state)
{
    smmod__ac_builder *b;
    smmod__ac *ac = NULL;
    (void)state;
    assert_int_equal(smmod__ac_builder_new(NULL), SMMOD_EINVAL);
    assert_int_equal(smmod__ac_builder_new(&b), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"a", 0, 1),
                     SMMOD_EINVAL);
    assert_int_equal(smmod__ac_builder_add(b, NULL, 1, 1), SMMOD_EINVAL);
    assert_int_equal(smmod__ac_builder_add(NULL, (const uint8_t *)"a", 1, 1),
                     SMMOD_EINVAL);
    assert_int_equal(smmod__ac_build(NULL, &ac), SMMOD_EINVAL);
    assert_int_equal(smmod__ac_build(b, NULL), SMMOD_EINVAL);
    /* the builder stays usable after a build */
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"a", 1, 1), 0);
    assert_int_equal(smmod__ac_build(b, &ac), 0);
    assert_int_equal(smmod__ac_builder_add(b, (const uint8_t *)"b", 1, 2), 0);
    smmod__ac_free(ac);
    assert_int_equal(smmod__ac_build(b, &ac), 0);
    assert_int_equal(smmod__ac_pattern_count(ac), 2);
    smmod__ac_free(ac);
    smmod__ac_builder_free(b);
    smmod__ac_builder_free(NULL);
    smmod__ac_free(NULL);
}

static void test_binary_bytes(void **state)
{
    static const uint8_t text[] = {0x00, 0x00, 0xff, 0x00, 0xff, 0xff, 0x7f};
    patset ps = {calloc(256 + 2, sizeof(pat)), 256 + 2};
    smmod__ac *ac;
    hits got, want;
    (void)state;
    assert_non_null(ps.v);
    for (size_t i = 0; i < 256; i++) { /* every byte as a 1-byte pattern */
        ps.v[i].bytes = malloc(1);
        assert_non_null(ps.v[i].bytes);
        ps.v[i].bytes[0] = (uint8_t)i;
        ps.v[i].len = 1;
        ps.v[i].value = (uint32_t)i;
    }
    for (size_t i = 256; i < 258; i++) {
        ps.v[i].bytes = malloc(2);
        assert_non_null(ps.v[i].bytes);
        ps.v[i].bytes[0] = i == 256 ? 0x00 : 0xff;
        ps.v[i].bytes[1] = i == 256 ? 0xff : 0x00;
        ps.v[i].len = 2;
        ps.v[i].value = (uint32_t)i;
    }
    ac = build(&ps);
    got = scan(ac, text, sizeof text);
    want = naive(&ps, text, sizeof text);
    assert_int_equal(got.n, 7 + 3); /* one per byte, 00ff, ff00, 00ff */
    assert_same_hits(&got, &want);
    free(got.v);
    free(want.v);
    smmod__ac_free(ac);
    patset_free(&ps);
}

/* ---- differential tests ---------------------------------------------------- */

/* Large sets (big) draw lengths from minlen up, so that short patterns
 * are not repeated thousands of times. */
/* Scan a random text of len bytes drawn from ps (alphabet sigma) and
 * compare with the reference (the sorted one for big pattern sets, else
 * the naive one); returns how many hits there were. */
static size_t check_text(const smmod__ac *ac, const patset *ps, size_t len,
                         unsigned sigma, int big)
{
    uint8_t *text = rnd_text(ps, len, sigma);
    hits got = scan(ac, text, len);
    hits want = big ? sorted_ref(ps, text, len) : naive(ps, text, len);
    size_t n = want.n;
    assert_same_hits(&got, &want);
    free(got.v);
    free(want.v);
    free(text);
    return n;
}

static void check_random(size_t npat, size_t maxlen, unsigned sigma,
                         size_t textlen, int big)
{
    size_t minlen = big && sigma < 256 ? maxlen / 2 : 1;
    patset ps = rnd_patset(npat, minlen, maxlen, sigma, big ? 256 : 8);
    smmod__ac *ac = build(&ps);
    for (int round = 0; round < 4; round++)
        check_text(ac, &ps, textlen ? rnd() % textlen : 0, sigma, big);
    smmod__ac_free(ac);
    patset_free(&ps);
}

static void test_random_small(void **state)
{
    static const unsigned sigmas[] = {1, 2, 3, 7, 256};
    (void)state;
    g_rng = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 400; i++)
        check_random(1 + rnd() % 40, 1 + rnd() % 8, sigmas[i % 5], 400, 0);
}

/* Thousands of binary patterns: every byte is a class, so the dense table
 * budget is exceeded and deep states are sparse; the texts walk into
 * them. */
static void test_random_sparse(void **state)
{
    (void)state;
    g_rng = 0x2545f4914f6cdd1du;
    for (int i = 0; i < 3; i++)
        check_random(4000 + rnd() % 4000, 30, 256, 20000, 1);
    for (int i = 0; i < 2; i++) /* small alphabet: long overlapping runs */
        check_random(3000, 59, 3, 20000, 1);
}

/* Sparse states with many children whose bytes are far more frequent the
 * later they come in byte order ('j' in every pattern, 'a' in a tenth),
 * so classes (numbered by frequency) run against byte order: children
 * must be kept sorted by class, which the binary and linear child search
 * of sparse states rely on. Random 24-byte stems use every byte value,
 * which pushes their ends past the dense budget. */
static void test_sparse_kids_by_class(void **state)
{
    enum { STEMS = 3000, STEM = 24, KIDS = 10 };
    patset ps = {calloc(STEMS * KIDS, sizeof(pat)), 0};
    uint8_t stem[STEM];
    (void)state;
    assert_non_null(ps.v);
    g_rng = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < STEMS; i++) {
        for (size_t k = 0; k < STEM; k++)
            stem[k] = (uint8_t)rnd();
        for (unsigned j = 0; j < KIDS; j++) {
            pat *p;
            if (i % (KIDS - j) != 0)
                continue;
            p = &ps.v[ps.n++];
            p->len = STEM + 1;
            p->bytes = malloc(p->len);
            assert_non_null(p->bytes);
            memcpy(p->bytes, stem, STEM);
            p->bytes[STEM] = (uint8_t)('a' + j);
            p->value = rnd();
        }
    }
    {
        smmod__ac *ac = build(&ps);
        for (int round = 0; round < 4; round++) /* the stems' ends reached */
            assert_true(check_text(ac, &ps, 30000, 256, 1) > 100);
        smmod__ac_free(ac);
    }
    patset_free(&ps);
}

static void test_many_patterns(void **state)
{
    (void)state;
    g_rng = 42;
    check_random(200000, 12, 7, 20000, 1);
}

/* ---- allocation failures ------------------------------------------------- */

/* smmod__ac_scan_jobs: every job reports exactly what a lone scan does,
 * in the same order, whatever runs beside it: automata of the plain loop
 * (small, and large with sparse states), of the skip loop (one or two
 * start bytes), empty texts, texts of different lengths, and callbacks
 * that stop their own job only. */
static void test_jobs(void **state)
{
    enum { NAC = 4, NJOB = 7 };
    patset ps[NAC];
    smmod__ac *ac[NAC];
    static const char *const one_start[] = {"xyz", "xx"};
    (void)state;
    g_rng = 0x51ed270b27f4a3c9u;
    ps[0] = rnd_patset(30, 1, 6, 3, 8);
    ps[1] = rnd_patset(4000, 15, 30, 256, 256); /* sparse states */
    ps[2] = rnd_patset(200, 1, 8, 7, 8);
    ps[3].n = 0;
    for (int k = 0; k < 3; k++)
        ac[k] = build(&ps[k]);
    ac[3] = build_strs(one_start, 2); /* the skip loop */
    for (int round = 0; round < 300; round++) {
        smmod__ac_job jobs[NJOB];
        hits got[NJOB], want[NJOB];
        uint8_t *texts[NJOB];
        size_t n = 1 + rnd() % NJOB;
        for (size_t j = 0; j < n; j++) {
            int k = (int)(rnd() % NAC);
            size_t len = rnd() % 5 == 0 ? 0 : rnd() % 3000;
            texts[j] = rnd_text(&ps[k < 3 ? k : 0], len, k == 1 ? 256 : 3);
            if (k == 3)
                for (size_t i = 0; i < len; i++)
                    texts[j][i] = "xyzab"[texts[j][i] % 5];
            memset(&got[j], 0, sizeof got[j]);
            memset(&want[j], 0, sizeof want[j]);
            got[j].stop_after = want[j].stop_after =
                rnd() % 3 == 0 ? 1 + rnd() % 20 : 0;
            smmod__ac_scan(ac[k], texts[j], len, on_hit, &want[j]);
            jobs[j] = (smmod__ac_job){ac[k], texts[j], len, on_hit, &got[j]};
        }
        smmod__ac_scan_jobs(jobs, n);
        for (size_t j = 0; j < n; j++) {
            assert_int_equal(got[j].n, want[j].n);
            for (size_t i = 0; i < got[j].n; i++) { /* same order too */
                assert_int_equal(got[j].v[i].end, want[j].v[i].end);
                assert_int_equal(got[j].v[i].len, want[j].v[i].len);
                assert_int_equal(got[j].v[i].value, want[j].v[i].value);
            }
            free(got[j].v);
            free(want[j].v);
            free(texts[j]);
        }
    }
    for (int k = 0; k < NAC; k++) {
        smmod__ac_free(ac[k]);
        if (k < 3)
            patset_free(&ps[k]);
    }
}

static void test_enomem(void **state)
{
    static const char *const words[] = {"idiot", "id", "iot", "otto", "t",
                                        "\xc3\xa4rger", "x\0y"};
    int saw_success = 0;
    (void)state;
    for (long n = 0; n < 200 && !saw_success; n++) {
        smmod__ac_builder *b = NULL;
        smmod__ac *ac = NULL;
        int rc = 0;
        g_live = 0;
        g_fail_at = n;
        rc = smmod__ac_builder_new(&b);
        for (size_t i = 0; !rc && i < 7; i++)
            rc = smmod__ac_builder_add(b, (const uint8_t *)words[i],
                                       i == 6 ? 3 : strlen(words[i]),
                                       (uint32_t)i);
        if (!rc) {
            rc = smmod__ac_build(b, &ac);
            assert_true(rc == 0 ? ac != NULL : ac == NULL);
        }
        g_fail_at = -1;
        assert_true(rc == 0 || rc == SMMOD_ENOMEM);
        if (rc == 0) {
            hits h = scan(ac, "ein idiot", 9);
            assert_int_equal(h.n, 4); /* t, iot, idiot, t */
            free(h.v);
            saw_success = 1;
        }
        smmod__ac_free(ac);
        smmod__ac_builder_free(b);
        assert_int_equal(g_live, 0); /* nothing leaked on any path */
    }
    assert_true(saw_success);
}

/* An optional argument selects tests by name pattern (cmocka's filter). */
int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlapping_nested),
        cmocka_unit_test(test_prefix_suffix_chain),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_jobs),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_no_patterns),
        cmocka_unit_test(test_invalid_args),
        cmocka_unit_test(test_binary_bytes),
        cmocka_unit_test(test_random_small),
        cmocka_unit_test(test_random_sparse),
        cmocka_unit_test(test_many_patterns),
        cmocka_unit_test(test_sparse_kids_by_class),
        cmocka_unit_test(test_enomem),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("automaton", tests, NULL, NULL);
}
