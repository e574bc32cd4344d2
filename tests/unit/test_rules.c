/*
 * test_rules.c - the rule parser and compiler: every directive, and every
 * error path with its file:line:column and message.
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

#define CAT "category insult label \"Beleidigung\" basis \"§ 185 StGB\"\n"

/* Expect `rules` to fail with `code` at line:column, message containing
 * `needle`. */
static void expect_error(const char *rules, int code, unsigned line,
                         unsigned column, const char *needle)
{
    smmod_error *err = t_compile_fail(rules, code);
    if (line)
        assert_int_equal(smmod_error_line(err), line);
    if (column)
        assert_int_equal(smmod_error_column(err), column);
    if (!strstr(smmod_error_message(err), needle))
        fail_msg("message \"%s\" lacks \"%s\"", smmod_error_message(err),
                 needle);
    smmod_error_free(err);
}

static void test_valid_ruleset(void **state)
{
    (void)state;
    smmod_ruleset *rs = t_compile(
        CAT "category threat label \"Bedrohung\" flag escalate action review\n"
            "words insult id insult.words score 60 \"idiot\" \"drecks*\" \\\n"
            "    \"*schwein\" \"*scheiss*\" \"=pack\"\n"
            "word insult score 90 action reject \"hurensohn\"\n"
            "list verbs \"stech\" \"knall\"\n"
            "regex threat id threat.verbs /\\bich (?:{verbs})\\w* dich\\b/\n"
            "allow \"marsch*\"\n"
            "threshold review 30\nthreshold hide off\nthreshold reject 80\n"
            "topic impfen \"impfung\" \"termin\"\n"
            "test reject \"Du Hurensohn\"\ntest allow \"Schönes Wetter\"\n");
    assert_int_equal(smmod_ruleset_category_count(rs), 2);
    assert_string_equal(smmod_ruleset_category_code(rs, 0), "insult");
    assert_string_equal(smmod_ruleset_category_label(rs, 0), "Beleidigung");
    assert_string_equal(smmod_ruleset_category_basis(rs, 0), "§ 185 StGB");
    assert_string_equal(smmod_ruleset_category_basis(rs, 1), "");
    assert_null(smmod_ruleset_category_code(rs, 2));
    assert_int_equal(smmod_ruleset_rule_count(rs), 3);
    assert_string_equal(smmod_ruleset_rule_id(rs, 0), "insult.words");
    assert_string_equal(smmod_ruleset_rule_id(rs, 1), "insult.test.5");
    assert_int_equal(smmod_ruleset_rule_term_count(rs, 0), 5);
    assert_int_equal(smmod_ruleset_rule_category(rs, 2), 1);
    assert_int_equal(smmod_ruleset_threshold(rs, SMMOD_REVIEW), 30);
    assert_int_equal(smmod_ruleset_threshold(rs, SMMOD_HIDE), -1);
    assert_int_equal(smmod_ruleset_threshold(rs, SMMOD_REJECT), 80);
    assert_int_equal(smmod_ruleset_threshold(rs, SMMOD_ALLOW), -1);
    assert_int_equal(smmod_ruleset_topic_count(rs), 1);
    assert_string_equal(smmod_ruleset_topic_name(rs, 0), "impfen");
    assert_int_equal(smmod_ruleset_test_count(rs), 2);
    assert_string_equal(smmod_ruleset_test_text(rs, 0), "Du Hurensohn");
    assert_int_equal(smmod_ruleset_test_expected(rs, 0), SMMOD_REJECT);
    assert_int_equal(smmod_ruleset_test_line(rs, 1), 14);
    assert_string_equal(smmod_ruleset_test_file(rs, 1), "test.rules");
    assert_int_equal(strlen(smmod_ruleset_fingerprint(rs)), 16);
    smmod_ruleset_free(rs);
}

