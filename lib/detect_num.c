/*
 * detect_num.c - the numeric detectors: IBAN (ISO 13616 mod 97), payment
 * card numbers (Luhn and issuer prefix) and German phone numbers.
 *
 * All three insist on a boundary before the datum: a letter, a digit, or
 * a digit followed by one separator right before it means the digits are
 * the tail of something longer (an id, an IBAN, an amount), not a datum.
 */
#include <stdint.h>
#include <string.h>

#include "detect_priv.h"

#define AT(i) smmod__dat(sc, (i))

/* The first digit at or after i, or len; eight bytes at a time. */
static size_t next_digit(const smmod__dscan *sc, size_t i)
{
    for (; i + 8 <= sc->len; i += 8)
        if (smmod__range8(smmod__load8(sc->s + i), '0', '9'))
            break;
    while (i < sc->len && !smmod__ddigit(sc->s[i]))
        i++;
    return i;
}

/* The first '0', '+' or '(' (where a phone number can start) at or after
 * i, or len; eight bytes at a time. */
static size_t next_phone_start(const smmod__dscan *sc, size_t i)
{
    for (; i + 8 <= sc->len; i += 8) {
        uint64_t x = smmod__load8(sc->s + i);
        if (smmod__eq8(x, '0') | smmod__eq8(x, '+') | smmod__eq8(x, '('))
            break;
    }
    while (i < sc->len && sc->s[i] != '0' && sc->s[i] != '+' && sc->s[i] != '(')
        i++;
    return i;
}

/* Digits joined by one of `seps` to a digit right before i: then i is not
 * the start of a number but in the middle of a longer run. A digit before
 * `from` ended the previous datum, so "4111 ... 1111 5555 ... 4444" are
 * two card numbers. */
static int glued_to_digits(const smmod__dscan *sc, size_t from, size_t i,
                           const char *seps)
{
    int p;
    if (i == 0)
        return 0;
    p = AT(i - 1);
    if (smmod__dalnum(p))
        return 1;
    return i >= from + 2 && p > 0 && strchr(seps, p) &&
           smmod__ddigit(AT(i - 2));
}

/* Length of the digit run at i, counting at most `cap` digits. */
static size_t digit_run(const smmod__dscan *sc, size_t i, size_t cap)
{
    size_t n = 0;
    while (n < cap && smmod__ddigit(AT(i + n)))
        n++;
    return n;
}

/* ---- IBAN ------------------------------------------------------------- */

/* IBAN lengths per country, from the SWIFT IBAN Registry (the ISO 13616
 * registration authority; facts, no licence needed). Codes not listed may
 * be any length from 15 to 34. */
static const struct {
    char cc[3];
    unsigned char len;
} iban_lengths[] = {
    {"ad", 24}, {"ae", 23}, {"al", 28}, {"at", 20}, {"az", 28}, {"ba", 20},
    {"be", 16}, {"bg", 22}, {"bh", 22}, {"br", 29}, {"by", 28}, {"ch", 21},
    {"cr", 22}, {"cy", 28}, {"cz", 24}, {"de", 22}, {"dk", 18}, {"do", 28},
    {"ee", 20}, {"eg", 29}, {"es", 24}, {"fi", 18}, {"fo", 18}, {"fr", 27},
    {"gb", 22}, {"ge", 22}, {"gi", 23}, {"gl", 18}, {"gr", 27}, {"gt", 28},
    {"hr", 21}, {"hu", 28}, {"ie", 22}, {"il", 23}, {"iq", 23}, {"is", 26},
    {"it", 27}, {"jo", 30}, {"kw", 30}, {"kz", 20}, {"lb", 28}, {"lc", 32},
    {"li", 21}, {"lt", 20}, {"lu", 20}, {"lv", 21}, {"ly", 25}, {"mc", 27},
    {"md", 24}, {"me", 22}, {"mk", 19}, {"mr", 27}, {"mt", 31}, {"mu", 30},
    {"nl", 18}, {"no", 15}, {"pk", 24}, {"pl", 28}, {"ps", 29}, {"pt", 25},
    {"qa", 29}, {"ro", 24}, {"rs", 22}, {"sa", 24}, {"sc", 31}, {"se", 24},
    {"si", 19}, {"sk", 24}, {"sm", 27}, {"st", 25}, {"sv", 28}, {"tl", 23},
    {"tn", 24}, {"tr", 26}, {"ua", 29}, {"va", 22}, {"vg", 24}, {"xk", 20},
};

