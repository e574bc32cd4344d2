/*
 * fuzz_norm.c - libFuzzer target: the normaliser. The fast path
 * (smmod__normalize) and the reference path (smmod__normalize_reference)
 * must give identical views, maps and flags for every view kind. Every
 * view must also keep the promises of norm.h:
 *   - the text is valid UTF-8 and NUL-terminated;
 *   - each view byte maps to a non-empty span [ostart, oend) inside the
 *     input, on character boundaries (when the input is valid UTF-8);
 *   - both maps are non-decreasing;
 *   - the invalid-UTF-8 flag is set exactly when the input is invalid.
 * The first byte chooses which view kinds are asked for (all of them, or
 * one folded kind alone, which derives its base views itself).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "norm.h"
#include "smmod.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ALL_KINDS ((1u << SMMOD__V_COUNT) - 1)

static smmod__normalizer *g_nz;
static smmod__view g_fast[SMMOD__V_COUNT], g_ref[SMMOD__V_COUNT];

static void init_once(void)
{
    if (g_nz)
        return;
    if (smmod__normalizer_new(&g_nz))
        abort();
    for (int k = 0; k < SMMOD__V_COUNT; k++) {
        smmod__view_init(&g_fast[k]);
        smmod__view_init(&g_ref[k]);
    }
}

static void dump(const char *what, const char *s, size_t n)
{
    fprintf(stderr, "%s:", what);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %02x", (unsigned char)s[i]);
    fprintf(stderr, "\n");
}

static void check_same(int k, const char *text, size_t len)
{
    const smmod__view *a = &g_fast[k], *b = &g_ref[k];
    if (a->len == b->len && a->flags == b->flags &&
        memcmp(a->text, b->text, a->len) == 0 &&
        memcmp(a->ostart, b->ostart, a->len * sizeof(uint32_t)) == 0 &&
        memcmp(a->oend, b->oend, a->len * sizeof(uint32_t)) == 0)
        return;
    fprintf(stderr, "view %d: fast and reference paths differ\n", k);
    dump("input", text, len);
    dump("fast ", a->text, a->len);
    dump("ref  ", b->text, b->len);
    for (size_t i = 0; i < a->len && i < b->len; i++)
        if (a->ostart[i] != b->ostart[i] || a->oend[i] != b->oend[i]) {
            fprintf(stderr, "map at %zu: fast %u-%u, ref %u-%u\n", i,
                    a->ostart[i], a->oend[i], b->ostart[i], b->oend[i]);
            break;
        }
    abort();
}

static void check_view(const smmod__view *v, const char *text, size_t len,
                       int valid)
{
    FUZZ_CHECK(v->text[v->len] == '\0');
    FUZZ_CHECK(fuzz_utf8_valid(v->text, v->len));
    FUZZ_CHECK(!valid == !!(v->flags & SMMOD__VIEWF_INVALID_UTF8));
    for (size_t i = 0; i < v->len; i++) {
        uint32_t s = v->ostart[i], e = v->oend[i];
        FUZZ_CHECK(s < e && e <= len);
        if (i > 0)
            FUZZ_CHECK(s >= v->ostart[i - 1] && e >= v->oend[i - 1]);
        if (valid)
            FUZZ_CHECK(fuzz_on_boundary(text, len, s) &&
                       fuzz_on_boundary(text, len, e));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text;
    size_t len;
    unsigned kinds;
    int valid;
    if (size < 1)
        return 0;
    init_once();
    kinds = data[0] % 4 == 0 ? 1u << (SMMOD__V_FOLDED + data[0] / 4 % 4)
                             : ALL_KINDS;
    text = (const char *)data + 1;
    len = size - 1;
    valid = fuzz_utf8_valid(text, len);
    FUZZ_CHECK(smmod__normalize(g_nz, kinds, text, len, g_fast) == 0);
    FUZZ_CHECK(smmod__normalize_reference(g_nz, kinds, text, len, g_ref) ==
               0);
    for (int k = 0; k < SMMOD__V_COUNT; k++) {
        if (!(kinds & (1u << k)))
            continue;
        check_same(k, text, len);
        check_view(&g_fast[k], text, len, valid);
    }
    return 0;
}
