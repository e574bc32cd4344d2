/*
 * detect_net.c - the network detectors: e-mail addresses and URLs (with
 * the domain allow and deny lists). Both share the host name parser.
 *
 * E-mail: local@domain.tld, a practical subset of RFC 5322 / RFC 6531
 * (letters of any script, digits and . _ % + - in the local part; domain
 * labels of letters, digits and inner hyphens; a TLD of two or more
 * letters or an xn-- label). URLs: http:// and https:// with any host,
 * www.host.tld, and bare host names whose TLD is on a short list.
 */
#include <stdint.h>
#include <string.h>

#include "detect_priv.h"

#define AT(i) smmod__dat(sc, (i))

#define LOCAL_MAX 64  /* RFC 5321 4.5.3.1.1 */
#define HOST_MAX 253  /* RFC 1035, without the trailing dot */
#define LABEL_MAX 63

/* ---- host names ------------------------------------------------------- */

typedef struct host {
    size_t end;       /* just after the last label */
    size_t tld;       /* start of the last label */
    size_t labels;
} host;

/* Length of the label character (letter, digit, hyphen) at j, or 0. */
static size_t label_char(const smmod__dscan *sc, size_t j)
{
    int c = AT(j);
    if (smmod__ddigit(c) || c == '-')
        return 1;
    return smmod__dletter(sc, j);
}

/* One label at j: its end, or j when there is no valid label there. */
static size_t label_end(const smmod__dscan *sc, size_t j)
{
    size_t k = j, n;
    while (k - j <= LABEL_MAX * 4 && (n = label_char(sc, k)) > 0)
        k += n;
    if (k == j || AT(j) == '-' || sc->s[k - 1] == '-' ||
        k - j > LABEL_MAX * 4)
        return j;
    return k;
}

/* Parse labels joined by single dots from i. Stops before a trailing dot
 * and before the first label that is not valid. 0 labels if none. */
static host host_parse(const smmod__dscan *sc, size_t i)
{
    host h = {i, i, 0};
    size_t j = i;
    for (;;) {
        size_t e = label_end(sc, j);
        if (e == j || e - i > HOST_MAX)
            break;
        h.end = e, h.tld = j, h.labels++;
        if (AT(e) != '.')
            break;
        j = e + 1;
    }
    return h;
}

/* A top-level domain: two or more letters, or an IDNA "xn--" label. */
static int tld_ok(const smmod__dscan *sc, size_t t, size_t e)
{
    size_t k = t, n, letters = 0;
    if (e - t > 4 && smmod__dmatch(sc, t, "xn--", 4))
        return 1;
    while (k < e && (n = smmod__dletter(sc, k)) > 0)
        k += n, letters++;
    return k == e && letters >= 2;
}

/* ---- e-mail ----------------------------------------------------------- */

static int local_byte(int c)
{
    return smmod__dalnum(c) || (c > 0 && strchr("._%+-", c));
}

/* Start of the local part that ends at the '@' at a, not before `from`;
 * returns a when there is none. Non-ASCII letters count (RFC 6531). */
static size_t local_start(const smmod__dscan *sc, size_t from, size_t a)
{
    size_t k = a;
    while (k > from && a - k <= LOCAL_MAX) {
        if (sc->s[k - 1] < 0x80) {
            if (!local_byte(sc->s[k - 1]))
                break;
            k--;
            continue;
        }
        size_t b = k - 1;
        while (b > from && k - b < 4 && (sc->s[b] & 0xC0) == 0x80)
            b--;
        if (smmod__dletter(sc, b) != k - b)
            break;
        k = b;
    }
    if (a - k > LOCAL_MAX)
        return a;
    /* No dot at either end nor two in a row: start after the last "..". */
    for (size_t m = a; m > k + 1; m--)
        if (sc->s[m - 1] == '.' && sc->s[m - 2] == '.') {
            k = m;
            break;
        }
    while (k < a && sc->s[k] == '.')
        k++;
    if (k == a || sc->s[a - 1] == '.')
        return a;
    return k;
}

