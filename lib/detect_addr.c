/*
 * detect_addr.c - the postal address detector: German street, house
 * number and optionally postcode and city.
 *
 * The plain view is lower case with ß folded to "ss", so case can't tell
 * a street name from a word; the street type must. Two strengths:
 *
 * - clear street words end in -strasse/-straße/-str(.), -allee, -gasse,
 *   -chaussee, -damm, -promenade ("lindenstraße 7", "berliner str. 5"):
 *   street + house number is already an address, unless a unit follows
 *   the number ("hauptstraße 50 meter weiter").
 * - weaker ones end in -weg, -platz, -ring, -ufer, -markt, ... or begin
 *   with a preposition ("am markt", "an der alster", "unter den linden"):
 *   these words are too common in ordinary sentences ("auf platz 3",
 *   "der radweg 2"), so they need a postcode and city as well.
 *
 * The span covers the street through the house number, or through the
 * city when a postcode follows. Words are bounded (WORD_MAX) so every
 * attempt looks at a bounded window.
 */
#include <string.h>

#include "detect_priv.h"

#define AT(i) smmod__dat(sc, (i))
#define WORD_MAX 64

enum { WEAK = 1, CLEAR = 2 };

#define SUFFIX(s, strength) {s, sizeof s - 1, strength}
static const struct {
    const char *suffix;
    size_t len;
    int strength;
} street_suffixes[] = {
    SUFFIX("strasse", CLEAR), SUFFIX("stra\xc3\x9f" "e", CLEAR),
    SUFFIX("str", CLEAR),     SUFFIX("allee", CLEAR),
    SUFFIX("gasse", CLEAR),   SUFFIX("chaussee", CLEAR),
    SUFFIX("damm", CLEAR),    SUFFIX("promenade", CLEAR),
    SUFFIX("weg", WEAK),      SUFFIX("platz", WEAK),
    SUFFIX("ring", WEAK),     SUFFIX("ufer", WEAK),
    SUFFIX("steig", WEAK),    SUFFIX("stieg", WEAK),
    SUFFIX("pfad", WEAK),     SUFFIX("markt", WEAK),
    SUFFIX("graben", WEAK),   SUFFIX("wall", WEAK),
    SUFFIX("kamp", WEAK),     SUFFIX("hof", WEAK),
};
/* The suffixes' last letters (keep in step with the table above). */
#define LAST(c) (1u << ((c) - 'd'))
#define SUFFIX_LAST                                                            \
    (LAST('d') | LAST('e') | LAST('f') | LAST('g') | LAST('l') | LAST('m') |   \
     LAST('n') | LAST('p') | LAST('r') | LAST('t') | LAST('z'))

/* Words that can't name a street on their own ("in der straße 5"). */
static const char *const not_names[] = {
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer",
    "einem", "einen", "in", "im", "am", "an", "auf", "zur", "zum", "und",
    "oder", "von", "vom", "bei", "beim", "mit", "nach", "aus", "ab",
    "diese", "dieser", "jede", "jeder", "meine", "meiner", "unsere",
    "unserer", "deine", "ihre", "ihrer", "seine", "seiner", "eure",
    "welche", "welcher", "gleiche", "gleichen", "selbe", "selben", NULL,
};

/* Prepositions that begin a street name ("am markt", "zur mühle"). */
static const char *const street_preps[] = {
    "am", "an", "im", "auf", "unter", "zum", "zur", "hinter", "vor",
    "\xc3\xbc" "ber", "bei", "beim", "in", "zu", NULL,
};
static const char *const city_preps[] = {"am", "an", "im", "in", "ob",
                                         "bei", NULL};
static const char *const articles[] = {"der", "die", "das", "dem", "den",
                                       NULL};

/* What may follow a house number when it is a quantity instead. */
static const char *const units[] = {
    "m", "meter", "metern", "km", "kilometer", "minuten", "min", "mal",
    "jahr", "jahre", "jahren", "prozent", "euro", "eur", "cent", "uhr",
    "stunden", "tage", "tagen", "leute", "personen", "menschen", "kg",
    "stück", "stk", "autos", "häuser", "wohnungen", NULL,
};

