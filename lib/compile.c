/*
 * compile.c - turns a parsed ruleset into a scannable one: terms are
 * normalised by the same code as comments and go into one automaton per
 * view, regexes get their {list} references expanded and are compiled once
 * with PCRE2 JIT, detector settings are gathered, and the fingerprint is
 * computed over everything that decides a verdict.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fingerprint.h"
#include "ruleset.h"

static int term_error(smmod_error *err, const smmod__term *t, const char *why)
{
    return smmod__error_set(err, SMMOD_ERULE, t->pos.file, t->pos.line,
                            t->pos.column, "the term \"%s\" %s", t->source,
                            why);
}

/* Move allow terms behind the rule terms, so one index space holds both. */
static int merge_allow_terms(smmod_ruleset *rs)
{
    size_t need = rs->terms.count + rs->allow_terms.count;
    if (smmod__grow((void **)&rs->terms.items, &rs->terms.cap, need,
                    sizeof(*rs->terms.items)))
        return SMMOD_ENOMEM;
    rs->allow_first = rs->terms.count;
    if (rs->allow_terms.count)
        memcpy(rs->terms.items + rs->terms.count, rs->allow_terms.items,
               rs->allow_terms.count * sizeof(*rs->terms.items));
    rs->terms.count = need;
    smmod__free(rs->allow_terms.items);
    rs->allow_terms.items = NULL;
    rs->allow_terms.count = rs->allow_terms.cap = 0;
    return 0;
}

/* The umlauted stem of a folded term (dum -> duem, sau -> saeu), for
 * comparative and plural forms (dümmer, Säue); 0 if there is none. */
static int umlaut_variant(const char *s, size_t len, char *out, size_t cap)
{
    size_t i = len;
    while (i > 0 && !strchr("aeiou", s[i - 1]))
        i--;
    if (i == 0 || !strchr("aou", s[i - 1]) || len + 2 > cap)
        return 0;
    i--;
    if (s[i] == 'u' && i > 0 && s[i - 1] == 'a')
        i--; /* au -> aeu */
    else if (s[i] == 'u' && i > 0 && s[i - 1] == 'e')
        return 0; /* eu has no umlaut */
    memcpy(out, s, i + 1);
    out[i + 1] = 'e';
    memcpy(out + i + 2, s + i + 1, len - i - 1);
    out[len + 1] = '\0';
    return 1;
}

typedef struct matcher_build {
    smmod__ac_builder *b;
    smmod__view_matcher *m;
    size_t cap;
} matcher_build;

static int add_entry(matcher_build *mb, const char *pat, size_t len,
                     uint32_t term, uint8_t variant)
{
    smmod__ac_entry *e;
    if (smmod__grow((void **)&mb->m->entries, &mb->cap, mb->m->entry_count + 1,
                    sizeof(*mb->m->entries)))
        return SMMOD_ENOMEM;
    e = &mb->m->entries[mb->m->entry_count];
    e->term = term;
    e->variant = variant;
    if (smmod__ac_builder_add(mb->b, (const uint8_t *)pat, len,
                              (uint32_t)mb->m->entry_count))
        return SMMOD_ENOMEM;
    mb->m->entry_count++;
    return 0;
}

static int is_folded(int view) { return view >= SMMOD__V_FOLDED; }

static int add_term_to_view(smmod_ruleset *rs, matcher_build *mb, int view,
                            uint32_t ti, smmod_error *err)
{
    const smmod__term *t = &rs->terms.items[ti];
    char *norm = NULL, variant[512];
    size_t len = 0;
    int rc = smmod__normalize_term(rs->norm, view, t->source,
                                   strlen(t->source), &norm, &len);
    if (rc)
        return rc;
    if (len == 0) {
        smmod__free(norm);
        return term_error(err, t, "has no letters left after normalisation; "
                          "remove it");
    }
    rc = add_entry(mb, norm, len, ti, 0);
    if (rc == 0 && is_folded(view) &&
        (t->anchor == SMMOD__ANCHOR_WHOLE || t->anchor == SMMOD__ANCHOR_SUFFIX) &&
        umlaut_variant(norm, len, variant, sizeof(variant)))
        rc = add_entry(mb, variant, len + 1, ti, SMMOD__ENTRY_UMLAUT);
    smmod__free(norm);
    return rc;
}

/* s with runs of one repeated letter squashed, as FOLDED has them (in
 * place; returns the new length). */
