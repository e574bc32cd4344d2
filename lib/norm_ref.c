/*
 * norm_ref.c - the reference normalisation path: every view built as a
 * sequence of stages over arrays of characters, calling utf8proc and ICU
 * for every non-ASCII character. Slow and plain on purpose: the fast path
 * in norm.c must give byte-identical views and maps (tests/unit/
 * test_norm_diff.c, the fuzzer). Also holds the unit-array steps of the
 * folded views (leetspeak, joining, collapsing).
 */
#include <string.h>

#include "alloc.h"
#include "norm_int.h"
#include "smmod.h"

int smmod__nbuf_push(smmod__nbuf *b, uint32_t cp, uint32_t os, uint32_t oe)
{
    if (b->n == b->cap &&
        smmod__grow((void **)&b->u, &b->cap, b->n + 1, sizeof *b->u) < 0)
        return SMMOD_ENOMEM;
    b->u[b->n].cp = cp;
    b->u[b->n].os = os;
    b->u[b->n].oe = oe;
    b->n++;
    return 0;
}

void smmod__nbuf_free(smmod__nbuf *b)
{
    smmod__free(b->u);
    b->u = NULL;
    b->n = b->cap = 0;
}

int smmod__view_reserve(smmod__view *v, size_t need)
{
    size_t cap;
    void *p;
    if (need + 1 <= v->cap)
        return 0;
    cap = v->cap ? v->cap : 64;
    while (cap < need + 1) {
        if (cap > ((size_t)-1 / 2) / sizeof(uint32_t))
            return SMMOD_ENOMEM;
        cap *= 2;
    }
    if (!(p = smmod__realloc(v->text, cap)))
        return SMMOD_ENOMEM;
    /* PCRE2's JIT code may read a few bytes past the end of the subject;
     * zeroed spare room keeps those reads defined (and valgrind quiet).
     * This runs only when a buffer grows, never in the steady state. */
    memset((char *)p + v->cap, 0, cap - v->cap);
    v->text = p;
    if (!(p = smmod__realloc(v->ostart, cap * sizeof(uint32_t))))
        return SMMOD_ENOMEM;
    v->ostart = p;
    if (!(p = smmod__realloc(v->oend, cap * sizeof(uint32_t))))
        return SMMOD_ENOMEM;
    v->oend = p;
    v->cap = cap;
    return 0;
}

int smmod__units_to_view(const smmod__nbuf *b, smmod__view *v)
{
    size_t k, len = 0;
    if (smmod__view_reserve(v, b->n * 4) < 0)
        return SMMOD_ENOMEM;
    for (k = 0; k < b->n; k++) {
        size_t m = smmod__u8_encode(b->u[k].cp, v->text + len), j;
        for (j = 0; j < m; j++) {
            v->ostart[len + j] = b->u[k].os;
            v->oend[len + j] = b->u[k].oe;
        }
        len += m;
    }
    v->text[len] = '\0';
    v->len = len;
    return 0;
}

/* ---- folded steps ------------------------------------------------------ */

/* A maximal run of leet symbols becomes letters when a letter follows it:
 * "@rschl0ch", "Sch31sse" are mapped, "2019", "4 Leute", "Covid19" and
 * "Idiot!" are not. */
int smmod__units_leet(smmod__nbuf *b)
{
    size_t i = 0, j;
    while (i < b->n) {
        if (!smmod__leet(b->u[i].cp)) {
            i++;
            continue;
        }
        for (j = i; j < b->n && smmod__leet(b->u[j].cp); j++)
            ;
        if (j < b->n && smmod__is_word_cp(b->u[j].cp))
            for (; i < j; i++)
                b->u[i].cp = smmod__leet(b->u[i].cp);
        i = j;
    }
    return 0;
}

static int is_word_unit(const smmod__nbuf *b, size_t i)
{
    return i < b->n && smmod__is_word_cp(b->u[i].cp);
}

/* If a single letter (the letters of one source character, e.g. "ae" of
 * "ä", with no letter on either side) starts at i, return its end, else 0. */
static size_t single_letter(const smmod__nbuf *b, size_t i)
{
    size_t g = i;
    if (!is_word_unit(b, i) || (i > 0 && is_word_unit(b, i - 1)))
        return 0;
    while (g < b->n && smmod__is_word_cp(b->u[g].cp) &&
           b->u[g].os == b->u[i].os && b->u[g].oe == b->u[i].oe)
        g++;
    return is_word_unit(b, g) ? 0 : g;
}

#define SEP_MAX 3

/* How many letters a spaced-out run starting with the letter [i, g)
 * has; *end receives the end of its last letter. */
