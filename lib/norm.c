/*
 * norm.c - the normaliser object, the views' buffers, term normalisation
 * and the word-boundary helpers of norm.h.
 */
#include <string.h>

#include "alloc.h"
#include "norm_int.h"
#include "smmod.h"

int smmod__normalizer_new(smmod__normalizer **out)
{
    smmod__normalizer *nz;
    int rc;
    *out = NULL;
    if (!(nz = smmod__calloc(1, sizeof *nz)))
        return SMMOD_ENOMEM;
    if ((rc = smmod__conf_build(&nz->conf, &nz->nconf)) < 0 ||
        (rc = smmod__fast_tables(nz)) < 0) {
        smmod__normalizer_free(nz);
        return rc;
    }
    *out = nz;
    return 0;
}

void smmod__normalizer_free(smmod__normalizer *nz)
{
    if (!nz)
        return;
    smmod__free(nz->conf);
    smmod__free(nz->ft);
    smmod__free(nz);
}

void smmod__view_init(smmod__view *v) { memset(v, 0, sizeof *v); }

void smmod__view_free(smmod__view *v)
{
    if (!v)
        return;
    smmod__free(v->text);
    smmod__free(v->ostart);
    smmod__free(v->oend);
    smmod__view_init(v);
}

int smmod__normalize(const smmod__normalizer *nz, unsigned kinds,
                     const char *text, size_t len,
                     smmod__view views[SMMOD__V_COUNT])
{
    return smmod__normalize_fast(nz, kinds, text, len, views);
}

int smmod__normalize_term(const smmod__normalizer *nz, int kind,
                          const char *term, size_t len, char **out,
                          size_t *out_len)
{
    smmod__view views[SMMOD__V_COUNT];
    int k, rc;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (kind < 0 || kind >= SMMOD__V_COUNT)
        return SMMOD_EINVAL;
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_init(&views[k]);
    rc = smmod__normalize(nz, 1u << kind, term, len, views);
    if (rc == 0) {
        *out = smmod__strndup(views[kind].text ? views[kind].text : "",
                              views[kind].len);
        if (!*out)
            rc = SMMOD_ENOMEM;
        else if (out_len)
            *out_len = views[kind].len;
    }
    for (k = 0; k < SMMOD__V_COUNT; k++)
        smmod__view_free(&views[k]);
    return rc;
}

/* ---- word boundaries ---------------------------------------------------- */

int smmod__word_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp;
    unsigned char c;
    if (pos >= len)
        return 0;
    c = (unsigned char)s[pos];
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    smmod__u8_decode((const uint8_t *)s, len, pos, &cp);
    return smmod__is_word_cp(cp);
}

int smmod__word_before(const char *s, size_t len, size_t pos)
{
    size_t start;
    unsigned char c;
    uint32_t cp;
    if (pos == 0 || pos > len)
        return 0;
    c = (unsigned char)s[pos - 1];
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    /* step back over at most three continuation bytes to the lead byte */
    start = pos - 1;
    while (start > 0 && pos - start < 4 &&
           ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    if (smmod__u8_decode((const uint8_t *)s, len, start, &cp) != pos - start)
        return 0;
    return smmod__is_word_cp(cp);
}
