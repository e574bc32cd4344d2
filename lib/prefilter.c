/*
 * prefilter.c - the literal prefilter of the regex rules (see prefilter.h):
 * a small, conservative analyser of PCRE2 patterns that finds what every
 * match must contain, one automaton per view over all those literals, and
 * the scan-time check.
 *
 * The analysis computes, for each piece of the pattern, either the exact
 * set of strings it can match (while that set stays small) or a list of
 * clauses that every match of it satisfies. Concatenation multiplies exact
 * sets or collects clauses; alternation unites exact sets or the best
 * clause of each branch; a repeat with minimum 0 promises nothing. Any
 * syntax not understood here (options like (?i), \Q, \x, named groups, the
 * /i and /x flags ...) makes the whole regex "always run".
 */
#include <stdlib.h>
#include <string.h>
#ifdef SMMOD_PF_DEBUG
#include <stdio.h>
#endif

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "alloc.h"
#include "automaton.h"
#include "bytes8.h"
#include "norm.h"
#include "prefilter.h"
#include "smmod.h"

#define EXACT_MAX 1024  /* strings in an exact set */
#define EXACT_LEN 64    /* bytes in one exact string */
#define CLAUSE_MAX 8192 /* literals in one clause */
#define CLASS_MAX 64    /* members of a class enumerated as strings */
#define NCL 8           /* clauses kept per piece */
#define KEEP 8          /* clauses kept per regex */
#define MIN_SCORE 2     /* bytes: shorter literals filter nothing */
#define MAX_GROUPS 64
#define MAX_BRANCHES 16 /* top-level alternatives filtered apart */
/* A clause other than the first of its branch, with at most this many
 * literals, is not put into the automaton but looked for in the text, and
 * only when the rest of its branch was seen (see defers). Fewer literals
 * in the automata make every scan faster, more deferred ones make each
 * candidate rule dearer: end to end on germeval (bench_scan, best of 3
 * rounds of 5) 2.98 us at 8, 2.90 at 16, 2.93 at 24, 2.95 at 32, 3.5 at
 * 48. */
#define DEFER_MAX 16

/* ---- sets of strings ----------------------------------------------------- */

typedef struct str {
    char *p;
    size_t n;
} str;

typedef struct sset {
    str *v;
    size_t n, cap;
} sset;

typedef struct clause {
    unsigned run; /* > 0: a run of `run` identical characters */
    sset lits;    /* else: one of these strings */
    double cost;  /* clause_cost, or < 0 when not known yet */
    int simple;   /* clause_simplify has run since the last change */
} clause;

typedef struct info {
    int exact;      /* ex is every string the piece can match */
    sset ex;        /* exact set; or, for a sequence, its exact tail */
    int tail;       /* not exact, but ex holds the exact tail */
    int single;     /* matches exactly one character */
    int ref_single; /* a back reference to a one-character group */
    int ws;         /* \s where white space is folded (see parser.ws) */
    int head;       /* not exact, but every match starts with one of hd */
    sset hd;
    clause cl[NCL + 1];
    size_t ncl;
} info;

typedef struct parser {
    const char *p;
    size_t len, i;
    int bad, oom;
    int ngroups;
    unsigned char group_single[MAX_GROUPS + 1];
    /* In the plain view every run of white space is one ' ' (norm.h), so
     * \s+ matches exactly " " and \s* "" or " " (checked for every code
     * point by tests/unit/test_prefilter.c). */
    int ws;
} parser;

static void sset_free(sset *s)
{
    for (size_t k = 0; k < s->n; k++)
        smmod__free(s->v[k].p);
    smmod__free(s->v);
    memset(s, 0, sizeof *s);
}

static void sset_push(parser *ps, sset *s, const char *p, size_t n)
{
    char *c;
    if (ps->oom || smmod__grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v)) {
        ps->oom = 1;
        return;
    }
    if (!(c = smmod__strndup(p, n))) {
        ps->oom = 1;
        return;
    }
    s->v[s->n].p = c;
    s->v[s->n++].n = n;
}

/* Move every string of src to the end of dst. */
static void sset_append(parser *ps, sset *dst, sset *src)
{
    if (!ps->oom &&
        smmod__grow((void **)&dst->v, &dst->cap, dst->n + src->n, sizeof *dst->v))
        ps->oom = 1;
    if (ps->oom) {
        sset_free(src);
        return;
    }
    if (src->n)
        memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
    dst->n += src->n;
    smmod__free(src->v);
    memset(src, 0, sizeof *src);
}

/* a x b, or 0 when it would be too big (then nothing changes). */
static int sset_cross(parser *ps, sset *a, const sset *b)
{
    sset out = {0};
    char buf[EXACT_LEN];
    if (a->n * b->n > EXACT_MAX)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (a->v[i].n + b->v[j].n > EXACT_LEN) {
                sset_free(&out);
                return 0;
            }
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            memcpy(buf, a->v[i].p, a->v[i].n);
            memcpy(buf + a->v[i].n, b->v[j].p, b->v[j].n);
            sset_push(ps, &out, buf, a->v[i].n + b->v[j].n);
        }
    sset_free(a);
    *a = out;
    return 1;
}

/* ---- clauses and pieces ---------------------------------------------------- */

/* Frequent German words: a literal inside one of them occurs in most
 * comments and filters little. Used only to rank clauses. */
static const char *const common_words[] = {
    "der", "die", "das", "und", "ist", "nicht", "von", "sie", "mit", "sich",
    "des", "auf", "für", "den", "dem", "eine", "einen", "einem", "einer",
    "keine", "seine", "als", "auch", "wie", "bei", "dass", "aus", "nach",
    "wenn", "noch", "nur", "wir", "ich", "ihr", "man", "hat", "haben",
    "sind", "war", "wird", "werden", "kann", "mal", "schon", "aber", "oder",
    "doch", "mehr", "sehr", "alle", "hier", "was", "wer", "denn", "jetzt",
    "immer", "dann", "gibt", "uns", "euch", "mir", "mich", "dich", "dir",
    "ihn", "ihm", "ihnen", "mein", "dein", "unser", "ohne", "gegen", "über",
    "unter", "vom", "zum", "zur", "bis", "durch", "heute", "wieder",
    "diese", "dieser", "dieses", "viele", "gut", "leute", "land", "deutsch",
    "menschen", "zeit", "machen", "sagen", "geht", "muss", "soll", "will",
    "einfach", "endlich", "https", "http", "www", NULL};

/* A one-byte literal that still filters: a symbol comments rarely hold
 * ("%" in "\d+\s*%"), unlike letters, digits and sentence punctuation. */
static int rare_byte_lit(const str *l)
{
    return l->n == 1 && l->p[0] != '\0' &&
           strchr("%#$&=~^|<>[]{}\\", l->p[0]) != NULL;
}

