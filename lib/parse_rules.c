/*
 * parse_rules.c - the directives of the rule language (rules/README.md):
 * category, words/word, regex, allow, list, detect, url, topic, threshold,
 * include, test. Each checks its arguments and records them in the ruleset;
 * normalising, building automata and compiling regexes is compile.c's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "parse.h"

#define ERR(c, t, ...) smmod__parse_error((c), (t), __VA_ARGS__)

static int is_ident(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
              *s == '-'))
            return 0;
    return 1;
}

static int parse_action(const char *s)
{
    static const char *names[] = {"allow", "review", "hide", "reject"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static unsigned parse_flag(const char *s)
{
    if (strcmp(s, "escalate") == 0)
        return SMMOD_FLAG_ESCALATE;
    if (strcmp(s, "redact") == 0)
        return SMMOD_FLAG_REDACT;
    return 0;
}

/* Expect a token of `kind`; `what` names it in the error message. */
static int expect(smmod__cursor *c, int kind, const char *what,
                  const smmod__tok **out)
{
    const smmod__tok *t = smmod__cursor_next(c);
    *out = t;
    if (!t || t->kind != kind)
        return ERR(c, t, "expected %s here", what);
    return 0;
}

static int expect_number(smmod__cursor *c, int min, int max, int *out)
{
    const smmod__tok *t;
    char *end;
    long v;
    int rc = expect(c, SMMOD__TOK_WORD, "a number", &t);
    if (rc)
        return rc;
    v = strtol(t->text, &end, 10);
    if (*end || end == t->text || v < min || v > max)
        return ERR(c, t, "\"%s\" is not a whole number from %d to %d",
                   t->text, min, max);
    *out = (int)v;
    return 0;
}

static int expect_action(smmod__cursor *c, int *out)
{
    const smmod__tok *t;
    int rc = expect(c, SMMOD__TOK_WORD, "an action (allow, review, hide or "
                    "reject)", &t);
    if (rc)
        return rc;
    *out = parse_action(t->text);
    if (*out < 0)
        return ERR(c, t, "unknown action \"%s\"; use allow, review, hide or "
                   "reject", t->text);
    return 0;
}

static int expect_flag(smmod__cursor *c, unsigned *flags)
{
    const smmod__tok *t;
    unsigned f;
    int rc = expect(c, SMMOD__TOK_WORD, "a flag (escalate or redact)", &t);
    if (rc)
        return rc;
    f = parse_flag(t->text);
    if (!f)
        return ERR(c, t, "unknown flag \"%s\"; use escalate or redact",
                   t->text);
    *flags |= f;
    return 0;
}

static int expect_string(smmod__cursor *c, const char *what, char **out)
{
    const smmod__tok *t;
    int rc = expect(c, SMMOD__TOK_STRING, what, &t);
    if (rc)
        return rc;
    smmod__free(*out);
    *out = smmod__strdup(t->text);
    return *out ? 0 : SMMOD_ENOMEM;
}

static smmod__pos pos_of(smmod__cursor *c, const smmod__tok *t)
{
    smmod__pos pos = {c->p->file, t->line, t->column};
    return pos;
}

/* ---- category -------------------------------------------------------- */

static int category_option(smmod__cursor *c, const smmod__tok *opt,
                           smmod__category *cat)
{
    const char *o = opt->text;
    if (strcmp(o, "label") == 0)
        return expect_string(c, "a label in quotes", &cat->label);
    if (strcmp(o, "basis") == 0)
        return expect_string(c, "a legal basis in quotes", &cat->basis);
    if (strcmp(o, "score") == 0)
        return expect_number(c, 0, 100, &cat->default_score);
    if (strcmp(o, "flag") == 0)
        return expect_flag(c, &cat->flags);
    if (strcmp(o, "action") == 0)
        return expect_action(c, &cat->action);
    return ERR(c, opt, "unknown category option \"%s\"; use label, basis, "
               "score, flag or action", o);
}

