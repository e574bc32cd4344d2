/*
 * smmod.h - the public API of libsmmod, a comment-risk filter for German
 * public authorities and anyone else who moderates user comments.
 *
 * libsmmod classifies a comment (UTF-8 text) against a compiled ruleset and
 * returns a verdict: an action (allow, review, hide, reject), flags, a total
 * score, per-category scores and the exact spans it matched, given as byte
 * offsets into the ORIGINAL text.
 *
 * The life cycle is "compile once, scan many":
 *
 *     smmod_error *err = NULL;
 *     smmod_ruleset *rs = NULL;
 *     smmod_scanner *sc = NULL;
 *     const smmod_verdict *v = NULL;
 *
 *     smmod_error_new(&err);
 *     if (smmod_ruleset_load(&rs, "rules/de/default.rules", NULL, err) < 0)
 *         fprintf(stderr, "%s:%u:%u: %s\n", smmod_error_file(err),
 *                 smmod_error_line(err), smmod_error_column(err),
 *                 smmod_error_message(err));
 *     smmod_scanner_new(&sc, rs);
 *     smmod_scan(sc, text, strlen(text), &v);
 *     if (smmod_verdict_action(v) != SMMOD_ALLOW) ...
 *     smmod_scanner_free(sc);
 *     smmod_ruleset_free(rs);
 *     smmod_error_free(err);
 *
 * CONVENTIONS
 *   - Functions that can fail return int: 0 (SMMOD_OK) on success, a
 *     negative SMMOD_E* code otherwise. smmod_strerror() describes a code.
 *   - Output parameters come first; a single one is named `out`. On failure
 *     `*out` is set to NULL (or 0).
 *   - Every object is opaque and has a create/free pair; free accepts NULL.
 *   - Memory the library allocates is freed by the library's own functions.
 *   - Enum values are explicit and are never renumbered.
 *   - No struct is passed or returned by value: every function can be bound
 *     as it is from Python's ctypes.
 *   - Strings are UTF-8. Texts are (pointer, length) pairs and may contain
 *     NUL bytes; a NULL pointer is allowed only with length 0.
 *
 * MULTITHREADING
 *   There is no global state and no global initialisation.
 *   - A compiled smmod_ruleset is immutable and reference-counted. It may be
 *     used by any number of threads at once without locking;
 *     smmod_ruleset_ref() and smmod_ruleset_free() are thread-safe (atomic
 *     reference count).
 *   - A smmod_scanner owns all scratch memory of a scan. It must be used by
 *     one thread at a time; create one scanner per thread.
 *   - A smmod_verdict belongs to its scanner and is valid until the next
 *     smmod_scan() on that scanner or until the scanner is freed.
 *   - A smmod_error and a smmod_options object must not be used by two
 *     threads at once.
 *   - Safe reload: to swap in a new ruleset while other threads scan, keep
 *     an atomic pointer to the current ruleset holding one reference; a
 *     scanning thread takes its own reference (smmod_ruleset_ref) and makes
 *     a new scanner from it; the reloader swaps the pointer and drops the
 *     old reference. Loading the pointer and taking the reference must not
 *     race with the reloader's drop: guard both with a mutex, or use the
 *     lock-free "grace counter" pattern in README.md, section "Threading
 *     and safe reload". The old ruleset is freed with its last scanner.
 *
 * Copyright (c) 2026 the libsmmod authors. Licence: MIT (see README.md).
 */
#ifndef SMMOD_H
#define SMMOD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SMMOD_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define SMMOD_API __attribute__((visibility("default")))
#else
#define SMMOD_API
#endif

/* ------------------------------------------------------------------------
 * Version
 * ---------------------------------------------------------------------- */

#define SMMOD_VERSION_MAJOR 0
#define SMMOD_VERSION_MINOR 1
#define SMMOD_VERSION_PATCH 0
/** MAJOR * 10000 + MINOR * 100 + PATCH */
#define SMMOD_VERSION_NUMBER                                                   \
    (SMMOD_VERSION_MAJOR * 10000 + SMMOD_VERSION_MINOR * 100 +                 \
     SMMOD_VERSION_PATCH)