/* Rough chance that a literal occurs in a comment. */
static double lit_cost(const str *l)
{
    static const double by_len[] = {1.0,  1.0,  0.5,   0.25, 0.1,
                                    0.05, 0.03, 0.015, 0.008, 0.004};
    double p = rare_byte_lit(l) ? 0.1 : by_len[l->n < 9 ? l->n : 9];
    for (int k = 0; p < 0.5 && l->n <= 8 && common_words[k]; k++)
        if (memmem(common_words[k], strlen(common_words[k]), l->p, l->n))
            p = 0.5;
    return p;
}

/* Lower is better: the chance that the clause lets a comment through. */
static double clause_cost(clause *c)
{
    double sum = 0;
    if (c->run)
        return c->run >= 6 ? 0.05 : c->run >= 4 ? 0.2 : 0.8;
    if (c->cost >= 0)
        return c->cost;
    for (size_t k = 0; k < c->lits.n && sum < 100; k++)
        sum += lit_cost(&c->lits.v[k]);
    return c->cost = sum;
}

/* Whether c can filter at all: no empty or common one-byte literal, and not a
 * soup of two-byte ones (all pairs of capitals: matches in most texts,
 * while the automaton costs more than the regex would). */
static int clause_useful(const clause *c)
{
    size_t pairs = 0;
    if (c->run)
        return c->run >= 2;
    if (c->lits.n == 0 || c->lits.n > CLAUSE_MAX)
        return 0;
    for (size_t k = 0; k < c->lits.n; k++) {
        if (c->lits.v[k].n < MIN_SCORE && !rare_byte_lit(&c->lits.v[k]))
            return 0;
        pairs += c->lits.v[k].n == 2;
    }
    return pairs <= 32;
}

static int by_len_bytes(const void *a, const void *b)
{
    const str *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return memcmp(x->p, y->p, x->n);
}

/* Drop duplicates and, in small clauses, literals that contain another
 * literal of the clause (finding the shorter one is enough). */
static void clause_simplify(clause *c)
{
    sset *s = &c->lits;
    size_t w = 0;
    if (c->run || s->n < 2 || c->simple)
        return;
    c->simple = 1;
    c->cost = -1;
    qsort(s->v, s->n, sizeof *s->v, by_len_bytes);
    for (size_t k = 0; k < s->n; k++) {
        int drop = w > 0 && by_len_bytes(&s->v[w - 1], &s->v[k]) == 0;
        for (size_t j = 0; !drop && s->n <= 64 && j < w; j++)
            drop = memmem(s->v[k].p, s->v[k].n, s->v[j].p, s->v[j].n) != NULL;
        if (drop)
            smmod__free(s->v[k].p);
        else
            s->v[w++] = s->v[k];
    }
    s->n = w;
}

static void clause_free(clause *c)
{
    sset_free(&c->lits);
    c->run = 0;
}

static void info_free(info *x)
{
    sset_free(&x->ex);
    sset_free(&x->hd);
    for (size_t k = 0; k < x->ncl; k++)
        clause_free(&x->cl[k]);
    memset(x, 0, sizeof *x);
}

/* Keep the NCL best clauses of x. */
static void prune(info *x)
{
    size_t worst = 0;
    double wc = -1;
    if (x->ncl <= NCL)
        return;
    for (size_t k = 0; k < x->ncl; k++) {
        double ck;
        clause_simplify(&x->cl[k]);
        if ((ck = clause_cost(&x->cl[k])) > wc) {
            wc = ck;
            worst = k;
        }
    }
    clause_free(&x->cl[worst]);
    x->cl[worst] = x->cl[--x->ncl];
}

/* Keep c (moved) among x's clauses if it can filter anything. */
static void add_clause(info *x, clause *c)
{
    if (!clause_useful(c)) {
        clause_free(c);
        return;
    }
    x->cl[x->ncl++] = *c;
    memset(c, 0, sizeof *c);
    prune(x);
}

/* Turn an exact set (moved) into a clause of x. */
static void flush_set(info *x, sset *s)
{
    clause c = {0, *s, -1, 0};
    memset(s, 0, sizeof *s);
    add_clause(x, &c);
}

static void move_clauses(info *dst, info *src)
{
    for (size_t k = 0; k < src->ncl; k++)
        add_clause(dst, &src->cl[k]);
    src->ncl = 0;
}

static info info_empty(parser *ps)
{
    info x = {0};
    x.exact = 1;
    sset_push(ps, &x.ex, "", 0);
    return x;
}

static info info_any(int single)
{
    info x = {0};
    x.single = single;
    return x;
}

static void sset_copy(parser *ps, sset *dst, const sset *src);

/* Whether hd can serve as a head: known whole and without the empty
 * string (which would promise nothing). */
static int set_head(const parser *ps, const sset *hd)
{
    if (ps->oom || hd->n == 0)
        return 0;
    for (size_t k = 0; k < hd->n; k++)
        if (hd->v[k].n == 0)
            return 0;
    return 1;
}

/* Before acc (exact, or with an exact tail) is followed by x, which is
 * not exact: the literals across the seam. A match of acc ends with one
 * of acc->ex and x's starts with one of its head, so their products
 * occur whole: "a" then "\.{3,}" gives "a...", which filters where
 * "..." alone would not. An exact acc also gives the sequence its head.
 * `one`: acc is the empty sequence (its product is x's head itself). */
static void concat_head(parser *ps, info *acc, info *x, int one)
{
    sset prod = {0};
    int ok = 0;
    if (!acc->exact && !acc->tail)
        return;
    sset_copy(ps, &prod, &acc->ex);
    if (x->head)
        ok = sset_cross(ps, &prod, &x->hd);
    if (ok && !one) {
        sset seam = {0};
        sset_copy(ps, &seam, &prod);
        flush_set(acc, &seam);
    }
    if (acc->exact) { /* the seam, or (too big) acc's own strings */
        sset_free(&acc->hd);
        acc->hd = prod;
        acc->head = set_head(ps, &acc->hd);
        return;
    }
    sset_free(&prod); /* a tail: acc keeps the head it has */
}

/* acc = acc followed by x (x is consumed). */
static void concat(parser *ps, info *acc, info *x)
{
    int one = acc->exact && acc->ex.n == 1 && acc->ex.v[0].n == 0;
    acc->single = one && x->single;
    acc->ref_single = one && x->ref_single;
    if (x->exact) {
        if ((acc->exact || acc->tail) && sset_cross(ps, &acc->ex, &x->ex)) {
            info_free(x);
            return;
        }
        if (acc->exact || acc->tail)
            flush_set(acc, &acc->ex);
        acc->exact = 0;
        acc->tail = 1;
        acc->ex = x->ex;
        memset(&x->ex, 0, sizeof x->ex);
        info_free(x);
        return;
    }
    concat_head(ps, acc, x, one);
    if (acc->exact || acc->tail)
        flush_set(acc, &acc->ex);
    acc->exact = acc->tail = 0;
    move_clauses(acc, x);
    info_free(x);
}

