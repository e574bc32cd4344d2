/*
 * ruleset.c - the life cycle of a smmod_ruleset (load, compile from text,
 * reference counting, destruction) and its public read-only accessors.
 */
#include "ruleset.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "parse.h"

int smmod__ruleset_new(smmod_ruleset **out, const smmod_options *opts)
{
    smmod_ruleset *rs = smmod__calloc(1, sizeof(*rs));
    if (!rs)
        return SMMOD_ENOMEM;
    atomic_init(&rs->refs, 1);
    if (opts)
        rs->limits = opts->limits;
    else
        smmod__limits_default(&rs->limits);
    rs->thresholds[SMMOD_ALLOW] = -1;
    rs->thresholds[SMMOD_REVIEW] = 30;
    rs->thresholds[SMMOD_HIDE] = -1;
    rs->thresholds[SMMOD_REJECT] = 90;
    *out = rs;
    return SMMOD_OK;
}

int smmod__strings_push(char ***items, size_t *count, size_t *cap,
                        const char *s, size_t len, char **out)
{
    char *copy = smmod__strndup(s, len);
    if (!copy || smmod__grow((void **)items, cap, *count + 1, sizeof(char *))) {
        smmod__free(copy);
        return SMMOD_ENOMEM;
    }
    (*items)[(*count)++] = copy;
    if (out)
        *out = copy;
    return 0;
}

int smmod__ruleset_find_category(const smmod_ruleset *rs, const char *code)
{
    for (size_t i = 0; i < rs->categories.count; i++)
        if (strcmp(rs->categories.items[i].code, code) == 0)
            return (int)i;
    return -1;
}

static void free_strings(char **items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        smmod__free(items[i]);
    smmod__free(items);
}

static void free_terms(smmod__term *terms, size_t count)
{
    for (size_t i = 0; i < count; i++)
        smmod__free(terms[i].source);
    smmod__free(terms);
}

static void free_rules(smmod_ruleset *rs)
{
    for (size_t i = 0; i < rs->rules.count; i++) {
        smmod__rule *r = &rs->rules.items[i];
        smmod__free(r->id);
        smmod__free(r->pattern);
        pcre2_code_free(r->re);
    }
    smmod__free(rs->rules.items);
    for (size_t i = 0; i < rs->categories.count; i++) {
        smmod__category *c = &rs->categories.items[i];
        smmod__free(c->code);
        smmod__free(c->label);
        smmod__free(c->basis);
    }
    smmod__free(rs->categories.items);
}

static void free_named(smmod_ruleset *rs)
{
    for (size_t i = 0; i < rs->lists.count; i++)
        smmod__free(rs->lists.items[i].name);
    smmod__free(rs->lists.items);
    for (size_t i = 0; i < rs->topics.count; i++)
        smmod__free(rs->topics.items[i].name);
    smmod__free(rs->topics.items);
    for (size_t i = 0; i < rs->tests.count; i++)
        smmod__free(rs->tests.items[i].text);
    smmod__free(rs->tests.items);
}

void smmod__ruleset_destroy(smmod_ruleset *rs)
{
    if (!rs)
        return;
    for (int v = 0; v < SMMOD__V_COUNT; v++) {
        smmod__ac_free(rs->matchers[v].ac);
        smmod__free(rs->matchers[v].entries);
    }
    smmod__prefilter_free(rs->prefilter);
    free_rules(rs);
    free_named(rs);
    free_terms(rs->terms.items, rs->terms.count);
    free_terms(rs->allow_terms.items, rs->allow_terms.count);
    free_strings(rs->files.items, rs->files.count);
    free_strings(rs->list_terms.items, rs->list_terms.count);
    free_strings(rs->topic_terms.items, rs->topic_terms.count);
    free_strings(rs->url_allow.items, rs->url_allow.count);
    free_strings(rs->url_deny.items, rs->url_deny.count);
    smmod__normalizer_free(rs->norm);
    pcre2_general_context_free(rs->pcre_gc);
    smmod__free(rs);
}

/* Parse (with `parse`), then compile; on any error free everything. */
static int build(smmod_ruleset **out, const smmod_options *opts,
                 smmod_error *err, const char *path, const char *text,
                 size_t len, const char *name)
{
    smmod__parser p;
    int rc;
    *out = NULL;
    smmod__error_clear(err);
    memset(&p, 0, sizeof(p));
    p.err = err;
    rc = smmod__ruleset_new(&p.rs, opts);
    if (rc)
        return smmod__error_set(err, rc, NULL, 0, 0, "out of memory");
    if (path)
        rc = smmod__parse_file(&p, path);
    else
        rc = smmod__parse_text(&p, text, len, name ? name : "<string>");
    smmod__parser_free(&p);
    if (rc == 0)
        rc = smmod__ruleset_compile(p.rs, err);
    if (rc) {
        if (rc == SMMOD_ENOMEM)
            smmod__error_set(err, rc, NULL, 0, 0, "out of memory");
        smmod__ruleset_destroy(p.rs);
        return rc;
    }
    *out = p.rs;
    return SMMOD_OK;
}

