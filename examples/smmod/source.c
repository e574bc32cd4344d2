/*
 * source.c - reads an input file in large blocks with read(2); a gzip file
 * (recognised by its magic bytes, not its name) goes through zlib's
 * inflate, including files of several concatenated gzip members.
 */
#include "source.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ZIN_SIZE = 1 << 18, PEEK_SIZE = 1 << 16 };

static ssize_t raw_read(source *s, void *buf, size_t cap)
{
    for (;;) {
        ssize_t n = read(s->fd, buf, cap);
        if (n >= 0) {
            s->consumed += (uint64_t)n;
            return n;
        }
        if (errno != EINTR) {
            msg("%s: read error: %s", s->display, strerror(errno));
            s->error = 1;
            return -1;
        }
    }
}

/* Inflate into buf until at least one byte comes out; a member's end is
 * followed by the next member of a multi-member file. */
static ssize_t gz_read(source *s, void *buf, size_t cap)
{
    s->z.next_out = buf;
    s->z.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
    while ((void *)s->z.next_out == buf) {
        if (s->z.avail_in == 0) {
            ssize_t n = raw_read(s, s->zin, ZIN_SIZE);
            if (n <= 0)
                return n < 0 ? -1 : 0;
            s->z.next_in = s->zin;
            s->z.avail_in = (uInt)n;
        }
        int rc = inflate(&s->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            inflateReset(&s->z);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            msg("%s: gzip data is corrupt (%s)", s->display,
                s->z.msg ? s->z.msg : "inflate failed");
            s->error = 1;
            return -1;
        }
    }
    return (unsigned char *)s->z.next_out - (unsigned char *)buf;
}

static ssize_t content_read(source *s, void *buf, size_t cap)
{
    return s->gzip ? gz_read(s, buf, cap) : raw_read(s, buf, cap);
}

/* Look at the first two bytes for the gzip magic; they stay in zin/head. */
static int detect_gzip(source *s)
{
    unsigned char *first = xmalloc(ZIN_SIZE);
    ssize_t n = raw_read(s, first, ZIN_SIZE);
    if (n < 0) {
        free(first);
        return -1;
    }
    if (n >= 2 && first[0] == 0x1f && first[1] == 0x8b) {
        s->gzip = 1;
        s->zin = first;
        s->z.next_in = first;
        s->z.avail_in = (uInt)n;
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
            return -1;
    } else {
        s->head = first;
        s->head_len = (size_t)n;
    }
    return 0;
}

int source_open(source *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->name = path;
    s->display = strcmp(path, "-") == 0 ? "<stdin>" : path;
    s->fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0) {
        msg("cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode))
        s->size = (uint64_t)st.st_size;
    if (detect_gzip(s) < 0) {
        source_close(s);
        return -1;
    }
    return 0;
}

const unsigned char *source_peek(source *s, size_t *len)
{
    if (!s->head) {
        s->head = xmalloc(PEEK_SIZE);
        ssize_t n = content_read(s, s->head, PEEK_SIZE);
        s->head_len = n > 0 ? (size_t)n : 0;
    }
    *len = s->head_len - s->head_pos;
    return s->head + s->head_pos;
}

ssize_t source_read(source *s, void *buf, size_t cap)
{
    if (s->head_pos < s->head_len) {
        size_t n = s->head_len - s->head_pos;
        if (n > cap)
            n = cap;
        memcpy(buf, s->head + s->head_pos, n);
        s->head_pos += n;
        return (ssize_t)n;
    }
    if (s->eof || s->error)
        return s->error ? -1 : 0;
    ssize_t n = content_read(s, buf, cap);
    if (n == 0)
        s->eof = 1;
    return n;
}

void source_close(source *s)
{
    if (s->gzip)
        inflateEnd(&s->z);
    if (s->fd > 0)
        close(s->fd);
    free(s->zin);
    free(s->head);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}