/* The end of a sequence: its exact tail becomes a clause. */
static void seq_done(info *acc)
{
    if (acc->tail) {
        flush_set(acc, &acc->ex);
        acc->tail = 0;
    }
}

/* Make an exact piece a piece with one clause (or none). */
static void as_clauses(info *x)
{
    if (x->exact) {
        x->exact = 0;
        flush_set(x, &x->ex);
    }
}

static void sset_copy(parser *ps, sset *dst, const sset *src)
{
    for (size_t k = 0; k < src->n; k++)
        sset_push(ps, dst, src->v[k].p, src->v[k].n);
}

/* c = a | b as one clause: literals united, runs the shorter; 0 when a
 * literal clause meets a run clause (nothing in common). */
static int clause_or(parser *ps, const clause *a, const clause *b, clause *c)
{
    memset(c, 0, sizeof *c);
    c->cost = -1;
    if (a->run && b->run) {
        c->run = a->run < b->run ? a->run : b->run;
        return 1;
    }
    if (a->run || b->run || a->lits.n + b->lits.n > CLAUSE_MAX)
        return 0;
    sset_copy(ps, &c->lits, &a->lits);
    sset_copy(ps, &c->lits, &b->lits);
    return 1;
}

/* The starts of a | b (into a->hd): every match of a branch starts with
 * one of its head, or is one of its exact strings. */
static void alt_head(parser *ps, info *a, info *b)
{
    const sset *ha = a->exact ? &a->ex : a->head ? &a->hd : NULL;
    const sset *hb = b->exact ? &b->ex : b->head ? &b->hd : NULL;
    sset u = {0};
    if (ha && hb && ha->n + hb->n <= EXACT_MAX) {
        sset_copy(ps, &u, ha);
        sset_copy(ps, &u, hb);
    }
    sset_free(&a->hd);
    a->hd = u;
    a->head = set_head(ps, &a->hd);
}

/* a = a | b (b is consumed). (A1 & A2) | (B1 & B2) implies every
 * (Ai | Bj): keep the best of those. */
static void alternate(parser *ps, info *a, info *b)
{
    info r = info_any(a->single && b->single);
    if (a->exact && b->exact && a->ex.n + b->ex.n <= EXACT_MAX) {
        sset_append(ps, &a->ex, &b->ex);
        a->single = r.single;
        a->ref_single = 0;
        info_free(b);
        return;
    }
    alt_head(ps, a, b);
    as_clauses(a);
    as_clauses(b);
    if (a->ncl == 1 && b->ncl == 1 && !a->cl[0].run && !b->cl[0].run &&
        a->cl[0].lits.n + b->cl[0].lits.n <= CLAUSE_MAX) {
        /* the common case of a long list: move, don't copy */
        sset_append(ps, &a->cl[0].lits, &b->cl[0].lits);
        a->cl[0].cost = -1;
        a->cl[0].simple = 0;
        a->single = r.single;
        a->ref_single = 0;
        info_free(b);
        return;
    }
    for (size_t i = 0; i < a->ncl; i++)
        for (size_t j = 0; j < b->ncl; j++) {
            clause c;
            if (clause_or(ps, &a->cl[i], &b->cl[j], &c))
                add_clause(&r, &c);
        }
    r.head = a->head;
    r.hd = a->hd;
    memset(&a->hd, 0, sizeof a->hd);
    info_free(a);
    info_free(b);
    *a = r;
}

/* x repeated min..max times (max < 0: unbounded). */
static void repeat(parser *ps, info *x, long min, long max)
{
    if (x->ws) { /* one folded space, or none */
        x->single = min == 1 && max == 1;
        x->ws = 0;
        if (min == 0 && max != 0)
            sset_push(ps, &x->ex, "", 0);
        else if (min != 1) { /* \s{0} or \s{2,}: never mind */
            info_free(x);
            *x = info_any(0);
        }
        return;
    }
    if (x->ref_single) {
        info_free(x);
        *x = info_any(0);
        if (min >= 2) {
            clause c = {(unsigned)min, {0}, -1, 0};
            add_clause(x, &c);
        }
        return;
    }
    x->single = x->single && min == 1 && max == 1;
    if (min == 1 && max == 1)
        return;
    if (max == 0 || (min == 0 && !(x->exact && max == 1))) {
        info_free(x);
        *x = min == 0 && max == 0 ? info_empty(ps) : info_any(0);
        return;
    }
    if (min == 0) { /* exact x, optional */
        if (x->ex.n + 1 <= EXACT_MAX) {
            sset_push(ps, &x->ex, "", 0);
        } else {
            info_free(x);
            *x = info_any(0);
        }
        return;
    }
    if (x->exact) {
        sset base = {0}, pow = {0};
        int ok = 1;
        for (size_t k = 0; k < x->ex.n; k++)
            sset_push(ps, &base, x->ex.v[k].p, x->ex.v[k].n);
        pow = x->ex;
        memset(&x->ex, 0, sizeof x->ex);
        for (long k = 1; ok && k < min; k++)
            ok = sset_cross(ps, &pow, &base);
        sset_free(&base);
        if (ok && min == max) {
            x->ex = pow;
            return;
        }
        /* every match starts with one of base^min (or base, if too big) */
        x->exact = 0;
        sset_free(&x->hd);
        sset_copy(ps, &x->hd, &pow);
        x->head = set_head(ps, &x->hd);
        flush_set(x, &pow);
    }
}

/* ---- the parser -------------------------------------------------------- */

static size_t u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xC0 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Decode one UTF-8 character at ps->i; 0 and ps->bad on bad bytes. */
static uint32_t take_char(parser *ps)
{
    const unsigned char *s = (const unsigned char *)ps->p + ps->i;
    size_t n = u8len(s[0]);
    uint32_t cp;
    if (n == 0 || ps->i + n > ps->len) {
        ps->bad = 1;
        return 0;
    }
    cp = n == 1 ? s[0] : s[0] & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            ps->bad = 1;
            return 0;
        }
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    ps->i += n;
    return cp;
}

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* A literal escape (\. \t ...): its character, or -1 if e is not one. */
static long escape_literal(int e)
{
    switch (e) {
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'f': return '\f';
    case 'a': return 7;
    case 'e': return 27;
    default:
        return e >= 0x20 && e < 0x7F && !is_alnum(e) ? e : -1;
    }
}

/* Skip the body of \p{..} / \pL after the letter. */
static void skip_property(parser *ps)
{
    if (ps->i < ps->len && ps->p[ps->i] == '{') {
        const char *e = memchr(ps->p + ps->i, '}', ps->len - ps->i);
        if (!e)
            ps->bad = 1;
        else
            ps->i = (size_t)(e - ps->p) + 1;
    } else if (ps->i < ps->len) {
        ps->i++;
    } else {
        ps->bad = 1;
    }
}

static info parse_alt(parser *ps);

/* One member of a class (a character, an escape) at ps->i: its code point,
 * or -1 for a class escape (\d, \w, \p{..}: too wide to list). */
