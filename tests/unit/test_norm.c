/*
 * test_norm.c - the German normaliser (lib/norm*.c): every view class with
 * its exact text and offset map, obfuscations that must meet their plain
 * spelling, words that must stay themselves, term normalisation, the word
 * helpers, map invariants on random input, invalid UTF-8, NUL bytes and a
 * 10 MB input.
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
#include "norm.h"
#include "norm_int.h" /* smmod__u8_decode */
#include "smmod.h"

#define ALL_KINDS ((1u << SMMOD__V_COUNT) - 1)

typedef struct fixture {
    smmod__normalizer *nz;
    smmod__view v[SMMOD__V_COUNT];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    int k;
    if (!fx || smmod__normalizer_new(&fx->nz) != 0)
        return -1;
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&fx->v[k]);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    int k;
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&fx->v[k]);
    smmod__normalizer_free(fx->nz);
    free(fx);
    return 0;
}

static const smmod__view *norm_n(fixture *fx, int kind, const char *s,
                                 size_t len)
{
    assert_int_equal(smmod__normalize(fx->nz, 1u << kind, s, len, fx->v), 0);
    return &fx->v[kind];
}

static const smmod__view *norm(fixture *fx, int kind, const char *s)
{
    return norm_n(fx, kind, s, strlen(s));
}

/* The map as "s-e s-e ..." (one entry per view byte). */
static const char *map_string(const smmod__view *v)
{
    static char buf[4096];
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; i < v->len && n + 24 < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u-%u",
                              i ? " " : "", v->ostart[i], v->oend[i]);
    return buf;
}

static void expect(fixture *fx, int kind, const char *in, const char *text,
                   const char *map)
{
    const smmod__view *v = norm(fx, kind, in);
    assert_int_equal(v->len, strlen(text));
    assert_string_equal(v->text, text);
    if (map)
        assert_string_equal(map_string(v), map);
}

/* Two inputs give the same text in view `kind`. */
static void meet(fixture *fx, int kind, const char *a, const char *b)
{
    char *ta = smmod__strdup(norm(fx, kind, a)->text);
    assert_non_null(ta);
    assert_string_equal(ta, norm(fx, kind, b)->text);
    smmod__free(ta);
}

/* ---- raw ------------------------------------------------------------------ */

static void test_raw(void **state)
{
    fixture *fx = *state;
    const smmod__view *v;
    expect(fx, SMMOD__V_RAW, "Bär", "Bär", "0-1 1-3 1-3 3-4");
    assert_int_equal(fx->v[SMMOD__V_RAW].flags, 0);
    /* each bad byte becomes U+FFFD mapped to that byte */
    v = norm(fx, SMMOD__V_RAW, "a\xff\xe2\x82z");
    assert_string_equal(v->text, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
    assert_string_equal(map_string(v),
                        "0-1 1-2 1-2 1-2 2-3 2-3 2-3 3-4 3-4 3-4 4-5");
    assert_true(v->flags & SMMOD__VIEWF_INVALID_UTF8);
    /* overlong, surrogate and out-of-range sequences are bad bytes too */
    v = norm(fx, SMMOD__V_RAW, "\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80");
    assert_int_equal(v->len, 9 * 3);
    /* NUL is a character like any other */
    v = norm_n(fx, SMMOD__V_RAW, "a\0b", 3);
    assert_int_equal(v->len, 3);
    assert_memory_equal(v->text, "a\0b", 3);
    assert_int_equal(v->flags, 0);
}

/* ---- plain ---------------------------------------------------------------- */

static void test_plain_case_and_nfkc(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_PLAIN, "Straße", "strasse",
           "0-1 1-2 2-3 3-4 4-6 4-6 6-7");
    expect(fx, SMMOD__V_PLAIN, "GROẞ", "gross", "0-1 1-2 2-3 3-6 3-6");
    expect(fx, SMMOD__V_PLAIN, "ＩＤＩＯＴ", "idiot",
           "0-3 3-6 6-9 9-12 12-15");
    expect(fx, SMMOD__V_PLAIN, "𝐈d", "id", "0-4 4-5");
    expect(fx, SMMOD__V_PLAIN, "ﬁx", "fix", "0-3 0-3 3-4");
    /* a combining mark composes with its base; both map to the cluster */
    expect(fx, SMMOD__V_PLAIN, "Be\xcc\x81", "b\xc3\xa9", "0-1 1-4 1-4");
    /* umlauts stay umlauts in plain */
    expect(fx, SMMOD__V_PLAIN, "Dödel", "dödel", "0-1 1-3 1-3 3-4 4-5 5-6");
}

