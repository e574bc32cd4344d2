/*
 * test_big.c - limits with a defined result: comments of 10 MB (truncated
 * and flagged beyond SMMOD_OPT_MAX_COMMENT_BYTES, scanned in full when the
 * limit is raised), catastrophic regexes (review + SMMOD_FLAG_LIMIT, never
 * allow), invalid UTF-8 and embedded NULs, a ruleset of one million terms
 * (compiles and scans; SMMOD_OPT_MAX_TERMS refuses it with ELIMIT), and
 * rule files as input: symlinks out of the root, include nesting, file
 * size and term limits with clear errors.
 *
 * Under valgrind (SMMOD_VALGRIND=1, set by `make valgrind`) the big
 * ruleset has 100,000 terms instead of a million: valgrind checks memory
 * use, which does not change with the count, and would take minutes.
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

#include "helper_util.h"

#define CAT "category insult label \"Beleidigung\"\n"

static char g_dir[] = "/tmp/smmod-big-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[100];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* g_dir/name (directories in name must exist). */
static const char *path_of(const char *name)
{
    static char path[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", g_dir, name);
    return path[k];
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(path_of(name), "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void make_dir(const char *name)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path_of(name));
    assert_int_equal(system(cmd), 0);
}

static smmod_ruleset *default_rules(void)
{
    smmod_ruleset *rs = NULL;
    assert_int_equal(smmod_ruleset_load(&rs, "rules/de/default.rules", NULL,
                                        NULL), SMMOD_OK);
    return rs;
}

/* Whether some match of v starts at or after `from` and has rule `rule`. */
static int match_after(const smmod_verdict *v, size_t from, const char *rule)
{
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++)
        if (smmod_verdict_match_start(v, i) >= from &&
            strcmp(smmod_verdict_match_rule(v, i), rule) == 0)
            return 1;
    return 0;
}

/* ---- big comments ------------------------------------------------------- */

#define BIG ((size_t)10 << 20)

static void test_ten_megabytes(void **state)
{
    static const char filler[] = "Sch\303\266ne Gr\303\274\303\237e aus "
                                 "M\303\274nchen, das Wetter ist gut. ";
    smmod_ruleset *rs = t_compile(CAT "words insult id w \"idiot\"\n");
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    char *text = malloc(BIG);
    size_t late = BIG - 100, n = sizeof filler - 1;
    int64_t limit = 0;
    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < BIG; i += n)
        memcpy(text + i, filler, i + n <= BIG ? n : BIG - i);
    memcpy(text + 10, " Idiot ", 7);
    memcpy(text + late, " Idiot ", 7);
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);

    /* default limit (1 MiB): a prefix is scanned, flagged, reviewed */
    assert_int_equal(smmod_scan(sc, text, BIG, &v), SMMOD_OK);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
    assert_int_equal(smmod_verdict_text_length(v), BIG);
    assert_true(match_after(v, 0, "w"));
    assert_false(match_after(v, (size_t)1 << 20, "w"));
    /* redaction of the whole text works on a truncated verdict */
    {
        size_t need = 0;
        assert_int_equal(smmod_redact(v, text, BIG, "*", "*", NULL, 0, &need),
                         SMMOD_ERANGE);
        assert_int_equal(need, BIG);
    }

    /* raised limit: scanned in full, the late insult is found */
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                             (int64_t)BIG), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, BIG, &v), SMMOD_OK);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
    assert_true(match_after(v, late, "w"));

    /* the limit set through the options reaches every scanner */
    {
        smmod_options *opts = NULL;
        smmod_ruleset *rs2 = NULL;
        smmod_scanner *sc2 = NULL;
        const char *r = CAT "words insult id w \"idiot\"\n";
        assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
        assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_COMMENT_BYTES,
                                           (int64_t)BIG), SMMOD_OK);
        assert_int_equal(smmod_options_get(opts, SMMOD_OPT_MAX_COMMENT_BYTES,
                                           &limit), SMMOD_OK);
        assert_int_equal(limit, (int64_t)BIG);
        assert_int_equal(smmod_ruleset_compile(&rs2, r, strlen(r), NULL, opts,
                                               NULL), SMMOD_OK);
        assert_int_equal(smmod_scanner_new(&sc2, rs2), SMMOD_OK);
        assert_int_equal(smmod_scan(sc2, text, BIG, &v), SMMOD_OK);
        assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
        assert_true(match_after(v, late, "w"));
        /* one byte more than the limit is truncated */
        text[BIG - 1] = 'x';
        assert_int_equal(smmod_scanner_set_limit(sc2,
                                                 SMMOD_OPT_MAX_COMMENT_BYTES,
                                                 (int64_t)BIG - 1), SMMOD_OK);
        assert_int_equal(smmod_scan(sc2, text, BIG, &v), SMMOD_OK);
        assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
        smmod_scanner_free(sc2);
        smmod_ruleset_free(rs2);
        smmod_options_free(opts);
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    free(text);
}

