/*
 * redact.c - writing a scanned text with the matched spans of chosen
 * categories masked (smmod_redact).
 */
#include <string.h>

#include "scanner.h"

/* Whether category code `code` is in the comma-separated `list`. */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    while (*list) {
        size_t k = strcspn(list, ",");
        if (k == n && memcmp(list, code, n) == 0)
            return 1;
        list += k;
        if (*list == ',')
            list++;
    }
    return 0;
}

static int chosen(const smmod_verdict *v, const smmod__match *m,
                  const char *categories)
{
    const smmod__rule *r = &v->rs->rules.items[m->rule];
    const smmod__category *c = &v->rs->categories.items[r->category];
    if (!categories)
        return ((r->flags | c->flags) & SMMOD_FLAG_REDACT) != 0;
    if (strcmp(categories, "*") == 0)
        return 1;
    return in_list(categories, c->code);
}

/* Write `n` bytes at *pos when they fit, and advance *pos anyway. */
static void put(char *buf, size_t cap, size_t *pos, const char *s, size_t n)
{
    if (buf && *pos + n <= cap)
        memcpy(buf + *pos, s, n);
    *pos += n;
}

/* Mask text[s..e): one mask character per character, or the mask once. */
static void put_mask(char *buf, size_t cap, size_t *pos, const char *text,
                     size_t s, size_t e, const char *mask)
{
    size_t mlen = strlen(mask);
    unsigned char c0 = (unsigned char)mask[0];
    size_t first = c0 < 0x80 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
    if (mlen != first) { /* not a single character: the mask stands once */
        put(buf, cap, pos, mask, mlen);
        return;
    }
    for (size_t i = s; i < e; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            put(buf, cap, pos, mask, mlen);
}

int smmod_redact(const smmod_verdict *v, const char *text, size_t len,
                 const char *categories, const char *mask, char *buf,
                 size_t cap, size_t *out_len)
{
    size_t pos = 0, at = 0;
    if (out_len)
        *out_len = 0;
    if (!v || !out_len || (!text && len) || (!buf && cap) ||
        len != v->text_len)
        return SMMOD_EINVAL;
    if (!mask)
        mask = "*";
    /* matches are sorted by start; overlapping spans merge */
    for (size_t i = 0; i < v->match_count; i++) {
        const smmod__match *m = &v->matches[i];
        size_t s = m->start, e = m->end;
        if (!chosen(v, m, categories) || e <= at)
            continue;
        if (s < at)
            s = at;
        for (size_t j = i + 1; j < v->match_count && v->matches[j].start < e;
             j++)
            if (chosen(v, &v->matches[j], categories) && v->matches[j].end > e)
                e = v->matches[j].end;
        put(buf, cap, &pos, text + at, s - at);
        put_mask(buf, cap, &pos, text, s, e, mask);
        at = e;
    }
    put(buf, cap, &pos, text + at, len - at);
    *out_len = pos;
    if (pos + 1 > cap)
        return SMMOD_ERANGE;
    buf[pos] = '\0';
    return SMMOD_OK;
}
