/*
 * test_detect.c - the built-in detectors (lib/detect*.c): valid and
 * invalid data inside German sentences with exact spans, the URL allow
 * and deny lists, detector names, the merge order, and random inputs that
 * must neither crash nor report spans out of bounds.
 *
 * All data are made up; the IBANs are the registries' documentation
 * examples and the card numbers the schemes' published test numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"
#include "detect_priv.h"

#define MAXHITS 256

typedef struct hit {
    unsigned det;
    size_t start, end;
    int kind;
} hit;

typedef struct hits {
    hit h[MAXHITS];
    size_t n;
    size_t stop_after; /* 0: never stop */
} hits;

static int collect(void *ctx, unsigned det, size_t start, size_t end,
                   int kind)
{
    hits *hs = ctx;
    if (hs->n < MAXHITS)
        hs->h[hs->n] = (hit){det, start, end, kind};
    hs->n++;
    return hs->stop_after && hs->n >= hs->stop_after;
}

static const smmod__domains *no_domains = NULL;

static void run_lists(unsigned mask, const smmod__domains *allow,
                      const smmod__domains *deny, const char *text, hits *hs)
{
    memset(hs, 0, sizeof *hs);
    smmod__detect_run(mask, allow, deny, text, strlen(text), collect, hs);
}

static void run(unsigned mask, const char *text, hits *hs)
{
    run_lists(mask, no_domains, no_domains, text, hs);
}

/* Exactly one hit, by detector `mask`, covering exactly `datum`, the
 * first occurrence of it in `text`. */
static void expect_one(unsigned mask, const char *text, const char *datum)
{
    hits hs;
    const char *p = strstr(text, datum);
    assert_non_null(p);
    run(mask, text, &hs);
    if (hs.n != 1) {
        print_error("text \"%s\": %zu hits, want 1 for \"%s\"\n", text, hs.n,
                    datum);
        for (size_t k = 0; k < hs.n && k < MAXHITS; k++)
            print_error("  [%zu, %zu) \"%.*s\"\n", hs.h[k].start, hs.h[k].end,
                        (int)(hs.h[k].end - hs.h[k].start),
                        text + hs.h[k].start);
    }
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].det, mask);
    if (hs.h[0].start != (size_t)(p - text) ||
        hs.h[0].end != (size_t)(p - text) + strlen(datum))
        print_error("text \"%s\": got \"%.*s\", want \"%s\"\n", text,
                    (int)(hs.h[0].end - hs.h[0].start), text + hs.h[0].start,
                    datum);
    assert_int_equal(hs.h[0].start, p - text);
    assert_int_equal(hs.h[0].end, (size_t)(p - text) + strlen(datum));
}

static void expect_none(unsigned mask, const char *text)
{
    hits hs;
    run(mask, text, &hs);
    if (hs.n)
        print_error("text \"%s\": unexpected \"%.*s\"\n", text,
                    (int)(hs.h[0].end - hs.h[0].start), text + hs.h[0].start);
    assert_int_equal(hs.n, 0);
}

/* ---- names -------------------------------------------------------------- */

static void test_names(void **state)
{
    static const char *names[] = {"iban",  "card",    "email",
                                  "phone", "address", "url"};
    unsigned seen = 0;
    (void)state;
    for (size_t k = 0; k < 6; k++) {
        unsigned bit = smmod__detector_by_name(names[k]);
        assert_int_not_equal(bit, 0);
        assert_int_equal(bit & (bit - 1), 0); /* one bit */
        assert_int_equal(seen & bit, 0);
        seen |= bit;
        assert_string_equal(smmod__detector_name(bit), names[k]);
    }
    assert_int_equal(smmod__detector_by_name("IBAN"), 0);
    assert_int_equal(smmod__detector_by_name("ibanx"), 0);
    assert_int_equal(smmod__detector_by_name(""), 0);
    assert_int_equal(smmod__detector_by_name(NULL), 0);
    assert_null(smmod__detector_name(0));
    assert_null(smmod__detector_name(SMMOD__DET_IBAN | SMMOD__DET_CARD));
    assert_null(smmod__detector_name(1u << 20));
}

/* ---- IBAN --------------------------------------------------------------- */

static void test_iban_valid(void **state)
{
    const unsigned M = SMMOD__DET_IBAN;
    (void)state;
    expect_one(M, "bitte überweisen sie an de89 3704 0044 0532 0130 00 bis "
                  "freitag.", "de89 3704 0044 0532 0130 00");
    expect_one(M, "meine iban: de89370400440532013000.",
               "de89370400440532013000");
    expect_one(M, "iban de89-3704-0044-0532-0130-00, danke",
               "de89-3704-0044-0532-0130-00");
    expect_one(M, "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00");
    expect_one(M, "konto (de89 3704 0044 0532 0130 00) gesperrt",
               "de89 3704 0044 0532 0130 00");
    expect_one(M, "uk: gb82 west 1234 5698 7654 32 ok",
               "gb82 west 1234 5698 7654 32");
    expect_one(M, "fr14 2004 1010 0505 0001 3m02 606 ist französisch",
               "fr14 2004 1010 0505 0001 3m02 606");
    expect_one(M, "nl91 abna 0417 1643 00", "nl91 abna 0417 1643 00");
    expect_one(M, "ch93 0076 2011 6238 5295 7 und mehr",
               "ch93 0076 2011 6238 5295 7");
    expect_one(M, "at61 1904 3002 3457 3201 1234 weiter",
               "at61 1904 3002 3457 3201");
    expect_one(M, "be68 5390 0754 7034", "be68 5390 0754 7034");
    expect_one(M, "it60 x054 2811 1010 0000 0123 456",
               "it60 x054 2811 1010 0000 0123 456");
    expect_one(M, "es91 2100 0418 4502 0005 1332",
               "es91 2100 0418 4502 0005 1332");
    expect_one(M, "pl61 1090 1014 0000 0712 1981 2874",
               "pl61 1090 1014 0000 0712 1981 2874");
    expect_one(M, "lu28 0019 4006 4475 0000", "lu28 0019 4006 4475 0000");
    /* An unregistered country code: any length 15..34 with a good sum. */
    expect_one(M, "xy22 1234 5678 9012 3456 7 ende",
               "xy22 1234 5678 9012 3456 7");
}

static void test_iban_two(void **state)
{
    hits hs;
    const char *t = "von de89370400440532013000 an at611904300234573201.";
    (void)state;
    run(SMMOD__DET_IBAN, t, &hs);
    assert_int_equal(hs.n, 2);
    assert_int_equal(hs.h[0].start, 4);
    assert_int_equal(hs.h[0].end, 26);
    assert_int_equal(hs.h[1].start, 30);
    assert_int_equal(hs.h[1].end, 50);
}