static void test_fingerprint(void **state)
{
    (void)state;
    smmod_ruleset *a = t_compile(CAT "words insult id w \"idiot\"\n");
    smmod_ruleset *b = t_compile("# same rules, other layout\n" CAT
                                 "words   insult id w \"idiot\"  # comment\n");
    smmod_ruleset *c = t_compile(CAT "words insult id w \"depp\"\n");
    assert_string_equal(smmod_ruleset_fingerprint(a),
                        smmod_ruleset_fingerprint(b));
    assert_string_not_equal(smmod_ruleset_fingerprint(a),
                            smmod_ruleset_fingerprint(c));
    smmod_ruleset_free(a);
    smmod_ruleset_free(b);
    smmod_ruleset_free(c);
}

static void test_lexer_errors(void **state)
{
    (void)state;
    expect_error(CAT "words insult \"idiot\n", SMMOD_ERULE, 2, 14,
                 "no closing quote");
    expect_error(CAT "regex insult /idiot\n", SMMOD_ERULE, 2, 14,
                 "no closing slash");
    expect_error(CAT "regex insult /idiot/q\n", SMMOD_ERULE, 2, 21,
                 "unknown regex flag");
    expect_error("\"category\" x\n", SMMOD_ERULE, 1, 1, "keyword");
    expect_error("kategorie x\n", SMMOD_ERULE, 1, 1, "unknown keyword");
    expect_error(CAT "threshold review 30 40\n", SMMOD_ERULE, 2, 21,
                 "unexpected \"40\"");
    expect_error("category a\n\xff\xfe\n", SMMOD_ERULE, 2, 0, "UTF-8");
}

static void test_nul_in_rules(void **state)
{
    (void)state;
    static const char text[] = "category a\0\n";
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_compile(&rs, text, sizeof(text) - 1, NULL,
                                           NULL, err), SMMOD_ERULE);
    assert_string_equal(smmod_error_file(err), "<string>");
    assert_int_equal(smmod_error_line(err), 1);
    smmod_error_free(err);
}

static void test_category_errors(void **state)
{
    (void)state;
    expect_error("category\n", SMMOD_ERULE, 1, 9, "category code");
    expect_error("category in/sult\n", SMMOD_ERULE, 1, 10, "not a valid code");
    expect_error(CAT CAT, SMMOD_ERULE, 2, 10, "declared twice");
    expect_error("category a colour \"x\"\n", SMMOD_ERULE, 1, 12,
                 "unknown category option");
    expect_error("category a \"x\"\n", SMMOD_ERULE, 1, 12, "category option");
    expect_error("category a score 101\n", SMMOD_ERULE, 1, 18, "0 to 100");
    expect_error("category a score x\n", SMMOD_ERULE, 1, 18, "whole number");
    expect_error("category a flag loud\n", SMMOD_ERULE, 1, 17, "unknown flag");
    expect_error("category a action ban\n", SMMOD_ERULE, 1, 19,
                 "unknown action");
    expect_error("category a label x\n", SMMOD_ERULE, 1, 18, "label in quotes");
}

static void test_rule_errors(void **state)
{
    (void)state;
    expect_error("words\n", SMMOD_ERULE, 1, 6, "category code");
    expect_error(CAT "words insul \"idiot\"\n", SMMOD_ERULE, 2, 7,
                 "unknown category \"insul\"; declare it first");
    expect_error(CAT "words insult id a/b \"x\"\n", SMMOD_ERULE, 2, 17,
                 "not a valid rule id");
    expect_error(CAT "words insult view fancy \"x\"\n", SMMOD_ERULE, 2, 19,
                 "unknown view");
    expect_error(CAT "words insult view plain nojoin \"x\"\n", SMMOD_ERULE, 2,
                 1, "only apply to the folded view");
    expect_error(CAT "words insult\n", SMMOD_ERULE, 2, 0, "expected terms");
    expect_error(CAT "words insult \"a*b\"\n", SMMOD_ERULE, 2, 14,
                 "not a valid term");
    expect_error(CAT "words insult \"*\"\n", SMMOD_ERULE, 2, 14,
                 "not a valid term");
    expect_error(CAT "words insult \"\xe2\x80\x8b\"\n", SMMOD_ERULE, 2, 14,
                 "no letters left");
    expect_error(CAT "word insult \"a\" \"b\"\n", SMMOD_ERULE, 2, 1,
                 "exactly one term");
    expect_error(CAT "words insult score 200 \"x\"\n", SMMOD_ERULE, 2, 20,
                 "0 to 100");
    expect_error(CAT "words insult action maybe \"x\"\n", SMMOD_ERULE, 2, 21,
                 "unknown action");
    expect_error(CAT "words insult file\n", SMMOD_ERULE, 2, 0,
                 "file name in quotes");
}

