/*
 * version.c - the library's release, as the built library knows it.
 */
#include "smmod.h"

const char *smmod_version(void) { return SMMOD_VERSION_STRING; }

unsigned smmod_version_number(void) { return SMMOD_VERSION_NUMBER; }