/* The default ruleset on a 10 MB comment of mixed content, with the limit
 * raised: a defined verdict, matches inside the text, in order. */
static void test_ten_megabytes_default_rules(void **state)
{
    static const char piece[] = "Du Idiot! Ruf an: 0171 2345678. I.d.i.o.t "
                                "\xff kaputt \0 NUL, https://bit.ly/x \n";
    smmod_ruleset *rs = default_rules();
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    char *text = malloc(BIG);
    size_t n = sizeof piece - 1, prev = 0;
    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < BIG; i += n)
        memcpy(text + i, piece, i + n <= BIG ? n : BIG - i);
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                             (int64_t)BIG), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, BIG, &v), SMMOD_OK);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TOO_MANY_MATCHES);
    assert_true(smmod_verdict_match_count(v) > 0);
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++) {
        assert_true(smmod_verdict_match_start(v, i) >= prev);
        assert_true(smmod_verdict_match_end(v, i) <= BIG);
        prev = smmod_verdict_match_start(v, i);
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    free(text);
}

/* A limit that falls inside a multi-byte character cuts before it: the
 * prefix stays valid UTF-8. */
static void test_truncation_on_character_boundary(void **state)
{
    smmod_ruleset *rs = t_compile(CAT "words insult id w \"gr\"\n");
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    const char *text = "Sch\303\266ne Gr\303\274\303\237e"; /* ü at byte 10 */
    (void)state;
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                             11), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, strlen(text), &v), SMMOD_OK);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    /* the word "Gr" of the prefix counts as a word: it ends at the cut */
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++)
        assert_true(smmod_verdict_match_end(v, i) <= 10);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* ---- regex limits ------------------------------------------------------- */

static void test_catastrophic_regexes(void **state)
{
    /* patterns that backtrack exponentially on a run of a's ending in b
     * (the folded view collapses letter runs, so it is not used here) */
    smmod_ruleset *rs = t_compile(
        "category spam\n"
        "regex spam id r.raw view raw /(a+)+$/\n"
        "regex spam id r.plain view plain /(a|aa)+$/\n"
        "regex spam id r.alt view raw /(?:a|a)+$/\n");
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    size_t n = 200000;
    char *text = malloc(n + 1);
    (void)state;
    assert_non_null(text);
    memset(text, 'a', n);
    text[n - 1] = 'b';
    text[n] = '\0';
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, n, &v), SMMOD_OK);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);

    /* 11 a's and a b pass the default match limit (about 2^11 steps),
     * not a limit of 100 set on this scanner */
    memset(text, 'a', 11);
    text[11] = 'b';
    assert_int_equal(smmod_scan(sc, text, 12, &v), SMMOD_OK);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_REGEX_MATCH_LIMIT,
                                             100), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, 12, &v), SMMOD_OK);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);

    /* harmless input under the same rules: no flag, allowed */
    assert_int_equal(smmod_scan(sc, "hallo", 5, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_flags(v), 0);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    free(text);
}

/* Deep recursion (a regex that recurses once per character) on 1 MB runs
 * out of the matcher's stack or budget: LIMIT + review, no crash. (The
 * PCRE2 depth and heap limits are not checked here: the JIT, used when
 * available, ignores them and is bounded by its stack instead.) */
static void test_deep_recursion(void **state)
{
    smmod_ruleset *rs = t_compile("category spam\n"
                                  "regex spam view raw /^((?:a|b)(?1)?)z/\n");
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    size_t n = (size_t)1 << 20;
    char *text = malloc(n);
    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 2 ? 'a' : 'b';
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scan(sc, text, 2000, &v), SMMOD_OK);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
    assert_int_equal(smmod_scan(sc, text, n, &v), SMMOD_OK);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    free(text);
}