static int d_category(smmod__cursor *c)
{
    smmod_ruleset *rs = c->p->rs;
    const smmod__tok *code, *opt;
    smmod__category *cat;
    int rc = expect(c, SMMOD__TOK_WORD, "a category code", &code);
    if (rc)
        return rc;
    if (!is_ident(code->text))
        return ERR(c, code, "\"%s\" is not a valid code; use letters, "
                   "digits, _ . -", code->text);
    if (smmod__ruleset_find_category(rs, code->text) >= 0)
        return ERR(c, code, "category \"%s\" is declared twice; keep one",
                   code->text);
    if (!(cat = SMMOD__VEC_PUSH(rs->categories)))
        return SMMOD_ENOMEM;
    cat->default_score = 50;
    cat->action = SMMOD__NO_ACTION;
    if (!(cat->code = smmod__strdup(code->text)))
        return SMMOD_ENOMEM;
    while ((opt = smmod__cursor_next(c)) && rc == 0) {
        if (opt->kind != SMMOD__TOK_WORD)
            return ERR(c, opt, "expected a category option (label, basis, "
                       "score, flag, action)");
        /* cat may move when categories grow; none are added here */
        rc = category_option(c, opt, cat);
    }
    return rc;
}

/* ---- rules: shared head (category and options) ------------------------ */

static int rule_view_option(smmod__cursor *c, smmod__rule *r)
{
    const smmod__tok *t;
    int rc = expect(c, SMMOD__TOK_WORD, "a view (raw, plain or folded)", &t);
    if (rc)
        return rc;
    if (strcmp(t->text, "raw") == 0)
        r->view = SMMOD__V_RAW;
    else if (strcmp(t->text, "plain") == 0)
        r->view = SMMOD__V_PLAIN;
    else if (strcmp(t->text, "folded") == 0)
        r->view = SMMOD__V_FOLDED;
    else
        return ERR(c, t, "unknown view \"%s\"; use raw, plain or folded",
                   t->text);
    return 0;
}

/* Parse one rule option if the next token is one; *done when not. */
static int rule_option(smmod__cursor *c, smmod__rule *r, int *nojoin,
                       int *nocollapse, int *done)
{
    const smmod__tok *t = smmod__cursor_peek(c);
    const char *o;
    *done = 0;
    if (!t || t->kind != SMMOD__TOK_WORD || strcmp(t->text, "file") == 0) {
        *done = 1;
        return 0;
    }
    o = t->text;
    if (strcmp(o, "id") && strcmp(o, "score") && strcmp(o, "action") &&
        strcmp(o, "flag") && strcmp(o, "view") && strcmp(o, "nojoin") &&
        strcmp(o, "nocollapse")) {
        *done = 1;
        return 0;
    }
    smmod__cursor_next(c);
    if (strcmp(o, "id") == 0) {
        const smmod__tok *id;
        int rc = expect(c, SMMOD__TOK_WORD, "a rule id", &id);
        if (rc)
            return rc;
        if (!is_ident(id->text))
            return ERR(c, id, "\"%s\" is not a valid rule id; use letters, "
                       "digits, _ . -", id->text);
        smmod__free(r->id);
        r->id = smmod__strdup(id->text);
        return r->id ? 0 : SMMOD_ENOMEM;
    }
    if (strcmp(o, "score") == 0)
        return expect_number(c, 0, 100, &r->score);
    if (strcmp(o, "action") == 0)
        return expect_action(c, &r->action);
    if (strcmp(o, "flag") == 0)
        return expect_flag(c, &r->flags);
    if (strcmp(o, "view") == 0)
        return rule_view_option(c, r);
    if (strcmp(o, "nojoin") == 0)
        *nojoin = 1;
    else
        *nocollapse = 1;
    return 0;
}

/* The folded view variant that a rule's nojoin/nocollapse options ask. */
static int folded_variant(int view, int nojoin, int nocollapse)
{
    if (view != SMMOD__V_FOLDED)
        return view;
    if (nojoin && nocollapse)
        return SMMOD__V_FOLDED_NEITHER;
    if (nojoin)
        return SMMOD__V_FOLDED_NOJOIN;
    if (nocollapse)
        return SMMOD__V_FOLDED_NOCOLLAPSE;
    return view;
}

static int default_rule_id(smmod__cursor *c, smmod__rule *r,
                           const smmod__tok *kw)
{
    const smmod__category *cat = &c->p->rs->categories.items[r->category];
    const char *base = strrchr(c->p->file, '/');
    char buf[512];
    size_t n;
    base = base ? base + 1 : c->p->file;
    n = strcspn(base, ".");
    snprintf(buf, sizeof(buf), "%s.%.*s.%u", cat->code, (int)n, base,
             kw->line);
    r->id = smmod__strdup(buf);
    return r->id ? 0 : SMMOD_ENOMEM;
}

