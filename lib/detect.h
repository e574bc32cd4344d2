/*
 * detect.h - built-in detectors for what a regex can't validate: IBAN
 * (mod 97), payment cards (Luhn), e-mail addresses, German phone numbers,
 * postal addresses (street, house number, postcode), URLs with domain
 * allow/deny lists, and shouting (six or more words in capitals). Owned by
 * detect*.c.
 *
 * Detectors run on the plain view (NFKC, lower case, whitespace folded) and
 * report spans in that view; the scanner maps them back to the original.
 * The exceptions, SMMOD__DET_RAW_VIEW, run on the raw view instead.
 */
#ifndef SMMOD_DETECT_H
#define SMMOD_DETECT_H

#include <stddef.h>

enum smmod__detector {
    SMMOD__DET_IBAN = 1u << 0,
    SMMOD__DET_CARD = 1u << 1,
    SMMOD__DET_EMAIL = 1u << 2,
    SMMOD__DET_PHONE = 1u << 3,
    SMMOD__DET_ADDRESS = 1u << 4,
    SMMOD__DET_URL = 1u << 5,
    SMMOD__DET_SHOUTING = 1u << 6 /* reads the raw view, see below */
};

/* Detectors that read the raw view (case matters): the scanner runs them
 * over it, apart from the others. */
#define SMMOD__DET_RAW_VIEW SMMOD__DET_SHOUTING

/* Domain lists for the URL detector (lower-case domains, no scheme). A
 * domain also covers its subdomains. */
typedef struct smmod__domains {
    char **names;
    size_t count;
} smmod__domains;

/* What a URL hit means. */
enum smmod__url_kind {
    SMMOD__URL_PLAIN = 0, /* neither allowed nor denied */
    SMMOD__URL_DENIED = 1 /* its domain is on the deny list */
};

/* The bit of a detector's name ("iban", "card", "email", "phone",
 * "address", "url", "shouting"), or 0 for an unknown name. */
unsigned smmod__detector_by_name(const char *name);
/* The name of a single detector bit; NULL if not one. */
const char *smmod__detector_name(unsigned bit);

/* Called for each validated datum: `detector` is one bit, [start, end) the
 * span in the text covering the whole datum, `kind` an smmod__url_kind for
 * URLs and 0 otherwise. Return non-zero to stop. */
typedef int (*smmod__detect_fn)(void *ctx, unsigned detector, size_t start,
                                size_t end, int kind);

/* Run the detectors in `mask` over text[0..len) (the plain view). URLs on
 * an allowed domain are not reported. Allocates nothing. */
void smmod__detect_run(unsigned mask, const smmod__domains *allow,
                       const smmod__domains *deny, const char *text,
                       size_t len, smmod__detect_fn fn, void *ctx);

#endif