/* ---- invalid UTF-8 and NULs --------------------------------------------- */

static void test_invalid_utf8_and_nul(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        {"Idiot \xff", 7},             /* stray byte */
        {"\xc0\xaf Idiot", 8},         /* overlong '/' */
        {"\xed\xa0\x80 Idiot", 10},    /* surrogate */
        {"Idiot \xe2\x82", 8},         /* cut sequence at the end */
        {"\xf8\x88\x80\x80\x80 Idiot", 11}, /* 5-byte form */
        {"\xf4\x90\x80\x80 Idiot", 10},     /* above U+10FFFF */
        {"\x80\x80\x80 Idiot", 9},          /* lone continuations */
    };
    smmod_ruleset *rs = t_compile(CAT "words insult id w \"idiot\"\n"
                                      "category x\nwords x id clean "
                                      "\"sauber\"\n");
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    (void)state;
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(smmod_scan(sc, bad[i].s, bad[i].len, &v), SMMOD_OK);
        if (!(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8))
            fail_msg("text %zu: no INVALID_UTF8 flag", i);
        assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
        /* the word beside the bad bytes is still found, at its offset */
        assert_true(t_has_rule(v, "w"));
        for (size_t k = 0; k < smmod_verdict_match_count(v); k++)
            assert_memory_equal(bad[i].s + smmod_verdict_match_start(v, k),
                                "Idiot", 5);
    }
    /* NULs are ordinary characters: words after them are found, and a NUL
     * is not invalid UTF-8 */
    assert_int_equal(smmod_scan(sc, "sauber\0Idiot\0", 13, &v), SMMOD_OK);
    assert_false(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_true(t_has_rule(v, "w"));
    assert_true(t_has_rule(v, "clean"));
    assert_int_equal(smmod_verdict_match_start(v, 1), 7);
    assert_int_equal(smmod_verdict_text_length(v), 13);
    /* only bad bytes and NULs: defined, reviewed */
    assert_int_equal(smmod_scan(sc, "\0\xff\0\xfe", 4, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* ---- one million terms -------------------------------------------------- */

/* The i-th generated term: letters only, all distinct ("b" + base 20). */
static size_t term_name(char *out, unsigned long i)
{
    static const char letters[] = "bcdfghklmnprstvwxzjq";
    size_t n = 0;
    out[n++] = 'q';
    do {
        out[n++] = letters[i % 20];
        i /= 20;
    } while (i);
    out[n] = '\0';
    return n;
}

static unsigned long big_count(void)
{
    const char *vg = getenv("SMMOD_VALGRIND");
    return vg && strcmp(vg, "1") == 0 ? 100000ul : 1000000ul;
}

static void test_million_terms(void **state)
{
    unsigned long count = big_count();
    smmod_options *opts = NULL;
    smmod_error *err = NULL;
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    char term[32], text[200];
    FILE *f;
    (void)state;
    f = fopen(path_of("million.txt"), "w");
    assert_non_null(f);
    for (unsigned long i = 0; i < count; i++) {
        term_name(term, i);
        fprintf(f, "%s\n", term);
    }
    assert_int_equal(fclose(f), 0);
    write_file("million.rules", CAT "words insult id big file "
                                    "\"million.txt\"\n");
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_KEEP_TESTS, 0), 0);

    /* one term over the limit: a clear ELIMIT naming the word file */
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS,
                                       (int64_t)count - 1), 0);
    assert_int_equal(smmod_ruleset_load(&rs, path_of("million.rules"), opts,
                                        err), SMMOD_ELIMIT);
    assert_null(rs);
    assert_non_null(strstr(smmod_error_message(err), "SMMOD_OPT_MAX_TERMS"));
    assert_non_null(strstr(smmod_error_file(err), "million.txt"));
    assert_int_equal(smmod_error_line(err), count);

    /* exactly at the limit: compiles, and the terms match */
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS,
                                       (int64_t)count), 0);
    if (smmod_ruleset_load(&rs, path_of("million.rules"), opts, err) != 0)
        fail_msg("%s", smmod_error_message(err));
    assert_int_equal(smmod_ruleset_rule_term_count(rs, 0), count);
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    {
        char a[32], b[32];
        term_name(a, 7);
        term_name(b, count - 1);
        snprintf(text, sizeof text, "Das ist %s und auch %s, nicht qa.", a,
                 b);
    }
    assert_int_equal(smmod_scan(sc, text, strlen(text), &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_match_count(v), 2);
    assert_int_equal(smmod_verdict_match_start(v, 0), 8);
    assert_string_equal(smmod_verdict_match_rule(v, 1), "big");
    assert_int_equal(smmod_scan(sc, "Nichts davon hier.", 18, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_match_count(v), 0);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    smmod_options_free(opts);
    smmod_error_free(err);
}

/* ---- rule files as input ------------------------------------------------ */

/* Load g_dir/name with opts; returns the code, message in *msg. */
static int load(const char *name, smmod_options *opts, char *msg, size_t cap)
{
    smmod_error *err = NULL;
    smmod_ruleset *rs = NULL;
    int rc;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    rc = smmod_ruleset_load(&rs, path_of(name), opts, err);
    snprintf(msg, cap, "%s:%u: %s", smmod_error_file(err),
             smmod_error_line(err), smmod_error_message(err));
    if (rc)
        assert_null(rs);
    smmod_ruleset_free(rs);
    smmod_error_free(err);
    return rc;
}

static void test_symlinks_out_of_root(void **state)
{
    smmod_options *opts = NULL;
    char msg[1024];
    (void)state;
    make_dir("root/sub");
    make_dir("outside");
    write_file("outside/evil.rules", CAT "words insult \"x\"\n");
    write_file("outside/secret.txt", "geheim\n");
    write_file("root/sub/ok.rules", "words insult \"depp\"\n");
    assert_int_equal(symlink("../outside/evil.rules",
                             path_of("root/link.rules")), 0);
    assert_int_equal(symlink("../outside", path_of("root/linkdir")), 0);
    assert_int_equal(symlink("../outside/secret.txt",
                             path_of("root/words.txt")), 0);
    assert_int_equal(symlink("sub/ok.rules", path_of("root/inside.rules")), 0);

    /* a symlinked file and a symlinked directory leading out */
    write_file("root/a.rules", CAT "include \"link.rules\"\n");
    assert_int_equal(load("root/a.rules", NULL, msg, sizeof msg), SMMOD_ERULE);
    assert_non_null(strstr(msg, "outside"));
    assert_non_null(strstr(msg, "a.rules:2"));
    write_file("root/b.rules", CAT "include \"linkdir/evil.rules\"\n");
    assert_int_equal(load("root/b.rules", NULL, msg, sizeof msg), SMMOD_ERULE);
    assert_non_null(strstr(msg, "outside"));
    /* word files are confined the same way (symlink, .., absolute) */
    write_file("root/c.rules", CAT "words insult file \"words.txt\"\n");
    assert_int_equal(load("root/c.rules", NULL, msg, sizeof msg), SMMOD_ERULE);
    assert_non_null(strstr(msg, "outside"));
    write_file("root/d.rules",
               CAT "words insult file \"../outside/secret.txt\"\n");
    assert_int_equal(load("root/d.rules", NULL, msg, sizeof msg), SMMOD_ERULE);
    write_file("root/e.rules", CAT "allow file \"/etc/passwd\"\n");
    assert_int_equal(load("root/e.rules", NULL, msg, sizeof msg), SMMOD_ERULE);
    assert_non_null(strstr(msg, "outside"));
    /* a symlink that stays inside is fine */
    write_file("root/f.rules", CAT "include \"inside.rules\"\n");
    assert_int_equal(load("root/f.rules", NULL, msg, sizeof msg), SMMOD_OK);

    /* the caller may allow leaving the root */
    assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_ALLOW_OUTSIDE_ROOT, 1),
                     0);
    write_file("root/g.rules", "include \"link.rules\"\n"
                               "words insult file \"words.txt\"\n");
    assert_int_equal(load("root/g.rules", opts, msg, sizeof msg), SMMOD_OK);
    smmod_options_free(opts);
}

