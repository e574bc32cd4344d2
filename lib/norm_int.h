/*
 * norm_int.h - internals shared by the normalisation files (norm.c: the
 * normaliser, the fast path and the helpers of norm.h; norm_ref.c: the
 * reference path; norm_char.c: per-character Unicode functions built on
 * utf8proc and ICU; norm_entities.c: HTML character references).
 *
 * Not used outside norm*.c.
 */
#ifndef SMMOD_NORM_INT_H
#define SMMOD_NORM_INT_H

#include <stddef.h>
#include <stdint.h>

#include "norm.h"

/* One character of a stage's output and the original bytes it stands for. */
typedef struct smmod__nunit {
    uint32_t cp, os, oe;
} smmod__nunit;

/* A growable array of units (used by the reference path and for terms). */
typedef struct smmod__nbuf {
    smmod__nunit *u;
    size_t n, cap;
} smmod__nbuf;

int smmod__nbuf_push(smmod__nbuf *b, uint32_t cp, uint32_t os, uint32_t oe);
void smmod__nbuf_free(smmod__nbuf *b);

/* Longest output of the per-character functions below. */
#define SMMOD__NFKC_MAX 1024 /* one cluster (at most SMMOD__CLUSTER_MAX cps) */
#define SMMOD__CLUSTER_MAX 32
#define SMMOD__FOLD_MAX 8

/* Confusable skeletons: for a case-folded, non-Latin letter the 1-2 ASCII
 * lower-case letters it looks like (see norm_char.c for the rule). */
typedef struct smmod__conf {
    uint32_t cp;
    char sk[2];
    uint8_t n;
} smmod__conf;

/* Fast-path entry for one code point below SMMOD__FT_LIMIT: its plain form
 * as a one-character cluster, and the folded form of it as a plain
 * character. Counts of 0xFF mean "ask the per-character function". */
#define SMMOD__FT_LIMIT 0x800u
#define SMMOD__FTF_IGNORE 1u /* removed in plain */
#define SMMOD__FTF_WHITE 2u  /* White_Space */
#define SMMOD__FTF_CONT 4u   /* continues a cluster (combining mark) */
#define SMMOD__FTF_WORD 8u   /* letter or mark */
#define SMMOD__FT_PLAIN_MAX 3
typedef struct smmod__ftab {
    uint8_t flags;
    uint8_t pn;   /* code points in plain[] */
    uint8_t flen; /* bytes in fold[] */
    uint32_t plain[SMMOD__FT_PLAIN_MAX];
    char fold[9];
} smmod__ftab;

/* ASCII byte classes of the fast path. */
#define SMMOD__AC_COPY 1u  /* a character on its own: copy (lower-cased) */
#define SMMOD__AC_NEXT 2u  /* after a COPY byte, ends its cluster */
#define SMMOD__AC_WHITE 4u /* White_Space */
#define SMMOD__AC_LEET 8u  /* may start a leetspeak symbol (incl. 0xE2 of €) */
#define SMMOD__AC_WORD 16u /* ASCII letter */
#define SMMOD__AC_SEP 32u  /* separator between spaced-out letters */

struct smmod__normalizer {
    smmod__conf *conf; /* sorted by cp */
    size_t nconf;
    smmod__ftab *ft; /* SMMOD__FT_LIMIT entries */
    uint8_t acls[256];
    uint8_t lower[256];
    uint8_t leet[128]; /* smmod__leet of each ASCII byte */
};

/* The fast path (norm_fast.c). */
int smmod__normalize_fast(const smmod__normalizer *nz, unsigned kinds,
                          const char *text, size_t len,
                          smmod__view views[SMMOD__V_COUNT]);
/* Fill nz->ft, acls and lower (norm_fast.c). */
int smmod__fast_tables(smmod__normalizer *nz);

/* ---- UTF-8 ---- */
/* Decode the character at s[i] (i < len). Returns its length; a bad byte
 * gives U+FFFD and length 1. */
size_t smmod__u8_decode(const uint8_t *s, size_t len, size_t i, uint32_t *cp);

/* ---- HTML character references (norm_entities.c) ---- */
/* If s[i] starts a character reference we decode (&name; from our table,
 * &#dd; or &#xhh;), store the character and return the reference's length,
 * else return 0. */
size_t smmod__entity(const char *s, size_t len, size_t i, uint32_t *cp);

/* ---- per-character Unicode functions (norm_char.c) ---- */
int smmod__cp_ignorable(uint32_t cp); /* default-ignorable or Cf */
int smmod__cp_white(uint32_t cp);     /* White_Space (PropList.txt) */
int smmod__cp_white_icu(uint32_t cp); /* the same asked from ICU */
int smmod__cp_cont(uint32_t cp);      /* joins the previous cluster */
/* NFKC + full case folding of one cluster via utf8proc; returns the number
 * of code points written to out (SMMOD__NFKC_MAX room). */
size_t smmod__nfkc_cluster(const uint32_t *cps, size_t n, uint32_t *out);
/* Folded form of one plain character: German umlauts, a few Latin letters,
 * marks stripped, confusable skeletons. Returns the count (may be 0). With
 * nz == NULL the skeletons are asked from ICU directly (reference path). */
size_t smmod__fold_cp(const smmod__normalizer *nz, void *spoof, uint32_t cp,
                      uint32_t out[SMMOD__FOLD_MAX]);
/* The ICU spoof checker for the reference path (NULL on failure). */
void *smmod__spoof_open(void);
void smmod__spoof_close(void *spoof);
/* Skeleton rule for one case-folded code point, straight from ICU: 0..2
 * letters in sk. */
int smmod__conf_rule(void *spoof, uint32_t cp, char sk[2]);
/* Build the sorted confusable table (normaliser creation). */
int smmod__conf_build(smmod__conf **out, size_t *n);
/* Leetspeak letter for a symbol, or 0. */
uint32_t smmod__leet(uint32_t cp);
/* Separator characters between spaced-out single letters. */
int smmod__cp_sep(uint32_t cp);

/* ---- shared pipeline pieces on unit arrays ---- */
/* Steps of the folded views after the per-character folding. */
int smmod__units_leet(smmod__nbuf *b);
int smmod__units_join(const smmod__nbuf *in, smmod__nbuf *out);
int smmod__units_collapse(const smmod__nbuf *in, smmod__nbuf *out);
/* Write units into a view (each unit's bytes map to its span). */
int smmod__units_to_view(const smmod__nbuf *b, smmod__view *v);
/* Make sure a view has room for `need` bytes (+ NUL). */
int smmod__view_reserve(smmod__view *v, size_t need);

#endif
