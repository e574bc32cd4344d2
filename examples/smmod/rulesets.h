/*
 * rulesets.h - finding and loading the ruleset for the CLI: the --rules
 * files, or the shipped default found beside the executable.
 */
#ifndef SMMOD_CLI_RULESETS_H
#define SMMOD_CLI_RULESETS_H

#include <smmod.h>
#include <stddef.h>

/* Load one ruleset made of `paths` (all of them, as if one file included
 * each), or the default ruleset when n == 0. Prints rule errors as
 * file:line:column: message. Returns 0 or EXIT_USAGE. */
int rules_open(smmod_ruleset **out, const char *const *paths, size_t n);

/* Print a failed load's error in file:line:column: form. */
void rules_print_error(const smmod_error *err, int rc, const char *path);

/* The default ruleset's path: $SMMOD_RULES, else beside the build tree,
 * else under the install prefix. NULL when none exists. Static storage. */
const char *rules_default_path(void);

#endif
