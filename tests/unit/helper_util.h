/*
 * helper_util.h - small helpers shared by the cmocka suites: compile rules
 * from a string and scan a text, failing the test on unexpected errors.
 */
#ifndef SMMOD_TEST_HELPER_UTIL_H
#define SMMOD_TEST_HELPER_UTIL_H

#include <stddef.h>

#include "smmod.h"

/* Compile `rules`; fail the test (printing the error) unless it compiles. */
smmod_ruleset *t_compile(const char *rules);
/* Compile `rules` expecting failure; returns the error (caller frees). */
smmod_error *t_compile_fail(const char *rules, int expected_code);
/* Scan `text` (strlen) with a fresh scanner kept in *sc (created on first
 * use from rs). */
const smmod_verdict *t_scan(smmod_scanner **sc, smmod_ruleset *rs,
                            const char *text);
/* The action of scanning `text` with `rules`. */
int t_action(const char *rules, const char *text);
/* Whether some match of v has rule id `rule`. */
int t_has_rule(const smmod_verdict *v, const char *rule);

#endif
