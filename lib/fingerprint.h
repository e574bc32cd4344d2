/*
 * fingerprint.h - a digest of everything in a compiled ruleset that
 * decides a verdict, so a logged decision can be reproduced. Owned by
 * fingerprint.c.
 */
#ifndef SMMOD_FINGERPRINT_H
#define SMMOD_FINGERPRINT_H

#include "ruleset.h"

/* Write 16 lower-case hex digits and a NUL into out[17]. */
void smmod__fingerprint(const smmod_ruleset *rs, char out[17]);

#endif