static long class_member(parser *ps)
{
    long lit;
    int e;
    if (ps->p[ps->i] != '\\')
        return take_char(ps);
    if (ps->i + 1 >= ps->len) {
        ps->bad = 1;
        return 0;
    }
    e = (unsigned char)ps->p[ps->i + 1];
    ps->i += 2;
    if (e == 0) {
        ps->bad = 1;
        return 0;
    }
    if (strchr("dDwWsShHvVN", e))
        return -1;
    if (e == 'p' || e == 'P') {
        skip_property(ps);
        return -1;
    }
    if ((lit = escape_literal(e)) >= 0)
        return lit;
    ps->bad = 1;
    return 0;
}

static info parse_class(parser *ps)
{
    uint32_t members[CLASS_MAX];
    size_t n = 0;
    int neg = 0, wide = 0, first = 1;
    info x;
    ps->i++;
    if (ps->i < ps->len && ps->p[ps->i] == '^')
        neg = 1, ps->i++;
    for (;;) {
        long lo, hi;
        if (ps->bad || ps->i >= ps->len) {
            ps->bad = 1;
            return info_any(1);
        }
        if (ps->p[ps->i] == ']' && !first) {
            ps->i++;
            break;
        }
        first = 0;
        if (ps->p[ps->i] == '[' && ps->i + 1 < ps->len &&
            strchr(":.=", ps->p[ps->i + 1])) {
            const char *e = memmem(ps->p + ps->i + 2, ps->len - ps->i - 2,
                                   ":]", 2);
            if (ps->p[ps->i + 1] != ':' || !e) {
                ps->bad = 1;
                return info_any(1);
            }
            ps->i = (size_t)(e - ps->p) + 2;
            wide = 1;
            continue;
        }
        lo = class_member(ps);
        hi = lo;
        if (!ps->bad && ps->i + 1 < ps->len && ps->p[ps->i] == '-' &&
            ps->p[ps->i + 1] != ']') {
            ps->i++;
            hi = class_member(ps);
            if (lo < 0 || hi < 0 || hi < lo) {
                ps->bad = 1; /* PCRE2 rejects or reads these oddly */
                return info_any(1);
            }
        }
        if (lo < 0 || hi - lo >= CLASS_MAX || n + (size_t)(hi - lo) >= CLASS_MAX) {
            wide = 1;
            continue;
        }
        for (long c = lo; c <= hi; c++)
            members[n++] = (uint32_t)c;
    }
    x = info_any(1);
    if (neg || wide || n == 0)
        return x;
    x.exact = 1;
    for (size_t k = 0; k < n; k++) {
        char buf[4];
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= members[j] == members[k];
        if (!dup)
            sset_push(ps, &x.ex, buf, smmod__u8_encode(members[k], buf));
    }
    return x;
}

