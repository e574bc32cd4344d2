/*
 * lex.c - the tokenizer of the rule language (see rules/README.md, "Lines
 * and tokens"): words, "strings" with \" and \\ escapes, /regexes/flags,
 * # comments and the line-continuation backslash.
 */
#include "lex.h"

#include <string.h>

#include "alloc.h"
#include "smmod.h"

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* 1-based character column of byte `off` in the line. */
static unsigned column_of(const char *line, size_t off)
{
    unsigned col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int push(smmod__toks *toks, int kind, const char *text, size_t len,
                unsigned line, unsigned col)
{
    smmod__tok *t;
    if (smmod__grow((void **)&toks->items, &toks->cap, toks->count + 1,
                    sizeof(*toks->items)))
        return SMMOD_ENOMEM;
    t = &toks->items[toks->count];
    memset(t, 0, sizeof(*t));
    t->text = smmod__strndup(text, len);
    if (!t->text)
        return SMMOD_ENOMEM;
    toks->count++;
    t->kind = kind;
    t->len = len;
    t->line = line;
    t->column = col;
    return 0;
}

/* Scan a quoted string starting at line[*i] == '"'; unescape into buf. */
static int lex_string(const char *line, size_t len, size_t *i, char *buf,
                      size_t *out_len, smmod__lex_error *lerr)
{
    size_t n = 0, start = *i;
    for (size_t j = *i + 1; j < len; j++) {
        char c = line[j];
        if (c == '"') {
            *i = j + 1;
            *out_len = n;
            return 0;
        }
        if (c == '\\' && j + 1 < len &&
            (line[j + 1] == '"' || line[j + 1] == '\\'))
            c = line[++j];
        buf[n++] = c;
    }
    lerr->column = column_of(line, start);
    lerr->message = "this string has no closing quote (\"); add one at its end";
    return SMMOD_ERULE;
}

/* Scan /regex/flags starting at line[*i] == '/'. */
static int lex_regex(const char *line, size_t len, size_t *i, char *buf,
                     size_t *out_len, char flags[8], smmod__lex_error *lerr)
{
    size_t n = 0, start = *i, j, f = 0;
    for (j = *i + 1; j < len; j++) {
        if (line[j] == '\\' && j + 1 < len && line[j + 1] == '/') {
            buf[n++] = '/';
            j++;
            continue;
        }
        if (line[j] == '\\' && j + 1 < len) {
            buf[n++] = line[j++];
            buf[n++] = line[j];
            continue;
        }
        if (line[j] == '/')
            break;
        buf[n++] = line[j];
    }
    if (j >= len) {
        lerr->column = column_of(line, start);
        lerr->message = "this regex has no closing slash (/); add one at its end";
        return SMMOD_ERULE;
    }
    for (j++; j < len && !is_space(line[j]) && line[j] != '#'; j++) {
        if (!strchr("ixs", line[j]) || f >= 3) {
            lerr->column = column_of(line, j);
            lerr->message = "unknown regex flag; use i (caseless), x (extended) or s (dot matches newline)";
            return SMMOD_ERULE;
        }
        flags[f++] = line[j];
    }
    flags[f] = '\0';
    *i = j;
    *out_len = n;
    return 0;
}

static int lex_token(const char *line, size_t len, size_t *i, unsigned line_no,
                     smmod__toks *toks, char *buf, smmod__lex_error *lerr)
{
    size_t start = *i, n = 0;
    char flags[8] = "";
    int kind, rc;
    unsigned col = column_of(line, start);
    if (line[start] == '"') {
        kind = SMMOD__TOK_STRING;
        rc = lex_string(line, len, i, buf, &n, lerr);
    } else if (line[start] == '/') {
        kind = SMMOD__TOK_REGEX;
        rc = lex_regex(line, len, i, buf, &n, flags, lerr);
    } else {
        kind = SMMOD__TOK_WORD;
        while (*i < len && !is_space(line[*i]) && line[*i] != '"')
            (*i)++;
        n = *i - start;
        memcpy(buf, line + start, n);
        rc = 0;
    }
    if (rc)
        return rc;
    rc = push(toks, kind, buf, n, line_no, col);
    if (rc == 0)
        memcpy(toks->items[toks->count - 1].flags, flags, sizeof(flags));
    return rc;
}

int smmod__lex_line(const char *line, size_t len, unsigned line_no,
                    smmod__toks *toks, int *continued, smmod__lex_error *lerr)
{
    size_t i = 0;
    int rc = 0;
    char *buf = smmod__malloc(len + 1);
    if (!buf)
        return SMMOD_ENOMEM;
    *continued = 0;
    while (rc == 0) {
        while (i < len && is_space(line[i]))
            i++;
        if (i >= len || line[i] == '#')
            break;
        if (line[i] == '\\') {
            size_t j = i + 1;
            while (j < len && is_space(line[j]))
                j++;
            if (j >= len || line[j] == '#') {
                *continued = 1;
                break;
            }
        }
        rc = lex_token(line, len, &i, line_no, toks, buf, lerr);
    }
    smmod__free(buf);
    return rc;
}

void smmod__toks_clear(smmod__toks *toks)
{
    for (size_t i = 0; i < toks->count; i++)
        smmod__free(toks->items[i].text);
    toks->count = 0;
}

void smmod__toks_free(smmod__toks *toks)
{
    smmod__toks_clear(toks);
    smmod__free(toks->items);
    toks->items = NULL;
    toks->cap = 0;
}
