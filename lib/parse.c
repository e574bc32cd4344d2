/*
 * parse.c - reading rule files: file I/O with size limits, line splitting,
 * line continuation, include resolution (relative to the including file,
 * confined to the root directory, each file once, cycles refused) and
 * error reporting with file:line:column. The directives themselves are in
 * parse_rules.c.
 */
#include "parse.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

int smmod__parse_error(smmod__cursor *c, const smmod__tok *t,
                       const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    unsigned line = 0, col = 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (t) {
        line = t->line;
        col = t->column;
    } else if (c->p->toks.count) {
        /* missing argument: point just past the last token */
        const smmod__tok *last = &c->p->toks.items[c->p->toks.count - 1];
        line = last->line;
        col = last->column + (unsigned)last->len +
              (last->kind == SMMOD__TOK_STRING ? 2 : 0);
    }
    return smmod__error_set(c->p->err, SMMOD_ERULE, c->p->file, line, col,
                            "%s", msg);
}

const smmod__tok *smmod__cursor_peek(smmod__cursor *c)
{
    return c->i < c->p->toks.count ? &c->p->toks.items[c->i] : NULL;
}

const smmod__tok *smmod__cursor_next(smmod__cursor *c)
{
    const smmod__tok *t = smmod__cursor_peek(c);
    if (t)
        c->i++;
    return t;
}

static int intern_file(smmod__parser *p, const char *display)
{
    char *copy;
    int rc = SMMOD__STRINGS_PUSH(p->rs->files, display, strlen(display),
                                 &copy);
    if (rc == 0)
        p->file = copy;
    return rc;
}

/* Directory part of a path, as a new string ("." when none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return smmod__strdup(".");
    if (slash == path)
        return smmod__strdup("/");
    return smmod__strndup(path, (size_t)(slash - path));
}

int smmod__parse_resolve(smmod__parser *p, const smmod__tok *t, char **out)
{
    char *dir, *joined;
    size_t n;
    if (t->text[0] == '/') {
        *out = smmod__strdup(t->text);
        return *out ? 0 : SMMOD_ENOMEM;
    }
    dir = dir_of(p->file);
    if (!dir)
        return SMMOD_ENOMEM;
    n = strlen(dir) + 1 + t->len + 1;
    joined = smmod__malloc(n);
    if (joined)
        snprintf(joined, n, "%s/%s", dir, t->text);
    smmod__free(dir);
    *out = joined;
    return joined ? 0 : SMMOD_ENOMEM;
}

static int file_error(smmod__parser *p, const smmod__tok *where, int code,
                      const char *fmt, const char *path)
{
    return smmod__error_set(p->err, code, where ? p->file : path,
                            where ? where->line : 0,
                            where ? where->column : 0, fmt, path,
                            strerror(errno));
}

static int inside_root(const smmod__parser *p, const char *real);

/* Word files (`file "x"`) are confined like includes: a rule file from
 * many hands must not read arbitrary files (through `..`, an absolute
 * path or a symlink) unless the caller allows it. */
static int check_confined(smmod__parser *p, const char *path,
                          const smmod__tok *where)
{
    char *real;
    int inside;
    if (!p->root || p->rs->limits.allow_outside_root)
        return 0;
    real = realpath(path, NULL);
    if (!real)
        return file_error(p, where, SMMOD_EIO, "cannot open \"%s\": %s", path);
    inside = inside_root(p, real);
    free(real);
    if (inside)
        return 0;
    return smmod__error_set(p->err, SMMOD_ERULE, where ? p->file : path,
                            where ? where->line : 0, where ? where->column : 0,
                            "\"%s\" lies outside the rule directory; rule "
                            "and word files may not leave it", path);
}