static info parse_escape(parser *ps)
{
    int e;
    long lit;
    info x;
    if (ps->i + 1 >= ps->len) {
        ps->bad = 1;
        return info_any(0);
    }
    e = (unsigned char)ps->p[ps->i + 1];
    ps->i += 2;
    if (e == 0) {
        ps->bad = 1;
        return info_any(0);
    }
    if (strchr("bBAzZG", e))
        return info_empty(ps);
    if (e == 's' && ps->ws) {
        x = info_any(1);
        x.exact = x.ws = 1;
        sset_push(ps, &x.ex, " ", 1);
        return x;
    }
    if (strchr("dDwWsShHvVN", e))
        return info_any(1);
    if (e == 'p' || e == 'P') {
        skip_property(ps);
        return info_any(1);
    }
    if (e == 'R' || e == 'X')
        return info_any(0);
    if (e >= '1' && e <= '9' &&
        !(ps->i < ps->len && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')) {
        x = info_any(0); /* a back reference */
        x.ref_single = e - '0' <= ps->ngroups && ps->group_single[e - '0'];
        return x;
    }
    if ((lit = escape_literal(e)) >= 0) {
        char c = (char)lit;
        x = info_any(1);
        x.exact = 1;
        sset_push(ps, &x.ex, &c, 1);
        return x;
    }
    ps->bad = 1;
    return info_any(0);
}

static info parse_group(parser *ps)
{
    const char *p = ps->p + ps->i;
    size_t rest = ps->len - ps->i;
    int capture = 0, look = 0, num = 0;
    info x;
    if (rest >= 3 && p[1] == '?' && p[2] == ':') {
        ps->i += 3;
    } else if (rest >= 3 && p[1] == '?' && (p[2] == '=' || p[2] == '!')) {
        ps->i += 3;
        look = 1;
    } else if (rest >= 4 && p[1] == '?' && p[2] == '<' &&
               (p[3] == '=' || p[3] == '!')) {
        ps->i += 4;
        look = 1;
    } else if (rest >= 2 && p[1] != '?' && p[1] != '*') {
        ps->i += 1;
        capture = 1;
        if (++ps->ngroups > MAX_GROUPS)
            ps->bad = 1;
        num = ps->ngroups;
    } else {
        ps->bad = 1;
        return info_any(0);
    }
    x = parse_alt(ps);
    if (ps->i >= ps->len || ps->p[ps->i] != ')')
        ps->bad = 1;
    ps->i++;
    if (capture && num <= MAX_GROUPS)
        ps->group_single[num] = (unsigned char)x.single;
    if (look) { /* zero-width: consumes nothing */
        info_free(&x);
        return info_empty(ps);
    }
    x.ref_single = 0;
    return x;
}

static info parse_atom(parser *ps)
{
    unsigned char c = (unsigned char)ps->p[ps->i];
    size_t at = ps->i;
    info x;
    switch (c) {
    case '(':
        return parse_group(ps);
    case '[':
        return parse_class(ps);
    case '\\':
        return parse_escape(ps);
    case '.':
        ps->i++;
        return info_any(1);
    case '^':
    case '$':
        ps->i++;
        return info_empty(ps);
    case '*':
    case '+':
    case '?':
    case '{':
        ps->bad = 1;
        return info_any(0);
    default:
        take_char(ps);
        x = info_any(1);
        if (ps->bad)
            return x;
        x.exact = 1;
        sset_push(ps, &x.ex, ps->p + at, ps->i - at);
        return x;
    }
}

static long number(parser *ps)
{
    long v = 0;
    size_t at = ps->i;
    while (ps->i < ps->len && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9' &&
           v < 100000)
        v = v * 10 + (ps->p[ps->i++] - '0');
    return ps->i > at ? v : -1;
}

/* A quantifier at ps->i, if any: 1 and min/max (max -1: unbounded). */
static int quantifier(parser *ps, long *min, long *max)
{
    char c = ps->i < ps->len ? ps->p[ps->i] : 0;
    if (c == '*' || c == '+' || c == '?') {
        *min = c == '+';
        *max = c == '?' ? 1 : -1;
        ps->i++;
    } else if (c == '{') {
        ps->i++;
        *min = number(ps);
        *max = *min;
        if (ps->i < ps->len && ps->p[ps->i] == ',') {
            ps->i++;
            *max = number(ps);
        }
        if (*min < 0 || ps->i >= ps->len || ps->p[ps->i] != '}' ||
            (*max >= 0 && *max < *min)) {
            ps->bad = 1; /* a literal brace, or {,n}: not analysed */
            return 0;
        }
        ps->i++;
    } else {
        return 0;
    }
    if (ps->i < ps->len && (ps->p[ps->i] == '?' || ps->p[ps->i] == '+'))
        ps->i++; /* lazy or possessive: the same strings */
    if (ps->i < ps->len && strchr("*+?{", ps->p[ps->i]))
        ps->bad = 1;
    return 1;
}

static info parse_seq(parser *ps)
{
    info acc = info_empty(ps);
    while (!ps->bad && !ps->oom && ps->i < ps->len && ps->p[ps->i] != '|' &&
           ps->p[ps->i] != ')') {
        info x = parse_atom(ps);
        long min, max;
        if (!ps->bad && quantifier(ps, &min, &max))
            repeat(ps, &x, min, max);
        concat(ps, &acc, &x);
    }
    seq_done(&acc);
    return acc;
}

static info parse_alt(parser *ps)
{
    info acc = parse_seq(ps);
    while (!ps->bad && !ps->oom && ps->i < ps->len && ps->p[ps->i] == '|') {
        info x;
        ps->i++;
        x = parse_seq(ps);
        alternate(ps, &acc, &x);
    }
    return acc;
}

/* ---- the prefilter object -------------------------------------------------- */

typedef struct pf_lit {
    str s;
    uint32_t rule;
    uint32_t mask;
    int view;
} pf_lit;

typedef struct pf_run {
    uint32_t rule;
    uint32_t mask;
    int view;
    unsigned n;
} pf_run;

typedef struct pf_post {
    uint32_t rule;
    uint32_t mask;
    uint32_t key; /* mask & the rule's key bits: the rule becomes a candidate */
} pf_post;

typedef struct pf_group {
    uint32_t first, count; /* into posts */
} pf_group;

struct smmod__prefilter {
    size_t rule_count;
    uint32_t *need; /* by rule: every clause bit it uses (0: always runs) */
    uint32_t *key;  /* by rule: the first (best) clause bit of each branch */
    uint32_t (*branch)[MAX_BRANCHES]; /* by rule: clause bits per branch */
    uint8_t *nbranch;
    unsigned views; /* views with an automaton or a run clause */
    pf_lit *lits;   /* while building */
    size_t nlits, litcap;
    pf_run *runs;
    size_t nruns, runcap;
    unsigned run_min; /* after build: the shortest run clause */
    smmod__ac *ac[SMMOD__V_COUNT];
    pf_group *groups; /* by automaton value */
    size_t ngroups, groupcap;
    pf_post *posts;
    size_t nposts, postcap;
    /* The literals of deferred clauses, sorted by rule after build.
     * Frequent words ("er", "die ", "ich ") are often a regex's weaker
     * clauses: in the automaton they would report on almost every
     * comment, while the regex's best clause (which stays there) is rarely
     * seen. Looking for them only after that clause was seen gives the
     * same answer for less work. */
    pf_lit *defers;
    size_t ndefers, defercap;
    uint32_t *dfirst; /* by rule (+1): its defers are [dfirst[r], dfirst[r+1]) */
    uint32_t *dmask;  /* by rule: its deferred clause bits */
    size_t filtered;
    uint8_t *added;  /* by rule: whether it is a regex rule (was added) */
    uint32_t *always; /* bit per rule: added, but without clauses */
    /* With export_folded, the FOLDED literals (see fold_stable) are handed
     * to the scanner's word automaton of that view instead of an automaton
     * of their own: exports[k] reports group exports[k].group. */
    int export_folded;
    struct pf_export {
        str s;
        uint32_t group;
    } *exports;
    size_t nexports, exportcap;
};

int smmod__prefilter_new(smmod__prefilter **out, size_t rule_count)
{
    smmod__prefilter *pf = smmod__calloc(1, sizeof *pf);
    *out = NULL;
    if (!pf || !(pf->need = smmod__calloc(rule_count + 1, sizeof *pf->need)) ||
        !(pf->key = smmod__calloc(rule_count + 1, sizeof *pf->key)) ||
        !(pf->branch = smmod__calloc(rule_count + 1, sizeof *pf->branch)) ||
        !(pf->nbranch = smmod__calloc(rule_count + 1, 1)) ||
        !(pf->added = smmod__calloc(rule_count + 1, 1)) ||
        !(pf->dfirst = smmod__calloc(rule_count + 2, sizeof *pf->dfirst)) ||
        !(pf->dmask = smmod__calloc(rule_count + 1, sizeof *pf->dmask)) ||
        !(pf->always = smmod__calloc(rule_count / 32 + 1, sizeof *pf->always))) {
        smmod__prefilter_free(pf);
        return SMMOD_ENOMEM;
    }
    pf->rule_count = rule_count;
    *out = pf;
    return 0;
}

static void free_lits(smmod__prefilter *pf)
{
    for (size_t k = 0; k < pf->nlits; k++)
        smmod__free(pf->lits[k].s.p);
    smmod__free(pf->lits);
    pf->lits = NULL;
    pf->nlits = pf->litcap = 0;
}

void smmod__prefilter_free(smmod__prefilter *pf)
{
    if (!pf)
        return;
    free_lits(pf);
    for (int v = 0; v < SMMOD__V_COUNT; v++)
        smmod__ac_free(pf->ac[v]);
    smmod__free(pf->runs);
    smmod__free(pf->groups);
    smmod__free(pf->posts);
    for (size_t k = 0; k < pf->ndefers; k++)
        smmod__free(pf->defers[k].s.p);
    smmod__free(pf->defers);
    smmod__free(pf->dfirst);
    smmod__free(pf->dmask);
    smmod__free(pf->need);
    smmod__free(pf->key);
    smmod__free(pf->branch);
    smmod__free(pf->nbranch);
    smmod__free(pf->added);
    smmod__free(pf->always);
    for (size_t k = 0; k < pf->nexports; k++)
        smmod__free(pf->exports[k].s.p);
    smmod__free(pf->exports);
    smmod__free(pf);
}

/* Append the literals of clause c (moved) of rule `rule`, bit `mask`, to
 * *v (pf->lits, or pf->defers). */
static int push_lits(pf_lit **v, size_t *n, size_t *cap, uint32_t rule,
                     int view, uint32_t mask, clause *c)
{
    if (smmod__grow((void **)v, cap, *n + c->lits.n, sizeof **v))
        return SMMOD_ENOMEM;
    for (size_t k = 0; k < c->lits.n; k++) {
        (*v)[(*n)++] = (pf_lit){c->lits.v[k], rule, mask, view};
        c->lits.v[k].p = NULL; /* moved */
    }
    return 0;
}

/* Record clause c (moved) of rule `rule` as bit `mask`; `first` says
 * whether it is the best clause of its branch (never deferred). */
static int record_clause(smmod__prefilter *pf, uint32_t rule, int view,
                         uint32_t mask, clause *c, int first)
{
    if (!first && !c->run && c->lits.n <= DEFER_MAX) {
        pf->dmask[rule] |= mask;
        return push_lits(&pf->defers, &pf->ndefers, &pf->defercap, rule, view,
                         mask, c);
    }
    if (c->run) {
        if (smmod__grow((void **)&pf->runs, &pf->runcap, pf->nruns + 1,
                        sizeof *pf->runs))
            return SMMOD_ENOMEM;
        pf->runs[pf->nruns++] = (pf_run){rule, mask, view, c->run};
        return 0;
    }
    return push_lits(&pf->lits, &pf->nlits, &pf->litcap, rule, view, mask,
                     c);
}

/* The most selective clauses first. */
static int by_cost(const void *a, const void *b)
{
    double x = clause_cost((clause *)a), y = clause_cost((clause *)b);
    return x < y ? -1 : x > y;
}

/* Order x's clauses, best first; 0 if it has none (it can't filter). */
static size_t rank(info *x)
{
    as_clauses(x);
    for (size_t k = 0; k < x->ncl; k++)
        clause_simplify(&x->cl[k]);
    qsort(x->cl, x->ncl, sizeof *x->cl, by_cost);
#ifdef SMMOD_PF_DEBUG
    for (size_t k = 0; k < x->ncl; k++) {
        fprintf(stderr, "clause %zu run %u cost %.3f:", k, x->cl[k].run,
                clause_cost(&x->cl[k]));
        for (size_t j = 0; j < x->cl[k].lits.n && j < 12; j++)
            fprintf(stderr, " \"%.*s\"", (int)x->cl[k].lits.v[j].n,
                    x->cl[k].lits.v[j].p);
        fprintf(stderr, x->cl[k].lits.n > 12 ? " ... (%zu)\n" : "\n",
                x->cl[k].lits.n);
    }
#endif
    return x->ncl;
}

/* Record the top-level branches of a regex: it may match when all kept
 * clauses of some branch were seen. Each branch keeps its best clauses
 * within the 32 bits of a rule. */
static int record(smmod__prefilter *pf, uint32_t rule, int view, info *br,
                  size_t nb)
{
    size_t per = 32 / nb < KEEP ? 32 / nb : KEEP, bit = 0;
    int rc = 0;
    for (size_t b = 0; b < nb; b++)
        if (rank(&br[b]) == 0)
            return 0; /* a branch without clauses: always run */
    for (size_t b = 0; rc == 0 && b < nb; b++) {
        uint32_t mask = 0;
        for (size_t k = 0; rc == 0 && k < br[b].ncl && k < per; k++, bit++) {
            rc = record_clause(pf, rule, view, 1u << bit, &br[b].cl[k],
                               k == 0);
            mask |= 1u << bit;
        }
        pf->branch[rule][b] = mask;
        pf->need[rule] |= mask;
        pf->key[rule] |= mask & (~mask + 1); /* its lowest bit */
    }
    pf->nbranch[rule] = (uint8_t)nb;
    pf->views |= 1u << view;
    pf->filtered++;
    return rc;
}

int smmod__prefilter_add(smmod__prefilter *pf, uint32_t rule, int view,
                         const char *pattern, size_t len, uint32_t options)
{
    parser ps;
    info br[MAX_BRANCHES];
    size_t nb = 0;
    int rc = 0;
    if (rule >= pf->rule_count || view < 0 || view >= SMMOD__V_COUNT)
        return SMMOD_EINVAL;
    pf->need[rule] = 0;
    pf->key[rule] = 0;
    pf->dmask[rule] = 0;
    pf->nbranch[rule] = 0;
    pf->added[rule] = 1;
    /* case-insensitive and extended syntax are not analysed */
    if (options & (PCRE2_CASELESS | PCRE2_EXTENDED | PCRE2_EXTENDED_MORE |
                   PCRE2_LITERAL) ||
        memchr(pattern, 0, len))
        return 0;
    memset(&ps, 0, sizeof ps);
    ps.p = pattern;
    ps.len = len;
    ps.ws = view == SMMOD__V_PLAIN;
    /* the top-level alternatives stay apart; beyond MAX_BRANCHES the last
     * one absorbs the rest */
    br[nb++] = parse_seq(&ps);
    while (!ps.bad && !ps.oom && ps.i < ps.len && ps.p[ps.i] == '|') {
        info x;
        ps.i++;
        x = parse_seq(&ps);
        if (nb < MAX_BRANCHES)
            br[nb++] = x;
        else
            alternate(&ps, &br[nb - 1], &x);
    }
    if (ps.i < ps.len)
        ps.bad = 1; /* a stray ')' */
    if (ps.oom)
        rc = SMMOD_ENOMEM;
    else if (!ps.bad)
        rc = record(pf, rule, view, br, nb);
    for (size_t b = 0; b < nb; b++)
        info_free(&br[b]);
    return rc;
}

static int by_view_and_bytes(const void *a, const void *b)
{
    const pf_lit *x = a, *y = b;
    size_t n = x->s.n < y->s.n ? x->s.n : y->s.n;
    int c;
    if (x->view != y->view)
        return x->view < y->view ? -1 : 1;
    if ((c = memcmp(x->s.p, y->s.p, n)) != 0)
        return c;
    return x->s.n < y->s.n ? -1 : x->s.n > y->s.n;
}

/* Postings of one literal: every (rule, bit) it stands for, once. */
static int add_group(smmod__prefilter *pf, size_t from, size_t to)
{
    pf_group *g;
    if (smmod__grow((void **)&pf->groups, &pf->groupcap, pf->ngroups + 1,
                    sizeof *pf->groups) ||
        smmod__grow((void **)&pf->posts, &pf->postcap, pf->nposts + (to - from),
                    sizeof *pf->posts))
        return SMMOD_ENOMEM;
    g = &pf->groups[pf->ngroups++];
    g->first = (uint32_t)pf->nposts;
    for (size_t k = from; k < to; k++) {
        int dup = 0;
        for (size_t j = g->first; j < pf->nposts; j++)
            if (pf->posts[j].rule == pf->lits[k].rule) {
                pf->posts[j].mask |= pf->lits[k].mask;
                dup = 1;
            }
        if (!dup)
            pf->posts[pf->nposts++] = (pf_post){pf->lits[k].rule,
                                                pf->lits[k].mask, 0};
    }
    g->count = (uint32_t)pf->nposts - g->first;
    return 0;
}

/* Export literal k (moved) as the pattern of group `group`. */
static int add_export(smmod__prefilter *pf, size_t k, uint32_t group)
{
    if (smmod__grow((void **)&pf->exports, &pf->exportcap, pf->nexports + 1,
                    sizeof *pf->exports))
        return SMMOD_ENOMEM;
    pf->exports[pf->nexports].s = pf->lits[k].s;
    pf->exports[pf->nexports++].group = group;
    pf->lits[k].s.p = NULL; /* moved */
    return 0;
}

static int build_view(smmod__prefilter *pf, int view, size_t from, size_t to)
{
    smmod__ac_builder *b = NULL;
    int exported = pf->export_folded && view == SMMOD__V_FOLDED;
    int rc = smmod__ac_builder_new(&b);
    size_t k = from;
    while (rc == 0 && k < to) {
        size_t e = k + 1;
        uint32_t group = (uint32_t)pf->ngroups;
        while (e < to && by_view_and_bytes(&pf->lits[k], &pf->lits[e]) == 0)
            e++;
        rc = add_group(pf, k, e);
        if (rc == 0 && exported)
            rc = add_export(pf, k, group);
        else if (rc == 0)
            rc = smmod__ac_builder_add(b, (const uint8_t *)pf->lits[k].s.p,
                                       pf->lits[k].s.n, group);
        k = e;
    }
    if (rc == 0 && !exported)
        rc = smmod__ac_build(b, &pf->ac[view]);
    smmod__ac_builder_free(b);
    return rc;
}

/* Whether a PLAIN literal can be looked for in FOLDED instead: lower-case
 * ASCII letters and spaces, with every run of letters at least two long
 * and no letter twice in a row. Where such a literal occurs in PLAIN, it
 * occurs in FOLDED: folding leaves ASCII letters and spaces alone;
 * leetspeak only turns symbols into letters; joining only touches words of
 * one letter and the separators between them; and squashing runs of one
 * letter can only merge the literal's first or last letter with the same
 * letter beside it. So the clause it stands for is still seen wherever the
 * regex may match (rarely more often). Literals with a double letter stay:
 * squashed, they would be seen far more often ("ass" as "as"). */
static int fold_stable(const str *s)
{
    size_t run = 0, letters = 0;
    for (size_t i = 0; i < s->n; i++) {
        unsigned char c = (unsigned char)s->p[i];
        if (c >= 'a' && c <= 'z') {
            if (run > 0 && c == (unsigned char)s->p[i - 1])
                return 0; /* squashed, "ass" would be "as" in every "was" */
            run++;
            letters++;
        } else if (c == ' ' && (run == 0 || run >= 2)) {
            run = 0;
        } else {
            return 0;
        }
    }
    return letters > 0 && (run == 0 || run >= 2);
}

/* With export_folded: PLAIN literals that FOLDED finds as well move there. */
static void move_fold_stable(smmod__prefilter *pf)
{
    if (!pf->export_folded)
        return;
    for (size_t k = 0; k < pf->nlits; k++) {
        pf_lit *l = &pf->lits[k];
        if (l->view == SMMOD__V_PLAIN && fold_stable(&l->s))
            l->view = SMMOD__V_FOLDED;
    }
}

void smmod__prefilter_export_folded(smmod__prefilter *pf)
{
    pf->export_folded = 1;
}

int smmod__prefilter_each_export(const smmod__prefilter *pf,
                                 smmod__prefilter_export_fn fn, void *ctx)
{
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < pf->nexports; k++)
        rc = fn(ctx, pf->exports[k].s.p, pf->exports[k].s.n,
                pf->exports[k].group);
    return rc;
}

