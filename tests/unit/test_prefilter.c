/*
 * test_prefilter.c - the regex prefilter (lib/prefilter.c): what the
 * analysis derives from pattern shapes, that it never rejects a text the
 * regex matches, that it does reject texts without the required literals,
 * the white-space folding it relies on in the plain view (every code
 * point), and identical verdicts with and without it (and without the
 * lazy no-collapse view) on the shipped rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "prefilter.h"
#include "helper_util.h"
#include "scanner.h"

typedef struct pcase {
    const char *pattern;
    int view;
    uint32_t options;
    int filtered;         /* whether the analysis finds clauses */
    const char *pass[4];  /* texts that must pass (the regex may match) */
    const char *block[4]; /* texts that must not pass */
} pcase;

static const pcase cases[] = {
    {"\\bfick\\s+dich\\b", SMMOD__V_PLAIN, 0, 1,
     {"Fick  dich!", "fick\tdich", NULL}, {"fick mich", "dich fick", NULL}},
    {"\\b(?:ich|wir)\\s+(?:bring|leg)\\w*\\s+(?:dich|euch)\\s+um\\b",
     SMMOD__V_PLAIN, 0, 1, {"Wir bringen euch um", "ich leg dich um", NULL},
     {"ich bringe das auto um 8", "wir legen los", NULL}},
    {"x\\s*y", SMMOD__V_PLAIN, 0, 1, {"xy", "x y", "x \u00a0 y", NULL},
     {"x-y", NULL}},
    {"abc\\s+def", SMMOD__V_RAW, 0, 1, {"abc   def", NULL}, {"abdef", NULL}},
    {"(?:foo|bar)+baz", SMMOD__V_PLAIN, 0, 1, {"foobarbaz", "barbaz", NULL},
     {"foo qux", NULL}},
    {"ab{2,3}c", SMMOD__V_PLAIN, 0, 1, {"abbc", "abbbc", NULL}, {"abc", NULL}},
    {"[xy]z{2}", SMMOD__V_PLAIN, 0, 1, {"xzz", "yzz", NULL}, {"xz", NULL}},
    {"([!?])\\1{5,}", SMMOD__V_RAW, 0, 1, {"wow!!!!!!", "??????", NULL},
     {"hm!?!?!?", "!!!", NULL}},
    {"(\\w)\\1{4,}", SMMOD__V_RAW, 0, 1, {"jaaaaa", "\u00e4\u00e4\u00e4\u00e4\u00e4",
     "wasser alle jaaaaaa!", NULL},
     {"jaaa", "wasser alle jaaa mm", NULL}},
    /* runs of umlauts, "€" and emoji among other non-ASCII text: the run
     * is counted in characters of two, three and four bytes */
    {"(.)\\1{4,}", SMMOD__V_RAW, 0, 1,
     {"gr\u00fc\u00dfe aus k\u00f6ln \U0001F600\U0001F600\U0001F600"
      "\U0001F600\U0001F600 toll",
      "\u00f6\u00e4\u00fc \u00f6\u00e4\u00fc \u00e4\u00e4\u00e4\u00e4\u00e4",
      "gr\u00f6\u00dfe \u00fc\u20ac\u20ac\u20ac\u20ac\u20ac stra\u00dfe", NULL},
     {"gr\u00fc\u00dfe aus k\u00f6ln \U0001F600\U0001F600\U0001F600"
      " toll",
      "\u00f6\u00e4\u00fc\u00f6\u00e4\u00fc\u00f6\u00e4\u00fc\u00f6\u00e4"
      "\u00fc\u00e4\u00e4\u00e4 \u00fc\u00fc", NULL}},
    /* a rare one-byte literal ('%') is a clause; common ones are not */
    {"\\bheute\\s+(?:rabatt|\\d+\\s*%)", SMMOD__V_PLAIN, 0, 1,
     {"heute 50 %", "heute rabatt", "heute 5%", NULL},
     {"heute kommt er", "heute 5 euro", NULL}},
    {"(?:rabatt|\\d+\\s*!)", SMMOD__V_PLAIN, 0, 0, {"5!", NULL}, {NULL}},
    /* lookarounds consume nothing; their literals are not required */
    {"(?<!nicht )dumm(?!er)", SMMOD__V_PLAIN, 0, 1, {"so dumm", NULL},
     {"so doof", NULL}},
    /* shapes that must always run */
    {"abc|x*", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"[a-z]+\\d", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"(?i)abc", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"abc", SMMOD__V_PLAIN, PCRE2_CASELESS, 0, {"", NULL}, {NULL}},
    {"a b", SMMOD__V_PLAIN, PCRE2_EXTENDED, 0, {"", NULL}, {NULL}},
    {"\\x{41}bc", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"(?<n>ab)cd", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"\\Qa.b\\E", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"a{,3}bc", SMMOD__V_PLAIN, 0, 0, {"", NULL}, {NULL}},
    {"\\s{2}ab", SMMOD__V_PLAIN, 0, 1, {"  ab", NULL}, {NULL}},
    /* seams: an exact piece, then one whose matches start with a known
     * head (a repeat, an alternation of such, a group starting exact):
     * their products must occur whole, not each part somewhere */
    {"\\b(?:ar|f)(?:\\*{2,}|\\.{3,}|#{2,})(?:\\w+|(?=\\s|$))", SMMOD__V_PLAIN,
     0, 1, {"so ein ar**", "f......!", "f##x", NULL},
     {"ar und f und ...", "f. ... **", NULL}},
    {"ab(?:cd\\w*|ef+)x", SMMOD__V_PLAIN, 0, 1,
     {"abcdzzx", "abeffx", NULL}, {"ab cd x", "ab ef x", NULL}},
    {"(?:ab)?c(?:d+|ee)", SMMOD__V_PLAIN, 0, 1, {"cdd", "abcee", NULL},
     {"c d ee", NULL}},
    /* each branch's best clause is its long verb-and-pronoun literals, not
     * its short last word ("um", "ab", "tot", "kalt"), which plain German
     * is full of */
    {"\\b(?:ich|wir)\\s+(?:(?:bring|bringe|bringen|leg|lege|legen)\\s+"
     "(?:dich|euch|ihn|sie)\\s+(?:\\w+\\s+){0,2}?um\\b|(?:knall|knalle|"
     "knallen|stech|steche|stechen)\\s+(?:dich|euch|ihn|sie)\\s+"
     "(?:\\w+\\s+){0,2}?ab\\b|(?:schlag|schlage|schlagen|tret|trete|treten)"
     "\\s+(?:dich|euch|ihn|sie)\\s+(?:\\w+\\s+){0,2}?tot\\b|(?:mach|mache|"
     "machen)\\s+(?:dich|euch|ihn|sie)\\s+(?:\\w+\\s+){0,2}?kalt\\b)",
     SMMOD__V_PLAIN, 0, 1,
     {"ich bringe dich um", "wir mache euch sofort kalt",
      "ich trete ihn tot", NULL},
     {"ich war um acht ab nach hause, tot und kalt", NULL}},
    /* an optional head promises nothing: "x" alone may match */
    {"x(?:y{2,})?", SMMOD__V_PLAIN, 0, 0, {"x", NULL}, {NULL}},
};

