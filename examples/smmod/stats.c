/*
 * stats.c - counting verdicts and printing the --stats line and the
 * --summary table (actions x categories, top rules, records).
 */
#include "stats.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

struct rule_map {
    size_t mask;
    const char **ids; /* open addressing, NULL = empty */
    long *index;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

rule_map *rule_map_new(const smmod_ruleset *rs)
{
    size_t n = smmod_ruleset_rule_count(rs), cap = 16;
    while (cap < n * 2)
        cap *= 2;
    rule_map *m = xcalloc(1, sizeof *m);
    m->mask = cap - 1;
    m->ids = xcalloc(cap, sizeof *m->ids);
    m->index = xcalloc(cap, sizeof *m->index);
    for (size_t i = 0; i < n; i++) {
        const char *id = smmod_ruleset_rule_id(rs, i);
        size_t h = hash_str(id) & m->mask;
        while (m->ids[h])
            h = (h + 1) & m->mask;
        m->ids[h] = id;
        m->index[h] = (long)i;
    }
    return m;
}

void rule_map_free(rule_map *m)
{
    if (!m)
        return;
    free(m->ids);
    free(m->index);
    free(m);
}

long rule_map_find(const rule_map *m, const char *id)
{
    if (!m || !id)
        return -1;
    for (size_t h = hash_str(id) & m->mask; m->ids[h]; h = (h + 1) & m->mask)
        if (m->ids[h] == id || strcmp(m->ids[h], id) == 0)
            return m->index[h];
    return -1;
}

void stats_init(stats *s, const smmod_ruleset *rs, int detail)
{
    memset(s, 0, sizeof *s);
    if (!detail)
        return;
    s->ncat = smmod_ruleset_category_count(rs);
    s->nrule = smmod_ruleset_rule_count(rs);
    s->cat_action = xcalloc(s->ncat * 4 + 1, sizeof *s->cat_action);
    s->rule_hits = xcalloc(s->nrule + 1, sizeof *s->rule_hits);
}

void stats_free(stats *s)
{
    free(s->cat_action);
    free(s->rule_hits);
    s->cat_action = s->rule_hits = NULL;
}

static void count_rules(stats *s, const smmod_verdict *v, const rule_map *m)
{
    size_t nm = smmod_verdict_match_count(v);
    long last = -1;
    for (size_t i = 0; i < nm; i++) {
        long r = rule_map_find(m, smmod_verdict_match_rule(v, i));
        if (r < 0 || (size_t)r >= s->nrule || r == last)
            continue;
        /* a rule counts once per comment */
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = rule_map_find(m, smmod_verdict_match_rule(v, k)) == r;
        if (!seen)
            s->rule_hits[r]++;
        last = r;
    }
}

void stats_add_verdict(stats *s, const smmod_verdict *v, const rule_map *m)
{
    int a = smmod_verdict_action(v);
    s->comments++;
    s->actions[a & 3]++;
    if (!s->cat_action)
        return;
    size_t nc = smmod_verdict_category_count(v);
    for (size_t i = 0; i < nc; i++) {
        int c = smmod_verdict_category_index(v, i);
        if (c >= 0 && (size_t)c < s->ncat)
            s->cat_action[(size_t)c * 4 + (size_t)(a & 3)]++;
    }
    count_rules(s, v, m);
}

void stats_merge(stats *into, const stats *from)
{
    into->read += from->read;
    into->comments += from->comments;
    for (int i = 0; i < 4; i++)
        into->actions[i] += from->actions[i];
    into->malformed += from->malformed;
    into->written += from->written;
    if (into->cat_action && from->cat_action)
        for (size_t i = 0; i < into->ncat * 4; i++)
            into->cat_action[i] += from->cat_action[i];
    if (into->rule_hits && from->rule_hits)
        for (size_t i = 0; i < into->nrule; i++)
            into->rule_hits[i] += from->rule_hits[i];
}

void stats_print_line(const stats *s, FILE *f)
{
    uint64_t flagged = s->actions[1] + s->actions[2] + s->actions[3];
    fprintf(f, "comments=%llu allow=%llu review=%llu hide=%llu reject=%llu "
               "flagged=%llu\n",
            (unsigned long long)s->comments, (unsigned long long)s->actions[0],
            (unsigned long long)s->actions[1], (unsigned long long)s->actions[2],
            (unsigned long long)s->actions[3], (unsigned long long)flagged);
}

static void print_action_table(const stats *s, const smmod_ruleset *rs, FILE *f)
{
    fprintf(f, "%-24s %10s %10s %10s %10s\n", "category", "allow", "review",
            "hide", "reject");
    for (size_t c = 0; c < s->ncat; c++) {
        const uint64_t *row = s->cat_action + c * 4;
        if (!(row[0] | row[1] | row[2] | row[3]))
            continue;
        fprintf(f, "%-24s %10llu %10llu %10llu %10llu\n",
                smmod_ruleset_category_code(rs, c), (unsigned long long)row[0],
                (unsigned long long)row[1], (unsigned long long)row[2],
                (unsigned long long)row[3]);
    }
    fprintf(f, "%-24s %10llu %10llu %10llu %10llu\n", "(all comments)",
            (unsigned long long)s->actions[0], (unsigned long long)s->actions[1],
            (unsigned long long)s->actions[2], (unsigned long long)s->actions[3]);
}

static const stats *sort_stats;

static int by_hits(const void *a, const void *b)
{
    uint64_t x = sort_stats->rule_hits[*(const size_t *)a];
    uint64_t y = sort_stats->rule_hits[*(const size_t *)b];
    if (x != y)
        return x < y ? 1 : -1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static void print_top_rules(const stats *s, const smmod_ruleset *rs, FILE *f)
{
    size_t *order = xmalloc((s->nrule + 1) * sizeof *order);
    for (size_t i = 0; i < s->nrule; i++)
        order[i] = i;
    sort_stats = s; /* qsort has no context argument; single-threaded here */
    qsort(order, s->nrule, sizeof *order, by_hits);
    fprintf(f, "\ntop rules (comments matched):\n");
    for (size_t i = 0; i < s->nrule && i < 20 && s->rule_hits[order[i]]; i++)
        fprintf(f, "%10llu  %s\n", (unsigned long long)s->rule_hits[order[i]],
                smmod_ruleset_rule_id(rs, order[i]));
    free(order);
}

void stats_print_summary(const stats *s, const smmod_ruleset *rs, FILE *f)
{
    fprintf(f, "\n");
    if (s->cat_action)
        print_action_table(s, rs, f);
    if (s->rule_hits)
        print_top_rules(s, rs, f);
    fprintf(f, "\nrecords: read=%llu written=%llu malformed=%llu\n",
            (unsigned long long)s->read, (unsigned long long)s->written,
            (unsigned long long)s->malformed);
}