#define IBAN_MIN 15
#define IBAN_MAX 34

static size_t iban_country_len(const char *cc)
{
    for (size_t k = 0; k < sizeof iban_lengths / sizeof iban_lengths[0]; k++)
        if (cc[0] == iban_lengths[k].cc[0] && cc[1] == iban_lengths[k].cc[1])
            return iban_lengths[k].len;
    return 0;
}

static unsigned mod97_step(unsigned r, int c)
{
    if (smmod__ddigit(c))
        return (r * 10 + (unsigned)(c - '0')) % 97;
    return (r * 100 + (unsigned)(c - 'a' + 10)) % 97;
}

/* ISO 13616: check digits 02..98, and the number read with the first four
 * characters moved to the end (letters as 10..35) is 1 modulo 97. */
static int iban_checksum_ok(const char *b, size_t n)
{
    unsigned r = 0;
    int check = (b[2] - '0') * 10 + (b[3] - '0');
    if (check < 2 || check > 98)
        return 0;
    for (size_t k = 4; k < n; k++)
        r = mod97_step(r, b[k]);
    for (size_t k = 0; k < 4; k++)
        r = mod97_step(r, b[k]);
    return r == 1;
}

/* Collect the IBAN characters from i into b (lower case): alphanumerics,
 * with one space or dash allowed only between groups of four. Records in
 * cut[] the character count at each place the IBAN may end and in
 * cut_end[] the matching text offset. Returns the number of cuts. */
static size_t iban_collect(const smmod__dscan *sc, size_t i, size_t max,
                           char *b, size_t *cut, size_t *cut_end)
{
    size_t n = 0, ncut = 0, j = i;
    while (n < max) {
        int c = AT(j);
        if (smmod__dalnum(c)) {
            b[n++] = (char)smmod__dlower(c);
            j++;
            continue;
        }
        if ((c == ' ' || c == '-') && n % 4 == 0 &&
            smmod__dalnum(AT(j + 1))) {
            cut[ncut] = n, cut_end[ncut++] = j;
            j++;
            continue;
        }
        break;
    }
    /* Reaching the length limit inside a longer word is no end. */
    if (!smmod__dword_at(sc, j))
        cut[ncut] = n, cut_end[ncut++] = j;
    return ncut;
}

static int iban_at(const smmod__dscan *sc, size_t i, smmod__dhit *out)
{
    char b[IBAN_MAX];
    size_t cut[IBAN_MAX / 4 + 2], cut_end[IBAN_MAX / 4 + 2];
    char cc[2] = {(char)smmod__dlower(AT(i)), (char)smmod__dlower(AT(i + 1))};
    size_t want = iban_country_len(cc);
    size_t ncut = iban_collect(sc, i, want ? want : IBAN_MAX, b, cut, cut_end);
    /* Longest first: an unknown country's IBAN may be followed by a group
     * of four that belongs to the next word. */
    for (size_t k = ncut; k-- > 0;) {
        size_t n = cut[k];
        if (want ? n != want : (n < IBAN_MIN || n > IBAN_MAX))
            continue;
        if (iban_checksum_ok(b, n)) {
            out->start = i, out->end = cut_end[k], out->kind = 0;
            return 1;
        }
    }
    return 0;
}