#define SMMOD_VERSION_STRING "0.1.0"

/** The library's release as a string, e.g. "0.1.0". Static; never NULL. */
SMMOD_API const char *smmod_version(void);

/** The library's release as SMMOD_VERSION_NUMBER of the built library. A
 * program compares it with the SMMOD_VERSION_NUMBER it was compiled with. */
SMMOD_API unsigned smmod_version_number(void);

/* ------------------------------------------------------------------------
 * Return codes
 * ---------------------------------------------------------------------- */

typedef enum smmod_status {
    SMMOD_OK = 0,
    SMMOD_EINVAL = -1,   /**< an argument is invalid (NULL, out of range) */
    SMMOD_ENOMEM = -2,   /**< memory allocation failed */
    SMMOD_ERULE = -3,    /**< a rule file has an error; see smmod_error */
    SMMOD_EIO = -4,      /**< a file could not be read */
    SMMOD_ERANGE = -5,   /**< an output buffer is too small */
    SMMOD_ELIMIT = -6,   /**< a configured limit was exceeded */
    SMMOD_ENOTFOUND = -7 /**< a named thing (topic, category) is unknown */
} smmod_status;

/** A static English message for a return code; never NULL. Thread-safe. */
SMMOD_API const char *smmod_strerror(int code);

/* ------------------------------------------------------------------------
 * Actions, flags, views
 * ---------------------------------------------------------------------- */

/** What the host should do with a comment. Ordered: a larger value is a
 * stronger action. Values are fixed forever. */
typedef enum smmod_action {
    SMMOD_ALLOW = 0,  /**< publish */
    SMMOD_REVIEW = 1, /**< hold for a person to decide */
    SMMOD_HIDE = 2,   /**< hide from the public, keep for the record */
    SMMOD_REJECT = 3  /**< remove */
} smmod_action;

/** Verdict flags (bit mask). Values are fixed forever. */
typedef enum smmod_flag {
    SMMOD_FLAG_ESCALATE = 1u << 0,     /**< threat: tell a person now */
    SMMOD_FLAG_REDACT = 1u << 1,       /**< personal data: redact before use */
    SMMOD_FLAG_INVALID_UTF8 = 1u << 2, /**< the text was not valid UTF-8 */
    SMMOD_FLAG_TRUNCATED = 1u << 3,    /**< only a prefix was scanned */
    SMMOD_FLAG_LIMIT = 1u << 4,        /**< a regex or scan budget ran out */
    SMMOD_FLAG_OFFTOPIC = 1u << 5,     /**< nothing to do with the topic */
    SMMOD_FLAG_TOO_MANY_MATCHES = 1u << 6 /**< matches beyond the cap dropped */
} smmod_flag;

/** The normalised views of a comment that rules match in. See README.md,
 * "Normalisation". Values are fixed forever. */
typedef enum smmod_view {
    SMMOD_VIEW_RAW = 0,    /**< the bytes as given */
    SMMOD_VIEW_PLAIN = 1,  /**< NFKC, case folded, invisibles removed */
    SMMOD_VIEW_FOLDED = 2  /**< plain + umlauts, confusables, leet, runs */
} smmod_view;

/* ------------------------------------------------------------------------
 * Error details
 * ---------------------------------------------------------------------- */

/** Details of the last failure of a call that was given this object: the
 * code, a message a non-programmer understands, and for rule errors the
 * file, line and column (1-based). */
typedef struct smmod_error smmod_error;

/** Create an empty error object. Returns SMMOD_OK or SMMOD_ENOMEM. */
SMMOD_API int smmod_error_new(smmod_error **out);
/** Free an error object. NULL is allowed. */
SMMOD_API void smmod_error_free(smmod_error *err);
/** The code of the recorded failure; SMMOD_OK when none. */
SMMOD_API int smmod_error_code(const smmod_error *err);
/** The message; "" when none. Valid until the object is reused or freed. */
SMMOD_API const char *smmod_error_message(const smmod_error *err);
/** The rule file of the failure; "" when none (e.g. a string ruleset
 * compiled without a name). */