/* Rivers and regions that complete a city name ("frankfurt am main"). */
static const char *const city_tails[] = {
    "main", "oder", "rhein", "ruhr", "donau", "saale", "neckar", "elbe",
    "havel", "spree", "lahn", "mosel", "weser", "isar", "inn", "lech",
    "ilm", "fulda", "werra", "tauber", "sieg", "breisgau", "allgäu",
    "odenwald", "schwarzwald", "oberpfalz", "harz", "taunus", NULL,
};

/* The end of the ASCII letters from k, not past lim: eight bytes at a
 * time. */
static size_t ascii_letters_end(const smmod__dscan *sc, size_t k, size_t lim)
{
    for (; k + 8 <= lim; k += 8) {
        uint64_t other = ~smmod__letters8(smmod__load8(sc->s + k)) &
                         SMMOD__HIGH;
        if (other)
            return k + smmod__first8(other);
    }
    while (k < lim && smmod__dalpha(sc->s[k]))
        k++;
    return k;
}

/* End of the word at i: letters, with single hyphens between letters;
 * i itself when no letter starts there or the word exceeds WORD_MAX.
 * Most words are ASCII letters only and end at the first block test. */
static size_t word_end(const smmod__dscan *sc, size_t i)
{
    size_t lim = sc->len - i > WORD_MAX ? i + WORD_MAX + 1 : sc->len;
    size_t k = i < sc->len ? ascii_letters_end(sc, i, lim) : i, n;
    if (k - i > WORD_MAX)
        return i;
    for (;;) {
        if ((n = smmod__dletter(sc, k)) > 0)
            k += n;
        else if (AT(k) == '-' && k > i && smmod__dletter(sc, k + 1))
            k++;
        else
            break;
        if (k - i > WORD_MAX)
            return i;
    }
    return k;
}

/* The stem [ws, e) of an "-ufer" word ends in "a" or "ä" ("käufer",
 * "läufer", "raufer"): words, not river banks. */
static int ufer_word(const smmod__dscan *sc, size_t ws, size_t e)
{
    return (e > ws && sc->s[e - 1] == 'a') ||
           (e >= ws + 2 && smmod__dmatch(sc, e - 2, "\xc3\xa4", 2));
}

/* The street word [ws, we) ends in a street suffix: its strength, the
 * end of the street (after "str.") in *se and whether a stem precedes
 * the suffix in *stem. */
static int street_suffix(const smmod__dscan *sc, size_t ws, size_t we,
                         size_t *se, int *stem)
{
    int last = smmod__dlower(sc->s[we - 1]);
    int last2 = we - ws > 1 ? smmod__dlower(sc->s[we - 2]) : 0;
    if (last < 'd' || last > 'z' || !((1u << (last - 'd')) & SUFFIX_LAST))
        return 0; /* cheap first cut: no suffix ends in this letter */
    for (size_t k = 0; k < sizeof street_suffixes / sizeof street_suffixes[0];
         k++) {
        size_t n = street_suffixes[k].len;
        /* The last two bytes first: most words end in no suffix. */
        if ((unsigned char)street_suffixes[k].suffix[n - 1] != last ||
            (unsigned char)street_suffixes[k].suffix[n - 2] != last2 ||
            we - ws < n ||
            !smmod__dmatch(sc, we - n, street_suffixes[k].suffix, n))
            continue;
        /* "astraße", a one-letter stem, is no street; nor is a (ver)käufer
         * or läufer an -ufer. */
        if (we - ws == n + 1 || (n == 4 && ufer_word(sc, ws, we - n)))
            return 0;
        *stem = we - ws > n;
        *se = (AT(we) == '.' && strcmp(street_suffixes[k].suffix, "str") == 0)
                  ? we + 1
                  : we;
        return street_suffixes[k].strength;
    }
    return 0;
}

/* House number at j: 1..4 digits not starting with 0, an optional letter
 * ("5a", "10 a") and an optional range ("12-14", "12/1"); its end, or j. */