static void test_iban_invalid(void **state)
{
    const unsigned M = SMMOD__DET_IBAN;
    (void)state;
    expect_none(M, "falsche prüfziffer de88 3704 0044 0532 0130 00 hier");
    expect_none(M, "zu kurz de89 3704 0044 0532 0130 0");
    expect_none(M, "zu lang de893704004405320130001");
    expect_none(M, "im wort xde89370400440532013000");
    expect_none(M, "gruppen falsch de8 93704 0044 0532 0130 00");
    expect_none(M, "doppelte leerzeichen de89  3704 0044 0532 0130 00");
    expect_none(M, "de00 0000 0000 0000 0000 00");
    expect_none(M, "xy23 1234 5678 9012 3456 7");
    expect_none(M, "ab12 kurz");
    expect_none(M, "");
}

/* ---- cards -------------------------------------------------------------- */

static void test_card_valid(void **state)
{
    const unsigned M = SMMOD__DET_CARD;
    (void)state;
    expect_one(M, "meine karte 4111 1111 1111 1111 läuft bald ab",
               "4111 1111 1111 1111");
    expect_one(M, "nummer: 4111-1111-1111-1111.", "4111-1111-1111-1111");
    expect_one(M, "4111111111111111", "4111111111111111");
    expect_one(M, "visa 4012888888881881, bitte", "4012888888881881");
    expect_one(M, "mastercard 5555 5555 5555 4444 ok", "5555 5555 5555 4444");
    expect_one(M, "neue mc 2223 0031 2200 3222", "2223 0031 2200 3222");
    expect_one(M, "amex 3782 822463 10005 gültig", "3782 822463 10005");
    expect_one(M, "amex 378282246310005", "378282246310005");
    expect_one(M, "discover 6011 1111 1111 1117", "6011 1111 1111 1117");
    expect_one(M, "jcb 3530 1113 3330 0000", "3530 1113 3330 0000");
    expect_one(M, "diners 3056 9309 0259 04 hier", "3056 9309 0259 04");
    expect_one(M, "diners 3056 930902 5904", "3056 930902 5904");
    /* A short trailing group is not part of the number. */
    expect_one(M, "karte 4111 1111 1111 1111 12 mal benutzt",
               "4111 1111 1111 1111");
}

static void test_card_two(void **state)
{
    hits hs;
    const char *t = "4111 1111 1111 1111 5555 5555 5555 4444";
    (void)state;
    run(SMMOD__DET_CARD, t, &hs);
    assert_int_equal(hs.n, 2);
    assert_int_equal(hs.h[0].start, 0);
    assert_int_equal(hs.h[0].end, 19);
    assert_int_equal(hs.h[1].start, 20);
    assert_int_equal(hs.h[1].end, 39);
}

static void test_card_invalid(void **state)
{
    const unsigned M = SMMOD__DET_CARD;
    (void)state;
    expect_none(M, "luhn falsch 4111 1111 1111 1112");
    expect_none(M, "kein aussteller 9111 1111 1111 1110");
    expect_none(M, "kein aussteller 1234 5678 9012 3452");
    expect_none(M, "zu lang 41111111111111111111 nummer");
    expect_none(M, "mitten drin 94111111111111111");
    expect_none(M, "nach gruppe 12 4111 1111 1111 1111");
    expect_none(M, "gemischt 4111 1111-1111 1111");
    expect_none(M, "betrag 4111111111111111,50 euro");
    expect_none(M, "am 24.12.2026 um 12:30 zahlte ich 1.234,56 €");
    expect_none(M, "Az. 12 O 345/21 vom 03.05.2021");
    expect_none(M, "iban de89 3704 0044 0532 0130 00");
    expect_none(M, "tel +4915112345678");
    expect_none(M, "x4111111111111111");
    expect_none(M, "4111111111111111abc");
}

/* ---- e-mail ------------------------------------------------------------- */

static void test_email_valid(void **state)
{
    const unsigned M = SMMOD__DET_EMAIL;
    (void)state;
    expect_one(M, "schreiben sie an max.mustermann@example.de.",
               "max.mustermann@example.de");
    expect_one(M, "kontakt: info+anfrage@stadt-verwaltung.de!",
               "info+anfrage@stadt-verwaltung.de");
    expect_one(M, "(erika_musterfrau@web.de)", "erika_musterfrau@web.de");
    expect_one(M, "mail an jürgen@müller-bau.de, danke",
               "jürgen@müller-bau.de");
    expect_one(M, "adresse: a.b-c@mail.sub.example.com?",
               "a.b-c@mail.sub.example.com");
    expect_one(M, "mailto:hans@beispiel.org", "hans@beispiel.org");
    expect_one(M, "zwei punkte a..b@x.de", "b@x.de");
    expect_one(M, "punycode x@xn--mnchen-3ya.xn--p1ai",
               "x@xn--mnchen-3ya.xn--p1ai");
}

static void test_email_invalid(void **state)
{
    const unsigned M = SMMOD__DET_EMAIL;
    (void)state;
    expect_none(M, "@stadtverwaltung was soll das");
    expect_none(M, "max@localhost ist kein netz");
    expect_none(M, "max@web.d zu kurz");
    expect_none(M, "max.@web.de ungültig");
    expect_none(M, "max@-web.de ungültig");
    expect_none(M, "max@web-.de ungültig");
    expect_none(M, "max@@web.de");
    expect_none(M, "preis 5@3.50 euro");
    expect_none(M, "ich @ home");
}

static void test_email_two(void **state)
{
    hits hs;
    const char *t = "a@b.de,c@d.de";
    (void)state;
    run(SMMOD__DET_EMAIL, t, &hs);
    assert_int_equal(hs.n, 2);
    assert_int_equal(hs.h[0].start, 0);
    assert_int_equal(hs.h[0].end, 6);
    assert_int_equal(hs.h[1].start, 7);
    assert_int_equal(hs.h[1].end, 13);
}

static void test_email_local_limit(void **state)
{
    char t[200];
    (void)state;
    memset(t, 'a', 64);
    strcpy(t + 64, "@web.de");
    expect_one(SMMOD__DET_EMAIL, t, t);
    memset(t, 'a', 65);
    strcpy(t + 65, "@web.de");
    expect_none(SMMOD__DET_EMAIL, t);
}

/* ---- phone -------------------------------------------------------------- */

/* Phone numbers and IBANs are looked for only from the next possible
 * start ('0', '+', '(' or a digit two bytes on), found eight bytes at a
 * time: starts after long stretches, at every offset of a block, right
 * after umlauts and at the very end are still found. */