static size_t squash(char *s, size_t len)
{
    size_t r = 0, w = 0, last = 0, lastlen = 0;
    int lastword = 0;
    while (r < len) {
        unsigned char c = (unsigned char)s[r];
        size_t m = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        int word = smmod__word_at(s, len, r);
        if (m > len - r)
            m = len - r;
        if (!(word && lastword && lastlen == m &&
              memcmp(s + last, s + r, m) == 0)) {
            memmove(s + w, s + r, m);
            last = w;
            lastlen = m;
            w += m;
        }
        lastword = word;
        r += m;
    }
    return w;
}

/* Triggers of the lazy no-collapse view: every no-collapse term (and
 * umlauted stem) squashed, into the FOLDED matcher being built. */
static int add_triggers(smmod_ruleset *rs, matcher_build *mb)
{
    int rc = 0;
    for (size_t r = 0; rc == 0 && r < rs->rules.count; r++) {
        const smmod__rule *rule = &rs->rules.items[r];
        if (rule->kind != SMMOD__RULE_WORDS ||
            rule->view != SMMOD__V_FOLDED_NOCOLLAPSE)
            continue;
        for (size_t k = 0; rc == 0 && k < rule->term_count; k++) {
            uint32_t ti = (uint32_t)(rule->first_term + k);
            const smmod__term *t = &rs->terms.items[ti];
            char *norm = NULL, variant[512];
            size_t len = 0;
            rc = smmod__normalize_term(rs->norm, SMMOD__V_FOLDED_NOCOLLAPSE,
                                       t->source, strlen(t->source), &norm,
                                       &len);
            if (rc == 0 && len > 0 &&
                (t->anchor == SMMOD__ANCHOR_WHOLE ||
                 t->anchor == SMMOD__ANCHOR_SUFFIX) &&
                umlaut_variant(norm, len, variant, sizeof(variant)))
                rc = add_entry(mb, variant, squash(variant, len + 1), ti,
                               SMMOD__ENTRY_TRIGGER);
            if (rc == 0 && len > 0)
                rc = add_entry(mb, norm, squash(norm, len), ti,
                               SMMOD__ENTRY_TRIGGER);
            smmod__free(norm);
        }
    }
    return rc;
}

static int add_prefilter_literal(void *ctx, const char *lit, size_t len,
                                 uint32_t group)
{
    return add_entry(ctx, lit, len, group, SMMOD__ENTRY_PREFILTER);
}

static int build_view_matcher(smmod_ruleset *rs, int view, smmod_error *err)
{
    matcher_build mb = {NULL, &rs->matchers[view], 0};
    int rc = smmod__ac_builder_new(&mb.b);
    for (size_t r = 0; rc == 0 && r < rs->rules.count; r++) {
        const smmod__rule *rule = &rs->rules.items[r];
        if (rule->kind != SMMOD__RULE_WORDS || rule->view != view)
            continue;
        for (size_t k = 0; rc == 0 && k < rule->term_count; k++)
            rc = add_term_to_view(rs, &mb, view,
                                  (uint32_t)(rule->first_term + k), err);
    }
    /* Allow terms guard every view that has word rules. */
    for (size_t ti = rs->allow_first; rc == 0 && ti < rs->terms.count; ti++)
        rc = add_term_to_view(rs, &mb, view, (uint32_t)ti, err);
    if (rc == 0 && view == SMMOD__V_FOLDED &&
        (rs->lazy_views & (1u << SMMOD__V_FOLDED_NOCOLLAPSE)))
        rc = add_triggers(rs, &mb);
    if (rc == 0 && view == SMMOD__V_FOLDED)
        rc = smmod__prefilter_each_export(rs->prefilter, add_prefilter_literal,
                                          &mb);
    if (rc == 0)
        rc = smmod__ac_build(mb.b, &rs->matchers[view].ac);
    smmod__ac_builder_free(mb.b);
    return rc;
}

/* Whether a rule other than a word rule reads view `view`. */
static int other_rule_reads(const smmod_ruleset *rs, int view)
{
    for (size_t r = 0; r < rs->rules.count; r++)
        if (rs->rules.items[r].kind != SMMOD__RULE_WORDS &&
            rs->rules.items[r].view == view)
            return 1;
    return 0;
}

static void find_word_views(smmod_ruleset *rs)
{
    for (size_t r = 0; r < rs->rules.count; r++)
        if (rs->rules.items[r].kind == SMMOD__RULE_WORDS)
            rs->word_views |= 1u << rs->rules.items[r].view;
}

/* After compile_regexes: the FOLDED matcher takes the prefilter's
 * exported literals. */
