/*
 * util.h - small helpers shared by the smmod CLI: a growable byte buffer,
 * JSON string escaping for output, action names and lists, messages.
 */
#ifndef SMMOD_CLI_UTIL_H
#define SMMOD_CLI_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes of smmod (documented in smmod.1 and --help). */
enum {
    EXIT_OK = 0,
    EXIT_FAIL_ON = 1,   /* --fail-on ACTION was reached */
    EXIT_USAGE = 2,     /* usage, rule, or I/O error */
    EXIT_MALFORMED = 3  /* some records were malformed */
};

/* A growable byte buffer. Kept between uses so steady state allocates
 * nothing: sbuf_clear() keeps the capacity. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

void sbuf_free(sbuf *b);
static inline void sbuf_clear(sbuf *b) { b->len = 0; }
/* Make room for `extra` more bytes; aborts on out-of-memory (a CLI can't
 * do anything useful without memory). */
void sbuf_reserve(sbuf *b, size_t extra);
void sbuf_add(sbuf *b, const void *p, size_t n);
void sbuf_addc(sbuf *b, char c);
void sbuf_adds(sbuf *b, const char *s);
void sbuf_addu(sbuf *b, uint64_t v);
void sbuf_addi(sbuf *b, long long v);
void sbuf_printf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append `s` as a JSON string with quotes; invalid UTF-8 becomes U+FFFD so
 * the output is always valid JSON. */
void sbuf_add_json_str(sbuf *b, const char *s, size_t n);
/* Append a CSV field, quoted per RFC 4180 when it needs to be. */
void sbuf_add_csv_field(sbuf *b, const char *s, size_t n, char delim);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Messages on stderr prefixed "smmod: ". */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Action names: allow review hide reject. NULL when out of range. */
const char *action_name(int action);
/* Parse one action name; -1 when unknown. "flagged" is not an action. */
int action_parse(const char *s);
/* Parse "allow,review,flagged,..." into a bit mask (bit = 1 << action);
 * "flagged" means review, hide and reject. -1 on an unknown name. */
int action_mask_parse(const char *list);

/* Number of valid UTF-8 bytes at the start of s (stops at the first bad
 * sequence). */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);

#endif
