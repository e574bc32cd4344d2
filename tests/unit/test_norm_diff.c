/*
 * test_norm_diff.c - differential test of the normaliser: the fast path
 * (smmod__normalize) and the reference path built directly on utf8proc
 * and ICU (smmod__normalize_reference) must give identical views, maps
 * and flags, on generated strings mixing the hard cases (short ones, and
 * long mostly ASCII ones for the eight-byte paths) and on the words of
 * /usr/share/dict/ngerman (skipped when absent).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "norm.h"
#include "smmod.h"

#define ALL_KINDS ((1u << SMMOD__V_COUNT) - 1)

typedef struct fixture {
    smmod__normalizer *nz;
    smmod__view fast[SMMOD__V_COUNT], ref[SMMOD__V_COUNT];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    int k;
    if (!fx || smmod__normalizer_new(&fx->nz) != 0)
        return -1;
    for (k = 0; k < SMMOD__V_COUNT; k++) {
        smmod__view_init(&fx->fast[k]);
        smmod__view_init(&fx->ref[k]);
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    int k;
    for (k = 0; k < SMMOD__V_COUNT; k++) {
        smmod__view_free(&fx->fast[k]);
        smmod__view_free(&fx->ref[k]);
    }
    smmod__normalizer_free(fx->nz);
    free(fx);
    return 0;
}

static void print_bytes(const char *what, const char *s, size_t len)
{
    size_t i;
    fprintf(stderr, "%s:", what);
    for (i = 0; i < len; i++)
        fprintf(stderr, " %02x", (unsigned char)s[i]);
    fprintf(stderr, "\n");
}

/* Compare the views of `kinds` computed both ways; on a difference print
 * the input and the two views so the failure can be reproduced. */
static void compare(fixture *fx, unsigned kinds, const char *s, size_t len)
{
    int k;
    assert_int_equal(smmod__normalize(fx->nz, kinds, s, len, fx->fast), 0);
    assert_int_equal(
        smmod__normalize_reference(fx->nz, kinds, s, len, fx->ref), 0);
    for (k = 0; k < SMMOD__V_COUNT; k++) {
        const smmod__view *a = &fx->fast[k], *b = &fx->ref[k];
        int same;
        if (!(kinds & (1u << k)))
            continue;
        same = a->len == b->len && a->flags == b->flags &&
               memcmp(a->text, b->text, a->len) == 0 &&
               memcmp(a->ostart, b->ostart, a->len * sizeof(uint32_t)) == 0 &&
               memcmp(a->oend, b->oend, a->len * sizeof(uint32_t)) == 0;
        if (!same) {
            size_t i;
            fprintf(stderr, "view %d differs\n", k);
            print_bytes("input", s, len);
            print_bytes("fast ", a->text, a->len);
            print_bytes("ref  ", b->text, b->len);
            for (i = 0; i < a->len && i < b->len; i++)
                if (a->ostart[i] != b->ostart[i] || a->oend[i] != b->oend[i])
                    fprintf(stderr, "map %zu: fast %u-%u ref %u-%u\n", i,
                            a->ostart[i], a->oend[i], b->ostart[i],
                            b->oend[i]);
            fail_msg("fast and reference paths differ in view %d", k);
        }
    }
}

