/*
 * cmds.h - the subcommands of smmod, each in its own cmd_*.c file.
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit code.
 */
#ifndef SMMOD_CLI_CMDS_H
#define SMMOD_CLI_CMDS_H

#include <stdio.h>

int cmd_scan(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_eval(int argc, char **argv);

void main_usage(FILE *f);
void scan_usage(FILE *f);

#endif
