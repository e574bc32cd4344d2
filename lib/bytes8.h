/*
 * bytes8.h - eight text bytes at a time: the carry-free byte arithmetic
 * that the normaliser, the prefilter and the detectors use to skip
 * through text where no byte of interest occurs.
 *
 * A block of eight text bytes as one word, byte k in bits 8k..8k+7 on any
 * host, so a flag's bit position gives the byte's offset. Per-byte tests
 * leave 0x80 in each byte that passes and 0 elsewhere; they never carry
 * between bytes (the high bit is set aside first), so there are no false
 * flags.
 *
 * Header only (static inline); used by norm_fast.c, prefilter.c and
 * detect*.c.
 */
#ifndef SMMOD_BYTES8_H
#define SMMOD_BYTES8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SMMOD__ONES UINT64_C(0x0101010101010101)
#define SMMOD__HIGH (SMMOD__ONES * 0x80)

static inline uint64_t smmod__load8(const unsigned char *p)
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

/* The last len - i (0 < len - i <= 8) bytes of s as a block, the missing
 * bytes 0. A text of eight bytes or more is read with one load of its last
 * eight, shifted, without a copy. */
static inline uint64_t smmod__tail8(const unsigned char *s, size_t len,
                                     size_t i)
{
    unsigned char b[8] = {0};
    if (len >= 8)
        return smmod__load8(s + len - 8) >> (8 * (8 - (len - i)));
    memcpy(b, s + i, len - i);
    return smmod__load8(b);
}

/* Bytes of x in [lo, hi] (both below 0x80). */
static inline uint64_t smmod__range8(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t y = x & ~SMMOD__HIGH;
    return (y + SMMOD__ONES * (0x80 - lo)) & ~(y + SMMOD__ONES * (0x7F - hi)) &
           ~x & SMMOD__HIGH;
}

/* Bytes of x equal to c. */
static inline uint64_t smmod__eq8(uint64_t x, unsigned c)
{
    uint64_t z = x ^ (SMMOD__ONES * c);
    return ~(((z & ~SMMOD__HIGH) + ~SMMOD__HIGH) | z) & SMMOD__HIGH;
}

/* The ASCII letters (A-Z, a-z) of x: setting the case bit makes them
 * a-z and nothing else a-z. */
static inline uint64_t smmod__letters8(uint64_t x)
{
    return smmod__range8(x | (SMMOD__ONES * 0x20), 'a', 'z');
}

/* smmod__eq8 for blocks known to be ASCII: exact for the bytes below the
 * first one of 0x80 or more (a carry from such a byte only reaches the
 * bytes after it), in fewer steps. */
static inline uint64_t smmod__ascii_eq8(uint64_t x, unsigned c)
{
    return ~((x ^ (SMMOD__ONES * c)) + SMMOD__ONES * 0x7F) & SMMOD__HIGH;
}

/* smmod__range8 (0 < lo <= hi < 0x80) for blocks known to be ASCII, as
 * smmod__ascii_eq8. */
static inline uint64_t smmod__ascii_range8(uint64_t x, unsigned lo,
                                           unsigned hi)
{
    return (x + SMMOD__ONES * (0x80 - lo)) & ~(x + SMMOD__ONES * (0x7F - hi)) &
           SMMOD__HIGH;
}

/* The offset of the first flagged byte of m (m != 0): the count of the
 * bytes below its lowest flag, summed by one multiplication. */
static inline size_t smmod__first8(uint64_t m)
{
    uint64_t below = (((m & (~m + 1)) - 1) >> 7) & SMMOD__ONES;
    return (size_t)((below * SMMOD__ONES) >> 56);
}

/* How many bytes of m are flagged. */
static inline size_t smmod__count8(uint64_t m)
{
    return (size_t)(((m >> 7) * SMMOD__ONES) >> 56);
}

#endif
