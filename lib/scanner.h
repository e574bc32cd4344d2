/*
 * scanner.h - the per-thread scanner and the verdict it owns. Shared by
 * scanner.c (life cycle, limits, topic, views for tools), scan.c (one
 * scan), words.c (word hits), verdict.c (decision and accessors) and
 * redact.c.
 */
#ifndef SMMOD_SCANNER_H
#define SMMOD_SCANNER_H

#include "ruleset.h"

/* A match as the verdict reports it. Offsets are in the original text. */
typedef struct smmod__match {
    uint32_t rule;
    uint32_t start;
    uint32_t end;
    int16_t view;
    int16_t score; /* what it added to its category (0 if counted before) */
    const char *term;
} smmod__match;

/* A word-rule or allow hit before the allow filter (original offsets). */
typedef struct smmod__hit {
    uint32_t term;
    uint32_t start;
    uint32_t end;
    uint16_t view;
} smmod__hit;

typedef struct smmod__span {
    uint32_t start;
    uint32_t end;
} smmod__span;

typedef struct smmod__cat_score {
    uint32_t category;
    int score;
} smmod__cat_score;

struct smmod_verdict {
    const smmod_ruleset *rs;
    int action;
    unsigned flags;
    int score;
    size_t text_len;
    smmod__match *matches;
    size_t match_count;
    size_t match_cap;
    smmod__cat_score *cats; /* matched categories, strongest first */
    size_t cat_count;
};

struct smmod_scanner {
    smmod_ruleset *rs;
    smmod__limits limits;
    smmod__view views[SMMOD__V_COUNT];
    /* word hits of the current scan */
    SMMOD__VEC(smmod__hit) hits;
    SMMOD__VEC(smmod__span) allowed; /* sorted by start before use */
    uint32_t *allowed_max_end;       /* prefix maxima of allowed ends */
    size_t allowed_max_cap;
    /* "counted already" stamps: a term, regex or detector scores once */
    uint32_t *term_stamp;
    uint32_t *rule_stamp;
    uint32_t stamp;
    int *cat_score; /* by category index */
    int *cat_action; /* 0: not matched; else 1 + its strongest action */
    uint32_t *pf_seen; /* by rule: prefilter clauses seen in this scan */
    unsigned triggered; /* lazy views whose trigger was seen (words.c) */
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *jit_stack;
    int topic; /* index, or -1 */
    smmod_verdict verdict;
};

/* words.c: find word-rule matches in every word view; 0 or ENOMEM. The
 * `extra` scans (nextra <= SMMOD__V_COUNT, e.g. the regex prefilter's) run
 * together with the word automata (see smmod__ac_scan_jobs). */
int smmod__scan_words(smmod_scanner *sc, const smmod__ac_job *extra,
                      size_t nextra);
/* scan.c: the word automata and the prefilter's literal automata side by
 * side (smmod__ac_scan_jobs), then the prefilter's run clauses: word
 * matches recorded, pf_seen filled. The views must be computed. 0 or
 * ENOMEM. */
int smmod__scan_literals(smmod_scanner *sc);
/* verdict.c */
void smmod__verdict_reset(smmod_scanner *sc, size_t text_len);
/* Record a match of rule `rule` (term index or UINT32_MAX); `first`
 * says whether this term/rule scores now (first occurrence). */
int smmod__verdict_add(smmod_scanner *sc, uint32_t rule, const char *term,
                       uint32_t start, uint32_t end, int view, int first);
void smmod__verdict_decide(smmod_scanner *sc);
/* Whether `stamp[i]` is new for this scan (and mark it). */
int smmod__first_time(smmod_scanner *sc, uint32_t *stamps, size_t i);

/* Map a view span to the original text. */
static inline void smmod__view_span(const smmod__view *v, size_t s, size_t e,
                                    uint32_t *os, uint32_t *oe)
{
    *os = v->ostart[s];
    *oe = v->oend[e - 1];
}

#endif