SMMOD_API const char *smmod_error_file(const smmod_error *err);
/** The 1-based line of the failure; 0 when not about a position. */
SMMOD_API unsigned smmod_error_line(const smmod_error *err);
/** The 1-based column (in characters) of the failure; 0 when unknown. */
SMMOD_API unsigned smmod_error_column(const smmod_error *err);

/* ------------------------------------------------------------------------
 * Options for loading and scanning
 * ---------------------------------------------------------------------- */

/** Settings for loading and compiling a ruleset. A ruleset remembers the
 * scan limits it was compiled with; every scanner made from it starts with
 * them and may change its own with smmod_scanner_set_limit(). */
typedef struct smmod_options smmod_options;

/** Option keys. Values are fixed forever. Defaults in brackets. */
typedef enum smmod_option {
    /** Largest comment scanned, in bytes; beyond it only the first bytes are
     * scanned and SMMOD_FLAG_TRUNCATED is set [1 MiB]. */
    SMMOD_OPT_MAX_COMMENT_BYTES = 1,
    /** Largest rule or word file read, in bytes [16 MiB]. */
    SMMOD_OPT_MAX_RULE_FILE_BYTES = 2,
    /** Most terms in one ruleset [4,000,000]. */
    SMMOD_OPT_MAX_TERMS = 3,
    /** Deepest include nesting [16]. */
    SMMOD_OPT_MAX_INCLUDE_DEPTH = 4,
    /** Non-zero: `include` may name files outside the directory of the top
     * rule file [0]. */
    SMMOD_OPT_ALLOW_OUTSIDE_ROOT = 5,
    /** PCRE2 match limit per regex run [100,000]. */
    SMMOD_OPT_REGEX_MATCH_LIMIT = 6,
    /** PCRE2 depth limit per regex run [10,000]. JIT-compiled regexes
     * (the normal case) ignore it: they are bounded by the match limit and
     * a JIT stack of 512 KiB per scanner instead. */
    SMMOD_OPT_REGEX_DEPTH_LIMIT = 7,
    /** PCRE2 heap limit per regex run, in KiB [4,096]; like the depth
     * limit, it applies only where PCRE2 JIT is unavailable. */
    SMMOD_OPT_REGEX_HEAP_LIMIT_KB = 8,
    /** Most matches kept in a verdict [256]. */
    SMMOD_OPT_MAX_MATCHES = 9,
    /** Skip the rule files' own `test` lines when 0 [1: keep them]. */
    SMMOD_OPT_KEEP_TESTS = 10
} smmod_option;

/** Create an options object holding the defaults. SMMOD_OK or ENOMEM. */
SMMOD_API int smmod_options_new(smmod_options **out);
/** Free an options object. NULL is allowed. */
SMMOD_API void smmod_options_free(smmod_options *opts);
/** Set one option. Returns SMMOD_EINVAL for an unknown key or a value out
 * of range (negative, or zero where zero makes no sense). */
SMMOD_API int smmod_options_set(smmod_options *opts, int key, int64_t value);
/** Read one option into *out. SMMOD_EINVAL for an unknown key. */
SMMOD_API int smmod_options_get(const smmod_options *opts, int key,
                                int64_t *out);

/* ------------------------------------------------------------------------
 * Rulesets
 * ---------------------------------------------------------------------- */

/** A compiled ruleset: immutable, reference-counted, shareable between
 * threads. */
typedef struct smmod_ruleset smmod_ruleset;

/**
 * Load and compile the rule file at `path` and everything it includes.
 *
 * @param out   receives the new ruleset (reference count 1)
 * @param path  the top rule file; includes resolve relative to the file
 *              that names them
 * @param opts  options, or NULL for the defaults
 * @param err   receives details of a failure, or NULL
 * @return SMMOD_OK; SMMOD_ERULE when a rule file has an error (a ruleset
 *         with an error compiles to nothing); SMMOD_EIO when a file can't
 *         be read; SMMOD_ELIMIT when a limit is exceeded; SMMOD_ENOMEM;
 *         SMMOD_EINVAL for NULL arguments.
 */
