/*
 * automaton.c - the multi-pattern literal matcher (see automaton.h): the
 * Aho-Corasick builder, the built automaton and its scan loop.
 *
 * Why it is shaped this way:
 * - Byte classes. Only bytes that occur in some pattern get a class of
 *   their own; all other bytes share class 0 ("other"). A row of the
 *   transition table has A = distinct pattern bytes + 1 entries, not 256
 *   (about 35 for German lower-case terms).
 * - Hybrid DFA. States are numbered breadth-first. The first K (shallow)
 *   states get a full row with failure links resolved at build time, so
 *   the scan does one table load per byte there. K is capped by a memory
 *   budget; deeper states (rarely visited, mostly with one child) keep a
 *   sorted child list and a failure link. A failure link always goes to a
 *   shallower state, so every failure chain ends in a dense state.
 * - State ids are premultiplied row offsets, grouped as: dense states that
 *   report nothing, dense states that report, then sparse states. One
 *   compare per byte tells whether anything but the next load is needed.
 * - Outputs. A state owns a range of (value, len) entries and a dictionary
 *   link to the nearest proper suffix state that owns entries; reporting
 *   follows that chain, so memory stays linear even for nested patterns
 *   (a, aa, aaa, ...), where flattened lists would grow quadratically.
 * - Construction inserts the patterns in sorted order (as class strings),
 *   so each pattern shares its trie prefix with the previous one and a
 *   node's children are created in ascending class order: no child look-ups while building, and
 *   breadth-first numbering makes every node's children contiguous.
 * - Root skipping. When at most AC_SKIP_MAX bytes can start a pattern, the
 *   scan skips, while in the root state, the bytes that start none (with
 *   memchr for a single start byte). With more start bytes (any German
 *   word list starts with most letters) the data-dependent branch back
 *   into the skip loop costs more than it saves: measured 3x slower on
 *   German text with 74 terms, so those automata use the plain loop.
 */
#include "automaton.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "alloc.h"
#include "smmod.h"

#define AC_NONE UINT32_MAX
/* Entries (uint32) of the dense table: 16 MiB. The shallow levels, where
 * a scan spends almost all of its time, stay dense; deep states, visited
 * rarely, are sparse. The budget trades compile time for the speed of
 * large word lists (bench_scan on germeval, quiet machine): 4 MiB compiles
 * the default rules in 39 ms instead of 44 and scans them as fast, but
 * 100,000 generated terms drop from 85.7 to 79.6 MB/s (0.78 of 1,000
 * terms instead of 0.83). */
#ifndef AC_DENSE_BUDGET
#define AC_DENSE_BUDGET (4u << 20)
#endif
#define AC_SKIP_MAX 4
/* Tables from this size on are put on huge pages where the system has
 * them (see ac_table_alloc). */
#define AC_HUGE (2u << 20)
/* Keeps every state id (dense row offsets + sparse numbers) in uint32. */
#define AC_MAX_BYTES (UINT32_MAX / 2)

typedef struct {
    uint32_t off, len, value;
} ac_pat;

struct smmod__ac_builder {
    uint8_t *bytes;
    size_t nbytes, capbytes;
    ac_pat *pats;
    size_t npats, cappats;
};

typedef struct {
    uint32_t value, len;
} ac_out;

/* What a state reports: a dense state that reports, or any sparse state. */
typedef struct {
    uint32_t out_first, out_n; /* own entries in outs[] */
    uint32_t dict;             /* id of next suffix state with entries */
} ac_special;

/* A sparse state's transitions, 12 bytes so that a step reads one line:
 * the first child's class is inline, since deep states mostly have one. */
typedef struct {
    uint32_t fail;      /* failure state id */
    uint32_t kid_first; /* children: sparse numbers [first, first + n) */
    uint16_t kid_n;
    uint8_t kid0_cls; /* class of the first child */
    uint8_t reports;
} ac_step;

