/*
 * detect.c - the detector driver (see detect.h): the detectors' names,
 * the character helpers they share, and the merge that runs the chosen
 * detectors side by side and reports their hits in order of start offset.
 *
 * The detectors live in detect_num.c (iban, card, phone), detect_net.c
 * (email, url), detect_addr.c (address) and detect_shout.c (shouting).
 * Nothing here allocates.
 */
#include "detect.h"

#include <string.h>

#include "detect_priv.h"

static const struct {
    unsigned bit;
    const char *name;
    smmod__dnext_fn next;
} detectors[] = {
    {SMMOD__DET_IBAN, "iban", smmod__dnext_iban},
    {SMMOD__DET_CARD, "card", smmod__dnext_card},
    {SMMOD__DET_EMAIL, "email", smmod__dnext_email},
    {SMMOD__DET_PHONE, "phone", smmod__dnext_phone},
    {SMMOD__DET_ADDRESS, "address", smmod__dnext_address},
    {SMMOD__DET_URL, "url", smmod__dnext_url},
    {SMMOD__DET_SHOUTING, "shouting", smmod__dnext_shouting},
};
#define NDET (sizeof detectors / sizeof detectors[0])

unsigned smmod__detector_by_name(const char *name)
{
    if (!name)
        return 0;
    for (size_t i = 0; i < NDET; i++)
        if (strcmp(name, detectors[i].name) == 0)
            return detectors[i].bit;
    return 0;
}

const char *smmod__detector_name(unsigned bit)
{
    for (size_t i = 0; i < NDET; i++)
        if (bit == detectors[i].bit)
            return detectors[i].name;
    return NULL;
}

/* The detector with the earliest pending hit (ties: table order), or NDET
 * when none has one. */
static size_t earliest(const smmod__dhit *cur, const int *have)
{
    size_t best = NDET;
    for (size_t i = 0; i < NDET; i++)
        if (have[i] && (best == NDET || cur[i].start < cur[best].start))
            best = i;
    return best;
}

/* Whether the 8 bytes at p hold one in 0x2E-0x40 ('.', digits, ':', '@'):
 * byte arithmetic without carries between bytes (the high bit is cleared
 * first, and bytes with it set are never in the range). */
static int interesting8(const unsigned char *p)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
    uint64_t x, y;
    memcpy(&x, p, 8);
    y = x & ~high;
    return ((y + 0x52 * ones) & ~(y + 0x3F * ones) & ~x & high) != 0;
}

/* The detectors that can find anything in the text, from one cheap pass:
 * IBANs (two check digits), card numbers (at least 13 digits, see
 * detect_num.c), phone numbers and addresses (house numbers) all contain
 * ASCII digits; an e-mail address has an '@'; a URL a host label after a
 * dot (a label starts with a letter or digit, see detect_net.c) or the
 * "://" of a scheme. Most comments have no digit, and then most detectors
 * are never started. */
static unsigned possible(const unsigned char *s, size_t len)
{
    size_t digits = 0, block_end = 0;
    unsigned at = 0, host = 0, m = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c, next;
        /* Eight bytes at a time past blocks with no byte the checks
         * below look at (all of them lie in 0x2E-0x40); a block with one
         * is then read byte by byte. */
        if (i >= block_end) {
            while (i + 8 <= len && !interesting8(s + i))
                i += 8;
            block_end = i + 8;
            if (i == len)
                break;
        }
        c = s[i];
        if (c - '0' < 10u) { /* branches: most bytes are letters */
            digits++;
        } else if (c == '@') {
            at = 1;
        } else if (c == '.' || c == ':') {
            next = i + 1 < len ? s[i + 1] : 0;
            host |= (c == '.' && (next - '0' < 10u ||
                                  (next | 0x20) - 'a' < 26u || next >= 0x80)) ||
                    (c == ':' && next == '/');
        }
    }
    if (digits >= 1)
        m |= SMMOD__DET_PHONE | SMMOD__DET_ADDRESS;
    if (digits >= 2)
        m |= SMMOD__DET_IBAN;
    if (digits >= 13)
        m |= SMMOD__DET_CARD;
    if (at)
        m |= SMMOD__DET_EMAIL;
    if (host)
        m |= SMMOD__DET_URL;
    return m | SMMOD__DET_SHOUTING; /* gated in detect_shout.c */
}

