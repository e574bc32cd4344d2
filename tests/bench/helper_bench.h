/*
 * helper_bench.h - what the benchmark programs share: a CPU clock of the
 * calling thread and reading a corpus file whole.
 */
#ifndef SMMOD_BENCH_HELPER_H
#define SMMOD_BENCH_HELPER_H

#include <stddef.h>

/* CPU time of this thread in seconds: the figures stay meaningful on a
 * busy machine (other processes do not count against us). */
double bench_now(void);

/* The whole file at `path` in a malloc'd buffer (one spare byte at the
 * end) and its length in *len; NULL if it cannot be read. */
char *bench_slurp(const char *path, size_t *len);

#endif
