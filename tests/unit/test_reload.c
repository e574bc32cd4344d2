/*
 * test_reload.c - safe reload under load: scanning threads keep scanning
 * while a reloader thread compiles new rulesets and swaps them in through
 * an atomic pointer, the pattern documented in README.md ("Threading and safe reload"). Run under
 * ASan (`make sanitize`) and TSan (`make tsan`) it shows there is no
 * use-after-free and no data race; in plain runs it checks that every
 * verdict comes from the ruleset of the scanner that made it, and that
 * every thread moves on to every new ruleset.
 *
 * The pattern (see README.md, "Threading and safe reload", for why each step is needed):
 *   - `current` is an _Atomic pointer holding one reference;
 *   - a scanning thread compares `current` with its scanner's ruleset
 *     before each comment (one atomic load); when they differ it takes a
 *     reference inside a short "grace" section (an atomic counter of
 *     threads between loading the pointer and holding their reference),
 *     makes a new scanner from it and frees the old scanner;
 *   - the reloader exchanges the pointer, waits until no thread is inside
 *     the grace section, then drops the reference `current` held. The old
 *     ruleset lives on until its last scanner is freed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <sched.h>

#include "smmod.h"

#define NSCANNERS 4
#define NRELOADS 40

/* ---- the reload pattern ------------------------------------------------- */

typedef struct rs_holder {
    _Atomic(smmod_ruleset *) current; /* holds one reference */
    atomic_int grace;                 /* threads between load and ref */
} rs_holder;

/* A new reference to the current ruleset. */
static smmod_ruleset *holder_acquire(rs_holder *h)
{
    smmod_ruleset *rs;
    atomic_fetch_add(&h->grace, 1);
    rs = smmod_ruleset_ref(atomic_load(&h->current));
    atomic_fetch_sub(&h->grace, 1);
    return rs;
}

/* Swap in `next` (the caller's reference moves into the holder). */
static void holder_publish(rs_holder *h, smmod_ruleset *next)
{
    smmod_ruleset *old = atomic_exchange(&h->current, next);
    /* a thread that loaded `old` before the exchange is still counted in
     * `grace` until it holds its own reference */
    while (atomic_load(&h->grace) != 0)
        sched_yield();
    smmod_ruleset_free(old);
}

/* Make sure *sc scans with the current ruleset. 0 or an error code. */
static int holder_refresh(rs_holder *h, smmod_scanner **sc)
{
    smmod_ruleset *rs;
    smmod_scanner *fresh = NULL;
    int rc;
    if (*sc && smmod_scanner_ruleset(*sc) == atomic_load(&h->current))
        return 0; /* the scanner's reference keeps the compared one alive */
    rs = holder_acquire(h);
    rc = smmod_scanner_new(&fresh, rs);
    smmod_ruleset_free(rs); /* the scanner holds its own */
    if (rc)
        return rc;
    smmod_scanner_free(*sc);
    *sc = fresh;
    return 0;
}

/* ---- the test ----------------------------------------------------------- */

/* Ruleset number g: odd ones reject "idiot", even ones only review it
 * (thresholds off, so only the rule's action counts); the generation is
 * readable back from the rule id "gen.N". */
static smmod_ruleset *make_ruleset(int g)
{
    char text[512];
    smmod_ruleset *rs = NULL;
    int n = snprintf(text, sizeof text,
                     "category insult\ncategory gen\n"
                     "threshold review off\nthreshold reject off\n"
                     "words insult action %s \"idiot\" \"depp\"\n"
                     "word gen id gen.%d \"generation\"\n"
                     "regex insult /\\bdu (?:bist|bleibst) \\w+/\n",
                     g % 2 ? "reject" : "review", g);
    assert_true(n > 0 && (size_t)n < sizeof text);
    assert_int_equal(smmod_ruleset_compile(&rs, text, (size_t)n, NULL, NULL,
                                           NULL), SMMOD_OK);
    return rs;
}

typedef struct shared {
    rs_holder holder;
    atomic_int generation;         /* of the ruleset last published */
    atomic_int seen[NSCANNERS];    /* generation each scanner is on */
    atomic_int done;
} shared;

typedef struct scan_job {
    shared *sh;
    int id;
    int errors;
    int wrong;
    long scans;
} scan_job;

/* The generation a ruleset was made for, from its rule id "gen.N". */
static int generation_of(const smmod_ruleset *rs)
{
    for (size_t i = 0; i < smmod_ruleset_rule_count(rs); i++) {
        const char *id = smmod_ruleset_rule_id(rs, i);
        if (strncmp(id, "gen.", 4) == 0)
            return atoi(id + 4);
    }
    return -1;
}

