/*
 * norm.h - German Unicode normalisation: turns a comment into views (raw,
 * plain, folded and folded variants), each with a map from every view byte
 * back to the original bytes.
 *
 * Owned by norm*.c. Used by the compiler (terms are normalised by the same
 * code as comments) and the scanner.
 */
#ifndef SMMOD_NORM_H
#define SMMOD_NORM_H

#include <stddef.h>
#include <stdint.h>

/* The internal view kinds. RAW, PLAIN and FOLDED equal the public
 * smmod_view values; the others are FOLDED with aggressive steps off. */
enum smmod__view_kind {
    SMMOD__V_RAW = 0,
    SMMOD__V_PLAIN = 1,
    SMMOD__V_FOLDED = 2,            /* all steps */
    SMMOD__V_FOLDED_NOJOIN = 3,     /* no joining of separated letters */
    SMMOD__V_FOLDED_NOCOLLAPSE = 4, /* no collapsing of letter runs */
    SMMOD__V_FOLDED_NEITHER = 5,    /* neither */
    SMMOD__V_COUNT = 6
};

/* View flags reported by the normaliser. */
#define SMMOD__VIEWF_INVALID_UTF8 1u /* bad bytes were read as U+FFFD */

/*
 * One view of one comment. Buffers are owned by the view and reused from
 * scan to scan: they only grow.
 *
 * text[0..len) is the view (NUL-terminated, valid UTF-8). For each view
 * byte i, the original bytes it came from are [ostart[i], oend[i]): whole
 * characters of the original, so a view span [s, e) maps back to the
 * original span [ostart[s], oend[e - 1]), which is valid UTF-8 when the
 * original is. Both maps are non-decreasing.
 */
typedef struct smmod__view {
    char *text;
    uint32_t *ostart;
    uint32_t *oend;
    size_t len;
    size_t cap;     /* capacity of text (bytes) and of both maps (entries) */
    unsigned flags; /* SMMOD__VIEWF_* */
} smmod__view;

/* Immutable tables shared by all scanners of a ruleset (confusable
 * skeletons, fast-path tables). Thread-safe after creation. */
typedef struct smmod__normalizer smmod__normalizer;

int smmod__normalizer_new(smmod__normalizer **out);
void smmod__normalizer_free(smmod__normalizer *nz);

void smmod__view_init(smmod__view *v);
void smmod__view_free(smmod__view *v);

/*
 * Compute the views whose bits (1u << kind) are set in `kinds` for
 * text[0..len) into views[kind]; other entries are left alone, except that
 * any folded kind also fills views[SMMOD__V_PLAIN] and
 * views[SMMOD__V_FOLDED_NEITHER], which the folded views are derived from.
 * Reuses the views' buffers and allocates only when a buffer must grow.
 * Invalid UTF-8 is read as U+FFFD per bad byte and sets
 * SMMOD__VIEWF_INVALID_UTF8. Returns 0, SMMOD_ENOMEM, or SMMOD_ELIMIT for
 * texts of 4 GiB or more (offsets are 32-bit).
 */
int smmod__normalize(const smmod__normalizer *nz, unsigned kinds,
                     const char *text, size_t len,
                     smmod__view views[SMMOD__V_COUNT]);

/*
 * Compute one more folded view (FOLDED, FOLDED_NOJOIN or
 * FOLDED_NOCOLLAPSE) of the text of the last smmod__normalize call, which
 * must have computed some folded kind (so views[SMMOD__V_FOLDED_NEITHER]
 * holds the text it is derived from). Lets the scanner compute a rarely
 * needed view only when it is needed. Returns 0 or SMMOD_ENOMEM.
 */
int smmod__normalize_variant(const smmod__normalizer *nz, int kind,
                             smmod__view views[SMMOD__V_COUNT]);

/* The reference path: the same result computed directly with utf8proc and
 * ICU calls, slowly. The differential test and fuzzer compare the two. */
int smmod__normalize_reference(const smmod__normalizer *nz, unsigned kinds,
                               const char *text, size_t len,
                               smmod__view views[SMMOD__V_COUNT]);

/*
 * Normalise a rule term for view `kind` exactly as comments are, into a
 * new NUL-terminated string (*out, freed with smmod__free). The term has
 * no `*` or `=` markers any more. Returns 0, SMMOD_ENOMEM.
 */
int smmod__normalize_term(const smmod__normalizer *nz, int kind,
                          const char *term, size_t len, char **out,
                          size_t *out_len);

/* Encode cp as UTF-8 into out (4 bytes of room); returns the length. */
size_t smmod__u8_encode(uint32_t cp, char *out);

/* Word characters for word boundaries: letters and combining marks of any
 * script (digits, punctuation, spaces and symbols are not). */
int smmod__is_word_cp(uint32_t cp);
/* Whether the character ending just before byte `pos` of s (resp. starting
 * at `pos`) is a word character; 0 at the text's edges. */
int smmod__word_before(const char *s, size_t len, size_t pos);
int smmod__word_at(const char *s, size_t len, size_t pos);

#endif
