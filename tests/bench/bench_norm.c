/*
 * bench_norm.c - throughput of the normaliser (lib/norm*.c) in MB/s of
 * input: raw, plain, folded (which also builds plain and folded-neither),
 * and all views together, each over the whole corpus line by line (one
 * comment per line, as the scanner sees them) and as one block.
 *
 *   bench_norm [corpus] [rounds]
 *
 * Default corpus: ../shared/bench/peers/corpus/germeval.txt (make it with
 * bash /work/shared/bench/peers/make_corpus.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helper_bench.h"
#include "norm.h"

/* Seconds for `rounds` passes over every line (or the whole text). */
static double run(const smmod__normalizer *nz, unsigned kinds,
                  const char *text, size_t len, int by_line, int rounds,
                  smmod__view *views, size_t *out_bytes)
{
    double t0 = bench_now();
    int r;
    *out_bytes = 0;
    for (r = 0; r < rounds; r++) {
        size_t i = 0;
        while (i < len) {
            const char *nl = by_line ? memchr(text + i, '\n', len - i) : NULL;
            size_t end = nl ? (size_t)(nl - text) : len;
            if (smmod__normalize(nz, kinds, text + i, end - i, views) != 0) {
                fprintf(stderr, "normalise failed\n");
                exit(1);
            }
            *out_bytes += views[SMMOD__V_FOLDED].len;
            i = end + 1;
        }
    }
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    const char *path =
        argc > 1 ? argv[1] : "../shared/bench/peers/corpus/germeval.txt";
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    static const struct {
        const char *name;
        unsigned kinds;
    } cases[] = {
        {"raw", 1u << SMMOD__V_RAW},
        {"plain", 1u << SMMOD__V_PLAIN},
        {"folded", 1u << SMMOD__V_FOLDED},
        {"all views", (1u << SMMOD__V_COUNT) - 1},
    };
    smmod__normalizer *nz = NULL;
    smmod__view views[SMMOD__V_COUNT];
    size_t len = 0, sink = 0, c;
    char *text = bench_slurp(path, &len);
    double t0;
    int k, by_line;
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    t0 = bench_now();
    if (smmod__normalizer_new(&nz) != 0)
        return 1;
    printf("normaliser created in %.1f ms\n", (bench_now() - t0) * 1e3);
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&views[k]);
    printf("corpus %s: %.2f MB, %d rounds\n", path, (double)len / 1e6, rounds);
    for (by_line = 1; by_line >= 0; by_line--)
        for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            size_t out;
            double s;
            run(nz, cases[c].kinds, text, len, by_line, 1, views, &out);
            s = run(nz, cases[c].kinds, text, len, by_line, rounds, views,
                    &out);
            sink += out;
            printf("%-10s %-6s %8.1f MB/s\n", cases[c].name,
                   by_line ? "lines" : "block",
                   (double)len * rounds / s / 1e6);
        }
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&views[k]);
    smmod__normalizer_free(nz);
    free(text);
    return sink == 0 ? 0 : 0;
}
