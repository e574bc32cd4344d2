/*
 * norm_fast.c - the fast normalisation path: byte loops driven by a
 * 256-entry class table for ASCII and a per-code-point table for
 * everything below U+0800 (Latin-1, Latin Extended, Greek, Cyrillic,
 * Armenian), calling utf8proc/ICU-backed functions only for rarer code
 * points and for clusters with combining marks.
 *
 * Passes: raw (copy + validate), plain (decode, entities, ignorables,
 * NFKC + case folding, white space), then the character folding and
 * leetspeak into the FOLDED_NEITHER view, then joining and collapsing into
 * the other folded views. Must agree byte for byte with norm_ref.c.
 */
#include <string.h>

#include "alloc.h"
#include "bytes8.h"
#include "norm_int.h"
#include "smmod.h"

#define BIT(k) (1u << (k))
#define FOLDED_KINDS                                                         \
    (BIT(SMMOD__V_FOLDED) | BIT(SMMOD__V_FOLDED_NOJOIN) |                    \
     BIT(SMMOD__V_FOLDED_NOCOLLAPSE) | BIT(SMMOD__V_FOLDED_NEITHER))

/* ---- tables -------------------------------------------------------------- */

static void ascii_tables(smmod__normalizer *nz)
{
    unsigned c;
    for (c = 0; c < 256; c++) {
        uint8_t f = 0;
        nz->lower[c] = (uint8_t)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        if (c < 0x80) {
            if (smmod__cp_white(c))
                f |= SMMOD__AC_WHITE;
            else if (c != '&')
                f |= SMMOD__AC_COPY;
            if (c != '&')
                f |= SMMOD__AC_NEXT;
            if (smmod__cp_sep(c))
                f |= SMMOD__AC_SEP;
            if (smmod__is_word_cp(c))
                f |= SMMOD__AC_WORD;
        }
        if (smmod__leet(c) || c == 0xE2)
            f |= SMMOD__AC_LEET;
        if (c < 0x80)
            nz->leet[c] = (uint8_t)smmod__leet(c);
        nz->acls[c] = f;
    }
}

static void cp_entry(const smmod__normalizer *nz, uint32_t cp, smmod__ftab *e)
{
    uint32_t out[SMMOD__NFKC_MAX], f[SMMOD__FOLD_MAX];
    size_t n = smmod__nfkc_cluster(&cp, 1, out), k, len = 0;
    e->flags = (uint8_t)((smmod__cp_ignorable(cp) ? SMMOD__FTF_IGNORE : 0) |
                         (smmod__cp_white(cp) ? SMMOD__FTF_WHITE : 0) |
                         (smmod__cp_cont(cp) ? SMMOD__FTF_CONT : 0) |
                         (smmod__is_word_cp(cp) ? SMMOD__FTF_WORD : 0));
    e->pn = 0xFF;
    if (n <= SMMOD__FT_PLAIN_MAX) {
        e->pn = (uint8_t)n;
        for (k = 0; k < n; k++)
            e->plain[k] = out[k];
    }
    e->flen = 0xFF;
    n = smmod__fold_cp(nz, NULL, cp, f);
    for (k = 0; k < n && len + 4 <= sizeof e->fold; k++)
        len += smmod__u8_encode(f[k], e->fold + len);
    if (k == n)
        e->flen = (uint8_t)len;
}

int smmod__fast_tables(smmod__normalizer *nz)
{
    uint32_t cp;
    ascii_tables(nz);
    nz->ft = smmod__calloc(SMMOD__FT_LIMIT, sizeof *nz->ft);
    if (!nz->ft)
        return SMMOD_ENOMEM;
    for (cp = 0; cp < SMMOD__FT_LIMIT; cp++)
        cp_entry(nz, cp, &nz->ft[cp]);
    return 0;
}

/* ---- raw ------------------------------------------------------------------ */

/* End of the ASCII bytes from i on: eight at a time, then one by one. */
static size_t ascii_end(const uint8_t *s, size_t i, size_t n)
{
    while (i + 8 <= n && !(smmod__load8(s + i) & SMMOD__HIGH))
        i += 8;
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

static int raw_pass(const char *text, size_t len, smmod__view *v)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t i = 0, o = 0;
    v->flags = 0;
    if (smmod__view_reserve(v, len) < 0)
        return SMMOD_ENOMEM;
    while (i < len) {
        uint32_t cp;
        size_t m, k, j = ascii_end(s, i, len);
        if (j > i) { /* an ASCII run: copied, each byte maps to itself */
            uint32_t *restrict os = v->ostart + o, *restrict oe = v->oend + o;
            memcpy(v->text + o, s + i, j - i);
            for (k = 0; k < j - i; k++) {
                os[k] = (uint32_t)(i + k);
                oe[k] = (uint32_t)(i + k + 1);
            }
            o += j - i;
            i = j;
            continue;
        }
        m = smmod__u8_decode(s, len, i, &cp);
        if (cp == 0xFFFD && m == 1) {
            v->flags |= SMMOD__VIEWF_INVALID_UTF8;
            if (smmod__view_reserve(v, o + (len - i) + 3) < 0)
                return SMMOD_ENOMEM;
            m = smmod__u8_encode(0xFFFD, v->text + o);
            for (k = 0; k < m; k++) {
                v->ostart[o + k] = (uint32_t)i;
                v->oend[o + k] = (uint32_t)(i + 1);
            }
            o += m;
            i++;
            continue;
        }
        memcpy(v->text + o, s + i, m);
        for (k = 0; k < m; k++) {
            v->ostart[o + k] = (uint32_t)i;
            v->oend[o + k] = (uint32_t)(i + m);
        }
        o += m;
        i += m;
    }
    v->text[o] = '\0';
    v->len = o;
    return 0;
}

