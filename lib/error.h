/*
 * error.h - filling the public smmod_error object. Owned by error.c.
 */
#ifndef SMMOD_ERROR_H
#define SMMOD_ERROR_H

#include "smmod.h"

/* Record a failure in `err` (which may be NULL) and return `code`. file
 * may be NULL; line/column 0 mean "not about a position". */
int smmod__error_set(smmod_error *err, int code, const char *file,
                     unsigned line, unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void smmod__error_clear(smmod_error *err);

#endif
