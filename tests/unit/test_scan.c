/*
 * test_scan.c - matching and verdicts: term edges and German inflection,
 * allow entries, regexes with lists, detectors, scores, thresholds and
 * actions, flags, limits, offsets in the original text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helper_util.h"

static const char *RULES =
    "category insult label \"Beleidigung\" basis \"§ 185 StGB\"\n"
    "category threat label \"Bedrohung\" flag escalate\n"
    "category pii label \"Personenbezogene Daten\" flag redact\n"
    "words insult id insult.mild score 40 \"idiot\" \"vollidiot\" \"dumm\" "
    "\"=pack\" \"drecks*\" \"*schwein\" \"*scheiß*\" \"*arsch*\"\n"
    "word insult id insult.severe score 90 action reject \"hurensohn\"\n"
    "allow \"marsch*\" \"barsch\"\n"
    "list verbs \"bring\" \"stech\"\n"
    "regex threat id threat.kill action hide "
    "/\\bich\\s+(?:{verbs})\\w*\\s+dich\\s+um\\b/\n"
    "detect pii id pii.iban score 10 iban email\n"
    "threshold review 30\nthreshold hide 60\nthreshold reject 90\n";

static smmod_ruleset *rs;
static smmod_scanner *sc;

static int setup(void **state)
{
    (void)state;
    rs = t_compile(RULES);
    sc = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    return 0;
}

static const smmod_verdict *scan(const char *text)
{
    return t_scan(&sc, rs, text);
}

/* Whether `text` gets a match of `rule` whose original span is `word`. */
static void assert_matches(const char *text, const char *rule,
                           const char *word)
{
    const smmod_verdict *v = scan(text);
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++) {
        size_t s = smmod_verdict_match_start(v, i);
        size_t e = smmod_verdict_match_end(v, i);
        if (strcmp(smmod_verdict_match_rule(v, i), rule) == 0 &&
            e - s == strlen(word) && memcmp(text + s, word, e - s) == 0)
            return;
    }
    fail_msg("\"%s\": no match of %s on \"%s\" (%zu matches)", text, rule,
             word, smmod_verdict_match_count(v));
}

static void assert_clean(const char *text)
{
    const smmod_verdict *v = scan(text);
    if (smmod_verdict_match_count(v))
        fail_msg("\"%s\" matched %s at %zu..%zu", text,
                 smmod_verdict_match_rule(v, 0),
                 smmod_verdict_match_start(v, 0),
                 smmod_verdict_match_end(v, 0));
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
}

static void test_first_contract(void **state)
{
    const smmod_verdict *v;
    (void)state;
    v = scan("Du bist ein Vollidiot");
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
    assert_int_equal(smmod_verdict_match_count(v), 1);
    assert_int_equal(smmod_verdict_match_start(v, 0), 12);
    assert_int_equal(smmod_verdict_match_end(v, 0), 21);
    assert_string_equal(smmod_verdict_match_category(v, 0), "insult");
    assert_string_equal(smmod_verdict_match_term(v, 0), "vollidiot");
    assert_int_equal(smmod_verdict_match_view(v, 0), SMMOD_VIEW_FOLDED);
    assert_string_equal(smmod_verdict_fingerprint(v),
                        smmod_ruleset_fingerprint(rs));
    assert_clean("Schönes Wetter heute");
}

static void test_inflection(void **state)
{
    (void)state;
    assert_matches("Diese Idioten!", "insult.mild", "Idioten");
    assert_matches("Die Idiotin da", "insult.mild", "Idiotin");
    assert_matches("lauter Idiotinnen", "insult.mild", "Idiotinnen");
    assert_matches("so dumme Leute", "insult.mild", "dumme");
    assert_matches("noch dümmer geht es nicht", "insult.mild", "dümmer");
    assert_clean("Die Idiotie der Sache"); /* not an ending */
    assert_clean("Das Dummy-Konto");
    assert_clean("Sie ist Diotima");
}

static void test_edges(void **state)
{
    (void)state;
    assert_matches("So ein Pack!", "insult.mild", "Pack");
    assert_clean("Wir packen das.");
    assert_clean("Ein Paket, ein Packen, ein Packesel.");
    assert_matches("Dreckskerl", "insult.mild", "Dreckskerl" + 0);
    assert_clean("Der Wohndreck ist weg"); /* drecks* needs a word start */
    assert_matches("Du Dreckschwein", "insult.mild", "Dreckschwein");
    assert_matches("Ihr Schweine", "insult.mild", "Schweine");
    assert_clean("Schweinebraten mit Knödeln");
    assert_matches("Oberscheißer", "insult.mild", "Oberscheißer");
    assert_matches("Über-Idiot", "insult.mild", "Idiot");
    assert_clean("Größenidiotenwahn"); /* idiot is whole-word */
}

