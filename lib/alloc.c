/*
 * alloc.c - the four heap primitives of the library (see alloc.h). They
 * are alone in this file so that a test can replace exactly them (to count
 * or fail allocations) while keeping the helpers in alloc_helpers.c.
 */
#include "alloc.h"

#include <stdlib.h>

void *smmod__malloc(size_t size) { return malloc(size ? size : 1); }

void *smmod__calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void *smmod__realloc(void *ptr, size_t size)
{
    return realloc(ptr, size ? size : 1);
}

void smmod__free(void *ptr) { free(ptr); }