/* The pieces generated strings are made of. */
static const char *const pieces[] = {
    "a", "e", "i", "o", "s", "t", "I", "D", "x", "idiot", "Arsch", "loch",
    "Scheisse", "ss", "oo", "ll", "ä", "ö", "ü", "Ä", "Ö", "Ü", "ß", "ẞ",
    "а", "А", "о", "е", "р", "с", "Н", "в", "ё", "Ο", "ο", "ρ", "Ρ", "ν",
    "ά", "ς", "Σ", "Ｉ", "ｄ", "𝐈", "𝐝", "ℐ", "Ꭺ", "ꭰ", "օ", "\xe2\x80\x8b",
    "\xc2\xad", "\xe2\x80\x8d", "\xef\xbb\xbf", "\xe2\x81\xa0", "&auml;",
    "&Ouml;", "&szlig;", "&#228;", "&#xE4;", "&#x2F;", "&amp;", "&amp",
    "&nbsp;", "&#776;", "&#0;", "&#xD800;", "&shy;", "&bogus;", "&", "#",
    ";", "\xcc\x88", "\xcc\x81", "\xcd\x85", "4", "3", "0", "1", "5", "7",
    "8", "9", "2", "@", "$", "€", "!", "|", ".", " ", "  ", "-", "_", "*",
    "/", "·", ". ", " - ", ",", "\t", "\n", "\r\n", "\xc2\xa0", "\xe3\x80\x80",
    "\xe2\x80\x83", "\xe1\x9a\x80", "\xff", "\xe2\x82", "\xc0\xaf",
    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\0", "\x01", "\x1c", "ﬁ",
    "Ǆ", "ΐ", "ﷺ", "한", "\xe1\x84\x80\xe1\x85\xa1", "\xe1\x86\xa8", "😀",
    "\xef\xb8\x8f", "æ", "ø", "ł", "ı", "é", "e\xcc\x81", "Ç", "ñ", "ǖ",
    "¨", "²", "½", "™", "K", "Å", "\xe2\x80\xaf", "ı̇", "İ", "ǰ", "ŉ",
    "\xd9\x8b", "\xe0\xa4\x95\xe0\xa4\xbf", "ﬀ", "µ", "ſ",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* A small deterministic generator (xorshift) so failures reproduce. */
static uint32_t rng_next(uint32_t *st)
{
    uint32_t x = *st;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *st = x;
}

static size_t piece_len(size_t k)
{
    /* "\0" is one NUL byte, not an empty string */
    return pieces[k][0] == '\0' ? 1 : strlen(pieces[k]);
}

static size_t generate(uint32_t *rng, char *buf, size_t cap)
{
    size_t len = 0, n = 1 + rng_next(rng) % 14, k;
    for (k = 0; k < n; k++) {
        size_t p = rng_next(rng) % NPIECES, pl = piece_len(p);
        if (len + pl > cap)
            break;
        memcpy(buf + len, pieces[p], pl);
        len += pl;
    }
    return len;
}

/* Pieces for long, mostly ASCII texts: the fast path's eight-byte blocks
 * meet double letters, word starts, separators of spaced letters,
 * letters folded from one character, entities and non-ASCII bytes at
 * every offset. */
static const char *const ascii_pieces[] = {
    "a", "e", "i", "n", "s", "t", "D", "I", "ss", "ll", "nn", "ee", "oo",
    "SS", "Ll", "idiot", "Scheisse", "Vollidiot", "dumm", " ", "  ", ".",
    "-", "_", "*", "/", "+", "~", ",", "!", "?", ":", "0", "1", "3", "4",
    "@", "$", "|", "\t", "\n", "ä", "Ä", "ß", "ö", "&amp;", "&auml;",
    "&szlig;", "&#x73;", "€", "·", "ﬁ", "ﬀ", "\xe2\x80\x8b", "\xcc\x88",
    "d u m m ", "A.r.s.c.h", "I d i o t", "s-s-s", "z.B. ", "\xff", "é",
    "а", "Ο",
};
#define NASCII_PIECES (sizeof ascii_pieces / sizeof ascii_pieces[0])

static size_t generate_long(uint32_t *rng, char *buf, size_t cap)
{
    size_t len = 0, n = 1 + rng_next(rng) % 120, k;
    for (k = 0; k < n; k++) {
        const char *piece = ascii_pieces[rng_next(rng) % NASCII_PIECES];
        size_t pl = strlen(piece);
        if (len + pl > cap)
            break;
        memcpy(buf + len, piece, pl);
        len += pl;
    }
    return len;
}

static void test_generated_long(void **state)
{
    fixture *fx = *state;
    uint32_t rng = 0x2545F491u;
    char buf[1024];
    int round;
    for (round = 0; round < 20000; round++) {
        size_t len = generate_long(&rng, buf, sizeof buf);
        compare(fx, ALL_KINDS, buf, len);
    }
}

/* Every ASCII byte, alone and doubled, at every offset of two 8-byte
 * blocks of plain text (letters, a double letter, spaces): the eight-byte
 * paths must class each byte as the per-byte paths do. */
static void test_ascii_bytes_in_blocks(void **state)
{
    fixture *fx = *state;
    static const char text[] = "Die Katzen   schlafen tief. Sie A b c d";
    char buf[64];
    unsigned c, off, twice;
    for (c = 1; c < 0x80; c++)
        for (off = 0; off <= 17; off++)
            for (twice = 1; twice <= 2; twice++) {
                size_t tl = sizeof text - 1;
                memcpy(buf, text, off);
                memset(buf + off, (int)c, twice);
                memcpy(buf + off + twice, text + off, tl - off);
                compare(fx, ALL_KINDS, buf, tl + twice);
            }
}

/* Leetspeak at the edges of the folding pass's eight-byte blocks: runs of
 * leet symbols (ASCII ones and "€", alone, mixed, longer than a block)
 * followed by an ASCII letter, a non-ASCII letter, a letter folded from
 * one character, a non-letter or the end, at every offset of the text and
 * of its blocks, after a run left open by the block before. */
static const char *const leet_runs[] = {
    "@", "1", "!", "$", "|", "0", "3", "4", "5", "7", "8", "2", "6", "9",
    "€", "1!", "$€3", "€€", "€!", "!€", "|||", "@rsch", "1d10t",
    "!!!!!!!!!!", "0000000000000000000", "€!€!€!€!€!", "€!!!!!!!!!!!",
    "!!!!!!!!!!€", "@@@@@@@€@@@@@@@@", "\xc2\xb7!", "!:",
};
static const char *const leet_after[] = {
    "", "a", "X", " ", ".", "ä", "ο", "ß", "é", "\xcc\x88", "2", "&amp;a",
    "€", "\xe2\x80\x8b" "a", "😀",
};

static void test_leet_blocks(void **state)
{
    fixture *fx = *state;
    static const char text[] = "Die Katzen schlafen tief und fest, ja";
    char buf[160];
    size_t r, a, off;
    for (r = 0; r < sizeof leet_runs / sizeof leet_runs[0]; r++)
        for (a = 0; a < sizeof leet_after / sizeof leet_after[0]; a++)
            for (off = 0; off <= 17; off++) {
                size_t rl = strlen(leet_runs[r]), al = strlen(leet_after[a]);
                size_t tl = sizeof text - 1, len = 0;
                memcpy(buf, text, off);
                len = off;
                memcpy(buf + len, leet_runs[r], rl);
                len += rl;
                memcpy(buf + len, leet_after[a], al);
                len += al;
                compare(fx, ALL_KINDS, buf, len); /* at the end */
                memcpy(buf + len, text + off, tl - off);
                compare(fx, ALL_KINDS, buf, len + tl - off);
                /* the same run at the start */
                compare(fx, ALL_KINDS, buf + off, len + tl - 2 * off);
            }
}

static void test_generated(void **state)
{
    fixture *fx = *state;
    uint32_t rng = 0x9E3779B9u;
    char buf[256];
    int round;
    for (round = 0; round < 30000; round++) {
        size_t len = generate(&rng, buf, sizeof buf);
        compare(fx, ALL_KINDS, buf, len);
    }
}

/* Folded views requested alone must still be derived the same way. */
static void test_single_kinds(void **state)
{
    fixture *fx = *state;
    uint32_t rng = 12345;
    char buf[256];
    int round, k;
    for (round = 0; round < 3000; round++) {
        size_t len = generate(&rng, buf, sizeof buf);
        for (k = 0; k < SMMOD__V_COUNT; k++)
            compare(fx, 1u << k, buf, len);
    }
}

/* Every code point up to U+FFFF (and some beyond) on its own, after a
 * letter and before a letter: checks the fast tables entry by entry. */
static void test_all_code_points(void **state)
{
    fixture *fx = *state;
    uint32_t cp;
    for (cp = 1; cp < 0x20000; cp++) {
        char buf[16];
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (cp > 0x3100 && cp < 0xA000 && cp % 7)
            continue; /* CJK: sample */
        if (cp > 0x10000 && cp % 5)
            continue;
        buf[0] = 'A';
        n = smmod__u8_encode(cp, buf + 1);
        buf[1 + n] = 'b';
        compare(fx, ALL_KINDS, buf + 1, n);
        compare(fx, ALL_KINDS, buf, n + 2);
    }
}

static void test_dictionary(void **state)
{
    fixture *fx = *state;
    FILE *f = fopen("/usr/share/dict/ngerman", "r");
    char line[512], block[8192];
    size_t blen = 0, words = 0;
    if (!f)
        skip();
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\n");
        compare(fx, ALL_KINDS, line, n);
        /* also as running text, a few hundred words at a time */
        if (blen + n + 1 >= sizeof block) {
            compare(fx, ALL_KINDS, block, blen);
            blen = 0;
        }
        memcpy(block + blen, line, n);
        blen += n;
        block[blen++] = words % 3 ? ' ' : '.';
        words++;
    }
    compare(fx, ALL_KINDS, block, blen);
    fclose(f);
    assert_true(words > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_generated_long),
        cmocka_unit_test(test_ascii_bytes_in_blocks),
        cmocka_unit_test(test_leet_blocks),
        cmocka_unit_test(test_single_kinds),
        cmocka_unit_test(test_all_code_points),
        cmocka_unit_test(test_dictionary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