int smmod__read_file(smmod__parser *p, const char *path,
                     const smmod__tok *where, char **out, size_t *out_len)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    int64_t max = p->rs->limits.max_rule_file_bytes;
    int rc = check_confined(p, path, where);
    if (rc)
        return rc;
    f = fopen(path, "rb");
    if (!f)
        return file_error(p, where, SMMOD_EIO, "cannot open \"%s\": %s", path);
    for (;;) {
        if (smmod__grow((void **)&buf, &cap, len + 65536, 1)) {
            fclose(f);
            smmod__free(buf);
            return SMMOD_ENOMEM;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if ((int64_t)len > max) {
            fclose(f);
            smmod__free(buf);
            return smmod__error_set(
                p->err, SMMOD_ELIMIT, path, 0, 0,
                "the file is larger than the limit of %lld bytes for rule "
                "files (SMMOD_OPT_MAX_RULE_FILE_BYTES)", (long long)max);
        }
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        smmod__free(buf);
        return file_error(p, where, SMMOD_EIO, "cannot read \"%s\": %s", path);
    }
    fclose(f);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

static int dispatch(smmod__parser *p)
{
    smmod__cursor c = {p, 0};
    const smmod__tok *kw = smmod__cursor_next(&c);
    int rc;
    if (kw->kind != SMMOD__TOK_WORD)
        return smmod__parse_error(&c, kw, "a line must start with a keyword "
                                  "such as category, words, regex, allow, "
                                  "test or include");
    rc = smmod__directive(&c, kw);
    if (rc == 0 && smmod__cursor_peek(&c))
        rc = smmod__parse_error(&c, smmod__cursor_peek(&c),
                                "unexpected \"%s\" at the end of the line; "
                                "remove it or check the quoting",
                                smmod__cursor_peek(&c)->text);
    smmod__toks_clear(&p->toks);
    return rc;
}

static int parse_lines(smmod__parser *p, const char *text, size_t len)
{
    unsigned line_no = 0;
    int continued = 0, rc = 0;
    size_t i = 0;
    while (i < len && rc == 0) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        smmod__lex_error lerr = {0, NULL};
        line_no++;
        rc = smmod__lex_line(text + i, end - i, line_no, &p->toks,
                             &continued, &lerr);
        if (rc == SMMOD_ERULE)
            rc = smmod__error_set(p->err, rc, p->file, line_no, lerr.column,
                                  "%s", lerr.message);
        if (rc == 0 && !continued && p->toks.count)
            rc = dispatch(p);
        i = end + 1;
    }
    if (rc == 0 && p->toks.count)
        rc = dispatch(p); /* a continuation at the very end */
    smmod__toks_clear(&p->toks);
    return rc;
}

static int check_utf8(smmod__parser *p, const char *text, size_t len)
{
    unsigned line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4 : 0;
        int ok = n > 0 && i + n <= len;
        for (size_t k = 1; ok && k < n; k++)
            ok = ((unsigned char)text[i + k] & 0xC0) == 0x80;
        if (!ok || c == 0)
            return smmod__error_set(
                p->err, SMMOD_ERULE, p->file, line, 0,
                "this line is not valid UTF-8 text (or holds a NUL byte); "
                "save the file as UTF-8");
        if (c == '\n')
            line++;
        i += n;
    }
    return 0;
}

/* An included file is parsed with a token list of its own: the include
 * directive's tokens stay intact for the caller. */
static int parse_body(smmod__parser *p, const char *text, size_t len)
{
    smmod__toks outer = p->toks;
    int rc = check_utf8(p, text, len);
    memset(&p->toks, 0, sizeof(p->toks));
    if (rc == 0)
        rc = parse_lines(p, text, len);
    smmod__toks_free(&p->toks);
    p->toks = outer;
    return rc;
}

/* Whether `real` lies inside the root directory. */
static int inside_root(const smmod__parser *p, const char *real)
{
    size_t n = strlen(p->root);
    if (strcmp(p->root, "/") == 0)
        return 1;
    return strncmp(real, p->root, n) == 0 && real[n] == '/';
}

/* A file on the include stack is a cycle (an error); a file read before
 * (a diamond of includes) is skipped: each file is read once. */
