/*
 * test_noalloc.c - steady-state scanning allocates nothing: after one
 * warm-up pass (buffers only grow), 10,000 scans of varied comments with
 * the shipped default ruleset make no heap allocation at all.
 *
 * The library's one door to the heap (the four primitives of lib/alloc.h;
 * PCRE2 gets them through a general context) is defined here with a
 * counter, so the archive's alloc.o is not linked into this program.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "scanner.h"

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




/* Comments beyond the rule files' own test lines: every detector, long
 * and shouted text, entities, invalid UTF-8, emoji, empty. */
static const char *const extra[] = {
    "",
    "Schönes Wetter heute",
    "Du bist ein Vollidiot!!!!!!!!",
    "DAS IST EINE FRECHHEIT WAS IHR DA MACHT IHR VERBRECHER UND LÜGNER",
    "Überweisung an DE89 3704 0044 0532 0130 00 bitte, Mail an a.b@example.org",
    "Ruf an: 0151 12345678 oder +49 30 1234567, Karte 4111 1111 1111 1111",
    "Mehr unter https://www.example.com/x?y=1 und http://spam.example",
    "Ich wohne in der Hauptstraße 12, 10115 Berlin.",
    "A.r.s.c.h und I d i o t und @rschl0ch und Iiiidiot",
    "&lt;b&gt;fett&lt;/b&gt; &amp; &#x1F600; \xF0\x9F\x98\x80 \xE2\x80\x8B",
    "bad bytes \xFF\xFE\xC3 here",
    "Ich bring dich um. Wir werden euch finden. Man sollte sie alle aufhängen.",
    "Verdiene 5000 € pro Woche von zu Hause aus, schreib mir auf WhatsApp",
};

static void scan_all(smmod_scanner *sc, const smmod_ruleset *rs,
                     const char *const *texts, size_t n, size_t *done,
                     size_t limit)
{
    for (size_t i = 0; i < n && *done < limit; i++, ++*done) {
        const smmod_verdict *v = NULL;
        assert_int_equal(smmod_scan(sc, texts[i], strlen(texts[i]), &v), 0);
        (void)smmod_verdict_action(v);
        for (size_t m = 0; m < smmod_verdict_match_count(v); m++)
            (void)smmod_verdict_match_rule(v, m);
    }
    (void)rs;
}

static void test_steady_state(void **state)
{
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    const char **texts;
    char *longtext;
    size_t n = 0, done = 0, before;
    (void)state;
    assert_int_equal(smmod_ruleset_load(&rs, "rules/de/default.rules", NULL,
                                        NULL),
                     0);
    assert_int_equal(smmod_scanner_new(&sc, rs), 0);
    texts = calloc(rs->tests.count + 16, sizeof *texts);
    longtext = malloc(20001);
    assert_non_null(texts);
    assert_non_null(longtext);
    for (size_t i = 0; i < 20000; i++)
        longtext[i] = "Der Bürgermeister sagt: alles gut, du Idiot! "[i % 46];
    longtext[20000] = '\0';
    for (size_t t = 0; t < rs->tests.count; t++)
        texts[n++] = rs->tests.items[t].text;
    for (size_t t = 0; t < sizeof extra / sizeof extra[0]; t++)
        texts[n++] = extra[t];
    texts[n++] = longtext;
    assert_true(n > 50);

    scan_all(sc, rs, texts, n, &done, (size_t)-1); /* warm-up */
    before = n_allocs;
    done = 0;
    while (done < 10000)
        scan_all(sc, rs, texts, n, &done, 10000);
    if (n_allocs != before)
        fail_msg("%zu allocations in 10000 scans after warm-up",
                 n_allocs - before);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    free(texts);
    free(longtext);
}

/* The counter works: building a scanner does allocate. */
static void test_counter_counts(void **state)
{
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    size_t before = n_allocs;
    (void)state;
    assert_int_equal(smmod_ruleset_load(&rs, "rules/de/default.rules", NULL,
                                        NULL),
                     0);
    assert_int_equal(smmod_scanner_new(&sc, rs), 0);
    assert_true(n_allocs > before);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counter_counts),
        cmocka_unit_test(test_steady_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