static void test_plain_invisibles(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_PLAIN, "Arsch\xe2\x80\x8bloch", "arschloch",
           "0-1 1-2 2-3 3-4 4-5 8-9 9-10 10-11 11-12");
    expect(fx, SMMOD__V_PLAIN, "Ver\xc2\xad"
                               "bot",
           "verbot", "0-1 1-2 2-3 5-6 6-7 7-8");
    /* ZWNJ, ZWJ, WORD JOINER, BOM, LRM */
    expect(fx, SMMOD__V_PLAIN,
           "a\xe2\x80\x8c"
           "b\xe2\x80\x8d"
           "c\xe2\x81\xa0"
           "d\xef\xbb\xbf"
           "e\xe2\x80\x8e",
           "abcde", "0-1 4-5 8-9 12-13 16-17");
    /* a removed character between a letter and its mark does not split
     * the cluster */
    expect(fx, SMMOD__V_PLAIN, "a\xe2\x80\x8b\xcc\x88", "\xc3\xa4",
           "0-6 0-6");
}

static void test_plain_entities(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_PLAIN, "&auml;rger", "\xc3\xa4rger",
           "0-6 0-6 6-7 7-8 8-9 9-10");
    expect(fx, SMMOD__V_PLAIN, "&#228;&#xE4;&Uuml;", "ääü",
           "0-6 0-6 6-12 6-12 12-18 12-18");
    expect(fx, SMMOD__V_PLAIN, "&lt;b&gt; &amp;auml; &quot;",
           "<b> &auml; \"", NULL);
    expect(fx, SMMOD__V_PLAIN, "Stra&szlig;e", "strasse",
           "0-1 1-2 2-3 3-4 4-11 4-11 11-12");
    /* not references: no ';', unknown name, NUL, surrogate */
    expect(fx, SMMOD__V_PLAIN, "&amp &bogus; &#0; &#xD800; &", 
           "&amp &bogus; &#0; &#xd800; &", NULL);
    /* &nbsp; and &shy; are white space and an invisible */
    expect(fx, SMMOD__V_PLAIN, "a&nbsp;b&shy;c", "a bc",
           "0-1 1-7 7-8 13-14");
}

static void test_plain_white(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_PLAIN, "a \t\n\xc2\xa0"
                               "b",
           "a b", "0-1 1-6 6-7");
    /* ideographic space, em space, a ZWSP inside the run */
    expect(fx, SMMOD__V_PLAIN, "x\xe3\x80\x80\xe2\x80\x8b\xe2\x80\x83y",
           "x y", "0-1 1-10 10-11");
    expect(fx, SMMOD__V_PLAIN, "  ", " ", "0-2");
}

/* ---- folded --------------------------------------------------------------- */

static void test_folded_umlauts_and_marks(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Dödel", "doedel",
           "0-1 1-3 1-3 3-4 4-5 5-6");
    meet(fx, SMMOD__V_FOLDED, "Doedel", "Dödel");
    meet(fx, SMMOD__V_FOLDED, "Duedel", "Düdel");
    meet(fx, SMMOD__V_FOLDED, "AERGER", "Ärger");
    meet(fx, SMMOD__V_FOLDED, "Scheisse", "Scheiße");
    meet(fx, SMMOD__V_FOLDED, "SCHEISSE", "Scheiße");
    meet(fx, SMMOD__V_FOLDED, "Sche&#105;&szlig;e", "Scheiße");
    expect(fx, SMMOD__V_FOLDED, "Scheiße", "scheise", NULL);
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Café Garçon naïve", 
           "cafe garcon naive", NULL);
    /* decomposed input folds like composed input */
    meet(fx, SMMOD__V_FOLDED, "Do\xcc\x88"
                              "del",
         "Dödel");
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Ærø Łódź", "aeroe lodz", NULL);
}