static int already_read(smmod__parser *p, const char *real, int *seen)
{
    *seen = 0;
    for (size_t i = 0; i < p->depth; i++)
        if (strcmp(p->stack[i], real) == 0)
            return SMMOD_ERULE;
    for (size_t i = 0; i < p->done_count; i++)
        if (strcmp(p->done[i], real) == 0)
            *seen = 1;
    return 0;
}

static int push_path(char ***list, size_t *count, char *real)
{
    char **s = smmod__realloc(*list, (*count + 1) * sizeof(*s));
    if (!s)
        return SMMOD_ENOMEM;
    *list = s;
    (*list)[(*count)++] = real;
    return 0;
}

void smmod__parser_free(smmod__parser *p)
{
    for (size_t i = 0; i < p->depth; i++)
        free(p->stack[i]);
    for (size_t i = 0; i < p->done_count; i++)
        free(p->done[i]);
    smmod__free(p->stack);
    smmod__free(p->done);
    smmod__free(p->root);
    smmod__toks_free(&p->toks);
}

static int position_error(smmod__parser *p, const smmod__tok *where,
                          int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int position_error(smmod__parser *p, const smmod__tok *where,
                          int code, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return smmod__error_set(p->err, code, p->file, where ? where->line : 0,
                            where ? where->column : 0, "%s", msg);
}

static int check_include(smmod__parser *p, const char *path, char *real,
                         const smmod__tok *where, int *seen)
{
    if (p->root && !p->rs->limits.allow_outside_root && !inside_root(p, real))
        return position_error(p, where, SMMOD_ERULE,
                              "\"%s\" lies outside the rule directory; "
                              "includes may not leave it", path);
    if ((int64_t)p->depth >= p->rs->limits.max_include_depth)
        return position_error(p, where, SMMOD_ELIMIT,
                              "\"%s\": includes are nested more than %lld "
                              "deep", path,
                              (long long)p->rs->limits.max_include_depth);
    if (already_read(p, real, seen))
        return position_error(p, where, SMMOD_ERULE,
                              "\"%s\" includes itself (directly or through "
                              "other files); remove the include",
                              path);
    return 0;
}

int smmod__parse_file_at(smmod__parser *p, const char *path,
                         const smmod__tok *where)
{
    char *real = realpath(path, NULL), *text = NULL;
    const char *saved_file = p->file;
    size_t len;
    int rc, seen = 0; /* set by check_include; -O1 cannot tell */
    if (!real)
        return file_error(p, where, SMMOD_EIO, "cannot open \"%s\": %s", path);
    rc = check_include(p, path, real, where, &seen);
    if (rc || seen) {
        free(real);
        return rc;
    }
    rc = smmod__read_file(p, path, where, &text, &len);
    if (rc == 0)
        rc = push_path(&p->stack, &p->depth, real);
    if (rc != 0) {
        free(real); /* not on the stack: nobody else frees it */
    } else {
        rc = intern_file(p, path);
        if (rc == 0)
            rc = parse_body(p, text, len);
        p->depth--;
        if (push_path(&p->done, &p->done_count, real))
            free(real);
    }
    smmod__free(text);
    p->file = saved_file;
    return rc;
}

static int set_root(smmod__parser *p, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real)
        return smmod__error_set(p->err, SMMOD_EIO, dir, 0, 0,
                                "cannot open the directory \"%s\": %s", dir,
                                strerror(errno));
    p->root = smmod__strdup(real);
    free(real);
    return p->root ? 0 : SMMOD_ENOMEM;
}

int smmod__parse_file(smmod__parser *p, const char *path)
{
    char *dir = dir_of(path);
    int rc = dir ? set_root(p, dir) : SMMOD_ENOMEM;
    smmod__free(dir);
    return rc ? rc : smmod__parse_file_at(p, path, NULL);
}

int smmod__parse_text(smmod__parser *p, const char *text, size_t len,
                      const char *name)
{
    char *dir = strchr(name, '/') ? dir_of(name) : smmod__strdup(".");
    int rc = dir ? set_root(p, dir) : SMMOD_ENOMEM;
    smmod__free(dir);
    if (rc == 0)
        rc = intern_file(p, name);
    return rc ? rc : parse_body(p, text, len);
}