struct smmod__ac {
    uint8_t cls[256];   /* byte -> class */
    uint8_t start[256]; /* byte leaves the root state */
    unsigned nstart;     /* how many bytes do; start_byte is the first */
    uint8_t start_byte;
    uint32_t nclass;    /* A; row slot A holds a reporting row's special */
    uint32_t width;     /* A + 1 */
    uint32_t m1, m2;    /* ids >= m1 report, ids >= m2 are sparse */
    uint32_t ndm;       /* dense reporting states (specials before sparse) */
    uint32_t *table;
    void *table_block; /* the allocation table lies in (aligned inside) */
    ac_special *spec;
    ac_step *steps; /* by sparse number */
    uint8_t *kcls;  /* sparse number -> class of its incoming edge */
    ac_out *outs;
    size_t npats, memory;
};

/* ---- builder ----------------------------------------------------------- */

int smmod__ac_builder_new(smmod__ac_builder **out)
{
    if (!out)
        return SMMOD_EINVAL;
    *out = smmod__calloc(1, sizeof **out);
    return *out ? 0 : SMMOD_ENOMEM;
}

void smmod__ac_builder_free(smmod__ac_builder *b)
{
    if (!b)
        return;
    smmod__free(b->bytes);
    smmod__free(b->pats);
    smmod__free(b);
}

int smmod__ac_builder_add(smmod__ac_builder *b, const uint8_t *pat,
                          size_t len, uint32_t value)
{
    ac_pat *p;
    if (!b || !pat || len == 0)
        return SMMOD_EINVAL;
    if (len > AC_MAX_BYTES - b->nbytes || b->npats >= AC_MAX_BYTES)
        return SMMOD_ENOMEM;
    if (smmod__grow((void **)&b->bytes, &b->capbytes, b->nbytes + len, 1) ||
        smmod__grow((void **)&b->pats, &b->cappats, b->npats + 1,
                    sizeof *b->pats))
        return SMMOD_ENOMEM;
    memcpy(b->bytes + b->nbytes, pat, len);
    p = &b->pats[b->npats++];
    p->off = (uint32_t)b->nbytes;
    p->len = (uint32_t)len;
    p->value = value;
    b->nbytes += len;
    return 0;
}

/* ---- build ------------------------------------------------------------- */

typedef struct {
    const uint8_t *p;
    uint32_t len, idx;
} ac_ref;

/* Scratch of one build. Trie arrays are indexed by creation number until
 * ac_bfs() renumbers everything breadth-first. */
typedef struct {
    ac_ref *refs;
    uint8_t *mapped; /* the builder's bytes as classes; refs point here */
    uint32_t nnodes, k; /* states, dense states */
    uint32_t *kid, *sib; /* trie: first child, next sibling */
    uint8_t *ecls;       /* class of the edge into a node */
    uint32_t *ofirst, *on;
    uint32_t *kf, *kn; /* BFS: children are [kf, kf + kn) */
    uint32_t *fail, *dict, *tbl, *dense_id;
} ac_work;

static void ac_work_free(ac_work *w)
{
    smmod__free(w->refs);
    smmod__free(w->mapped);
    smmod__free(w->kid);
    smmod__free(w->sib);
    smmod__free(w->ecls);
    smmod__free(w->ofirst);
    smmod__free(w->on);
    smmod__free(w->kf);
    smmod__free(w->kn);
    smmod__free(w->fail);
    smmod__free(w->dict);
    smmod__free(w->tbl);
    smmod__free(w->dense_id);
}

static void *ac_array(size_t n, size_t size)
{
    return n > SIZE_MAX / size ? NULL : smmod__malloc(n * size);
}

/* Classes by falling frequency in the patterns (ties by byte), which
 * stands in for their frequency in text: the transitions a scan takes
 * most then sit together at the start of each row, on one or two cache
 * lines, which matters once the table outgrows the caches (9.6 MB for
 * the regex prefilter of the German rules). With all 256 bytes in use
 * there is no "other" class. */
static void ac_classes(const smmod__ac_builder *b, smmod__ac *ac)
{
    size_t count[256] = {0};
    uint8_t order[256];
    unsigned n = 0, next, i;
    for (size_t j = 0; j < b->nbytes; j++)
        count[b->bytes[j]]++;
    for (i = 0; i < 256; i++) /* insertion sort of the used bytes */
        if (count[i]) {
            unsigned j = n++;
            for (; j > 0 && count[order[j - 1]] < count[i]; j--)
                order[j] = order[j - 1];
            order[j] = (uint8_t)i;
        }
    memset(ac->cls, 0, sizeof ac->cls);
    next = n < 256 ? 1 : 0;
    for (i = 0; i < n; i++)
        ac->cls[order[i]] = (uint8_t)next++;
    ac->nclass = n < 256 ? n + 1 : 256;
    ac->width = ac->nclass + 1;
}