static size_t spaced_run(const smmod__nbuf *b, size_t i, size_t g, size_t *end)
{
    size_t k = g, seplen, count = 1, next;
    while (k < b->n && smmod__cp_sep(b->u[k].cp))
        k++;
    seplen = k - g;
    *end = g;
    if (seplen == 0 || seplen > SEP_MAX)
        return 1;
    (void)i;
    for (;;) {
        size_t s = *end, j;
        if (s + seplen >= b->n)
            break;
        for (j = 0; j < seplen; j++)
            if (b->u[s + j].cp != b->u[g + j].cp)
                break;
        if (j < seplen || smmod__cp_sep(b->u[s + seplen].cp))
            break;
        next = single_letter(b, s + seplen);
        if (!next)
            break;
        count++;
        *end = next;
    }
    return count;
}

int smmod__units_join(const smmod__nbuf *in, smmod__nbuf *out)
{
    size_t i = 0;
    out->n = 0;
    while (i < in->n) {
        size_t g = single_letter(in, i), end, k;
        if (g && spaced_run(in, i, g, &end) >= 3) {
            for (k = i; k < end; k++)
                if (smmod__is_word_cp(in->u[k].cp) &&
                    smmod__nbuf_push(out, in->u[k].cp, in->u[k].os,
                                     in->u[k].oe) < 0)
                    return SMMOD_ENOMEM;
            i = end;
            continue;
        }
        if (smmod__nbuf_push(out, in->u[i].cp, in->u[i].os, in->u[i].oe) < 0)
            return SMMOD_ENOMEM;
        i++;
    }
    return 0;
}

/* A run of one repeated letter keeps one letter mapped to the whole run. */
int smmod__units_collapse(const smmod__nbuf *in, smmod__nbuf *out)
{
    size_t i;
    out->n = 0;
    for (i = 0; i < in->n; i++) {
        smmod__nunit *last = out->n ? &out->u[out->n - 1] : NULL;
        if (last && last->cp == in->u[i].cp && smmod__is_word_cp(last->cp)) {
            last->oe = in->u[i].oe;
            continue;
        }
        if (smmod__nbuf_push(out, in->u[i].cp, in->u[i].os, in->u[i].oe) < 0)
            return SMMOD_ENOMEM;
    }
    return 0;
}

/* ---- the reference stages ------------------------------------------------ */

static int ref_decode(const char *text, size_t len, int entities,
                      smmod__nbuf *out, unsigned *flags)
{
    size_t i = 0;
    out->n = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = entities ? smmod__entity(text, len, i, &cp) : 0;
        if (!n) {
            n = smmod__u8_decode((const uint8_t *)text, len, i, &cp);
            if (cp == 0xFFFD && n == 1)
                *flags |= SMMOD__VIEWF_INVALID_UTF8;
        }
        if (smmod__nbuf_push(out, cp, (uint32_t)i, (uint32_t)(i + n)) < 0)
            return SMMOD_ENOMEM;
        i += n;
    }
    return 0;
}

static void ref_drop_ignorable(smmod__nbuf *b)
{
    size_t i, n = 0;
    for (i = 0; i < b->n; i++)
        if (!smmod__cp_ignorable(b->u[i].cp))
            b->u[n++] = b->u[i];
    b->n = n;
}

/* NFKC + case folding per cluster (a character and the marks after it);
 * every output character maps to the whole cluster. */
static int ref_nfkc(const smmod__nbuf *in, smmod__nbuf *out)
{
    uint32_t cps[SMMOD__CLUSTER_MAX], res[SMMOD__NFKC_MAX];
    size_t i = 0, j, k, n;
    out->n = 0;
    while (i < in->n) {
        for (j = i + 1; j < in->n && j - i < SMMOD__CLUSTER_MAX &&
                        smmod__cp_cont(in->u[j].cp);
             j++)
            ;
        for (k = i; k < j; k++)
            cps[k - i] = in->u[k].cp;
        n = smmod__nfkc_cluster(cps, j - i, res);
        for (k = 0; k < n; k++)
            if (smmod__nbuf_push(out, res[k], in->u[i].os, in->u[j - 1].oe) < 0)
                return SMMOD_ENOMEM;
        i = j;
    }
    return 0;
}

/* A run of white space becomes one ASCII space mapped to the whole run. */
static void ref_white(smmod__nbuf *b)
{
    size_t i, n = 0;
    int prev = 0;
    for (i = 0; i < b->n; i++) {
        int w = smmod__cp_white_icu(b->u[i].cp);
        if (w && prev) {
            b->u[n - 1].oe = b->u[i].oe;
            continue;
        }
        b->u[n] = b->u[i];
        if (w)
            b->u[n].cp = ' ';
        n++;
        prev = w;
    }
    b->n = n;
}

