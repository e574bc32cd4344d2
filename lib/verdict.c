/*
 * verdict.c - scoring and the decision (rules/README.md, "Scores and the
 * decision"), and the public verdict accessors.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "scanner.h"

int smmod__first_time(smmod_scanner *sc, uint32_t *stamps, size_t i)
{
    if (stamps[i] == sc->stamp)
        return 0;
    stamps[i] = sc->stamp;
    return 1;
}

void smmod__verdict_reset(smmod_scanner *sc, size_t text_len)
{
    smmod_verdict *v = &sc->verdict;
    v->action = SMMOD_ALLOW;
    v->flags = 0;
    v->score = 0;
    v->text_len = text_len;
    v->match_count = 0;
    v->cat_count = 0;
    memset(sc->cat_score, 0, sc->rs->categories.count * sizeof(int));
    memset(sc->cat_action, 0, sc->rs->categories.count * sizeof(int));
    /* A new stamp invalidates all "counted" marks at once; on wrap-around
     * the arrays are cleared for real. */
    if (++sc->stamp == 0) {
        memset(sc->term_stamp, 0, (sc->rs->terms.count + 1) * sizeof(uint32_t));
        memset(sc->rule_stamp, 0, (sc->rs->rules.count + 1) * sizeof(uint32_t));
        sc->stamp = 1;
    }
}

/* Whether the same rule already reported the same span: two terms of one
 * rule (porno, porno*) or two views find the same word. Hits arrive in
 * text order per view, so looking back a few entries suffices. */
static int is_repeat(const smmod_verdict *v, uint32_t rule, uint32_t start,
                     uint32_t end)
{
    for (size_t i = v->match_count, k = 0; i > 0 && k < 8; i--, k++) {
        const smmod__match *m = &v->matches[i - 1];
        if (m->rule == rule && m->start == start && m->end == end)
            return 1;
    }
    return 0;
}

int smmod__verdict_add(smmod_scanner *sc, uint32_t rule, const char *term,
                       uint32_t start, uint32_t end, int view, int first)
{
    smmod_verdict *v = &sc->verdict;
    const smmod__rule *r = &sc->rs->rules.items[rule];
    const smmod__category *cat = &sc->rs->categories.items[r->category];
    smmod__match *m;
    int add;
    if (is_repeat(v, rule, start, end))
        return 0; /* the same word found twice scores once */
    add = first ? r->score : 0;
    sc->cat_score[r->category] += add;
    if (r->action > sc->cat_action[r->category] - 1)
        sc->cat_action[r->category] = r->action + 1;
    if (cat->action > sc->cat_action[r->category] - 1)
        sc->cat_action[r->category] = cat->action + 1;
    if (sc->cat_action[r->category] == 0)
        sc->cat_action[r->category] = SMMOD_ALLOW + 1; /* "matched" */
    v->flags |= r->flags | cat->flags;
    if ((int64_t)v->match_count >= sc->limits.max_matches) {
        v->flags |= SMMOD_FLAG_TOO_MANY_MATCHES;
        return 0;
    }
    if (smmod__grow((void **)&v->matches, &v->match_cap, v->match_count + 1,
                    sizeof(*v->matches)))
        return SMMOD_ENOMEM;
    m = &v->matches[v->match_count++];
    m->rule = rule;
    m->start = start;
    m->end = end;
    m->view = (int16_t)(view > SMMOD__V_FOLDED ? SMMOD__V_FOLDED : view);
    m->score = (int16_t)add;
    m->term = term;
    return 0;
}

static int by_score_desc(const void *a, const void *b)
{
    const smmod__cat_score *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (int)x->category - (int)y->category;
}

static int by_start(const void *a, const void *b)
{
    const smmod__match *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (int)x->rule - (int)y->rule;
}

void smmod__verdict_decide(smmod_scanner *sc)
{
    smmod_verdict *v = &sc->verdict;
    const smmod_ruleset *rs = sc->rs;
    int action = SMMOD_ALLOW;
    for (size_t c = 0; c < rs->categories.count; c++) {
        int s = sc->cat_score[c] > 100 ? 100 : sc->cat_score[c];
        if (!sc->cat_action[c])
            continue;
        v->cats[v->cat_count].category = (uint32_t)c;
        v->cats[v->cat_count++].score = s;
        v->score += s;
        if (sc->cat_action[c] - 1 > action)
            action = sc->cat_action[c] - 1;
    }
    for (int a = SMMOD_REVIEW; a <= SMMOD_REJECT; a++)
        if (rs->thresholds[a] >= 0 && v->score >= rs->thresholds[a] &&
            a > action)
            action = a;
    if ((v->flags & (SMMOD_FLAG_INVALID_UTF8 | SMMOD_FLAG_TRUNCATED |
                     SMMOD_FLAG_LIMIT | SMMOD_FLAG_OFFTOPIC)) &&
        action < SMMOD_REVIEW)
        action = SMMOD_REVIEW;
    v->action = action;
    if (v->cat_count > 1)
        qsort(v->cats, v->cat_count, sizeof(*v->cats), by_score_desc);
    if (v->match_count > 1)
        qsort(v->matches, v->match_count, sizeof(*v->matches), by_start);
}

/* ---- accessors ------------------------------------------------------------ */

int smmod_verdict_action(const smmod_verdict *v)
{
    return v ? v->action : SMMOD_ALLOW;
}

unsigned smmod_verdict_flags(const smmod_verdict *v)
{
    return v ? v->flags : 0;
}

int smmod_verdict_score(const smmod_verdict *v) { return v ? v->score : 0; }

const char *smmod_verdict_fingerprint(const smmod_verdict *v)
{
    return v ? v->rs->fingerprint : "";
}

size_t smmod_verdict_text_length(const smmod_verdict *v)
{
    return v ? v->text_len : 0;
}

size_t smmod_verdict_category_count(const smmod_verdict *v)
{
    return v ? v->cat_count : 0;
}

const char *smmod_verdict_category(const smmod_verdict *v, size_t i)
{
    if (!v || i >= v->cat_count)
        return NULL;
    return v->rs->categories.items[v->cats[i].category].code;
}

int smmod_verdict_category_index(const smmod_verdict *v, size_t i)
{
    return v && i < v->cat_count ? (int)v->cats[i].category : -1;
}

int smmod_verdict_category_score(const smmod_verdict *v, size_t i)
{
    return v && i < v->cat_count ? v->cats[i].score : -1;
}

size_t smmod_verdict_match_count(const smmod_verdict *v)
{
    return v ? v->match_count : 0;
}

static const smmod__match *match_at(const smmod_verdict *v, size_t i)
{
    return v && i < v->match_count ? &v->matches[i] : NULL;
}

const char *smmod_verdict_match_rule(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? v->rs->rules.items[m->rule].id : NULL;
}

const char *smmod_verdict_match_category(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    if (!m)
        return NULL;
    return v->rs->categories.items[v->rs->rules.items[m->rule].category].code;
}

const char *smmod_verdict_match_term(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? m->term : NULL;
}

size_t smmod_verdict_match_start(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? m->start : (size_t)-1;
}

size_t smmod_verdict_match_end(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? m->end : (size_t)-1;
}

int smmod_verdict_match_view(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? m->view : -1;
}

int smmod_verdict_match_score(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? m->score : -1;
}

int smmod_verdict_match_action(const smmod_verdict *v, size_t i)
{
    const smmod__match *m = match_at(v, i);
    return m ? v->rs->rules.items[m->rule].action : -1;
}
