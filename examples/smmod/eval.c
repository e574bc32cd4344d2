/*
 * eval.c - the metrics of `smmod eval`: precision, recall and F1 at the
 * review, hide and reject levels, macro-F1 (mean F1 of the offensive and
 * the other class at the review level, GermEval's measure), recall per
 * gold fine label, and hits and precision per category and per rule.
 */
#include "eval.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

void eval_init(eval_counts *e, const smmod_ruleset *rs)
{
    memset(e, 0, sizeof *e);
    e->ncat = smmod_ruleset_category_count(rs);
    e->nrule = smmod_ruleset_rule_count(rs);
    e->cat_hits = xcalloc(e->ncat + 1, sizeof(uint64_t));
    e->cat_pos = xcalloc(e->ncat + 1, sizeof(uint64_t));
    e->rule_hits = xcalloc(e->nrule + 1, sizeof(uint64_t));
    e->rule_pos = xcalloc(e->nrule + 1, sizeof(uint64_t));
}

void eval_free(eval_counts *e)
{
    for (size_t i = 0; i < e->nlabels; i++)
        free(e->label[i]);
    free(e->cat_hits);
    free(e->cat_pos);
    free(e->rule_hits);
    free(e->rule_pos);
}

static void add_label(eval_counts *e, const char *fine, int action)
{
    size_t i = 0;
    while (i < e->nlabels && strcmp(e->label[i], fine) != 0)
        i++;
    if (i == e->nlabels) {
        if (e->nlabels == EVAL_MAX_LABELS)
            return;
        e->label[e->nlabels++] = xstrdup(fine);
    }
    e->label_n[i]++;
    e->label_flag[i] += action >= SMMOD_REVIEW;
    e->label_reject[i] += action >= SMMOD_REJECT;
}

static void add_rules(eval_counts *e, int positive, const smmod_verdict *v,
                      const rule_map *m)
{
    size_t nm = smmod_verdict_match_count(v);
    for (size_t i = 0; i < nm; i++) {
        long r = rule_map_find(m, smmod_verdict_match_rule(v, i));
        int seen = r < 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = rule_map_find(m, smmod_verdict_match_rule(v, k)) == r;
        if (seen)
            continue; /* a rule counts once per comment */
        e->rule_hits[r]++;
        e->rule_pos[r] += (uint64_t)positive;
    }
}

void eval_add(eval_counts *e, int positive, const char *fine,
              const smmod_verdict *v, const rule_map *m)
{
    int action = smmod_verdict_action(v);
    e->n++;
    e->pos += (uint64_t)positive;
    for (int level = SMMOD_REVIEW; level <= SMMOD_REJECT; level++) {
        if (action < level)
            continue;
        if (positive)
            e->tp[level]++;
        else
            e->fp[level]++;
    }
    if (fine && *fine)
        add_label(e, fine, action);
    size_t nc = smmod_verdict_category_count(v);
    for (size_t i = 0; i < nc; i++) {
        int c = smmod_verdict_category_index(v, i);
        if (c >= 0 && (size_t)c < e->ncat) {
            e->cat_hits[c]++;
            e->cat_pos[c] += (uint64_t)positive;
        }
    }
    add_rules(e, positive, v, m);
}

static double ratio(uint64_t a, uint64_t b) { return b ? (double)a / (double)b : 0.0; }

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

static void print_levels(const eval_counts *e, FILE *f)
{
    fprintf(f, "%-8s %9s %7s %7s %9s\n", "level", "precision", "recall", "F1",
            "flagged");
    for (int level = SMMOD_REVIEW; level <= SMMOD_REJECT; level++) {
        double p = ratio(e->tp[level], e->tp[level] + e->fp[level]);
        double r = ratio(e->tp[level], e->pos);
        fprintf(f, "%-8s %9.3f %7.3f %7.3f %9llu\n", action_name(level), p, r,
                f1(p, r), (unsigned long long)(e->tp[level] + e->fp[level]));
    }
    uint64_t neg = e->n - e->pos, tn = neg - e->fp[1], fn = e->pos - e->tp[1];
    double f_pos = f1(ratio(e->tp[1], e->tp[1] + e->fp[1]), ratio(e->tp[1], e->pos));
    double f_neg = f1(ratio(tn, tn + fn), ratio(tn, neg));
    fprintf(f, "macro-F1 (review level): %.3f  (offensive %.3f, other %.3f)\n",
            (f_pos + f_neg) / 2, f_pos, f_neg);
}