static int ref_plain(const char *text, size_t len, smmod__nbuf *plain,
                     smmod__nbuf *tmp, unsigned *flags)
{
    if (ref_decode(text, len, 1, tmp, flags) < 0)
        return SMMOD_ENOMEM;
    ref_drop_ignorable(tmp);
    if (ref_nfkc(tmp, plain) < 0)
        return SMMOD_ENOMEM;
    ref_drop_ignorable(plain);
    ref_white(plain);
    return 0;
}

static int ref_fold_chars(const smmod__nbuf *plain, void *spoof,
                          smmod__nbuf *out)
{
    uint32_t f[SMMOD__FOLD_MAX];
    size_t i, k, n;
    out->n = 0;
    for (i = 0; i < plain->n; i++) {
        n = smmod__fold_cp(NULL, spoof, plain->u[i].cp, f);
        for (k = 0; k < n; k++)
            if (smmod__nbuf_push(out, f[k], plain->u[i].os, plain->u[i].oe) < 0)
                return SMMOD_ENOMEM;
    }
    return smmod__units_leet(out);
}

/* One folded variant from the folded characters. */
static int ref_variant(int kind, const smmod__nbuf *f0, smmod__nbuf *a,
                       smmod__nbuf *b, smmod__view *v)
{
    int join = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOCOLLAPSE;
    int coll = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOJOIN;
    const smmod__nbuf *cur = f0;
    if (join) {
        if (smmod__units_join(cur, a) < 0)
            return SMMOD_ENOMEM;
        cur = a;
    }
    if (coll) {
        if (smmod__units_collapse(cur, b) < 0)
            return SMMOD_ENOMEM;
        cur = b;
    }
    return smmod__units_to_view(cur, v);
}

#define FOLDED_KINDS                                                         \
    ((1u << SMMOD__V_FOLDED) | (1u << SMMOD__V_FOLDED_NOJOIN) |              \
     (1u << SMMOD__V_FOLDED_NOCOLLAPSE) | (1u << SMMOD__V_FOLDED_NEITHER))

static int ref_folded(unsigned kinds, const smmod__nbuf *plain, unsigned flags,
                      smmod__view views[SMMOD__V_COUNT], smmod__nbuf bufs[3])
{
    void *spoof = smmod__spoof_open();
    int kind, rc = 0;
    if (!spoof)
        return SMMOD_ENOMEM;
    rc = ref_fold_chars(plain, spoof, &bufs[0]);
    smmod__spoof_close(spoof);
    for (kind = SMMOD__V_FOLDED; rc == 0 && kind < SMMOD__V_COUNT; kind++) {
        if (!(kinds & (1u << kind)))
            continue;
        rc = ref_variant(kind, &bufs[0], &bufs[1], &bufs[2], &views[kind]);
        views[kind].flags = flags;
    }
    return rc;
}

int smmod__normalize_reference(const smmod__normalizer *nz, unsigned kinds,
                               const char *text, size_t len,
                               smmod__view views[SMMOD__V_COUNT])
{
    smmod__nbuf plain = {0}, bufs[3] = {{0}, {0}, {0}};
    unsigned flags = 0;
    int rc = 0;
    (void)nz;
    if (len > UINT32_MAX - 1)
        return SMMOD_ELIMIT;
    if (kinds & (1u << SMMOD__V_RAW)) {
        rc = ref_decode(text, len, 0, &bufs[0], &flags);
        if (rc == 0)
            rc = smmod__units_to_view(&bufs[0], &views[SMMOD__V_RAW]);
        views[SMMOD__V_RAW].flags = flags;
    }
    if (rc == 0 && (kinds & ((1u << SMMOD__V_PLAIN) | FOLDED_KINDS))) {
        flags = 0;
        rc = ref_plain(text, len, &plain, &bufs[0], &flags);
        if (rc == 0)
            rc = smmod__units_to_view(&plain, &views[SMMOD__V_PLAIN]);
        views[SMMOD__V_PLAIN].flags = flags;
        if (rc == 0 && (kinds & FOLDED_KINDS))
            rc = ref_folded(kinds, &plain, flags, views, bufs);
    }
    smmod__nbuf_free(&plain);
    smmod__nbuf_free(&bufs[0]);
    smmod__nbuf_free(&bufs[1]);
    smmod__nbuf_free(&bufs[2]);
    return rc;
}
