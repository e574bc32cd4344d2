/*
 * test_api.c - the public API's contract: version, strerror, NULL and
 * out-of-range arguments, reference counting, redaction buffers.
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
    "category insult label \"Beleidigung\"\n"
    "category pii flag redact\n"
    "words insult id i \"idiot\" \"depp\"\n"
    "detect pii id p email\n";

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(smmod_version(), SMMOD_VERSION_STRING);
    assert_int_equal(smmod_version_number(), SMMOD_VERSION_NUMBER);
    assert_int_equal(SMMOD_ALLOW, 0);
    assert_int_equal(SMMOD_REVIEW, 1);
    assert_int_equal(SMMOD_HIDE, 2);
    assert_int_equal(SMMOD_REJECT, 3);
    for (int code = 0; code >= -7; code--)
        assert_string_not_equal(smmod_strerror(code), "unknown error code");
    assert_string_equal(smmod_strerror(-99), "unknown error code");
    assert_string_equal(smmod_strerror(42), "unknown error code");
}

static void test_null_arguments(void **state)
{
    smmod_ruleset *rs = (smmod_ruleset *)1;
    smmod_scanner *sc = (smmod_scanner *)1;
    const smmod_verdict *v = (const smmod_verdict *)1;
    smmod_error *err = NULL;
    size_t n = 7;
    int64_t x;
    (void)state;
    assert_int_equal(smmod_error_new(NULL), SMMOD_EINVAL);
    assert_int_equal(smmod_options_new(NULL), SMMOD_EINVAL);
    assert_int_equal(smmod_options_set(NULL, SMMOD_OPT_MAX_TERMS, 1),
                     SMMOD_EINVAL);
    assert_int_equal(smmod_options_get(NULL, SMMOD_OPT_MAX_TERMS, &x),
                     SMMOD_EINVAL);
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_load(NULL, "x", NULL, err), SMMOD_EINVAL);
    assert_int_equal(smmod_ruleset_load(&rs, NULL, NULL, err), SMMOD_EINVAL);
    assert_null(rs);
    assert_int_equal(smmod_error_code(err), SMMOD_EINVAL);
    rs = (smmod_ruleset *)1;
    assert_int_equal(smmod_ruleset_compile(&rs, NULL, 5, NULL, NULL, NULL),
                     SMMOD_EINVAL);
    assert_null(rs);
    assert_int_equal(smmod_scanner_new(&sc, NULL), SMMOD_EINVAL);
    assert_null(sc);
    assert_int_equal(smmod_scanner_new(NULL, NULL), SMMOD_EINVAL);
    assert_int_equal(smmod_scan(NULL, "x", 1, &v), SMMOD_EINVAL);
    assert_null(v);
    assert_int_equal(smmod_redact(NULL, "x", 1, NULL, NULL, NULL, 0, &n),
                     SMMOD_EINVAL);
    assert_int_equal(n, 0);
    assert_int_equal(smmod_scanner_set_topic(NULL, "x"), SMMOD_EINVAL);
    assert_int_equal(smmod_scanner_set_limit(NULL, 1, 1), SMMOD_EINVAL);
    /* accessors tolerate NULL */
    assert_int_equal(smmod_verdict_action(NULL), SMMOD_ALLOW);
    assert_int_equal(smmod_verdict_match_count(NULL), 0);
    assert_null(smmod_verdict_match_rule(NULL, 0));
    assert_int_equal(smmod_ruleset_category_count(NULL), 0);
    assert_string_equal(smmod_ruleset_fingerprint(NULL), "");
    assert_string_equal(smmod_error_message(NULL), "");
    assert_int_equal(smmod_error_line(NULL), 0);
    /* free accepts NULL */
    smmod_ruleset_free(NULL);
    smmod_scanner_free(NULL);
    smmod_error_free(NULL);
    smmod_options_free(NULL);
    smmod_error_free(err);
}