static int email_at(const smmod__dscan *sc, size_t from, size_t a,
                    smmod__dhit *out)
{
    size_t start = local_start(sc, from, a);
    host h;
    if (start == a)
        return 0;
    h = host_parse(sc, a + 1);
    if (h.labels < 2 || !tld_ok(sc, h.tld, h.end))
        return 0;
    out->start = start, out->end = h.end, out->kind = 0;
    return 1;
}

int smmod__dnext_email(const smmod__dscan *sc, size_t from, smmod__dhit *out)
{
    size_t i = from;
    while (i < sc->len) {
        const unsigned char *p = memchr(sc->s + i, '@', sc->len - i);
        if (!p)
            return 0;
        size_t a = (size_t)(p - sc->s);
        if (email_at(sc, from, a, out))
            return 1;
        i = a + 1;
    }
    return 0;
}

/* ---- URLs ------------------------------------------------------------- */

/* TLDs for bare host names ("bit.ly/x", "stadt.de"), a modest selection
 * from the IANA root zone database (https://www.iana.org/domains/root/db).
 * Left out on purpose: TLDs that are German words or abbreviations (am,
 * es, er, in, so, je, ag, st) or common file extensions (md, sh, py, rs,
 * pl stays: Polish sites are common in German comments). */
static const char *const bare_tlds[] = {
    "de", "com", "net", "org", "eu", "info", "io", "ly", "me", "tv",
    "at", "ch", "biz", "xyz", "ru", "uk", "fr", "it", "nl", "be", "pl",
    "cz", "dk", "se", "no", "fi", "us", "ca", "au", "cn", "jp", "li",
    "lu", "gr", "pt", "hu", "ro", "ua", "tr", "by", "kz", "tk", "ml",
    "ga", "cf", "gq", "cc", "co", "gl", "gov", "edu", "online", "site",
    "shop", "app", "dev", "top", "club", "blog", "news", "link", "live",
    "store", "tech", "website", "click", "fm", "berlin", "hamburg",
    "koeln", "bayern", "nrw", "ruhr", "su", "pw", "icu", NULL,
};

static int url_char(const smmod__dscan *sc, size_t j, size_t *n)
{
    int c = AT(j);
    if (c < 0)
        return 0;
    if (c < 0x80) {
        *n = 1;
        return c > 0x20 && c < 0x7F && !strchr("<>\"`{}|\\^", c);
    }
    *n = smmod__dletter(sc, j);
    return *n > 0;
}

/* The end of a URL's path, query and fragment from j, before trailing
 * punctuation and closing brackets that are not opened inside it. */
static size_t url_tail(const smmod__dscan *sc, size_t j)
{
    size_t e = j, n;
    long paren = 0, brack = 0;
    while (url_char(sc, e, &n)) {
        int c = AT(e);
        paren += (c == '(') - (c == ')');
        brack += (c == '[') - (c == ']');
        e += n;
    }
    while (e > j) {
        int c = AT(e - 1);
        if (c > 0 && strchr(".,;:!?'*", c)) {
            e--;
        } else if (c == ')' && paren < 0) {
            paren++, e--;
        } else if (c == ']' && brack < 0) {
            brack++, e--;
        } else {
            break;
        }
    }
    return e;
}

/* Port and path after a host ending at e. */
static size_t url_after_host(const smmod__dscan *sc, size_t e)
{
    if (AT(e) == ':' && smmod__ddigit(AT(e + 1))) {
        size_t k = e + 1;
        while (k - e <= 5 && smmod__ddigit(AT(k)))
            k++;
        if (smmod__dword_at(sc, k))
            return e;
        e = k;
    }
    if (AT(e) == '/' || AT(e) == '?' || AT(e) == '#')
        return url_tail(sc, e);
    return e;
}