static void test_num_jump(void **state)
{
    static const char *const pads[] = {"", "a", "ab", "abc", "abcd", "abcde",
                                       "abcdef", "abcdefg", "äöüß"};
    char text[160], want[40];
    (void)state;
    for (size_t k = 0; k < sizeof pads / sizeof pads[0]; k++) {
        snprintf(text, sizeof text,
                 "ruf mich bitte morgen an %s unter 0171-1234567", pads[k]);
        expect_one(SMMOD__DET_PHONE, text, "0171-1234567");
        snprintf(text, sizeof text,
                 "bitte zahlen sie heute noch %s an de89 3704 0044 0532 0130 00",
                 pads[k]);
        snprintf(want, sizeof want, "de89 3704 0044 0532 0130 00");
        expect_one(SMMOD__DET_IBAN, text, want);
    }
    expect_one(SMMOD__DET_PHONE, "xxxxxxxxxxxxxxxxxxxxxxx, +49 30 1234567",
               "+49 30 1234567");
    expect_none(SMMOD__DET_PHONE, "keine nummer hier, nur text ohne ziffern");
    expect_none(SMMOD__DET_IBAN, "keine iban hier, nur de und text ohne 1");
}

static void test_phone_valid(void **state)
{
    const unsigned M = SMMOD__DET_PHONE;
    (void)state;
    expect_one(M, "rufen sie +49 30 1234567 an", "+49 30 1234567");
    expect_one(M, "tel. 030/123 456 78, ab 9 uhr", "030/123 456 78");
    expect_one(M, "handy 0171-1234567!", "0171-1234567");
    expect_one(M, "büro (030) 12345678 montags", "(030) 12345678");
    expect_one(M, "zentrale 0049 (0)89 12 34 56.", "0049 (0)89 12 34 56");
    expect_one(M, "+49 (0)30 12345678", "+49 (0)30 12345678");
    expect_one(M, "+49(0)30-123456", "+49(0)30-123456");
    expect_one(M, "mobil 0151 23456789 oder", "0151 23456789");
    expect_one(M, "mobil 01761234567", "01761234567");
    expect_one(M, "+49 171 1234567", "+49 171 1234567");
    expect_one(M, "+4930123456", "+4930123456");
    expect_one(M, "falsch geschrieben +49 030 1234567",
               "+49 030 1234567");
    expect_one(M, "ruf 030 / 1234 - 567 an", "030 / 1234 - 567");
    expect_one(M, "0421.123456 bremen", "0421.123456");
    expect_one(M, "tel:04321 12345", "04321 12345");
    expect_one(M, "durchwahl 030-12345-0", "030-12345-0");
    expect_one(M, "tel: +49 (0) 170 / 123 45 67", "+49 (0) 170 / 123 45 67");
    expect_one(M, "service 0800 1234567", "0800 1234567");
}

static void test_phone_invalid(void **state)
{
    const unsigned M = SMMOD__DET_PHONE;
    (void)state;
    expect_none(M, "am 24.12.2026 ist weihnachten");
    expect_none(M, "ab 01.12.2026 geöffnet");
    expect_none(M, "termin 05.06.26 um 09:30");
    expect_none(M, "um 12:30 uhr");
    expect_none(M, "das kostet 1.234,56 € oder 0,50 €");
    expect_none(M, "plz 10115 berlin");
    expect_none(M, "plz 01067 dresden");
    expect_none(M, "im jahr 2026");
    expect_none(M, "Az. 12 O 345/21");
    expect_none(M, "Tel. bitte melden");
    expect_none(M, "kundennummer 0123456789012345");
    expect_none(M, "nummer 1234567890");
    expect_none(M, "version 1.2.3");
    expect_none(M, "das ist 0815");
    expect_none(M, "bestell 00123456789");
    expect_none(M, "kurz 030 1234");
    expect_none(M, "+43 1 234567 ist österreich");
    expect_none(M, "iban de89 3704 0044 0532 0130 00");
    expect_none(M, "x0301234567");
    expect_none(M, "0301234567abc");
}

/* ---- address ------------------------------------------------------------ */

static void test_address_valid(void **state)
{
    const unsigned M = SMMOD__DET_ADDRESS;
    (void)state;
    expect_one(M, "ich wohne in der musterstrasse 12, 10115 berlin seit jahren",
               "musterstrasse 12, 10115 berlin");
    expect_one(M, "musterstraße 12, 10115 berlin", "musterstraße 12, 10115 berlin");
    expect_one(M, "neu: hauptstr. 5a 80331 münchen.",
               "hauptstr. 5a 80331 münchen");
    expect_one(M, "treffpunkt am markt 3, 04109 leipzig um 10",
               "am markt 3, 04109 leipzig");
    expect_one(M, "ich wohne in der lindenstraße 7", "lindenstraße 7");
    expect_one(M, "ich wohne in der lindenstrasse 7.", "lindenstrasse 7");
    expect_one(M, "die berliner straße 5 ist gesperrt", "berliner straße 5");
    expect_one(M, "frankfurter allee 12, 10247 berlin",
               "frankfurter allee 12, 10247 berlin");
    expect_one(M, "bei karl-marx-straße 100, 12043 berlin",
               "karl-marx-straße 100, 12043 berlin");
    expect_one(M, "kaiserstrasse 5, 60311 frankfurt am main ist das amt",
               "kaiserstrasse 5, 60311 frankfurt am main");
    expect_one(M, "marktplatz 1, 06108 halle (saale)",
               "marktplatz 1, 06108 halle (saale)");
    expect_one(M, "birkenweg 4, 12345 musterstadt", "birkenweg 4, 12345 musterstadt");
    expect_one(M, "post an unter den linden 77, 10117 berlin",
               "unter den linden 77, 10117 berlin");
    expect_one(M, "zur alten mühle 2, 01234 dorf", "zur alten mühle 2, 01234 dorf");
    expect_one(M, "gartenweg 12-14, 99999 ort.", "gartenweg 12-14, 99999 ort");
    expect_one(M, "wohnung am birkenweg 4, 12345 musterstadt",
               "birkenweg 4, 12345 musterstadt");
    expect_one(M, "in der lindenstraße 7, 10115 berlin",
               "lindenstraße 7, 10115 berlin");
    expect_one(M, "spreeufer 5, 10178 berlin", "spreeufer 5, 10178 berlin");
    expect_one(M, "hauptstraße 1990 wurde gebaut", "hauptstraße 1990");
    expect_one(M, "an: goethestr. 10 a, 60313 frankfurt",
               "goethestr. 10 a, 60313 frankfurt");
    expect_one(M, "goethestr. 10 a. danach", "goethestr. 10");
    expect_one(M, "rathaus: am markt 3 · 04109 leipzig",
               "am markt 3 · 04109 leipzig");
    expect_one(M, "birkenweg 4 | 12345 musterstadt",
               "birkenweg 4 | 12345 musterstadt");
    expect_one(M, "post: 10115 berlin, musterstraße 12.",
               "10115 berlin, musterstraße 12");
    expect_one(M, "in 12345 musterstadt birkenweg 4 wohnen",
               "12345 musterstadt birkenweg 4");
}