static void check_verdict(scan_job *j, smmod_scanner *sc,
                          const smmod_verdict *v, int g)
{
    int want = g % 2 ? SMMOD_REJECT : SMMOD_REVIEW;
    if (smmod_verdict_action(v) != want ||
        strcmp(smmod_verdict_fingerprint(v),
               smmod_ruleset_fingerprint(smmod_scanner_ruleset(sc))) != 0)
        j->wrong++;
}

static void *scanner_main(void *arg)
{
    scan_job *j = arg;
    smmod_scanner *sc = NULL;
    static const char text[] = "Du bist ein Idiot, sagt die generation";
    for (;;) {
        int stop = atomic_load(&j->sh->done);
        const smmod_verdict *v = NULL;
        int g;
        if (holder_refresh(&j->sh->holder, &sc) != 0 ||
            smmod_scan(sc, text, sizeof text - 1, &v) != SMMOD_OK) {
            j->errors++;
            atomic_store(&j->sh->seen[j->id], NRELOADS); /* don't hang */
            break;
        }
        g = generation_of(smmod_scanner_ruleset(sc));
        check_verdict(j, sc, v, g);
        j->scans++;
        atomic_store(&j->sh->seen[j->id], g);
        if (stop)
            break; /* one full pass after the last publish */
    }
    smmod_scanner_free(sc);
    return NULL;
}

/* Wait until every scanner has scanned with generation g. */
static void wait_all_seen(shared *sh, int g)
{
    for (int i = 0; i < NSCANNERS; i++)
        while (atomic_load(&sh->seen[i]) < g)
            sched_yield();
}

static void *reloader_main(void *arg)
{
    shared *sh = arg;
    for (int g = 1; g <= NRELOADS; g++) {
        smmod_ruleset *next = make_ruleset(g);
        holder_publish(&sh->holder, next);
        atomic_store(&sh->generation, g);
        /* swap again only after every scanner moved on, so each thread
         * drops old rulesets while the others keep scanning */
        wait_all_seen(sh, g);
    }
    atomic_store(&sh->done, 1);
    return NULL;
}

static void test_reload_under_load(void **state)
{
    shared *sh = calloc(1, sizeof *sh);
    pthread_t scanners[NSCANNERS], reloader;
    scan_job jobs[NSCANNERS];
    (void)state;
    assert_non_null(sh);
    atomic_init(&sh->holder.current, make_ruleset(0));
    atomic_init(&sh->holder.grace, 0);
    for (int i = 0; i < NSCANNERS; i++) {
        atomic_init(&sh->seen[i], -1);
        jobs[i] = (scan_job){sh, i, 0, 0, 0};
        assert_int_equal(pthread_create(&scanners[i], NULL, scanner_main,
                                        &jobs[i]), 0);
    }
    assert_int_equal(pthread_create(&reloader, NULL, reloader_main, sh), 0);
    assert_int_equal(pthread_join(reloader, NULL), 0);
    for (int i = 0; i < NSCANNERS; i++) {
        assert_int_equal(pthread_join(scanners[i], NULL), 0);
        assert_int_equal(jobs[i].errors, 0);
        assert_int_equal(jobs[i].wrong, 0);
        assert_int_equal(atomic_load(&sh->seen[i]), NRELOADS);
        assert_true(jobs[i].scans >= NRELOADS);
    }
    smmod_ruleset_free(atomic_load(&sh->holder.current));
    free(sh);
}

/* The building blocks alone: a scanner outlives the last outside reference
 * to its ruleset, and refresh replaces it only when the pointer changed. */
static void test_scanner_keeps_ruleset(void **state)
{
    rs_holder h;
    smmod_scanner *sc = NULL, *before;
    const smmod_verdict *v = NULL;
    (void)state;
    atomic_init(&h.current, make_ruleset(1));
    atomic_init(&h.grace, 0);
    assert_int_equal(holder_refresh(&h, &sc), 0);
    before = sc;
    assert_int_equal(holder_refresh(&h, &sc), 0);
    assert_ptr_equal(sc, before);
    holder_publish(&h, make_ruleset(2)); /* frees the holder's ref to 1 */
    /* the scanner still holds generation 1 */
    assert_int_equal(generation_of(smmod_scanner_ruleset(sc)), 1);
    assert_int_equal(smmod_scan(sc, "Idiot", 5, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REJECT);
    assert_int_equal(holder_refresh(&h, &sc), 0); /* frees generation 1 */
    assert_int_equal(generation_of(smmod_scanner_ruleset(sc)), 2);
    assert_int_equal(smmod_scan(sc, "Idiot", 5, &v), SMMOD_OK);
    assert_int_equal(smmod_verdict_action(v), SMMOD_REVIEW);
    smmod_scanner_free(sc);
    smmod_ruleset_free(atomic_load(&h.current));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_keeps_ruleset),
        cmocka_unit_test(test_reload_under_load),
    };
    return cmocka_run_group_tests_name("reload", tests, NULL, NULL);
}
