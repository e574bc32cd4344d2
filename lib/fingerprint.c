/*
 * fingerprint.c - the ruleset fingerprint: 64-bit FNV-1a over a canonical
 * serialisation of categories, rules (with their terms and patterns),
 * allow terms, lists, thresholds, domains and topics, plus the library's
 * major.minor version (normalisation may change between releases).
 * Positions and file names are left out: moving a rule to another file
 * does not change any decision.
 */
#include "fingerprint.h"

#include <stdio.h>
#include <string.h>

typedef struct fnv {
    uint64_t h;
} fnv;

static void mix(fnv *f, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        f->h ^= p[i];
        f->h *= 0x100000001b3ULL;
    }
}

static void mix_str(fnv *f, const char *s)
{
    /* the terminating NUL separates fields */
    mix(f, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void mix_int(fnv *f, int64_t v) { mix(f, &v, sizeof(v)); }

/* Terms first..first+n of `t`; indexed, not offset, as `t` is NULL in a
 * ruleset without terms. */
static void mix_terms(fnv *f, const smmod__term *t, size_t first, size_t n)
{
    for (size_t i = first; i < first + n; i++) {
        mix_str(f, t[i].source);
        mix_int(f, t[i].anchor);
    }
}

static void mix_rule(fnv *f, const smmod_ruleset *rs, const smmod__rule *r)
{
    mix_str(f, r->id);
    mix_int(f, r->kind);
    mix_int(f, r->category);
    mix_int(f, r->score);
    mix_int(f, r->action);
    mix_int(f, r->flags);
    mix_int(f, r->view);
    mix_str(f, r->pattern);
    mix_int(f, r->re_flags);
    mix_int(f, r->detectors);
    mix_terms(f, rs->terms.items, r->first_term, r->term_count);
}

/* Strings first..first+n of `items` (which may be NULL when n is 0). */
static void mix_strings(fnv *f, char **items, size_t first, size_t n)
{
    mix_int(f, (int64_t)n);
    for (size_t i = first; i < first + n; i++)
        mix_str(f, items[i]);
}

void smmod__fingerprint(const smmod_ruleset *rs, char out[17])
{
    fnv f = {0xcbf29ce484222325ULL};
    mix_int(&f, SMMOD_VERSION_MAJOR * 100 + SMMOD_VERSION_MINOR);
    for (size_t i = 0; i < rs->categories.count; i++) {
        const smmod__category *c = &rs->categories.items[i];
        mix_str(&f, c->code);
        mix_str(&f, c->label);
        mix_str(&f, c->basis);
        mix_int(&f, c->default_score);
        mix_int(&f, c->action);
        mix_int(&f, c->flags);
    }
    for (size_t i = 0; i < rs->rules.count; i++)
        mix_rule(&f, rs, &rs->rules.items[i]);
    mix_terms(&f, rs->terms.items, rs->allow_first,
              rs->terms.count - rs->allow_first);
    for (size_t i = 0; i < rs->lists.count; i++) {
        mix_str(&f, rs->lists.items[i].name);
        mix_strings(&f, rs->list_terms.items, rs->lists.items[i].first_term,
                    rs->lists.items[i].term_count);
    }
    for (size_t i = 0; i < rs->topics.count; i++) {
        mix_str(&f, rs->topics.items[i].name);
        mix_strings(&f, rs->topic_terms.items, rs->topics.items[i].first_term,
                    rs->topics.items[i].term_count);
    }
    mix(&f, rs->thresholds, sizeof(rs->thresholds));
    mix_strings(&f, rs->url_allow.items, 0, rs->url_allow.count);
    mix_strings(&f, rs->url_deny.items, 0, rs->url_deny.count);
    snprintf(out, 17, "%016llx", (unsigned long long)f.h);
}
