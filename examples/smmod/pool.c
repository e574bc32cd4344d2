/*
 * pool.c - worker threads and in-order output over a ring of batches.
 * Batches are used in sequence: slot = seq % nslots. A slot goes
 * FREE -> FILLING (reader) -> READY -> WORKING (a worker) -> DONE ->
 * written by the writer thread -> FREE. Batches are large (about 1 MiB of
 * input), so the locking cost is negligible next to scanning.
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

enum { FREE, FILLING, READY, WORKING, DONE };

typedef struct slot {
    batch *b;
    int state;
} slot;

struct pool {
    worker *workers;
    int nworkers;
    sink_fn sink;
    void *sink_ctx;
    slot *slots;
    size_t nslots;
    uint64_t next_fill, next_work, next_write;
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done, cv_free;
    pthread_t *threads;
    pthread_t writer;
    int started;
};

typedef struct worker_arg {
    pool *p;
    worker *w;
} worker_arg;

static slot *slot_of(pool *p, uint64_t seq) { return &p->slots[seq % p->nslots]; }

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    pool *p = wa->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!(p->next_work < p->next_fill &&
                 slot_of(p, p->next_work)->state == READY) && !p->closing)
            pthread_cond_wait(&p->cv_work, &p->mu);
        if (!(p->next_work < p->next_fill &&
              slot_of(p, p->next_work)->state == READY))
            break; /* closing and nothing left */
        slot *s = slot_of(p, p->next_work++);
        s->state = WORKING;
        pthread_mutex_unlock(&p->mu);
        worker_run(wa->w, s->b);
        pthread_mutex_lock(&p->mu);
        s->state = DONE;
        pthread_cond_broadcast(&p->cv_done);
    }
    pthread_mutex_unlock(&p->mu);
    free(wa);
    return NULL;
}

static void *writer_main(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (slot_of(p, p->next_write)->state != DONE &&
               !(p->closing && p->next_write == p->next_fill))
            pthread_cond_wait(&p->cv_done, &p->mu);
        if (slot_of(p, p->next_write)->state != DONE)
            break;
        slot *s = slot_of(p, p->next_write);
        pthread_mutex_unlock(&p->mu);
        p->sink(p->sink_ctx, s->b);
        pthread_mutex_lock(&p->mu);
        s->state = FREE;
        p->next_write++;
        pthread_cond_broadcast(&p->cv_free);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int start_threads(pool *p)
{
    p->threads = calloc((size_t)p->nworkers, sizeof *p->threads);
    if (!p->threads)
        return -1;
    for (int i = 0; i < p->nworkers; i++) {
        worker_arg *wa = xmalloc(sizeof *wa);
        wa->p = p;
        wa->w = &p->workers[i];
        if (pthread_create(&p->threads[i], NULL, worker_main, wa) != 0) {
            free(wa);
            p->nworkers = i; /* join the ones that started */
            return -1;
        }
    }
    if (pthread_create(&p->writer, NULL, writer_main, p) != 0)
        return -1;
    p->started = 1;
    return 0;
}

pool *pool_new(worker *workers, int n, sink_fn sink, void *sink_ctx)
{
    pool *p = xcalloc(1, sizeof *p);
    p->workers = workers;
    p->nworkers = n;
    p->sink = sink;
    p->sink_ctx = sink_ctx;
    /* enough batches that the reader, every worker and the writer each have
     * one in hand, plus slack for uneven batches */
    p->nslots = n == 1 ? 1 : (size_t)n * 2 + 2;
    p->slots = xcalloc(p->nslots, sizeof *p->slots);
    for (size_t i = 0; i < p->nslots; i++)
        p->slots[i].b = batch_new();
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_work, NULL);
    pthread_cond_init(&p->cv_done, NULL);
    pthread_cond_init(&p->cv_free, NULL);
    if (n > 1 && start_threads(p) < 0) {
        msg("cannot start worker threads");
        pool_finish(p);
        pool_free(p);
        return NULL;
    }
    return p;
}

batch *pool_acquire(pool *p)
{
    pthread_mutex_lock(&p->mu);
    slot *s = slot_of(p, p->next_fill);
    while (s->state != FREE)
        pthread_cond_wait(&p->cv_free, &p->mu);
    s->state = FILLING;
    pthread_mutex_unlock(&p->mu);
    batch_reset(s->b);
    s->b->seq = p->next_fill;
    return s->b;
}

void pool_submit(pool *p, batch *b)
{
    slot *s = slot_of(p, b->seq);
    if (p->nworkers == 1) {
        worker_run(&p->workers[0], b);
        p->sink(p->sink_ctx, b);
        s->state = FREE;
        p->next_fill++;
        return;
    }
    pthread_mutex_lock(&p->mu);
    s->state = READY;
    p->next_fill++;
    pthread_cond_signal(&p->cv_work);
    pthread_mutex_unlock(&p->mu);
}

void pool_release(pool *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    slot_of(p, b->seq)->state = FREE;
    pthread_mutex_unlock(&p->mu);
}

void pool_finish(pool *p)
{
    if (!p->started)
        return;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->cv_work);
    pthread_cond_broadcast(&p->cv_done);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
        pthread_join(p->threads[i], NULL);
    pthread_join(p->writer, NULL);
    p->started = 0;
}

void pool_free(pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nslots; i++)
        batch_free(p->slots[i].b);
    free(p->slots);
    free(p->threads);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv_work);
    pthread_cond_destroy(&p->cv_done);
    pthread_cond_destroy(&p->cv_free);
    free(p);
}

