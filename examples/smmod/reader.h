/*
 * reader.h - turns the input files into batches of records. One reader
 * runs on the main thread; each format has its own file (reader_lines.c
 * for text and JSON Lines, reader_csv.c, reader_json.c).
 */
#ifndef SMMOD_CLI_READER_H
#define SMMOD_CLI_READER_H

#include "args.h"
#include "batch.h"
#include "source.h"

/* Largest record accepted; longer ones are reported as malformed. */
#define MAX_RECORD_BYTES ((size_t)64 << 20)
/* A batch is handed to a worker when it holds this much input ... */
#define BATCH_BYTES ((size_t)1 << 20)
/* ... or this many records. */
#define BATCH_RECORDS 8192

typedef struct csv_state csv_state;
typedef struct json_state json_state;

typedef struct reader {
    const scan_args *args;
    size_t next_file;
    int open;
    source src;
    int format;         /* of the open file */
    char delim;         /* csv delimiter of the open file */
    uint64_t line;      /* lines consumed in the open file */
    uint64_t total_bytes, done_bytes;
    sbuf carry;         /* lines: the partial line after the last block */
    int skipping;       /* lines: discarding the rest of a too long line */
    csv_state *csv;
    csv_state *csv_done; /* closed files' states, kept for their headers */
    json_state *js;
    int header_done;    /* --output csv: header row written */
    int io_error;       /* a file could not be opened or read */
    int usage_error;    /* e.g. no text column: stop with exit code 2 */
} reader;

void reader_init(reader *r, const scan_args *a);
void reader_free(reader *r);
/* Fill `b` with the next records. 1: records added; 0: all input read. */
int reader_fill(reader *r, batch *b);

/* Format-specific parts. Each returns the number of records added to the
 * batch (0 at the end of the file, -1 on a read error). */
int lines_fill(reader *r, batch *b);
int csv_fill(reader *r, batch *b);
int json_fill(reader *r, batch *b);
void csv_close(reader *r);
void csv_free_all(reader *r);
void json_close(reader *r);

/* Read more bytes of the open file into `buf` (append); 0 at end. */
ssize_t reader_read_more(reader *r, sbuf *buf, size_t want);

#endif