static void test_folded_german_stays(void **state)
{
    fixture *fx = *state;
    const char *words[] = {"Marsch", "Straße", "Scheiße", "Bußgeld",
                           "Fußball", "Grüße", "weiß", "groß", "ẞ",
                           "SCHEIẞE"};
    size_t k;
    expect(fx, SMMOD__V_FOLDED, "Marsch", "marsch", NULL);
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Straße", "strasse", NULL);
    expect(fx, SMMOD__V_FOLDED, "Straße", "strase", NULL);
    expect(fx, SMMOD__V_FOLDED, "Grüße", "gruese", NULL);
    /* ß never becomes b: "Scheiße" and "Scheibe" stay apart */
    for (k = 0; k < sizeof words / sizeof words[0]; k++) {
        const smmod__view *v = norm(fx, SMMOD__V_FOLDED_NEITHER, words[k]);
        if (!strchr(words[k], 'b') && !strchr(words[k], 'B'))
            assert_null(memchr(v->text, 'b', v->len));
    }
    expect(fx, SMMOD__V_FOLDED, "Scheibe", "scheibe", NULL);
    /* Latin letters stay themselves */
    expect(fx, SMMOD__V_FOLDED, "Hamburg rn m", "hamburg rn m", NULL);
}

static void test_folded_confusables(void **state)
{
    fixture *fx = *state;
    /* Cyrillic А, then Latin */
    expect(fx, SMMOD__V_FOLDED, "\xd0\x90rschloch", "arschloch",
           "0-2 2-3 3-4 4-5 5-6 6-7 7-8 8-9 9-10");
    expect(fx, SMMOD__V_FOLDED, "Ｉｄｉｏｔ", "idiot", NULL);
    expect(fx, SMMOD__V_FOLDED, "𝐈𝐝𝐢𝐨𝐭", "idiot", NULL);
    /* Greek Ο and Ι, Cyrillic о and р, all in one word */
    meet(fx, SMMOD__V_FOLDED, "Ι\xd4\x81iot", "Idiot");
    meet(fx, SMMOD__V_FOLDED, "Ρ\xd0\xbe\xd1\x80\xd0\xbeΟ", "popoo");
    /* upper-case Cyrillic Н looks like H although н does not */
    meet(fx, SMMOD__V_FOLDED, "\xd0\x9dure", "Hure");
    /* Cherokee Ꭺ */
    meet(fx, SMMOD__V_FOLDED, "\xe1\x8e\xaa"
                              "bc",
         "abc");
}

static void test_folded_leet(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_FOLDED, "@rschl0ch", "arschloch",
           "0-1 1-2 2-3 3-4 4-5 5-6 6-7 7-8 8-9");
    expect(fx, SMMOD__V_FOLDED, "Sch31ße", "scheise", NULL);
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Sch31ße", "scheisse", NULL);
    expect(fx, SMMOD__V_FOLDED, "Idiot!", "idiot!", NULL);
    expect(fx, SMMOD__V_FOLDED, "2019 4 Leute Covid19 100%",
           "2019 4 leute covid19 100%", NULL);
    expect(fx, SMMOD__V_FOLDED, "1d10t $packen €uro |ame", 
           "idiot spacken euro lame", NULL);
    /* € is three bytes and becomes one letter mapped to all three */
    expect(fx, SMMOD__V_FOLDED_NEITHER, "€k", "ek", "0-3 3-4");
}

static void test_folded_collapse(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_FOLDED, "Vollidiooooot", "volidiot",
           "0-1 1-2 2-4 4-5 5-6 6-7 7-12 12-13");
    expect(fx, SMMOD__V_FOLDED_NOCOLLAPSE, "Vollidiooooot", "vollidiooooot",
           NULL);
    expect(fx, SMMOD__V_FOLDED_NEITHER, "Vollidiooooot", "vollidiooooot",
           NULL);
    /* digits and punctuation are not collapsed */
    expect(fx, SMMOD__V_FOLDED, "2000!!! ...", "2000!!! ...", NULL);
    meet(fx, SMMOD__V_FOLDED, "Iiiiidiot", "idiot");
}