static void test_include_depth(void **state)
{
    smmod_options *opts = NULL;
    char name[64], text[128], msg[1024];
    int64_t depth = 0;
    (void)state;
    make_dir("deep");
    /* n0 includes n1 ... includes n20 */
    for (int i = 0; i <= 20; i++) {
        snprintf(name, sizeof name, "deep/n%d.rules", i);
        if (i < 20)
            snprintf(text, sizeof text, "include \"n%d.rules\"\n", i + 1);
        else
            snprintf(text, sizeof text, CAT);
        write_file(name, text);
    }
    assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
    assert_int_equal(smmod_options_get(opts, SMMOD_OPT_MAX_INCLUDE_DEPTH,
                                       &depth), 0);
    assert_int_equal(depth, 16);
    /* 21 files nested: more than the default 16 */
    assert_int_equal(load("deep/n0.rules", NULL, msg, sizeof msg),
                     SMMOD_ELIMIT);
    assert_non_null(strstr(msg, "nested more than 16"));
    /* n5 ... n20 is 16 files deep: just allowed */
    assert_int_equal(load("deep/n5.rules", NULL, msg, sizeof msg), SMMOD_OK);
    assert_int_equal(load("deep/n4.rules", NULL, msg, sizeof msg),
                     SMMOD_ELIMIT);
    /* a raised limit lets the whole chain load */
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_INCLUDE_DEPTH, 21),
                     0);
    assert_int_equal(load("deep/n0.rules", opts, msg, sizeof msg), SMMOD_OK);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_INCLUDE_DEPTH, 20),
                     0);
    assert_int_equal(load("deep/n0.rules", opts, msg, sizeof msg),
                     SMMOD_ELIMIT);
    smmod_options_free(opts);
}

