/*
 * test_alloc_fail.c - out of memory at every step: the n-th allocation of
 * the library fails, for every n along loading a small rules directory
 * (an include and a word file), compiling it (terms, automaton, PCRE2
 * through its general context), creating a scanner, scanning and
 * redacting. Every call must then return SMMOD_ENOMEM (or succeed), never
 * crash, never leak (counted here per round, and checked by ASan in
 * `make sanitize` and valgrind in `make valgrind`), and a call that
 * succeeds must give exactly the result it gives with plenty of memory: a
 * failed allocation never turns into a weaker verdict.
 *
 * The test replaces lib/alloc.c: it defines the library's four heap
 * primitives (alloc.h), so the linker takes these and never pulls alloc.o
 * out of the archive; the helpers of alloc_helpers.c call them. Out of reach: what ICU, utf8proc and PCRE2's JIT
 * allocate internally (utf8proc_map, ICU's caches, JIT code pages) and
 * realpath() in the include resolver; those use the C library directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
#include "smmod.h"

/* ---- the failing allocator ---------------------------------------------- */

static long g_count;   /* allocations so far in this round */
static long g_fail_at; /* the allocation that fails (1-based); 0: none */
static int g_sticky;   /* 1: every allocation from g_fail_at on fails */
static long g_live;    /* blocks allocated and not yet freed */
static long g_failed;  /* allocations refused in this round */

static int refuse(void)
{
    g_count++;
    if (g_fail_at &&
        (g_count == g_fail_at || (g_sticky && g_count > g_fail_at))) {
        g_failed++;
        return 1;
    }
    return 0;
}

void *smmod__malloc(size_t size)
{
    void *p;
    if (refuse())
        return NULL;
    p = malloc(size ? size : 1);
    if (p)
        g_live++;
    return p;
}

void *smmod__calloc(size_t count, size_t size)
{
    void *p;
    if (refuse())
        return NULL;
    p = calloc(count ? count : 1, size ? size : 1);
    if (p)
        g_live++;
    return p;
}

void *smmod__realloc(void *ptr, size_t size)
{
    void *p;
    if (refuse())
        return NULL;
    p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        g_live++;
    return p;
}

void smmod__free(void *ptr)
{
    if (ptr)
        g_live--;
    free(ptr);
}




/* ---- the work done in each round ----------------------------------------- */

static char g_dir[] = "/tmp/smmod-allocfail-XXXXXX";
static char g_top[600];

static const char *const texts[] = {
    "Du bist ein Idiot und ein Drecksack, ruf an: 0171 2345678",
    "Ich stech dich ab, I.d.i.o.t!",
    "Sch\303\266ne Gr\303\274\303\237e zum Impftermin in der Praxis, "
    "bei uns war alles gut organisiert und p\303\274nktlich heute",
    "kaputt \xff und https://bit.ly/abc",
};
#define NTEXTS (sizeof texts / sizeof *texts)

/* What one round produced: the code of the first call that failed and the
 * verdicts and redactions that were made. */
typedef struct outcome {
    int rc;        /* SMMOD_OK, or the first error code */
    int step;      /* the step that failed */
    size_t done;   /* texts scanned */
    char msg[256]; /* the error object's message */
    char result[NTEXTS][512];
} outcome;

static void write_file(const char *name, const char *text)
{
    char path[700];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(g_dir))
        return -1;
    write_file("cats.rules",
               "category insult label \"Beleidigung\" basis \"\302\247 185\"\n"
               "category threat flag escalate action review\n"
               "category pii flag redact\ncategory link\n"
               "category offtopic\n");
    write_file("words.txt", "# insults\nidiot\ndrecks*\n*schwein\n=pack\n");
    write_file("main.rules",
               "include \"cats.rules\"\n"
               "words insult id insult.file score 60 file \"words.txt\"\n"
               "words insult view plain \"depp\" \"*scheiss*\"\n"
               "list verbs \"stech\" \"knall*\"\n"
               "regex threat id threat.v /\\bich (?:{verbs})\\w* dich\\b/\n"
               "allow \"marsch*\"\n"
               "detect pii phone email\ndetect link url\n"
               "url deny \"bit.ly\"\n"
               "topic impfen \"impf*\" \"termin\" \"praxis\"\n"
               "threshold reject 80\n"
               "test reject \"Du Idiot\"\n");
    snprintf(g_top, sizeof g_top, "%s/main.rules", g_dir);
    return 0;
}