/* The gate that starts detectors reads eight bytes at a time: the one
 * character that starts a detector ('@', a digit, the dot of a host) is
 * seen at every position in and across such blocks. */
static void test_gate_offsets(void **state)
{
    static const struct {
        unsigned mask;
        const char *datum;
    } cases[] = {
        {SMMOD__DET_EMAIL, "a@b.de"},
        {SMMOD__DET_URL, "www.example.com"},
        {SMMOD__DET_PHONE, "0151 1234567"},
        {SMMOD__DET_ADDRESS, "birkenweg 4, 12345 musterstadt"},
    };
    char buf[256];
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int pad = 0; pad < 20; pad++) {
            snprintf(buf, sizeof buf, "%.*s %s %.*s", pad,
                     "xyzxyzxyzxyzxyzxyzxyzxyz", cases[k].datum, pad % 9,
                     "uvwuvwuvwuvw");
            expect_one(cases[k].mask, buf, cases[k].datum);
        }
}

/* The eight-bytes-at-a-time helpers against byte-by-byte answers: every
 * byte value at every position of a block, among random neighbours. */
static void test_block_helpers(void **state)
{
    unsigned char b[8];
    uint32_t seed = 12345;
    (void)state;
    for (unsigned v = 0; v < 256; v++)
        for (unsigned pos = 0; pos < 8; pos++) {
            uint64_t x, rng, eq, ws;
            size_t first = 8, n = 0;
            for (unsigned k = 0; k < 8; k++) {
                seed = seed * 1103515245u + 12345u;
                b[k] = (unsigned char)(seed >> 16);
            }
            b[pos] = (unsigned char)v;
            x = smmod__load8(b);
            rng = smmod__range8(x, '0', '9');
            eq = smmod__eq8(x, v);
            ws = smmod__eq8(x, ' ');
            for (unsigned k = 0; k < 8; k++) {
                uint64_t bit = UINT64_C(0x80) << (8 * k);
                assert_int_equal((rng & bit) != 0, b[k] >= '0' && b[k] <= '9');
                assert_int_equal((eq & bit) != 0, b[k] == v);
                assert_int_equal((ws & bit) != 0, b[k] == ' ');
                if ((eq & bit) && first == 8)
                    first = k;
                n += b[k] == v;
            }
            assert_int_equal(smmod__first8(eq), first);
            assert_true(first <= pos);
            assert_int_equal(smmod__count8(eq), n);
            assert_int_equal(rng & ~SMMOD__HIGH, 0);
        }
}

static int is_ascii_letter(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* smmod__letters8 on every byte value at every position, and the ASCII
 * variants of eq8 and range8 on the ASCII bytes below a block's first
 * byte of 0x80 or more (their contract), against byte-by-byte answers. */
static void test_block_letters_ascii(void **state)
{
    unsigned char b[8];
    uint32_t seed = 54321;
    (void)state;
    for (unsigned v = 0; v < 256; v++)
        for (unsigned pos = 0; pos < 8; pos++) {
            uint64_t x, letters, eq, rng;
            unsigned k;
            for (k = 0; k < 8; k++) {
                seed = seed * 1103515245u + 12345u;
                b[k] = (unsigned char)(seed >> 16);
            }
            b[pos] = (unsigned char)v;
            x = smmod__load8(b);
            letters = smmod__letters8(x);
            eq = smmod__ascii_eq8(x, v & 0x7F ? v & 0x7F : 1);
            rng = smmod__ascii_range8(x, 0x21, 0x40);
            for (k = 0; k < 8; k++) {
                uint64_t bit = UINT64_C(0x80) << (8 * k);
                assert_int_equal((letters & bit) != 0, is_ascii_letter(b[k]));
            }
            for (k = 0; k < 8 && b[k] < 0x80; k++) {
                uint64_t bit = UINT64_C(0x80) << (8 * k);
                unsigned c = v & 0x7F ? v & 0x7F : 1;
                assert_int_equal((eq & bit) != 0, b[k] == c);
                assert_int_equal((rng & bit) != 0,
                                 b[k] >= 0x21 && b[k] <= 0x40);
            }
        }
}

/* smmod__tail8 (bytes8.h) reads a text's last block, of eight bytes or
 * more without a copy: for every text length to 20 and every start of a
 * last, partial block (and a whole one), the block built byte by byte. */
static void test_tail8(void **state)
{
    unsigned char s[20];
    (void)state;
    for (size_t k = 0; k < sizeof s; k++)
        s[k] = (unsigned char)(0xF1 - 13 * k);
    for (size_t len = 1; len <= sizeof s; len++)
        for (size_t i = len > 8 ? len - 8 : 0; i < len; i++) {
            uint64_t want = 0;
            for (size_t k = i; k < len; k++)
                want |= (uint64_t)s[k] << (8 * (k - i));
            assert_true(smmod__tail8(s, len, i) == want);
        }
}

/* The gate reads the byte before a digit, '@' or '.' and after it, across
 * blocks and at the text's ends: each datum at every offset of a block,
 * after umlauts, at the very end and with text after it. */
static void test_gate_contexts(void **state)
{
    static const struct {
        unsigned mask;
        const char *datum;
    } cases[] = {
        {SMMOD__DET_ADDRESS, "hauptstr. 5"},
        {SMMOD__DET_ADDRESS, "lindenstraße 7"},
        {SMMOD__DET_ADDRESS, "am markt 3, 04109 leipzig"},
        {SMMOD__DET_IBAN, "de89370400440532013000"},
        {SMMOD__DET_EMAIL, "max.muster@beispiel.de"},
        {SMMOD__DET_EMAIL, "ä@b.de"},
        {SMMOD__DET_URL, "stadt.de"},
        {SMMOD__DET_URL, "http://x"},
        {SMMOD__DET_PHONE, "+49 30 1234567"},
    };
    static const char *const tails[] = {"", ".", " und so weiter"};
    char buf[256];
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int pad = 0; pad < 18; pad++)
            for (size_t t = 0; t < 3; t++) {
                snprintf(buf, sizeof buf, "%.*s %s%s", pad,
                         pad % 2 ? "äöüäöüäöüäöüäöüäöüäöü" : "xyzxyzxyzxyzxyzxyz",
                         cases[k].datum, tails[t]);
                expect_one(cases[k].mask, buf, cases[k].datum);
            }
}

/* Shouting's gate counts the bytes of Ä Ö Ü eight at a time: runs made of
 * them only, at every offset and across blocks. */
