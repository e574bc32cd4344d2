/*
 * progress.c - draws the progress line (\r-updated) on stderr.
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int mode)
{
    p->on = mode < 0 ? isatty(2) : mode;
    p->start = p->last = now_s();
    p->shown = 0;
}

void progress_update(progress *p, uint64_t records, uint64_t bytes,
                     uint64_t total)
{
    if (!p->on)
        return;
    double t = now_s();
    if (t - p->last < 0.25)
        return;
    p->last = t;
    double secs = t - p->start > 1e-6 ? t - p->start : 1e-6;
    double rate = (double)bytes / secs;
    fprintf(stderr, "\rsmmod: %llu records, %.1f", (unsigned long long)records,
            (double)bytes / 1e6);
    if (total >= bytes && total > 0) {
        double left = rate > 0 ? (double)(total - bytes) / rate : 0;
        fprintf(stderr, " of %.1f MB (%.0f%%), %.1f MB/s, ETA %d:%02d   ",
                (double)total / 1e6, 100.0 * (double)bytes / (double)total,
                rate / 1e6, (int)left / 60, (int)left % 60);
    } else {
        fprintf(stderr, " MB, %.1f MB/s   ", rate / 1e6);
    }
    p->shown = 1;
}

void progress_done(progress *p)
{
    if (p->on && p->shown)
        fputs("\r\033[K", stderr);
}