static void test_regex_errors(void **state)
{
    (void)state;
    expect_error(CAT "regex insult \"x\"\n", SMMOD_ERULE, 2, 14,
                 "regex between slashes");
    expect_error(CAT "regex insult //\n", SMMOD_ERULE, 2, 14, "empty");
    expect_error(CAT "regex insult /(ab/\n", SMMOD_ERULE, 2, 14,
                 "regex is not valid");
    expect_error(CAT "regex insult /a{nolist}b/\n", SMMOD_ERULE, 2, 16,
                 "{nolist}, which is not declared");
    expect_error("list a \"x\"\nlist a \"y\"\n", SMMOD_ERULE, 2, 6,
                 "declared twice");
    expect_error("list a\n", SMMOD_ERULE, 1, 7, "expected terms");
    expect_error("list a \"\"\n", SMMOD_ERULE, 1, 8, "empty");
}

static void test_other_errors(void **state)
{
    (void)state;
    expect_error(CAT "detect insult fingerprint\n", SMMOD_ERULE, 2, 15,
                 "unknown detector");
    expect_error(CAT "detect insult\n", SMMOD_ERULE, 2, 0, "at least one");
    expect_error(CAT "detect insult view folded iban\n", SMMOD_ERULE, 2, 1,
                 "remove the view option");
    expect_error("url maybe \"a.de\"\n", SMMOD_ERULE, 1, 5, "allow or deny");
    expect_error("url allow \"a.de/x\"\n", SMMOD_ERULE, 1, 11, "domain");
    expect_error("url deny\n", SMMOD_ERULE, 1, 0, "at least one domain");
    expect_error("topic t\n", SMMOD_ERULE, 1, 7, "needs keywords");
    expect_error("topic t x\n", SMMOD_ERULE, 1, 9, "keyword in quotes");
    expect_error("topic t \"a\"\ntopic t \"b\"\n", SMMOD_ERULE, 2, 7,
                 "declared twice");
    expect_error("threshold allow 10\n", SMMOD_ERULE, 1, 11, "no threshold");
    expect_error("threshold review 0\n", SMMOD_ERULE, 1, 18, "whole number");
    expect_error("test maybe \"x\"\n", SMMOD_ERULE, 1, 6, "unknown expected");
    expect_error("test allow\n", SMMOD_ERULE, 1, 0, "comment in quotes");
    expect_error("include x\n", SMMOD_ERULE, 1, 9, "file name in quotes");
}