void smmod__detect_run(unsigned mask, const smmod__domains *allow,
                       const smmod__domains *deny, const char *text,
                       size_t len, smmod__detect_fn fn, void *ctx)
{
    if (!fn || (!text && len))
        return;
    if (mask & ~SMMOD__DET_SHOUTING) /* skip the pass on the raw view */
        mask &= possible((const unsigned char *)text, len);
    if (!mask)
        return;
    smmod__dscan sc = {(const unsigned char *)text, len, allow, deny};
    smmod__dhit cur[NDET];
    int have[NDET];
    for (size_t i = 0; i < NDET; i++)
        have[i] = (mask & detectors[i].bit) &&
                  detectors[i].next(&sc, 0, &cur[i]);
    for (;;) {
        size_t d = earliest(cur, have);
        if (d == NDET)
            return;
        if (fn(ctx, detectors[d].bit, cur[d].start, cur[d].end, cur[d].kind))
            return;
        /* Hits are never empty, so resuming at the end makes progress. */
        have[d] = detectors[d].next(&sc, cur[d].end, &cur[d]);
    }
}

/* ---- character helpers ------------------------------------------------ */

/* Decode one well-formed UTF-8 character at i into *cp; its length, or 0
 * for a bad or truncated sequence. */
static size_t decode(const smmod__dscan *sc, size_t i, uint32_t *cp)
{
    int c = smmod__dat(sc, i);
    size_t n;
    uint32_t v, min;
    if (c < 0)
        return 0;
    if (c < 0x80) {
        *cp = (uint32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, v = (uint32_t)c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, v = (uint32_t)c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, v = (uint32_t)c & 0x07, min = 0x10000;
    else
        return 0;
    for (size_t k = 1; k < n; k++) {
        int d = smmod__dat(sc, i + k);
        if (d < 0 || (d & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | ((uint32_t)d & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Non-ASCII characters that count as letters: everything from U+00C0 on
 * except the blocks of punctuation, symbols, spaces, private use and
 * emoji. A coarse cut, but the plain view has no case to tell, and
 * letter-ness only decides where a word (or domain label) ends. */
static int letterlike(uint32_t cp)
{
    static const uint32_t not_letters[][2] = {
        {0x00D7, 0x00D7},   {0x00F7, 0x00F7},   {0x2000, 0x2BFF},
        {0x2E00, 0x2E7F},   {0x3000, 0x303F},   {0xD800, 0xF8FF},
        {0xFE00, 0xFE0F},   {0xFE30, 0xFE6F},   {0xFEFF, 0xFEFF},
        {0xFF00, 0xFF20},   {0xFFF0, 0xFFFF},   {0x1F000, 0x1FAFF},
        {0xE0000, 0x10FFFF},
    };
    if (cp < 0xC0)
        return 0;
    for (size_t k = 0; k < sizeof not_letters / sizeof not_letters[0]; k++)
        if (cp >= not_letters[k][0] && cp <= not_letters[k][1])
            return 0;
    return 1;
}

size_t smmod__dletter_u8(const smmod__dscan *sc, size_t i)
{
    uint32_t cp;
    size_t n = decode(sc, i, &cp);
    return (n && letterlike(cp)) ? n : 0;
}

int smmod__dword_at(const smmod__dscan *sc, size_t i)
{
    return smmod__ddigit(smmod__dat(sc, i)) || smmod__dletter(sc, i) > 0;
}

size_t smmod__dword_len_before(const smmod__dscan *sc, size_t i)
{
    size_t k;
    if (i == 0 || i > sc->len)
        return 0;
    if (sc->s[i - 1] < 0x80)
        return smmod__dalnum(sc->s[i - 1]) ? 1 : 0;
    /* Back up over at most three continuation bytes to the lead byte. */
    k = i - 1;
    while (k > 0 && i - k < 4 && (sc->s[k] & 0xC0) == 0x80)
        k--;
    return smmod__dletter(sc, k) == i - k ? i - k : 0;
}

int smmod__dmatch(const smmod__dscan *sc, size_t i, const char *w, size_t n)
{
    if (i > sc->len || sc->len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (smmod__dlower(sc->s[i + k]) != (unsigned char)w[k])
            return 0;
    return 1;
}

int smmod__din_list(const smmod__dscan *sc, size_t i, size_t j,
                    const char *const *list)
{
    if (j <= i || j > sc->len)
        return 0;
    for (size_t k = 0; list[k]; k++)
        if ((unsigned char)list[k][0] == smmod__dlower(sc->s[i]) &&
            strlen(list[k]) == j - i && smmod__dmatch(sc, i, list[k], j - i))
            return 1;
    return 0;
}