static void test_shouting_umlaut_offsets(void **state)
{
    static const char *const shout = "ÄÄ ÖÖ ÜÜ ÄÖ ÖÜ ÜÄ";
    char buf[256];
    (void)state;
    for (int pad = 0; pad < 18; pad++) {
        snprintf(buf, sizeof buf, "%.*s %s", pad, "xäyöxäyöxäyöxäyöxäyö",
                 shout);
        expect_one(SMMOD__DET_SHOUTING, buf, shout);
        snprintf(buf, sizeof buf, "%.*s %s ja", pad, "xxxxxxxxxxxxxxxxxxx",
                 shout);
        expect_one(SMMOD__DET_SHOUTING, buf, shout);
    }
    expect_none(SMMOD__DET_SHOUTING, "ÄÄ ÖÖ ÜÜ ÄÖ ÖÜ ä");
}

/* Shouting's pre-gate counts capital-like byte pairs eight bytes at a
 * time and needs six: matches with exactly six two-letter runs (one
 * pair each) at every offset, so that each pair in turn straddles two
 * blocks, at the text's very start and end, and a second match that
 * starts right where the first ended (the gate reads from there on). */
static void test_shouting_pair_offsets(void **state)
{
    static const char *const shouts[] = {"AB CD EF GH IJ KL",
                                         "AÖ ÜB CÄ DE FG HI", "ÄB CD EF GH IJ Ü"};
    char buf[256];
    hits hs;
    (void)state;
    for (size_t k = 0; k < 2; k++)
        for (int pad = 0; pad < 18; pad++) {
            snprintf(buf, sizeof buf, "%.*s %s", pad, "xäyöxäyöxäyöxäyöxäyö",
                     shouts[k]);
            expect_one(SMMOD__DET_SHOUTING, buf, shouts[k]);
            snprintf(buf, sizeof buf, "%.*s%s, ja", pad, "                   ",
                     shouts[k]);
            expect_one(SMMOD__DET_SHOUTING, buf, shouts[k]);
        }
    expect_one(SMMOD__DET_SHOUTING, shouts[0], shouts[0]);
    expect_none(SMMOD__DET_SHOUTING, shouts[2]); /* a lone Ü is no run */
    run(SMMOD__DET_SHOUTING, "AB CD EF GH IJ KL MN OP QR ST UV WX", &hs);
    assert_int_equal(hs.n, 1);
    run(SMMOD__DET_SHOUTING, "AB CD EF GH IJ KL\tMN OP QR ST UV WX", &hs);
    assert_int_equal(hs.n, 1);
    run(SMMOD__DET_SHOUTING, "AB CD EF GH IJ KL, MN OP QR ST UV WX", &hs);
    assert_int_equal(hs.n, 1);
    run(SMMOD__DET_SHOUTING, "AB CD EF GH IJ KL. a MN OP QR ST UV WX", &hs);
    assert_int_equal(hs.n, 2);
    assert_int_equal(hs.h[1].start, 21);
    assert_int_equal(hs.h[1].end, 38);
}

/* List look-ups compare whole words, case-insensitively in ASCII, and
 * stop at a list word's end (shorter, longer and NUL-holding text). */
static void test_din_list(void **state)
{
    static const char *const list[] = {"in", "inn", "stück", "x", NULL};
    static const char text[] = "in INN inne i stück st\0ck x";
    smmod__dscan sc = {(const unsigned char *)text, sizeof text - 1, NULL,
                       NULL};
    (void)state;
    assert_true(smmod__din_list(&sc, 0, 2, list));   /* in */
    assert_true(smmod__din_list(&sc, 3, 6, list));   /* INN */
    assert_false(smmod__din_list(&sc, 7, 11, list)); /* inne */
    assert_true(smmod__din_list(&sc, 7, 9, list));   /* in of inne */
    assert_false(smmod__din_list(&sc, 12, 13, list)); /* i */
    assert_true(smmod__din_list(&sc, 14, 20, list));  /* stück */
    assert_false(smmod__din_list(&sc, 21, 26, list)); /* st\0ck */
    assert_false(smmod__din_list(&sc, 23, 24, list)); /* \0 */
    assert_true(smmod__din_list(&sc, 27, 28, list));  /* x */
    assert_false(smmod__din_list(&sc, 27, 29, list)); /* past the end */
}

/* Addresses far behind an earlier digit and long text: the detector skips
 * words too far before the next digit, never an address's own words (two
 * 60-letter names after a preposition are the longest reach). */
static void test_address_far(void **state)
{
    static const char *const cases[][2] = {
        {"am markt 3, 04109 leipzig", "am markt 3, 04109 leipzig"},
        {"die berliner straße 5 ist gesperrt", "berliner straße 5"},
        {"neu: hauptstr. 5a 80331 münchen.", "hauptstr. 5a 80331 münchen"},
        {"zur aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2, "
         "01234 dorf",
         "zur aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2, "
         "01234 dorf"},
    };
    char buf[2048];
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t o = (size_t)snprintf(buf, sizeof buf, "es gab 2 mal ");
        for (int w = 0; w < 80; w++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "wörter ");
        snprintf(buf + o, sizeof buf - o, "%s", cases[k][0]);
        expect_one(SMMOD__DET_ADDRESS, buf, cases[k][1]);
    }
}

/* The address scan reads only the words within reach before each digit
 * 1-9: back over letters, umlauts, hyphens, the dot of "str." and at
 * most four spaces (preposition, article, two name words, number). Also
 * addresses at the text's very start and end and after other digits,
 * and street words of every length up to WORD_MAX, whose ASCII letters
 * are skipped eight at a time (capitals too; '@' [ ` { end a word). */
static void test_address_reach(void **state)
{
    static const char *const cases[][2] = {
        {"an der alten mühle 2, 01234 dorf", "an der alten mühle 2, 01234 dorf"},
        {"x 0 9 an der alten mühle 2, 01234 dorf",
         "an der alten mühle 2, 01234 dorf"},
        {"zimmer 12 an der alten mühle 2, 01234 dorf",
         "an der alten mühle 2, 01234 dorf"},
        {"hauptstr. 5", "hauptstr. 5"},
        {"1 hauptstr. 5", "hauptstr. 5"},
        {"0 hauptstr. 5", "hauptstr. 5"},
        {"bei karl-marx-straße 100", "karl-marx-straße 100"},
        {"die Berliner Straße 5", "Berliner Straße 5"},
        {"abc@defstrasse 5", "defstrasse 5"},
        {"abc[defstrasse 5", "defstrasse 5"},
        {"abc`defstrasse 5", "defstrasse 5"},
        {"abc{defstrasse 5", "defstrasse 5"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZstrasse 5",
         "ABCDEFGHIJKLMNOPQRSTUVWXYZstrasse 5"},
    };
    char buf[160], word[80];
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        expect_one(SMMOD__DET_ADDRESS, cases[k][0], cases[k][1]);
    /* "strasse" with a stem of n letters: a street from two letters on,
     * up to WORD_MAX (64) bytes in all. */
    for (size_t n = 0; n < 70; n++) {
        for (size_t k = 0; k < n; k++)
            word[k] = k % 3 ? 'x' : 'X';
        snprintf(word + n, sizeof word - n, "strasse");
        snprintf(buf, sizeof buf, "%s 5", word);
        if (n >= 2 && n + 7 <= 64)
            expect_one(SMMOD__DET_ADDRESS, buf, buf);
        else
            expect_none(SMMOD__DET_ADDRESS, buf);
    }
}