static int ac_ref_cmp(const void *a, const void *b)
{
    const ac_ref *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx); /* keep insertion order */
}

/* Sorts the patterns as class strings (cls is one-to-one on the bytes
 * that occur), so that children are created in ascending class order. */
static int ac_sort(const smmod__ac_builder *b, const smmod__ac *ac,
                   ac_work *w)
{
    w->refs = ac_array(b->npats, sizeof *w->refs);
    w->mapped = ac_array(b->nbytes ? b->nbytes : 1, 1);
    if (!w->refs || !w->mapped)
        return SMMOD_ENOMEM;
    for (size_t j = 0; j < b->nbytes; j++)
        w->mapped[j] = ac->cls[b->bytes[j]];
    for (size_t i = 0; i < b->npats; i++) {
        w->refs[i].p = w->mapped + b->pats[i].off;
        w->refs[i].len = b->pats[i].len;
        w->refs[i].idx = (uint32_t)i;
    }
    qsort(w->refs, b->npats, sizeof *w->refs, ac_ref_cmp);
    return 0;
}

static uint32_t ac_lcp(const ac_ref *a, const ac_ref *b)
{
    uint32_t n = a->len < b->len ? a->len : b->len, i = 0;
    while (i < n && a->p[i] == b->p[i])
        i++;
    return i;
}

/* Appends the nodes pattern r needs below depth l (its common prefix with
 * the previous pattern); path[] holds the previous pattern's nodes. */
static void ac_insert(ac_work *w, uint32_t *path,
                      const ac_ref *r, uint32_t l, uint32_t plen)
{
    for (uint32_t d = l; d < r->len; d++) {
        uint32_t n = w->nnodes++;
        w->ecls[n] = r->p[d]; /* already a class */
        w->kid[n] = w->sib[n] = AC_NONE;
        w->on[n] = 0;
        if (d == l && l < plen)
            w->sib[path[l + 1]] = n; /* previous last child of path[l] */
        else
            w->kid[path[d]] = n;
        path[d + 1] = n;
    }
}

static int ac_trie(const smmod__ac_builder *b, smmod__ac *ac, ac_work *w)
{
    size_t cap = b->nbytes + 1, maxlen = 0;
    uint32_t *path;
    for (size_t i = 0; i < b->npats; i++)
        if (b->pats[i].len > maxlen)
            maxlen = b->pats[i].len;
    w->kid = ac_array(cap, sizeof *w->kid);
    w->sib = ac_array(cap, sizeof *w->sib);
    w->ecls = ac_array(cap, 1);
    w->ofirst = ac_array(cap, sizeof *w->ofirst);
    w->on = ac_array(cap, sizeof *w->on);
    ac->outs = ac_array(b->npats, sizeof *ac->outs);
    path = ac_array(maxlen + 1, sizeof *path);
    if (!w->kid || !w->sib || !w->ecls || !w->ofirst || !w->on ||
        !ac->outs || !path) {
        smmod__free(path);
        return SMMOD_ENOMEM;
    }
    w->nnodes = 1;
    w->kid[0] = w->sib[0] = AC_NONE;
    w->on[0] = 0;
    w->ecls[0] = 0;
    path[0] = 0;
    for (size_t r = 0; r < b->npats; r++) {
        const ac_ref *ref = &w->refs[r];
        uint32_t l = r ? ac_lcp(ref - 1, ref) : 0;
        uint32_t t;
        ac_insert(w, path, ref, l, r ? ref[-1].len : 0);
        t = path[ref->len];
        if (w->on[t]++ == 0)
            w->ofirst[t] = (uint32_t)r; /* equal patterns are adjacent */
        ac->outs[r].value = b->pats[ref->idx].value;
        ac->outs[r].len = ref->len;
    }
    smmod__free(path);
    return 0;
}

