/*
 * parse.h - reading rule files into a smmod_ruleset (before compilation):
 * files, includes, directives and their arguments. Owned by parse.c and
 * parse_rules.c.
 */
#ifndef SMMOD_PARSE_H
#define SMMOD_PARSE_H

#include "lex.h"
#include "ruleset.h"

/* State of one load: the ruleset being filled, the error sink, the root
 * directory includes may not leave, the include stack. */
typedef struct smmod__parser {
    smmod_ruleset *rs;
    smmod_error *err;
    char *root;          /* realpath of the top file's directory */
    char **stack;        /* realpaths of the files being read */
    size_t depth;
    char **done;         /* realpaths of the files read completely */
    size_t done_count;
    const char *file;    /* the file being read (interned) */
    smmod__toks toks;    /* the tokens of the current directive */
} smmod__parser;

/* A cursor over the tokens of one directive. */
typedef struct smmod__cursor {
    smmod__parser *p;
    size_t i;
} smmod__cursor;

void smmod__parser_free(smmod__parser *p);
/* Read one (included) file; `where` is the include directive or NULL. */
int smmod__parse_file_at(smmod__parser *p, const char *path,
                         const smmod__tok *where);
/* Parse a file, or text with a name (path or NULL). */
int smmod__parse_file(smmod__parser *p, const char *path);
int smmod__parse_text(smmod__parser *p, const char *text, size_t len,
                      const char *name);

/* parse.c helpers used by parse_rules.c */
int smmod__parse_error(smmod__cursor *c, const smmod__tok *t,
                       const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const smmod__tok *smmod__cursor_peek(smmod__cursor *c);
const smmod__tok *smmod__cursor_next(smmod__cursor *c);
/* Resolve a path named in the current file (relative to it). */
int smmod__parse_resolve(smmod__parser *p, const smmod__tok *t, char **out);
int smmod__read_file(smmod__parser *p, const char *path,
                     const smmod__tok *where, char **out, size_t *out_len);

/* parse_rules.c: one function per directive. */
int smmod__directive(smmod__cursor *c, const smmod__tok *keyword);

#endif
