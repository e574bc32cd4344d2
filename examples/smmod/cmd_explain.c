/*
 * cmd_explain.c - `smmod explain TEXT`: shows a moderator why a comment
 * gets its verdict: the normalised views, each match (rule, category,
 * label, legal basis, view, span, text, score, action), the score
 * arithmetic per category, the thresholds and the decision.
 */
#include "cmds.h"

#include "output.h"
#include "rulesets.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const view_names[] = {"raw", "plain", "folded"};

static void usage(FILE *f)
{
    fputs("usage: smmod explain [--rules FILE]... [--topic NAME] [TEXT...]\n"
          "Explains the verdict for TEXT (the words joined by spaces; stdin\n"
          "when no TEXT is given).\n",
          f);
}

static void print_views(smmod_scanner *sc, const char *text, size_t len)
{
    sbuf buf = {0};
    printf("views:\n");
    for (int v = SMMOD_VIEW_RAW; v <= SMMOD_VIEW_FOLDED; v++) {
        size_t need = 0;
        sbuf_reserve(&buf, len * 4 + 64);
        int rc = smmod_scanner_view(sc, v, text, len, buf.p, buf.cap, &need);
        if (rc == SMMOD_ERANGE) {
            sbuf_reserve(&buf, need + 1);
            rc = smmod_scanner_view(sc, v, text, len, buf.p, buf.cap, &need);
        }
        printf("  %-7s %s\n", view_names[v], rc == 0 ? buf.p : smmod_strerror(rc));
    }
    sbuf_free(&buf);
}

static void print_category(const smmod_ruleset *rs, int idx)
{
    const char *label = smmod_ruleset_category_label(rs, (size_t)idx);
    const char *basis = smmod_ruleset_category_basis(rs, (size_t)idx);
    printf("%s", smmod_ruleset_category_code(rs, (size_t)idx));
    if ((label && *label) || (basis && *basis))
        printf(" (%s%s%s)", label ? label : "", basis && *basis ? "; " : "",
               basis ? basis : "");
}

static int category_index(const smmod_ruleset *rs, const char *code)
{
    size_t n = smmod_ruleset_category_count(rs);
    for (size_t i = 0; i < n; i++)
        if (strcmp(smmod_ruleset_category_code(rs, i), code) == 0)
            return (int)i;
    return -1;
}

static void print_matches(const smmod_verdict *v, const smmod_ruleset *rs,
                          const char *text)
{
    size_t nm = smmod_verdict_match_count(v);
    printf("matches:%s\n", nm ? "" : " none");
    for (size_t i = 0; i < nm; i++) {
        size_t s = smmod_verdict_match_start(v, i), e = smmod_verdict_match_end(v, i);
        int view = smmod_verdict_match_view(v, i), act = smmod_verdict_match_action(v, i);
        printf("  %zu. rule %s, term %s\n     category ", i + 1,
               smmod_verdict_match_rule(v, i), smmod_verdict_match_term(v, i));
        int c = category_index(rs, smmod_verdict_match_category(v, i));
        if (c >= 0)
            print_category(rs, c);
        printf("\n     %s view, bytes %zu-%zu \"%.*s\", score %d", view >= 0 && view < 3 ? view_names[view] : "?",
               s, e, (int)(e - s), text + s, smmod_verdict_match_score(v, i));
        if (act >= 0)
            printf(", action %s", action_name(act));
        printf("\n");
    }
}

/* Per category: the match scores added up, then capped at 100. */
static void print_scores(const smmod_verdict *v)
{
    size_t nc = smmod_verdict_category_count(v), nm = smmod_verdict_match_count(v);
    printf("score:\n");
    for (size_t c = 0; c < nc; c++) {
        const char *code = smmod_verdict_category(v, c);
        int sum = 0;
        printf("  %-14s", code);
        for (size_t i = 0, first = 1; i < nm; i++) {
            if (strcmp(smmod_verdict_match_category(v, i), code) != 0)
                continue;
            int s = smmod_verdict_match_score(v, i);
            printf("%s%d", first ? " " : " + ", s);
            sum += s;
            first = 0;
        }
        int capped = smmod_verdict_category_score(v, c);
        printf(" = %d%s\n", sum, sum != capped ? " (capped at 100)" : "");
    }
    printf("  %-14s %d\n", "total", smmod_verdict_score(v));
}