/* Replaces *arr (indexed by node) by a copy indexed by BFS number. */
static int ac_permute32(uint32_t **arr, const uint32_t *order, uint32_t n)
{
    uint32_t *dst = ac_array(n, sizeof *dst);
    if (!dst)
        return SMMOD_ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        dst[i] = (*arr)[order[i]];
    smmod__free(*arr);
    *arr = dst;
    return 0;
}

/* Renumbers the trie breadth-first; afterwards the children of state i
 * are the states [kf[i], kf[i] + kn[i]), in ascending class order. */
static int ac_bfs(ac_work *w)
{
    uint32_t n = w->nnodes, tail = 1;
    uint32_t *order = ac_array(n, sizeof *order);
    uint8_t *ecls = ac_array(n, 1);
    int rc = SMMOD_ENOMEM;
    w->kf = ac_array(n, sizeof *w->kf);
    w->kn = ac_array(n, sizeof *w->kn);
    if (!order || !ecls || !w->kf || !w->kn)
        goto out;
    order[0] = 0;
    for (uint32_t i = 0; i < tail; i++) {
        w->kf[i] = tail;
        for (uint32_t c = w->kid[order[i]]; c != AC_NONE; c = w->sib[c])
            order[tail++] = c;
        w->kn[i] = tail - w->kf[i];
    }
    for (uint32_t i = 0; i < n; i++)
        ecls[i] = w->ecls[order[i]];
    if (ac_permute32(&w->ofirst, order, n) || ac_permute32(&w->on, order, n))
        goto out;
    smmod__free(w->ecls);
    w->ecls = ecls;
    ecls = NULL;
    smmod__free(w->kid);
    smmod__free(w->sib);
    w->kid = w->sib = NULL;
    rc = 0;
out:
    smmod__free(order);
    smmod__free(ecls);
    return rc;
}

/* The child of state s on class c, or AC_NONE; kids are sorted by class. */
static uint32_t ac_kid(const uint8_t *kcls, uint32_t first, uint32_t n,
                       uint8_t c)
{
    uint32_t lo = 0, hi = n;
    /* Binary search only where a node is bushy; the first class >= c is
     * in [lo, hi] (inclusive), so the linear part may read up to n. */
    while (hi - lo > 8) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (kcls[first + mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n; lo++)
        if (kcls[first + lo] >= c)
            return kcls[first + lo] == c ? first + lo : AC_NONE;
    return AC_NONE;
}

/* goto-with-failure from state f on class c, by BFS numbers. */
static uint32_t ac_delta(const ac_work *w, uint32_t width, uint32_t f,
                         uint8_t c)
{
    while (f >= w->k) {
        uint32_t t = ac_kid(w->ecls, w->kf[f], w->kn[f], c);
        if (t != AC_NONE)
            return t;
        f = w->fail[f];
    }
    return w->tbl[(size_t)f * width + c];
}

static void ac_dense_row(ac_work *w, uint32_t width, uint32_t i)
{
    uint32_t *row = w->tbl + (size_t)i * width;
    if (i == 0)
        memset(row, 0, width * sizeof *row);
    else
        memcpy(row, w->tbl + (size_t)w->fail[i] * width,
               width * sizeof *row);
    for (uint32_t j = w->kf[i]; j < w->kf[i] + w->kn[i]; j++)
        row[w->ecls[j]] = j;
}

/* Failure and dictionary links, dense rows (all by BFS number). A state's
 * failure target is shallower, hence numbered lower and already done. */
static int ac_links(const smmod__ac *ac, ac_work *w)
{
    uint32_t n = w->nnodes, width = ac->width;
    size_t k = AC_DENSE_BUDGET / width;
    w->k = (uint32_t)(k < 1 ? 1 : k > n ? n : k);
    w->fail = ac_array(n, sizeof *w->fail);
    w->dict = ac_array(n, sizeof *w->dict);
    w->tbl = ac_array((size_t)w->k * width, sizeof *w->tbl);
    if (!w->fail || !w->dict || !w->tbl)
        return SMMOD_ENOMEM;
    w->fail[0] = 0;
    w->dict[0] = AC_NONE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t f = w->fail[i];
        if (i > 0)
            w->dict[i] = w->on[f] ? f : w->dict[f];
        if (i < w->k)
            ac_dense_row(w, width, i);
        for (uint32_t j = w->kf[i]; j < w->kf[i] + w->kn[i]; j++)
            w->fail[j] = i == 0 ? 0 : ac_delta(w, width, f, w->ecls[j]);
    }
    return 0;
}

