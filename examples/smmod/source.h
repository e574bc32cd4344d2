/*
 * source.h - one input file (or stdin) as a byte stream, gzip-compressed
 * input inflated transparently, with a peek at the first bytes so the
 * format can be guessed from content.
 */
#ifndef SMMOD_CLI_SOURCE_H
#define SMMOD_CLI_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <zlib.h>

typedef struct source {
    const char *name; /* as given; "-" is stdin */
    const char *display; /* for messages: the name, or "<stdin>" */
    int fd;
    int gzip;
    z_stream z;
    unsigned char *zin; /* compressed input buffer */
    unsigned char *head; /* peeked (inflated) bytes, handed out first */
    size_t head_len, head_pos;
    uint64_t size;     /* file size when known (regular file), else 0 */
    uint64_t consumed; /* bytes read from the file (compressed) */
    int eof, error;
} source;

/* Open `path` ("-" = stdin). Returns 0, or -1 after printing why. */
int source_open(source *s, const char *path);
/* Read up to cap bytes of (inflated) content; 0 at the end, -1 on error
 * (printed). */
ssize_t source_read(source *s, void *buf, size_t cap);
/* The first bytes of content (up to 64 KiB), without consuming them. */
const unsigned char *source_peek(source *s, size_t *len);
void source_close(source *s);

#endif
