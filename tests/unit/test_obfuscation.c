/*
 * test_obfuscation.c - end to end: every obfuscation class of the German
 * normalisation issue, applied to several terms in the middle of real
 * sentences, must still match; and every match's original bytes are valid
 * UTF-8 that normalise to text containing the term.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helper_util.h"
#include "norm.h"

static const char *TERMS[] = {"Arschloch", "Idiot", "Vollpfosten",
                              "Hurensohn", "Dödel", "Scheiße", NULL};
static const char *RULES =
    "category insult\n"
    "words insult id w \"arschloch\" \"idiot\" \"vollpfosten\" "
    "\"hurensohn\" \"dödel\" \"scheiße\"\n";
static const char *SENTENCES[] = {
    "Du bist ein %s, ehrlich.",
    "Was für ein %s!",
    "Der Typ ist %s und bleibt es.",
    "„%s“ – mehr fällt mir nicht ein.",
};

typedef void (*transform_fn)(const char *in, char *out);

/* Length of the UTF-8 character at s. */
static size_t cp_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copy each character, with `sep` between characters. */
static void with_separator(const char *in, char *out, const char *sep)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        if (p != in)
            o += (size_t)sprintf(out + o, "%s", sep);
        memcpy(out + o, p, cp_len(p));
        o += cp_len(p);
    }
    out[o] = '\0';
}

static void t_dots(const char *in, char *out) { with_separator(in, out, "."); }
static void t_spaces(const char *in, char *out) { with_separator(in, out, " "); }
static void t_dashes(const char *in, char *out) { with_separator(in, out, "-"); }

static void t_upper(const char *in, char *out)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        if (cp_len(p) == 1) {
            out[o++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
        } else if (memcmp(p, "ö", 2) == 0) {
            o += (size_t)sprintf(out + o, "Ö");
        } else if (memcmp(p, "ß", 2) == 0) {
            o += (size_t)sprintf(out + o, "ẞ");
        } else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

/* Leetspeak inside the word: symbols for the first letter (@rsch), digits
 * inside; the last letter stays, as leet is read only where a letter
 * follows (so "Idiot!" and "Covid19" keep their symbols). */
static void t_leet(const char *in, char *out)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        char c = *p;
        const char *sub = NULL;
        if (p != in && cp_len(p) == 1 && p[1]) {
            sub = c == 'a' ? "4" : c == 'e' ? "3" : c == 'o' ? "0"
                : c == 'i' ? "1" : c == 's' ? "$" : NULL;
        } else if (p == in && (c == 'A' || c == 'a')) {
            sub = "@";
        }
        if (sub) {
            o += (size_t)sprintf(out + o, "%s", sub);
        } else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

static void t_repeats(const char *in, char *out)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p))
        for (int k = 0; k < (strchr("aeiouAEIOU", *p) ? 5 : 1); k++) {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    out[o] = '\0';
}

