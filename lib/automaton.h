/*
 * automaton.h - the multi-pattern literal matcher (Aho-Corasick): all the
 * literal terms of one view go into one automaton that runs once over the
 * view's text, so scan cost does not grow with the number of terms.
 *
 * Byte-exact (texts and patterns are already normalised). Owned by
 * automaton.c.
 */
#ifndef SMMOD_AUTOMATON_H
#define SMMOD_AUTOMATON_H

#include <stddef.h>
#include <stdint.h>

typedef struct smmod__ac_builder smmod__ac_builder;
typedef struct smmod__ac smmod__ac; /* immutable, thread-safe */

int smmod__ac_builder_new(smmod__ac_builder **out);
void smmod__ac_builder_free(smmod__ac_builder *b);
/* Add a non-empty pattern with a caller's value. The same pattern may be
 * added several times with different values; each is reported. 0 or
 * SMMOD_ENOMEM (SMMOD_EINVAL for an empty pattern). */
int smmod__ac_builder_add(smmod__ac_builder *b, const uint8_t *pat,
                          size_t len, uint32_t value);
/* Build the automaton from everything added (the builder stays valid and
 * must still be freed). 0 or SMMOD_ENOMEM. */
int smmod__ac_build(const smmod__ac_builder *b, smmod__ac **out);
void smmod__ac_free(smmod__ac *ac);

/* Called for every occurrence of every pattern: `end` is the exclusive end
 * offset in the text, `len` the pattern's length. Return non-zero to stop
 * the scan. Occurrences come in order of `end`; for equal ends the order is
 * unspecified. */
typedef int (*smmod__ac_hit_fn)(void *ctx, uint32_t value, size_t end,
                                size_t len);

/* Run over text[0..len). Allocates nothing. Returns non-zero if `fn`
 * stopped the scan. */
int smmod__ac_scan(const smmod__ac *ac, const uint8_t *text, size_t len,
                   smmod__ac_hit_fn fn, void *ctx);

/* One scan for smmod__ac_scan_jobs. */
typedef struct smmod__ac_job {
    const smmod__ac *ac;
    const uint8_t *text;
    size_t len;
    smmod__ac_hit_fn fn;
    void *ctx;
} smmod__ac_job;

/*
 * Run several scans (of different automata, or texts) at once. A scan is
 * bound by the latency of one table load per byte, each depending on the
 * one before; scans advanced in lockstep overlap their loads, so two or
 * three of them take about the time of one. Each job reports exactly what
 * smmod__ac_scan would, in the same order; the reports of different jobs
 * interleave. A callback returning non-zero stops its own job only.
 */
void smmod__ac_scan_jobs(const smmod__ac_job *jobs, size_t n);

/* Number of patterns added, and bytes used by the built automaton. */
size_t smmod__ac_pattern_count(const smmod__ac *ac);
size_t smmod__ac_memory(const smmod__ac *ac);

#endif
