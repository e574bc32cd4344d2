/*
 * output.h - writing verdicts: the JSON verdict object of the scan
 * contract, and CSV rows with the smmod_* columns.
 */
#ifndef SMMOD_CLI_OUTPUT_H
#define SMMOD_CLI_OUTPUT_H

#include "util.h"

#include <smmod.h>

/* How match texts are shown when --redact is on: matches of the listed
 * categories ("*" = all) show the mask instead of their text. */
typedef struct redact_cfg {
    const char *categories; /* NULL: no redaction */
    const char *mask;
} redact_cfg;

/* 1 when `category` is one of the comma-separated `list` (or list is "*"). */
int category_listed(const char *list, const char *category);

/* {"action": ..., "score": ..., "categories": [...], "flags": [...],
 *  "matches": [{"rule", "category", "start", "end", "text"}]} */
void out_verdict(sbuf *o, const smmod_verdict *v, const char *text,
                 const redact_cfg *rd);

/* The flag names of a flag mask, as a JSON array. */
void out_flags(sbuf *o, unsigned flags);

/* CSV header: the input's columns plus the smmod_* columns. */
void out_csv_header(sbuf *o, const char *const *cols, size_t n, char delim);
/* CSV header for inputs without columns (text, JSON): line, id,
 * parent_id, text and the smmod_* columns. */
void out_csv_generic_header(sbuf *o);
/* The smmod_* cells of a CSV row (each preceded by the delimiter) and the
 * line end. */
void out_csv_verdict_cells(sbuf *o, const smmod_verdict *v, char delim);

#endif