static int build_matchers(smmod_ruleset *rs, smmod_error *err)
{
    int rc = 0;
    /* The no-collapse view is computed only when a trigger in the folded
     * view says a word term can match there; a regex reading it needs it
     * always. */
    if ((rs->word_views & (1u << SMMOD__V_FOLDED)) &&
        (rs->word_views & (1u << SMMOD__V_FOLDED_NOCOLLAPSE)) &&
        !other_rule_reads(rs, SMMOD__V_FOLDED_NOCOLLAPSE))
        rs->lazy_views |= 1u << SMMOD__V_FOLDED_NOCOLLAPSE;
    for (int v = 0; rc == 0 && v < SMMOD__V_COUNT; v++)
        if (rs->word_views & (1u << v))
            rc = build_view_matcher(rs, v, err);
    return rc;
}

/* ---- regexes ------------------------------------------------------------ */

typedef struct strbuf {
    char *s;
    size_t len;
    size_t cap;
} strbuf;

static int sb_add(strbuf *b, const char *s, size_t n)
{
    if (smmod__grow((void **)&b->s, &b->cap, b->len + n + 1, 1))
        return SMMOD_ENOMEM;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* Append a list term as a regex: metacharacters escaped, `*` edges as
 * \w*. The term is normalised for the regex's view. */
static int sb_add_list_term(smmod_ruleset *rs, strbuf *b, const char *term,
                            int view)
{
    size_t len = strlen(term), start = 0, n = 0;
    int lead = term[0] == '*', trail = len > 1 && term[len - 1] == '*', rc;
    char *norm = NULL;
    start = lead;
    len -= lead + trail;
    rc = smmod__normalize_term(rs->norm, view, term + start, len, &norm, &n);
    if (rc == 0 && lead)
        rc = sb_add(b, "\\w*", 3);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        unsigned char c = (unsigned char)norm[i];
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == ' '))
            rc = sb_add(b, "\\", 1);
        if (rc == 0)
            rc = sb_add(b, norm + i, 1);
    }
    if (rc == 0 && trail)
        rc = sb_add(b, "\\w*", 3);
    smmod__free(norm);
    return rc;
}

static const smmod__list *find_list(const smmod_ruleset *rs, const char *name,
                                    size_t len)
{
    for (size_t i = 0; i < rs->lists.count; i++)
        if (strlen(rs->lists.items[i].name) == len &&
            memcmp(rs->lists.items[i].name, name, len) == 0)
            return &rs->lists.items[i];
    return NULL;
}