static int by_rule(const void *a, const void *b)
{
    const pf_lit *x = a, *y = b;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return x->mask < y->mask ? -1 : x->mask > y->mask;
}

int smmod__prefilter_build(smmod__prefilter *pf)
{
    size_t k = 0;
    int rc = 0;
    move_fold_stable(pf);
    if (pf->nlits)
        qsort(pf->lits, pf->nlits, sizeof *pf->lits, by_view_and_bytes);
    while (rc == 0 && k < pf->nlits) {
        size_t e = k;
        while (e < pf->nlits && pf->lits[e].view == pf->lits[k].view)
            e++;
        rc = build_view(pf, pf->lits[k].view, k, e);
        k = e;
    }
    free_lits(pf);
    if (pf->ndefers)
        qsort(pf->defers, pf->ndefers, sizeof *pf->defers, by_rule);
    for (size_t k = 0; k < pf->ndefers; k++)
        pf->dfirst[pf->defers[k].rule + 1]++;
    for (size_t r = 0; r < pf->rule_count; r++)
        pf->dfirst[r + 1] += pf->dfirst[r];
    pf->run_min = UINT32_MAX;
    for (size_t r = 0; r < pf->nruns; r++)
        if (pf->runs[r].n < pf->run_min)
            pf->run_min = pf->runs[r].n;
    for (size_t k = 0; k < pf->nposts; k++)
        pf->posts[k].key = pf->posts[k].mask & pf->key[pf->posts[k].rule];
    for (size_t r = 0; r < pf->rule_count; r++)
        if (pf->added[r] && pf->nbranch[r] == 0)
            pf->always[r / 32] |= 1u << (r % 32);
    return rc;
}