static void test_folded_join(void **state)
{
    fixture *fx = *state;
    expect(fx, SMMOD__V_FOLDED, "A.r.s.c.h", "arsch",
           "0-1 2-3 4-5 6-7 8-9");
    expect(fx, SMMOD__V_FOLDED_NOJOIN, "A.r.s.c.h", "a.r.s.c.h", NULL);
    expect(fx, SMMOD__V_FOLDED, "Du bist ein I d i o t", "du bist ein idiot",
           NULL);
    expect(fx, SMMOD__V_FOLDED, "D-u-m-m", "dum", "0-1 2-3 4-7");
    expect(fx, SMMOD__V_FOLDED_NOCOLLAPSE, "D-u-m-m", "dumm", NULL);
    expect(fx, SMMOD__V_FOLDED, "I. d. i. o. t.", "idiot.", NULL);
    expect(fx, SMMOD__V_FOLDED, "s_c_h_w_e_i_n", "schwein", NULL);
    expect(fx, SMMOD__V_FOLDED, "I * d * i * o * t", "idiot", NULL);
    /* fewer than three letters, or mixed separators: left alone */
    expect(fx, SMMOD__V_FOLDED, "z.B. am 1. Mai", "z.b. am 1. mai", NULL);
    expect(fx, SMMOD__V_FOLDED, "a.b-c", "a.b-c", NULL);
    /* an umlaut is one letter even though it folds to two */
    expect(fx, SMMOD__V_FOLDED, "B ö s e", "boese", NULL);
    /* invisible characters between the letters are gone already */
    expect(fx, SMMOD__V_FOLDED, "A\xe2\x80\x8b.r.s.c.h", "arsch", NULL);
}

static void test_folded_map_covers_removed(void **state)
{
    fixture *fx = *state;
    const smmod__view *v = norm(fx, SMMOD__V_FOLDED, "Arsch\xe2\x80\x8bloch");
    assert_string_equal(v->text, "arschloch");
    /* the match's span in the original includes the ZWSP */
    assert_int_equal(v->ostart[0], 0);
    assert_int_equal(v->oend[v->len - 1], 12);
}

/* ---- terms -------------------------------------------------------------- */

static void test_terms(void **state)
{
    fixture *fx = *state;
    char *t = NULL;
    size_t n = 0;
    assert_int_equal(smmod__normalize_term(fx->nz, SMMOD__V_FOLDED, "Scheiße",
                                           strlen("Scheiße"), &t, &n),
                     0);
    assert_string_equal(t, "scheise");
    assert_int_equal(n, 7);
    assert_string_equal(t, norm(fx, SMMOD__V_FOLDED, "SCHEISSE")->text);
    smmod__free(t);
    assert_int_equal(smmod__normalize_term(fx->nz, SMMOD__V_PLAIN, "Straße",
                                           strlen("Straße"), &t, NULL),
                     0);
    assert_string_equal(t, "strasse");
    smmod__free(t);
    assert_int_equal(smmod__normalize_term(fx->nz, SMMOD__V_FOLDED_NOJOIN,
                                           "Vollpfosten", 11, &t, &n),
                     0);
    assert_string_equal(t, "volpfosten");
    smmod__free(t);
    assert_int_equal(
        smmod__normalize_term(fx->nz, SMMOD__V_RAW, "", 0, &t, &n), 0);
    assert_string_equal(t, "");
    assert_int_equal(n, 0);
    smmod__free(t);
    assert_int_equal(smmod__normalize_term(fx->nz, 17, "x", 1, &t, &n),
                     SMMOD_EINVAL);
    assert_null(t);
}

/* ---- word helpers ------------------------------------------------------- */

