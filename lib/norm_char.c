/*
 * norm_char.c - per-character Unicode functions of the normaliser, built on
 * utf8proc (NFKC, case folding, mark stripping, categories) and ICU (the
 * TR39 confusable skeletons, White_Space), plus the German folding table,
 * the leetspeak table, UTF-8 coding and the unit-array steps shared by the
 * reference path and term normalisation.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <utf8proc.h>

#include "alloc.h"
#include "norm_int.h"
#include "smmod.h"

/* ---- UTF-8 ------------------------------------------------------------ */

size_t smmod__u8_decode(const uint8_t *s, size_t len, size_t i, uint32_t *cp)
{
    uint8_t c = s[i];
    size_t n, k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len - i < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are bad bytes */
    if (v < min || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

size_t smmod__u8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- character classes -------------------------------------------------- */

int smmod__cp_ignorable(uint32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->ignorable || p->category == UTF8PROC_CATEGORY_CF;
}

/* White_Space from the UCD's PropList.txt (stable since Unicode 6.x). */
int smmod__cp_white(uint32_t cp)
{
    if (cp <= 0x20)
        return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
    if (cp < 0x85)
        return 0;
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int smmod__cp_white_icu(uint32_t cp) { return u_isUWhiteSpace((UChar32)cp); }

int smmod__cp_cont(uint32_t cp)
{
    const utf8proc_property_t *p;
    if (cp < 0x300)
        return 0;
    /* conjoining Hangul vowels and trailing consonants compose with the
     * syllable before them although they are not marks */
    if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
        return 1;
    p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
           p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME;
}

int smmod__is_word_cp(uint32_t cp)
{
    const utf8proc_property_t *p;
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->category >= UTF8PROC_CATEGORY_LU &&
           p->category <= UTF8PROC_CATEGORY_ME;
}

/* ---- utf8proc transformations ---------------------------------------- */

static size_t u8proc_run(const uint32_t *cps, size_t n, uint32_t *out,
                         size_t cap, utf8proc_option_t opt)
{
    uint8_t buf[SMMOD__CLUSTER_MAX * 4];
    size_t blen = 0, k;
    utf8proc_ssize_t r;
    for (k = 0; k < n && k < SMMOD__CLUSTER_MAX; k++)
        blen += smmod__u8_encode(cps[k], (char *)buf + blen);
    r = utf8proc_decompose(buf, (utf8proc_ssize_t)blen,
                           (utf8proc_int32_t *)out, (utf8proc_ssize_t)cap,
                           opt);
    if (r < 0 || (size_t)r > cap)
        return 0; /* cannot happen for valid input within the bounds */
    r = utf8proc_normalize_utf32((utf8proc_int32_t *)out, r, opt);
    return r < 0 ? 0 : (size_t)r;
}

size_t smmod__nfkc_cluster(const uint32_t *cps, size_t n, uint32_t *out)
{
    return u8proc_run(cps, n, out, SMMOD__NFKC_MAX,
                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                          UTF8PROC_CASEFOLD);
}

static uint32_t casefold1(uint32_t cp)
{
    utf8proc_int32_t buf[8];
    int bc = 0;
    utf8proc_ssize_t r = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 8,
                                                 UTF8PROC_CASEFOLD, &bc);
    return r == 1 ? (uint32_t)buf[0] : 0xFFFFFFFFu;
}

/* ---- German folding ------------------------------------------------------ */

/* Umlauts become their German two-letter spelling so that "Dödel" and
 * "Doedel" meet; checked before marks are stripped (STRIPMARK alone would
 * give "Dodel"). */
static const char *german(uint32_t cp)
{
    switch (cp) {
    case 0xE4: return "ae";
    case 0xF6: return "oe";
    case 0xFC: return "ue";
    default: return NULL;
    }
}

/* Latin letters without a decomposition that still carry a "diacritic":
 * their usual German transliteration. */
static const char *latin_special(uint32_t cp)
{
    switch (cp) {
    case 0xE6: return "ae";  /* æ */
    case 0x153: return "oe"; /* œ */
    case 0xF8: return "oe";  /* ø */
    case 0xF0: return "d";   /* ð */
    case 0x111: return "d";  /* đ */
    case 0x127: return "h";  /* ħ */
    case 0x131: return "i";  /* dotless ı */
    case 0x142: return "l";  /* ł */
    case 0x167: return "t";  /* ŧ */
    case 0xFE: return "th";  /* þ */
    default: return NULL;
    }
}

/* ---- confusables (TR39 skeletons via ICU) ------------------------------ */

/* Blocks whose letters may stand in for Latin ones. Latin-script letters
 * are never taken (so ß can never become "B"). */
static const uint32_t conf_ranges[][2] = {
    {0x0370, 0x03FF}, /* Greek and Coptic */
    {0x0400, 0x052F}, /* Cyrillic, Cyrillic Supplement */
    {0x0530, 0x058F}, /* Armenian */
    {0x13A0, 0x13FF}, /* Cherokee */
    {0x1C80, 0x1C8F}, /* Cyrillic Extended-C */
    {0x1F00, 0x1FFF}, /* Greek Extended */
    {0x2100, 0x214F}, /* Letterlike Symbols */
    {0x2C80, 0x2CFF}, /* Coptic */
    {0xA4D0, 0xA4FF}, /* Lisu */
    {0xA640, 0xA69F}, /* Cyrillic Extended-B */
    {0xAB70, 0xABBF}, /* Cherokee Supplement */
};
#define NCONF_RANGES (sizeof conf_ranges / sizeof conf_ranges[0])

void *smmod__spoof_open(void)
{
    UErrorCode st = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&st);
    if (U_FAILURE(st)) {
        uspoof_close(sc);
        return NULL;
    }
    return sc;
}

void smmod__spoof_close(void *spoof)
{
    if (spoof)
        uspoof_close((USpoofChecker *)spoof);
}

/* The skeleton of one code point if it is 1-2 ASCII letters (lower-cased). */
static int skel_ascii(void *spoof, uint32_t cp, char sk[2])
{
    UChar id[2], dst[16];
    int32_t idlen = 0, n, k;
    UErrorCode st = U_ZERO_ERROR;
    UBool err = 0;
    U16_APPEND((UChar *)id, idlen, 2, (UChar32)cp, err);
    if (err)
        return 0;
    n = uspoof_getSkeleton((USpoofChecker *)spoof, 0, id, idlen, dst, 16, &st);
    if (U_FAILURE(st) || n < 1 || n > 2)
        return 0;
    for (k = 0; k < n; k++) {
        UChar c = dst[k] | 0x20;
        if (dst[k] > 0x7F || c < 'a' || c > 'z')
            return 0;
        sk[k] = (char)c;
    }
    return n;
}

static int in_conf_ranges(uint32_t cp)
{
    size_t k;
    for (k = 0; k < NCONF_RANGES; k++)
        if (cp >= conf_ranges[k][0] && cp <= conf_ranges[k][1])
            return 1;
    return 0;
}

/* A case-folded letter of a non-Latin script takes its own skeleton, or,
 * when that is not Latin, the skeleton of its upper-case form: plain text
 * is case folded, but Cyrillic "Н" looks like "H" while "н" does not. */
int smmod__conf_rule(void *spoof, uint32_t cp, char sk[2])
{
    const utf8proc_property_t *p;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc;
    uint32_t up;
    int n;
    if (!spoof || !in_conf_ranges(cp))
        return 0;
    p = utf8proc_get_property((utf8proc_int32_t)cp);
    if (p->category < UTF8PROC_CATEGORY_LU || p->category > UTF8PROC_CATEGORY_LO)
        return 0;
    sc = uscript_getScript((UChar32)cp, &st);
    if (U_FAILURE(st) || sc == USCRIPT_LATIN || casefold1(cp) != cp)
        return 0;
    n = skel_ascii(spoof, cp, sk);
    if (n)
        return n;
    up = (uint32_t)u_toupper((UChar32)cp);
    if (up != cp && casefold1(up) == cp)
        return skel_ascii(spoof, up, sk);
    return 0;
}

int smmod__conf_build(smmod__conf **out, size_t *nout)
{
    void *spoof = smmod__spoof_open();
    smmod__conf *t = NULL;
    size_t n = 0, cap = 0, r;
    uint32_t cp;
    int rc = 0;
    if (!spoof)
        return SMMOD_ENOMEM;
    for (r = 0; r < NCONF_RANGES && rc == 0; r++) {
        for (cp = conf_ranges[r][0]; cp <= conf_ranges[r][1]; cp++) {
            char sk[2];
            int k = smmod__conf_rule(spoof, cp, sk);
            if (!k)
                continue;
            if ((rc = smmod__grow((void **)&t, &cap, n + 1, sizeof *t)) < 0)
                break;
            t[n].cp = cp;
            memcpy(t[n].sk, sk, 2);
            t[n].n = (uint8_t)k;
            n++;
        }
    }
    smmod__spoof_close(spoof);
    if (rc < 0) {
        smmod__free(t);
        return rc;
    }
    *out = t;
    *nout = n;
    return 0;
}

static const smmod__conf *conf_find(const smmod__normalizer *nz, uint32_t cp)
{
    size_t lo = 0, hi = nz->nconf;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nz->conf[mid].cp == cp)
            return &nz->conf[mid];
        if (nz->conf[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- folding of one plain character ---------------------------------- */

static size_t put_str(const char *s, uint32_t *out, size_t n)
{
    while (*s)
        out[n++] = (unsigned char)*s++;
    return n;
}

size_t smmod__fold_cp(const smmod__normalizer *nz, void *spoof, uint32_t cp,
                      uint32_t out[SMMOD__FOLD_MAX])
{
    uint32_t base[SMMOD__FOLD_MAX * 4];
    size_t nb, k, n = 0;
    const char *g = german(cp);
    if (cp < 0x80) {
        out[0] = cp;
        return 1;
    }
    if (g)
        return put_str(g, out, 0);
    nb = u8proc_run(&cp, 1, base, sizeof base / sizeof base[0],
                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
    for (k = 0; k < nb && n + 2 <= SMMOD__FOLD_MAX; k++) {
        const char *s = latin_special(base[k]);
        char sk[2];
        int m = 0, j;
        if (s) {
            n = put_str(s, out, n);
            continue;
        }
        if (nz) {
            const smmod__conf *c = conf_find(nz, base[k]);
            if (c) {
                m = c->n;
                memcpy(sk, c->sk, 2);
            }
        } else {
            m = smmod__conf_rule(spoof, base[k], sk);
        }
        if (m) {
            for (j = 0; j < m; j++)
                out[n++] = (unsigned char)sk[j];
            continue;
        }
        out[n++] = base[k];
    }
    return n;
}

/* ---- leetspeak and separators -------------------------------------------- */

uint32_t smmod__leet(uint32_t cp)
{
    switch (cp) {
    case '4': case '@': return 'a';
    case '3': case 0x20AC: return 'e';
    case '0': return 'o';
    case '1': case '!': return 'i';
    case '5': case '$': return 's';
    case '7': return 't';
    case '8': return 'b';
    case '|': return 'l';
    default: return 0;
    }
}

int smmod__cp_sep(uint32_t cp)
{
    switch (cp) {
    case ' ': case '.': case '-': case '_': case '*': case '/': case '+':
    case '~': case 0xB7:
        return 1;
    default:
        return 0;
    }
}