static size_t list_ref_len(const char *p)
{
    size_t n = 0;
    if (p[0] != '{' || !((p[1] >= 'a' && p[1] <= 'z') ||
                         (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_'))
        return 0;
    for (n = 1; p[n] && p[n] != '}'; n++)
        if (!((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
              (p[n] >= '0' && p[n] <= '9') || p[n] == '_'))
            return 0;
    return p[n] == '}' ? n + 1 : 0;
}

static int expand_list(smmod_ruleset *rs, strbuf *b, const smmod__list *l,
                       int view)
{
    int rc = sb_add(b, "(?:", 3);
    for (size_t k = 0; rc == 0 && k < l->term_count; k++) {
        if (k)
            rc = sb_add(b, "|", 1);
        if (rc == 0)
            rc = sb_add_list_term(rs, b, rs->list_terms.items[l->first_term + k],
                                  view);
    }
    return rc ? rc : sb_add(b, ")", 1);
}

static int expand_regex(smmod_ruleset *rs, const smmod__rule *r, strbuf *b,
                        smmod_error *err)
{
    const char *p = r->pattern;
    int rc = 0;
    while (rc == 0 && *p) {
        size_t n = (p == r->pattern || p[-1] != '\\') ? list_ref_len(p) : 0;
        if (n) {
            const smmod__list *l = find_list(rs, p + 1, n - 2);
            if (!l)
                return smmod__error_set(
                    err, SMMOD_ERULE, r->pos.file, r->pos.line,
                    r->pos.column + 1 + (unsigned)(p - r->pattern),
                    "the regex names the list {%.*s}, which is not declared; "
                    "declare it with: list %.*s \"...\"", (int)(n - 2), p + 1,
                    (int)(n - 2), p + 1);
            rc = expand_list(rs, b, l, r->view);
            p += n;
        } else {
            rc = sb_add(b, p, 1);
            p++;
        }
    }
    return rc ? rc : sb_add(b, "", 0);
}

static int compile_regex(smmod_ruleset *rs, uint32_t ri, smmod_error *err)
{
    smmod__rule *r = &rs->rules.items[ri];
    strbuf b = {NULL, 0, 0};
    int code, rc = expand_regex(rs, r, &b, err);
    PCRE2_SIZE off = 0;
    pcre2_compile_context *cc = NULL;
    if (rc) {
        smmod__free(b.s);
        return rc;
    }
    cc = pcre2_compile_context_create(rs->pcre_gc);
    if (!cc) {
        smmod__free(b.s);
        return SMMOD_ENOMEM;
    }
    r->re = pcre2_compile((PCRE2_SPTR)b.s, b.len,
                          PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
                              r->re_flags, &code, &off, cc);
    pcre2_compile_context_free(cc);
    if (!r->re && code == PCRE2_ERROR_HEAP_FAILED) {
        rc = SMMOD_ENOMEM; /* out of memory, not a bad pattern */
    } else if (!r->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof(msg));
        rc = smmod__error_set(err, SMMOD_ERULE, r->pos.file, r->pos.line,
                              r->pos.column, "the regex is not valid: %s "
                              "(near character %zu of the expanded pattern)",
                              (const char *)msg, (size_t)off + 1);
    } else {
        /* Without JIT (e.g. unsupported CPU) the interpreter still works. */
        (void)pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
        rc = smmod__prefilter_add(rs->prefilter, ri, r->view, b.s, b.len,
                                  r->re_flags);
    }
    smmod__free(b.s);
    return rc;
}

static int compile_regexes(smmod_ruleset *rs, smmod_error *err)
{
    int rc = smmod__prefilter_new(&rs->prefilter, rs->rules.count);
    if (rc)
        return rc;
    if (rs->word_views & (1u << SMMOD__V_FOLDED))
        smmod__prefilter_export_folded(rs->prefilter);
    for (size_t i = 0; rc == 0 && i < rs->rules.count; i++)
        if (rs->rules.items[i].kind == SMMOD__RULE_REGEX)
            rc = compile_regex(rs, (uint32_t)i, err);
    return rc ? rc : smmod__prefilter_build(rs->prefilter);
}

/* ---- the rest ------------------------------------------------------------ */

static void *pcre_alloc(size_t size, void *ctx)
{
    (void)ctx;
    return smmod__malloc(size);
}

static void pcre_free(void *ptr, void *ctx)
{
    (void)ctx;
    smmod__free(ptr);
}

static int normalize_topic_terms(smmod_ruleset *rs)
{
    for (size_t i = 0; i < rs->topic_terms.count; i++) {
        const char *kw = rs->topic_terms.items[i];
        size_t len = strlen(kw), lead = kw[0] == '*', n = 0;
        char *norm = NULL;
        int rc;
        /* keywords match anywhere in the folded text: edges are implied */
        if (len > lead && kw[len - 1] == '*')
            len--;
        rc = smmod__normalize_term(rs->norm, SMMOD__V_FOLDED, kw + lead,
                                   len - lead, &norm, &n);
        if (rc)
            return rc;
        smmod__free(rs->topic_terms.items[i]);
        rs->topic_terms.items[i] = norm;
    }
    return 0;
}

static void gather_detectors(smmod_ruleset *rs)
{
    for (size_t i = 0; i < rs->rules.count; i++) {
        const smmod__rule *r = &rs->rules.items[i];
        if (r->kind == SMMOD__RULE_DETECT)
            rs->detect_mask |= r->detectors;
        else if (r->kind == SMMOD__RULE_REGEX)
            rs->views_needed |= 1u << r->view;
    }
    rs->allow_domains.names = rs->url_allow.items;
    rs->allow_domains.count = rs->url_allow.count;
    rs->deny_domains.names = rs->url_deny.items;
    rs->deny_domains.count = rs->url_deny.count;
    rs->views_needed |= rs->word_views;
    if (rs->detect_mask & ~SMMOD__DET_RAW_VIEW)
        rs->views_needed |= 1u << SMMOD__V_PLAIN;
    if (rs->detect_mask & SMMOD__DET_RAW_VIEW)
        rs->views_needed |= 1u << SMMOD__V_RAW;
    if (rs->topics.count)
        rs->views_needed |= 1u << SMMOD__V_FOLDED;
}

int smmod__ruleset_compile(smmod_ruleset *rs, smmod_error *err)
{
    int rc;
    rs->pcre_gc = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
    if (!rs->pcre_gc)
        return SMMOD_ENOMEM;
    if ((rc = smmod__normalizer_new(&rs->norm)))
        return rc;
    if ((rc = merge_allow_terms(rs)))
        return rc;
    find_word_views(rs);
    if ((rc = compile_regexes(rs, err)))
        return rc;
    if ((rc = build_matchers(rs, err)))
        return rc;
    if ((rc = normalize_topic_terms(rs)))
        return rc;
    gather_detectors(rs);
    smmod__fingerprint(rs, rs->fingerprint);
    return 0;
}