static void print_decision(const smmod_verdict *v, const smmod_ruleset *rs)
{
    int action = smmod_verdict_action(v), score = smmod_verdict_score(v);
    printf("thresholds:");
    for (int a = SMMOD_REVIEW; a <= SMMOD_REJECT; a++) {
        int t = smmod_ruleset_threshold(rs, a);
        printf(t < 0 ? " %s off" : " %s %d%s", action_name(a), t,
               t >= 0 && score >= t ? " (reached)" : "");
    }
    printf("\nflags: ");
    sbuf f = {0};
    out_flags(&f, smmod_verdict_flags(v));
    printf("%.*s\n", (int)f.len, f.p);
    sbuf_free(&f);
    printf("decision: %s\n", action_name(action));
    size_t nm = smmod_verdict_match_count(v);
    for (size_t i = 0; i < nm; i++)
        if (smmod_verdict_match_action(v, i) == action && action > 0)
            printf("  because rule %s sets action %s\n",
                   smmod_verdict_match_rule(v, i), action_name(action));
    if (action > 0 && smmod_ruleset_threshold(rs, action) >= 0 &&
        score >= smmod_ruleset_threshold(rs, action))
        printf("  because the total score %d reaches the %s threshold %d\n",
               score, action_name(action), smmod_ruleset_threshold(rs, action));
}

static int explain(smmod_ruleset *rs, const char *topic, const char *text,
                   size_t len)
{
    smmod_scanner *sc = NULL;
    const smmod_verdict *v = NULL;
    if (smmod_scanner_new(&sc, rs) < 0)
        return EXIT_USAGE;
    if (topic && smmod_scanner_set_topic(sc, topic) < 0) {
        msg("unknown topic '%s'", topic);
        smmod_scanner_free(sc);
        return EXIT_USAGE;
    }
    printf("text: \"%.*s\" (%zu bytes)\nruleset: %s\n", (int)len, text, len,
           smmod_ruleset_fingerprint(rs));
    print_views(sc, text, len);
    if (smmod_scan(sc, text, len, &v) == 0 && v) {
        print_matches(v, rs, text);
        print_scores(v);
        print_decision(v, rs);
    }
    smmod_scanner_free(sc);
    return EXIT_OK;
}

static void read_text(int argc, char **argv, sbuf *text)
{
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            if (i > optind)
                sbuf_addc(text, ' ');
            sbuf_adds(text, argv[i]);
        }
        return;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        sbuf_add(text, buf, n);
    while (text->len && (text->p[text->len - 1] == '\n' || text->p[text->len - 1] == '\r'))
        text->len--;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
                                         {"topic", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char **rules = NULL, *topic = NULL;
    size_t nrules = 0;
    int c, rc = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1 && !rc) {
        if (c == 'r') {
            rules = xrealloc(rules, (nrules + 1) * sizeof *rules);
            rules[nrules++] = optarg;
        } else if (c == 't') {
            topic = optarg;
        } else {
            usage(c == 'h' ? stdout : stderr);
            rc = c == 'h' ? -1 : EXIT_USAGE;
        }
    }
    smmod_ruleset *rs = NULL;
    if (!rc)
        rc = rules_open(&rs, rules, nrules);
    free(rules);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    sbuf text = {0};
    read_text(argc, argv, &text);
    rc = explain(rs, topic, text.p ? text.p : "", text.len);
    sbuf_free(&text);
    smmod_ruleset_free(rs);
    return rc;
}
