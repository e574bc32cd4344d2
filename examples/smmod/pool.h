/*
 * pool.h - the worker pool: the main thread reads batches, N worker
 * threads process them (one scanner each, one shared ruleset), and a
 * writer thread hands them to the sink strictly in input order. A fixed
 * ring of batches bounds memory whatever the input size.
 */
#ifndef SMMOD_CLI_POOL_H
#define SMMOD_CLI_POOL_H

#include "batch.h"
#include "worker.h"

/* Called for each processed batch, in input order, on one thread. */
typedef void (*sink_fn)(void *ctx, batch *b);

typedef struct pool pool;

/* `workers` holds n initialised workers (n >= 1); with n == 1 everything
 * runs on the calling thread. NULL when threads can't be started. */
pool *pool_new(worker *workers, int n, sink_fn sink, void *sink_ctx);
/* A free, empty batch to fill (blocks while all are busy). */
batch *pool_acquire(pool *p);
/* Hand a filled batch on. */
void pool_submit(pool *p, batch *b);
/* Give back an acquired batch unused (nothing more to read). */
void pool_release(pool *p, batch *b);
/* Wait until every submitted batch is written; stop the threads. */
void pool_finish(pool *p);
void pool_free(pool *p);

#endif
