/*
 * cmd_test.c - `smmod test RULES...`: compiles each rule file (a directory
 * stands for its top-level *.rules files: those no other file in it
 * includes) and checks every `test` line against the whole ruleset.
 */
#include "cmds.h"

#include "output.h"
#include "rulesets.h"
#include "util.h"

#include <dirent.h>
#include <smmod.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct counts {
    unsigned passed, failed;
    int rule_error;
} counts;

typedef struct strlist {
    char **v;
    size_t n;
} strlist;

static void strlist_add(strlist *l, char *s)
{
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = s;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* "flagged" (any action but allow) is reported by the library as a value
 * outside allow..reject. */
static const char *expected_name(int e)
{
    const char *n = action_name(e);
    return n ? n : "flagged";
}

static int test_ok(int expected, int got)
{
    return expected >= 0 && expected <= 3 ? got == expected : got != SMMOD_ALLOW;
}

static void print_matches(const smmod_verdict *v, const char *text)
{
    size_t nm = smmod_verdict_match_count(v);
    for (size_t i = 0; i < nm; i++) {
        size_t s = smmod_verdict_match_start(v, i), e = smmod_verdict_match_end(v, i);
        printf("    %s (%s) [%zu,%zu) \"%.*s\" score %d\n",
               smmod_verdict_match_rule(v, i), smmod_verdict_match_category(v, i),
               s, e, (int)(e - s), text + s, smmod_verdict_match_score(v, i));
    }
    if (!nm)
        printf("    (no matches)\n");
}

static void run_one(smmod_scanner *sc, const smmod_ruleset *rs, size_t i,
                    counts *c)
{
    const char *text = smmod_ruleset_test_text(rs, i);
    int expected = smmod_ruleset_test_expected(rs, i);
    const smmod_verdict *v = NULL;
    if (smmod_scan(sc, text, strlen(text), &v) < 0 || !v) {
        c->failed++;
        return;
    }
    int got = smmod_verdict_action(v);
    if (test_ok(expected, got)) {
        c->passed++;
        return;
    }
    c->failed++;
    printf("%s:%u: expected %s, got %s (score %d): \"%s\"\n",
           smmod_ruleset_test_file(rs, i), smmod_ruleset_test_line(rs, i),
           expected_name(expected), action_name(got), smmod_verdict_score(v),
           text);
    print_matches(v, text);
}

static void test_file(const char *path, counts *c)
{
    smmod_ruleset *rs = NULL;
    if (rules_open(&rs, &path, 1) != 0) {
        c->rule_error = 1;
        return;
    }
    smmod_scanner *sc = NULL;
    if (smmod_scanner_new(&sc, rs) == 0) {
        size_t n = smmod_ruleset_test_count(rs);
        for (size_t i = 0; i < n; i++)
            run_one(sc, rs, i, c);
    }
    smmod_scanner_free(sc);
    smmod_ruleset_free(rs);
}

/* The file names a rule file includes (the text of its include lines). */
static void collect_includes(const char *path, strlist *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *p = line + strspn(line, " \t");
        if (strncmp(p, "include", 7) != 0 || !strchr(" \t", p[7]))
            continue;
        char *q1 = strchr(p, '"'), *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
        if (q2) {
            *q2 = '\0';
            const char *base = strrchr(q1 + 1, '/');
            strlist_add(out, xstrdup(base ? base + 1 : q1 + 1));
        }
    }
    fclose(f);
}

static int listed(const strlist *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], name) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_dir(const char *dir, counts *c)
{
    DIR *d = opendir(dir);
    strlist files = {0}, included = {0};
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 6 && strcmp(e->d_name + n - 6, ".rules") == 0)
            strlist_add(&files, xstrdup(e->d_name));
    }
    if (d)
        closedir(d);
    qsort(files.v, files.n, sizeof *files.v, by_name);
    char path[4096];
    for (size_t i = 0; i < files.n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files.v[i]);
        collect_includes(path, &included);
    }
    for (size_t i = 0; i < files.n; i++) {
        if (listed(&included, files.v[i]))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, files.v[i]);
        test_file(path, c);
    }
    strlist_free(&files);
    strlist_free(&included);
}

int cmd_test(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs("usage: smmod test RULEFILE|DIR...\n"
              "Runs the `test` lines of each rule file against its whole ruleset.\n"
              "exit codes: 0 all passed, 1 a test failed, 2 a rule error.\n",
              argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    counts c = {0, 0, 0};
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            test_dir(argv[i], &c);
        else
            test_file(argv[i], &c);
    }
    printf("smmod test: %u passed, %u failed\n", c.passed, c.failed);
    if (c.rule_error)
        return EXIT_USAGE;
    return c.failed ? EXIT_FAIL_ON : EXIT_OK;
}