int smmod_ruleset_load(smmod_ruleset **out, const char *path,
                       const smmod_options *opts, smmod_error *err)
{
    if (!out || !path) {
        if (out)
            *out = NULL;
        return smmod__error_set(err, SMMOD_EINVAL, NULL, 0, 0,
                                "no ruleset path given");
    }
    return build(out, opts, err, path, NULL, 0, NULL);
}

int smmod_ruleset_compile(smmod_ruleset **out, const char *text, size_t len,
                          const char *name, const smmod_options *opts,
                          smmod_error *err)
{
    if (!out || (!text && len)) {
        if (out)
            *out = NULL;
        return smmod__error_set(err, SMMOD_EINVAL, NULL, 0, 0,
                                "no rule text given");
    }
    return build(out, opts, err, NULL, text ? text : "", len, name);
}

smmod_ruleset *smmod_ruleset_ref(smmod_ruleset *rs)
{
    if (rs)
        atomic_fetch_add_explicit(&rs->refs, 1, memory_order_relaxed);
    return rs;
}

void smmod_ruleset_free(smmod_ruleset *rs)
{
    if (rs && atomic_fetch_sub_explicit(&rs->refs, 1, memory_order_acq_rel) == 1)
        smmod__ruleset_destroy(rs);
}

const char *smmod_ruleset_fingerprint(const smmod_ruleset *rs)
{
    return rs ? rs->fingerprint : "";
}

size_t smmod_ruleset_category_count(const smmod_ruleset *rs)
{
    return rs ? rs->categories.count : 0;
}

static const smmod__category *category_at(const smmod_ruleset *rs, size_t i)
{
    return rs && i < rs->categories.count ? &rs->categories.items[i] : NULL;
}

const char *smmod_ruleset_category_code(const smmod_ruleset *rs, size_t i)
{
    const smmod__category *c = category_at(rs, i);
    return c ? c->code : NULL;
}

const char *smmod_ruleset_category_label(const smmod_ruleset *rs, size_t i)
{
    const smmod__category *c = category_at(rs, i);
    return c ? (c->label ? c->label : "") : NULL;
}

const char *smmod_ruleset_category_basis(const smmod_ruleset *rs, size_t i)
{
    const smmod__category *c = category_at(rs, i);
    return c ? (c->basis ? c->basis : "") : NULL;
}

size_t smmod_ruleset_rule_count(const smmod_ruleset *rs)
{
    return rs ? rs->rules.count : 0;
}

static const smmod__rule *rule_at(const smmod_ruleset *rs, size_t i)
{
    return rs && i < rs->rules.count ? &rs->rules.items[i] : NULL;
}

const char *smmod_ruleset_rule_id(const smmod_ruleset *rs, size_t i)
{
    const smmod__rule *r = rule_at(rs, i);
    return r ? r->id : NULL;
}

int smmod_ruleset_rule_category(const smmod_ruleset *rs, size_t i)
{
    const smmod__rule *r = rule_at(rs, i);
    return r ? (int)r->category : -1;
}

size_t smmod_ruleset_rule_term_count(const smmod_ruleset *rs, size_t i)
{
    const smmod__rule *r = rule_at(rs, i);
    return r ? r->term_count : 0;
}

int smmod_ruleset_threshold(const smmod_ruleset *rs, int action)
{
    if (!rs || action < SMMOD_REVIEW || action > SMMOD_REJECT)
        return -1;
    return rs->thresholds[action];
}

size_t smmod_ruleset_topic_count(const smmod_ruleset *rs)
{
    return rs ? rs->topics.count : 0;
}

const char *smmod_ruleset_topic_name(const smmod_ruleset *rs, size_t i)
{
    return rs && i < rs->topics.count ? rs->topics.items[i].name : NULL;
}

size_t smmod_ruleset_test_count(const smmod_ruleset *rs)
{
    return rs ? rs->tests.count : 0;
}

static const smmod__test *test_at(const smmod_ruleset *rs, size_t i)
{
    return rs && i < rs->tests.count ? &rs->tests.items[i] : NULL;
}

const char *smmod_ruleset_test_text(const smmod_ruleset *rs, size_t i)
{
    const smmod__test *t = test_at(rs, i);
    return t ? t->text : NULL;
}

int smmod_ruleset_test_expected(const smmod_ruleset *rs, size_t i)
{
    const smmod__test *t = test_at(rs, i);
    return t ? t->expected : -1;
}

const char *smmod_ruleset_test_file(const smmod_ruleset *rs, size_t i)
{
    const smmod__test *t = test_at(rs, i);
    return t ? t->pos.file : NULL;
}

unsigned smmod_ruleset_test_line(const smmod_ruleset *rs, size_t i)
{
    const smmod__test *t = test_at(rs, i);
    return t ? t->pos.line : 0;
}
