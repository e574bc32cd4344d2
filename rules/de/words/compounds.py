#!/usr/bin/env python3
"""compounds.py - generates the compound word files of rules/de/words from
lists of German compound heads and tails, so that the productive ways German
comments build insults ("Dreck|s|fresse", "Spatzen|hirn", "Asylanten|pack",
"Merkel|knecht") are covered as a whole, not one memorised word at a time.

    python3 rules/de/words/compounds.py        (rewrites the *.txt it owns)

Each output file is a plain word file (rules/README.md, "Terms"): every
term is a compound tail `*headtail`, so it also matches longer compounds
(Ober-Drecksfresse) and inflected forms (Drecksfressen). A pair that makes
an ordinary word (Strohsack, Schweinebacke, Schleimbeutel, Holzbock) is
excluded below; terms already in a hand-written list are skipped so that
one word is not counted twice. After changing this file run the
dictionary sweep (tests/sweep/run.sh) and tests/eval/overlap.py.

Vocabulary: written for libsmmod from general knowledge of German comment
language; no list copied. Licence: MIT, like libsmmod.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# --- 1. stupidity compounds (insult, mild): Spatzenhirn, Hohlbirne ---
DUMB_HEADS = ["hohl", "dumm", "doof", "blöd", "spatzen", "erbsen", "stroh",
              "flach", "schwach", "knall", "spack", "trottel", "idioten",
              "vogel", "hühner", "schrumpf", "matsch", "dumpf", "blöd",
              "depp", "deppen", "dussel", "honk", "stumpf", "suff"]
DUMB_TAILS = ["kopf", "kopp", "birne", "hirn", "brot", "nuss", "pfosten",
              "backe", "nase", "tüte", "heini", "horst", "bratze", "rübe",
              "schädel", "otto", "fritze", "liese", "suse", "trine", "möhre",
              "kasper", "kiste", "murmel", "gesicht"]
DUMB_EXCLUDE = {  # ordinary words (food, anatomy, history)
    "flachbrot", "flachkopf", "flachnase", "flachtüte", "hühnerbrot",
    "hühnerhirn", "hühnerkopf", "knallkiste", "matschbirne",
    "schrumpfkopf", "stumpfgesicht", "stumpfhirn", "stumpfkopf",
    "stumpfnase", "vogelbirne", "vogelkiste", "vogelkopf",
    "vogelmurmel", "vogelnase",
}

# --- 2. vulgar compounds (insult, strong): Drecksfresse, Arschgesicht ---
VULGAR_HEADS = ["arsch", "dreck", "drecks", "scheiß", "mist", "kack",
                "piss", "wichs", "fick", "sau", "schweine", "huren", "kotz",
                "rotz", "stink", "pimmel", "sack", "furz", "penner",
                "assi", "asi", "spasti"]
VULGAR_TAILS = ["fresse", "gesicht", "birne", "kopf", "kopp", "hirn",
                "lappen", "pfosten", "pfeife", "bratze", "nase", "loch",
                "made", "ratte", "sau", "schwein", "hund", "vieh", "stück",
                "kerl", "tüte", "affe", "bengel", "göre", "balg", "brut",
                "pack", "gesindel", "bande", "bock", "eimer", "kuh", "ziege",
                "weib", "typ", "figur", "zecke", "köter", "lump", "penner",
                "fotze", "hure", "nutte", "schlampe", "luder", "assel",
                "kröte", "krampe", "keks", "geige", "wichser", "lutscher",
                "gurke", "idiot", "depp", "trottel", "spacko", "schnauze",
                "visage", "rübe", "nuss", "zwerg", "hirsch", "lümmel",
                "heini", "sack", "vogel", "mongo", "opfer", "kanake",
                "bulle", "bullen", "politiker", "kerle", "typen"]
VULGAR_EXCLUDE = {  # ordinary words (food, anatomy, history)
    "asipack", "assipack", "dreckeimer", "dreckspack", "kotzeimer",
    "misteimer", "mistgeige", "misthirsch", "mistvogel", "pissbirne",
    "pisskopf", "pissvogel", "rotzkopf", "rotzkopp", "rotznase",
    "sackgesicht", "sackhirsch", "sackloch", "sacknuss", "saubande",
    "saueimer", "sauhirsch", "saukopf", "sauvogel", "schweineeimer",
    "schweinehund", "schweinekopf", "schweinenase", "schweinerübe",
    "schweinestück", "schweinevieh", "stinkhund", "stinkkerl",
    "stinkloch", "stinknase", "stinksau",
}

# --- 3. dehumanising compounds on groups (incitement): Asylantenpack ---
GROUP_HEADS = ["ausländer", "migranten", "flüchtlings", "asylanten",
               "asyl", "moslem", "muslim", "muselmanen", "islamisten",
               "türken", "araber", "afrikaner", "zigeuner", "juden",
               "polen", "russen", "kanaken", "nafri", "neger", "invasoren",
               "links", "linken", "rechts", "grünen", "nazi", "antifa",
               "sozi", "kommunisten", "bullen", "polizei", "politiker",
               "beamten", "journalisten", "medien", "presse", "gutmenschen",
               "schwulen", "homo", "lesben", "transen", "behinderten",
               "rentner", "hartz", "sozialhilfe", "pennerpack", "zionisten",
               "ossi", "wessi", "ami", "amerikaner", "syrer", "afghanen",
               "albaner", "rumänen", "bulgaren", "tschetschenen", "kurden"]
GROUP_TAILS = ["pack", "gesindel", "gesocks", "gesochs", "geschmeiß",
               "brut", "dreck", "abschaum", "pest", "plage", "ratten",
               "schweine", "ungeziefer", "horde", "horden", "mob", "bande",
               "viehzeug", "viecher", "zecken", "parasiten", "schmarotzer",
               "müll", "affen", "seuche", "sippe", "sippschaft", "meute"]
GROUP_EXCLUDE = {  # ordinary words (food, anatomy, history)
    "antifasippe", "asylmeute", "ausländerbande", "grünenplage",
    "hartzpack", "kurdenplage", "linkspack", "medienmeute",
    "medienmüll", "nazisippe", "nazisippschaft", "pennerpackpack",
    "polenplage", "politikerbande", "polizeibande", "polizeimeute",
    "pressemeute", "pressemüll", "presseplage", "rentnerbande",
}

# --- 4. political abuse (insult, mild): Merkelknecht, Systemhure ---
POLIT_HEADS = ["merkel", "polit", "system", "regierungs", "partei", "eu",
               "brüssel", "gez", "links", "rot", "grün", "öko", "gender",
               "lügen", "lücken", "propaganda", "kanzler",
               "spd", "cdu", "csu", "fdp", "afd", "antifa",
               "gutmenschen", "asyl", "islam", "moslem",
               "medien", "presse", "nato", "usa", "ami", "putin",
               "erdogan", "soros", "rothschild", "bilderberger", "stasi",
               "sed", "kommunisten", "sozi", "mainstream", "establishment"]
POLIT_TAILS = ["knecht", "knechte", "hure", "huren", "nutte", "marionette",
               "clown", "kasper", "schranze", "bonze", "bonzen",
               "schmarotzer", "gangster", "mafia", "sekte", "lakai", "vasall", "schergen",
               "scherge", "büttel", "speichellecker", "arschkriecher",
               "sklave", "sklaven", "zombie", "jünger", "versager", "idiot",
               "darsteller", "darstellerin", "troll", "trolle", "hetzer",
               "faschist", "faschisten", "pack", "gesindel", "bande",
               "clique", "schmeißfliege", "hörige",
               "höriger", "lügner", "lügnerin", "verräter", "verräterin",
               "schwätzer", "kriecher", "lemming", "lemminge", "schaf",
               "schafe", "papagei", "pudel", "hampelmann", "laufbursche",
               "gauleiter", "gauleiterin", "blockwart", "kapo", "bonzen",
               "parasit", "parasiten", "mischpoke", "muschpoke",
               "mischpoche", "hofnarr", "hofschranze", "nazi",
               "nazis", "stasi"]
POLIT_EXCLUDE = {  # ordinary words (food, anatomy, history)
    "grünbande", "grüngesindel", "grünpack", "grünschaf", "grünschafe",
    "parteiclique",
    "parteisklave", "rotbande", "rotclown", "rotgesindel", "rotpack",
    "rotschaf", "rotschafe", "ökonazi", "ökonazis",
}


def load_hand_terms():
    """Terms of the hand-written word files, to skip duplicates."""
    seen = set()
    for name in os.listdir(HERE):
        if not name.endswith(".txt") or name in OUTPUTS:
            continue
        for line in open(os.path.join(HERE, name), encoding="utf-8"):
            t = line.split("#")[0].strip().strip("*=")
            if t:
                seen.add(t)
    return seen


def product(heads, tails, exclude, seen):
    out = []
    for h in heads:
        for t in tails:
            w = h + t
            if w in exclude or w in seen or w in out:
                continue
            out.append(w)
    return out


HEADER = """# {name} - generated by compounds.py (do not edit here; edit the head,
# tail and exclude lists there and rerun it). {what}
# Every term is a compound tail: it matches the compound and longer ones.
# Written for libsmmod from general knowledge of German comment language;
# no list copied. Licence: MIT, like libsmmod.
"""

OUTPUTS = {
    "insult-compound-mild.txt":
        (DUMB_HEADS, DUMB_TAILS, DUMB_EXCLUDE,
         "Stupidity compounds (Spatzenhirn,\n# Hohlbirne): category insult, "
         "score 30."),
    "insult-compound-strong.txt":
        (VULGAR_HEADS, VULGAR_TAILS, VULGAR_EXCLUDE,
         "Vulgar compounds (Drecksfresse,\n# Arschgesicht): category insult, "
         "score 60."),
    "dehumanising-compound.txt":
        (GROUP_HEADS, GROUP_TAILS, GROUP_EXCLUDE,
         "A group named with a dehumanising\n# tail (Asylantenpack, "
         "Linksgesindel): category incitement, score 50."),
    "political-compound.txt":
        (POLIT_HEADS, POLIT_TAILS, POLIT_EXCLUDE,
         "Political abuse (Merkelknecht,\n# Systemhure, Politbonze): "
         "category insult, score 30."),
}


def main():
    seen = load_hand_terms()
    for name, (heads, tails, exclude, what) in OUTPUTS.items():
        words = product(heads, tails, exclude, seen)
        seen.update(words)
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(HEADER.format(name=name, what=what))
            f.write("".join(f"*{w}\n" for w in words))
        print(f"{name}: {len(words)} terms")


if __name__ == "__main__":
    main()
