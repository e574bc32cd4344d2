/*
 * ruleset.h - the in-memory form of a ruleset, shared by the parser (which
 * fills it), the compiler (which normalises terms, builds the automata,
 * compiles the regexes and computes the fingerprint) and the scanner (which
 * only reads it). Owned by ruleset.c (life cycle and public accessors).
 */
#ifndef SMMOD_RULESET_H
#define SMMOD_RULESET_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "automaton.h"
#include "detect.h"
#include "norm.h"
#include "options.h"
#include "prefilter.h"
#include "smmod.h"

enum smmod__rule_kind {
    SMMOD__RULE_WORDS = 0,
    SMMOD__RULE_REGEX = 1,
    SMMOD__RULE_DETECT = 2
};

/* Where a term may match (see rules/README.md, "Terms"). */
enum smmod__anchor {
    SMMOD__ANCHOR_WHOLE = 0,  /* idiot: whole word, inflection endings */
    SMMOD__ANCHOR_EXACT = 1,  /* =pack: whole word exactly */
    SMMOD__ANCHOR_PREFIX = 2, /* drecks*: start of a word */
    SMMOD__ANCHOR_SUFFIX = 3, /* *schwein: end of a word, with endings */
    SMMOD__ANCHOR_INFIX = 4   /* *scheiss*: anywhere */
};

#define SMMOD__NO_ACTION (-1)
#define SMMOD__NO_RULE UINT32_MAX /* the rule of an allow term */

typedef struct smmod__category {
    char *code;
    char *label;
    char *basis;
    int default_score;
    int action; /* least action of any match, or SMMOD__NO_ACTION */
    unsigned flags;
} smmod__category;

/* A source position, for error messages. */
typedef struct smmod__pos {
    const char *file; /* interned in smmod_ruleset.files */
    unsigned line;
    unsigned column;
} smmod__pos;

typedef struct smmod__term {
    char *source;     /* as written, without edge markers */
    uint32_t rule;    /* index into rules, or SMMOD__NO_RULE for allow */
    uint8_t anchor;   /* smmod__anchor */
    smmod__pos pos;
} smmod__term;

typedef struct smmod__rule {
    char *id;
    int kind;          /* smmod__rule_kind */
    uint32_t category; /* index into categories */
    int score;
    int action; /* or SMMOD__NO_ACTION */
    unsigned flags;
    int view; /* smmod__view_kind */
    smmod__pos pos;
    /* word rules: terms[first_term .. first_term + term_count) */
    size_t first_term;
    size_t term_count;
    /* regex rules */
    char *pattern;      /* as written, before list expansion */
    uint32_t re_flags;  /* PCRE2 options from the /flags */
    pcre2_code *re;
    /* detect rules */
    unsigned detectors;
} smmod__rule;

typedef struct smmod__list {
    char *name;
    size_t first_term; /* into list_terms */
    size_t term_count;
} smmod__list;

typedef struct smmod__test {
    char *text;
    int expected; /* smmod_action, or SMMOD__TEST_FLAGGED */
    smmod__pos pos;
} smmod__test;
#define SMMOD__TEST_FLAGGED 100

typedef struct smmod__topic {
    char *name;
    size_t first_term; /* into topic_terms */
    size_t term_count;
} smmod__topic;

/* One automaton of one view: pattern values index `entries`. */
typedef struct smmod__ac_entry {
    uint32_t term;    /* index into terms */
    uint8_t variant;  /* 1: the umlauted stem (dumm -> duemm); 2: a
                         trigger of the lazy no-collapse view (below) */
} smmod__ac_entry;
#define SMMOD__ENTRY_UMLAUT 1
#define SMMOD__ENTRY_TRIGGER 2
/* a literal of the regex prefilter; `term` is its group (see
 * smmod__prefilter_export_folded) */
#define SMMOD__ENTRY_PREFILTER 3

typedef struct smmod__view_matcher {
    smmod__ac *ac;
    smmod__ac_entry *entries;
    size_t entry_count;
} smmod__view_matcher;

/* Growable arrays used while parsing. */
#define SMMOD__VEC(type)                                                       \
    struct {                                                                   \
        type *items;                                                           \
        size_t count;                                                          \
        size_t cap;                                                            \
    }

struct smmod_ruleset {
    atomic_int refs;
    smmod__limits limits;

    SMMOD__VEC(char *) files; /* every file read, for positions */
    SMMOD__VEC(smmod__category) categories;
    SMMOD__VEC(smmod__rule) rules;
    SMMOD__VEC(smmod__term) terms;       /* rule terms, then allow terms */
    SMMOD__VEC(smmod__term) allow_terms; /* moved into terms at compile */
    SMMOD__VEC(smmod__list) lists;
    SMMOD__VEC(char *) list_terms;
    SMMOD__VEC(smmod__test) tests;
    SMMOD__VEC(smmod__topic) topics;
    SMMOD__VEC(char *) topic_terms; /* folded, whole words */
    SMMOD__VEC(char *) url_allow;
    SMMOD__VEC(char *) url_deny;
    int thresholds[4]; /* by action; -1 = off; [SMMOD_ALLOW] unused */

    /* filled by the compiler */
    smmod__normalizer *norm;
    smmod__view_matcher matchers[SMMOD__V_COUNT];
    unsigned word_views; /* bit per view kind that has a matcher */
    unsigned views_needed;
    /* Views computed only on demand: FOLDED is FOLDED_NOCOLLAPSE with
     * letter runs squashed, so a no-collapse term can only match when
     * its squashed form occurs in FOLDED. Those squashed forms are
     * trigger entries in the FOLDED matcher. */
    unsigned lazy_views;
    size_t allow_first; /* terms[allow_first..] are allow terms */
    unsigned detect_mask;
    smmod__domains allow_domains;
    smmod__domains deny_domains;
    char fingerprint[17];
    pcre2_general_context *pcre_gc;
    /* which regexes can match a comment */
    smmod__prefilter *prefilter;
};

/* Append one zeroed element to a SMMOD__VEC; returns a pointer to it or
 * NULL when out of memory. */
#define SMMOD__VEC_PUSH(vec)                                                   \
    (smmod__grow((void **)&(vec).items, &(vec).cap, (vec).count + 1,          \
                 sizeof(*(vec).items)) == 0                                    \
         ? (memset(&(vec).items[(vec).count], 0, sizeof(*(vec).items)),        \
            &(vec).items[(vec).count++])                                       \
         : NULL)

/* Append a copy of s[0..len) to a SMMOD__VEC(char *); *out (if not NULL)
 * receives the copy. 0 or SMMOD_ENOMEM (then nothing is appended). */
int smmod__strings_push(char ***items, size_t *count, size_t *cap,
                        const char *s, size_t len, char **out);
#define SMMOD__STRINGS_PUSH(vec, s, len, out)                                  \
    smmod__strings_push(&(vec).items, &(vec).count, &(vec).cap, (s), (len),   \
                        (out))

/* ruleset.c */
int smmod__ruleset_new(smmod_ruleset **out, const smmod_options *opts);
void smmod__ruleset_destroy(smmod_ruleset *rs);
/* Index of a category code, or -1. */
int smmod__ruleset_find_category(const smmod_ruleset *rs, const char *code);

/* compile.c: turn a parsed ruleset into a scannable one. */
int smmod__ruleset_compile(smmod_ruleset *rs, smmod_error *err);

#endif
