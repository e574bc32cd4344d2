/*
 * lex.h - splitting one line of a rule file into tokens (words, strings,
 * regexes), each with its column. Owned by lex.c.
 */
#ifndef SMMOD_LEX_H
#define SMMOD_LEX_H

#include <stddef.h>

enum smmod__tok_kind {
    SMMOD__TOK_WORD = 1,
    SMMOD__TOK_STRING = 2,
    SMMOD__TOK_REGEX = 3
};

typedef struct smmod__tok {
    int kind;
    char *text;     /* unescaped, NUL-terminated, owned by the token list */
    size_t len;
    char flags[8];  /* regex flags, NUL-terminated */
    unsigned line;
    unsigned column; /* 1-based, in characters */
} smmod__tok;

typedef struct smmod__toks {
    smmod__tok *items;
    size_t count;
    size_t cap;
} smmod__toks;

/* A lexing failure: where and why. */
typedef struct smmod__lex_error {
    unsigned column;
    const char *message; /* static */
} smmod__lex_error;

/*
 * Append the tokens of line[0..len) (line number `line`) to `toks`.
 * Sets *continued when the line ends in a lone backslash (the directive
 * goes on on the next line). Returns 0, SMMOD_ENOMEM, or SMMOD_ERULE with
 * *lerr filled.
 */
int smmod__lex_line(const char *line, size_t len, unsigned line_no,
                    smmod__toks *toks, int *continued,
                    smmod__lex_error *lerr);
void smmod__toks_clear(smmod__toks *toks);
void smmod__toks_free(smmod__toks *toks);

#endif