SMMOD_API int smmod_ruleset_load(smmod_ruleset **out, const char *path,
                                 const smmod_options *opts, smmod_error *err);

/**
 * Compile rules given as text.
 *
 * @param text  the rules (UTF-8, need not be NUL-terminated)
 * @param len   its length in bytes
 * @param name  the name used in error messages and the directory base of
 *              `include` and `file` references (a path, or NULL: then
 *              includes resolve against the current directory and errors
 *              name "<string>")
 * Other parameters and return codes as smmod_ruleset_load().
 */
SMMOD_API int smmod_ruleset_compile(smmod_ruleset **out, const char *text,
                                    size_t len, const char *name,
                                    const smmod_options *opts,
                                    smmod_error *err);

/** Take another reference. Thread-safe. Returns `rs`. */
SMMOD_API smmod_ruleset *smmod_ruleset_ref(smmod_ruleset *rs);
/** Drop a reference; the last one frees the ruleset. NULL is allowed.
 * Thread-safe. */
SMMOD_API void smmod_ruleset_free(smmod_ruleset *rs);

/** A hex digest (16 characters) of the compiled rules' content. Two
 * rulesets with the same fingerprint decide every comment the same way.
 * Valid as long as the ruleset. */
SMMOD_API const char *smmod_ruleset_fingerprint(const smmod_ruleset *rs);

/** Number of categories declared. */
SMMOD_API size_t smmod_ruleset_category_count(const smmod_ruleset *rs);
/** The stable code of category `i` (e.g. "insult"); NULL if out of range. */
SMMOD_API const char *smmod_ruleset_category_code(const smmod_ruleset *rs,
                                                  size_t i);
/** The human label of category `i` (e.g. "Beleidigung"); "" when none. */
SMMOD_API const char *smmod_ruleset_category_label(const smmod_ruleset *rs,
                                                   size_t i);
/** The legal basis of category `i` (e.g. "§ 185 StGB"); "" when none. */
SMMOD_API const char *smmod_ruleset_category_basis(const smmod_ruleset *rs,
                                                   size_t i);

/** Number of rules (word lists, regexes, detectors) in the ruleset. */
SMMOD_API size_t smmod_ruleset_rule_count(const smmod_ruleset *rs);
/** The id of rule `i`; NULL if out of range. */
SMMOD_API const char *smmod_ruleset_rule_id(const smmod_ruleset *rs,
                                            size_t i);
/** The category index of rule `i`; -1 if out of range. */
SMMOD_API int smmod_ruleset_rule_category(const smmod_ruleset *rs, size_t i);
/** Number of literal terms of rule `i` (0 for regexes and detectors). */
SMMOD_API size_t smmod_ruleset_rule_term_count(const smmod_ruleset *rs,
                                               size_t i);

/** The score threshold for `action` (SMMOD_REVIEW..SMMOD_REJECT); -1 for
 * an action without a threshold or an invalid action. */
SMMOD_API int smmod_ruleset_threshold(const smmod_ruleset *rs, int action);

/** Number of topics declared (see `topic` in rules/README.md). */
SMMOD_API size_t smmod_ruleset_topic_count(const smmod_ruleset *rs);
/** The name of topic `i`; NULL if out of range. */
SMMOD_API const char *smmod_ruleset_topic_name(const smmod_ruleset *rs,
                                               size_t i);

/* Rule-file test cases (`test` lines). */

/** Number of `test` lines in the ruleset (0 if SMMOD_OPT_KEEP_TESTS=0). */
SMMOD_API size_t smmod_ruleset_test_count(const smmod_ruleset *rs);
/** The comment text of test `i`; NULL if out of range. Its length is
 * strlen(): test texts contain no NUL. */
SMMOD_API const char *smmod_ruleset_test_text(const smmod_ruleset *rs,
                                              size_t i);
/** The expected action of a test written `test flagged "..."`: any action
 * but allow passes. */
#define SMMOD_TEST_FLAGGED 100
/** The expected action of test `i` (an smmod_action, or SMMOD_TEST_FLAGGED);
 * -1 if out of range. */
