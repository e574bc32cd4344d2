/*
 * main.c - smmod, the command-line tool of libsmmod: dispatches to the
 * subcommands and prints the overall help and version.
 */
#include "cmds.h"

#include "util.h"

#include <smmod.h>
#include <string.h>

void main_usage(FILE *f)
{
    fputs(
        "usage: smmod COMMAND [OPTIONS] [ARGS]\n"
        "\n"
        "Moderates German user comments with libsmmod rule files.\n"
        "\n"
        "commands:\n"
        "  scan [OPTIONS] [FILE...]   classify comments (text, JSONL, CSV, JSON;\n"
        "                             stdin when no FILE); see smmod scan --help\n"
        "  test RULES...              run the test lines of rule files (or dirs)\n"
        "  explain [--rules F] TEXT   show views, matches, scores and the decision\n"
        "  rules list [--rules F]     categories, labels, legal basis, rule counts\n"
        "  eval [OPTIONS] FILE        precision/recall/F1 on a labelled file\n"
        "\n"
        "  --help, -h                 this help\n"
        "  --version                  the versions of smmod and libsmmod\n"
        "\n"
        "Without --rules the default ruleset is used: $SMMOD_RULES, else\n"
        "rules/de/default.rules beside the build tree or under the install prefix.\n"
        "\n"
        "exit codes: 0 ok, 1 --fail-on reached (or a rule test failed), 2 usage,\n"
        "rule or I/O error, 3 some records were malformed.\n",
        f);
}

static int version(void)
{
    printf("smmod %s (libsmmod %s)\n", SMMOD_VERSION_STRING, smmod_version());
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        main_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0)
        return version();
    if (strcmp(cmd, "scan") == 0)
        return cmd_scan(argc - 1, argv + 1);
    if (strcmp(cmd, "test") == 0)
        return cmd_test(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(argc - 1, argv + 1);
    if (strcmp(cmd, "rules") == 0)
        return cmd_rules(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return cmd_eval(argc - 1, argv + 1);
    msg("unknown command '%s' (see smmod --help)", cmd);
    return EXIT_USAGE;
}
