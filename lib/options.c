/*
 * options.c - the smmod_options object: defaults, range checks, get/set.
 */
#include "options.h"

#include "alloc.h"
#include "smmod.h"

void smmod__limits_default(smmod__limits *l)
{
    l->max_comment_bytes = 1 << 20;
    l->max_rule_file_bytes = 16 << 20;
    l->max_terms = 4000000;
    l->max_include_depth = 16;
    l->allow_outside_root = 0;
    l->regex_match_limit = 100000;
    l->regex_depth_limit = 10000;
    l->regex_heap_limit_kb = 4096;
    l->max_matches = 256;
    l->keep_tests = 1;
}

/* The field of a key, and the smallest value it accepts. */
static int64_t *field(smmod__limits *l, int key, int64_t *min)
{
    *min = 1;
    switch (key) {
    case SMMOD_OPT_MAX_COMMENT_BYTES:
        return &l->max_comment_bytes;
    case SMMOD_OPT_MAX_RULE_FILE_BYTES:
        return &l->max_rule_file_bytes;
    case SMMOD_OPT_MAX_TERMS:
        return &l->max_terms;
    case SMMOD_OPT_MAX_INCLUDE_DEPTH:
        return &l->max_include_depth;
    case SMMOD_OPT_ALLOW_OUTSIDE_ROOT:
        *min = 0;
        return &l->allow_outside_root;
    case SMMOD_OPT_REGEX_MATCH_LIMIT:
        return &l->regex_match_limit;
    case SMMOD_OPT_REGEX_DEPTH_LIMIT:
        return &l->regex_depth_limit;
    case SMMOD_OPT_REGEX_HEAP_LIMIT_KB:
        return &l->regex_heap_limit_kb;
    case SMMOD_OPT_MAX_MATCHES:
        return &l->max_matches;
    case SMMOD_OPT_KEEP_TESTS:
        *min = 0;
        return &l->keep_tests;
    default:
        return NULL;
    }
}

int smmod__limits_set(smmod__limits *l, int key, int64_t value)
{
    int64_t min;
    int64_t *f = field(l, key, &min);
    /* Offsets are kept in 32 bits: comments stay below 4 GiB. */
    if (!f || value < min || value > (int64_t)UINT32_MAX - 1)
        return SMMOD_EINVAL;
    *f = value;
    return SMMOD_OK;
}

int smmod__limits_get(const smmod__limits *l, int key, int64_t *out)
{
    int64_t min;
    int64_t *f = field((smmod__limits *)l, key, &min);
    if (!f || !out)
        return SMMOD_EINVAL;
    *out = *f;
    return SMMOD_OK;
}

int smmod_options_new(smmod_options **out)
{
    if (!out)
        return SMMOD_EINVAL;
    *out = smmod__malloc(sizeof(**out));
    if (!*out)
        return SMMOD_ENOMEM;
    smmod__limits_default(&(*out)->limits);
    return SMMOD_OK;
}

void smmod_options_free(smmod_options *opts) { smmod__free(opts); }

int smmod_options_set(smmod_options *opts, int key, int64_t value)
{
    return opts ? smmod__limits_set(&opts->limits, key, value)
                : SMMOD_EINVAL;
}

int smmod_options_get(const smmod_options *opts, int key, int64_t *out)
{
    return opts ? smmod__limits_get(&opts->limits, key, out) : SMMOD_EINVAL;
}
