/*
 * eval.h - counting for `smmod eval`: gold labels against verdicts, per
 * level (review, hide, reject), per gold fine label, per category and per
 * rule.
 */
#ifndef SMMOD_CLI_EVAL_H
#define SMMOD_CLI_EVAL_H

#include "stats.h"

#include <smmod.h>
#include <stdint.h>
#include <stdio.h>

#define EVAL_MAX_LABELS 32

typedef struct eval_counts {
    uint64_t n, pos;
    uint64_t tp[4], fp[4]; /* predicted = action >= level */
    char *label[EVAL_MAX_LABELS];
    uint64_t label_n[EVAL_MAX_LABELS], label_flag[EVAL_MAX_LABELS],
        label_reject[EVAL_MAX_LABELS];
    size_t nlabels;
    size_t ncat, nrule;
    uint64_t *cat_hits, *cat_pos;   /* comments a category matched */
    uint64_t *rule_hits, *rule_pos; /* comments a rule matched */
} eval_counts;

void eval_init(eval_counts *e, const smmod_ruleset *rs);
void eval_free(eval_counts *e);
/* Count one comment: its gold class, fine label (may be NULL) and verdict. */
void eval_add(eval_counts *e, int positive, const char *fine,
              const smmod_verdict *v, const rule_map *m);
/* The report on `f`; `top` rules at most. */
void eval_print(const eval_counts *e, const smmod_ruleset *rs, size_t top,
                FILE *f);
/* The clean-text report: flag and reject rates and the rules that fired. */
void eval_print_clean(const eval_counts *e, const smmod_ruleset *rs,
                      size_t top, FILE *f);

#endif
