/*
 * helper_util.c - see helper_util.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helper_util.h"

smmod_ruleset *t_compile(const char *rules)
{
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    int rc;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    rc = smmod_ruleset_compile(&rs, rules, strlen(rules), "test.rules", NULL,
                               err);
    if (rc != SMMOD_OK)
        print_error("compile failed: %s:%u:%u: %s\n", smmod_error_file(err),
                    smmod_error_line(err), smmod_error_column(err),
                    smmod_error_message(err));
    assert_int_equal(rc, SMMOD_OK);
    assert_non_null(rs);
    smmod_error_free(err);
    return rs;
}

smmod_error *t_compile_fail(const char *rules, int expected_code)
{
    smmod_ruleset *rs = (smmod_ruleset *)1;
    smmod_error *err = NULL;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_compile(&rs, rules, strlen(rules),
                                           "test.rules", NULL, err),
                     expected_code);
    assert_null(rs);
    assert_int_equal(smmod_error_code(err), expected_code);
    return err;
}

const smmod_verdict *t_scan(smmod_scanner **sc, smmod_ruleset *rs,
                            const char *text)
{
    const smmod_verdict *v = NULL;
    if (!*sc)
        assert_int_equal(smmod_scanner_new(sc, rs), SMMOD_OK);
    assert_int_equal(smmod_scan(*sc, text, strlen(text), &v), SMMOD_OK);
    assert_non_null(v);
    return v;
}

int t_action(const char *rules, const char *text)
{
    smmod_ruleset *rs = t_compile(rules);
    smmod_scanner *sc = NULL;
    int action = smmod_verdict_action(t_scan(&sc, rs, text));
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
    return action;
}

int t_has_rule(const smmod_verdict *v, const char *rule)
{
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++)
        if (strcmp(smmod_verdict_match_rule(v, i), rule) == 0)
            return 1;
    return 0;
}
