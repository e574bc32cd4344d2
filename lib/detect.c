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

/* The byte at j of s[0, len), or -1 outside (j may have wrapped below 0). */
static int byte_at(const unsigned char *s, size_t len, size_t j)
{
    return j < len ? s[j] : -1;
}

/* The last byte of a letter: an ASCII letter or any byte of a non-ASCII
 * character (an over-estimate, which a gate may make). */
static int letter_end(int c) { return c >= 0x80 || smmod__dalpha(c); }

/* What the digit at j may begin. An address: a house number (1-9) right
 * after its street or name word, an optional '.' (of "str.") and an
 * optional space (see address_tail in detect_addr.c). An IBAN: two
 * letters, then this digit and one more. */
static unsigned digit_gate(const unsigned char *s, size_t len, size_t j)
{
    int c1 = byte_at(s, len, j - 1), c2 = byte_at(s, len, j - 2);
    unsigned m = 0;
    if (s[j] != '0' &&
        (letter_end(c1) ||
         ((c1 == ' ' || c1 == '.') &&
          (letter_end(c2) ||
           (c1 == ' ' && c2 == '.' && letter_end(byte_at(s, len, j - 3)))))))
        m |= SMMOD__DET_ADDRESS;
    if (smmod__ddigit(byte_at(s, len, j + 1)) && smmod__dalpha(c1) &&
        smmod__dalpha(c2))
        m |= SMMOD__DET_IBAN;
    return m;
}

/* Whether the '@' at a may join an e-mail address: a local part ends
 * before it (no '.' there, see local_start in detect_net.c) and a host
 * label starts after it. Rules out "@name" mentions after a space. */
static int at_gate(const unsigned char *s, size_t len, size_t a)
{
    int p = byte_at(s, len, a - 1), n = byte_at(s, len, a + 1);
    return (p >= 0x80 || smmod__dalnum(p) || p == '_' || p == '%' ||
            p == '+' || p == '-') &&
           (n >= 0x80 || smmod__dalnum(n));
}

/* Whether the '.' or ':' at j may be part of a URL: a host label (it
 * starts with a letter or digit, see detect_net.c) after a dot, or the
 * "://" of a scheme. */
static int host_gate(const unsigned char *s, size_t len, size_t j)
{
    int n = byte_at(s, len, j + 1);
    if (s[j] == ':')
        return n == '/';
    return n >= 0x80 || smmod__dalnum(n);
}

/* Adds what the block x at i shows to *digits and *m. Only the first
 * digit of a run can begin a house number or an IBAN's check digits (the
 * byte before is a letter, a space or a dot), so only those are looked
 * at one by one (at the block's start, whatever came before). */
static void gate_block(const unsigned char *s, size_t len, size_t i,
                       uint64_t x, size_t *digits, unsigned *m)
{
    uint64_t dg = smmod__range8(x, '0', '9'), f;
    *digits += smmod__count8(dg);
    for (f = dg & ~(dg << 8); f; f &= f - 1)
        *m |= digit_gate(s, len, i + smmod__first8(f));
    if (!(*m & SMMOD__DET_EMAIL))
        for (f = smmod__eq8(x, '@'); f; f &= f - 1)
            if (at_gate(s, len, i + smmod__first8(f)))
                *m |= SMMOD__DET_EMAIL;
    if (!(*m & SMMOD__DET_URL))
        for (f = smmod__eq8(x, '.') | smmod__eq8(x, ':'); f; f &= f - 1)
            if (host_gate(s, len, i + smmod__first8(f)))
                *m |= SMMOD__DET_URL;
}

/* The detectors that can find anything in the text, from one cheap pass
 * eight bytes at a time: IBANs (two letters, two digits), card numbers (at
 * least 13 digits, see detect_num.c), phone numbers (a prefix 0 or +49 and
 * at least seven more digits) and addresses (a house number after a word)
 * all need ASCII digits; an e-mail address an '@' inside a word; a URL a
 * host label after a dot or the "://" of a scheme. Most comments have
 * none of these, and then most detectors are never started. */
static unsigned possible(const unsigned char *s, size_t len)
{
    size_t digits = 0, i = 0;
    unsigned m = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x = smmod__load8(s + i);
        /* all the bytes looked at lie in 0x2E-0x40 */
        if (smmod__range8(x, 0x2E, 0x40))
            gate_block(s, len, i, x, &digits, &m);
    }
    if (i < len)
        gate_block(s, len, i, smmod__tail8(s, len, i), &digits, &m);
    if (digits >= 8)
        m |= SMMOD__DET_PHONE;
    if (digits >= 13)
        m |= SMMOD__DET_CARD;
    return m | SMMOD__DET_SHOUTING; /* gated in detect_shout.c */
}

/* One detector alone needs no merge: its hits come in order already. */
static void run_one(const smmod__dscan *sc, size_t d, smmod__detect_fn fn,
                    void *ctx)
{
    smmod__dhit h;
    for (size_t from = 0; detectors[d].next(sc, from, &h); from = h.end)
        if (fn(ctx, detectors[d].bit, h.start, h.end, h.kind))
            return;
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
    if ((mask & (mask - 1)) == 0) { /* a single bit */
        for (size_t i = 0; i < NDET; i++)
            if (mask == detectors[i].bit)
                run_one(&sc, i, fn, ctx);
        return;
    }
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
    size_t n = j - i, q;
    int c0;
    if (j <= i || j > sc->len)
        return 0;
    c0 = smmod__dlower(sc->s[i]);
    if (c0 == 0)
        return 0; /* no word starts with NUL (and w[1] stays unread) */
    for (size_t k = 0; list[k]; k++) {
        const unsigned char *w = (const unsigned char *)list[k];
        if (w[0] != c0)
            continue; /* most entries: one comparison, no strlen */
        /* w[q] is never read past its terminator: a NUL stops the loop */
        for (q = 1; q < n && w[q] && w[q] == smmod__dlower(sc->s[i + q]); q++)
            ;
        if (q == n && w[n] == '\0')
            return 1;
    }
    return 0;
}
