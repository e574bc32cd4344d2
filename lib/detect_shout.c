/*
 * detect_shout.c - the `shouting` detector: six or more words in capitals
 * in a row. It reads the raw view (case matters), and finds exactly what
 * the PCRE2 pattern (UTF and UCP on)
 *
 *     (?:\b[A-ZÄÖÜ]{2,}[!?.,]*\s+){5,}[A-ZÄÖÜ]{2,}
 *
 * finds, match by match (tests/unit/test_detect.c compares the two on
 * random text), without starting a regex engine on every comment: a
 * capital run can only be followed by [!?.,]* and white space, so the
 * greedy pattern reduces to counting "tokens" (a capital run of two or
 * more, optional punctuation, white space) and looking at what follows.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "detect_priv.h"

/* Length of the capital [A-ZÄÖÜ] at i, or 0. */
static size_t cap_at(const smmod__dscan *sc, size_t i)
{
    int c = smmod__dat(sc, i);
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (c == 0xC3) {
        int d = smmod__dat(sc, i + 1);
        return d == 0x84 || d == 0x96 || d == 0x9C ? 2 : 0;
    }
    return 0;
}

/* A well-formed UTF-8 character at i: its length and *cp, or 0. */
static size_t decode(const smmod__dscan *sc, size_t i, uint32_t *cp)
{
    utf8proc_int32_t v;
    utf8proc_ssize_t n;
    if (i >= sc->len)
        return 0;
    n = utf8proc_iterate(sc->s + i, (utf8proc_ssize_t)(sc->len - i), &v);
    if (n <= 0 || v < 0)
        return 0;
    *cp = (uint32_t)v;
    return (size_t)n;
}

/* PCRE2's \s under UCP (Perl space): separators Z*, the ASCII controls
 * \t..\r, NEL and MONGOLIAN VOWEL SEPARATOR. */
static size_t space_at(const smmod__dscan *sc, size_t i)
{
    int c = smmod__dat(sc, i);
    uint32_t cp = 0;
    size_t n;
    if (c < 0)
        return 0;
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    if (!(n = decode(sc, i, &cp)))
        return 0;
    if (cp == 0x85 || cp == 0x180E)
        return n;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return n;
    default:
        return 0;
    }
}

/* PCRE2's \w under UCP: a letter, a number or '_'. */
static int word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp == '_' || (cp >= '0' && cp <= '9') ||
               ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* Whether a \w character ends just before i (\b before a capital). An
 * invalid byte there is no word character, as PCRE2 would never see one:
 * the raw view is valid UTF-8. */
static int word_before(const smmod__dscan *sc, size_t i)
{
    size_t k;
    uint32_t cp = 0;
    if (i == 0)
        return 0;
    if (sc->s[i - 1] < 0x80)
        return word_cp(sc->s[i - 1]);
    k = i - 1;
    while (k > 0 && i - k < 4 && (sc->s[k] & 0xC0) == 0x80)
        k--;
    return decode(sc, k, &cp) == i - k && word_cp(cp);
}

/* The capital run at i: its end, and in *count how many capitals. */
static size_t cap_run(const smmod__dscan *sc, size_t i, size_t *count)
{
    size_t m;
    *count = 0;
    while ((m = cap_at(sc, i)) != 0) {
        i += m;
        (*count)++;
    }
    return i;
}

static int is_punct(int c) { return c == '!' || c == '?' || c == '.' || c == ','; }

/* Try a match starting at the capital p (with \b before it). On success
 * 1 and *end; else 0 and *resume, where the next candidate may start
 * (a later token of the same chain would only find fewer tokens). */
static int try_at(const smmod__dscan *sc, size_t p, size_t *end,
                  size_t *resume)
{
    size_t pos = p, tokens = 0, last_run_end = p, run_end, caps, q, w;
    for (;;) {
        run_end = cap_run(sc, pos, &caps);
        if (caps < 2)
            break;
        for (q = run_end; is_punct(smmod__dat(sc, q)); q++)
            ;
        if (!space_at(sc, q))
            break;
        while ((w = space_at(sc, q)) != 0)
            q += w;
        tokens++;
        last_run_end = run_end;
        pos = q;
    }
    /* pos: where the token after the last whole one would start; the
     * pattern's final [A-ZÄÖÜ]{2,} takes that run, or else (one token
     * given back) the last token's run */
    if (tokens >= 5 && caps >= 2) {
        *end = run_end;
        return 1;
    }
    if (tokens >= 6) {
        *end = last_run_end;
        return 1;
    }
    *resume = pos > p ? pos : p + cap_at(sc, p);
    return 0;
}

