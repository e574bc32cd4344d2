/*
 * alloc_helpers.c - string copies and array growth built on the heap
 * primitives of alloc.c (see alloc.h).
 */
#include <string.h>

#include "alloc.h"
#include "smmod.h"

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