/* Write `text` to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static smmod_error *load_fail(const char *path, int code)
{
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_load(&rs, path, NULL, err), code);
    assert_null(rs);
    return err;
}

static void test_files_and_includes(void **state)
{
    char dir[] = "/tmp/smmod-rules-XXXXXX", path[600];
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    (void)state;
    assert_non_null(mkdtemp(dir));
    write_file(dir, "cats.rules", CAT);
    write_file(dir, "words.txt", "# insults\nidiot\n\n  depp  \ndrecks*\n");
    write_file(dir, "main.rules", "include \"cats.rules\"\n"
                                  "include \"cats.rules\"\n"
                                  "words insult file \"words.txt\"\n");
    snprintf(path, sizeof(path), "%s/main.rules", dir);
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_load(&rs, path, NULL, err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_rule_term_count(rs, 0), 3);
    smmod_ruleset_free(rs);
    smmod_error_free(err);

    /* a bad term in a word file names the word file and its line */
    write_file(dir, "bad.txt", "idiot\nx*y\n");
    write_file(dir, "bad.rules", CAT "words insult file \"bad.txt\"\n");
    snprintf(path, sizeof(path), "%s/bad.rules", dir);
    err = load_fail(path, SMMOD_ERULE);
    assert_non_null(strstr(smmod_error_file(err), "bad.txt"));
    assert_int_equal(smmod_error_line(err), 2);
    smmod_error_free(err);

    /* cycles */
    write_file(dir, "a.rules", "include \"b.rules\"\n");
    write_file(dir, "b.rules", "\ninclude \"a.rules\"\n");
    snprintf(path, sizeof(path), "%s/a.rules", dir);
    err = load_fail(path, SMMOD_ERULE);
    assert_non_null(strstr(smmod_error_message(err), "includes itself"));
    assert_non_null(strstr(smmod_error_file(err), "b.rules"));
    assert_int_equal(smmod_error_line(err), 2);
    smmod_error_free(err);

    /* missing files */
    write_file(dir, "m.rules", CAT "\ninclude \"nope.rules\"\n");
    snprintf(path, sizeof(path), "%s/m.rules", dir);
    err = load_fail(path, SMMOD_EIO);
    assert_int_equal(smmod_error_line(err), 3);
    assert_non_null(strstr(smmod_error_message(err), "nope.rules"));
    smmod_error_free(err);
    write_file(dir, "w.rules", CAT "words insult file \"nope.txt\"\n");
    snprintf(path, sizeof(path), "%s/w.rules", dir);
    err = load_fail(path, SMMOD_EIO);
    smmod_error_free(err);
    err = load_fail("/nonexistent/x.rules", SMMOD_EIO);
    smmod_error_free(err);

    /* leaving the root directory */
    write_file(dir, "out.rules", "include \"../../etc/passwd\"\n");
    snprintf(path, sizeof(path), "%s/out.rules", dir);
    err = load_fail(path, SMMOD_ERULE);
    assert_non_null(strstr(smmod_error_message(err), "outside"));
    smmod_error_free(err);

    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

static void test_limits(void **state)
{
    smmod_options *opts = NULL;
    smmod_ruleset *rs = NULL;
    smmod_error *err = NULL;
    const char *rules = CAT "words insult \"a1\" \"a2\" \"a3\"\n";
    int64_t v = 0;
    (void)state;
    assert_int_equal(smmod_options_new(&opts), SMMOD_OK);
    assert_int_equal(smmod_options_get(opts, SMMOD_OPT_MAX_TERMS, &v), 0);
    assert_true(v >= 1000000);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS, 2), 0);
    assert_int_equal(smmod_options_set(opts, 999, 2), SMMOD_EINVAL);
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_TERMS, -1),
                     SMMOD_EINVAL);
    assert_int_equal(smmod_error_new(&err), SMMOD_OK);
    assert_int_equal(smmod_ruleset_compile(&rs, rules, strlen(rules), NULL,
                                           opts, err), SMMOD_ELIMIT);
    assert_non_null(strstr(smmod_error_message(err), "more than 2 terms"));
    assert_int_equal(smmod_options_set(opts, SMMOD_OPT_MAX_RULE_FILE_BYTES, 4),
                     0);
    {
        FILE *f = fopen("/tmp/smmod-limit.rules", "w");
        assert_non_null(f);
        fputs("category insult\n", f);
        fclose(f);
    }
    assert_int_equal(smmod_ruleset_load(&rs, "/tmp/smmod-limit.rules", opts,
                                        err), SMMOD_ELIMIT);
    assert_non_null(strstr(smmod_error_message(err), "larger than the limit"));
    remove("/tmp/smmod-limit.rules");
    smmod_error_free(err);
    smmod_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_ruleset),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_lexer_errors),
        cmocka_unit_test(test_nul_in_rules),
        cmocka_unit_test(test_category_errors),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_regex_errors),
        cmocka_unit_test(test_other_errors),
        cmocka_unit_test(test_files_and_includes),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