/* Parse "CATEGORY [options]" of words/regex/detect into a new rule. */
static int rule_head(smmod__cursor *c, const smmod__tok *kw, int kind,
                     int default_view, smmod__rule **out)
{
    smmod_ruleset *rs = c->p->rs;
    const smmod__tok *ct;
    smmod__rule *r;
    int idx, rc, done = 0, nojoin = 0, nocollapse = 0;
    if ((rc = expect(c, SMMOD__TOK_WORD, "a category code", &ct)))
        return rc;
    idx = smmod__ruleset_find_category(rs, ct->text);
    if (idx < 0)
        return ERR(c, ct, "unknown category \"%s\"; declare it first with: "
                   "category %s label \"...\"", ct->text, ct->text);
    if (!(r = SMMOD__VEC_PUSH(rs->rules)))
        return SMMOD_ENOMEM;
    r->kind = kind;
    r->category = (uint32_t)idx;
    r->score = rs->categories.items[idx].default_score;
    r->action = SMMOD__NO_ACTION;
    r->view = default_view;
    r->pos = pos_of(c, kw);
    r->first_term = rs->terms.count;
    while (!done)
        if ((rc = rule_option(c, r, &nojoin, &nocollapse, &done)))
            return rc;
    if ((nojoin || nocollapse) && r->view != SMMOD__V_FOLDED)
        return ERR(c, kw, "nojoin and nocollapse only apply to the folded "
                   "view");
    r->view = folded_variant(r->view, nojoin, nocollapse);
    if (!r->id && (rc = default_rule_id(c, r, kw)))
        return rc;
    *out = r;
    return 0;
}

/* ---- terms ------------------------------------------------------------ */

/* Split edge markers off a term: =exact, *infix*, prefix*, *suffix. */
static int term_anchor(smmod__cursor *c, const smmod__tok *t, const char *s,
                       size_t *start, size_t *len, uint8_t *anchor)
{
    int lead = s[0] == '*', trail = *len > 1 && s[*len - 1] == '*';
    *start = 0;
    if (s[0] == '=') {
        *anchor = SMMOD__ANCHOR_EXACT;
        *start = 1;
    } else if (lead && trail) {
        *anchor = SMMOD__ANCHOR_INFIX;
    } else if (lead) {
        *anchor = SMMOD__ANCHOR_SUFFIX;
    } else if (trail) {
        *anchor = SMMOD__ANCHOR_PREFIX;
    } else {
        *anchor = SMMOD__ANCHOR_WHOLE;
    }
    *start += lead;
    *len -= *start + trail;
    if (*len == 0 || memchr(s + *start, '*', *len))
        return ERR(c, t, "\"%s\" is not a valid term: it needs letters, and "
                   "* may stand only at its start or end", s);
    return 0;
}

/* Add one term (from a token, or a word-file line at `pos`). */
static int add_term(smmod__cursor *c, const smmod__tok *t, const char *s,
                    size_t len, smmod__pos pos, uint32_t rule, int allow)
{
    smmod_ruleset *rs = c->p->rs;
    smmod__term *term;
    size_t start;
    uint8_t anchor;
    int rc = term_anchor(c, t, s, &start, &len, &anchor);
    if (rc)
        return rc;
    if ((int64_t)(rs->terms.count + rs->allow_terms.count) >=
        rs->limits.max_terms)
        return smmod__error_set(c->p->err, SMMOD_ELIMIT, pos.file, pos.line,
                                pos.column, "more than %lld terms in the "
                                "ruleset (SMMOD_OPT_MAX_TERMS)",
                                (long long)rs->limits.max_terms);
    term = allow ? SMMOD__VEC_PUSH(rs->allow_terms) : SMMOD__VEC_PUSH(rs->terms);
    if (!term)
        return SMMOD_ENOMEM;
    term->rule = rule;
    term->anchor = anchor;
    term->pos = pos;
    term->source = smmod__strndup(s + start, len);
    return term->source ? 0 : SMMOD_ENOMEM;
}

/* Call `fn` for each term line of a word file. */
typedef int (*term_line_fn)(smmod__cursor *c, const smmod__tok *t,
                            const char *s, size_t len, smmod__pos pos,
                            void *ctx);