/* Cyrillic look-alikes for a, c, e, o, p, x, y, H (TR39 confusables). */
static void t_cyrillic(const char *in, char *out)
{
    static const char from[] = "aceopxyH";
    static const uint32_t to[] = {0x430, 0x441, 0x435, 0x43E,
                                  0x440, 0x445, 0x443, 0x41D};
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        const char *f = cp_len(p) == 1 ? strchr(from, *p) : NULL;
        if (f && *f) {
            o += smmod__u8_encode(to[f - from], out + o);
        } else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

/* An invisible character after the second character. */
static void insert_after_two(const char *in, char *out, const char *inv)
{
    size_t first = cp_len(in), second = first + cp_len(in + first);
    memcpy(out, in, second);
    sprintf(out + second, "%s%s", inv, in + second);
}

static void t_zwsp(const char *in, char *out)
{
    insert_after_two(in, out, "\xe2\x80\x8b");
}

static void t_shy(const char *in, char *out) { insert_after_two(in, out, "\xc2\xad"); }

/* Fullwidth (U+FF21..) or mathematical bold (U+1D400..) letters. */
static void letters_from(const char *in, char *out, uint32_t upper,
                         uint32_t lower)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        if (cp_len(p) == 1 && is_ascii_letter(*p)) {
            o += smmod__u8_encode(*p <= 'Z' ? upper + (uint32_t)(*p - 'A')
                                            : lower + (uint32_t)(*p - 'a'),
                                  out + o);
        } else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

static void t_fullwidth(const char *in, char *out)
{
    letters_from(in, out, 0xFF21, 0xFF41);
}

static void t_mathbold(const char *in, char *out)
{
    letters_from(in, out, 0x1D400, 0x1D41A);
}

/* German spelling variants: ß -> ss, ö -> oe. */
static void t_spelled(const char *in, char *out)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        if (memcmp(p, "ß", 2) == 0)
            o += (size_t)sprintf(out + o, "ss");
        else if (memcmp(p, "ö", 2) == 0)
            o += (size_t)sprintf(out + o, "oe");
        else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

static void t_html(const char *in, char *out)
{
    size_t o = 0;
    for (const char *p = in; *p; p += cp_len(p)) {
        if (memcmp(p, "ö", 2) == 0)
            o += (size_t)sprintf(out + o, "&ouml;");
        else if (memcmp(p, "ß", 2) == 0)
            o += (size_t)sprintf(out + o, "&#223;");
        else if (p == in)
            o += (size_t)sprintf(out + o, "&#x%X;", (unsigned)*p);
        else {
            memcpy(out + o, p, cp_len(p));
            o += cp_len(p);
        }
    }
    out[o] = '\0';
}

static const struct {
    const char *name;
    transform_fn fn;
} CLASSES[] = {
    {"dots", t_dots},           {"spaces", t_spaces},
    {"dashes", t_dashes},       {"upper", t_upper},
    {"leet", t_leet},           {"repeats", t_repeats},
    {"cyrillic", t_cyrillic},   {"zero-width", t_zwsp},
    {"soft-hyphen", t_shy},     {"fullwidth", t_fullwidth},
    {"math-bold", t_mathbold},  {"spelled", t_spelled},
    {"html", t_html},
};

/* Every byte range [s, e) of the original is valid UTF-8. */
static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = cp_len(s + i);
        if (((unsigned char)s[i] & 0xC0) == 0x80 || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static void check_one(smmod_scanner *sc, const char *cls, const char *term,
                      const char *word, const char *sentence)
{
    char text[512], folded_term[64], span_view[512];
    const smmod_verdict *v;
    size_t n;
    snprintf(text, sizeof(text), sentence, word);
    assert_int_equal(smmod_scan(sc, text, strlen(text), &v), SMMOD_OK);
    if (smmod_verdict_match_count(v) != 1)
        fail_msg("%s: \"%s\" (from %s) gave %zu matches", cls, text, term,
                 smmod_verdict_match_count(v));
    {
        size_t s = smmod_verdict_match_start(v, 0);
        size_t e = smmod_verdict_match_end(v, 0);
        assert_true(s < e && e <= strlen(text));
        if (!valid_utf8(text + s, e - s))
            fail_msg("%s: span %zu..%zu of \"%s\" is not UTF-8", cls, s, e,
                     text);
        /* the original span normalises to text containing the term */
        assert_int_equal(smmod_scanner_view(sc, SMMOD_VIEW_FOLDED, term,
                                            strlen(term), folded_term,
                                            sizeof(folded_term), &n), 0);
        assert_int_equal(smmod_scanner_view(sc, SMMOD_VIEW_FOLDED, text + s,
                                            e - s, span_view,
                                            sizeof(span_view), &n), 0);
        if (!strstr(span_view, folded_term))
            fail_msg("%s: span \"%.*s\" folds to \"%s\", lacks \"%s\"", cls,
                     (int)(e - s), text + s, span_view, folded_term);
    }
}

static void test_every_class(void **state)
{
    smmod_ruleset *rs = t_compile(RULES);
    smmod_scanner *sc = NULL;
    char word[256];
    (void)state;
    assert_int_equal(smmod_scanner_new(&sc, rs), SMMOD_OK);
    for (size_t c = 0; c < sizeof(CLASSES) / sizeof(CLASSES[0]); c++)
        for (size_t t = 0; TERMS[t]; t++)
            for (size_t s = 0; s < sizeof(SENTENCES) / sizeof(*SENTENCES);
                 s++) {
                CLASSES[c].fn(TERMS[t], word);
                check_one(sc, CLASSES[c].name, TERMS[t], word, SENTENCES[s]);
            }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* Words that contain an offensive string stay clean with allow entries
 * and whole-word terms. */
static void test_scunthorpe(void **state)
{
    static const char *clean[] = {
        "Der Marsch beginnt um acht.", "Ein Barsch im Kanal.",
        "Die Analyse ist fertig.", "Die Schwanzflosse des Wals.",
        "Testmethoden für Pessimisten.", "Ab in die Sauna!",
        "Heute ist es schwül.", "Der Niger ist ein Fluss.", NULL};
    smmod_ruleset *rs = t_compile(
        "category x\n"
        "words x \"*arsch*\" \"anal*\" \"*schwanz*\" \"*tessm*\" "
        "\"*sau\" \"schwul*\" \"*nigger*\"\n"
        "allow \"marsch*\" \"barsch*\" \"analys*\" \"schwanzflosse*\" "
        "\"sauna*\" \"schwuel*\" \"=niger\"\n"
        "words x view folded nocollapse \"*nigger*\"\n");
    smmod_scanner *sc = NULL;
    (void)state;
    for (size_t i = 0; clean[i]; i++) {
        const smmod_verdict *v = t_scan(&sc, rs, clean[i]);
        if (smmod_verdict_match_count(v))
            fail_msg("\"%s\" matched %s", clean[i],
                     smmod_verdict_match_term(v, 0));
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_class),
        cmocka_unit_test(test_scunthorpe),
    };
    return cmocka_run_group_tests_name("obfuscation", tests, NULL, NULL);
}
