/*
 * error.c - the smmod_error details object and smmod_strerror().
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

struct smmod_error {
    int code;
    unsigned line;
    unsigned column;
    char *file;
    char *message;
};

int smmod_error_new(smmod_error **out)
{
    if (!out)
        return SMMOD_EINVAL;
    *out = smmod__calloc(1, sizeof(**out));
    return *out ? SMMOD_OK : SMMOD_ENOMEM;
}

void smmod__error_clear(smmod_error *err)
{
    if (!err)
        return;
    smmod__free(err->file);
    smmod__free(err->message);
    memset(err, 0, sizeof(*err));
}

void smmod_error_free(smmod_error *err)
{
    smmod__error_clear(err);
    smmod__free(err);
}

int smmod__error_set(smmod_error *err, int code, const char *file,
                     unsigned line, unsigned column, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    if (!err)
        return code;
    smmod__error_clear(err);
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    err->code = code;
    err->line = line;
    err->column = column;
    /* Out of memory here leaves the strings empty, never a crash. */
    err->message = smmod__strdup(buf);
    err->file = file ? smmod__strdup(file) : NULL;
    return code;
}

int smmod_error_code(const smmod_error *err) { return err ? err->code : 0; }

const char *smmod_error_message(const smmod_error *err)
{
    return err && err->message ? err->message : "";
}

const char *smmod_error_file(const smmod_error *err)
{
    return err && err->file ? err->file : "";
}

unsigned smmod_error_line(const smmod_error *err)
{
    return err ? err->line : 0;
}

unsigned smmod_error_column(const smmod_error *err)
{
    return err ? err->column : 0;
}

const char *smmod_strerror(int code)
{
    switch (code) {
    case SMMOD_OK:
        return "success";
    case SMMOD_EINVAL:
        return "invalid argument";
    case SMMOD_ENOMEM:
        return "out of memory";
    case SMMOD_ERULE:
        return "error in a rule file";
    case SMMOD_EIO:
        return "a file could not be read";
    case SMMOD_ERANGE:
        return "output buffer too small";
    case SMMOD_ELIMIT:
        return "a configured limit was exceeded";
    case SMMOD_ENOTFOUND:
        return "not found";
    default:
        return "unknown error code";
    }
}
