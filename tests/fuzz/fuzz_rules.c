/*
 * fuzz_rules.c - libFuzzer target: the input is a rule file, compiled with
 * smmod_ruleset_compile (lexer, parser, term normalisation, automaton and
 * PCRE2 compilation). Checks:
 *   - the return code is one of the documented ones, and the error object
 *     holds the same code; a rule error has a position;
 *   - on failure *out is NULL; on success the ruleset's accessors agree
 *     with each other and a few comments (and the file's own `test` lines)
 *     scan without error.
 * The name points into an empty temporary directory, so `include` and
 * `file` fail with EIO (or leave the root) instead of reading whatever
 * lies around.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "smmod.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static smmod_options *g_opts;
static char g_dir[] = "/tmp/smmod-fuzz-rules-XXXXXX";
static char g_name[64];

static void remove_dir(void) { rmdir(g_dir); }

static void init_once(void)
{
    if (g_opts)
        return;
    if (!mkdtemp(g_dir))
        abort();
    atexit(remove_dir);
    snprintf(g_name, sizeof g_name, "%s/fuzz.rules", g_dir);
    if (smmod_options_new(&g_opts) ||
        smmod_options_set(g_opts, SMMOD_OPT_MAX_TERMS, 20000) ||
        smmod_options_set(g_opts, SMMOD_OPT_REGEX_MATCH_LIMIT, 20000))
        abort();
}

static void check_accessors(smmod_ruleset *rs)
{
    size_t nc = smmod_ruleset_category_count(rs);
    size_t nr = smmod_ruleset_rule_count(rs);
    FUZZ_CHECK(strlen(smmod_ruleset_fingerprint(rs)) == 16);
    for (size_t i = 0; i < nc; i++) {
        FUZZ_CHECK(smmod_ruleset_category_code(rs, i) != NULL);
        FUZZ_CHECK(smmod_ruleset_category_label(rs, i) != NULL);
        FUZZ_CHECK(smmod_ruleset_category_basis(rs, i) != NULL);
    }
    FUZZ_CHECK(smmod_ruleset_category_code(rs, nc) == NULL);
    for (size_t i = 0; i < nr; i++) {
        int c = smmod_ruleset_rule_category(rs, i);
        FUZZ_CHECK(smmod_ruleset_rule_id(rs, i) != NULL);
        FUZZ_CHECK(c >= 0 && (size_t)c < nc);
    }
    FUZZ_CHECK(smmod_ruleset_rule_id(rs, nr) == NULL);
    FUZZ_CHECK(smmod_ruleset_rule_category(rs, nr) == -1);
    for (size_t i = 0; i < smmod_ruleset_topic_count(rs); i++)
        FUZZ_CHECK(smmod_ruleset_topic_name(rs, i) != NULL);
}

static void scan_one(smmod_scanner *sc, const char *text, size_t len)
{
    const smmod_verdict *v = NULL;
    FUZZ_CHECK(smmod_scan(sc, text, len, &v) == SMMOD_OK && v);
    FUZZ_CHECK(smmod_verdict_action(v) >= SMMOD_ALLOW &&
               smmod_verdict_action(v) <= SMMOD_REJECT);
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++)
        FUZZ_CHECK(smmod_verdict_match_end(v, i) <= len);
}

static void exercise(smmod_ruleset *rs)
{
    static const char *const texts[] = {
        "Du bist ein Idiot, ruf mich an: 0171 2345678",
        "I d i 0 t!!! aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "Sch\xc3\xb6ne Gr\xc3\xbc\303\237e, https://example.org \xff",
    };
    smmod_scanner *sc = NULL;
    FUZZ_CHECK(smmod_scanner_new(&sc, rs) == SMMOD_OK);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        scan_one(sc, texts[i], strlen(texts[i]));
    for (size_t i = 0; i < smmod_ruleset_test_count(rs) && i < 8; i++) {
        const char *t = smmod_ruleset_test_text(rs, i);
        int exp = smmod_ruleset_test_expected(rs, i);
        FUZZ_CHECK(t != NULL && smmod_ruleset_test_line(rs, i) > 0);
        FUZZ_CHECK((exp >= SMMOD_ALLOW && exp <= SMMOD_REJECT) ||
                   exp == SMMOD_TEST_FLAGGED);
        scan_one(sc, t, strlen(t));
    }
    smmod_scanner_free(sc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    smmod_ruleset *rs = (smmod_ruleset *)1;
    smmod_error *err = NULL;
    int rc;
    init_once();
    FUZZ_CHECK(smmod_error_new(&err) == SMMOD_OK);
    rc = smmod_ruleset_compile(&rs, (const char *)data, size,
                               g_name, g_opts, err);
    FUZZ_CHECK(rc == SMMOD_OK || rc == SMMOD_ERULE || rc == SMMOD_EIO ||
               rc == SMMOD_ELIMIT);
    FUZZ_CHECK(smmod_error_code(err) == rc);
    FUZZ_CHECK(smmod_error_message(err) != NULL);
    if (rc == SMMOD_OK) {
        FUZZ_CHECK(rs != NULL);
        check_accessors(rs);
        exercise(rs);
        smmod_ruleset_free(rs);
    } else {
        FUZZ_CHECK(rs == NULL);
        FUZZ_CHECK(smmod_error_message(err)[0] != '\0');
        if (rc == SMMOD_ERULE)
            FUZZ_CHECK(smmod_error_line(err) >= 1);
    }
    smmod_error_free(err);
    return 0;
}
