/*
 * progress.h - the progress line on stderr: records, bytes of the total,
 * rate and time left.
 */
#ifndef SMMOD_CLI_PROGRESS_H
#define SMMOD_CLI_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int on;
    double start, last;
    int shown;
} progress;

/* mode: -1 on when stderr is a terminal, 0 off, 1 on. */
void progress_init(progress *p, int mode);
/* Redraw at most a few times a second. total may be 0 (unknown). */
void progress_update(progress *p, uint64_t records, uint64_t bytes,
                     uint64_t total);
/* Clear the line at the end. */
void progress_done(progress *p);

#endif