static smmod__normalizer *nz;

static int setup(void **state)
{
    (void)state;
    return smmod__normalizer_new(&nz);
}

static int teardown(void **state)
{
    (void)state;
    smmod__normalizer_free(nz);
    return 0;
}

static pcre2_code *compile(const pcase *c)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile(
        (PCRE2_SPTR)c->pattern, PCRE2_ZERO_TERMINATED,
        PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | c->options, &code,
        &off, NULL);
    assert_non_null(re);
    return re;
}

/* Whether the prefilter lets `text` through, and whether re matches it. */
static void check_text(const smmod__prefilter *pf, const pcase *c,
                       pcre2_code *re, const char *text, int want_block)
{
    smmod__view views[SMMOD__V_COUNT];
    uint32_t seen[2] = {0, 0};
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int pass, match;
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&views[k]);
    assert_int_equal(smmod__normalize(nz, 1u << c->view, text, strlen(text),
                                      views),
                     0);
    smmod__prefilter_scan(pf, views, seen);
    pass = smmod__prefilter_pass(pf, views, seen, 0);
    match = pcre2_match(re, (PCRE2_SPTR)views[c->view].text,
                        views[c->view].len, 0, 0, md, NULL) >= 0;
    if ((match && !pass) || (want_block && pass))
        fail_msg("/%s/ on \"%s\": match %d, prefilter pass %d", c->pattern,
                 text, match, pass);
    pcre2_match_data_free(md);
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&views[k]);
}

