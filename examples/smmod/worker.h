/*
 * worker.h - what a worker thread does with a batch: decode each record,
 * scan its text with the worker's own scanner, count, and format the
 * output, audit and error lines into the batch's buffers.
 */
#ifndef SMMOD_CLI_WORKER_H
#define SMMOD_CLI_WORKER_H

#include "args.h"
#include "batch.h"
#include "output.h"
#include "stats.h"

#include <smmod.h>

/* Read-only settings shared by all workers. */
typedef struct scan_ctx {
    const scan_args *args;
    smmod_ruleset *rs;
    const rule_map *rules; /* NULL unless --summary */
    redact_cfg redact;
    int write_output; /* not --stats */
    int detail;       /* --summary */
} scan_ctx;

typedef struct worker {
    const scan_ctx *ctx;
    smmod_scanner *sc;
    stats st;
    sbuf redacted; /* scratch: the redacted text */
    sbuf tmp;      /* scratch: re-serialised JSON and CSV rows */
    char now[32];  /* audit timestamp of the batch */
} worker;

/* 0, or an exit code after printing why (e.g. an unknown --topic). */
int worker_init(worker *w, const scan_ctx *ctx);
void worker_free(worker *w);
void worker_run(worker *w, batch *b);

#endif