static void test_word_helpers(void **state)
{
    const char *s = "ein Bär! Жуќ 42";
    size_t len = strlen(s);
    (void)state;
    assert_true(smmod__is_word_cp('a'));
    assert_true(smmod__is_word_cp(0xE4));   /* ä */
    assert_true(smmod__is_word_cp(0x416));  /* Ж */
    assert_true(smmod__is_word_cp(0x301));  /* combining acute */
    assert_true(smmod__is_word_cp(0x4E00)); /* CJK */
    assert_false(smmod__is_word_cp('1'));
    assert_false(smmod__is_word_cp(' '));
    assert_false(smmod__is_word_cp('!'));
    assert_false(smmod__is_word_cp(0x20AC)); /* € */
    assert_false(smmod__is_word_cp(0xA0));
    assert_false(smmod__word_before(s, len, 0));
    assert_true(smmod__word_at(s, len, 0));
    assert_true(smmod__word_before(s, len, 3));
    assert_false(smmod__word_at(s, len, 3));
    assert_true(smmod__word_at(s, len, 5));      /* ä */
    assert_true(smmod__word_before(s, len, 7));  /* after ä */
    assert_false(smmod__word_at(s, len, 8));     /* ! */
    assert_true(smmod__word_before(s, len, 16)); /* after ќ */
    assert_false(smmod__word_before(s, len, 17));
    assert_false(smmod__word_before(s, len, len));
    assert_false(smmod__word_at(s, len, len));
    /* a lone continuation byte is no word character */
    assert_false(smmod__word_before("a\x80", 2, 2));
    assert_false(smmod__word_at("\xc3", 1, 0));
}

/* ---- invariants ------------------------------------------------------- */

static int valid_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0, k;
        if (!n || i + n > len)
            return 0;
        for (k = 1; k < n; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                return 0;
        i += n;
    }
    return 1;
}

static void check_invariants(const smmod__view *v, const char *in,
                             size_t len, int in_valid)
{
    size_t i;
    assert_true(valid_utf8(v->text, v->len));
    assert_int_equal(v->text[v->len], '\0');
    for (i = 0; i < v->len; i++) {
        assert_true(v->ostart[i] < v->oend[i]);
        assert_true(v->oend[i] <= len);
        if (i) {
            assert_true(v->ostart[i] >= v->ostart[i - 1]);
            assert_true(v->oend[i] >= v->oend[i - 1]);
        }
        if (in_valid) {
            /* whole characters: neither end inside a UTF-8 sequence */
            assert_true(((unsigned char)in[v->ostart[i]] & 0xC0) != 0x80);
            assert_true(v->oend[i] == len ||
                        ((unsigned char)in[v->oend[i]] & 0xC0) != 0x80);
        }
    }
}

static uint32_t rnd(uint32_t *st)
{
    uint32_t x = *st;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *st = x;
}

/* The UTF-8 encoder the tests build their texts with: known encodings at
 * every length boundary, and a round trip through the decoder for every
 * scalar value. */
static void test_u8_encode(void **state)
{
    static const struct {
        uint32_t cp;
        const char *bytes;
    } known[] = {{0x41, "A"},
                 {0x7F, "\x7F"},
                 {0x80, "\xC2\x80"},
                 {0xE4, "\xC3\xA4"},
                 {0x7FF, "\xDF\xBF"},
                 {0x800, "\xE0\xA0\x80"},
                 {0x20AC, "\xE2\x82\xAC"},
                 {0xFFFF, "\xEF\xBF\xBF"},
                 {0x10000, "\xF0\x90\x80\x80"},
                 {0x10FFFF, "\xF4\x8F\xBF\xBF"}};
    char b[4];
    (void)state;
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        size_t n = smmod__u8_encode(known[k].cp, b);
        assert_int_equal(n, strlen(known[k].bytes));
        assert_memory_equal(b, known[k].bytes, n);
    }
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        uint32_t back;
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = smmod__u8_encode(cp, b);
        assert_int_equal(n, cp < 0x80      ? 1
                            : cp < 0x800   ? 2
                            : cp < 0x10000 ? 3
                                           : 4);
        assert_int_equal(smmod__u8_decode((const uint8_t *)b, n, 0, &back), n);
        assert_int_equal(back, cp);
    }
}