static void test_address_invalid(void **state)
{
    const unsigned M = SMMOD__DET_ADDRESS;
    (void)state;
    expect_none(M, "wir landeten auf platz 3 der tabelle");
    expect_none(M, "der radweg 2 km weiter ist kaputt");
    expect_none(M, "die hauptstraße 50 meter weiter");
    expect_none(M, "die hauptstraße hat 5 löcher");
    expect_none(M, "plz 10115 berlin");
    expect_none(M, "in der straße 5 mal gefahren");
    expect_none(M, "am montag 3 termine");
    expect_none(M, "birkenweg 4 ist schön");
    expect_none(M, "hauptstraße 12.03.2026");
    expect_none(M, "hauptstraße 12:30");
    expect_none(M, "hauptstraße 0");
    expect_none(M, "hauptstraße 12345 wurde gebaut");
    expect_none(M, "astraße 5");
    expect_none(M, "der verkäufer 3, 12345 stadt");
    expect_none(M, "der läufer 3, 12345 stadt");
    expect_none(M, "birkenweg 4, 123456 musterstadt");
    expect_none(M, "plz 1234567 stadt, birkenweg 4");
}

static void test_address_plain_number_then_postcode(void **state)
{
    /* Without a postcode, the span stops at the house number. */
    expect_one(SMMOD__DET_ADDRESS, "lindenstraße 7, 1234 x", "lindenstraße 7");
    (void)state;
}

/* ---- URLs --------------------------------------------------------------- */

static void test_url_valid(void **state)
{
    const unsigned M = SMMOD__DET_URL;
    (void)state;
    expect_one(M, "infos unter https://www.stadt.de/termine?id=5.",
               "https://www.stadt.de/termine?id=5");
    expect_one(M, "siehe http://example.com", "http://example.com");
    expect_one(M, "kauft bei www.beispiel-shop.com/angebot!",
               "www.beispiel-shop.com/angebot");
    expect_one(M, "klick bit.ly/abc123, schnell", "bit.ly/abc123");
    expect_one(M, "(siehe https://de.wikipedia.org/wiki/köln_(stadt))",
               "https://de.wikipedia.org/wiki/köln_(stadt)");
    expect_one(M, "[link: https://x.org/a]", "https://x.org/a");
    expect_one(M, "admin http://192.168.0.1:8080/admin ok",
               "http://192.168.0.1:8080/admin");
    expect_one(M, "geht auf stadt.de.", "stadt.de");
    expect_one(M, "www.xn--mnchen-3ya.de", "www.xn--mnchen-3ya.de");
    expect_one(M, "www.münchen.de/rathaus", "www.münchen.de/rathaus");
    expect_one(M, "server example.com:8080/x", "example.com:8080/x");
    expect_one(M, "„https://stadt.de/a“", "https://stadt.de/a");
    expect_one(M, "seite...stadt.de", "stadt.de");
    expect_one(M, "abc https://user@host.example/p", "https://user@host.example/p");
}

static void test_url_invalid(void **state)
{
    const unsigned M = SMMOD__DET_URL;
    (void)state;
    expect_none(M, "version 1.2.3 ist da");
    expect_none(M, "z.b. heute, d.h. morgen, u.a. übermorgen");
    expect_none(M, "mail an max.mustermann@web.de");
    expect_none(M, "bild.jpg und text.pdf");
    expect_none(M, "das war gut.die stadt");
    expect_none(M, "um 12:30 uhr");
    expect_none(M, "http:// leer");
    expect_none(M, "www.nur");
    expect_none(M, "-.de");
    expect_none(M, "a-.de");
}

/* The URL scan jumps to the last token boundary before the next '.' or
 * "http": a token must still be read from its start (überstadt.de whole,
 * an "http" inside a word is no scheme), and far ones are found. */
static void test_url_jump(void **state)
{
    const unsigned M = SMMOD__DET_URL;
    (void)state;
    expect_one(M, "hallo hier überstadt.de", "überstadt.de");
    expect_one(M, "siehe xhttp://a.de", "a.de");
    expect_one(M, "siehe ähttp://a.de", "a.de");
    expect_one(M, "siehe Ühttps://stadt.de/x", "stadt.de/x");
    expect_one(M, "haha hehe hoho hatten hier hohe häuser höher und "
                  "noch mehr hohe hütten https://x.org/a",
               "https://x.org/a");
    expect_one(M, "Hat HTTPS://X.ORG/A", "HTTPS://X.ORG/A");
    expect_none(M, "hoch hinaus ohne punkt oder schema hhhhhhhhhhhhhhhh");
}

/* The URL scan looks only at a dot before a letter (the dot before a
 * TLD) and at "://": a TLD after a non-ASCII letter's dot, a scheme URL
 * without any dot and one right after a sentence's dot, a TLD in
 * capitals, each at every block offset; dots before digits and sentence
 * ends lead nowhere. */
static void test_url_marks(void **state)
{
    static const char *const cases[][2] = {
        {"www.ä.öö", "www.ä.öö"},
        {"http://localhost", "http://localhost"},
        {"ende.http://x.de", "x.de"},
        {"1.000 leute auf 1.2.de", "1.2.de"},
        {"am 12.03. auf www.123.de/x.", "www.123.de/x"},
        {"ja. https://a/b", "https://a/b"},
        {"Infos: STADT.DE", "STADT.DE"},
    };
    char buf[256];
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int pad = 0; pad < 18; pad++) {
            snprintf(buf, sizeof buf, "%.*s %s", pad, "ab.1.2.3: ab.c. x..",
                     cases[k][0]);
            expect_one(SMMOD__DET_URL, buf, cases[k][1]);
        }
    expect_one(SMMOD__DET_URL, "www.ä.öö", "www.ä.öö");
    expect_none(SMMOD__DET_URL, "das war 1.000. http:/x ok. ja: nein.");
}

