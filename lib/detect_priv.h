/*
 * detect_priv.h - what the detector files (detect*.c) share: the scan
 * state, one hit, each detector's "next hit" function and small,
 * bounds-checked character helpers. Private to detect*.c.
 *
 * Every detector is written as an iterator: given a position `from`, it
 * finds the first datum that starts at or after `from`. The driver in
 * detect.c merges the iterators so hits come out in order of start offset.
 * Each attempt looks at a bounded window (an IBAN is at most 34
 * characters, a local part 64 bytes, ...) and a failed candidate is
 * skipped as a whole, so a full scan stays linear in the text's length.
 */
#ifndef SMMOD_DETECT_PRIV_H
#define SMMOD_DETECT_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "detect.h"

typedef struct smmod__dscan {
    const unsigned char *s;
    size_t len;
    const smmod__domains *allow;
    const smmod__domains *deny;
} smmod__dscan;

typedef struct smmod__dhit {
    size_t start;
    size_t end;
    int kind;
} smmod__dhit;

/* Find the first datum starting at or after `from`; 1 and *out set, or 0
 * when there is none. */
typedef int (*smmod__dnext_fn)(const smmod__dscan *sc, size_t from,
                               smmod__dhit *out);

int smmod__dnext_iban(const smmod__dscan *sc, size_t from, smmod__dhit *out);
int smmod__dnext_card(const smmod__dscan *sc, size_t from, smmod__dhit *out);
int smmod__dnext_phone(const smmod__dscan *sc, size_t from,
                       smmod__dhit *out);
int smmod__dnext_email(const smmod__dscan *sc, size_t from,
                       smmod__dhit *out);
int smmod__dnext_url(const smmod__dscan *sc, size_t from, smmod__dhit *out);
int smmod__dnext_address(const smmod__dscan *sc, size_t from,
                         smmod__dhit *out);
int smmod__dnext_shouting(const smmod__dscan *sc, size_t from,
                          smmod__dhit *out);

/* The byte at i, or -1 outside the text: lets the scanners peek ahead
 * without a bounds check at every step. */
static inline int smmod__dat(const smmod__dscan *sc, size_t i)
{
    return i < sc->len ? sc->s[i] : -1;
}

static inline int smmod__ddigit(int c) { return c >= '0' && c <= '9'; }

static inline int smmod__dalpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int smmod__dalnum(int c)
{
    return smmod__ddigit(c) || smmod__dalpha(c);
}

static inline int smmod__dlower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* ---- eight bytes at a time ------------------------------------------
 * A block of eight text bytes as one word, byte k in bits 8k..8k+7 on any
 * host, so a flag's bit position gives the byte's offset. Per-byte tests
 * leave 0x80 in each byte that passes and 0 elsewhere; they never carry
 * between bytes (the high bit is set aside first), so there are no false
 * flags. */
#define SMMOD__ONES UINT64_C(0x0101010101010101)
#define SMMOD__HIGH (SMMOD__ONES * 0x80)

static inline uint64_t smmod__dload8(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
#else
    uint64_t x = 0;
    for (unsigned k = 0; k < 8; k++)
        x |= (uint64_t)p[k] << (8 * k);
    return x;
#endif
}

/* The last len - i (< 8) bytes of s as a block, the missing bytes 0. */
static inline uint64_t smmod__dtail8(const unsigned char *s, size_t len,
                                     size_t i)
{
    unsigned char b[8] = {0};
    memcpy(b, s + i, len - i);
    return smmod__dload8(b);
}

/* Bytes of x in [lo, hi] (both below 0x80). */
static inline uint64_t smmod__drange8(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t y = x & ~SMMOD__HIGH;
    return (y + SMMOD__ONES * (0x80 - lo)) & ~(y + SMMOD__ONES * (0x7F - hi)) &
           ~x & SMMOD__HIGH;
}

/* Bytes of x equal to c. */
static inline uint64_t smmod__deq8(uint64_t x, unsigned c)
{
    uint64_t z = x ^ (SMMOD__ONES * c);
    return ~(((z & ~SMMOD__HIGH) + ~SMMOD__HIGH) | z) & SMMOD__HIGH;
}

/* The offset of the first flagged byte of m (m != 0): the count of the
 * bytes below its lowest flag, summed by one multiplication. */
static inline size_t smmod__dfirst8(uint64_t m)
{
    uint64_t below = (((m & (~m + 1)) - 1) >> 7) & SMMOD__ONES;
    return (size_t)((below * SMMOD__ONES) >> 56);
}

/* How many bytes of m are flagged. */
static inline size_t smmod__dcount8(uint64_t m)
{
    return (size_t)(((m >> 7) * SMMOD__ONES) >> 56);
}

/* Length in bytes of the letter starting at i (an ASCII letter, or a
 * well-formed non-ASCII character that is not punctuation, a symbol or a
 * space); 0 if there is none. */
size_t smmod__dletter_u8(const smmod__dscan *sc, size_t i);
static inline size_t smmod__dletter(const smmod__dscan *sc, size_t i)
{
    int c = smmod__dat(sc, i);
    if (c < 0x80) /* also -1, outside the text */
        return smmod__dalpha(c) ? 1 : 0;
    return smmod__dletter_u8(sc, i);
}
/* Length of the letter or digit that ends just before byte i, or 0. */
size_t smmod__dword_len_before(const smmod__dscan *sc, size_t i);
/* Whether a letter or digit ends just before byte i (0 at the start). */
static inline int smmod__dword_before(const smmod__dscan *sc, size_t i)
{
    return smmod__dword_len_before(sc, i) > 0;
}
/* Whether a letter or digit starts at byte i. */
int smmod__dword_at(const smmod__dscan *sc, size_t i);
/* Whether s[i, i + n) equals the lower-case ASCII word w (ASCII case
 * insensitive), all inside the text. */
int smmod__dmatch(const smmod__dscan *sc, size_t i, const char *w, size_t n);
/* Whether [i, j) equals one of the NULL-terminated list's words. */
int smmod__din_list(const smmod__dscan *sc, size_t i, size_t j,
                    const char *const *list);

#endif
