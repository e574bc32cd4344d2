/*
 * batch.h - a batch: many records read from one input file, processed by
 * one worker, and written in input order. All memory of a batch is kept
 * and reused, so streaming allocates nothing per record in steady state.
 */
#ifndef SMMOD_CLI_BATCH_H
#define SMMOD_CLI_BATCH_H

#include "util.h"

#include <jansson.h>
#include <stdint.h>

/* A CSV field: bytes in batch->data. */
typedef struct field {
    size_t off, len;
} field;

typedef struct record {
    uint64_t line;           /* 1-based line where the record starts */
    size_t raw_off, raw_len; /* the record's bytes as read, in data */
    size_t text_off, text_len; /* text format: the comment, in data */
    json_t *json;            /* json format: the parsed object (owned) */
    size_t field_first;      /* csv: index of its first field */
    size_t nfields;
    size_t err_off, err_len; /* why it is malformed (in notes); 0 len: ok */
} record;

typedef struct batch {
    uint64_t seq;
    const char *source; /* display name of the file */
    int format;         /* enum in_format, never FMT_AUTO */
    /* csv only: column of the text, of the id, and the header's width */
    long text_col, id_col;
    size_t ncols;
    char delim; /* csv: the input's delimiter (also used for output) */
    const char *const *header; /* csv: column names (the reader's) */
    sbuf data;  /* input bytes */
    sbuf notes; /* reader's error messages */
    record *recs;
    size_t nrecs, cap_recs;
    field *fields;
    size_t nfields, cap_fields;
    sbuf prefix; /* written before out (a CSV header) */
    sbuf out;    /* records for stdout */
    sbuf audit;  /* --audit lines */
    sbuf errors; /* malformed records for --errors */
    sbuf msgs;   /* messages for stderr */
    uint64_t bytes_pos; /* input position after this batch (progress) */
    uint64_t bytes_total;
} batch;

batch *batch_new(void);
void batch_free(batch *b);
/* Empty a batch for reuse (drops json objects, keeps capacity). */
void batch_reset(batch *b);
/* Append a record (zeroed but for line) and return it. */
record *batch_add(batch *b, uint64_t line);
/* Mark a record malformed with a formatted reason. */
void record_fail(batch *b, record *r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append a field to the batch's field list. */
void batch_add_field(batch *b, size_t off, size_t len);

#endif
