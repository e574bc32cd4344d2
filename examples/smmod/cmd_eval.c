/*
 * cmd_eval.c - `smmod eval`: scans a labelled file (GermEval-2018 TSV
 * `text<TAB>coarse<TAB>fine` with |LBR| for line breaks, or a CSV with
 * named text and label columns) and reports how the verdicts match the
 * labels; `--clean FILE` reports flag and reject rates on clean text. The
 * files are read with the scan readers (same framing, same CSV parser).
 */
#include "cmds.h"

#include "eval.h"
#include "reader.h"
#include "rulesets.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct eval_opts {
    const char **rules;
    size_t nrules;
    const char *text_column, *label_column, *fine_column;
    const char *negative, *clean, *topic, *file;
    char delimiter;
    int csv;
    size_t top;
} eval_opts;

typedef struct eval_run {
    const eval_opts *o;
    smmod_scanner *sc;
    rule_map *map;
    eval_counts counts;
    sbuf text, label, fine;
    uint64_t skipped;
} eval_run;

static void usage(FILE *f)
{
    fputs("usage: smmod eval [--rules FILE]... [OPTIONS] [LABELLED_FILE]\n"
          "  LABELLED_FILE          GermEval-2018 TSV (text, coarse, fine; |LBR| =\n"
          "                         line break), or CSV (.csv or --label-column)\n"
          "  --text-column C        CSV: text column (name or 1-based index)\n"
          "  --label-column C       CSV: label column (default: label)\n"
          "  --fine-column C        CSV: a finer label to break recall down by\n"
          "  --delimiter C          CSV delimiter\n"
          "  --negative LABELS      labels meaning not offensive (default\n"
          "                         OTHER,0,false,no,none,neutral,clean,ok)\n"
          "  --clean FILE           clean text, one sentence a line: flag and\n"
          "                         reject rates\n"
          "  --top N                rules listed (default 40)\n"
          "  --topic NAME           the active topic\n",
          f);
}

static int is_negative(const eval_opts *o, const char *label)
{
    const char *list = o->negative ? o->negative
                                   : "OTHER,0,false,no,none,neutral,clean,ok";
    size_t n = strlen(label);
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncasecmp(p, label, n) == 0)
            return 1;
        p += len + (comma != NULL);
    }
    return n == 0;
}

/* Copy s[0..n) to b with |LBR| turned back into line breaks. */
static void set_text(sbuf *b, const char *s, size_t n)
{
    sbuf_clear(b);
    for (size_t i = 0; i < n; i++) {
        if (n - i >= 5 && memcmp(s + i, "|LBR|", 5) == 0) {
            sbuf_addc(b, '\n');
            i += 4;
        } else {
            sbuf_addc(b, s[i]);
        }
    }
}

static void set_str(sbuf *b, const char *s, size_t n)
{
    sbuf_clear(b);
    sbuf_add(b, s, n);
    sbuf_addc(b, '\0');
}

static void count(eval_run *er, int positive, const char *fine)
{
    const smmod_verdict *v = NULL;
    if (smmod_scan(er->sc, er->text.p ? er->text.p : "", er->text.len, &v) == 0 && v)
        eval_add(&er->counts, positive, fine, v, er->map);
}

/* text<TAB>coarse<TAB>fine */
static void tsv_record(eval_run *er, const char *p, size_t n)
{
    const char *t1 = memchr(p, '\t', n);
    if (!t1) {
        er->skipped++;
        return;
    }
    const char *c = t1 + 1, *end = p + n;
    const char *t2 = memchr(c, '\t', (size_t)(end - c));
    set_text(&er->text, p, (size_t)(t1 - p));
    set_str(&er->label, c, (size_t)((t2 ? t2 : end) - c));
    set_str(&er->fine, t2 ? t2 + 1 : "", t2 ? (size_t)(end - t2 - 1) : 0);
    count(er, !is_negative(er->o, er->label.p), er->fine.p);
}

static long column_of(const batch *b, const char *want)
{
    char *end;
    long idx = strtol(want, &end, 10);
    if (*want && !*end)
        return idx >= 1 && (size_t)idx <= b->ncols ? idx - 1 : -1;
    for (size_t i = 0; i < b->ncols; i++)
        if (strcasecmp(b->header[i], want) == 0)
            return (long)i;
    return -1;
}

static int csv_batch(eval_run *er, batch *b)
{
    const eval_opts *o = er->o;
    long lc = column_of(b, o->label_column ? o->label_column : "label");
    long fc = o->fine_column ? column_of(b, o->fine_column) : -1;
    if (lc < 0 || (o->fine_column && fc < 0)) {
        msg("%s: no column '%s'", b->source, lc < 0 ? (o->label_column ? o->label_column : "label") : o->fine_column);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < b->nrecs; i++) {
        const record *r = &b->recs[i];
        if (r->err_len) {
            er->skipped++;
            continue;
        }
        const field *f = b->fields + r->field_first;
        set_text(&er->text, b->data.p + f[b->text_col].off, f[b->text_col].len);
        set_str(&er->label, b->data.p + f[lc].off, f[lc].len);
        if (fc >= 0)
            set_str(&er->fine, b->data.p + f[fc].off, f[fc].len);
        count(er, !is_negative(o, er->label.p), fc >= 0 ? er->fine.p : NULL);
    }
    return 0;
}