static void test_url_allow_deny(void **state)
{
    char *allow_names[] = {"stadt.de", "bund.de."};
    char *deny_names[] = {"bit.ly", "evil.stadt.de"};
    smmod__domains allow = {allow_names, 2}, deny = {deny_names, 2};
    hits hs;
    (void)state;

    run_lists(SMMOD__DET_URL, &allow, &deny, "www.stadt.de/x", &hs);
    assert_int_equal(hs.n, 0);
    run_lists(SMMOD__DET_URL, &allow, &deny, "https://buergerservice.stadt.de",
              &hs);
    assert_int_equal(hs.n, 0);
    run_lists(SMMOD__DET_URL, &allow, &deny, "stadt.de und www.bund.de", &hs);
    assert_int_equal(hs.n, 0);
    /* The path of an allowed URL is skipped with it. */
    run_lists(SMMOD__DET_URL, &allow, &deny, "https://stadt.de/r/bit.ly", &hs);
    assert_int_equal(hs.n, 0);

    run_lists(SMMOD__DET_URL, &allow, &deny, "x stadt.de.evil.com y", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].start, 2);
    assert_int_equal(hs.h[0].end, 19);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_PLAIN);

    run_lists(SMMOD__DET_URL, &allow, &deny, "notstadt.de", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_PLAIN);

    run_lists(SMMOD__DET_URL, &allow, &deny, "klick bit.ly/abc!", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].start, 6);
    assert_int_equal(hs.h[0].end, 16);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_DENIED);

    run_lists(SMMOD__DET_URL, &allow, &deny, "https://x.bit.ly", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_DENIED);

    /* The more specific entry wins. */
    run_lists(SMMOD__DET_URL, &allow, &deny, "www.evil.stadt.de/a", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_DENIED);

    run_lists(SMMOD__DET_URL, &allow, &deny, "bit.lyx.de", &hs);
    assert_int_equal(hs.n, 1);
    assert_int_equal(hs.h[0].kind, SMMOD__URL_PLAIN);
}

/* ---- the driver --------------------------------------------------------- */

static void test_mixed_order(void **state)
{
    const char *t =
        "Hallo, ich bin max@web.de, tel 0171 1234567, iban "
        "de89 3704 0044 0532 0130 00, karte 4111 1111 1111 1111, "
        "wohne musterstraße 12, 10115 berlin, siehe www.web.de/x";
    hits hs;
    unsigned want[] = {SMMOD__DET_EMAIL, SMMOD__DET_PHONE, SMMOD__DET_IBAN,
                       SMMOD__DET_CARD,  SMMOD__DET_ADDRESS, SMMOD__DET_URL};
    (void)state;
    run(~0u, t, &hs);
    assert_int_equal(hs.n, 6);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(hs.h[k].det, want[k]);
        if (k)
            assert_true(hs.h[k].start >= hs.h[k - 1].start);
    }
    /* Only the detectors in the mask run. */
    run(SMMOD__DET_EMAIL | SMMOD__DET_URL, t, &hs);
    assert_int_equal(hs.n, 2);
    run(0, t, &hs);
    assert_int_equal(hs.n, 0);
    /* A non-zero return stops the run. */
    memset(&hs, 0, sizeof hs);
    hs.stop_after = 2;
    smmod__detect_run(~0u, NULL, NULL, t, strlen(t), collect, &hs);
    assert_int_equal(hs.n, 2);
}

static void test_embedded_nul(void **state)
{
    const char t[] = "de89370400440532013000\0max@web.de\0+49 30 1234567";
    hits hs;
    (void)state;
    memset(&hs, 0, sizeof hs);
    smmod__detect_run(~0u, NULL, NULL, t, sizeof t - 1, collect, &hs);
    assert_int_equal(hs.n, 3);
    assert_int_equal(hs.h[0].det, SMMOD__DET_IBAN);
    assert_int_equal(hs.h[1].det, SMMOD__DET_EMAIL);
    assert_int_equal(hs.h[1].start, 23);
    assert_int_equal(hs.h[1].end, 33);
    assert_int_equal(hs.h[2].det, SMMOD__DET_PHONE);
    assert_int_equal(hs.h[2].end, sizeof t - 1);
}

static void test_null_text(void **state)
{
    hits hs;
    (void)state;
    memset(&hs, 0, sizeof hs);
    smmod__detect_run(~0u, NULL, NULL, NULL, 0, collect, &hs);
    assert_int_equal(hs.n, 0);
    smmod__detect_run(~0u, NULL, NULL, NULL, 5, collect, &hs);
    assert_int_equal(hs.n, 0);
    smmod__detect_run(~0u, NULL, NULL, "abc", 3, NULL, NULL);
}

/* ---- random inputs ------------------------------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Pieces that steer random text into the detectors' paths. */
static const char *const pieces[] = {
    "0",   "1",   "4",     "9",    "49",   "+",    "(",   ")",    "(0)",
    " ",   "-",   "/",     ".",    ",",    ":",    "@",   "a",    "de",
    "xn--", "www.", "http://", "https://", "str.", "straße", "strasse",
    "weg", "am ", " der ", "ü",    "\xc3", "\xa4", "\xe2\x80\x9c", "\0",
    "\xff", "4111", "1111", "de89", "3704", "0044", "bit.ly", ".de", "%",
    "_",   "?",   "#",     "[",    "]",    "12345", " berlin", "com",
};

static void check_hits(const hits *hs, size_t len)
{
    size_t last_start = 0, last_end[32] = {0};
    for (size_t k = 0; k < hs->n && k < MAXHITS; k++) {
        const hit *h = &hs->h[k];
        unsigned bit = 0;
        assert_true(h->start < h->end);
        assert_true(h->end <= len);
        assert_true(h->start >= last_start);
        last_start = h->start;
        assert_true(h->det && (h->det & (h->det - 1)) == 0);
        while ((1u << bit) != h->det)
            bit++;
        assert_true(h->start >= last_end[bit]); /* no overlap per detector */
        last_end[bit] = h->end;
        if (h->det != SMMOD__DET_URL)
            assert_int_equal(h->kind, 0);
    }
}

static void test_random(void **state)
{
    char *deny_names[] = {"bit.ly", "de"};
    smmod__domains deny = {deny_names, 2};
    (void)state;
    for (int round = 0; round < 30000; round++) {
        size_t cap = 1 + rnd() % 400, len = 0;
        /* Exactly sized, so the sanitizers see any read past the end. */
        char *buf = malloc(cap);
        hits hs;
        assert_non_null(buf);
        while (len < cap) {
            if (rnd() % 4 == 0) {
                buf[len++] = (char)(rnd() & 0xFF);
                continue;
            }
            const char *p = pieces[rnd() % (sizeof pieces / sizeof pieces[0])];
            size_t n = p[0] ? strlen(p) : 1;
            for (size_t k = 0; k < n && len < cap; k++)
                buf[len++] = p[k];
        }
        memset(&hs, 0, sizeof hs);
        smmod__detect_run(~0u, round % 2 ? NULL : &deny, NULL, buf, len,
                          collect, &hs);
        check_hits(&hs, len);
        free(buf);
    }
}

