/*
 * alloc.h - the library's one door to the heap.
 *
 * Every allocation in lib/ goes through these functions (PCRE2 is handed
 * them through a general context), so tests can make the n-th allocation
 * fail by wrapping them at link time (-Wl,--wrap=smmod__malloc ...).
 */
#ifndef SMMOD_ALLOC_H
#define SMMOD_ALLOC_H

#include <stddef.h>

void *smmod__malloc(size_t size);
void *smmod__calloc(size_t count, size_t size);
void *smmod__realloc(void *ptr, size_t size);
void smmod__free(void *ptr);
/* A NUL-terminated copy of s[0..len); NULL when out of memory. */
char *smmod__strndup(const char *s, size_t len);
char *smmod__strdup(const char *s);
/* Grow *ptr (an array of *cap elements of elem_size bytes) so that it holds
 * at least `need` elements; doubles. 0 or SMMOD_ENOMEM (then unchanged). */
int smmod__grow(void **ptr, size_t *cap, size_t need, size_t elem_size);

#endif