static void test_allow(void **state)
{
    (void)state;
    assert_clean("Treffpunkt am Marschallplatz");
    assert_clean("Der Marsch beginnt um acht.");
    assert_clean("Ein Barsch im See");
    assert_matches("Du Arschloch", "insult.mild", "Arschloch");
    assert_matches("Marsch, du Arsch", "insult.mild", "Arsch");
}

static void test_scores_and_actions(void **state)
{
    const smmod_verdict *v;
    (void)state;
    v = scan("Idiot");
    assert_int_equal(smmod_verdict_score(v), 40);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    v = scan("Idiot, Idiot, Idiot!"); /* a term counts once */
    assert_int_equal(smmod_verdict_score(v), 40);
    assert_int_equal(smmod_verdict_match_count(v), 3);
    assert_int_equal(smmod_verdict_match_score(v, 0), 40);
    assert_int_equal(smmod_verdict_match_score(v, 1), 0);
    v = scan("Idiot und Depp, dumm und Pack"); /* 3 terms: 120, capped */
    assert_int_equal(smmod_verdict_category_count(v), 1);
    assert_int_equal(smmod_verdict_category_score(v, 0), 100);
    assert_int_equal(smmod_verdict_score(v), 100);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REJECT);
    v = scan("Idiot und dumm"); /* 80: hide threshold */
    assert_int_equal(smmod_verdict_action(v), SMMOD_HIDE);
    v = scan("Du Hurensohn"); /* the rule's action */
    assert_int_equal(smmod_verdict_action(v), SMMOD_REJECT);
    assert_int_equal(smmod_verdict_match_action(v, 0), SMMOD_REJECT);
    assert_int_equal(smmod_verdict_match_action(scan("Idiot"), 0), -1);
}

static void test_one_match_per_word(void **state)
{
    smmod_ruleset *r = t_compile("category sexual\n"
                                 "words sexual id s score 30 \"porno\" \"porno*\"\n");
    smmod_scanner *s = NULL;
    const smmod_verdict *v;
    (void)state;
    v = t_scan(&s, r, "Porno gucken");
    assert_int_equal(smmod_verdict_match_count(v), 1);
    assert_int_equal(smmod_verdict_score(v), 30);
    v = t_scan(&s, r, "Porno und Pornos");
    assert_int_equal(smmod_verdict_match_count(v), 2);
    /* "porno" scored on the first word; on the second, "porno*" found the
     * word "porno" had already reported: nothing new, no score */
    assert_int_equal(smmod_verdict_score(v), 30);
    smmod_scanner_free(s);
    smmod_ruleset_free(r);
}

static void test_regex_and_flags(void **state)
{
    const smmod_verdict *v;
    (void)state;
    v = scan("Pass auf, ich BRINGE dich um!");
    assert_int_equal(smmod_verdict_action(v), SMMOD_HIDE);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_ESCALATE);
    assert_string_equal(smmod_verdict_category(v, 0), "threat");
    assert_string_equal(smmod_verdict_match_rule(v, 0), "threat.kill");
    assert_int_equal(smmod_verdict_match_start(v, 0), 10);
    assert_int_equal(smmod_verdict_match_end(v, 0), 28);
    assert_int_equal(smmod_verdict_match_view(v, 0), SMMOD_VIEW_PLAIN);
    assert_int_equal(smmod_verdict_score(v), 50); /* the category default */
    assert_clean("Ich bringe dich zum Bahnhof");
}

static void test_detectors(void **state)
{
    const char *text = "Überweist an DE89 3704 0044 0532 0130 00, danke";
    const smmod_verdict *v;
    char buf[128];
    size_t n;
    (void)state;
    v = scan(text);
    assert_int_equal(smmod_verdict_match_count(v), 1);
    assert_string_equal(smmod_verdict_match_term(v, 0), "iban");
    assert_int_equal(smmod_verdict_match_start(v, 0), 14);
    assert_int_equal(smmod_verdict_match_end(v, 0), 41);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_REDACT);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW); /* score 10 */
    assert_int_equal(smmod_redact(v, text, strlen(text), NULL, "[IBAN]", buf,
                                  sizeof(buf), &n), SMMOD_OK);
    assert_string_equal(buf, "Überweist an [IBAN], danke");
    assert_clean("Überweist an DE89 3704 0044 0532 0130 01, danke");
}

static void test_offsets_in_original(void **state)
{
    /* zero-width space, soft hyphen, fullwidth letters and an emoji
     * before the match: offsets count original bytes */
    const char *text = "😀 Du Id\xe2\x80\x8bi\xc2\xadot und \xef\xbc\xa9\xef\xbd\x84iot";
    const smmod_verdict *v;
    (void)state;
    v = scan(text);
    assert_int_equal(smmod_verdict_match_count(v), 2);
    assert_int_equal(smmod_verdict_match_start(v, 0), 8);
    assert_int_equal(smmod_verdict_match_end(v, 0), 18);
    assert_int_equal(smmod_verdict_match_start(v, 1), 23);
    assert_int_equal(smmod_verdict_match_end(v, 1), strlen(text));
}