static void test_file_size_and_term_limits(void **state)
{
    smmod_options *opts = NULL;
    char msg[1024], term[32];
    FILE *f;
    (void)state;
    make_dir("size");
    write_file("size/top.rules", CAT "include \"big.rules\"\n"
                                     "words insult file \"w.txt\"\n");
    write_file("size/big.rules", "# a comment to make this file larger than\n"
                                 "# the top file, which includes it, and\n"
                                 "# larger than the limit set below\n"
                                 "words insult \"a\" \"b\" \"c\"\n");
    write_file("size/w.txt", "idiot\n");
    assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
    assert_int_equal(load("size/top.rules", opts, msg, sizeof msg), SMMOD_OK);
    /* the included file is larger than the limit, the top file is not */
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_RULE_FILE_BYTES,
                                       100), 0);
    assert_int_equal(load("size/top.rules", opts, msg, sizeof msg),
                     SMMOD_ELIMIT);
    assert_non_null(strstr(msg, "big.rules"));
    assert_non_null(strstr(msg, "larger than the limit"));
    /* a word file larger than the limit: 24 terms */
    write_file("size/big.rules", "words insult \"a\"\n");
    f = fopen(path_of("size/w.txt"), "w");
    assert_non_null(f);
    for (unsigned long i = 0; i < 24; i++) {
        term_name(term, i * 1000 + 999);
        fprintf(f, "%s\n", term);
    }
    assert_int_equal(fclose(f), 0);
    assert_int_equal(load("size/top.rules", opts, msg, sizeof msg),
                     SMMOD_ELIMIT);
    assert_non_null(strstr(msg, "w.txt"));
    /* terms count across files: 1 inline + 24 from the word file */
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_RULE_FILE_BYTES,
                                       1 << 20), 0);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS, 25), 0);
    assert_int_equal(load("size/top.rules", opts, msg, sizeof msg), SMMOD_OK);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS, 24), 0);
    assert_int_equal(load("size/top.rules", opts, msg, sizeof msg),
                     SMMOD_ELIMIT);
    assert_non_null(strstr(msg, "w.txt:24"));
    assert_non_null(strstr(msg, "more than 24 terms"));
    /* a file that is not a regular file (a directory) is an I/O error */
    write_file("size/dir.rules", CAT "include \"sub\"\n");
    make_dir("size/sub");
    assert_int_equal(load("size/dir.rules", NULL, msg, sizeof msg),
                     SMMOD_EIO);
    smmod_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_megabytes),
        cmocka_unit_test(test_ten_megabytes_default_rules),
        cmocka_unit_test(test_truncation_on_character_boundary),
        cmocka_unit_test(test_catastrophic_regexes),
        cmocka_unit_test(test_deep_recursion),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_million_terms),
        cmocka_unit_test(test_symlinks_out_of_root),
        cmocka_unit_test(test_include_depth),
        cmocka_unit_test(test_file_size_and_term_limits),
    };
    return cmocka_run_group_tests_name("big", tests, setup, teardown);
}