static size_t house_number(const smmod__dscan *sc, size_t j)
{
    size_t k = j, n = 0;
    int c;
    if (AT(k) == '0')
        return j;
    while (n < 5 && smmod__ddigit(AT(k + n)))
        n++;
    if (n == 0 || n > 4)
        return j;
    k += n;
    if (smmod__dalpha(AT(k)) && !smmod__dword_at(sc, k + 1))
        k++;
    else if (AT(k) == ' ' && AT(k + 1) >= 'a' && AT(k + 1) <= 'h' &&
             !smmod__dword_at(sc, k + 2) && AT(k + 2) != '.')
        k += 2; /* "10 a": a lone letter, not the "a." of an abbreviation */
    c = AT(k);
    if ((c == '-' || c == '/') && AT(k + 1) != '0' &&
        smmod__ddigit(AT(k + 1))) {
        size_t m = 1;
        while (m < 5 && smmod__ddigit(AT(k + m)))
            m++;
        if (!smmod__ddigit(AT(k + m)))
            k += m;
    }
    if (smmod__dword_at(sc, k))
        return j;
    /* "12.03." or "12:30" is a date or a time, "12,5" an amount. */
    c = AT(k);
    if ((c == '.' || c == ',' || c == ':') && smmod__ddigit(AT(k + 1)))
        return j;
    return k;
}

/* Optional city completion after the city word ending at ce. */
static size_t city_tail(const smmod__dscan *sc, size_t ce)
{
    size_t k = ce + 1, e;
    if (AT(ce) != ' ')
        return ce;
    if (AT(k) == '(') {
        e = word_end(sc, k + 1);
        return (e > k + 1 && AT(e) == ')') ? e + 1 : ce;
    }
    e = word_end(sc, k);
    if (e == k || !smmod__din_list(sc, k, e, city_preps))
        return ce;
    k = e + 1;
    if (AT(e) != ' ')
        return ce;
    e = word_end(sc, k);
    if (smmod__din_list(sc, k, e, articles) && AT(e) == ' ') {
        k = e + 1;
        e = word_end(sc, k);
    }
    return (e > k && smmod__din_list(sc, k, e, city_tails)) ? e : ce;
}

/* The separator between house number and postcode at j (", ", " ",
 * " · ", " | ", " / ", " - ", "; "): the postcode's start, or j. */
static size_t postcode_sep(const smmod__dscan *sc, size_t j)
{
    size_t k = j;
    if (AT(k) == ',' || AT(k) == ';') {
        k++;
    } else if (AT(k) == ' ') {
        if (AT(k + 1) == '|' || AT(k + 1) == '/' || AT(k + 1) == '-')
            k += 2;
        else if (smmod__dmatch(sc, k + 1, "\xc2\xb7", 2)) /* middle dot */
            k += 3;
    }
    return AT(k) == ' ' ? k + 1 : j;
}

/* Five digits at k that stand alone. */
static int postcode_at(const smmod__dscan *sc, size_t k)
{
    for (size_t n = 0; n < 5; n++)
        if (!smmod__ddigit(AT(k + n)))
            return 0;
    return !smmod__dword_before(sc, k) && !smmod__dword_at(sc, k + 5);
}

/* ", 10115 berlin" after j: its end, or j. */
static size_t postcode_city(const smmod__dscan *sc, size_t j)
{
    size_t k = postcode_sep(sc, j), ce;
    if (k == j || !postcode_at(sc, k) || AT(k + 5) != ' ')
        return j;
    k += 5;
    ce = word_end(sc, k + 1);
    if (ce < k + 3)
        return j;
    return city_tail(sc, ce);
}

/* "10115 berlin, " before a street starting at s, not before `from`: the
 * postcode's start, or s. */
