/*
 * args.c - parses the options of `smmod scan` (getopt_long) into a
 * scan_args; every bad value is a usage error (exit code 2).
 */
#include "args.h"

#include "cmds.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_RULES = 256, OPT_FORMAT, OPT_TEXT_FIELD, OPT_TEXT_COLUMN,
    OPT_DELIMITER, OPT_OUTPUT, OPT_ONLY, OPT_EXCLUDE, OPT_REDACT, OPT_MASK,
    OPT_AUDIT, OPT_ERRORS, OPT_TOPIC, OPT_SUMMARY, OPT_STATS, OPT_PROGRESS,
    OPT_NO_PROGRESS, OPT_FAIL_ON, OPT_HELP
};

static const struct option long_opts[] = {
    {"rules", required_argument, NULL, OPT_RULES},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
    {"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
    {"delimiter", required_argument, NULL, OPT_DELIMITER},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"only", required_argument, NULL, OPT_ONLY},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"redact", required_argument, NULL, OPT_REDACT},
    {"mask", required_argument, NULL, OPT_MASK},
    {"audit", required_argument, NULL, OPT_AUDIT},
    {"errors", required_argument, NULL, OPT_ERRORS},
    {"topic", required_argument, NULL, OPT_TOPIC},
    {"summary", no_argument, NULL, OPT_SUMMARY},
    {"stats", no_argument, NULL, OPT_STATS},
    {"jobs", required_argument, NULL, 'j'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0}};

static const char *const format_names[] = {"auto", "text", "jsonl", "csv",
                                           "json"};

const char *format_name(int fmt) { return format_names[fmt]; }

static int parse_format(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(s, format_names[i]) == 0)
            return i;
    if (strcmp(s, "ndjson") == 0)
        return FMT_JSONL;
    return -1;
}

static int parse_delimiter(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0) {
        *out = '\t';
        return 0;
    }
    if (strlen(s) != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r')
        return -1;
    *out = s[0];
    return 0;
}

static int parse_jobs(const char *s, int *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*end || n < 1 || n > 256)
        return -1;
    *out = (int)n;
    return 0;
}

static int usage_error(const char *what, const char *value)
{
    msg("invalid %s: '%s' (see smmod scan --help)", what, value);
    return EXIT_USAGE;
}

/* Apply one option; 0, an exit code, or -1 for help. */
static int apply_opt(scan_args *a, int c, const char *v)
{
    int m;
    switch (c) {
    case OPT_RULES:
        a->rules = xrealloc(a->rules, (a->nrules + 1) * sizeof *a->rules);
        a->rules[a->nrules++] = v;
        return 0;
    case OPT_FORMAT:
        a->format = parse_format(v);
        return a->format < 0 ? usage_error("--format", v) : 0;
    case OPT_TEXT_FIELD: a->text_field = v; return 0;
    case OPT_TEXT_COLUMN: a->text_column = v; return 0;
    case OPT_DELIMITER:
        return parse_delimiter(v, &a->delimiter) ? usage_error("--delimiter", v) : 0;
    case OPT_OUTPUT:
        if (strcmp(v, "jsonl") == 0) a->output = OUT_JSONL;
        else if (strcmp(v, "csv") == 0) a->output = OUT_CSV;
        else return usage_error("--output", v);
        return 0;
    case OPT_ONLY:
    case OPT_EXCLUDE:
        m = action_mask_parse(v);
        if (m < 0)
            return usage_error(c == OPT_ONLY ? "--only" : "--exclude", v);
        a->only_mask = c == OPT_ONLY ? (a->only_mask & m) : (a->only_mask & ~m);
        return 0;
    case OPT_REDACT: a->redact = v; return 0;
    case OPT_MASK:
        return *v ? (a->mask = v, 0) : usage_error("--mask", v);
    case OPT_AUDIT: a->audit_path = v; return 0;
    case OPT_ERRORS: a->errors_path = v; return 0;
    case OPT_TOPIC: a->topic = v; return 0;
    case OPT_SUMMARY: a->summary = 1; return 0;
    case OPT_STATS: a->stats = 1; return 0;
    case 'j': return parse_jobs(v, &a->jobs) ? usage_error("-j", v) : 0;
    case OPT_PROGRESS: a->progress = 1; return 0;
    case OPT_NO_PROGRESS: a->progress = 0; return 0;
    case OPT_FAIL_ON:
        a->fail_on = strcmp(v, "flagged") == 0 ? 1 : action_parse(v);
        return a->fail_on < 0 ? usage_error("--fail-on", v) : 0;
    case OPT_HELP: return -1;
    default: return EXIT_USAGE;
    }
}

static void set_defaults(scan_args *a)
{
    memset(a, 0, sizeof *a);
    a->format = FMT_AUTO;
    a->output = OUT_JSONL;
    a->only_mask = 15;
    a->mask = "*";
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    a->jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n;
    a->progress = -1;
    a->fail_on = -1;
}

int scan_args_parse(scan_args *a, int argc, char **argv)
{
    set_defaults(a);
    optind = 1;
    opterr = 1;
    int c;
    while ((c = getopt_long(argc, argv, "j:h", long_opts, NULL)) != -1) {
        int rc = apply_opt(a, c == 'h' ? OPT_HELP : c, optarg);
        if (rc == -1) {
            scan_usage(stdout);
            return -1;
        }
        if (rc)
            return rc;
    }
    a->files = (const char **)argv + optind;
    a->nfiles = (size_t)(argc - optind);
    return 0;
}

void scan_args_free(scan_args *a)
{
    free(a->rules);
    a->rules = NULL;
}
