/*
 * fuzz_scan.c - libFuzzer target: scan the input as a comment with the
 * default ruleset (rules/de/default.rules, or $SMMOD_FUZZ_RULES), then
 * redact it, checking what the API promises:
 *   - the scan succeeds and its action is a valid smmod_action;
 *   - a comment that was truncated, ran out of a regex limit or was not
 *     valid UTF-8 is never allowed, and the flag says why;
 *   - the INVALID_UTF8 flag is set exactly when the text is not UTF-8;
 *   - matches lie inside the text, are ordered by start, and start and end
 *     on character boundaries;
 *   - redaction reports its size, fails with ERANGE when the buffer is one
 *     byte short, and a one-byte mask never makes the text longer.
 * The first input byte picks the scanner's comment limit (small limits
 * exercise truncation) and the redaction mode; the rest is the comment.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "smmod.h"

static smmod_ruleset *g_rs;
static smmod_scanner *g_sc;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = getenv("SMMOD_FUZZ_RULES");
    smmod_options *opts = NULL;
    smmod_error *err = NULL;
    (void)argc;
    (void)argv;
    if (!path)
        path = "rules/de/default.rules";
    if (smmod_options_new(&opts) || smmod_error_new(&err) ||
        smmod_options_set(opts, SMMOD_OPT_KEEP_TESTS, 0))
        abort();
    if (smmod_ruleset_load(&g_rs, path, opts, err) != SMMOD_OK) {
        fprintf(stderr, "fuzz_scan: %s: %s (run from the source root)\n",
                path, smmod_error_message(err));
        abort();
    }
    if (smmod_scanner_new(&g_sc, g_rs))
        abort();
    smmod_options_free(opts);
    smmod_error_free(err);
    return 0;
}

static void check_matches(const smmod_verdict *v, const char *text,
                          size_t len, int valid)
{
    size_t n = smmod_verdict_match_count(v), prev = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = smmod_verdict_match_start(v, i);
        size_t e = smmod_verdict_match_end(v, i);
        int view = smmod_verdict_match_view(v, i);
        FUZZ_CHECK(s <= e && e <= len);
        FUZZ_CHECK(s >= prev);
        FUZZ_CHECK(view >= SMMOD_VIEW_RAW && view <= SMMOD_VIEW_FOLDED);
        FUZZ_CHECK(smmod_verdict_match_rule(v, i) != NULL);
        FUZZ_CHECK(smmod_verdict_match_category(v, i) != NULL);
        FUZZ_CHECK(smmod_verdict_match_term(v, i) != NULL);
        if (valid) {
            FUZZ_CHECK(fuzz_on_boundary(text, len, s));
            FUZZ_CHECK(fuzz_on_boundary(text, len, e));
        }
        prev = s;
    }
    FUZZ_CHECK(smmod_verdict_match_start(v, n) == (size_t)-1);
}

static void check_redact(const smmod_verdict *v, const char *text,
                         size_t len, int mode)
{
    static const char *const cats[] = {NULL, "*", "insult,pii", ""};
    static const char *const masks[] = {"*", "[entfernt]", "\xe2\x96\x88", ""};
    const char *c = cats[mode & 3], *m = masks[(mode >> 2) & 3];
    size_t need = 0, got = 0;
    char *buf;
    FUZZ_CHECK(smmod_redact(v, text, len, c, m, NULL, 0, &need) ==
               SMMOD_ERANGE);
    buf = malloc(need + 1);
    FUZZ_CHECK(buf != NULL);
    if (need > 0)
        FUZZ_CHECK(smmod_redact(v, text, len, c, m, buf, need, &got) ==
                   SMMOD_ERANGE);
    FUZZ_CHECK(smmod_redact(v, text, len, c, m, buf, need + 1, &got) ==
               SMMOD_OK);
    FUZZ_CHECK(got == need && buf[got] == '\0');
    if (strlen(m) == 1)
        FUZZ_CHECK(got <= len);
    if (len > 0)
        FUZZ_CHECK(smmod_redact(v, text, len - 1, c, m, buf, need + 1,
                                &got) == SMMOD_EINVAL);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int64_t limits[] = {1 << 20, 1 << 20, 1 << 20, 1 << 20,
                                     1 << 20, 1 << 20, 64,      7};
    const smmod_verdict *v = NULL;
    const char *text;
    size_t len;
    unsigned flags;
    int action, mode, valid;
    if (size < 1)
        return 0;
    mode = data[0];
    text = (const char *)data + 1;
    len = size - 1;
    FUZZ_CHECK(smmod_scanner_set_limit(g_sc, SMMOD_OPT_MAX_COMMENT_BYTES,
                                       limits[mode & 7]) == SMMOD_OK);
    FUZZ_CHECK(smmod_scan(g_sc, text, len, &v) == SMMOD_OK && v);
    action = smmod_verdict_action(v);
    flags = smmod_verdict_flags(v);
    valid = fuzz_utf8_valid(text, len);
    FUZZ_CHECK(action >= SMMOD_ALLOW && action <= SMMOD_REJECT);
    FUZZ_CHECK(smmod_verdict_text_length(v) == len);
    if ((int64_t)len > limits[mode & 7])
        FUZZ_CHECK(flags & SMMOD_FLAG_TRUNCATED);
    else
        FUZZ_CHECK(!(flags & SMMOD_FLAG_TRUNCATED) &&
                   !valid == !!(flags & SMMOD_FLAG_INVALID_UTF8));
    if (flags & (SMMOD_FLAG_TRUNCATED | SMMOD_FLAG_LIMIT |
                 SMMOD_FLAG_INVALID_UTF8))
        FUZZ_CHECK(action >= SMMOD_REVIEW);
    if (smmod_verdict_category_count(v) > 0)
        FUZZ_CHECK(smmod_verdict_category_score(v, 0) >= 0 &&
                   smmod_verdict_category_score(v, 0) <= 100);
    check_matches(v, text, len, valid);
    check_redact(v, text, len, mode >> 3);
    return 0;
}
