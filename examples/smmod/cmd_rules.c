/*
 * cmd_rules.c - `smmod rules list`: the categories of a ruleset with
 * label, legal basis and how many rules and terms each has, the
 * thresholds, topics and the fingerprint.
 */
#include "cmds.h"

#include "rulesets.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: smmod rules list [--rules FILE]...\n"
          "Lists the categories (code, label, legal basis, rules, terms),\n"
          "thresholds and topics of the ruleset.\n",
          f);
}

static void print_threshold(const smmod_ruleset *rs, int action)
{
    int t = smmod_ruleset_threshold(rs, action);
    if (t < 0)
        printf(" %s off", action_name(action));
    else
        printf(" %s %d", action_name(action), t);
}

static void print_categories(const smmod_ruleset *rs)
{
    size_t nc = smmod_ruleset_category_count(rs), nr = smmod_ruleset_rule_count(rs);
    size_t *rules = xcalloc(nc + 1, sizeof *rules), *terms = xcalloc(nc + 1, sizeof *terms);
    for (size_t i = 0; i < nr; i++) {
        int c = smmod_ruleset_rule_category(rs, i);
        if (c >= 0 && (size_t)c < nc) {
            rules[c]++;
            terms[c] += smmod_ruleset_rule_term_count(rs, i);
        }
    }
    printf("%-14s %6s %7s  %-32s %s\n", "category", "rules", "terms", "label",
           "basis");
    for (size_t c = 0; c < nc; c++)
        printf("%-14s %6zu %7zu  %-32s %s\n", smmod_ruleset_category_code(rs, c),
               rules[c], terms[c], smmod_ruleset_category_label(rs, c),
               smmod_ruleset_category_basis(rs, c));
    free(rules);
    free(terms);
}

static void print_ruleset(const smmod_ruleset *rs)
{
    printf("fingerprint %s, %zu rules, %zu categories, %zu tests\n",
           smmod_ruleset_fingerprint(rs), smmod_ruleset_rule_count(rs),
           smmod_ruleset_category_count(rs), smmod_ruleset_test_count(rs));
    printf("thresholds:");
    for (int a = SMMOD_REVIEW; a <= SMMOD_REJECT; a++)
        print_threshold(rs, a);
    printf("\n\n");
    print_categories(rs);
    size_t nt = smmod_ruleset_topic_count(rs);
    if (nt) {
        printf("\ntopics:");
        for (size_t i = 0; i < nt; i++)
            printf(" %s", smmod_ruleset_topic_name(rs, i));
        printf("\n");
    }
}

int cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char **rules = NULL;
    size_t nrules = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'r') {
            rules = xrealloc(rules, (nrules + 1) * sizeof *rules);
            rules[nrules++] = optarg;
        } else {
            free(rules);
            usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? EXIT_OK : EXIT_USAGE;
        }
    }
    if (optind >= argc || strcmp(argv[optind], "list") != 0 || optind + 1 != argc) {
        free(rules);
        usage(stderr);
        return EXIT_USAGE;
    }
    smmod_ruleset *rs = NULL;
    int rc = rules_open(&rs, rules, nrules);
    free(rules);
    if (rc)
        return rc;
    print_ruleset(rs);
    smmod_ruleset_free(rs);
    return EXIT_OK;
}