static int ac_reports(const ac_work *w, uint32_t i)
{
    return w->on[i] != 0 || w->dict[i] != AC_NONE;
}

/* Final id of the state with BFS number i. */
static uint32_t ac_id(const smmod__ac *ac, const ac_work *w, uint32_t i)
{
    if (i == AC_NONE)
        return AC_NONE;
    return i < w->k ? w->dense_id[i] : ac->m2 + (i - w->k);
}

static int ac_number(smmod__ac *ac, ac_work *w)
{
    uint32_t dn = 0, dm = 0, width = ac->width;
    w->dense_id = ac_array(w->k, sizeof *w->dense_id);
    if (!w->dense_id)
        return SMMOD_ENOMEM;
    for (uint32_t i = 0; i < w->k; i++)
        dm += ac_reports(w, i) ? 1 : 0;
    ac->m1 = (w->k - dm) * width;
    ac->m2 = w->k * width;
    ac->ndm = dm;
    dm = 0;
    for (uint32_t i = 0; i < w->k; i++) /* root stays id 0: never reports */
        w->dense_id[i] = ac_reports(w, i) ? ac->m1 + width * dm++
                                          : width * dn++;
    return 0;
}

static void ac_special_fill(const smmod__ac *ac, const ac_work *w,
                            ac_special *sp, uint32_t i)
{
    sp->out_first = w->ofirst[i];
    sp->out_n = w->on[i];
    sp->dict = ac_id(ac, w, w->dict[i]);
}

static void ac_step_fill(const smmod__ac *ac, const ac_work *w, ac_step *st,
                         uint32_t i)
{
    st->fail = ac_id(ac, w, w->fail[i]);
    st->kid_first = w->kf[i] - w->k;
    st->kid_n = (uint16_t)w->kn[i]; /* at most 256 */
    st->kid0_cls = w->kn[i] ? w->ecls[w->kf[i]] : 0;
    st->reports = (uint8_t)ac_reports(w, i);
}

/* The dense table. A scan makes one dependent load per byte into it, at
 * places no prefetcher can guess: a table of several MB on 4 KiB pages
 * misses the TLB on most of them. From AC_HUGE on it is aligned to 2 MiB
 * and advised onto transparent huge pages (Linux; the advice may be
 * ignored, which costs only the alignment slack of address space). */
static uint32_t *ac_table_alloc(smmod__ac *ac, size_t n)
{
    size_t bytes = n * sizeof *ac->table;
    if (n > SIZE_MAX / sizeof *ac->table - AC_HUGE)
        return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= AC_HUGE) {
        uintptr_t a;
        ac->table_block = smmod__malloc(bytes + AC_HUGE);
        if (!ac->table_block)
            return NULL;
        a = ((uintptr_t)ac->table_block + AC_HUGE - 1) & ~(uintptr_t)(AC_HUGE - 1);
        /* whole huge pages only; the advice is a hint, so its failure is
         * no error */
        (void)madvise((void *)a, (bytes + AC_HUGE - 1) & ~(size_t)(AC_HUGE - 1),
                      MADV_HUGEPAGE);
        return (uint32_t *)a;
    }
#endif
    ac->table_block = smmod__malloc(bytes ? bytes : 1);
    return ac->table_block;
}

