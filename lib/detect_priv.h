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

#include "bytes8.h"
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
