/*
 * norm_entities.c - HTML character references in comments (exports from
 * web forms often carry "&auml;" or "&#228;"): numeric references and a
 * small table of named ones.
 *
 * The names and code points are a subset of the HTML Living Standard's
 * list of named character references
 * (https://html.spec.whatwg.org/multipage/named-characters.html, WHATWG,
 * CC BY 4.0): the ones German text and common markup actually use. Only
 * the forms ending in ';' are decoded.
 */
#include <string.h>

#include "norm_int.h"

typedef struct entity {
    const char *name;
    uint32_t cp;
} entity;

/* Sorted by name (strcmp order) for the binary search. */
static const entity entities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Agrave", 0xC0},
    {"Auml", 0xC4},    {"Ccedil", 0xC7},  {"Eacute", 0xC9},
    {"Egrave", 0xC8},  {"Ouml", 0xD6},    {"Uuml", 0xDC},
    {"aacute", 0xE1},  {"acirc", 0xE2},   {"aelig", 0xE6},
    {"agrave", 0xE0},  {"amp", 0x26},     {"apos", 0x27},
    {"auml", 0xE4},    {"bdquo", 0x201E}, {"bull", 0x2022},
    {"ccedil", 0xE7},  {"copy", 0xA9},    {"deg", 0xB0},
    {"eacute", 0xE9},  {"ecirc", 0xEA},   {"egrave", 0xE8},
    {"emsp", 0x2003},  {"ensp", 0x2002},  {"euro", 0x20AC},
    {"gt", 0x3E},      {"hellip", 0x2026}, {"iacute", 0xED},
    {"laquo", 0xAB},   {"ldquo", 0x201C}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", 0x3C},      {"mdash", 0x2014},
    {"middot", 0xB7},  {"nbsp", 0xA0},    {"ndash", 0x2013},
    {"ntilde", 0xF1},  {"oacute", 0xF3},  {"ouml", 0xF6},
    {"para", 0xB6},    {"quot", 0x22},    {"raquo", 0xBB},
    {"rdquo", 0x201D}, {"reg", 0xAE},     {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"sect", 0xA7},
    {"shy", 0xAD},     {"szlig", 0xDF},   {"thinsp", 0x2009},
    {"times", 0xD7},   {"trade", 0x2122}, {"uacute", 0xFA},
    {"uuml", 0xFC},    {"zwj", 0x200D},   {"zwnj", 0x200C},
};
#define NENT (sizeof entities / sizeof entities[0])
#define NAME_MAX_LEN 8

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

static size_t numeric(const char *s, size_t len, size_t i, uint32_t *cp)
{
    size_t j = i + 2, start, maxd;
    int hex = 0, base = 10;
    uint32_t v = 0;
    if (j < len && (s[j] == 'x' || s[j] == 'X'))
        hex = 1, base = 16, j++;
    start = j;
    maxd = hex ? 6 : 7;
    while (j < len && j - start < maxd) {
        int d = hex ? hexval(s[j]) : (s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1);
        if (d < 0)
            break;
        v = v * (uint32_t)base + (uint32_t)d;
        j++;
    }
    if (j == start || j >= len || s[j] != ';')
        return 0;
    /* NUL, surrogates and values beyond Unicode stay undecoded text */
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return j + 1 - i;
}

static size_t named(const char *s, size_t len, size_t i, uint32_t *cp)
{
    char name[NAME_MAX_LEN + 1];
    size_t j = i + 1, n, lo = 0, hi = NENT;
    while (j < len && j - (i + 1) <= NAME_MAX_LEN && is_alnum(s[j]))
        j++;
    n = j - (i + 1);
    if (n == 0 || n > NAME_MAX_LEN || j >= len || s[j] != ';')
        return 0;
    memcpy(name, s + i + 1, n);
    name[n] = '\0';
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, entities[mid].name);
        if (c == 0) {
            *cp = entities[mid].cp;
            return n + 2;
        }
        if (c > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

size_t smmod__entity(const char *s, size_t len, size_t i, uint32_t *cp)
{
    if (i + 3 > len || s[i] != '&')
        return 0;
    if (s[i + 1] == '#')
        return numeric(s, len, i, cp);
    return named(s, len, i, cp);
}