static int each_file_term(smmod__cursor *c, const smmod__tok *name,
                          term_line_fn fn, void *ctx)
{
    char *path = NULL, *text = NULL, *interned = NULL;
    size_t len = 0, i = 0;
    unsigned line = 0;
    int rc = smmod__parse_resolve(c->p, name, &path);
    if (rc == 0)
        rc = smmod__read_file(c->p, path, name, &text, &len);
    if (rc == 0)
        rc = SMMOD__STRINGS_PUSH(c->p->rs->files, path, strlen(path),
                                 &interned);
    while (rc == 0 && i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len, s = i, e = end;
        line++;
        while (s < e && (text[s] == ' ' || text[s] == '\t'))
            s++;
        while (e > s && strchr(" \t\r", text[e - 1]))
            e--;
        if (e > s && text[s] != '#') {
            smmod__pos pos = {interned, line, 1};
            char *term = smmod__strndup(text + s, e - s);
            rc = term ? fn(c, name, term, e - s, pos, ctx) : SMMOD_ENOMEM;
            if (rc == SMMOD_ERULE) /* point into the word file */
                rc = smmod__error_set(c->p->err, SMMOD_ERULE, interned, line,
                                      1, "\"%s\" is not a valid term: it "
                                      "needs letters, and * may stand only "
                                      "at its start or end", term);
            smmod__free(term);
        }
        i = end + 1;
    }
    smmod__free(path);
    smmod__free(text);
    return rc;
}

typedef struct term_target {
    uint32_t rule;
    int allow;
} term_target;

static int term_from_file(smmod__cursor *c, const smmod__tok *t,
                          const char *s, size_t len, smmod__pos pos,
                          void *ctx)
{
    term_target *tt = ctx;
    return add_term(c, t, s, len, pos, tt->rule, tt->allow);
}

/* The arguments of words/allow/list: `file "x"` or one or more strings,
 * each handed to `fn`. */
static int string_args(smmod__cursor *c, const smmod__tok *kw,
                       term_line_fn fn, void *ctx)
{
    const smmod__tok *t = smmod__cursor_peek(c);
    int rc = 0;
    if (t && t->kind == SMMOD__TOK_WORD && strcmp(t->text, "file") == 0) {
        smmod__cursor_next(c);
        if ((rc = expect(c, SMMOD__TOK_STRING, "a file name in quotes", &t)))
            return rc;
        return each_file_term(c, t, fn, ctx);
    }
    if (!t)
        return ERR(c, NULL, "expected terms in quotes or file \"...\" "
                   "after %s", kw->text);
    while (rc == 0 && (t = smmod__cursor_peek(c)) &&
           t->kind == SMMOD__TOK_STRING) {
        smmod__cursor_next(c);
        rc = fn(c, t, t->text, t->len, pos_of(c, t), ctx);
    }
    return rc;
}

/* The terms of words/allow. */
static int term_args(smmod__cursor *c, const smmod__tok *kw, uint32_t rule,
                     int allow, size_t *count)
{
    term_target tt = {rule, allow};
    size_t before = allow ? c->p->rs->allow_terms.count : c->p->rs->terms.count;
    int rc = string_args(c, kw, term_from_file, &tt);
    *count = (allow ? c->p->rs->allow_terms.count : c->p->rs->terms.count) -
             before;
    return rc;
}

static int d_words(smmod__cursor *c, const smmod__tok *kw)
{
    smmod__rule *r;
    size_t count = 0;
    uint32_t idx;
    int rc = rule_head(c, kw, SMMOD__RULE_WORDS, SMMOD__V_FOLDED, &r);
    if (rc)
        return rc;
    idx = (uint32_t)(c->p->rs->rules.count - 1);
    rc = term_args(c, kw, idx, 0, &count);
    c->p->rs->rules.items[idx].term_count = count;
    if (rc == 0 && strcmp(kw->text, "word") == 0 && count != 1)
        return ERR(c, kw, "\"word\" takes exactly one term; use \"words\" "
                   "for several");
    return rc;
}

static int d_allow(smmod__cursor *c, const smmod__tok *kw)
{
    size_t count;
    return term_args(c, kw, SMMOD__NO_RULE, 1, &count);
}

/* ---- regex, list, detect ---------------------------------------------- */

static uint32_t regex_flags(const char *flags)
{
    uint32_t o = 0;
    for (; *flags; flags++)
        o |= *flags == 'i' ? PCRE2_CASELESS
           : *flags == 'x' ? PCRE2_EXTENDED : PCRE2_DOTALL;
    return o;
}