static void test_out_of_range(void **state)
{
    smmod_ruleset *rs = t_compile(RULES);
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = t_scan(&sc, rs, "Idiot");
    (void)state;
    assert_null(smmod_verdict_match_rule(v, 1));
    assert_null(smmod_verdict_match_category(v, 1));
    assert_null(smmod_verdict_match_term(v, 1));
    assert_int_equal(smmod_verdict_match_start(v, 1), (size_t)-1);
    assert_int_equal(smmod_verdict_match_end(v, 1), (size_t)-1);
    assert_int_equal(smmod_verdict_match_view(v, 1), -1);
    assert_int_equal(smmod_verdict_match_score(v, 1), -1);
    assert_null(smmod_verdict_category(v, 1));
    assert_int_equal(smmod_verdict_category_index(v, 1), -1);
    assert_int_equal(smmod_verdict_category_score(v, 1), -1);
    assert_int_equal(smmod_verdict_category_index(v, 0), 0);
    assert_null(smmod_ruleset_rule_id(rs, 2));
    assert_int_equal(smmod_ruleset_rule_category(rs, 2), -1);
    assert_null(smmod_ruleset_test_text(rs, 0));
    assert_int_equal(smmod_ruleset_test_expected(rs, 0), -1);
    assert_null(smmod_ruleset_topic_name(rs, 0));
    assert_int_equal(smmod_ruleset_threshold(rs, 7), -1);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

static void test_refcount(void **state)
{
    smmod_ruleset *rs = t_compile(RULES);
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    (void)state;
    assert_ptr_equal(smmod_ruleset_ref(rs), rs);
    smmod_ruleset_free(rs); /* back to one reference */
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    smmod_ruleset_free(rs); /* the scanner keeps it alive */
    assert_ptr_equal(smmod_scanner_ruleset(sc), rs);
    assert_int_equal(smmod_scan(sc, "Depp", 4, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_match_count(v), 1);
    assert_string_equal(smmod_verdict_category(v, 0), "insult");
    smmod_scanner_free(sc);
}

static void test_redact(void **state)
{
    smmod_ruleset *rs = t_compile(RULES);
    smmod_scanner *sc = NULL;
    const char *text = "Du Idiot, schreib an max@example.org, du Depp";
    const smmod_verdict *v = t_scan(&sc, rs, text);
    size_t len = strlen(text), n = 0;
    char buf[128], small[8];
    (void)state;
    /* default: the categories flagged redact */
    assert_int_equal(smmod_redact(v, text, len, NULL, NULL, buf, sizeof(buf),
                                  &n), SMMOD_OK);
    assert_string_equal(buf, "Du Idiot, schreib an ***************, du Depp");
    assert_int_equal(n, strlen(buf));
    assert_int_equal(smmod_redact(v, text, len, "insult", "█", buf,
                                  sizeof(buf), &n), SMMOD_OK);
    assert_string_equal(buf, "Du █████, schreib an max@example.org, du ████");
    assert_int_equal(smmod_redact(v, text, len, "*", "[x]", buf, sizeof(buf),
                                  &n), SMMOD_OK);
    assert_string_equal(buf, "Du [x], schreib an [x], du [x]");
    assert_int_equal(smmod_redact(v, text, len, "threat,other", "#", buf,
                                  sizeof(buf), &n), SMMOD_OK);
    assert_string_equal(buf, text);
    /* sizing */
    assert_int_equal(smmod_redact(v, text, len, "*", "[x]", NULL, 0, &n),
                     SMMOD_ERANGE);
    assert_int_equal(n, strlen("Du [x], schreib an [x], du [x]"));
    assert_int_equal(smmod_redact(v, text, len, "*", "[x]", small,
                                  sizeof(small), &n), SMMOD_ERANGE);
    /* the text must be the scanned one */
    assert_int_equal(smmod_redact(v, text, len - 1, NULL, NULL, buf,
                                  sizeof(buf), &n), SMMOD_EINVAL);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

static void test_views(void **state)
{
    smmod_ruleset *rs = t_compile(RULES);
    smmod_scanner *sc = NULL;
    char buf[64];
    size_t n = 0;
    (void)state;
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scanner_view(sc, SMMOD_VIEW_PLAIN, "GROSSE Straße",
                                        strlen("GROSSE Straße"), buf,
                                        sizeof(buf), &n), SMMOD_OK);
    assert_string_equal(buf, "grosse strasse");
    assert_int_equal(smmod_scanner_view(sc, SMMOD_VIEW_FOLDED, "Dödel", 6,
                                        buf, sizeof(buf), &n), SMMOD_OK);
    assert_string_equal(buf, "doedel");
    assert_int_equal(smmod_scanner_view(sc, SMMOD_VIEW_RAW, "Dödel", 6, buf,
                                        3, &n), SMMOD_ERANGE);
    assert_int_equal(n, 6);
    assert_int_equal(smmod_scanner_view(sc, 9, "x", 1, buf, sizeof(buf), &n),
                     SMMOD_EINVAL);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_refcount),
        cmocka_unit_test(test_redact),
        cmocka_unit_test(test_views),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