SMMOD_API int smmod_ruleset_test_expected(const smmod_ruleset *rs, size_t i);
/** The file of test `i`; NULL if out of range. */
SMMOD_API const char *smmod_ruleset_test_file(const smmod_ruleset *rs,
                                              size_t i);
/** The line of test `i`; 0 if out of range. */
SMMOD_API unsigned smmod_ruleset_test_line(const smmod_ruleset *rs,
                                           size_t i);

/* ------------------------------------------------------------------------
 * Scanners and scanning
 * ---------------------------------------------------------------------- */

/** Per-thread scanning state: scratch buffers, regex match data, the last
 * verdict. Steady-state scanning allocates no heap memory. */
typedef struct smmod_scanner smmod_scanner;
/** The result of a scan; owned by the scanner. */
typedef struct smmod_verdict smmod_verdict;

/** Create a scanner for `rs`; it takes its own reference to `rs`, so the
 * caller may free its reference at once. SMMOD_OK, EINVAL or ENOMEM. */
SMMOD_API int smmod_scanner_new(smmod_scanner **out, smmod_ruleset *rs);
/** Free a scanner (and its verdict). NULL is allowed. */
SMMOD_API void smmod_scanner_free(smmod_scanner *sc);
/** The ruleset the scanner uses (no new reference). */
SMMOD_API smmod_ruleset *smmod_scanner_ruleset(const smmod_scanner *sc);

/** Change one scan limit of this scanner (SMMOD_OPT_MAX_COMMENT_BYTES,
 * SMMOD_OPT_REGEX_*, SMMOD_OPT_MAX_MATCHES). SMMOD_EINVAL for other keys
 * or values out of range. */
SMMOD_API int smmod_scanner_set_limit(smmod_scanner *sc, int key,
                                      int64_t value);

/** Tell the scanner which declared topic the comments are about, or NULL
 * for none. Long comments that share no keyword with an active topic get
 * SMMOD_FLAG_OFFTOPIC and the off-topic category. SMMOD_ENOTFOUND for an
 * unknown topic. */
SMMOD_API int smmod_scanner_set_topic(smmod_scanner *sc, const char *topic);

/**
 * Scan one comment.
 *
 * @param sc    the scanner
 * @param text  the comment, UTF-8 (may contain NUL bytes; invalid UTF-8 is
 *              scanned with each bad byte read as U+FFFD, the verdict gets
 *              SMMOD_FLAG_INVALID_UTF8 and at least SMMOD_REVIEW)
 * @param len   its length in bytes
 * @param out   receives the verdict, valid until the next scan on `sc`
 * @return SMMOD_OK, SMMOD_EINVAL for NULL arguments, SMMOD_ENOMEM when a
 *         scratch buffer could not grow (then *out is NULL).
 *
 * Texts longer than SMMOD_OPT_MAX_COMMENT_BYTES are scanned in part and
 * flagged SMMOD_FLAG_TRUNCATED with at least SMMOD_REVIEW. A regex that
 * runs out of its limits sets SMMOD_FLAG_LIMIT and at least SMMOD_REVIEW.
 */
SMMOD_API int smmod_scan(smmod_scanner *sc, const char *text, size_t len,
                         const smmod_verdict **out);

/* ------------------------------------------------------------------------
 * Verdicts
 * ---------------------------------------------------------------------- */

/** The action (an smmod_action value). */
SMMOD_API int smmod_verdict_action(const smmod_verdict *v);
/** The flags (smmod_flag bits). */
SMMOD_API unsigned smmod_verdict_flags(const smmod_verdict *v);
/** The total score: the sum of the category scores. */
SMMOD_API int smmod_verdict_score(const smmod_verdict *v);
/** The fingerprint of the ruleset that decided. */
SMMOD_API const char *smmod_verdict_fingerprint(const smmod_verdict *v);
/** Length in bytes of the text that was scanned. */
SMMOD_API size_t smmod_verdict_text_length(const smmod_verdict *v);