static int ac_finish(smmod__ac *ac, const ac_work *w)
{
    uint32_t width = ac->width, nsparse = w->nnodes - w->k;
    size_t nspec = (size_t)ac->ndm + nsparse;
    ac->table = ac_table_alloc(ac, (size_t)w->k * width);
    ac->spec = ac_array(nspec, sizeof *ac->spec);
    ac->steps = ac_array(nsparse, sizeof *ac->steps);
    ac->kcls = ac_array(nsparse, 1);
    if (!ac->table || !ac->spec || !ac->steps || !ac->kcls)
        return SMMOD_ENOMEM;
    for (uint32_t i = 0; i < w->k; i++) {
        const uint32_t *src = w->tbl + (size_t)i * width;
        uint32_t id = w->dense_id[i], *dst = ac->table + id;
        for (uint32_t c = 0; c < ac->nclass; c++)
            dst[c] = ac_id(ac, w, src[c]);
        dst[ac->nclass] = 0;
        if (id >= ac->m1) {
            dst[ac->nclass] = (id - ac->m1) / width;
            ac_special_fill(ac, w, &ac->spec[dst[ac->nclass]], i);
        }
    }
    for (uint32_t s = 0; s < nsparse; s++) {
        ac_special_fill(ac, w, &ac->spec[ac->ndm + s], w->k + s);
        ac_step_fill(ac, w, &ac->steps[s], w->k + s);
        ac->kcls[s] = w->ecls[w->k + s];
    }
    for (unsigned b = 256; b-- > 0;) {
        ac->start[b] = ac->table[ac->cls[b]] != 0;
        if (ac->start[b]) {
            ac->nstart++;
            ac->start_byte = (uint8_t)b;
        }
    }
    ac->memory = sizeof *ac + (size_t)w->k * width * sizeof *ac->table +
                 nspec * sizeof *ac->spec + nsparse * (sizeof *ac->steps + 1) +
                 ac->npats * sizeof *ac->outs;
    return 0;
}

int smmod__ac_build(const smmod__ac_builder *b, smmod__ac **out)
{
    ac_work w;
    smmod__ac *ac;
    int rc;
    if (!b || !out)
        return SMMOD_EINVAL;
    *out = NULL;
    memset(&w, 0, sizeof w);
    ac = smmod__calloc(1, sizeof *ac);
    if (!ac)
        return SMMOD_ENOMEM;
    ac->npats = b->npats;
    ac_classes(b, ac);
    rc = ac_sort(b, ac, &w);
    if (!rc)
        rc = ac_trie(b, ac, &w);
    if (!rc)
        rc = ac_bfs(&w);
    if (!rc)
        rc = ac_links(ac, &w);
    if (!rc)
        rc = ac_number(ac, &w);
    if (!rc)
        rc = ac_finish(ac, &w);
    ac_work_free(&w);
    if (rc) {
        smmod__ac_free(ac);
        return rc;
    }
    *out = ac;
    return 0;
}

void smmod__ac_free(smmod__ac *ac)
{
    if (!ac)
        return;
    smmod__free(ac->table_block);
    smmod__free(ac->spec);
    smmod__free(ac->steps);
    smmod__free(ac->kcls);
    smmod__free(ac->outs);
    smmod__free(ac);
}

size_t smmod__ac_pattern_count(const smmod__ac *ac)
{
    return ac ? ac->npats : 0;
}

size_t smmod__ac_memory(const smmod__ac *ac) { return ac ? ac->memory : 0; }

/* ---- scan -------------------------------------------------------------- */

static uint32_t ac_spec_index(const smmod__ac *ac, uint32_t id)
{
    return id < ac->m2 ? ac->table[id + ac->nclass] : ac->ndm + (id - ac->m2);
}

/* Reports the entries of state `id` and of its dictionary chain. */
static int ac_report(const smmod__ac *ac, uint32_t id, size_t end,
                     smmod__ac_hit_fn fn, void *ctx)
{
    while (id != AC_NONE) {
        const ac_special *sp = &ac->spec[ac_spec_index(ac, id)];
        const ac_out *o = ac->outs + sp->out_first;
        for (uint32_t k = 0; k < sp->out_n; k++)
            if (fn(ctx, o[k].value, end, o[k].len))
                return 1;
        id = sp->dict;
    }
    return 0;
}

/* Transition from sparse state s: its own child, else its failure chain
 * until that reaches a dense state. */
static uint32_t ac_sparse_step(const smmod__ac *ac, uint32_t s, uint8_t c)
{
    while (s >= ac->m2) {
        const ac_step *st = &ac->steps[s - ac->m2];
        if (st->kid_n && st->kid0_cls == c)
            return ac->m2 + st->kid_first;
        if (st->kid_n > 1) {
            uint32_t t = ac_kid(ac->kcls, st->kid_first + 1, st->kid_n - 1u, c);
            if (t != AC_NONE)
                return ac->m2 + t;
        }
        s = st->fail;
    }
    return ac->table[s + c];
}