/* Length of the longest entry of d that is h[0..n) or a parent domain of
 * it ("stadt.de" for "www.stadt.de", never for "notstadt.de"); 0 if none. */
static size_t domain_match(const smmod__domains *d, const unsigned char *h,
                           size_t n)
{
    size_t best = 0;
    if (!d || !d->names)
        return 0;
    for (size_t k = 0; k < d->count; k++) {
        const char *name = d->names[k];
        size_t m = name ? strlen(name) : 0;
        while (m > 0 && name[m - 1] == '.')
            m--;
        if (m == 0 || m > n || m <= best)
            continue;
        if (m < n && h[n - m - 1] != '.')
            continue;
        size_t q = 0;
        while (q < m && smmod__dlower(h[n - m + q]) ==
                            smmod__dlower((unsigned char)name[q]))
            q++;
        if (q == m)
            best = m;
    }
    return best;
}

/* Report the URL [start, end) with host [hs, he) into *out (1), or say
 * it is allowed (-1). The more specific list entry wins; on a tie the
 * deny list. */
static int url_report(const smmod__dscan *sc, size_t start, size_t end,
                      size_t hs, size_t he, smmod__dhit *out)
{
    size_t a = domain_match(sc->allow, sc->s + hs, he - hs);
    size_t d = domain_match(sc->deny, sc->s + hs, he - hs);
    out->start = start, out->end = end;
    out->kind = d ? SMMOD__URL_DENIED : SMMOD__URL_PLAIN;
    return a > d ? -1 : 1;
}

/* http:// or https:// at i. The host is what follows the scheme (after
 * user info, before a port); any host name or address is accepted.
 * Returns 1 (reported), -1 (allowed, out->end its end) or 0 (no URL). */
static int url_scheme(const smmod__dscan *sc, size_t i, smmod__dhit *out)
{
    size_t j = i + 4, e, hs, he;
    if (AT(j) == 's' || AT(j) == 'S')
        j++;
    if (!smmod__dmatch(sc, j, "://", 3))
        return 0;
    j += 3;
    e = url_tail(sc, j);
    hs = he = j;
    while (he < e && !strchr("/?#", sc->s[he]))
        if (sc->s[he++] == '@')
            hs = he;
    for (size_t k = he; k > hs; k--)
        if (sc->s[k - 1] == ':') {
            he = k - 1;
            break;
        }
    while (he > hs && sc->s[he - 1] == '.')
        he--;
    if (he == hs)
        return 0;
    return url_report(sc, i, e, hs, he, out);
}

/* A bare host name or www.host at token [i, te): valid labels up to the
 * token's end (trailing dots aside), not part of an e-mail address.
 * Returns as url_scheme does. */
static int url_bare(const smmod__dscan *sc, size_t i, size_t te,
                    smmod__dhit *out)
{
    size_t k = te;
    host h;
    while (k > i && sc->s[k - 1] == '.')
        k--;
    /* "a..b.de": only what follows the last empty label can be a host. */
    for (size_t m = k; m > i + 1; m--)
        if (sc->s[m - 1] == '.' && sc->s[m - 2] == '.') {
            i = m;
            break;
        }
    while (i < k && (sc->s[i] == '.' || sc->s[i] == '-'))
        i++;
    if (i >= k || AT(k) == '@' || (i > 0 && sc->s[i - 1] == '@'))
        return 0;
    h = host_parse(sc, i);
    if (h.end != k || h.labels < 2)
        return 0;
    if (smmod__dmatch(sc, i, "www.", 4)) {
        if (h.labels < 3 || !tld_ok(sc, h.tld, h.end))
            return 0;
    } else if (!smmod__din_list(sc, h.tld, h.end, bare_tlds)) {
        return 0;
    }
    return url_report(sc, i, url_after_host(sc, h.end), i, h.end, out);
}

