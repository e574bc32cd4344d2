/*
 * test_threads.c - one compiled ruleset shared by 8 threads, each with its
 * own scanner: every thread must get exactly the verdicts a single thread
 * gets. Runs in `make check`, under ASan (`make sanitize`), valgrind
 * (`make valgrind`) and ThreadSanitizer (`make tsan`), which is what finds
 * a data race on the shared ruleset if there is one.
 *
 * The comments are the default ruleset's own `test` lines plus a few that
 * reach the detectors, invalid UTF-8, NULs and truncation. Each thread
 * scans them all several times in its own order, and also takes and drops
 * references to the ruleset while the others scan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "smmod.h"

#define NTHREADS 8
#define ROUNDS 2

/* Texts beyond the rule tests, with their lengths (one holds a NUL). */
#define T(s) {s, sizeof(s) - 1}
static const struct {
    const char *s;
    size_t len;
} extra[] = {
    T("Ruf mich an: 0171 2345678, Mail max.mustermann@example.org"),
    T("IBAN DE89 3704 0044 0532 0130 00, Hauptstra\303\237e 5, 80331 M\303\274nchen"),
    T("Guckt mal https://bit.ly/xyz und www.example.com/a?b=c"),
    T("I.d.i.o.t, D r e c k s a c k, 1d10t, Iiiiiiidiot"),
    T("kaputtes \xff\xfe UTF-8 \xc3 und ein NUL \0 mittendrin, Idiot"),
    T(""),
};
#define NEXTRA (sizeof extra / sizeof *extra)

typedef struct corpus {
    const char **text;
    size_t *len;
    uint64_t *digest; /* single-threaded verdicts */
    size_t n;
} corpus;

typedef struct job {
    smmod_ruleset *rs;
    const corpus *c;
    unsigned seed;
    size_t mismatches;
    int errors;
} job;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0x100000001B3ull;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
    while (s && *s)
        h = mix(h, (unsigned char)*s++);
    return mix(h, 0);
}

/* Everything a verdict says, folded into 64 bits. */
static uint64_t digest(const smmod_verdict *v)
{
    uint64_t h = mix(0, (uint64_t)smmod_verdict_action(v));
    h = mix(h, smmod_verdict_flags(v));
    h = mix(h, (uint64_t)smmod_verdict_score(v));
    for (size_t i = 0; i < smmod_verdict_category_count(v); i++) {
        h = mix_str(h, smmod_verdict_category(v, i));
        h = mix(h, (uint64_t)smmod_verdict_category_score(v, i));
    }
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++) {
        h = mix_str(h, smmod_verdict_match_rule(v, i));
        h = mix_str(h, smmod_verdict_match_term(v, i));
        h = mix(h, smmod_verdict_match_start(v, i));
        h = mix(h, smmod_verdict_match_end(v, i));
        h = mix(h, (uint64_t)smmod_verdict_match_view(v, i));
        h = mix(h, (uint64_t)smmod_verdict_match_score(v, i));
    }
    return h;
}

static smmod_ruleset *load_default(void)
{
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    if (smmod_ruleset_load(&rs, "rules/de/default.rules", NULL, err) != 0)
        fail_msg("%s:%u: %s", smmod_error_file(err), smmod_error_line(err),
                 smmod_error_message(err));
    smmod_error_free(err);
    return rs;
}

static void corpus_make(corpus *c, smmod_ruleset *rs)
{
    size_t nt = smmod_ruleset_test_count(rs);
    c->n = nt + NEXTRA;
    c->text = calloc(c->n, sizeof *c->text);
    c->len = calloc(c->n, sizeof *c->len);
    c->digest = calloc(c->n, sizeof *c->digest);
    assert_true(c->text && c->len && c->digest);
    assert_true(nt >= 50); /* the default rules carry their tests */
    for (size_t i = 0; i < nt; i++) {
        c->text[i] = smmod_ruleset_test_text(rs, i);
        c->len[i] = strlen(c->text[i]);
    }
    for (size_t i = 0; i < NEXTRA; i++) {
        c->text[nt + i] = extra[i].s;
        c->len[nt + i] = extra[i].len;
    }
}

static void corpus_free(corpus *c)
{
    free(c->text);
    free(c->len);
    free(c->digest);
}

/* Scan text i into the digest *out; 0 or -1. */
static int scan_one(smmod_scanner *sc, const corpus *c, size_t i,
                    uint64_t *out)
{
    const smmod_verdict *v = NULL;
    int rc = smmod_scan(sc, c->text[i], c->len[i], &v);
    if (rc != SMMOD_OK || !v)
        return -1;
    *out = digest(v);
    return 0;
}

static void *worker(void *arg)
{
    job *j = arg;
    smmod_scanner *sc = NULL;
    unsigned r = j->seed;
    if (smmod_scanner_new(&sc, j->rs) != SMMOD_OK) {
        j->errors++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t k = 0; k < j->c->n; k++) {
            /* a different order per thread and round */
            size_t i = (k * 37u + r) % j->c->n;
            uint64_t d;
            smmod_ruleset *extra_ref = smmod_ruleset_ref(j->rs);
            if (scan_one(sc, j->c, i, &d) != 0)
                j->errors++;
            else if (d != j->c->digest[i])
                j->mismatches++;
            smmod_ruleset_free(extra_ref);
        }
        r = r * 1103515245u + 12345u;
    }
    smmod_scanner_free(sc);
    return NULL;
}

static void test_shared_ruleset(void **state)
{
    smmod_ruleset *rs = load_default();
    smmod_scanner *sc = NULL;
    pthread_t tid[NTHREADS];
    job jobs[NTHREADS];
    corpus c;
    (void)state;
    corpus_make(&c, rs);
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    for (size_t i = 0; i < c.n; i++)
        assert_int_equal(scan_one(sc, &c, i, &c.digest[i]), 0);
    smmod_scanner_free(sc);
    for (int t = 0; t < NTHREADS; t++) {
        jobs[t] = (job){rs, &c, (unsigned)t * 7919u, 0, 0};
        assert_int_equal(pthread_create(&tid[t], NULL, worker, &jobs[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++) {
        assert_int_equal(pthread_join(tid[t], NULL), 0);
        assert_int_equal(jobs[t].errors, 0);
        if (jobs[t].mismatches)
            fail_msg("thread %d: %zu verdicts differ from the single-threaded "
                     "run", t, jobs[t].mismatches);
    }
    corpus_free(&c);
    smmod_ruleset_free(rs);
}

/* Verdicts must not depend on what the scanner scanned before: a fresh
 * scanner per text gives the same digests as one reused scanner. */
static void test_scanner_reuse(void **state)
{
    smmod_ruleset *rs = load_default();
    smmod_scanner *reused = NULL;
    corpus c;
    (void)state;
    corpus_make(&c, rs);
    assert_int_equal(smmod_scanner_new(&reused, rs), SMMOD_OK);
    for (size_t i = c.n; i-- > 0;)
        assert_int_equal(scan_one(reused, &c, i, &c.digest[i]), 0);
    for (size_t i = 0; i < c.n; i++) {
        smmod_scanner *fresh = NULL;
        uint64_t d;
        assert_int_equal(smmod_scanner_new(&fresh, rs), SMMOD_OK);
        assert_int_equal(scan_one(fresh, &c, i, &d), 0);
        if (d != c.digest[i])
            fail_msg("text %zu: fresh and reused scanners differ", i);
        smmod_scanner_free(fresh);
    }
    smmod_scanner_free(reused);
    corpus_free(&c);
    smmod_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_ruleset),
        cmocka_unit_test(test_scanner_reuse),
    };
    return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