/* Inputs built to make a careless scanner quadratic or make it read past
 * the end; they must simply finish with sane spans. */
static void test_pathological(void **state)
{
    static const char *const units[] = {
        "a@", "a.", "0", "0 ", "4111 ", "de89", "www.", "-", "@", "a..",
        "straße ", "am der ", "http://", "ä", "x@y.", "1-",
    };
    const size_t len = 1u << 17;
    (void)state;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        char *buf = malloc(len);
        size_t n = strlen(units[u]);
        hits hs;
        assert_non_null(buf);
        for (size_t k = 0; k < len; k++)
            buf[k] = units[u][k % n];
        memset(&hs, 0, sizeof hs);
        smmod__detect_run(~0u, NULL, NULL, buf, len, collect, &hs);
        check_hits(&hs, len);
        free(buf);
    }
}

/* ---- shouting: the same matches as the regex it replaces ------------- */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static const char shout_re[] =
    "(?:\\b[A-ZÄÖÜ]{2,}[!?.,]*\\s+){5,}[A-ZÄÖÜ]{2,}";

static void test_shouting_examples(void **state)
{
    hits hs;
    (void)state;
    expect_one(SMMOD__DET_SHOUTING, "Ach DAS IST JA WOHL DER GIPFEL HIER!",
               "DAS IST JA WOHL DER GIPFEL HIER");
    expect_one(SMMOD__DET_SHOUTING, "x ÜBER ÄRGER, ÖFTER!!! NIE WIEDER SO",
               "ÜBER ÄRGER, ÖFTER!!! NIE WIEDER SO");
    /* the last word may run into lower case */
    expect_one(SMMOD__DET_SHOUTING, "AB CD EF GH IJ KLmn", "AB CD EF GH IJ KL");
    /* six whole words and no seventh: the sixth ends the match */
    expect_one(SMMOD__DET_SHOUTING, "AA BB CC DD EE FF gg",
               "AA BB CC DD EE FF");
    /* five words need a sixth */
    expect_none(SMMOD__DET_SHOUTING, "DAS IST JA WOHL DER gipfel");
    /* no word boundary before the first capital */
    expect_none(SMMOD__DET_SHOUTING, "xDAS IST JA WOHL DER GIPFEL");
    expect_none(SMMOD__DET_SHOUTING, "Das Ist Ja Wohl Der Gipfel Hier");
    run(SMMOD__DET_SHOUTING, "AA BB CC DD EE FF. gg HH II JJ KK LL MM", &hs);
    assert_int_equal(hs.n, 2);
}

/* Random text from capitals, umlauts, punctuation and several kinds of
 * white space: every match of the detector equals the regex's, in order,
 * with the regex resuming at the end of each match as the scanner does. */
static const char *const shout_pieces[] = {
    "A", "B", "Z", "Ä", "Ö", "Ü", "ä", "ß", "É", "a", "z", "1", "_",
    " ", "  ", "\t", "\n", "\r", "\x0b", "\xc2\x85", "\xc2\xa0",
    "\xe2\x80\x83", "\xe2\x80\xa8", "\xe2\x80\x8b",
    "\xe1\xa0\x8e", "!", "?", ".", ",", "-", "\xc3\x80", "\xce\x91",
    "\xd9\xa3", "AB ", "CD! ", "EF, ", "GH. ", "IJ ", "KLM ",
};

static void check_shout(const pcre2_code *re, pcre2_match_data *md,
                        const char *buf, size_t len)
{
    hits hs;
    size_t at = 0, k = 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    memset(&hs, 0, sizeof hs);
    smmod__detect_run(SMMOD__DET_SHOUTING, NULL, NULL, buf, len, collect,
                      &hs);
    while (at <= len &&
           pcre2_match(re, (PCRE2_SPTR)buf, len, at, 0, md, NULL) > 0) {
        assert_true(k < hs.n);
        assert_int_equal(hs.h[k].start, ov[0]);
        assert_int_equal(hs.h[k].end, ov[1]);
        k++;
        at = ov[1];
    }
    assert_int_equal(hs.n, k);
}

static void test_shouting_vs_regex(void **state)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)shout_re, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    pcre2_match_data *md;
    char buf[512];
    size_t npieces = sizeof shout_pieces / sizeof shout_pieces[0];
    (void)state;
    assert_non_null(re);
    md = pcre2_match_data_create_from_pattern(re, NULL);
    assert_non_null(md);
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, want = 1 + rnd() % 120;
        /* mostly capitals and spaces, so that matches are common */
        while (len < want) {
            const char *p = shout_pieces[rnd() % 4 ? npieces - 6 + rnd() % 6
                                                   : rnd() % npieces];
            size_t n = strlen(p);
            if (len + n >= sizeof buf)
                break;
            memcpy(buf + len, p, n);
            len += n;
        }
        check_shout(re, md, buf, len);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_iban_valid),
        cmocka_unit_test(test_iban_two),
        cmocka_unit_test(test_iban_invalid),
        cmocka_unit_test(test_card_valid),
        cmocka_unit_test(test_card_two),
        cmocka_unit_test(test_card_invalid),
        cmocka_unit_test(test_email_valid),
        cmocka_unit_test(test_email_invalid),
        cmocka_unit_test(test_email_two),
        cmocka_unit_test(test_email_local_limit),
        cmocka_unit_test(test_phone_valid),
        cmocka_unit_test(test_phone_invalid),
        cmocka_unit_test(test_address_valid),
        cmocka_unit_test(test_gate_offsets),
        cmocka_unit_test(test_address_far),
        cmocka_unit_test(test_address_reach),
        cmocka_unit_test(test_address_invalid),
        cmocka_unit_test(test_address_plain_number_then_postcode),
        cmocka_unit_test(test_url_valid),
        cmocka_unit_test(test_url_jump),
        cmocka_unit_test(test_num_jump),
        cmocka_unit_test(test_url_invalid),
        cmocka_unit_test(test_url_marks),
        cmocka_unit_test(test_url_allow_deny),
        cmocka_unit_test(test_mixed_order),
        cmocka_unit_test(test_shouting_examples),
        cmocka_unit_test(test_shouting_vs_regex),
        cmocka_unit_test(test_block_helpers),
        cmocka_unit_test(test_block_letters_ascii),
        cmocka_unit_test(test_tail8),
        cmocka_unit_test(test_gate_contexts),
        cmocka_unit_test(test_shouting_umlaut_offsets),
        cmocka_unit_test(test_shouting_pair_offsets),
        cmocka_unit_test(test_din_list),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_null_text),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
