/*
 * alloc.c - heap functions used by the whole library (see alloc.h).
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "smmod.h"

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

char *smmod__strndup(const char *s, size_t len)
{
    char *copy = smmod__malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *smmod__strdup(const char *s) { return smmod__strndup(s, strlen(s)); }

int smmod__grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
    size_t n = *cap ? *cap : 8;
    void *p;
    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > ((size_t)-1 / 2) / elem_size)
            return SMMOD_ENOMEM;
        n *= 2;
    }
    p = smmod__realloc(*ptr, n * elem_size);
    if (!p)
        return SMMOD_ENOMEM;
    *ptr = p;
    *cap = n;
    return 0;
}