unsigned smmod__prefilter_views(const smmod__prefilter *pf)
{
    return pf ? pf->views : 0;
}

size_t smmod__prefilter_filtered(const smmod__prefilter *pf)
{
    return pf ? pf->filtered : 0;
}

uint32_t smmod__prefilter_need(const smmod__prefilter *pf, uint32_t rule)
{
    return pf && rule < pf->rule_count ? pf->need[rule] : 0;
}

size_t smmod__prefilter_exported(const smmod__prefilter *pf)
{
    return pf ? pf->nexports : 0;
}

uint32_t smmod__prefilter_deferred(const smmod__prefilter *pf, uint32_t rule)
{
    return pf && rule < pf->rule_count ? pf->dmask[rule] : 0;
}

/* ---- scanning ---------------------------------------------------------- */

/* The candidate bits behind the clause bits in seen[] (see
 * smmod__prefilter_seen_len): bit r says rule r's key clause was seen. */
static uint32_t *candidates(const smmod__prefilter *pf, uint32_t *seen)
{
    return seen + pf->rule_count;
}

static void mark_seen(const smmod__prefilter *pf, uint32_t *seen,
                      uint32_t rule, uint32_t mask, uint32_t key)
{
    seen[rule] |= mask;
    candidates(pf, seen)[rule / 32] |= (uint32_t)(key != 0) << (rule % 32);
}

size_t smmod__prefilter_seen_len(const smmod__prefilter *pf)
{
    return pf->rule_count + pf->rule_count / 32 + 1;
}

void smmod__prefilter_literal(const smmod__prefilter *pf, uint32_t *seen,
                             uint32_t group)
{
    const pf_group *g = &pf->groups[group];
    const pf_post *p = pf->posts + g->first;
    for (uint32_t k = 0; k < g->count; k++)
        mark_seen(pf, seen, p[k].rule, p[k].mask, p[k].key);
}