/* A one-rule prefilter for case c: `expect` checks what the analysis
 * found, then every text that must pass does and every text that must be
 * blocked is. */
static void check_case(const pcase *c,
                       void (*expect)(const smmod__prefilter *, const pcase *))
{
    smmod__prefilter *pf = NULL;
    pcre2_code *re = compile(c);
    assert_int_equal(smmod__prefilter_new(&pf, 1), 0);
    assert_int_equal(smmod__prefilter_add(pf, 0, c->view, c->pattern,
                                          strlen(c->pattern), c->options),
                     0);
    assert_int_equal(smmod__prefilter_build(pf), 0);
    expect(pf, c);
    for (int k = 0; k < 4 && c->pass[k]; k++)
        check_text(pf, c, re, c->pass[k], 0);
    for (int k = 0; k < 4 && c->block[k]; k++)
        check_text(pf, c, re, c->block[k], 1);
    pcre2_code_free(re);
    smmod__prefilter_free(pf);
}

/* Weaker clauses with few literals are looked for only once the best
 * clause of their branch was seen (pf_defer): a text with the best clause
 * but not the weaker one must still be blocked. */
static const pcase deferred_cases[] = {
    {"\\b(?:du|ihr)\\s+\\w+\\s+schwachkopf\\w*", SMMOD__V_PLAIN, 0, 1,
     {"Du bist Schwachkopf", "ihr seid schwachkopfig", NULL},
     {"er ist ein schwachkopf", "du bist", "ein schwachkopf, du", NULL}},
    {"\\b(?:du|ihr)\\s+\\w+\\s+schwachkopf|\\b(?:er|es)\\s+\\w+\\s+dummbatz",
     SMMOD__V_PLAIN, 0, 1,
     {"du bist schwachkopf", "er ist dummbatz", NULL},
     {"du bist dummbatz", "er ist schwachkopf", "ihr dummbatz", NULL}},
};

/* The pronoun clauses of a deferred case are deferred, its nouns not. */
static void expect_deferred(const smmod__prefilter *pf, const pcase *c)
{
    (void)c;
    assert_int_not_equal(smmod__prefilter_deferred(pf, 0), 0);
    assert_int_not_equal(smmod__prefilter_need(pf, 0) &
                             ~smmod__prefilter_deferred(pf, 0),
                         0);
}

static void test_deferred(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof deferred_cases / sizeof deferred_cases[0];
         i++)
        check_case(&deferred_cases[i], expect_deferred);
}

/* smmod__prefilter_next over more rules than one word of candidate bits:
 * it returns, in rule order, exactly the rules smmod__prefilter_pass
 * accepts (rules whose clauses were seen, and those without clauses). */
static void test_next_order(void **state)
{
    enum { N = 70 };
    const char *text = "wort7 und wort33 und wort64";
    smmod__prefilter *pf = NULL;
    smmod__view views[SMMOD__V_COUNT];
    uint32_t seen[N + N / 32 + 1], want[N], got[N], r;
    size_t nwant = 0, ngot = 0, pos = 0;
    char pat[32];
    (void)state;
    assert_int_equal(smmod__prefilter_new(&pf, N), 0);
    assert_int_equal(smmod__prefilter_seen_len(pf), N + N / 32 + 1);
    for (r = 0; r < N; r++) {
        if (r % 3 == 2)
            continue; /* not a regex rule */
        if (r % 3 == 0)
            snprintf(pat, sizeof pat, "\\bwort%u\\b", (unsigned)r);
        else
            snprintf(pat, sizeof pat, "[a-z]+\\d"); /* always runs */
        assert_int_equal(smmod__prefilter_add(pf, r, SMMOD__V_PLAIN, pat,
                                              strlen(pat), 0),
                         0);
    }
    assert_int_equal(smmod__prefilter_build(pf), 0);
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&views[k]);
    assert_int_equal(smmod__normalize(nz, 1u << SMMOD__V_PLAIN, text,
                                      strlen(text), views),
                     0);
    smmod__prefilter_scan(pf, views, seen);
    while (smmod__prefilter_next(pf, views, seen, &pos, &r))
        got[ngot++] = r;
    /* a keyed rule may run where its literal occurs, even inside a longer
     * word ("wort3" in "wort33"): rules 3, 6 and 33 */
    for (r = 0; r < N; r++) {
        snprintf(pat, sizeof pat, "wort%u", (unsigned)r);
        if (r % 3 == 1 || (r % 3 == 0 && strstr(text, pat)))
            want[nwant++] = r;
    }
    assert_int_equal(nwant, 23 + 3);
    assert_int_equal(ngot, nwant);
    assert_memory_equal(got, want, nwant * sizeof *got);
    for (size_t k = 0, i = 0; k < N; k++) {
        int expect = i < nwant && want[i] == k;
        if (k % 3 != 2)
            assert_int_equal(smmod__prefilter_pass(pf, views, seen,
                                                   (uint32_t)k),
                             expect);
        i += expect;
    }
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&views[k]);
    smmod__prefilter_free(pf);
}