static int teardown(void **state)
{
    char cmd[700];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A verdict and its redaction as text. */
static void describe(char *out, size_t cap, const smmod_verdict *v,
                     const char *redacted)
{
    int n = snprintf(out, cap, "%d %u %d |%s|", smmod_verdict_action(v),
                     smmod_verdict_flags(v), smmod_verdict_score(v), redacted);
    for (size_t i = 0; i < smmod_verdict_match_count(v) && n > 0 &&
                       (size_t)n < cap;
         i++)
        n += snprintf(out + n, cap - (size_t)n, " %s@%zu-%zu",
                      smmod_verdict_match_rule(v, i),
                      smmod_verdict_match_start(v, i),
                      smmod_verdict_match_end(v, i));
}

#define STEP(k, call)                                                          \
    do {                                                                       \
        int rc_ = (call);                                                      \
        if (rc_ != SMMOD_OK) {                                                 \
            o->rc = rc_;                                                       \
            o->step = (k);                                                     \
            goto out;                                                          \
        }                                                                      \
    } while (0)

/* Load, compile, scan and redact every text; stop at the first error. */
static void round_trip(outcome *o)
{
    smmod_options *opts = NULL;
    smmod_error *err = NULL;
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    memset(o, 0, sizeof *o);
    STEP(1, smmod_error_new(&err));
    STEP(2, smmod_options_new(&opts));
    STEP(3, smmod_ruleset_load(&rs, g_top, opts, err));
    STEP(4, smmod_scanner_new(&sc, rs));
    STEP(5, smmod_scanner_set_topic(sc, "impfen"));
    for (size_t i = 0; i < NTEXTS; i++) {
        const smmod_verdict *v = NULL;
        char red[256];
        size_t n = 0;
        int rc = smmod_scan(sc, texts[i], strlen(texts[i]), &v);
        if (rc != SMMOD_OK)
            assert_null(v); /* a failed scan hands out no verdict */
        STEP(6, rc);
        STEP(7, smmod_redact(v, texts[i], strlen(texts[i]), NULL, "*", red,
                             sizeof red, &n));
        describe(o->result[i], sizeof o->result[i], v, red);
        o->done++;
    }
out:
    if (o->step == 3) {
        assert_null(rs);
        assert_int_equal(smmod_error_code(err), o->rc);
        snprintf(o->msg, sizeof o->msg, "%s", smmod_error_message(err));
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    smmod_options_free(opts);
    smmod_error_free(err);
}

/* After a scan failed for lack of memory, the same scanner scans again
 * correctly once memory is back. */
static void rescan_after_failure(const outcome *want)
{
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    assert_int_equal(smmod_ruleset_load(&rs, g_top, NULL, NULL), SMMOD_OK);
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scanner_set_topic(sc, "impfen"), SMMOD_OK);
    for (long k = 1;; k++) {
        const smmod_verdict *v = NULL;
        long before = g_count;
        int rc;
        g_fail_at = g_count + k;
        rc = smmod_scan(sc, texts[0], strlen(texts[0]), &v);
        g_fail_at = 0;
        if (rc == SMMOD_OK && g_count - before < k)
            break; /* the scan needed fewer than k allocations */
        if (rc != SMMOD_OK)
            assert_int_equal(rc, SMMOD_ENOMEM);
        for (size_t i = 0; i < NTEXTS; i++) {
            char red[256], got[512];
            size_t n = 0;
            assert_int_equal(smmod_scan(sc, texts[i], strlen(texts[i]), &v),
                             SMMOD_OK);
            assert_int_equal(smmod_redact(v, texts[i], strlen(texts[i]), NULL,
                                          "*", red, sizeof red, &n), SMMOD_OK);
            describe(got, sizeof got, v, red);
            assert_string_equal(got, want->result[i]);
        }
        smmod_scanner_free(sc); /* a fresh scanner: its buffers are empty */
        assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
        assert_int_equal(smmod_scanner_set_topic(sc, "impfen"), SMMOD_OK);
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* Run rounds failing allocation n for n = 1.. until a round gets through
 * without a refusal; check each as described at the top. */
static void fail_each(int sticky)
{
    outcome want, got;
    long total, n;
    g_fail_at = 0;
    g_count = g_live = 0;
    round_trip(&want);
    assert_int_equal(want.rc, SMMOD_OK);
    assert_int_equal(g_live, 0);
    total = g_count;
    assert_true(total > 50); /* the test reaches the library's allocator */
    g_sticky = sticky;
    for (n = 1;; n++) {
        g_count = g_live = g_failed = 0;
        g_fail_at = n;
        round_trip(&got);
        g_fail_at = 0;
        if (g_live != 0)
            fail_msg("allocation %ld failing (step %d): %ld blocks leaked", n,
                     got.step, g_live);
        if (g_failed == 0)
            break; /* n is past the last allocation */
        if (got.rc != SMMOD_OK && got.rc != SMMOD_ENOMEM)
            fail_msg("allocation %ld failing: step %d returned %d (%s): %s",
                     n, got.step, got.rc, smmod_strerror(got.rc), got.msg);
        /* whatever was produced equals the result with enough memory */
        for (size_t i = 0; i < got.done; i++)
            if (strcmp(got.result[i], want.result[i]) != 0)
                fail_msg("allocation %ld failing: text %zu gave\n  %s\n"
                         "instead of\n  %s",
                         n, i, got.result[i], want.result[i]);
        if (sticky)
            assert_int_equal(got.rc, SMMOD_ENOMEM);
    }
    g_sticky = 0;
    assert_true(n > total); /* every allocation was made to fail once */
    if (!sticky)
        rescan_after_failure(&want);
}

static void test_fail_once(void **state)
{
    (void)state;
    fail_each(0);
}

static void test_fail_from_then_on(void **state)
{
    (void)state;
    fail_each(1);
}

/* Each constructor alone reports ENOMEM and leaves *out NULL. */
static void test_constructors(void **state)
{
    smmod_error *err = (smmod_error *)&err;
    smmod_options *opts = (smmod_options *)&opts;
    smmod_ruleset *rs = (smmod_ruleset *)&rs;
    (void)state;
    g_count = 0;
    g_sticky = 1;
    g_fail_at = 1;
    assert_int_equal(smmod_error_new(&err), SMMOD_ENOMEM);
    assert_null(err);
    assert_int_equal(smmod_options_new(&opts), SMMOD_ENOMEM);
    assert_null(opts);
    assert_int_equal(smmod_ruleset_compile(&rs, "category x\n", 11, NULL,
                                           NULL, NULL), SMMOD_ENOMEM);
    assert_null(rs);
    g_sticky = 0;
    g_fail_at = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constructors),
        cmocka_unit_test(test_fail_once),
        cmocka_unit_test(test_fail_from_then_on),
    };
    return cmocka_run_group_tests_name("alloc_fail", tests, setup, teardown);
}