int smmod__dnext_iban(const smmod__dscan *sc, size_t from, smmod__dhit *out)
{
    for (size_t i = from; i + 4 <= sc->len; i++) {
        /* skip the starts whose third byte is no digit */
        size_t d = next_digit(sc, i + 2);
        if (d + 2 > sc->len)
            return 0;
        i = d - 2;
        if (!smmod__ddigit(sc->s[i + 2]) || !smmod__ddigit(sc->s[i + 3]) ||
            !smmod__dalpha(sc->s[i]) || !smmod__dalpha(sc->s[i + 1]))
            continue;
        if (smmod__dword_before(sc, i))
            continue;
        if (iban_at(sc, i, out))
            return 1;
    }
    return 0;
}

/* ---- payment cards ---------------------------------------------------- */

#define CARD_MIN 13
#define CARD_MAX 19
#define LEN(n) (1u << (n))
#define LENS(lo, hi) (((1u << ((hi) + 1)) - 1) & ~((1u << (lo)) - 1))

/* Issuer prefixes and lengths (public IIN ranges of the card schemes):
 * the first `ndig` digits read as a number lie in [lo, hi]. */
static const struct {
    unsigned lo, hi;
    unsigned char ndig;
    uint32_t lens;
} card_ranges[] = {
    {4, 4, 1, LEN(13) | LEN(16) | LEN(19)},   /* Visa */
    {51, 55, 2, LEN(16)},                     /* Mastercard */
    {2221, 2720, 4, LEN(16)},                 /* Mastercard 2-series */
    {34, 34, 2, LEN(15)},                     /* American Express */
    {37, 37, 2, LEN(15)},                     /* American Express */
    {6011, 6011, 4, LENS(16, 19)},            /* Discover */
    {644, 649, 3, LENS(16, 19)},              /* Discover */
    {65, 65, 2, LENS(16, 19)},                /* Discover */
    {62, 62, 2, LENS(16, 19)},                /* UnionPay */
    {300, 305, 3, LENS(14, 19)},              /* Diners Club */
    {3095, 3095, 4, LENS(14, 19)},            /* Diners Club */
    {36, 36, 2, LENS(14, 19)},                /* Diners Club */
    {38, 39, 2, LENS(14, 19)},                /* Diners Club */
    {3528, 3589, 4, LENS(16, 19)},            /* JCB */
    {2200, 2204, 4, LENS(16, 19)},            /* Mir */
    {5018, 5018, 4, LENS(13, 19)},            /* Maestro */
    {5020, 5020, 4, LENS(13, 19)},            /* Maestro */
    {5038, 5038, 4, LENS(13, 19)},            /* Maestro */
    {5893, 5893, 4, LENS(13, 19)},            /* Maestro */
    {6304, 6304, 4, LENS(13, 19)},            /* Maestro */
    {6759, 6759, 4, LENS(13, 19)},            /* Maestro */
    {6761, 6763, 4, LENS(13, 19)},            /* Maestro */
};

static int card_issuer_ok(const unsigned char *d, size_t n)
{
    for (size_t k = 0; k < sizeof card_ranges / sizeof card_ranges[0]; k++) {
        unsigned v = 0;
        for (size_t m = 0; m < card_ranges[k].ndig; m++)
            v = v * 10 + d[m];
        if (v >= card_ranges[k].lo && v <= card_ranges[k].hi &&
            (card_ranges[k].lens & LEN(n)))
            return 1;
    }
    return 0;
}

static int luhn_ok(const unsigned char *d, size_t n)
{
    unsigned sum = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned v = d[n - 1 - k];
        if (k % 2 == 1)
            v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
    }
    return sum % 10 == 0;
}

/* A card number may end at e unless a letter or a decimal part follows
 * ("4111111111111111,50" is an amount). */
static int card_end_ok(const smmod__dscan *sc, size_t e)
{
    int c = AT(e);
    if (smmod__dalpha(c))
        return 0;
    return !((c == '.' || c == ',') && smmod__ddigit(AT(e + 1)));
}