static void print_labels(const eval_counts *e, FILE *f)
{
    if (!e->nlabels)
        return;
    fprintf(f, "\n%-16s %8s %9s %9s\n", "gold label", "comments", "flagged",
            "rejected");
    for (size_t i = 0; i < e->nlabels; i++)
        fprintf(f, "%-16s %8llu %8.1f%% %8.1f%%\n", e->label[i],
                (unsigned long long)e->label_n[i],
                100 * ratio(e->label_flag[i], e->label_n[i]),
                100 * ratio(e->label_reject[i], e->label_n[i]));
}

static void print_categories(const eval_counts *e, const smmod_ruleset *rs,
                             FILE *f)
{
    fprintf(f, "\n%-16s %8s %9s\n", "category", "hits", "precision");
    for (size_t c = 0; c < e->ncat; c++)
        if (e->cat_hits[c])
            fprintf(f, "%-16s %8llu %9.3f\n", smmod_ruleset_category_code(rs, c),
                     (unsigned long long)e->cat_hits[c],
                     ratio(e->cat_pos[c], e->cat_hits[c]));
}

static const eval_counts *sort_e;

static int by_hits(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_e->rule_hits[x] != sort_e->rule_hits[y])
        return sort_e->rule_hits[x] < sort_e->rule_hits[y] ? 1 : -1;
    return x < y ? -1 : 1;
}

/* Rules by hits: with `gold`, also true/false positives and precision. */
static void print_rules(const eval_counts *e, const smmod_ruleset *rs,
                        size_t top, int gold, FILE *f)
{
    size_t *order = xmalloc((e->nrule + 1) * sizeof *order);
    for (size_t i = 0; i < e->nrule; i++)
        order[i] = i;
    sort_e = e; /* qsort has no context argument; single-threaded */
    qsort(order, e->nrule, sizeof *order, by_hits);
    if (gold)
        fprintf(f, "\n%8s %8s %8s %9s  %s\n", "hits", "TP", "FP", "precision", "rule");
    else
        fprintf(f, "\n%8s  %s\n", "hits", "rule");
    for (size_t i = 0; i < e->nrule && i < top && e->rule_hits[order[i]]; i++) {
        size_t r = order[i];
        if (gold)
            fprintf(f, "%8llu %8llu %8llu %9.3f  %s\n",
                    (unsigned long long)e->rule_hits[r],
                    (unsigned long long)e->rule_pos[r],
                    (unsigned long long)(e->rule_hits[r] - e->rule_pos[r]),
                    ratio(e->rule_pos[r], e->rule_hits[r]),
                    smmod_ruleset_rule_id(rs, r));
        else
            fprintf(f, "%8llu  %s\n", (unsigned long long)e->rule_hits[r],
                    smmod_ruleset_rule_id(rs, r));
    }
    free(order);
}

void eval_print(const eval_counts *e, const smmod_ruleset *rs, size_t top,
                FILE *f)
{
    fprintf(f, "comments %llu, offensive %llu, other %llu\n\n",
            (unsigned long long)e->n, (unsigned long long)e->pos,
            (unsigned long long)(e->n - e->pos));
    print_levels(e, f);
    print_labels(e, f);
    print_categories(e, rs, f);
    print_rules(e, rs, top, 1, f);
}

void eval_print_clean(const eval_counts *e, const smmod_ruleset *rs,
                      size_t top, FILE *f)
{
    fprintf(f, "clean text: %llu sentences, flag rate %.3f%% (%llu), "
               "reject rate %.3f%% (%llu)\n",
            (unsigned long long)e->n, 100 * ratio(e->fp[1], e->n),
            (unsigned long long)e->fp[1], 100 * ratio(e->fp[3], e->n),
            (unsigned long long)e->fp[3]);
    print_rules(e, rs, top, 0, f);
}