/** Number of categories that matched, strongest score first. */
SMMOD_API size_t smmod_verdict_category_count(const smmod_verdict *v);
/** The code of matched category `i`; NULL if out of range. */
SMMOD_API const char *smmod_verdict_category(const smmod_verdict *v,
                                             size_t i);
/** The ruleset index of matched category `i` (for label and basis); -1 if
 * out of range. */
SMMOD_API int smmod_verdict_category_index(const smmod_verdict *v, size_t i);
/** The score of matched category `i` (capped at 100); -1 if out of
 * range. */
SMMOD_API int smmod_verdict_category_score(const smmod_verdict *v, size_t i);

/** Number of matches, ordered by start offset. */
SMMOD_API size_t smmod_verdict_match_count(const smmod_verdict *v);
/** The id of the rule of match `i`; NULL if out of range. */
SMMOD_API const char *smmod_verdict_match_rule(const smmod_verdict *v,
                                               size_t i);
/** The category code of match `i`; NULL if out of range. */
SMMOD_API const char *smmod_verdict_match_category(const smmod_verdict *v,
                                                   size_t i);
/** The term (as written in the rule file) or the detector/regex name that
 * produced match `i`; NULL if out of range. */
SMMOD_API const char *smmod_verdict_match_term(const smmod_verdict *v,
                                               size_t i);
/** Byte offset in the ORIGINAL text where match `i` starts; (size_t)-1 if
 * out of range. */
SMMOD_API size_t smmod_verdict_match_start(const smmod_verdict *v, size_t i);
/** Byte offset in the ORIGINAL text where match `i` ends (exclusive);
 * (size_t)-1 if out of range. */
SMMOD_API size_t smmod_verdict_match_end(const smmod_verdict *v, size_t i);
/** The view (smmod_view) match `i` was found in; -1 if out of range. */
SMMOD_API int smmod_verdict_match_view(const smmod_verdict *v, size_t i);
/** The score match `i` contributed (0 when it was already counted or its
 * rule sets only an action); -1 if out of range. */
SMMOD_API int smmod_verdict_match_score(const smmod_verdict *v, size_t i);
/** The action of the rule of match `i`, or -1 when the rule only scores. */
SMMOD_API int smmod_verdict_match_action(const smmod_verdict *v, size_t i);

/* ------------------------------------------------------------------------
 * Redaction
 * ---------------------------------------------------------------------- */

/**
 * Write `text` with the matched spans of chosen categories masked.
 *
 * @param v           the verdict of scanning exactly `text`
 * @param text, len   the text that was scanned
 * @param categories  comma-separated category codes to mask, "*" for all
 *                    matched categories, or NULL for the categories whose
 *                    rules carry the redact flag
 * @param mask        the replacement: a string of one character (e.g. "*")
 *                    replaces each character of a span; a longer string
 *                    (e.g. "[entfernt]") replaces each span once; NULL
 *                    means "*"
 * @param buf, cap    the output buffer (may be NULL with cap 0 to ask for
 *                    the size); the result is NUL-terminated when it fits
 * @param out_len     receives the length of the redacted text (without
 *                    the NUL), also when it does not fit
 * @return SMMOD_OK; SMMOD_ERANGE when cap < *out_len + 1 (nothing useful
 *         written); SMMOD_EINVAL when arguments are NULL or `len` differs
 *         from the scanned length.
 */
SMMOD_API int smmod_redact(const smmod_verdict *v, const char *text,
                           size_t len, const char *categories,
                           const char *mask, char *buf, size_t cap,
                           size_t *out_len);

/* ------------------------------------------------------------------------
 * Normalised views (for explaining verdicts and for tools)
 * ---------------------------------------------------------------------- */

/**
 * Write view `view` of `text` as the scanner computes it, NUL-terminated.
 * This runs the normaliser again; it is meant for `smmod explain`, not for
 * the hot path.
 *
 * @param buf, cap  output buffer; SMMOD_ERANGE when too small
 * @param out_len   receives the view's length (also when it does not fit)
 */
SMMOD_API int smmod_scanner_view(smmod_scanner *sc, int view,
                                 const char *text, size_t len, char *buf,
                                 size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* SMMOD_H */
