/*
 * fuzz_util.h - helpers shared by the libFuzzer targets in tests/fuzz:
 * a strict UTF-8 check (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF) and a check that aborts with a message, so a broken
 * invariant is reported by libFuzzer like a crash, with its input saved.
 */
#ifndef SMMOD_FUZZ_UTIL_H
#define SMMOD_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Abort (libFuzzer saves the input) when `cond` is false. */
#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid. */
static inline size_t fuzz_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len, i;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return len;
}

/* Whether s[0..n) is valid UTF-8. */
static inline int fuzz_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = fuzz_utf8_seq(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Whether `pos` is a character boundary of valid UTF-8 text s[0..n). */
static inline int fuzz_on_boundary(const char *s, size_t n, size_t pos)
{
    return pos == n || (pos < n && ((unsigned char)s[pos] & 0xC0) != 0x80);
}

#endif
