/*
 * fuzz_reader.h - the body shared by the CLI reader fuzz targets
 * (fuzz_csv.c, fuzz_json.c): the input becomes a file (an in-memory
 * memfd, opened by its /proc path just as the CLI opens a file) read by
 * the CLI's reader of one format; every batch then goes through a worker
 * exactly as `smmod scan` does (record text, scan, output, errors).
 *
 * The first input byte picks the output format (JSON Lines or CSV), the
 * redaction and the CSV delimiter; the rest is the file. Checks: each line
 * of JSON Lines output is a JSON object, CSV output parses as strict CSV
 * with the header's width on every row, and every record read is either
 * written or reported as malformed (all actions are written).
 */
#ifndef SMMOD_FUZZ_READER_H
#define SMMOD_FUZZ_READER_H

#include <csv.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "reader.h"
#include "worker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static smmod_ruleset *g_rs;

static const char g_rules[] =
    "category insult\ncategory pii flag redact\n"
    "words insult \"idiot\" \"depp\" \"drecks*\"\n"
    "regex insult id r1 /\\bdu (?:bist|bleibst) \\w+/\n"
    "detect pii phone\n";

static void reader_init_once(void)
{
    if (g_rs)
        return;
    if (smmod_ruleset_compile(&g_rs, g_rules, sizeof g_rules - 1, NULL, NULL,
                              NULL) != SMMOD_OK)
        abort();
}

/* Each line of `o` (JSON Lines output) is a JSON object. */
static void check_jsonl(const sbuf *o)
{
    size_t at = 0;
    while (at < o->len) {
        const char *nl = memchr(o->p + at, '\n', o->len - at);
        size_t n = nl ? (size_t)(nl - (o->p + at)) : o->len - at;
        json_error_t e;
        json_t *j = json_loadb(o->p + at, n, JSON_ALLOW_NUL, &e);
        if (!j || !json_is_object(j)) {
            fprintf(stderr, "bad output line: %.*s\n(%s)\n", (int)n,
                    o->p + at, e.text);
            abort();
        }
        FUZZ_CHECK(json_object_get(j, "verdict") != NULL);
        json_decref(j);
        at += n + 1;
    }
}

typedef struct csv_count {
    size_t fields, rows, width;
    int bad_width;
} csv_count;

static void count_field(void *s, size_t n, void *data)
{
    (void)s;
    (void)n;
    ((csv_count *)data)->fields++;
}

static void count_row(int c, void *data)
{
    csv_count *cc = data;
    (void)c;
    if (cc->rows++ == 0)
        cc->width = cc->fields;
    else if (cc->fields != cc->width)
        cc->bad_width = 1;
    cc->fields = 0;
}

/* The header and rows of CSV output parse strictly, all of one width. */
static void check_csv(const sbuf *head, const sbuf *rows, char delim)
{
    struct csv_parser p;
    csv_count cc = {0, 0, 0, 0};
    FUZZ_CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
    csv_set_delim(&p, (unsigned char)delim);
    FUZZ_CHECK(csv_parse(&p, head->p, head->len, count_field, count_row,
                         &cc) == head->len);
    FUZZ_CHECK(csv_parse(&p, rows->p, rows->len, count_field, count_row,
                         &cc) == rows->len);
    FUZZ_CHECK(csv_fini(&p, count_field, count_row, &cc) == 0);
    csv_free(&p);
    if (cc.bad_width) {
        fprintf(stderr, "CSV output rows differ in width:\n%.*s%.*s\n",
                (int)head->len, head->p, (int)rows->len, rows->p);
        abort();
    }
}

/* Read the whole file in `path` as `format` and process every batch. */
static void run_reader(const char *path, int format, int mode)
{
    const char *files[1] = {path};
    scan_args args;
    scan_ctx ctx;
    worker w;
    reader rd;
    batch *b = batch_new();
    sbuf head = {0};
    memset(&args, 0, sizeof args);
    memset(&ctx, 0, sizeof ctx);
    args.files = files;
    args.nfiles = 1;
    args.format = format;
    args.output = mode & 1 ? OUT_CSV : OUT_JSONL;
    args.delimiter = mode & 2 ? ';' : 0;
    args.text_field = mode & 4 ? "body.text" : NULL;
    args.text_column = mode & 32 ? "2" : NULL;
    args.only_mask = 0xF;
    args.jobs = 1;
    args.fail_on = -1;
    ctx.args = &args;
    ctx.rs = g_rs;
    ctx.write_output = 1;
    ctx.redact.categories = mode & 8 ? "*" : NULL;
    ctx.redact.mask = mode & 16 ? "[x]" : "*";
    FUZZ_CHECK(worker_init(&w, &ctx) == 0);
    reader_init(&rd, &args);
    while (reader_fill(&rd, b)) {
        worker_run(&w, b);
        if (args.output == OUT_JSONL) {
            check_jsonl(&b->out);
        } else {
            sbuf_add(&head, b->prefix.p, b->prefix.len);
            if (head.len)
                check_csv(&head, &b->out,
                          b->format == FMT_CSV ? b->delim : ',');
        }
        /* invalid UTF-8 is reported and still written: both counts */
        FUZZ_CHECK(w.st.written <= w.st.read &&
                   w.st.read <= w.st.written + w.st.malformed);
        batch_reset(b);
    }
    reader_free(&rd);
    worker_free(&w);
    batch_free(b);
    sbuf_free(&head);
}

/* The fuzz input as a file: a memfd, named by its /proc path. */
static int fuzz_reader_one(const uint8_t *data, size_t size, int format)
{
    char path[64];
    int fd;
    if (size < 1)
        return 0;
    reader_init_once();
    fd = memfd_create("smmod-fuzz", 0);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(write(fd, data + 1, size - 1) == (ssize_t)(size - 1));
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    run_reader(path, format, data[0]);
    close(fd);
    return 0;
}

#endif