/* Handles a state >= m1 and stays on the slow path while states are
 * sparse. Returns non-zero if the callback stopped the scan. */
static int ac_slow(const smmod__ac *ac, uint32_t *ps, const uint8_t **pp,
                   const uint8_t *text, const uint8_t *end,
                   smmod__ac_hit_fn fn, void *ctx)
{
    uint32_t s = *ps;
    const uint8_t *p = *pp;
    for (;;) {
        int reports = s < ac->m2 || ac->steps[s - ac->m2].reports;
        if (reports && ac_report(ac, s, (size_t)(p - text), fn, ctx))
            return 1;
        if (s < ac->m2 || p == end)
            break;
        s = ac_sparse_step(ac, s, ac->cls[*p++]);
        if (s < ac->m1)
            break;
    }
    *ps = s;
    *pp = p;
    return 0;
}

/* The loop for automata with few start bytes: see AC_SKIP_MAX. The test
 * (s - 1) >= m1 - 1 catches both the root (0 wraps) and reporting ids. */
static int ac_scan_skip(const smmod__ac *ac, const uint8_t *text,
                        size_t len, smmod__ac_hit_fn fn, void *ctx)
{
    const uint32_t *tbl = ac->table;
    const uint8_t *cls = ac->cls, *p = text, *end = text + len;
    uint32_t s = 0, lim = ac->m1 - 1;
    while (p < end) {
        if (s == 0) {
            if (ac->nstart == 1)
                p = memchr(p, ac->start_byte, (size_t)(end - p));
            else
                while (p < end && !ac->start[*p])
                    p++;
            if (!p || p == end)
                break;
        }
        s = tbl[s + cls[*p++]];
        while ((uint32_t)(s - 1) < lim && p < end)
            s = tbl[s + cls[*p++]];
        if (s >= ac->m1 && ac_slow(ac, &s, &p, text, end, fn, ctx))
            return 1;
    }
    return 0;
}

/* After a step reached state *s >= m1 at *p: report a dense state (the
 * common hit, e.g. a frequent prefilter literal, needs no step), or walk
 * on through sparse states. Non-zero if the callback stopped the scan. */
static int ac_after_step(const smmod__ac *ac, uint32_t *s, const uint8_t **p,
                      const uint8_t *text, const uint8_t *end,
                      smmod__ac_hit_fn fn, void *ctx)
{
    if (*s < ac->m2)
        return ac_report(ac, *s, (size_t)(*p - text), fn, ctx);
    return ac_slow(ac, s, p, text, end, fn, ctx);
}

/* The plain loop, from state s at p: one dependent load per byte and one
 * well-predicted compare. */
static int ac_run(const smmod__ac *ac, const uint8_t *text, const uint8_t *p,
                  const uint8_t *end, uint32_t s, smmod__ac_hit_fn fn,
                  void *ctx)
{
    const uint32_t *tbl = ac->table;
    const uint8_t *cls = ac->cls;
    uint32_t m1 = ac->m1;
    while (p < end) {
        s = tbl[s + cls[*p++]];
        if (s >= m1 && ac_after_step(ac, &s, &p, text, end, fn, ctx))
            return 1;
    }
    return 0;
}

/* ---- several scans at once --------------------------------------------- */

/* Where one job of smmod__ac_scan_jobs stands. */
typedef struct ac_cursor {
    const smmod__ac_job *job;
    const uint8_t *p, *end;
    uint32_t s;
} ac_cursor;

/* A step of the cursor reached a state >= m1 (see ac_after_step). A job
 * whose callback stops it jumps to its end. */
static void ac_cursor_special(ac_cursor *c)
{
    const smmod__ac_job *j = c->job;
    if (ac_after_step(j->ac, &c->s, &c->p, j->text, c->end, j->fn, j->ctx))
        c->p = c->end;
}

#if defined(__GNUC__)
#define AC_INLINE static inline __attribute__((always_inline))
#else
#define AC_INLINE static inline
#endif

/* One step of cursor c, whose state and position the caller keeps in
 * registers (*s, *p): only the rare special step goes through c. */