/* ---- plain ---------------------------------------------------------------- */

typedef struct pstate {
    const smmod__normalizer *nz;
    const uint8_t *s;
    size_t len;
    smmod__view *v;
    size_t o;
    int prevw; /* the last byte written is a folded white-space run */
} pstate;

/* One input character or character reference at j: its length. */
static size_t read_unit(pstate *st, size_t j, uint32_t *cp)
{
    size_t n = 0;
    if (st->s[j] == '&')
        n = smmod__entity((const char *)st->s, st->len, j, cp);
    if (!n) {
        n = smmod__u8_decode(st->s, st->len, j, cp);
        if (*cp == 0xFFFD && n == 1)
            st->v->flags |= SMMOD__VIEWF_INVALID_UTF8;
    }
    return n;
}

static unsigned cp_flags(const smmod__normalizer *nz, uint32_t cp)
{
    if (cp < SMMOD__FT_LIMIT)
        return nz->ft[cp].flags;
    return (smmod__cp_ignorable(cp) ? SMMOD__FTF_IGNORE : 0) |
           (smmod__cp_white(cp) ? SMMOD__FTF_WHITE : 0) |
           (smmod__cp_cont(cp) ? SMMOD__FTF_CONT : 0);
}

/* Write one NFKC output character (room is reserved by the caller). */
static void emit_plain(pstate *st, uint32_t cp, uint32_t os, uint32_t oe)
{
    unsigned f = cp_flags(st->nz, cp);
    size_t m, k;
    if (f & SMMOD__FTF_IGNORE)
        return;
    if (f & SMMOD__FTF_WHITE) {
        if (st->prevw) {
            st->v->oend[st->o - 1] = oe;
            return;
        }
        cp = ' ';
    }
    st->prevw = (f & SMMOD__FTF_WHITE) != 0;
    m = smmod__u8_encode(cp, st->v->text + st->o);
    for (k = 0; k < m; k++) {
        st->v->ostart[st->o + k] = os;
        st->v->oend[st->o + k] = oe;
    }
    st->o += m;
}

/* The cluster starting at i (ignorables skipped): a character and the
 * combining marks after it, normalised as one. Returns where to go on. */
static int plain_cluster(pstate *st, size_t i, size_t *next)
{
    uint32_t cps[SMMOD__CLUSTER_MAX], out[SMMOD__NFKC_MAX], cp;
    size_t n = 0, j = i, os = 0, oe = 0, k, m, nout;
    while (j < st->len) {
        m = read_unit(st, j, &cp);
        if (cp_flags(st->nz, cp) & SMMOD__FTF_IGNORE) {
            j += m;
            continue;
        }
        if (n > 0 && !(cp_flags(st->nz, cp) & SMMOD__FTF_CONT))
            break;
        if (n == 0)
            os = j;
        cps[n++] = cp;
        oe = j + m;
        j += m;
        if (n == SMMOD__CLUSTER_MAX)
            break;
    }
    *next = n ? oe : j;
    if (n == 0)
        return 0;
    if (n == 1 && cps[0] < SMMOD__FT_LIMIT &&
        st->nz->ft[cps[0]].pn != 0xFF) {
        const smmod__ftab *e = &st->nz->ft[cps[0]];
        nout = e->pn;
        memcpy(out, e->plain, nout * sizeof *out);
    } else {
        nout = smmod__nfkc_cluster(cps, n, out);
    }
    if (smmod__view_reserve(st->v, st->o + (st->len - *next) + 4 * nout) < 0)
        return SMMOD_ENOMEM;
    for (k = 0; k < nout; k++)
        emit_plain(st, out[k], (uint32_t)os, (uint32_t)oe);
    return 0;
}

/* Whether the input at j cannot continue the cluster of the character
 * before it: the end, an ASCII byte other than '&' (which may start a
 * reference to a combining mark), or a two-byte character that is neither
 * a combining mark nor ignorable (a mark may follow an ignorable). Else
 * plain_cluster decides. */
static int ends_cluster(const pstate *st, size_t j)
{
    const uint8_t *s = st->s;
    unsigned cp;
    if (j >= st->len || (st->nz->acls[s[j]] & SMMOD__AC_NEXT))
        return 1;
    if (s[j] < 0xC2 || s[j] > 0xDF || j + 1 >= st->len ||
        (s[j + 1] & 0xC0) != 0x80)
        return 0;
    cp = ((unsigned)(s[j] & 0x1F) << 6) | (s[j + 1] & 0x3F);
    return !(st->nz->ft[cp].flags & (SMMOD__FTF_IGNORE | SMMOD__FTF_CONT));
}

