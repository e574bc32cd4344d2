/*
 * rulesets.c - loads the CLI's ruleset. Several --rules files become one
 * ruleset: a generated text that includes each file by absolute path,
 * compiled with includes outside the root allowed.
 */
#include "rulesets.h"

#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void rules_print_error(const smmod_error *err, int rc, const char *path)
{
    const char *file = err ? smmod_error_file(err) : "";
    unsigned line = err ? smmod_error_line(err) : 0;
    const char *text = err ? smmod_error_message(err) : "";
    if (!*file)
        file = path ? path : "<rules>";
    if (!*text)
        text = smmod_strerror(rc);
    if (line)
        fprintf(stderr, "%s:%u:%u: %s\n", file, line, smmod_error_column(err),
                text);
    else
        fprintf(stderr, "%s: %s\n", file, text);
}

static int file_exists(const char *p) { return access(p, R_OK) == 0; }

/* The directory holding the running executable, or "" when unknown. */
static const char *exe_dir(void)
{
    static char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0)
        return "";
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    return dir;
}

const char *rules_default_path(void)
{
    static char path[PATH_MAX + 64];
    const char *env = getenv("SMMOD_RULES");
    if (env && *env)
        return env;
    const char *dir = exe_dir();
    /* build/bin/smmod -> rules/ at the top of the source tree */
    snprintf(path, sizeof path, "%s/../../rules/de/default.rules", dir);
    if (file_exists(path))
        return path;
    /* PREFIX/bin/smmod -> PREFIX/share/smmod/rules */
    snprintf(path, sizeof path, "%s/../share/smmod/rules/de/default.rules", dir);
    if (file_exists(path))
        return path;
    return NULL;
}

static void add_include(sbuf *text, const char *path)
{
    char abs[PATH_MAX];
    const char *p = realpath(path, abs) ? abs : path;
    sbuf_adds(text, "include \"");
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            sbuf_addc(text, '\\');
        sbuf_addc(text, *p);
    }
    sbuf_adds(text, "\"\n");
}

static int compile_many(smmod_ruleset **out, const char *const *paths,
                        size_t n, smmod_error *err)
{
    sbuf text = {0};
    for (size_t i = 0; i < n; i++)
        add_include(&text, paths[i]);
    smmod_options *opts = NULL;
    int rc = smmod_options_new(&opts);
    if (rc == 0)
        rc = smmod_options_set(opts, SMMOD_OPT_ALLOW_OUTSIDE_ROOT, 1);
    if (rc == 0)
        rc = smmod_ruleset_compile(out, text.p, text.len, NULL, opts, err);
    smmod_options_free(opts);
    sbuf_free(&text);
    return rc;
}

int rules_open(smmod_ruleset **out, const char *const *paths, size_t n)
{
    *out = NULL;
    const char *def = NULL;
    if (n == 0) {
        def = rules_default_path();
        if (!def) {
            msg("no default ruleset found (looked beside the executable and "
                "under the install prefix); use --rules FILE or set "
                "SMMOD_RULES");
            return EXIT_USAGE;
        }
        paths = &def;
        n = 1;
    }
    smmod_error *err = NULL;
    if (smmod_error_new(&err) < 0)
        return EXIT_USAGE;
    int rc = n == 1 ? smmod_ruleset_load(out, paths[0], NULL, err)
                    : compile_many(out, paths, n, err);
    if (rc < 0)
        rules_print_error(err, rc, n == 1 ? paths[0] : NULL);
    smmod_error_free(err);
    return rc < 0 ? EXIT_USAGE : 0;
}