static size_t postcode_city_before(const smmod__dscan *sc, size_t from,
                                   size_t s)
{
    size_t k = s, cs, n;
    if (k >= 2 && sc->s[k - 1] == ' ' && sc->s[k - 2] == ',')
        k -= 2;
    else if (k >= 1 && sc->s[k - 1] == ' ')
        k -= 1;
    else
        return s;
    cs = k;
    while (cs > from && k - cs <= WORD_MAX &&
           (n = smmod__dword_len_before(sc, cs)) > 0)
        cs -= n;
    if (cs == k || word_end(sc, cs) != k || k - cs < 2 || cs < from + 6 ||
        sc->s[cs - 1] != ' ' || !postcode_at(sc, cs - 6))
        return s;
    return cs - 6;
}
static int unit_follows(const smmod__dscan *sc, size_t j)
{
    size_t e;
    if (AT(j) != ' ')
        return 0;
    if (AT(j + 1) == '%' || smmod__dmatch(sc, j + 1, "\xe2\x82\xac", 3))
        return 1;
    e = word_end(sc, j + 1);
    return e > j + 1 && !smmod__dword_at(sc, e) &&
           smmod__din_list(sc, j + 1, e, units);
}

/* The rest of an address after a street name [start, se): house number,
 * then postcode and city after it (or before the street). */
static int address_tail(const smmod__dscan *sc, size_t from, size_t start,
                        size_t se, int strength, smmod__dhit *out)
{
    size_t j = se, hn, end, pre;
    if (AT(j) == ' ')
        j++;
    hn = house_number(sc, j);
    if (hn == j)
        return 0;
    end = postcode_city(sc, hn);
    pre = end == hn ? postcode_city_before(sc, from, start) : start;
    if (end == hn && pre == start &&
        (strength < CLEAR || unit_follows(sc, hn)))
        return 0;
    out->start = pre, out->end = end, out->kind = 0;
    return 1;
}

/* The name word before a lone "straße" at ws ("berliner straße"), not
 * starting before `from`; its start, or ws if there is none. */
static size_t name_before(const smmod__dscan *sc, size_t from, size_t ws)
{
    size_t k, n;
    if (ws < from + 2 || sc->s[ws - 1] != ' ')
        return ws;
    k = ws - 1;
    while (k > from && ws - 1 - k <= WORD_MAX) {
        if ((n = smmod__dword_len_before(sc, k)) > 0)
            k -= n;
        else if (sc->s[k - 1] == '-')
            k--;
        else
            break;
    }
    if (smmod__dword_before(sc, k) || word_end(sc, k) != ws - 1 ||
        ws - 1 - k < 3 || smmod__din_list(sc, k, ws - 1, not_names))
        return ws;
    return k;
}

/* Whether a house number can start right after the street word ending at
 * we: address_tail reads it after an optional '.' (of "str.") and an
 * optional space, so a digit 1-9 is among the next three bytes. */
static int number_follows(const smmod__dscan *sc, size_t we)
{
    for (size_t k = we; k < we + 3; k++)
        if (AT(k) >= '1' && AT(k) <= '9')
            return 1;
    return 0;
}

/* "straße"-type word at [ws, we). */
static int street_by_suffix(const smmod__dscan *sc, size_t from, size_t ws,
                            size_t we, smmod__dhit *out)
{
    size_t se, start = ws;
    int stem, strength;
    if (!number_follows(sc, we))
        return 0; /* most words: the suffix table is not read */
    strength = street_suffix(sc, ws, we, &se, &stem);
    if (!strength)
        return 0;
    if (!stem && (start = name_before(sc, from, ws)) == ws)
        return 0;
    return address_tail(sc, from, start, se, strength, out);
}

/* A name word at k for a prepositional street: letters, not an article
 * and not itself a compound street word (then the preposition belongs to
 * the sentence: "in der lindenstraße 7"; but "am markt" is a street). */
static size_t prep_name(const smmod__dscan *sc, size_t k)
{
    size_t e = word_end(sc, k), se;
    int stem = 0;
    if (e < k + 2 || smmod__din_list(sc, k, e, not_names) ||
        (street_suffix(sc, k, e, &se, &stem) && stem))
        return k;
    return e;
}

/* "am markt 3, 04109 leipzig": preposition [ws, we), optional article,
 * one or two name words, house number, postcode and city. */
