/*
 * args.h - the options of `smmod scan` and their parser.
 */
#ifndef SMMOD_CLI_ARGS_H
#define SMMOD_CLI_ARGS_H

#include <stddef.h>

enum in_format { FMT_AUTO, FMT_TEXT, FMT_JSONL, FMT_CSV, FMT_JSON };
enum out_format { OUT_JSONL, OUT_CSV };

typedef struct scan_args {
    const char **rules; /* --rules files, in order */
    size_t nrules;
    const char **files; /* inputs; none = stdin */
    size_t nfiles;
    int format;              /* enum in_format */
    int output;              /* enum out_format */
    const char *text_field;  /* dotted path; NULL = "text", then "message" */
    const char *text_column; /* CSV column name or 1-based index; NULL = guess */
    char delimiter;          /* CSV delimiter; 0 = ',' (tab for .tsv) */
    int only_mask;           /* actions written (bit 1 << action) */
    const char *redact;      /* categories to redact, NULL = none */
    const char *mask;        /* redaction mask, default "*" */
    const char *audit_path;
    const char *errors_path;
    const char *topic;
    int summary;
    int stats;
    int jobs;     /* worker threads, >= 1 */
    int progress; /* -1 auto (a terminal), 0 off, 1 on */
    int fail_on;  /* least action that makes the exit code 1; -1 none */
} scan_args;

/* Parse argv (after the word "scan"). Returns 0, or an exit code (2 for a
 * usage error, after printing it; -1 after printing help: exit 0). */
int scan_args_parse(scan_args *a, int argc, char **argv);
void scan_args_free(scan_args *a);
/* Name of a format for messages. */
const char *format_name(int fmt);

#endif
