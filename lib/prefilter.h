/*
 * prefilter.h - the literal prefilter of the regex rules. At compile time
 * each regex (after {list} expansion) is analysed for what every match must
 * contain: a few clauses, each either a set of literal strings (one of them
 * occurs in the match) or a run of n identical characters. All literals of
 * one view go into one Aho-Corasick automaton (or into the FOLDED word
 * automaton, see smmod__prefilter_export_folded); at scan time it runs once
 * over the view and a regex runs only when all of its clauses were seen.
 * A regex's weaker clauses with few literals are looked for only after its
 * best clause was seen (smmod__prefilter_pass). A regex whose shape the
 * analysis does not understand always runs, so the prefilter never changes
 * a verdict, only skips work.
 *
 * Owned by prefilter.c; built by compile.c, used by scan.c and words.c.
 */
#ifndef SMMOD_PREFILTER_H
#define SMMOD_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "automaton.h"
#include "norm.h"

typedef struct smmod__prefilter smmod__prefilter; /* immutable once built */

/* A prefilter for rules 0 .. rule_count-1 (rules that are never added are
 * never asked about). 0 or SMMOD_ENOMEM. */
int smmod__prefilter_new(smmod__prefilter **out, size_t rule_count);
void smmod__prefilter_free(smmod__prefilter *pf);

/* Analyse the expanded pattern of regex rule `rule` (matched in view
 * `view`, PCRE2 compile options `options`) and record its clauses. A
 * pattern that cannot be analysed safely is marked "always run". 0 or
 * SMMOD_ENOMEM. */
int smmod__prefilter_add(smmod__prefilter *pf, uint32_t rule, int view,
                         const char *pattern, size_t len, uint32_t options);

/* Build the automata after the last add. 0 or SMMOD_ENOMEM. */
int smmod__prefilter_build(smmod__prefilter *pf);

/*
 * Before the build: the FOLDED view is scanned by a word automaton anyway,
 * so the prefilter's FOLDED literals, and the PLAIN literals that FOLDED
 * finds as well (lower-case ASCII words of two letters or more without a
 * double letter; see fold_stable in prefilter.c), go into that automaton rather
 * than one of the prefilter's own: one pass over the text instead of two.
 * After the build, smmod__prefilter_each_export gives them, each with the
 * group its hits are reported as (smmod__prefilter_literal).
 */
void smmod__prefilter_export_folded(smmod__prefilter *pf);
typedef int (*smmod__prefilter_export_fn)(void *ctx, const char *lit,
                                          size_t len, uint32_t group);
int smmod__prefilter_each_export(const smmod__prefilter *pf,
                                 smmod__prefilter_export_fn fn, void *ctx);
/* Record in seen[] (as filled by smmod__prefilter_jobs) a hit of an
 * exported literal of group `group`. */
void smmod__prefilter_literal(const smmod__prefilter *pf, uint32_t *seen,
                              uint32_t group);

/* The views (bit per smmod__view_kind) the prefilter reads. */
unsigned smmod__prefilter_views(const smmod__prefilter *pf);

/* Entries of the seen[] array the scan functions fill: a clause mask per
 * rule, then a bit per rule for the rules that may run. */
size_t smmod__prefilter_seen_len(const smmod__prefilter *pf);

/* Scan the views and set in seen[rule] the bit of every clause found
 * (seen has smmod__prefilter_seen_len entries and is cleared here first).
 * Allocates nothing. */
void smmod__prefilter_scan(const smmod__prefilter *pf,
                           const smmod__view *views, uint32_t *seen);

/* The same scan in two halves, so that its automata can run together with
 * other scans (smmod__ac_scan_jobs): _jobs clears seen[] and fills up to
 * SMMOD__V_COUNT jobs whose callbacks record into seen[] through *ctx
 * (which must live until they ran); returns how many. After they ran,
 * _runs adds the run clauses. */
typedef struct smmod__prefilter_ctx {
    const smmod__prefilter *pf;
    uint32_t *seen;
} smmod__prefilter_ctx;
size_t smmod__prefilter_jobs(const smmod__prefilter *pf,
                             const smmod__view *views, uint32_t *seen,
                             smmod__prefilter_ctx *ctx, smmod__ac_job *jobs);
void smmod__prefilter_runs(const smmod__prefilter *pf,
                           const smmod__view *views, uint32_t *seen);

/* Whether regex rule `rule` may match, given seen[] from the scan of
 * `views`. Clauses kept out of the automata (a regex's weaker clauses with
 * few literals, see `defers` in prefilter.c) are looked for in the views
 * only now, once the rest of their branch was seen; those found are added
 * to seen[rule]. */
int smmod__prefilter_pass(const smmod__prefilter *pf, const smmod__view *views,
                          uint32_t *seen, uint32_t rule);

/* The regex rules that may match, given seen[] from the scan, in rule
 * order: start with *pos = 0; each call sets *rule to the next one and
 * returns 1, or returns 0 when none is left. The same rules as asking
 * smmod__prefilter_pass about every added rule, without touching the
 * others. */
int smmod__prefilter_next(const smmod__prefilter *pf, const smmod__view *views,
                          uint32_t *seen, size_t *pos, uint32_t *rule);

/* For benchmarks and tests: how many regexes have clauses (the rest
 * always run), and the clause mask of one rule (0: always runs). */
size_t smmod__prefilter_filtered(const smmod__prefilter *pf);
uint32_t smmod__prefilter_need(const smmod__prefilter *pf, uint32_t rule);
/* How many literals were exported (smmod__prefilter_export_folded). */
size_t smmod__prefilter_exported(const smmod__prefilter *pf);
/* The clause bits of a rule that are looked for only on demand. */
uint32_t smmod__prefilter_deferred(const smmod__prefilter *pf, uint32_t rule);

#endif