static int on_literal(void *ctx, uint32_t value, size_t end, size_t len)
{
    const smmod__prefilter_ctx *s = ctx;
    (void)end;
    (void)len;
    smmod__prefilter_literal(s->pf, s->seen, value);
    return 0;
}

/* The longest run of identical characters in valid UTF-8 text; with
 * `three`, runs shorter than three may be missed (the result is then 1),
 * which only run clauses of three or more may rely on. */
static unsigned longest_run(const uint8_t *t, size_t n, int three)
{
    size_t best = n ? 1 : 0, i = 0;
    while (i < n) {
        size_t k, j, m = 1;
        if (i + 10 <= n) {
            /* eight ASCII bytes, none equal to the next (or, with
             * `three`, to the next and the one after, which German
             * double letters are not): no run starts in them */
            uint64_t x = smmod__load8(t + i);
            uint64_t z = x ^ smmod__load8(t + i + 1);
            if (three)
                z |= x ^ smmod__load8(t + i + 2);
            if (!(x & SMMOD__HIGH) && !smmod__eq8(z, 0)) {
                i += 8;
                continue;
            }
        }
        k = u8len(t[i]);
        if (k == 0 || i + k > n)
            k = 1;
        j = i + k;
        if (k == 1)
            while (j < n && t[j] == t[i])
                j++, m++;
        else
            while (j + k <= n && memcmp(t + j, t + i, k) == 0)
                j += k, m++;
        if (m > best)
            best = m;
        i = j;
    }
    return best > UINT32_MAX ? UINT32_MAX : (unsigned)best;
}

size_t smmod__prefilter_jobs(const smmod__prefilter *pf,
                             const smmod__view *views, uint32_t *seen,
                             smmod__prefilter_ctx *ctx, smmod__ac_job *jobs)
{
    size_t n = 0;
    ctx->pf = pf;
    ctx->seen = seen;
    memset(seen, 0, smmod__prefilter_seen_len(pf) * sizeof *seen);
    for (int v = 0; v < SMMOD__V_COUNT; v++)
        if (pf->ac[v]) {
            smmod__ac_job *j = &jobs[n++];
            j->ac = pf->ac[v];
            j->text = (const uint8_t *)views[v].text;
            j->len = views[v].len;
            j->fn = on_literal;
            j->ctx = ctx;
        }
    return n;
}

void smmod__prefilter_runs(const smmod__prefilter *pf,
                           const smmod__view *views, uint32_t *seen)
{
    unsigned run[SMMOD__V_COUNT] = {0};
    for (size_t k = 0; k < pf->nruns; k++) {
        const pf_run *r = &pf->runs[k];
        const smmod__view *v = &views[r->view];
        if (!run[r->view])
            run[r->view] = 1 + longest_run((const uint8_t *)v->text, v->len,
                                           pf->run_min >= 3);
        if (run[r->view] - 1 >= r->n)
            mark_seen(pf, seen, r->rule, r->mask, r->mask & pf->key[r->rule]);
    }
}

void smmod__prefilter_scan(const smmod__prefilter *pf,
                           const smmod__view *views, uint32_t *seen)
{
    smmod__prefilter_ctx ctx;
    smmod__ac_job jobs[SMMOD__V_COUNT];
    size_t n = smmod__prefilter_jobs(pf, views, seen, &ctx, jobs);
    smmod__ac_scan_jobs(jobs, n);
    smmod__prefilter_runs(pf, views, seen);
}

/* Whether h[0..hn) contains n[0..nn) (nn > 0). Comments are short, and
 * glibc's memmem prepares every search (its setup alone cost more than
 * this whole search on germeval). */
static int contains(const char *h, size_t hn, const char *n, size_t nn)
{
    const char *p = h, *end = h + hn;
    while (nn <= (size_t)(end - p) &&
           (p = memchr(p, n[0], (size_t)(end - p) - nn + 1)) != NULL) {
        if (memcmp(p + 1, n + 1, nn - 1) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* Whether a literal of deferred clause `bit` of rule r occurs in its view. */
static int deferred_seen(const smmod__prefilter *pf, const smmod__view *views,
                         uint32_t r, uint32_t bit)
{
    for (uint32_t k = pf->dfirst[r]; k < pf->dfirst[r + 1]; k++) {
        const pf_lit *d = &pf->defers[k];
        const smmod__view *v = &views[d->view];
        if (d->mask == bit && contains(v->text, v->len, d->s.p, d->s.n))
            return 1;
    }
    return 0;
}

/* Whether every clause of a branch (bits `want`) was seen: the automata's
 * clauses are in *seen already; deferred ones are looked for now, and
 * those found are added to *seen. */
static int branch_seen(const smmod__prefilter *pf, const smmod__view *views,
                       uint32_t r, uint32_t want, uint32_t *seen)
{
    uint32_t missing = want & ~*seen;
    if (missing & ~pf->dmask[r])
        return 0;
    for (; missing; missing &= missing - 1) {
        uint32_t bit = missing & (~missing + 1);
        if (!deferred_seen(pf, views, r, bit))
            return 0;
        *seen |= bit;
    }
    return 1;
}

int smmod__prefilter_pass(const smmod__prefilter *pf, const smmod__view *views,
                          uint32_t *seen, uint32_t rule)
{
    if (pf->nbranch[rule] == 0)
        return 1;
    /* the common case: not even the best clause of a branch seen */
    if ((seen[rule] & pf->key[rule]) == 0)
        return 0;
    for (unsigned b = 0; b < pf->nbranch[rule]; b++)
        if ((seen[rule] & pf->key[rule] & pf->branch[rule][b]) &&
            branch_seen(pf, views, rule, pf->branch[rule][b], &seen[rule]))
            return 1;
    return 0;
}

static unsigned lowest_bit(uint32_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(x);
#else
    unsigned k = 0;
    while (!(x & 1u))
        x >>= 1, k++;
    return k;
#endif
}

/* Only the candidates (a key clause seen) and the rules without clauses
 * are looked at, in rule order; *pos is the next rule to look at. */
int smmod__prefilter_next(const smmod__prefilter *pf, const smmod__view *views,
                          uint32_t *seen, size_t *pos, uint32_t *rule)
{
    const uint32_t *cand = candidates(pf, seen);
    for (size_t w = *pos / 32; w <= pf->rule_count / 32; w++) {
        uint32_t bits = cand[w] | pf->always[w];
        if (w == *pos / 32)
            bits &= ~0u << (*pos % 32);
        for (; bits; bits &= bits - 1) {
            uint32_t r = (uint32_t)(w * 32 + lowest_bit(bits));
            *pos = r + 1;
            if (smmod__prefilter_pass(pf, views, seen, r)) {
                *rule = r;
                return 1;
            }
        }
    }
    *pos = pf->rule_count;
    return 0;
}
