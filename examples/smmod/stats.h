/*
 * stats.h - counters of a scan run: per worker, merged at the end, for
 * the --stats line, the --summary table and the exit code.
 */
#ifndef SMMOD_CLI_STATS_H
#define SMMOD_CLI_STATS_H

#include <smmod.h>
#include <stdint.h>
#include <stdio.h>

/* Maps rule ids (as verdicts report them) to rule indexes. */
typedef struct rule_map rule_map;
rule_map *rule_map_new(const smmod_ruleset *rs);
void rule_map_free(rule_map *m);
/* The index of rule `id`; -1 when unknown. */
long rule_map_find(const rule_map *m, const char *id);

typedef struct stats {
    uint64_t read;      /* records read */
    uint64_t comments;  /* records scanned */
    uint64_t actions[4];
    uint64_t malformed;
    uint64_t written;
    size_t ncat, nrule;
    uint64_t *cat_action; /* [category * 4 + action], with --summary */
    uint64_t *rule_hits;  /* [rule]: comments it matched, with --summary */
} stats;

/* detail: also count per category and rule (for --summary). */
void stats_init(stats *s, const smmod_ruleset *rs, int detail);
void stats_free(stats *s);
void stats_add_verdict(stats *s, const smmod_verdict *v, const rule_map *m);
void stats_merge(stats *into, const stats *from);
/* comments=N allow=N review=N hide=N reject=N flagged=N */
void stats_print_line(const stats *s, FILE *f);
/* The --summary table. */
void stats_print_summary(const stats *s, const smmod_ruleset *rs, FILE *f);

#endif