static void test_bad_input(void **state)
{
    static const char nul[] = "Idiot\0Idiot";
    const smmod_verdict *v = NULL;
    (void)state;
    v = scan("Idiot \xff\xfe ok");
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    assert_int_equal(smmod_verdict_match_end(v, 0), 5);
    v = scan("\xc3");
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_INVALID_UTF8);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    assert_int_equal(smmod_scan(sc, nul, sizeof(nul) - 1, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_match_count(v), 2);
    assert_int_equal(smmod_verdict_match_start(v, 1), 6);
    assert_int_equal(smmod_verdict_match_end(v, 1), 11);
    assert_int_equal(smmod_scan(sc, NULL, 0, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
    assert_int_equal(smmod_verdict_text_length(v), 0);
    assert_int_equal(smmod_scan(sc, "", 0, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_match_count(v), 0);
}

static void test_limits(void **state)
{
    const smmod_verdict *v = NULL;
    char big[4000];
    (void)state;
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                             10), SMMOD_OK);
    v = scan("Schöne Grüße, Idiot");
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TRUNCATED);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    assert_int_equal(smmod_verdict_match_count(v), 0);
    assert_int_equal(smmod_verdict_text_length(v), strlen("Schöne Grüße, Idiot"));
    v = scan("Schöne");
    assert_int_equal(smmod_verdict_flags(v), 0);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                             1 << 20), SMMOD_OK);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_MATCHES, 4), 0);
    memset(big, ' ', sizeof(big));
    for (size_t i = 0; i + 6 < sizeof(big); i += 6)
        memcpy(big + i, "Idiot ", 6);
    big[sizeof(big) - 1] = '\0';
    v = scan(big);
    assert_int_equal(smmod_verdict_match_count(v), 4);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_TOO_MANY_MATCHES);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_TERMS, 4),
                     SMMOD_EINVAL);
    assert_int_equal(smmod_scanner_set_limit(sc, SMMOD_OPT_MAX_MATCHES, 0),
                     SMMOD_EINVAL);
}

static void test_catastrophic_regex(void **state)
{
    smmod_ruleset *bad = t_compile("category spam\n"
                                   "regex spam view raw /(a+)+$/\n");
    smmod_scanner *s = NULL;
    const smmod_verdict *v;
    char text[20002];
    (void)state;
    memset(text, 'a', sizeof(text) - 2);
    text[sizeof(text) - 2] = 'b';
    text[sizeof(text) - 1] = '\0';
    v = t_scan(&s, bad, text);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_LIMIT);
    assert_true(smmod_verdict_action(v) >= SMMOD_REVIEW);
    smmod_scanner_free(s);
    smmod_ruleset_free(bad);
}

static void test_topic(void **state)
{
    smmod_ruleset *t = t_compile(
        "category offtopic label \"Themenfremd\"\n"
        "topic impfen \"impf*\" \"termin\" \"praxis\"\n");
    smmod_scanner *s = NULL;
    const char *off = "Ich finde ja dass die Bundesliga dieses Jahr viel "
                      "spannender ist als letztes Jahr und Bayern verliert";
    const char *on = "Ich finde ja dass die Impfung dieses Jahr viel "
                     "besser organisiert ist als letztes Jahr bei uns hier";
    const smmod_verdict *v;
    (void)state;
    v = t_scan(&s, t, off);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW); /* no topic set */
    assert_int_equal(smmod_scanner_set_topic(s, "fussball"), SMMOD_ENOTFOUND);
    assert_int_equal(smmod_scanner_set_topic(s, "impfen"), SMMOD_OK);
    v = t_scan(&s, t, off);
    assert_true(smmod_verdict_flags(v) & SMMOD_FLAG_OFFTOPIC);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    assert_string_equal(smmod_verdict_category(v, 0), "offtopic");
    v = t_scan(&s, t, on);
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
    v = t_scan(&s, t, "Bayern verliert!"); /* short: never off-topic */
    assert_int_equal(smmod_verdict_action(v), SMMOD_ALLOW);
    assert_int_equal(smmod_scanner_set_topic(s, NULL), SMMOD_OK);
    smmod_scanner_free(s);
    smmod_ruleset_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_contract),
        cmocka_unit_test(test_inflection),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_allow),
        cmocka_unit_test(test_scores_and_actions),
        cmocka_unit_test(test_one_match_per_word),
        cmocka_unit_test(test_regex_and_flags),
        cmocka_unit_test(test_detectors),
        cmocka_unit_test(test_offsets_in_original),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_catastrophic_regex),
        cmocka_unit_test(test_topic),
    };
    return cmocka_run_group_tests_name("scan", tests, setup, teardown);
}
