/*
 * util.c - byte buffers, JSON/CSV output escaping, action names, messages
 * for the smmod CLI.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("smmod: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p) {
        fputs("smmod: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("smmod: out of memory\n", stderr);
        abort();
    }
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("smmod: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void sbuf_free(sbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void sbuf_reserve(sbuf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

void sbuf_add(sbuf *b, const void *p, size_t n)
{
    sbuf_reserve(b, n);
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
}

void sbuf_addc(sbuf *b, char c)
{
    sbuf_reserve(b, 1);
    b->p[b->len++] = c;
}

void sbuf_adds(sbuf *b, const char *s) { sbuf_add(b, s, strlen(s)); }

void sbuf_addu(sbuf *b, uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sbuf_add(b, tmp + i, sizeof tmp - i);
}

void sbuf_addi(sbuf *b, long long v)
{
    if (v < 0) {
        sbuf_addc(b, '-');
        sbuf_addu(b, (uint64_t)(-(v + 1)) + 1);
    } else {
        sbuf_addu(b, (uint64_t)v);
    }
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sbuf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of the UTF-8 sequence at s (1..4), 0 when it is invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t k;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        k = 3, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4, min = 0x10000;
    } else {
        return 0;
    }
    if (k > n)
        return 0;
    unsigned cp = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i);
        if (!k)
            break;
        i += k;
    }
    return i;
}

/* Which ASCII bytes need escaping in a JSON string. */
static int json_needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

static void json_escape_ascii(sbuf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': sbuf_add(b, "\\\"", 2); break;
    case '\\': sbuf_add(b, "\\\\", 2); break;
    case '\n': sbuf_add(b, "\\n", 2); break;
    case '\r': sbuf_add(b, "\\r", 2); break;
    case '\t': sbuf_add(b, "\\t", 2); break;
    default: {
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        sbuf_add(b, u, 6);
    }
    }
}

void sbuf_add_json_str(sbuf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    sbuf_reserve(b, n + 2);
    sbuf_addc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !json_needs_escape(s[run]))
            run++;
        sbuf_add(b, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            json_escape_ascii(b, s[i]);
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i);
        if (k) {
            sbuf_add(b, s + i, k);
            i += k;
        } else {
            sbuf_add(b, "\\ufffd", 6); /* keep the output valid JSON */
            i++;
        }
    }
    sbuf_addc(b, '"');
}

void sbuf_add_csv_field(sbuf *b, const char *s, size_t n, char delim)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        sbuf_add(b, s, n);
        return;
    }
    sbuf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            sbuf_addc(b, '"');
        sbuf_addc(b, s[i]);
    }
    sbuf_addc(b, '"');
}

static const char *const action_names[] = {"allow", "review", "hide",
                                           "reject"};

const char *action_name(int action)
{
    return action >= 0 && action < 4 ? action_names[action] : NULL;
}

int action_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, action_names[i]) == 0)
            return i;
    return -1;
}

int action_mask_parse(const char *list)
{
    int mask = 0;
    char *copy = xstrdup(list), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int a = action_parse(t);
        if (a >= 0) {
            mask |= 1 << a;
        } else if (strcmp(t, "flagged") == 0) {
            mask |= (1 << 1) | (1 << 2) | (1 << 3);
        } else {
            free(copy);
            return -1;
        }
    }
    free(copy);
    return mask;
}