/* The gate counts bytes that may belong to a capital (A-Z, and 0xC3
 * 0x84/0x96/0x9C of Ä, Ö, Ü; other characters with those bytes only make
 * its count larger, which is safe), so it needs no decoding. */
/* The bytes of Ä Ö Ü among the 8 bytes in x, flagged as by
 * smmod__eq8. */
static uint64_t umlaut_caps(uint64_t x)
{
    return smmod__eq8(x, 0xC3) | smmod__eq8(x, 0x84) |
           smmod__eq8(x, 0x96) | smmod__eq8(x, 0x9C);
}

/* The capital bytes of the 8 bytes in x: ASCII A-Z inline, the rarer
 * bytes of Ä Ö Ü only where x has a byte >= 0x80. */
static inline uint64_t cap_mask(uint64_t x)
{
    uint64_t m = smmod__range8(x, 'A', 'Z');
    return (x & SMMOD__HIGH) ? m | umlaut_caps(x) : m;
}

/* Cheap gate: a match holds six runs of two or more capitals. Counts the
 * second bytes of runs of capital bytes, eight bytes at a time. */
static int enough_runs(const smmod__dscan *sc, size_t from)
{
    size_t runs = 0, i = from;
    uint64_t last = 0; /* the previous block's capital bytes */
    for (;; i += 8) {
        uint64_t m, pairs;
        if (i + 8 <= sc->len)
            m = cap_mask(smmod__load8(sc->s + i));
        else if (i < sc->len)
            m = cap_mask(smmod__tail8(sc->s, sc->len, i)); /* 0s: none */
        else
            break;
        /* a capital after a capital after none: the second byte of a run */
        pairs = m & ((m << 8) | (last >> 56)) & ~((m << 16) | (last >> 48));
        runs += smmod__count8(pairs);
        last = m;
    }
    return runs >= 6;
}

/* Bytes of x that may belong to a capital: bit 5 clear and bit 6 or 7
 * set, that is 0x40-0x5F (A-Z among them), 0x80-0x9F (the second bytes
 * of Ä Ö Ü among them) and 0xC0-0xDF (their first byte 0xC3). A superset
 * read off the bits alone, with fewer operations than a range test. */
static inline uint64_t caplike8(uint64_t x)
{
    return (x | (x << 1)) & ~(x << 2) & SMMOD__HIGH;
}

/* Adds to *pairs the capital-like bytes of x right after another one
 * (`*last`: the previous block's capital-like bytes), and sets *last. */
static inline void count_pairs(uint64_t x, uint64_t *last, size_t *pairs)
{
    uint64_t f = caplike8(x), p = f & ((f << 8) | (*last >> 56));
    *last = f;
    if (p) /* most blocks have none */
        *pairs += smmod__count8(p);
}

/* Cheaper gate, run before enough_runs: each of a match's six runs of two
 * or more capitals holds two capital-like bytes side by side, so the
 * text from `from` on holds six such pairs. Most comments fall short. */
static int enough_pairs(const smmod__dscan *sc, size_t from)
{
    size_t pairs = 0, i = from;
    uint64_t last = 0;
    for (; i + 8 <= sc->len; i += 8)
        count_pairs(smmod__load8(sc->s + i), &last, &pairs);
    if (i < sc->len) /* missing bytes 0: not capital-like */
        count_pairs(smmod__tail8(sc->s, sc->len, i), &last, &pairs);
    return pairs >= 6;
}

int smmod__dnext_shouting(const smmod__dscan *sc, size_t from,
                          smmod__dhit *out)
{
    size_t i = from, end, resume;
    if (!enough_pairs(sc, from) || !enough_runs(sc, from))
        return 0;
    while (i < sc->len) {
        if (!cap_at(sc, i) || word_before(sc, i)) {
            i++;
            continue;
        }
        if (try_at(sc, i, &end, &resume)) {
            out->start = i;
            out->end = end;
            out->kind = 0;
            return 1;
        }
        i = resume;
    }
    return 0;
}
