/*
 * embed.c - the smallest useful program that embeds libsmmod: load a
 * ruleset, scan each argument, print the decision and the matched spans.
 *
 *     build/bin/embed rules/de/default.rules "Du bist ein Vollidiot"
 *
 * A portal would keep the ruleset for the life of the process, create one
 * scanner per thread and call smmod_scan() for each comment.
 */
#include <smmod.h>
#include <stdio.h>
#include <string.h>

static const char *const actions[] = {"allow", "review", "hide", "reject"};

static int load(smmod_ruleset **rs, const char *path)
{
    smmod_error *err = NULL;
    if (smmod_error_new(&err) < 0)
        return -1;
    int rc = smmod_ruleset_load(rs, path, NULL, err);
    if (rc < 0)
        fprintf(stderr, "%s:%u:%u: %s\n", *smmod_error_file(err) ? smmod_error_file(err) : path,
                smmod_error_line(err), smmod_error_column(err),
                *smmod_error_message(err) ? smmod_error_message(err) : smmod_strerror(rc));
    smmod_error_free(err);
    return rc;
}

static void show(const smmod_verdict *v, const char *text)
{
    printf("%s (score %d): %s\n", actions[smmod_verdict_action(v)],
           smmod_verdict_score(v), text);
    for (size_t i = 0; i < smmod_verdict_match_count(v); i++) {
        size_t s = smmod_verdict_match_start(v, i);
        size_t e = smmod_verdict_match_end(v, i);
        printf("  %s [%s] \"%.*s\"\n", smmod_verdict_match_rule(v, i),
               smmod_verdict_match_category(v, i), (int)(e - s), text + s);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RULEFILE TEXT...\n", argv[0]);
        return 2;
    }
    if (smmod_version_number() / 100 != SMMOD_VERSION_NUMBER / 100)
        fprintf(stderr, "warning: built for libsmmod %s, running %s\n",
                SMMOD_VERSION_STRING, smmod_version());
    smmod_ruleset *rs = NULL;
    smmod_scanner *sc = NULL;
    if (load(&rs, argv[1]) < 0)
        return 2;
    int rc = smmod_scanner_new(&sc, rs);
    smmod_ruleset_free(rs); /* the scanner holds its own reference */
    for (int i = 2; rc == 0 && i < argc; i++) {
        const smmod_verdict *v = NULL;
        rc = smmod_scan(sc, argv[i], strlen(argv[i]), &v);
        if (rc == 0)
            show(v, argv[i]);
    }
    if (rc < 0)
        fprintf(stderr, "smmod: %s\n", smmod_strerror(rc));
    smmod_scanner_free(sc);
    return rc < 0 ? 2 : 0;
}