AC_INLINE void ac_lane_step(ac_cursor *c, const uint32_t *tbl, const uint8_t *cls,
                       uint32_t m1, uint32_t *s, const uint8_t **p)
{
    *s = tbl[*s + cls[*(*p)++]];
    if (*s >= m1) {
        c->s = *s;
        c->p = *p;
        ac_cursor_special(c);
        *s = c->s;
        *p = c->p;
    }
}

/* Advance two cursors in lockstep until one of them is at its end. */
static void ac_lockstep2(ac_cursor *a, ac_cursor *b)
{
    const smmod__ac *x = a->job->ac, *y = b->job->ac;
    const uint8_t *px = a->p, *py = b->p;
    uint32_t sx = a->s, sy = b->s;
    while (px < a->end && py < b->end) {
        ac_lane_step(a, x->table, x->cls, x->m1, &sx, &px);
        ac_lane_step(b, y->table, y->cls, y->m1, &sy, &py);
    }
    a->s = sx, a->p = px;
    b->s = sy, b->p = py;
}

/* The same for three cursors. */
static void ac_lockstep3(ac_cursor *a, ac_cursor *b, ac_cursor *c)
{
    const smmod__ac *x = a->job->ac, *y = b->job->ac, *z = c->job->ac;
    const uint8_t *px = a->p, *py = b->p, *pz = c->p;
    uint32_t sx = a->s, sy = b->s, sz = c->s;
    while (px < a->end && py < b->end && pz < c->end) {
        ac_lane_step(a, x->table, x->cls, x->m1, &sx, &px);
        ac_lane_step(b, y->table, y->cls, y->m1, &sy, &py);
        ac_lane_step(c, z->table, z->cls, z->m1, &sz, &pz);
    }
    a->s = sx, a->p = px;
    b->s = sy, b->p = py;
    c->s = sz, c->p = pz;
}

/* Whether a job runs in the plain loop (skip-loop automata run alone). */
static int ac_job_plain(const smmod__ac_job *j)
{
    return j->ac && j->text && j->fn && j->len > 0 &&
           j->ac->nstart > AC_SKIP_MAX;
}

/* Up to AC_LANES plain jobs run side by side: measured on the default
 * rules when they had three (the word automaton and the prefilter's plain
 * and folded automata), a third lane still paid. Now the folded
 * prefilter literals live in the word automaton and two lanes run. */
#define AC_LANES 3

void smmod__ac_scan_jobs(const smmod__ac_job *jobs, size_t n)
{
    ac_cursor lane[AC_LANES];
    size_t next = 0, live = 0;
    for (;;) {
        size_t k = 0;
        while (live < AC_LANES && next < n) { /* fill the lanes */
            const smmod__ac_job *j = &jobs[next++];
            if (!ac_job_plain(j)) { /* skip loop, or nothing to scan */
                smmod__ac_scan(j->ac, j->text, j->len, j->fn, j->ctx);
                continue;
            }
            lane[live].job = j;
            lane[live].p = j->text;
            lane[live].end = j->text + j->len;
            lane[live].s = 0;
            live++;
        }
        if (live == 0)
            break;
        if (live == 1) { /* the last one finishes alone */
            const smmod__ac_job *j = lane[0].job;
            ac_run(j->ac, j->text, lane[0].p, lane[0].end, lane[0].s, j->fn,
                   j->ctx);
            break;
        }
        if (live == 3)
            ac_lockstep3(&lane[0], &lane[1], &lane[2]);
        else
            ac_lockstep2(&lane[0], &lane[1]);
        for (size_t i = 0; i < live; i++) /* drop finished lanes */
            if (lane[i].p < lane[i].end)
                lane[k++] = lane[i];
        live = k;
    }
}

int smmod__ac_scan(const smmod__ac *ac, const uint8_t *text, size_t len,
                   smmod__ac_hit_fn fn, void *ctx)
{
    if (!ac || !text || !fn || len == 0)
        return 0;
    if (ac->nstart <= AC_SKIP_MAX)
        return ac_scan_skip(ac, text, len, fn, ctx);
    return ac_run(ac, text, text, text + len, 0, fn, ctx);
}