/* Read groups of digits from i: either one run of 13..19 digits, or a
 * first group of 4..6 and further groups of 2..6 digits all joined by the
 * same separator (one space or one dash). Stores the digits in d and, per
 * group, the digit count and end offset. Returns the number of groups. */
static size_t card_groups(const smmod__dscan *sc, size_t i, unsigned char *d,
                          size_t *ndig, size_t *gend)
{
    size_t ng = 0, n = 0, j = i;
    int sep = 0;
    for (;;) {
        size_t g = digit_run(sc, j, CARD_MAX + 1);
        if (ng == 0 ? !(g >= 4 && g <= 6) && !(g >= CARD_MIN && g <= CARD_MAX)
                    : (g < 2 || g > 6 || n + g > CARD_MAX))
            break;
        for (size_t k = 0; k < g; k++)
            d[n++] = (unsigned char)(sc->s[j + k] - '0');
        j += g;
        ndig[ng] = n, gend[ng++] = j;
        if (n >= CARD_MIN && ng == 1)
            break; /* one unseparated run */
        int c = AT(j);
        if ((c != ' ' && c != '-') || (sep && c != sep) ||
            !smmod__ddigit(AT(j + 1)))
            break;
        sep = c;
        j++;
    }
    return ng;
}

static int card_at(const smmod__dscan *sc, size_t i, smmod__dhit *out)
{
    unsigned char d[CARD_MAX];
    size_t ndig[CARD_MAX], gend[CARD_MAX];
    size_t ng = card_groups(sc, i, d, ndig, gend);
    /* The longest grouping that is a valid number wins. */
    for (size_t k = ng; k-- > 0;) {
        size_t n = ndig[k];
        if (n < CARD_MIN || !card_end_ok(sc, gend[k]))
            continue;
        if (card_issuer_ok(d, n) && luhn_ok(d, n)) {
            out->start = i, out->end = gend[k], out->kind = 0;
            return 1;
        }
    }
    return 0;
}

int smmod__dnext_card(const smmod__dscan *sc, size_t from, smmod__dhit *out)
{
    size_t i = from;
    while (i < sc->len) {
        if (!smmod__ddigit(sc->s[i])) {
            i++;
            continue;
        }
        if (!glued_to_digits(sc, from, i, " -./,+") && AT(i - 1) != '+' &&
            card_at(sc, i, out))
            return 1;
        i += digit_run(sc, i, sc->len - i);
    }
    return 0;
}

/* ---- German phone numbers --------------------------------------------- */

/* National significant number: area code and subscriber number, without
 * the 0 or +49 in front. E.164 allows 15 digits with the country code, so
 * at most 13 for Germany; fewer than 7 is a short code or a postcode. */
#define NSN_MIN 7
#define NSN_MAX 13
/* A number written as one run is a phone number only up to the usual 11
 * digits after the 0; a longer bare run is more likely an id. */
#define NSN_MAX_RUN 11

/* Length of a separator between digit groups at j: a space, '/', '-' or
 * '.', optionally with one space on either side ("030 / 123"), followed by
 * a digit; 0 if there is none. */
static size_t phone_sep(const smmod__dscan *sc, size_t j)
{
    size_t k = j;
    int c;
    if (AT(k) == ' ')
        k++;
    c = AT(k);
    if (c == '/' || c == '-' || c == '.') {
        k++;
        if (AT(k) == ' ')
            k++;
    }
    if (k == j || !smmod__ddigit(AT(k)))
        return 0;
    return k - j;
}

/* After the prefix: the groups of digits from j, the first of which holds
 * at least `first_min` digits and nsn0 digits already counted. Ends the
 * number at the last group that keeps it within NSN_MIN..NSN_MAX. */