static int token_char(const smmod__dscan *sc, size_t i, size_t *n)
{
    if (AT(i) == '.') {
        *n = 1;
        return 1;
    }
    *n = label_char(sc, i);
    return *n > 0;
}

/* End of the token of label characters and dots starting at i; *dots
 * tells whether it has any. */
static size_t token_end(const smmod__dscan *sc, size_t i, int *dots)
{
    size_t n;
    *dots = 0;
    while (token_char(sc, i, &n)) {
        *dots |= sc->s[i] == '.';
        i += n;
    }
    return i;
}

/* Whether a token character ends just before i. */
static int token_before(const smmod__dscan *sc, size_t i)
{
    if (i == 0)
        return 0;
    return sc->s[i - 1] == '.' || sc->s[i - 1] == '-' ||
           smmod__dword_before(sc, i);
}

/* Whether the '.' or ':' at j may make a URL of the token around it: the
 * dot before a top-level domain, which starts with a letter (ASCII for
 * bare_tlds and "xn--", any letter for tld_ok), as url_bare needs one;
 * or the "://" after an "http" or "https" token (url_scheme). Sentence
 * ends and numbers ("1.000", "12.03.") are passed over. */
static int url_mark(const smmod__dscan *sc, size_t j)
{
    int n = AT(j + 1);
    if (sc->s[j] == ':')
        return n == '/' && AT(j + 2) == '/';
    return n >= 0x80 || smmod__dalpha(n);
}

/* The first position from i where a URL can be found (see url_mark);
 * sc->len if there is none. Eight bytes at a time: most blocks have no
 * '.' or ':', and most dots end a sentence. */
static size_t url_candidate(const smmod__dscan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    for (; i + 8 <= sc->len; i += 8) {
        uint64_t x = smmod__load8(s + i), f;
        for (f = smmod__eq8(x, '.') | smmod__eq8(x, ':'); f; f &= f - 1)
            if (url_mark(sc, i + smmod__first8(f)))
                return i + smmod__first8(f);
    }
    for (; i < sc->len; i++)
        if ((s[i] == '.' || s[i] == ':') && url_mark(sc, i))
            return i;
    return sc->len;
}

/* Where the token walk may resume before candidate c without passing a
 * token: just after the last ASCII byte before c that is no token
 * character (ASCII never continues a UTF-8 character, so every token
 * ends there), or i. */
static size_t url_resume(const smmod__dscan *sc, size_t i, size_t c)
{
    size_t n;
    while (c > i && !(sc->s[c - 1] < 0x80 && !token_char(sc, c - 1, &n)))
        c--;
    return c;
}

/* Tokens (runs of label characters and dots) are examined one at a time
 * and a failed one is skipped whole, so the scan is linear. Only a token
 * with a dot before a letter (url_bare: a TLD after a dot) or an "http"
 * token before "://" (url_scheme) can be a URL, so the walk jumps to the
 * last token boundary before the next such dot or ':'; the token that
 * ends at a ':' is the one before it. */
int smmod__dnext_url(const smmod__dscan *sc, size_t from, smmod__dhit *out)
{
    size_t i = from, n, cand = 0;
    int dots, have = 0;
    if (token_before(sc, i))
        i = token_end(sc, i, &dots);
    while (i < sc->len) {
        int r = 0;
        size_t te;
        if (!have || i > cand) {
            cand = url_candidate(sc, i);
            have = 1;
            if (cand >= sc->len)
                return 0;
            i = url_resume(sc, i, cand);
        }
        if (!token_char(sc, i, &n)) {
            i++;
            continue;
        }
        te = token_end(sc, i, &dots);
        if (smmod__dmatch(sc, i, "http", 4))
            r = url_scheme(sc, i, out);
        if (r == 0 && dots)
            r = url_bare(sc, i, te, out);
        if (r > 0)
            return 1;
        /* An allowed URL is skipped whole, path included. */
        i = r < 0 && out->end > te ? out->end : te;
    }
    return 0;
}