/* A two-byte character (ä, ß, é) that is a cluster on its own and maps to
 * one character of at most two bytes: written from the table, without
 * plain_cluster's decoding and reserving (the output is no longer than the
 * input, so the room reserved for the rest of the text suffices). */
static int latin_char(pstate *st, size_t *at)
{
    const uint8_t *s = st->s;
    size_t i = *at;
    const smmod__ftab *e;
    uint32_t cp;
    if (s[i] < 0xC2 || s[i] > 0xDF || i + 1 >= st->len ||
        (s[i + 1] & 0xC0) != 0x80)
        return 0;
    if (!ends_cluster(st, i + 2))
        return 0;
    cp = ((uint32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
    e = &st->nz->ft[cp];
    if ((e->flags & (SMMOD__FTF_IGNORE | SMMOD__FTF_WHITE | SMMOD__FTF_CONT)) ||
        e->pn != 1 || e->plain[0] >= 0x800)
        return 0;
    emit_plain(st, e->plain[0], (uint32_t)i, (uint32_t)(i + 2));
    *at = i + 2;
    return 1;
}

/* Of the all-ASCII block x, the bytes copy_run stops at: white space other
 * than a space after no other, and '&'. prevw: the byte before is a space
 * written for white space. Matches the class table (the differential
 * test puts every ASCII byte at every offset of long texts). */
static uint64_t copy_stops8(uint64_t x, int prevw)
{
    uint64_t sp = smmod__eq8(x, ' ');
    return smmod__range8(x, '\t', '\r') | smmod__eq8(x, '&') |
           (sp & ((sp << 8) | (prevw ? 0x80 : 0)));
}

/* Write the block x of input bytes at j, lower-cased and each mapping to
 * itself, to the plain view at tx/os/oe. */
static void copy_block(char *tx, uint32_t *os, uint32_t *oe, uint64_t x,
                       size_t j)
{
    unsigned k;
    x |= smmod__range8(x, 'A', 'Z') >> 2; /* 0x80 >> 2: the case bit */
    for (k = 0; k < 8; k++) {
        tx[k] = (char)(x >> (8 * k));
        os[k] = (uint32_t)(j + k);
        oe[k] = (uint32_t)(j + k + 1);
    }
}

/* Copy, lower-cased, the bytes from i on that stand for themselves: ASCII
 * other than white space and '&', and a space after no other; each
 * followed by a character that cannot combine with it (ends_cluster). Each
 * byte maps to itself. Eight bytes at a time while they all qualify.
 * Returns where the copy ends. */
static size_t copy_run(pstate *st, size_t i)
{
    const uint8_t *acls = st->nz->acls, *lower = st->nz->lower, *s = st->s;
    char *restrict tx = st->v->text + st->o;
    uint32_t *restrict os = st->v->ostart + st->o;
    uint32_t *restrict oe = st->v->oend + st->o;
    size_t j = i, len = st->len;
    int prevw = st->prevw;
    uint64_t x;
    /* room for len - i bytes is reserved; the last byte may be taken back */
    while (j + 8 <= len && !((x = smmod__load8(s + j)) & SMMOD__HIGH) &&
           !copy_stops8(x, prevw)) {
        copy_block(tx + (j - i), os + (j - i), oe + (j - i), x, j);
        prevw = (x >> 56) == ' ';
        j += 8;
    }
    while (j < len) {
        uint8_t c = s[j];
        if (acls[c] & SMMOD__AC_COPY)
            prevw = 0;
        else if (c == ' ' && !prevw)
            prevw = 1;
        else
            break;
        tx[j - i] = (char)lower[c];
        os[j - i] = (uint32_t)j;
        oe[j - i] = (uint32_t)(j + 1);
        j++;
    }
    if (j > i && !ends_cluster(st, j))
        j--; /* the last one may take a combining mark: the slow way */
    if (j > i) {
        st->o += j - i;
        st->prevw = s[j - 1] == ' ';
    }
    return j;
}

static int plain_pass(const smmod__normalizer *nz, const char *text,
                      size_t len, smmod__view *v)
{
    pstate st = {nz, (const uint8_t *)text, len, v, 0, 0};
    const uint8_t *acls = nz->acls, *lower = nz->lower, *s = st.s;
    size_t i = 0;
    v->flags = 0;
    if (smmod__view_reserve(v, len) < 0)
        return SMMOD_ENOMEM;
    while (i < len) {
        uint8_t c;
        int alone; /* an ASCII character that is a cluster on its own */
        size_t j = copy_run(&st, i);
        if (j > i) {
            i = j;
            if (i == len)
                break;
        }
        c = s[i];
        alone = (acls[c] & (SMMOD__AC_COPY | SMMOD__AC_WHITE)) &&
                ends_cluster(&st, i + 1);
        if (alone && (acls[c] & SMMOD__AC_COPY)) {
            v->text[st.o] = (char)lower[c];
            v->ostart[st.o] = (uint32_t)i;
            v->oend[st.o++] = (uint32_t)++i;
            st.prevw = 0;
            continue;
        }
        if (alone) { /* white space */
            if (st.prevw) {
                v->oend[st.o - 1] = (uint32_t)++i;
                continue;
            }
            v->text[st.o] = ' ';
            v->ostart[st.o] = (uint32_t)i;
            v->oend[st.o++] = (uint32_t)++i;
            st.prevw = 1;
            continue;
        }
        if (latin_char(&st, &i))
            continue;
        if (plain_cluster(&st, i, &i) < 0)
            return SMMOD_ENOMEM;
    }
    v->text[st.o] = '\0';
    v->len = st.o;
    return 0;
}

/* ---- folded characters + leetspeak ------------------------------------ */

static size_t u8len(uint8_t c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The folding pass writes the folded-neither view from plain and applies
 * the leetspeak step as it writes: a run of leet symbols is held open at
 * the end of the output until the next character written tells whether a
 * letter follows it (then its symbols become letters in place) or not. The
 * text is read once. */
#define NO_RUN SIZE_MAX

typedef struct fstate {
    const smmod__normalizer *nz;
    const uint8_t *acls;
    const uint8_t *t;        /* the plain text */
    const uint32_t *ps, *pe; /* and its maps */
    size_t n;
    smmod__view *f; /* the folded-neither view being written */
    size_t o;       /* its length so far */
    size_t run;     /* where its open run of leet symbols starts, or NO_RUN */
    int run_euro;   /* the open run holds a "€" (converting it shrinks it) */
} fstate;

/* The ASCII leet symbols of x (smmod__leet: 0 1 3 4 5 7 8 ! $ @ |), as
 * smmod__ascii_eq8: the digits 0-8 but 2 and 6, the only two of them
 * whose low bits are 10. Matches the class table (test_leet_blocks). */
static inline uint64_t leet8(uint64_t x)
{
    uint64_t low10 = ((x >> 1) & ~x & SMMOD__ONES) << 7;
    return (smmod__ascii_range8(x, '0', '8') & ~low10) |
           smmod__ascii_eq8(x, '!') | smmod__ascii_eq8(x, '$') |
           smmod__ascii_eq8(x, '@') | smmod__ascii_eq8(x, '|');
}

/* The flags of the bytes of a block from byte k on (k < 8). */
static uint64_t from8(size_t k)
{
    return SMMOD__HIGH & (~UINT64_C(0) << (8 * k));
}

/* Turn the leet symbols of f[r, e) (ASCII ones and "€") into their
 * letters, in place, each mapped to its symbol's bytes. Returns the new
 * end. */
static size_t leet_letters(const fstate *st, size_t r, size_t e)
{
    smmod__view *f = st->f;
    uint8_t *t = (uint8_t *)f->text;
    size_t w = r;
    while (r < e) {
        size_t k = t[r] < 0x80 ? 1 : 3;
        t[w] = k == 1 ? st->nz->leet[t[r]] : (uint8_t)smmod__leet(0x20AC);
        f->ostart[w] = f->ostart[r];
        f->oend[w] = f->oend[r + k - 1];
        w++;
        r += k;
    }
    return w;
}

/* Close the open run of leet symbols before a character that is not one;
 * `word`: whether that character is a letter. */
static void end_run(fstate *st, int word)
{
    if (word)
        st->o = leet_letters(st, st->run, st->o);
    st->run = NO_RUN;
}

/* Append one character of the folded text, bytes c[0, m), mapped to
 * [os, oe). `leet`, `word`: its classes. */
static inline void put_char(fstate *st, const char *c, size_t m, int leet, int word,
                     uint32_t os, uint32_t oe)
{
    smmod__view *f = st->f;
    size_t k;
    if (leet) {
        if (st->run == NO_RUN)
            st->run = st->o, st->run_euro = 0;
        st->run_euro |= m > 1;
    } else if (st->run != NO_RUN) {
        end_run(st, word);
    }
    for (k = 0; k < m; k++) {
        f->text[st->o + k] = c[k];
        f->ostart[st->o + k] = os;
        f->oend[st->o + k] = oe;
    }
    st->o += m;
}

/* Append the ASCII bytes [i, e) of plain, which fold to themselves, one
 * by one. */
static void put_ascii(fstate *st, size_t i, size_t e)
{
    for (; i < e; i++) {
        unsigned a = st->acls[st->t[i]];
        put_char(st, (const char *)st->t + i, 1, (a & SMMOD__AC_LEET) != 0,
                 (a & SMMOD__AC_WORD) != 0, st->ps[i], st->pe[i]);
    }
}

/* Append the folded form of one plain character, c[0, m) mapped to
 * [os, oe), character by character. */
static void put_folded(fstate *st, const char *c, size_t m, uint32_t os,
                       uint32_t oe)
{
    size_t k, cl;
    for (k = 0; k < m; k += cl) {
        unsigned a = st->acls[(uint8_t)c[k]];
        cl = u8len((uint8_t)c[k]);
        if (cl == 1)
            put_char(st, c + k, 1, (a & SMMOD__AC_LEET) != 0,
                     (a & SMMOD__AC_WORD) != 0, os, oe);
        else
            put_char(st, c + k, cl, cl == 3 && !memcmp(c + k, "\xe2\x82\xac", 3),
                     smmod__word_at(c, m, k), os, oe);
    }
}

/* The leet symbols `sym` of the block x of k ASCII bytes, just copied to
 * the output at o, and the run open before it if the block begins with a
 * symbol (that run holds no "€"): each run of symbols followed by a letter
 * becomes letters, in place; a run reaching the block's end stays open. */
static void leet_block(fstate *st, size_t o, uint64_t x, size_t k,
                       uint64_t sym)
{
    uint64_t letters = smmod__letters8(x);
    char *ft = st->f->text + o;
    while (sym) {
        size_t j = smmod__first8(sym), e, b;
        uint64_t after = ~sym & from8(j);
        e = after ? smmod__first8(after) : 8;
        if (e >= k) { /* the run goes on after the block */
            if (j > 0 || st->run == NO_RUN)
                st->run = o + j, st->run_euro = 0;
            return;
        }
        if ((letters >> (8 * e)) & 0x80) {
            if (j == 0 && st->run != NO_RUN)
                leet_letters(st, st->run, o);
            for (b = j; b < e; b++)
                ft[b] = (char)st->nz->leet[(uint8_t)ft[b]];
        }
        st->run = NO_RUN;
        sym &= from8(e);
    }
}

/* Copy the k ASCII bytes of plain at i (which fold to themselves) to the
 * output at o: eight whole when the plain text has them (the room
 * reserved for the rest of the text then holds them too). */
static void copy_ascii(fstate *st, size_t o, size_t i, size_t k)
{
    char *restrict ft = st->f->text + o;
    uint32_t *restrict fs = st->f->ostart + o, *restrict fe = st->f->oend + o;
    size_t b;
    if (i + 8 <= st->n) {
        memcpy(ft, st->t + i, 8);
        memcpy(fs, st->ps + i, 8 * sizeof(uint32_t));
        memcpy(fe, st->pe + i, 8 * sizeof(uint32_t));
        return;
    }
    for (b = 0; b < k; b++) {
        ft[b] = (char)st->t[i + b];
        fs[b] = st->ps[i + b];
        fe[b] = st->pe[i + b];
    }
}

/* Append the block x of k ASCII bytes at plain i, with leet symbols sym,
 * when a run of leet symbols may be open or the block is partial: the
 * block's first byte, if no symbol, ends the run; else the run goes on
 * into the block, which is appended byte by byte if the run holds a "€"
 * (converting it would move the block). */
static void block_slow(fstate *st, size_t i, uint64_t x, size_t k,
                       uint64_t sym)
{
    if (st->run != NO_RUN) {
        if (!(sym & 0x80)) {
            end_run(st, (st->acls[st->t[i]] & SMMOD__AC_WORD) != 0);
        } else if (st->run_euro) {
            put_ascii(st, i, i + k);
            return;
        }
    }
    copy_ascii(st, st->o, i, k);
    if (sym)
        leet_block(st, st->o, x, k, sym);
    st->o += k;
}

/* The leet symbols of the block x at i, of which the first k bytes are
 * ASCII and in the text. */
static uint64_t block_leet(const fstate *st, size_t i, uint64_t x, size_t *k)
{
    uint64_t hi = x & SMMOD__HIGH;
    *k = hi ? smmod__first8(hi) : 8;
    *k = *k < st->n - i ? *k : st->n - i;
    return *k < 8 ? leet8(x) & ~from8(*k) : leet8(x);
}

/* Append the ASCII bytes of plain from i on: whole blocks of eight while
 * no run of leet symbols is open (most blocks hold no byte that may be
 * one: none of 0x21-0x40 and '|'), else block by block in block_slow; a
 * block's ASCII bytes before a non-ASCII one, or before the end, count as
 * a block. Returns where the ASCII bytes end. */
static size_t fold_ascii(fstate *st, size_t i)
{
    const uint8_t *t = st->t;
    size_t n = st->n, o = st->o, k = 8;
    uint64_t x, sym;
    while (k == 8 && i < n) {
        while (i + 8 <= n && st->run == NO_RUN &&
               !((x = smmod__load8(t + i)) & SMMOD__HIGH)) {
            copy_ascii(st, o, i, 8);
            if ((smmod__ascii_range8(x, 0x21, 0x40) |
                 smmod__ascii_eq8(x, '|')) &&
                (sym = leet8(x)))
                leet_block(st, o, x, 8, sym);
            o += 8;
            i += 8;
        }
        if (i >= n)
            break;
        x = i + 8 <= n ? smmod__load8(t + i) : smmod__tail8(t, n, i);
        sym = block_leet(st, i, x, &k);
        if (k == 0)
            break;
        st->o = o;
        block_slow(st, i, x, k, sym);
        o = st->o;
        i += k;
    }
    st->o = o;
    return i;
}

/* Append the folded form of the non-ASCII plain character at *at. */
static int fold_char(fstate *st, size_t *at)
{
    const smmod__normalizer *nz = st->nz;
    uint32_t cp, out[SMMOD__FOLD_MAX];
    char buf[SMMOD__FOLD_MAX * 4];
    const char *bytes = buf;
    size_t i = *at, m, blen = 0, k;
    if (st->t[i] < 0xE0) { /* plain is valid UTF-8: two bytes */
        cp = ((uint32_t)(st->t[i] & 0x1F) << 6) | (st->t[i + 1] & 0x3F);
        m = 2;
    } else {
        m = smmod__u8_decode(st->t, st->n, i, &cp);
    }
    if (cp < SMMOD__FT_LIMIT && nz->ft[cp].flen != 0xFF) {
        bytes = nz->ft[cp].fold;
        blen = nz->ft[cp].flen;
    } else {
        size_t nf = smmod__fold_cp(nz, NULL, cp, out);
        for (k = 0; k < nf; k++)
            blen += smmod__u8_encode(out[k], buf + blen);
    }
    /* a folded form no longer than the character fits in the room kept */
    if (blen > m && smmod__view_reserve(st->f, st->o + (st->n - i) + blen) < 0)
        return SMMOD_ENOMEM;
    put_folded(st, bytes, blen, st->ps[i], st->pe[i]);
    *at = i + m;
    return 0;
}

static int fold_pass(const smmod__normalizer *nz, const smmod__view *p,
                     smmod__view *f)
{
    fstate st = {nz, nz->acls, (const uint8_t *)p->text, p->ostart, p->oend,
                 p->len, f, 0, NO_RUN, 0};
    size_t i = 0;
    f->flags = p->flags;
    if (smmod__view_reserve(f, p->len) < 0)
        return SMMOD_ENOMEM;
    while (i < p->len) {
        i = fold_ascii(&st, i);
        if (i < p->len && fold_char(&st, &i) < 0)
            return SMMOD_ENOMEM;
    }
    f->text[st.o] = '\0';
    f->len = st.o;
    return 0;
}

/* ---- joining and collapsing --------------------------------------------- */

static size_t sep_at(const uint8_t *t, size_t n, size_t k)
{
    if (k >= n)
        return 0;
    if (t[k] < 0x80)
        return smmod__cp_sep(t[k]) ? 1 : 0;
    return (k + 1 < n && t[k] == 0xC2 && t[k + 1] == 0xB7) ? 2 : 0;
}

/* End of the letters of one source character starting at q. */
static size_t group_end(const smmod__view *f, size_t q)
{
    size_t g = q;
    while (g < f->len && smmod__word_at(f->text, f->len, g) &&
           f->ostart[g] == f->ostart[q] && f->oend[g] == f->oend[q])
        g += u8len((uint8_t)f->text[g]);
    return g;
}

static size_t single_letter(const smmod__view *f, size_t q)
{
    size_t g;
    if (!smmod__word_at(f->text, f->len, q) ||
        smmod__word_before(f->text, f->len, q))
        return 0;
    g = group_end(f, q);
    return smmod__word_at(f->text, f->len, g) ? 0 : g;
}

static size_t spaced_run(const smmod__view *f, size_t g, size_t *end)
{
    const uint8_t *t = (const uint8_t *)f->text;
    size_t n = f->len, k = g, nsep = 0, sl, seplen, count = 1;
    while ((sl = sep_at(t, n, k)) != 0)
        k += sl, nsep++;
    seplen = k - g;
    *end = g;
    if (nsep == 0 || nsep > 3)
        return 1;
    for (;;) {
        size_t s = *end, next;
        if (s + seplen >= n || memcmp(t + s, t + g, seplen) != 0 ||
            sep_at(t, n, s + seplen))
            break;
        if (!(next = single_letter(f, s + seplen)))
            break;
        count++;
        *end = next;
    }
    return count;
}

typedef struct vstate {
    smmod__view *v;
    size_t o, last, lastlen;
    int lastword, coll;
} vstate;

/* Append the character f[p, p+m); a repeat of the last letter only
 * widens that letter's map when collapsing. */
static void emit_char(vstate *st, const smmod__view *f, size_t p, size_t m,
                      int word)
{
    smmod__view *v = st->v;
    size_t k;
    if (st->coll && word && st->lastword && st->lastlen == m &&
        (m == 1 ? v->text[st->last] == f->text[p]
                : memcmp(v->text + st->last, f->text + p, m) == 0)) {
        for (k = 0; k < m; k++)
            v->oend[st->last + k] = f->oend[p];
        return;
    }
    for (k = 0; k < m; k++) {
        v->text[st->o + k] = f->text[p + k];
        v->ostart[st->o + k] = f->ostart[p];
        v->oend[st->o + k] = f->oend[p];
    }
    st->last = st->o;
    st->lastlen = m;
    st->lastword = word;
    st->o += m;
}

static void emit_letters(vstate *st, const smmod__view *f, size_t p,
                         size_t end)
{
    while (p < end) {
        size_t m = u8len((uint8_t)f->text[p]);
        if (smmod__word_at(f->text, f->len, p))
            emit_char(st, f, p, m, 1);
        p += m;
    }
}

/* ASCII stretches of variant_pass: the state of one run through them,
 * held in locals (the buffers' pointers would otherwise be reloaded after
 * every store through a char pointer). */
typedef struct arun {
    const uint8_t *acls, *t; /* the folded-neither text */
    const uint32_t *fs, *fe; /* and its maps */
    size_t n;
    char *tx; /* the variant's text and maps */
    uint32_t *os, *oe;
    size_t o;
    unsigned pw;     /* the byte before is a letter */
    unsigned lastcw; /* the letter a repeat of which collapses; 0x100: none */
    int join, coll;
} arun;

/* Whether the letter at p, the first of a word, might begin a spaced run
 * ("d u m m"), which needs a single letter followed by a separator: not
 * when the next byte is a letter of another source character or an ASCII
 * byte that is no separator. Unsure cases (a letter of the same source
 * character, a non-ASCII byte) are left to the slow path. */
static int may_begin_spaced(const arun *a, size_t p)
{
    unsigned d = p + 1 < a->n ? a->t[p + 1] : 0;
    if (a->acls[d] & SMMOD__AC_WORD)
        return a->fs[p + 1] == a->fs[p];
    return d >= 0x80 || (a->acls[d] & SMMOD__AC_SEP);
}

/* One ASCII byte at p the way variant_pass appends it: a letter repeating
 * the last letter written only widens that letter's map (when collapsing).
 * Returns 0, appending nothing, for a non-ASCII byte and for a word's first
 * letter that may begin a spaced run (when joining). */
static int ascii_byte(arun *a, size_t p)
{
    unsigned c = a->t[p], word;
    if (c >= 0x80)
        return 0;
    word = (a->acls[c] & SMMOD__AC_WORD) != 0;
    if (a->join && word && !a->pw && may_begin_spaced(a, p))
        return 0;
    a->pw = word;
    if (c == a->lastcw) { /* then the letter is at o - 1 */
        a->oe[a->o - 1] = a->fe[p];
        return 1;
    }
    a->lastcw = a->coll && word ? c : 0x100;
    a->tx[a->o] = (char)c;
    a->os[a->o] = a->fs[p];
    a->oe[a->o++] = a->fe[p];
    return 1;
}

/* Whether ascii_byte would append each byte of the all-ASCII block x at p
 * (p + 8 <= n) as it is, but for repeated letters, which it sets in *rep:
 * none of its words' first letters may begin a spaced run. */
static int block_plain(const arun *a, size_t p, uint64_t x, uint64_t *rep)
{
    uint64_t w = smmod__letters8(x), prev = (w << 8) | (a->pw ? 0x80 : 0);
    *rep = 0;
    if (a->join) {
        uint64_t starts = w & ~prev, next = w >> 8;
        if (p + 8 < a->n && (a->acls[a->t[p + 8]] & SMMOD__AC_WORD))
            next |= (uint64_t)0x80 << 56;
        if (starts & ~next) /* a single letter */
            return 0;
        for (; starts; starts &= starts - 1) {
            size_t k = p + smmod__first8(starts);
            if (a->fs[k + 1] == a->fs[k])
                return 0;
        }
    }
    if (a->coll) /* letters equal to the byte before (or the last letter) */
        *rep = w & smmod__eq8(x ^ ((x << 8) | (a->lastcw & 0xFF)), 0);
    return 1;
}

/* Copy bytes [j, k) of the block at p to the variant at w. */
static void block_part(arun *a, size_t p, size_t j, size_t k, size_t w)
{
    for (; j < k; j++, w++) {
        a->tx[w] = (char)a->t[p + j];
        a->os[w] = a->fs[p + j];
        a->oe[w] = a->fe[p + j];
    }
}

/* Append the block x at p (which block_plain passed) whole, then drop the
 * repeated letters of rep, widening the letter before each. */
static void block_emit(arun *a, size_t p, uint64_t x, uint64_t rep)
{
    size_t o = a->o, w = o, j = 0;
    memcpy(a->tx + o, &a->t[p], 8);
    memcpy(a->os + o, a->fs + p, 8 * sizeof(uint32_t));
    memcpy(a->oe + o, a->fe + p, 8 * sizeof(uint32_t));
    for (; rep; rep &= rep - 1) {
        size_t k = smmod__first8(rep);
        if (w != o + j)
            block_part(a, p, j, k, w);
        w += k - j;
        a->oe[w - 1] = a->fe[p + k];
        j = k + 1;
    }
    if (w != o + j)
        block_part(a, p, j, 8, w);
    a->o = w + (8 - j);
    a->pw = (unsigned)(smmod__letters8(x) >> 63);
    a->lastcw = a->coll && a->pw ? (unsigned)(x >> 56) : 0x100;
}

/* Append the ASCII bytes from p on as variant_pass would: eight at a time
 * while the blocks need no look-ahead, else byte by byte. Stops where
 * ascii_byte does; returns where it stopped. */
static size_t ascii_run(arun *a, size_t p)
{
    while (p < a->n) {
        size_t stop = p + 8 < a->n ? p + 8 : a->n;
        uint64_t x, rep;
        if (p + 8 <= a->n && !((x = smmod__load8(a->t + p)) & SMMOD__HIGH) &&
            block_plain(a, p, x, &rep)) {
            block_emit(a, p, x, rep);
            p += 8;
            continue;
        }
        for (; p < stop; p++)
            if (!ascii_byte(a, p))
                return p;
    }
    return p;
}

/* Run ascii_run from the state of variant_pass and bring that up to date. */
static size_t ascii_stretch(const uint8_t *acls, const smmod__view *f,
                            size_t p, vstate *st, int *prevword, int join)
{
    smmod__view *v = st->v;
    arun a = {acls, (const uint8_t *)f->text, f->ostart, f->oend, f->len,
              v->text, v->ostart, v->oend, st->o, (unsigned)*prevword,
              0x100, join, st->coll};
    if (st->coll && st->lastword && st->lastlen == 1)
        a.lastcw = (uint8_t)v->text[st->last];
    p = ascii_run(&a, p);
    if (a.o > st->o) {
        st->o = a.o;
        st->last = a.o - 1;
        st->lastlen = 1;
        st->lastword = (acls[(uint8_t)v->text[a.o - 1]] & SMMOD__AC_WORD) != 0;
    }
    *prevword = (int)a.pw;
    return p;
}

/* Whether the character at p (of `word`-ness, after a non-letter) begins
 * a spaced run of at least three single letters; *end: where it ends. */
static int spaced_at(const smmod__view *f, size_t p, size_t *end)
{
    size_t g = group_end(f, p), n = f->len;
    return g < n && !smmod__word_at(f->text, n, g) &&
           sep_at((const uint8_t *)f->text, n, g) &&
           spaced_run(f, g, end) >= 3;
}

static int variant_pass(const smmod__normalizer *nz, const smmod__view *f,
                        smmod__view *v, int join, int coll)
{
    vstate st = {v, 0, 0, 0, 0, coll};
    size_t p = 0, n = f->len, end;
    int prevword = 0;
    v->flags = f->flags;
    if (smmod__view_reserve(v, n) < 0)
        return SMMOD_ENOMEM;
    while (p < n) {
        uint8_t c;
        size_t m;
        int word;
        p = ascii_stretch(nz->acls, f, p, &st, &prevword, join);
        if (p == n)
            break;
        c = (uint8_t)f->text[p];
        word = c < 0x80 ? (nz->acls[c] & SMMOD__AC_WORD) != 0
                        : smmod__word_at(f->text, n, p);
        if (join && word && !prevword && spaced_at(f, p, &end)) {
            emit_letters(&st, f, p, end);
            p = end;
            prevword = 1;
            continue;
        }
        m = u8len(c);
        emit_char(&st, f, p, m, word);
        prevword = word;
        p += m;
    }
    v->text[st.o] = '\0';
    v->len = st.o;
    return 0;
}

int smmod__normalize_variant(const smmod__normalizer *nz, int kind,
                             smmod__view views[SMMOD__V_COUNT])
{
    int join = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOCOLLAPSE;
    int coll = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOJOIN;
    if (kind < SMMOD__V_FOLDED || kind >= SMMOD__V_FOLDED_NEITHER)
        return SMMOD_EINVAL;
    return variant_pass(nz, &views[SMMOD__V_FOLDED_NEITHER], &views[kind],
                        join, coll) < 0
               ? SMMOD_ENOMEM
               : 0;
}

static int folded_views(const smmod__normalizer *nz, unsigned kinds,
                        smmod__view views[SMMOD__V_COUNT])
{
    smmod__view *f0 = &views[SMMOD__V_FOLDED_NEITHER];
    int kind;
    if (fold_pass(nz, &views[SMMOD__V_PLAIN], f0) < 0)
        return SMMOD_ENOMEM;
    for (kind = SMMOD__V_FOLDED; kind < SMMOD__V_FOLDED_NEITHER; kind++) {
        int join = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOCOLLAPSE;
        int coll = kind == SMMOD__V_FOLDED || kind == SMMOD__V_FOLDED_NOJOIN;
        if ((kinds & BIT(kind)) &&
            variant_pass(nz, f0, &views[kind], join, coll) < 0)
            return SMMOD_ENOMEM;
    }
    return 0;
}

int smmod__normalize_fast(const smmod__normalizer *nz, unsigned kinds,
                          const char *text, size_t len,
                          smmod__view views[SMMOD__V_COUNT])
{
    if (len > UINT32_MAX - 1)
        return SMMOD_ELIMIT;
    if (!text)
        text = "";
    if ((kinds & BIT(SMMOD__V_RAW)) &&
        raw_pass(text, len, &views[SMMOD__V_RAW]) < 0)
        return SMMOD_ENOMEM;
    if (!(kinds & (BIT(SMMOD__V_PLAIN) | FOLDED_KINDS)))
        return 0;
    if (plain_pass(nz, text, len, &views[SMMOD__V_PLAIN]) < 0)
        return SMMOD_ENOMEM;
    if (kinds & FOLDED_KINDS)
        return folded_views(nz, kinds, views);
    return 0;
}