static int phone_groups(const smmod__dscan *sc, size_t j, size_t nsn0,
                        size_t first_min, size_t *end)
{
    size_t nsn = nsn0, best = 0, ngroups = 0;
    for (;;) {
        size_t g = digit_run(sc, j, NSN_MAX + 1);
        if (ngroups == 0 && g < first_min)
            return 0;
        if (nsn + g > NSN_MAX)
            break;
        nsn += g, j += g, ngroups++;
        if (nsn >= NSN_MIN && (ngroups > 1 || nsn0 > 0 || nsn <= NSN_MAX_RUN))
            best = j;
        size_t sl = phone_sep(sc, j);
        if (!sl)
            break;
        j += sl;
    }
    if (!best || smmod__dalpha(AT(best)))
        return 0;
    *end = best;
    return 1;
}

/* An area code in parentheses at j: "(030)" when `zero`, "(30)" after
 * +49 otherwise. Sets *area to its digit count (without the 0) and *next
 * to where the subscriber number starts. */
static int phone_paren_area(const smmod__dscan *sc, size_t j, int zero,
                            size_t *area, size_t *next)
{
    size_t k = j + 1, a;
    if (AT(j) != '(')
        return 0;
    if (zero && AT(k++) != '0')
        return 0;
    a = digit_run(sc, k, 6);
    if (a < 2 || a > 5 || AT(k) == '0' || AT(k + a) != ')')
        return 0;
    k += a + 1;
    if (AT(k) == ' ' || AT(k) == '-' || AT(k) == '/')
        k++;
    if (!smmod__ddigit(AT(k)))
        return 0;
    *area = a, *next = k;
    return 1;
}

/* After "+49" or "0049" at j: separators, an optional "(0)" trunk prefix
 * (or a stray 0 as in "+49 030"), then the area code. */
static int phone_intl(const smmod__dscan *sc, size_t j, size_t *end)
{
    size_t area, next;
    int c = AT(j);
    if (c == ' ' || c == '-' || c == '.' || c == '/')
        j++;
    if (AT(j) == '(' && AT(j + 1) == '0' && AT(j + 2) == ')') {
        j += 3;
        if (AT(j) == ' ' || AT(j) == '-')
            j++;
    } else if (phone_paren_area(sc, j, 0, &area, &next)) {
        return phone_groups(sc, next, area, 1, end);
    } else if (AT(j) == '0') {
        j++;
    }
    c = AT(j);
    if (!smmod__ddigit(c) || c == '0')
        return 0;
    return phone_groups(sc, j, 0, 2, end);
}

static int phone_at(const smmod__dscan *sc, size_t from, size_t i,
                    smmod__dhit *out)
{
    size_t end, area, next;
    int ok;
    if (glued_to_digits(sc, from, i, " -./,:") || AT(i - 1) == '+')
        return 0;
    if (AT(i) == '+')
        ok = AT(i + 1) == '4' && AT(i + 2) == '9' && phone_intl(sc, i + 3, &end);
    else if (AT(i) == '(')
        ok = phone_paren_area(sc, i, 1, &area, &next) &&
             phone_groups(sc, next, area, 1, &end);
    else if (AT(i + 1) == '0')
        ok = smmod__dmatch(sc, i, "0049", 4) && phone_intl(sc, i + 4, &end);
    /* "0" + area code: the first group holds the 0 and at least two more
     * digits, which keeps dates like 01.12.2026 out. */
    else
        ok = smmod__ddigit(AT(i + 1)) && phone_groups(sc, i + 1, 0, 2, &end);
    if (!ok)
        return 0;
    out->start = i, out->end = end, out->kind = 0;
    return 1;
}

int smmod__dnext_phone(const smmod__dscan *sc, size_t from, smmod__dhit *out)
{
    for (size_t i = next_phone_start(sc, from); i < sc->len;
         i = next_phone_start(sc, i + 1))
        if (phone_at(sc, from, i, out))
            return 1;
    return 0;
}