/* Whether the analysis finds clauses where the case says it does. */
static void expect_filtered(const smmod__prefilter *pf, const pcase *c)
{
    if ((smmod__prefilter_need(pf, 0) != 0) != c->filtered)
        fail_msg("/%s/: filtered %d, expected %d", c->pattern,
                 smmod__prefilter_need(pf, 0) != 0, c->filtered);
}

static void test_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i], expect_filtered);
}

/* The analysis reads \s+ in the plain view as exactly " ": so every
 * character PCRE2 takes for \s must become a space there, and runs of
 * them one space. */
static void test_plain_white_space(void **state)
{
    smmod__view views[SMMOD__V_COUNT];
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^\\s$", PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    size_t white = 0;
    (void)state;
    assert_non_null(re);
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&views[k]);
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        char ch[4], text[16];
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = smmod__u8_encode(cp, ch);
        if (pcre2_match(re, (PCRE2_SPTR)ch, n, 0, 0, md, NULL) < 0)
            continue;
        white++;
        /* "a" cp cp " " "b" */
        text[0] = 'a';
        memcpy(text + 1, ch, n);
        memcpy(text + 1 + n, ch, n);
        text[1 + 2 * n] = ' ';
        text[2 + 2 * n] = 'b';
        assert_int_equal(smmod__normalize(nz, 1u << SMMOD__V_PLAIN, text,
                                          3 + 2 * n, views),
                         0);
        if (views[SMMOD__V_PLAIN].len != 3 ||
            memcmp(views[SMMOD__V_PLAIN].text, "a b", 3) != 0)
            fail_msg("U+%04X: plain view is \"%s\"", cp,
                     views[SMMOD__V_PLAIN].text);
    }
    assert_true(white >= 20); /* ASCII and Unicode spaces were tried */
    for (int k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&views[k]);
    pcre2_code_free(re);
    pcre2_match_data_free(md);
}

/* A verdict as one string, to compare two scans. */
static void describe(const smmod_verdict *v, char *buf, size_t cap)
{
    size_t o = (size_t)snprintf(buf, cap, "%d %u %d |", smmod_verdict_action(v),
                                smmod_verdict_flags(v), smmod_verdict_score(v));
    for (size_t m = 0; m < smmod_verdict_match_count(v) && o < cap; m++)
        o += (size_t)snprintf(buf + o, cap - o, " %s %zu-%zu",
                              smmod_verdict_match_rule(v, m),
                              smmod_verdict_match_start(v, m),
                              smmod_verdict_match_end(v, m));
}

static void same_verdict(smmod_scanner *sc, smmod_ruleset *rs,
                         const char *text)
{
    static char a[8192], b[8192];
    smmod__prefilter *pf = rs->prefilter;
    unsigned lazy = rs->lazy_views;
    const smmod_verdict *v;
    assert_int_equal(smmod_scan(sc, text, strlen(text), &v), 0);
    describe(v, a, sizeof a);
    rs->prefilter = NULL; /* every regex runs */
    rs->lazy_views = 0;   /* every view is computed */
    assert_int_equal(smmod_scan(sc, text, strlen(text), &v), 0);
    rs->prefilter = pf;
    rs->lazy_views = lazy;
    describe(v, b, sizeof b);
    if (strcmp(a, b) != 0)
        fail_msg("\"%s\":\n  with prefilter %s\n  without        %s", text, a,
                 b);
}

