/*
 * cmd_pending.c - placeholders for subcommands still being written
 * (explain, rules, eval): they say so and exit with the usage code.
 */
#include "cmds.h"

#include "util.h"

static int pending(const char *name)
{
    msg("'%s' is not implemented yet", name);
    return EXIT_USAGE;
}

int cmd_explain(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return pending("explain");
}

int cmd_rules(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return pending("rules");
}

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return pending("eval");
}
