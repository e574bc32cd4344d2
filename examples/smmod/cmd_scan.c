/*
 * cmd_scan.c - `smmod scan`: wires the reader, the worker pool and the
 * in-order writer together, then prints the --stats line or the
 * --summary table and chooses the exit code.
 */
#include "cmds.h"

#include "pool.h"
#include "progress.h"
#include "reader.h"
#include "rulesets.h"
#include "stats.h"
#include "worker.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct run {
    scan_args args;
    scan_ctx ctx;
    smmod_ruleset *rs;
    rule_map *map;
    worker *workers;
    int nworkers;
    FILE *audit, *errors;
    progress prog;
    uint64_t records;
    int write_error;
} run;

static void put(run *r, const sbuf *b, FILE *f)
{
    if (b->len && f && fwrite(b->p, 1, b->len, f) != b->len)
        r->write_error = 1;
}

/* Called in input order by the pool. */
static void sink(void *ctx, batch *b)
{
    run *r = ctx;
    if (r->ctx.write_output) {
        put(r, &b->prefix, stdout);
        put(r, &b->out, stdout);
    }
    put(r, &b->audit, r->audit);
    put(r, &b->errors, r->errors);
    if (b->msgs.len) {
        progress_done(&r->prog);
        fwrite(b->msgs.p, 1, b->msgs.len, stderr);
    }
    r->records += b->nrecs;
    progress_update(&r->prog, r->records, b->bytes_pos, b->bytes_total);
}

static FILE *open_out(const char *path, const char *what)
{
    FILE *f = fopen(path, "w");
    if (!f)
        msg("cannot write %s file %s: %s", what, path, strerror(errno));
    return f;
}

static int open_files(run *r)
{
    if (r->args.audit_path && !(r->audit = open_out(r->args.audit_path, "audit")))
        return EXIT_USAGE;
    if (r->args.errors_path &&
        !(r->errors = open_out(r->args.errors_path, "errors")))
        return EXIT_USAGE;
    return 0;
}

static int start_workers(run *r)
{
    r->ctx.args = &r->args;
    r->ctx.rs = r->rs;
    r->ctx.detail = r->args.summary;
    r->ctx.write_output = !r->args.stats;
    r->ctx.redact.categories = r->args.redact;
    r->ctx.redact.mask = r->args.mask;
    if (r->args.summary)
        r->map = rule_map_new(r->rs);
    r->ctx.rules = r->map;
    r->workers = xcalloc((size_t)r->args.jobs, sizeof *r->workers);
    for (r->nworkers = 0; r->nworkers < r->args.jobs; r->nworkers++) {
        int rc = worker_init(&r->workers[r->nworkers], &r->ctx);
        if (rc) {
            worker_free(&r->workers[r->nworkers]);
            return rc;
        }
    }
    return 0;
}

/* Read everything through the pool. */
static int pump(run *r, reader *rd)
{
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    progress_init(&r->prog, r->args.progress);
    pool *p = pool_new(r->workers, r->nworkers, sink, r);
    if (!p)
        return EXIT_USAGE;
    for (;;) {
        batch *b = pool_acquire(p);
        if (!reader_fill(rd, b)) {
            pool_release(p, b);
            break;
        }
        pool_submit(p, b);
    }
    pool_finish(p);
    pool_free(p);
    progress_done(&r->prog);
    if (fflush(stdout) != 0)
        r->write_error = 1;
    return 0;
}

static void report_totals(run *r, stats *total)
{
    stats_init(total, r->rs, r->args.summary);
    for (int i = 0; i < r->nworkers; i++)
        stats_merge(total, &r->workers[i].st);
    if (r->args.stats)
        stats_print_line(total, stdout);
    if (r->args.summary)
        stats_print_summary(total, r->rs, stderr);
    if (total->malformed)
        msg("%llu malformed record%s", (unsigned long long)total->malformed,
            total->malformed == 1 ? "" : "s");
}

static int exit_code(run *r, const reader *rd, const stats *total)
{
    if (rd->usage_error || rd->io_error || r->write_error)
        return EXIT_USAGE;
    if (total->malformed)
        return EXIT_MALFORMED;
    if (r->args.fail_on >= 0)
        for (int a = r->args.fail_on; a < 4; a++)
            if (total->actions[a])
                return EXIT_FAIL_ON;
    return EXIT_OK;
}

static int close_files(run *r)
{
    int bad = 0;
    if (r->audit)
        bad |= fclose(r->audit) != 0;
    if (r->errors)
        bad |= fclose(r->errors) != 0;
    if (r->write_error || bad)
        msg("write error: %s", strerror(errno));
    return bad;
}

static void cleanup(run *r)
{
    for (int i = 0; i < r->nworkers; i++)
        worker_free(&r->workers[i]);
    free(r->workers);
    rule_map_free(r->map);
    smmod_ruleset_free(r->rs);
    scan_args_free(&r->args);
}

int cmd_scan(int argc, char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    int rc = scan_args_parse(&r.args, argc, argv);
    if (rc) {
        scan_args_free(&r.args);
        return rc < 0 ? EXIT_OK : rc;
    }
    rc = rules_open(&r.rs, r.args.rules, r.args.nrules);
    if (!rc)
        rc = start_workers(&r);
    if (!rc)
        rc = open_files(&r);
    if (rc) {
        close_files(&r);
        cleanup(&r);
        return rc;
    }
    reader rd;
    reader_init(&rd, &r.args);
    rc = pump(&r, &rd);
    stats total;
    report_totals(&r, &total);
    if (!rc)
        rc = exit_code(&r, &rd, &total);
    if (close_files(&r))
        rc = EXIT_USAGE;
    stats_free(&total);
    reader_free(&rd);
    cleanup(&r);
    return rc;
}