/* Read `path` batch by batch; clean text counts every line as negative. */
static int read_file(eval_run *er, const char *path, int clean)
{
    const eval_opts *o = er->o;
    scan_args a;
    memset(&a, 0, sizeof a);
    a.files = &path;
    a.nfiles = 1;
    a.format = o->csv && !clean ? FMT_CSV : FMT_TEXT;
    a.text_column = o->text_column;
    a.delimiter = o->delimiter;
    reader rd;
    reader_init(&rd, &a);
    batch *b = batch_new();
    int rc = 0;
    while (!rc && reader_fill(&rd, b)) {
        if (a.format == FMT_CSV) {
            rc = csv_batch(er, b);
        } else {
            for (size_t i = 0; i < b->nrecs; i++) {
                const record *r = &b->recs[i];
                const char *p = b->data.p + r->text_off;
                if (clean && r->text_len) {
                    set_text(&er->text, p, r->text_len);
                    count(er, 0, NULL);
                } else if (!clean) {
                    tsv_record(er, p, r->text_len);
                }
            }
        }
        batch_reset(b);
    }
    if (rd.io_error || rd.usage_error)
        rc = EXIT_USAGE;
    batch_free(b);
    reader_free(&rd);
    return rc;
}

static int run_eval(eval_run *er, smmod_ruleset *rs)
{
    const eval_opts *o = er->o;
    int rc = 0;
    if (o->file) {
        eval_init(&er->counts, rs);
        rc = read_file(er, o->file, 0);
        if (!rc)
            eval_print(&er->counts, rs, o->top, stdout);
        if (er->skipped)
            printf("(%llu records without a label skipped)\n", (unsigned long long)er->skipped);
        eval_free(&er->counts);
    }
    if (!rc && o->clean) {
        if (o->file)
            printf("\n");
        eval_init(&er->counts, rs);
        rc = read_file(er, o->clean, 1);
        if (!rc)
            eval_print_clean(&er->counts, rs, o->top, stdout);
        eval_free(&er->counts);
    }
    return rc;
}

static int parse(eval_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rules", required_argument, NULL, 'r'}, {"text-column", required_argument, NULL, 't'},
        {"label-column", required_argument, NULL, 'l'}, {"fine-column", required_argument, NULL, 'f'},
        {"negative", required_argument, NULL, 'n'}, {"clean", required_argument, NULL, 'c'},
        {"top", required_argument, NULL, 'k'}, {"topic", required_argument, NULL, 'T'},
        {"delimiter", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->top = 40;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rules = xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case 't': o->text_column = optarg; break;
        case 'l': o->label_column = optarg; o->csv = 1; break;
        case 'f': o->fine_column = optarg; break;
        case 'n': o->negative = optarg; break;
        case 'c': o->clean = optarg; break;
        case 'k': o->top = (size_t)strtoul(optarg, NULL, 10); break;
        case 'T': o->topic = optarg; break;
        case 'd': o->delimiter = strcmp(optarg, "tab") == 0 ? '\t' : optarg[0]; break;
        case 'h': usage(stdout); return -1;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 == argc)
        o->file = argv[optind];
    else if (optind != argc || !o->clean) {
        usage(stderr);
        return EXIT_USAGE;
    }
    size_t n = o->file ? strlen(o->file) : 0;
    if (n > 4 && strcmp(o->file + n - 4, ".csv") == 0)
        o->csv = 1;
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    eval_opts o;
    int rc = parse(&o, argc, argv);
    smmod_ruleset *rs = NULL;
    if (!rc)
        rc = rules_open(&rs, o.rules, o.nrules);
    eval_run er;
    memset(&er, 0, sizeof er);
    er.o = &o;
    if (!rc && smmod_scanner_new(&er.sc, rs) < 0)
        rc = EXIT_USAGE;
    if (!rc && o.topic && smmod_scanner_set_topic(er.sc, o.topic) < 0) {
        msg("unknown topic '%s'", o.topic);
        rc = EXIT_USAGE;
    }
    if (!rc) {
        er.map = rule_map_new(rs);
        rc = run_eval(&er, rs);
    }
    rule_map_free(er.map);
    smmod_scanner_free(er.sc);
    smmod_ruleset_free(rs);
    sbuf_free(&er.text);
    sbuf_free(&er.label);
    sbuf_free(&er.fine);
    free(o.rules);
    return rc < 0 ? EXIT_OK : rc;
}