static int street_by_prep(const smmod__dscan *sc, size_t from, size_t ws,
                          size_t we, smmod__dhit *out)
{
    size_t k = we + 1, e;
    if (we - ws > 6 || AT(we) != ' ' ||
        !smmod__din_list(sc, ws, we, street_preps))
        return 0;
    e = word_end(sc, k);
    if (smmod__din_list(sc, k, e, articles) && AT(e) == ' ')
        k = e + 1;
    else if (we - ws == 2 &&
             (smmod__dmatch(sc, ws, "in", 2) || smmod__dmatch(sc, ws, "zu", 2)))
        return 0; /* "in"/"zu" only with an article: "in der au" */
    for (int words = 0; words < 2; words++) {
        e = prep_name(sc, k);
        if (e == k)
            return 0;
        if (address_tail(sc, from, ws, e, WEAK, out))
            return 1;
        if (AT(e) != ' ')
            return 0;
        k = e + 1;
    }
    return 0;
}

/* How far before its house number an address's first word can start:
 * a preposition (street_by_prep: at most 6 bytes), a space, an article or
 * name word and one more name word (word_end: WORD_MAX bytes each, and the
 * spaces), then '.', ' ' before the number; a suffix street word is
 * shorter. Those are the most spaces in between, too. */
#define NUMBER_REACH (6 + 3 * (WORD_MAX + 1) + 2)
#define SPACES_MAX 4

/* Whether c can lie between an address's first word and its house
 * number: a byte of a word (an ASCII letter, any byte of a non-ASCII
 * letter, the hyphen of "karl-marx-straße"), the space between words or
 * the '.' of "str.". Never a digit: the house number is the first digit
 * after the address's first word. */
static int street_byte(int c)
{
    return c >= 0x80 || smmod__dalpha(c) || c == ' ' || c == '-' || c == '.';
}

/* Where the first word of an address with its house number at d can
 * start, not before i: back from d over street bytes with at most
 * SPACES_MAX spaces, at most NUMBER_REACH bytes. */
static size_t reach_start(const smmod__dscan *sc, size_t i, size_t d)
{
    size_t k = d, spaces = 0;
    while (k > i && d - k < NUMBER_REACH && street_byte(sc->s[k - 1])) {
        if (sc->s[k - 1] == ' ' && ++spaces > SPACES_MAX)
            break;
        k--;
    }
    return k;
}

/* The first house-number digit (1-9) at or after i, or sc->len; eight
 * bytes at a time. */
static size_t next_number(const smmod__dscan *sc, size_t i)
{
    for (; i + 8 <= sc->len; i += 8) {
        uint64_t m = smmod__range8(smmod__load8(sc->s + i), '1', '9');
        if (m)
            return i + smmod__first8(m);
    }
    while (i < sc->len && (sc->s[i] < '1' || sc->s[i] > '9'))
        i++;
    return i;
}

/* Tries the address whose first word starts at *i, if a word starts
 * there, and moves *i past that word (or past the byte or letter). */
static int address_at(const smmod__dscan *sc, size_t from, size_t *i,
                      smmod__dhit *out)
{
    size_t n = smmod__dletter(sc, *i), we;
    if (n == 0 || smmod__dword_before(sc, *i)) {
        *i += n ? n : 1;
        return 0;
    }
    we = word_end(sc, *i);
    if (we > *i && (street_by_prep(sc, from, *i, we, out) ||
                    street_by_suffix(sc, from, *i, we, out)))
        return 1;
    /* Skip the word (or, when over-long, its first letter). */
    *i = we > *i ? we : *i + n;
    return 0;
}

/* Every address has a house number, the first digit after its first
 * word: only the words within reach before each digit 1-9 are read, in
 * order. A word cut at the reach's start is passed over by the
 * word-start test, as it could not match either; no step passes d, as
 * words hold no digits. */
int smmod__dnext_address(const smmod__dscan *sc, size_t from,
                         smmod__dhit *out)
{
    size_t i = from, d;
    while ((d = next_number(sc, i)) < sc->len) {
        for (i = reach_start(sc, i, d); i < d;)
            if (address_at(sc, from, &i, out))
                return 1;
        i = d + 1;
    }
    return 0;
}