static int d_regex(smmod__cursor *c, const smmod__tok *kw)
{
    smmod__rule *r;
    const smmod__tok *t;
    int rc = rule_head(c, kw, SMMOD__RULE_REGEX, SMMOD__V_PLAIN, &r);
    if (rc)
        return rc;
    if ((rc = expect(c, SMMOD__TOK_REGEX, "a regex between slashes, "
                     "like /pattern/", &t)))
        return rc;
    if (t->len == 0)
        return ERR(c, t, "the regex is empty");
    r->pattern = smmod__strdup(t->text);
    r->re_flags = regex_flags(t->flags);
    r->pos = pos_of(c, t);
    return r->pattern ? 0 : SMMOD_ENOMEM;
}

static int list_term_from_file(smmod__cursor *c, const smmod__tok *t,
                               const char *s, size_t len, smmod__pos pos,
                               void *ctx)
{
    (void)pos;
    (void)ctx;
    if (len == 0)
        return ERR(c, t, "a list term is empty; remove it");
    return SMMOD__STRINGS_PUSH(c->p->rs->list_terms, s, len, NULL);
}

static int d_list(smmod__cursor *c, const smmod__tok *kw)
{
    smmod_ruleset *rs = c->p->rs;
    const smmod__tok *name;
    smmod__list *l;
    int rc = expect(c, SMMOD__TOK_WORD, "a list name", &name);
    if (rc)
        return rc;
    for (size_t i = 0; i < rs->lists.count; i++)
        if (strcmp(rs->lists.items[i].name, name->text) == 0)
            return ERR(c, name, "list \"%s\" is declared twice", name->text);
    if (!(l = SMMOD__VEC_PUSH(rs->lists)) ||
        !(l->name = smmod__strdup(name->text)))
        return SMMOD_ENOMEM;
    l->first_term = rs->list_terms.count;
    rc = string_args(c, kw, list_term_from_file, NULL);
    l = &rs->lists.items[rs->lists.count - 1];
    l->term_count = rs->list_terms.count - l->first_term;
    if (rc == 0 && l->term_count == 0)
        return ERR(c, name, "list \"%s\" has no terms", name->text);
    return rc;
}

static int d_detect(smmod__cursor *c, const smmod__tok *kw)
{
    smmod__rule *r;
    const smmod__tok *t;
    int rc = rule_head(c, kw, SMMOD__RULE_DETECT, SMMOD__V_PLAIN, &r);
    if (rc)
        return rc;
    if (r->view != SMMOD__V_PLAIN)
        return ERR(c, kw, "detectors read the view they need (plain, or raw "
                   "for shouting); remove the view option");
    while ((t = smmod__cursor_next(c))) {
        unsigned bit = t->kind == SMMOD__TOK_WORD
                           ? smmod__detector_by_name(t->text) : 0;
        if (!bit)
            return ERR(c, t, "unknown detector \"%s\"; use iban, card, "
                       "email, phone, address, url or shouting", t->text);
        r->detectors |= bit;
    }
    if (!r->detectors)
        return ERR(c, NULL, "name at least one detector (iban, card, email, "
                   "phone, address, url, shouting)");
    return 0;
}

/* ---- url, topic, threshold, include, test ------------------------------ */

static int d_url(smmod__cursor *c)
{
    smmod_ruleset *rs = c->p->rs;
    const smmod__tok *which, *t;
    int rc = expect(c, SMMOD__TOK_WORD, "allow or deny", &which), n = 0;
    int deny;
    if (rc)
        return rc;
    if (strcmp(which->text, "allow") && strcmp(which->text, "deny"))
        return ERR(c, which, "expected allow or deny after url");
    deny = which->text[0] == 'd';
    while (rc == 0 && (t = smmod__cursor_next(c))) {
        if (t->kind != SMMOD__TOK_STRING || !t->len || strchr(t->text, '/'))
            return ERR(c, t, "expected a domain in quotes, like \"stadt.de\"");
        rc = deny ? SMMOD__STRINGS_PUSH(rs->url_deny, t->text, t->len, NULL)
                  : SMMOD__STRINGS_PUSH(rs->url_allow, t->text, t->len, NULL);
        n++;
    }
    return rc ? rc : n ? 0 : ERR(c, NULL, "name at least one domain");
}