static void test_invariants_random(void **state)
{
    fixture *fx = *state;
    uint32_t st = 2463534242u;
    char buf[512];
    int round, k;
    for (round = 0; round < 20000; round++) {
        size_t len = 0, n = rnd(&st) % 40, j;
        int raw_bytes = round % 4 == 0;
        for (j = 0; j < n; j++) {
            uint32_t r = rnd(&st), cp;
            if (raw_bytes) {
                buf[len++] = (char)r;
                continue;
            }
            switch (r % 6) {
            case 0: cp = 0x20 + r / 6 % 0x60; break;
            case 1: cp = 0x80 + r / 6 % 0x780; break;
            case 2: cp = 0x300 + r / 6 % 0x70; break; /* marks */
            case 3: cp = 0x2000 + r / 6 % 0x70; break;
            case 4: cp = (r / 6) % 0x10FFFF; break;
            default: cp = (unsigned char)"aeiou.&; 1!\xdf"[r / 6 % 12]; break;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 'x';
            len += smmod__u8_encode(cp, buf + len);
        }
        assert_int_equal(smmod__normalize(fx->nz, ALL_KINDS, buf, len, fx->v),
                         0);
        for (k = 0; k < SMMOD__V_COUNT; k++)
            check_invariants(&fx->v[k], buf, len, !raw_bytes);
        if (!raw_bytes) {
            assert_int_equal(fx->v[SMMOD__V_RAW].len, len);
            assert_memory_equal(fx->v[SMMOD__V_RAW].text, buf, len);
        }
    }
}

static void test_nul_and_invalid_everywhere(void **state)
{
    fixture *fx = *state;
    const char in[] = "I\0d\xffi\xc3o\0t";
    size_t len = sizeof in - 1;
    int k;
    assert_int_equal(smmod__normalize(fx->nz, ALL_KINDS, in, len, fx->v), 0);
    for (k = 0; k < SMMOD__V_COUNT; k++) {
        check_invariants(&fx->v[k], in, len, 0);
        assert_true(fx->v[k].flags & SMMOD__VIEWF_INVALID_UTF8);
    }
    assert_memory_equal(fx->v[SMMOD__V_PLAIN].text,
                        "i\0d\xef\xbf\xbdi\xef\xbf\xbdo\0t", 13);
    assert_int_equal(fx->v[SMMOD__V_PLAIN].len, 13);
}

/* ---- big input, buffer reuse ------------------------------------------- */

static void test_big_input(void **state)
{
    fixture *fx = *state;
    const char *chunk = "Du bist ein I d i o t, Vollidiooooot! Straße "
                        "Sch31ße \xd0\x90rsch\xe2\x80\x8bloch &auml;rger "
                        "2019 Ｉｄｉｏｔ\n";
    size_t clen = strlen(chunk), len = 10u << 20, i, caps[SMMOD__V_COUNT];
    char *big = malloc(len);
    const smmod__view *f;
    int k;
    assert_non_null(big);
    for (i = 0; i < len; i++)
        big[i] = chunk[i % clen];
    len -= len % clen; /* whole chunks only */
    assert_int_equal(smmod__normalize(fx->nz, ALL_KINDS, big, len, fx->v), 0);
    f = &fx->v[SMMOD__V_FOLDED];
    assert_int_equal(f->oend[f->len - 1], len);
    assert_true(f->len > len / 2);
    assert_int_equal(fx->v[SMMOD__V_RAW].len, len);
    for (k = 0; k < SMMOD__V_COUNT; k++)
        caps[k] = fx->v[k].cap;
    /* the second run over the same text reuses every buffer */
    assert_int_equal(smmod__normalize(fx->nz, ALL_KINDS, big, len, fx->v), 0);
    for (k = 0; k < SMMOD__V_COUNT; k++)
        assert_int_equal(fx->v[k].cap, caps[k]);
    assert_memory_equal(f->text, "du bist ein idiot, volidiot! strase", 35);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u8_encode),
        cmocka_unit_test(test_raw),
        cmocka_unit_test(test_plain_case_and_nfkc),
        cmocka_unit_test(test_plain_invisibles),
        cmocka_unit_test(test_plain_entities),
        cmocka_unit_test(test_plain_white),
        cmocka_unit_test(test_folded_umlauts_and_marks),
        cmocka_unit_test(test_folded_german_stays),
        cmocka_unit_test(test_folded_confusables),
        cmocka_unit_test(test_folded_leet),
        cmocka_unit_test(test_folded_collapse),
        cmocka_unit_test(test_folded_join),
        cmocka_unit_test(test_folded_map_covers_removed),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_word_helpers),
        cmocka_unit_test(test_invariants_random),
        cmocka_unit_test(test_nul_and_invalid_everywhere),
        cmocka_unit_test(test_big_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
