/*
 * options.h - the limits and switches of loading and scanning (the
 * smmod_options object, and the plain struct every ruleset and scanner
 * keeps a copy of). Owned by options.c.
 */
#ifndef SMMOD_OPTIONS_H
#define SMMOD_OPTIONS_H

#include <stdint.h>

typedef struct smmod__limits {
    int64_t max_comment_bytes;
    int64_t max_rule_file_bytes;
    int64_t max_terms;
    int64_t max_include_depth;
    int64_t allow_outside_root;
    int64_t regex_match_limit;
    int64_t regex_depth_limit;
    int64_t regex_heap_limit_kb;
    int64_t max_matches;
    int64_t keep_tests;
} smmod__limits;

struct smmod_options {
    smmod__limits limits;
};

void smmod__limits_default(smmod__limits *l);
/* Set one key in *l after checking its range: 0 or SMMOD_EINVAL. */
int smmod__limits_set(smmod__limits *l, int key, int64_t value);
int smmod__limits_get(const smmod__limits *l, int key, int64_t *out);

#endif