/* Texts for the no-collapse terms (their view is computed only when the
 * squashed term occurs in FOLDED), the regexes' edges and the detectors. */
static const char *const extra[] = {
    "Nutte", "Nuttte!", "nnutte", "N u t t e", "Nu77e", "die Nutten",
    "Assi", "Aaassi", "assis und assige", "Pisser", "Pissssser",
    "du Pissnelke", "Piste", "Nute und Feder", "Fantasie", "Ich bring dich um",
    "ICH BRING DICH UM", "ich  bring\tdich um", "Sieg Heil", "s.i.e.g h.e.i.l",
    "Mail an a@b.de, Tel. 0151 1234567", "www.example.com", "",
    "Minute", "Basis", "Assistent", "Konvertiten", "Titten", "Tittchens",
    "Pissers", "Pissnelkeen", "Nutteinnen", "Assiis", "Pisseen", "Spast",
    "Spastis", "Nuttenhaus", "Mongooo", "Pissttt", "nutte-assi",
    /* runs of six (the spam run clause), across eight-byte blocks */
    "!!!!!!", "Hallo!!!!!!", "Hallo Welt!!!!!!", "ein text mit aaaaaa drin",
    "ein langer text mit einem ende aaaaaaa", "abcdefgäääääähij",
    "abcdefghijklmnopqrstuvwxyyyyyy", "abcdefghijklmnopqrstuvwxyyyyy",
};

/* The no-collapse view is computed when a squashed no-collapse term
 * stands where the term could match, not for every word containing it. */