static int d_topic(smmod__cursor *c)
{
    smmod_ruleset *rs = c->p->rs;
    const smmod__tok *name, *t;
    smmod__topic *topic;
    int rc = expect(c, SMMOD__TOK_WORD, "a topic name", &name);
    if (rc)
        return rc;
    for (size_t i = 0; i < rs->topics.count; i++)
        if (strcmp(rs->topics.items[i].name, name->text) == 0)
            return ERR(c, name, "topic \"%s\" is declared twice", name->text);
    if (!(topic = SMMOD__VEC_PUSH(rs->topics)) ||
        !(topic->name = smmod__strdup(name->text)))
        return SMMOD_ENOMEM;
    topic->first_term = rs->topic_terms.count;
    while (rc == 0 && (t = smmod__cursor_next(c))) {
        if (t->kind != SMMOD__TOK_STRING)
            return ERR(c, t, "expected a keyword in quotes");
        rc = SMMOD__STRINGS_PUSH(rs->topic_terms, t->text, t->len, NULL);
    }
    topic = &rs->topics.items[rs->topics.count - 1];
    topic->term_count = rs->topic_terms.count - topic->first_term;
    if (rc == 0 && topic->term_count == 0)
        return ERR(c, name, "topic \"%s\" needs keywords", name->text);
    return rc;
}

static int d_threshold(smmod__cursor *c)
{
    const smmod__tok *t, *v;
    int action, rc = expect_action(c, &action), n;
    if (rc)
        return rc;
    t = &c->p->toks.items[c->i - 1];
    if (action == SMMOD_ALLOW)
        return ERR(c, t, "allow has no threshold; use review, hide or reject");
    v = smmod__cursor_peek(c);
    if (v && v->kind == SMMOD__TOK_WORD && strcmp(v->text, "off") == 0) {
        smmod__cursor_next(c);
        c->p->rs->thresholds[action] = -1;
        return 0;
    }
    if ((rc = expect_number(c, 1, 10000, &n)))
        return rc;
    c->p->rs->thresholds[action] = n;
    return 0;
}

static int d_include(smmod__cursor *c)
{
    const smmod__tok *t;
    char *path = NULL;
    int rc = expect(c, SMMOD__TOK_STRING, "a file name in quotes", &t);
    if (rc == 0)
        rc = smmod__parse_resolve(c->p, t, &path);
    if (rc == 0)
        rc = smmod__parse_file_at(c->p, path, t);
    smmod__free(path);
    return rc;
}

static int d_test(smmod__cursor *c)
{
    const smmod__tok *a, *t;
    smmod__test *test;
    int action, rc = expect(c, SMMOD__TOK_WORD, "an expected action", &a);
    if (rc)
        return rc;
    action = strcmp(a->text, "flagged") == 0 ? SMMOD__TEST_FLAGGED
                                             : parse_action(a->text);
    if (action < 0)
        return ERR(c, a, "unknown expected action \"%s\"; use allow, review, "
                   "hide, reject or flagged", a->text);
    if ((rc = expect(c, SMMOD__TOK_STRING, "a comment in quotes", &t)))
        return rc;
    if (!c->p->rs->limits.keep_tests)
        return 0;
    if (!(test = SMMOD__VEC_PUSH(c->p->rs->tests)))
        return SMMOD_ENOMEM;
    test->expected = action;
    test->pos = pos_of(c, a);
    test->text = smmod__strdup(t->text);
    return test->text ? 0 : SMMOD_ENOMEM;
}

int smmod__directive(smmod__cursor *c, const smmod__tok *kw)
{
    const char *k = kw->text;
    if (strcmp(k, "category") == 0)
        return d_category(c);
    if (strcmp(k, "words") == 0 || strcmp(k, "word") == 0)
        return d_words(c, kw);
    if (strcmp(k, "regex") == 0)
        return d_regex(c, kw);
    if (strcmp(k, "allow") == 0)
        return d_allow(c, kw);
    if (strcmp(k, "list") == 0)
        return d_list(c, kw);
    if (strcmp(k, "detect") == 0)
        return d_detect(c, kw);
    if (strcmp(k, "url") == 0)
        return d_url(c);
    if (strcmp(k, "topic") == 0)
        return d_topic(c);
    if (strcmp(k, "threshold") == 0)
        return d_threshold(c);
    if (strcmp(k, "include") == 0)
        return d_include(c);
    if (strcmp(k, "test") == 0)
        return d_test(c);
    return ERR(c, kw, "unknown keyword \"%s\"; a line starts with category, "
               "words, word, regex, allow, list, detect, url, topic, "
               "threshold, include or test", k);
}