static void test_trigger_edges(void **state)
{
    static const struct {
        const char *text;
        int fires;
    } cases[] = {
        {"Nutte", 1},     {"die Nutten", 1},    {"Assi!", 1},
        {"Pissnelke", 1}, {"Konvertiten", 1},   {"Minute", 0},
        {"Basis", 0},     {"Fantasie", 0},      {"Assistent", 0},
        {"Pissers", 1},   {"Hallo Welt", 0},    {"Minuten und Basis", 0},
    };
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    const smmod_verdict *v;
    (void)state;
    assert_int_equal(
        smmod_ruleset_load(&rs, "rules/de/default.rules", NULL, NULL), 0);
    assert_int_equal(smmod_scanner_new(&sc, rs), 0);
    assert_true(rs->lazy_views & (1u << SMMOD__V_FOLDED_NOCOLLAPSE));
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int fired;
        assert_int_equal(
            smmod_scan(sc, cases[k].text, strlen(cases[k].text), &v), 0);
        fired = (sc->triggered & (1u << SMMOD__V_FOLDED_NOCOLLAPSE)) != 0;
        if (fired != cases[k].fires)
            fail_msg("\"%s\": trigger %s", cases[k].text,
                     fired ? "fired" : "did not fire");
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* Fail unless rule `rule` matched in v, the verdict of `text`, exactly
 * when `want` says. */
static void expect_rule(const smmod_verdict *v, const char *text,
                        const char *rule, int want)
{
    if (t_has_rule(v, rule) != want)
        fail_msg("\"%s\": %s %s", text, rule, want ? "missed" : "matched");
}

/* A regex in the no-collapse view needs that view on every scan: the view
 * is lazy only when word rules alone read it (it once held the text of an
 * earlier comment when no trigger fired, and the regex never matched). */
static void test_regex_in_lazy_view(void **state)
{
    smmod_ruleset *rs = t_compile(
        "category x label \"x\"\n"
        "words x id w.nc score 40 view folded nocollapse \"doof\"\n"
        "words x id w.f score 40 \"idiot\"\n"
        "regex x id re.nc score 40 view folded nocollapse /\\bkaff+ee\\b/\n");
    smmod_scanner *sc = NULL;
    static const struct {
        const char *text;
        int hit;
    } cases[] = {{"hallo welt", 0}, {"Kaffee trinken", 1}, {"hallo", 0},
                 {"kafe", 0},       {"KAFFEE", 1},         {"ein Kaffee", 1}};
    (void)state;
    assert_false(rs->lazy_views & (1u << SMMOD__V_FOLDED_NOCOLLAPSE));
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        expect_rule(t_scan(&sc, rs, cases[k].text), cases[k].text, "re.nc",
                    cases[k].hit);
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* PLAIN literals looked for in FOLDED (smmod__prefilter_export_folded):
 * wherever the regex matches in PLAIN, the literal must still be seen in
 * FOLDED, whatever folding does next to it: spaced single letters
 * joined, leetspeak before it, the same letter squashed at its edges,
 * umlauts and symbols around it. And the export must be in use. */
static void test_exported_literals(void **state)
{
    smmod_ruleset *rs = t_compile(
        "category x label \"x\"\n"
        "words x id w.f score 40 \"idiot\"\n"
        "regex x id re.p score 40 view plain /faule sau/\n"
        "regex x id re.q score 40 view plain /(?:ihr|sie) versager/\n");
    smmod_scanner *sc = NULL;
    static const struct {
        const char *text;
        const char *rule; /* must match, or NULL: neither may */
    } cases[] = {{"du faule sau", "re.p"},
                 {"a b c faule sau", "re.p"},
                 {"faule sau x y z", "re.p"},
                 {"$faule sau", "re.p"},
                 {"ffaule sauu", "re.p"},
                 {"ä ö ü faule sau ß", "re.p"},
                 {"FAULE\u00a0SAU", "re.p"},
                 {"s i e versager", NULL},
                 {"sie versager", "re.q"},
                 {"i h r ihr versager", "re.q"},
                 {"1hr versager", NULL},
                 {"faule schafe", NULL}};
    (void)state;
    assert_true(smmod__prefilter_exported(rs->prefilter) > 0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const smmod_verdict *v = t_scan(&sc, rs, cases[k].text);
        const char *want = cases[k].rule;
        expect_rule(v, cases[k].text, "re.p", want && !strcmp(want, "re.p"));
        expect_rule(v, cases[k].text, "re.q", want && !strcmp(want, "re.q"));
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* Runs body on each shipped ruleset with a scanner of it. */
static void each_shipped_ruleset(void (*body)(smmod_scanner *,
                                             smmod_ruleset *))
{
    static const char *files[] = {"rules/de/default.rules",
                                  "rules/de/youth.rules"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        smmod_ruleset *rs = NULL;
        smmod_scanner *sc = NULL;
        assert_int_equal(smmod_ruleset_load(&rs, files[f], NULL, NULL), 0);
        assert_int_equal(smmod_scanner_new(&sc, rs), 0);
        body(sc, rs);
        smmod_scanner_free(sc);
        smmod_ruleset_free(rs);
    }
}

static void extra_texts(smmod_scanner *sc, smmod_ruleset *rs)
{
    for (size_t t = 0; t < sizeof extra / sizeof extra[0]; t++)
        same_verdict(sc, rs, extra[t]);
}

static void test_extra_texts(void **state)
{
    (void)state;
    each_shipped_ruleset(extra_texts);
}

/* Every test line of a shipped ruleset, as written and varied. */
static void shipped_rules(smmod_scanner *sc, smmod_ruleset *rs)
{
    size_t filtered = 0;
    for (size_t r = 0; r < rs->rules.count; r++)
        filtered += smmod__prefilter_need(rs->prefilter, (uint32_t)r) != 0;
    assert_true(filtered > 0);
    for (size_t t = 0; t < rs->tests.count; t++) {
        char buf[2048];
        const char *text = rs->tests.items[t].text;
        size_t n = strlen(text), o = 0;
        same_verdict(sc, rs, text);
        if (n * 3 >= sizeof buf)
            continue;
        for (size_t i = 0; i < n; i++) { /* doubled spaces, upper case */
            buf[o++] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 32)
                                                        : text[i];
            if (text[i] == ' ')
                buf[o++] = '\t';
        }
        buf[o] = '\0';
        same_verdict(sc, rs, buf);
    }
}

static void test_shipped_rules(void **state)
{
    (void)state;
    each_shipped_ruleset(shipped_rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_deferred),
        cmocka_unit_test(test_next_order),
        cmocka_unit_test(test_exported_literals),
        cmocka_unit_test(test_plain_white_space),
        cmocka_unit_test(test_shipped_rules),
        cmocka_unit_test(test_extra_texts),
        cmocka_unit_test(test_trigger_edges),
        cmocka_unit_test(test_regex_in_lazy_view),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
