#!/usr/bin/env python3
"""Check the lexicon tables of newsgraph (data/lexicon/ by default).

usage: scripts/check_lexicon.py [DIR]

DIR holds countries.tsv, organizations.tsv, people.tsv, locations.tsv, titles.tsv,
given_name_variants.tsv, given_name_genders.tsv, given_names.txt, not_names.txt and
triggers.tsv in the format
described in data/lexicon/README.md. A user override
directory (`--lexicon DIR`) may hold only some of them; missing files are then skipped,
deletion rows (the id, `-` in the name column, every other cell empty) are accepted, and
so are `-Name` lines in given_names.txt and `LEMMAS<TAB>POS<TAB>-` rows in triggers.tsv.

Checks, each reported as FILE:LINE: message:
- line 1 is `# source: ...; licence: ...`; one header line with the expected columns;
- every row has exactly the header's number of cells, no cell with surrounding spaces,
  no empty or repeated items in a `|` list;
- rows are sorted by the first column in byte order and ids are unique;
- ids are well-formed (ISO alpha-3 for countries, slugs elsewhere; people and location
  ids are the slug of the name, optionally followed by a `-qualifier`);
- country iso2 codes are well-formed and unique; every country reference points to a
  country row; every capital is a location of that country; position scopes exist;
- no surface form (name, alias, acronym, demonym, metonym) belongs to two different
  entities across countries, organizations, people and locations, except a country
  metonym that is also a location of the same country (Washington, Moscow, Kyiv: the
  resolver decides by context) and the surfaces listed in ALLOWED below;
- given_names.txt is sorted, unique, one capitalized name per line;
- given_name_variants.tsv: every given name and short form is one capitalized name, a
  short form is not its own row's name, and every row lists at least one short form;
- given_name_genders.tsv: every name is one capitalized name and its gender is `f` or
  `m`; in the built-in tables every name is one of given_names.txt or a given name or
  short form of given_name_variants.tsv (an override may add any name);
- not_names.txt is sorted, unique, one capitalized word or phrase per line (single
  spaces), and none of its entries is a name or alias of the entity tables;
- triggers.tsv (the event lexicon): seven columns; lemmas are lowercase words separated
  by single spaces; pos is VERB or NOUN; the relation is an event relation of DESIGN.md;
  the CAMEO code has 3 or 4 digits and lies in the relation's category (CAMEO_RANGES
  below); source and target are `|` lists of known slots (a VERB row takes its source
  from `subj`; a NOUN row has no `subj`, `obj`, `iobj` or `xcomp-obj` slot, which a noun
  never has, and only a NOUN row has `referent`); sense is `-` or `source=`/`target=` class lists, a `cue=` word list and `xcomp=none`; rows are sorted by (lemmas,
  pos, relation) in byte order with no duplicate; rows sharing lemmas and pos all have a
  sense and their senses are disjoint (as the engine's test no_builtin_row_is_shadowed
  requires); no row spells an -ise/-isation/-yse form of an -ize row (British spellings
  are added when the table is read).

Exits 0 when everything passes, 1 when a check fails, 2 on a usage error.
"""

import os
import re
import sys

# Surfaces that deliberately belong to more than one entity. The resolver treats them as
# ambiguous and decides by context (or leaves them unresolved).
ALLOWED = {
    # City-states: the country and its capital city share the name.
    "Singapore": "city-state: country SGP and its capital",
    "Monaco": "city-state: country MCO and its capital",
    "San Marino": "city-state: country SMR and its capital",
    "Vatican City": "city-state: country VAT and its capital",
}

TABLES = {
    "countries.tsv": ["id", "iso2", "name", "aliases", "demonyms", "capital", "metonyms"],
    "organizations.tsv": ["id", "name", "acronym", "kind", "country", "aliases"],
    "people.tsv": ["id", "name", "aliases", "nationality", "positions"],
    "locations.tsv": ["id", "name", "aliases", "country"],
    "titles.tsv": ["word", "role"],
    "given_name_variants.tsv": ["given", "short_forms"],
    "given_name_genders.tsv": ["name", "gender"],
}

# Columns that hold surface forms the recognizer matches, per table.
SURFACE_COLUMNS = {
    "countries.tsv": ["name", "aliases", "demonyms", "metonyms"],
    "organizations.tsv": ["name", "acronym", "aliases"],
    "people.tsv": ["name", "aliases"],
    "locations.tsv": ["name", "aliases"],
}

ORG_KINDS = {
    "igo", "government", "military", "intelligence", "media", "party", "company", "ngo",
    "armed-group", "court", "sports",
}
TITLE_ROLES = {"head", "head-plural", "modifier", "domain", "occupation"}

HEADER_RE = re.compile(r"^# source: \S.*; licence: \S.*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
TITLE_WORD_RE = re.compile(r"^[a-z]+(-[a-z]+)*$")
GIVEN_NAME_RE = re.compile(r"^[^\W\d_]+(['\-][^\W\d_]+)*$")
NOT_NAME_RE = re.compile(r"^\w[\w'&.\-]*( [\w'&.\-]+)*$")

# The same folding as newsgraph's `doc::slug`: accents folded, apostrophes and dots
# dropped, every other non-alphanumeric run becomes one hyphen.
_FOLD_GROUPS = [
    ("àáâãäåāăąÀÁÂÃÄÅĀ", "a"), ("çćčÇČĆ", "c"), ("ďđĐ", "d"), ("èéêëēėęěÈÉÊË", "e"),
    ("ìíîïīįıÌÍÎÏİ", "i"), ("ğĞģ", "g"), ("łŁľ", "l"), ("ñńňÑ", "n"),
    ("òóôõöøōőÒÓÔÕÖØ", "o"), ("řŘ", "r"), ("śšşșŠŚŞȘ", "s"), ("ß", "ss"), ("ťţțŤȚ", "t"),
    ("ùúûüūůűÙÚÛÜ", "u"), ("ýÿÝ", "y"), ("źżžŹŻŽ", "z"), ("æÆ", "ae"), ("œŒ", "oe"),
]
FOLD = {c: rep for chars, rep in _FOLD_GROUPS for c in chars}


def slug(name):
    out = []
    dash = False
    for c in name:
        if c in "'\u2019.":
            continue
        folded = c if (c.isascii() and c.isalnum()) else FOLD.get(c, " ")
        for f in folded:
            if f.isascii() and f.isalnum():
                if dash and out:
                    out.append("-")
                dash = False
                out.append(f.lower())
            else:
                dash = True
    return "".join(out)


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, line, message):
        self.items.append(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def split_list(cell):
    return [] if cell == "" else cell.split("|")


def deletion_column(columns):
    """The column that holds `-` in a deletion row: `name` when it is not the id, else the
    second column."""
    return columns.index("name") if "name" in columns[1:] else 1


def is_deletion(columns, cells):
    """A deletion row: the id, `-` in the name column, every other cell empty."""
    d = deletion_column(columns)
    return (len(cells) == len(columns) and cells[d] == "-"
            and all(c == "" for i, c in enumerate(cells) if i not in (0, d)))


def read_table(path, columns, problems, override):
    """Returns rows as (line_number, {column: cell}); deletion rows get {"-": True}."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not HEADER_RE.match(lines[0]):
        problems.add(path, 1, "line 1 must be '# source: <where from>; licence: <licence>'")
    header_seen = False
    previous = None
    for number, line in enumerate(lines, 1):
        if number == 1 or line.startswith("#") or line.strip() == "":
            continue
        if line != line.rstrip(" \r"):
            problems.add(path, number, "trailing space or carriage return")
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells != columns:
                problems.add(path, number, f"header must be {'<TAB>'.join(columns)!r}, "
                             f"found {'<TAB>'.join(cells)!r}")
                return rows
            continue
        key = cells[0]
        if previous is not None and key.encode() <= previous.encode():
            what = "duplicate id" if key == previous else "not sorted (byte order)"
            problems.add(path, number, f"{what}: {key!r} after {previous!r}")
        previous = key
        if override and is_deletion(columns, cells):
            rows.append((number, {columns[0]: key, "-": True}))
            continue
        d = deletion_column(columns)
        if len(cells) > d and cells[d] == "-":
            problems.add(path, number, f"'-' in column {columns[d]} marks a deletion row: only "
                         "allowed in a --lexicon override directory, with every other cell "
                         "empty (and as many cells as the header)")
            continue
        if len(cells) != len(columns):
            problems.add(path, number, f"{len(cells)} cells, expected {len(columns)} "
                         f"({', '.join(columns)})")
            continue
        row = dict(zip(columns, cells))
        for column, cell in row.items():
            if cell != cell.strip():
                problems.add(path, number, f"column {column}: surrounding spaces in {cell!r}")
            items = cell.split("|")
            if cell and any(item.strip() == "" for item in items):
                problems.add(path, number, f"column {column}: empty item in {cell!r}")
            if any(item != item.strip() for item in items):
                problems.add(path, number, f"column {column}: spaces around '|' in {cell!r}")
            if len(set(items)) != len(items):
                problems.add(path, number, f"column {column}: repeated item in {cell!r}")
        rows.append((number, row))
    if not header_seen:
        problems.add(path, 0, "no header line")
    return rows


def check_id_is_slug_of_name(path, number, row, problems):
    ident, name = row["id"], row["name"]
    if not SLUG_RE.match(ident):
        problems.add(path, number, f"id {ident!r} is not a slug (a-z, 0-9, single hyphens)")
        return
    base = slug(name)
    if ident != base and not ident.startswith(base + "-"):
        problems.add(path, number, f"id {ident!r} is not the slug of the name {name!r} "
                     f"(expected {base!r}, optionally with a -qualifier)")


def check_given_names(path, problems, override, pattern=GIVEN_NAME_RE, what="given name"):
    """A sorted word list: given_names.txt, not_names.txt. Returns the entries."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].startswith("# source: ") or "; licence: " not in lines[0]:
        problems.add(path, 1, "line 1 must be '# source: <where from>; licence: <licence>'")
    previous = None
    entries = []
    for number, line in enumerate(lines, 1):
        if number == 1 or line.startswith("#") or line == "":
            continue
        name = line[1:] if override and line.startswith("-") else line
        entries.append((number, name))
        if not pattern.match(name) or not name[0].isupper():
            problems.add(path, number, f"not a capitalized {what}: {line!r}")
        if previous is not None and line.encode() <= previous.encode():
            problem = "duplicate" if line == previous else "not sorted (byte order)"
            problems.add(path, number, f"{problem}: {line!r} after {previous!r}")
        previous = line
    return entries


# The event lexicon (triggers.tsv).
TRIGGER_COLUMNS = ["lemmas", "pos", "relation", "cameo", "source", "target", "sense"]
# The CAMEO codes each event relation may carry: a code lies in the relation's category
# when it starts with one of these prefixes (DESIGN.md, "Relations"). Beyond the table of
# DESIGN.md: 018 (empathetic comment: condolences, sympathy) and 019 (express accord) are
# statements of support or agreement; 116 (find guilty) is PLOVER's DISAPPROVE like 112;
# 20x (mass violence) is PLOVER's ASSAULT like 18x and 19x.
CAMEO_RANGES = {
    "meets": ("040", "044"),
    "negotiates-with": ("045", "046"),
    "phones": ("041",),
    "visits": ("042",),
    "hosts": ("043",),
    "agrees-with": ("03", "019"),
    "proposes-talks": ("036", "039"),
    "cooperates-with": ("06",),
    "supports": ("05", "018", "019"),
    "aids": ("07",),
    "concedes-to": ("080", "081", "082", "083"),
    "retreats-from": ("084", "085", "086", "087"),
    "investigates": ("09",),
    "appeals-to": ("02",),
    "demands": ("10",),
    "rejects": ("12",),
    "accuses": ("112", "114", "115", "116"),
    "criticizes": ("110", "111", "113"),
    "threatens": ("13",),
    "protests-against": ("14",),
    "mobilizes-against": ("15",),
    "sanctions": ("16",),
    "coerces": ("17",),
    "attacks": ("18", "19", "20"),
    "fights": ("190", "193", "194", "195"),
}
SYMMETRIC = {"meets", "negotiates-with", "phones", "cooperates-with", "fights"}
LEMMAS_RE = re.compile(r"^[a-z][a-z'-]*( [a-z][a-z'-]*)*$")
PREP_SLOT_RE = re.compile(r"^(obl|nmod):[a-z_]+$")
SOURCE_SLOTS = {"subj", "poss", "compound", "amod", "referent", "nmod:between", "obl:between"}
TARGET_SLOTS = {"obj", "iobj", "xcomp-obj", "content", "mutual", "nmod:between", "obl:between"}
NOUN_NEVER = {"subj", "obj", "iobj", "xcomp-obj"}
# Sense classes as bits, and each relation's default target classes (as in
# src/relate/triggers.rs): actors; places too for relations that reach them; plans too
# for relations that can be done to a plan.
CLASS_BITS = {"person": 1, "country": 2, "organization": 4, "location": 8,
              "place": 2 | 8, "force": 16, "plan": 32}
ACTOR = 1 | 2 | 4 | 16


def default_target_classes(relation):
    if relation in ("visits", "attacks", "retreats-from", "mobilizes-against", "fights"):
        return ACTOR | 8
    if relation in ("rejects", "supports", "criticizes", "concedes-to", "agrees-with"):
        return ACTOR | 32
    return ACTOR


def british(lemmas):
    """The -ise spelling the engine adds for a row's -ize words, or None."""
    out, changed = [], False
    for word in lemmas.split(" "):
        for us, uk in (("ization", "isation"), ("ize", "ise"), ("yze", "yse")):
            if word.endswith(us) and len(word) - len(us) >= 3:
                word, changed = word[: -len(us)] + uk, True
                break
        out.append(word)
    return " ".join(out) if changed else None


def check_triggers(path, problems, override):
    """triggers.tsv, the event lexicon. Returns the number of rows."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not HEADER_RE.match(lines[0]):
        problems.add(path, 1, "line 1 must be '# source: <where from>; licence: <licence>'")
    header_seen = False
    previous = None
    rows = []
    for number, line in enumerate(lines, 1):
        if number == 1 or line.startswith("#") or line.strip() == "":
            continue
        if line != line.rstrip(" \r"):
            problems.add(path, number, "trailing space or carriage return")
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells != TRIGGER_COLUMNS:
                problems.add(path, number, "header must be "
                             f"{'<TAB>'.join(TRIGGER_COLUMNS)!r}, found {'<TAB>'.join(cells)!r}")
                return 0
            continue
        if len(cells) != len(TRIGGER_COLUMNS):
            problems.add(path, number, f"{len(cells)} cells, expected {len(TRIGGER_COLUMNS)} "
                         f"({', '.join(TRIGGER_COLUMNS)})")
            continue
        row = dict(zip(TRIGGER_COLUMNS, cells))
        lemmas, pos, relation = row["lemmas"], row["pos"], row["relation"]
        key = (lemmas.encode(), pos.encode(), relation.encode())
        if previous is not None and key <= previous:
            what = "duplicate (lemmas, pos, relation)" if key == previous else \
                "not sorted by (lemmas, pos, relation) in byte order"
            problems.add(path, number, f"{what}: {lemmas!r} {pos} {relation}")
        previous = key
        if any(c != c.strip() for c in cells):
            problems.add(path, number, "a cell has surrounding spaces")
        if not LEMMAS_RE.match(lemmas):
            problems.add(path, number, f"lemmas {lemmas!r}: lowercase words separated by "
                         "single spaces")
        if pos not in ("VERB", "NOUN"):
            problems.add(path, number, f"pos {pos!r} is not VERB or NOUN")
        if relation == "-":
            if not override:
                problems.add(path, number, "relation '-' deletes rows: only allowed in a "
                             "--lexicon override directory")
            elif any(row[c] for c in TRIGGER_COLUMNS[3:]):
                problems.add(path, number, "a deletion row ('-' relation) has every "
                             "other cell empty")
            continue
        if relation not in CAMEO_RANGES:
            problems.add(path, number, f"relation {relation!r} is not an event relation "
                         f"({', '.join(sorted(CAMEO_RANGES))})")
            continue
        cameo = row["cameo"]
        if not re.match(r"^[0-9]{3,4}$", cameo):
            problems.add(path, number, f"cameo {cameo!r} is not a 3- or 4-digit code")
        elif not cameo.startswith(CAMEO_RANGES[relation]):
            problems.add(path, number, f"cameo {cameo} is outside the category of "
                         f"{relation} ({', '.join(p + 'x' * (3 - len(p)) for p in CAMEO_RANGES[relation])})")
        slots = {}
        for end, allowed in (("source", SOURCE_SLOTS), ("target", TARGET_SLOTS)):
            items = split_list(row[end])
            if not items or any(i == "" for i in items) or len(set(items)) != len(items):
                problems.add(path, number, f"{end} {row[end]!r}: a '|' list of slots, "
                             "no empty or repeated item")
            for item in items:
                if item not in allowed and not PREP_SLOT_RE.match(item):
                    problems.add(path, number, f"{end}: unknown slot {item!r}")
                if pos == "NOUN" and item in NOUN_NEVER:
                    problems.add(path, number, f"{end}: a NOUN trigger has no {item!r}")
            slots[end] = items
        if pos == "VERB" and "subj" not in slots["source"]:
            problems.add(path, number, "a VERB row takes its source from 'subj'")
        if pos == "VERB" and "referent" in slots["source"]:
            problems.add(path, number, "'referent' is a NOUN row's slot")
        classes = {"source": ACTOR, "target": default_target_classes(relation)}
        sense = row["sense"]
        if sense != "-":
            for part in sense.split(";"):
                end, eq, kinds = part.partition("=")
                if eq and end == "cue":
                    for word in kinds.split("|"):
                        if not re.fullmatch(r"[a-z]+", word):
                            problems.add(path, number, f"cue {word!r} is not a lowercase word")
                    continue
                if eq and end == "xcomp":
                    if kinds != "none":
                        problems.add(path, number, f"sense: xcomp={kinds!r}: only xcomp=none")
                    continue
                if not eq or end not in classes:
                    problems.add(path, number, f"sense {part!r} is not source=... or "
                                 "target=...")
                    continue
                bits = 0
                for kind in kinds.split("|"):
                    if kind not in CLASS_BITS:
                        problems.add(path, number, f"sense: unknown class {kind!r} "
                                     f"({', '.join(CLASS_BITS)})")
                    bits |= CLASS_BITS.get(kind, 0)
                classes[end] = bits
        constrained = any(p.partition("=")[0] in classes for p in sense.split(";"))
        rows.append((number, lemmas, pos, relation, constrained, classes))
    if not header_seen:
        problems.add(path, 0, "no header line")
    # Rows that share lemmas and pos: each has a sense, and no two senses overlap.
    groups = {}
    for r in rows:
        groups.setdefault((r[1], r[2]), []).append(r)
    for (lemmas, pos), group in groups.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if not (a[4] and b[4]):
                    problems.add(path, b[0], f"{lemmas!r} {pos}: rows {a[3]} (line {a[0]}) "
                                 f"and {b[3]} share lemmas and pos, so each needs a sense")
                elif (a[5]["target"] & b[5]["target"]) and (a[5]["source"] & b[5]["source"]):
                    problems.add(path, b[0], f"{lemmas!r} {pos}: the senses of {a[3]} (line "
                                 f"{a[0]}) and {b[3]} overlap, so one hides the other")
    keys = {(r[1], r[2], r[3]) for r in rows}
    for number, lemmas, pos, relation, _, _ in rows:
        for other in keys:
            if other[1:] == (pos, relation) and british(other[0]) == lemmas:
                problems.add(path, number, f"{lemmas!r} is the British spelling of "
                             f"{other[0]!r}, which the engine adds by itself")
    return len(rows)


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    builtin = os.path.join(os.path.dirname(here), "data", "lexicon")
    directory = argv[1] if len(argv) == 2 else builtin
    override = os.path.abspath(directory) != os.path.abspath(builtin)
    if not os.path.isdir(directory):
        print(f"check_lexicon: {directory}: not a directory", file=sys.stderr)
        return 2

    problems = Problems()
    tables = {}
    for name, columns in TABLES.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            if not override:
                problems.add(path, 0, "missing")
            continue
        tables[name] = (path, read_table(path, columns, problems, override))
    given_path = os.path.join(directory, "given_names.txt")
    given_count = None
    if os.path.exists(given_path):
        given_count = len(check_given_names(given_path, problems, override))
    elif not override:
        problems.add(given_path, 0, "missing")
    not_names_path = os.path.join(directory, "not_names.txt")
    not_names = None
    if os.path.exists(not_names_path):
        not_names = check_given_names(not_names_path, problems, override, NOT_NAME_RE,
                                      "word or phrase")
    elif not override:
        problems.add(not_names_path, 0, "missing")
    triggers_path = os.path.join(directory, "triggers.tsv")
    trigger_count = None
    if os.path.exists(triggers_path):
        trigger_count = check_triggers(triggers_path, problems, override)
    elif not override:
        problems.add(triggers_path, 0, "missing")

    def live(name):
        return [(n, r) for n, r in tables.get(name, ("", []))[1] if "-" not in r]

    country_ids = {r["id"] for _, r in live("countries.tsv")}
    org_ids = {r["id"] for _, r in live("organizations.tsv")}
    if override:
        # An override may refer to built-in entities.
        b = os.path.join(builtin, "countries.tsv")
        if os.path.exists(b):
            country_ids |= {r["id"] for _, r in read_table(b, TABLES["countries.tsv"],
                                                           Problems(), False)}
        b = os.path.join(builtin, "organizations.tsv")
        if os.path.exists(b):
            org_ids |= {r["id"] for _, r in read_table(b, TABLES["organizations.tsv"],
                                                       Problems(), False)}

    def check_country_ref(path, number, column, value):
        if value and value not in country_ids:
            problems.add(path, number, f"{column} {value!r} is not a country id")

    # countries
    if "countries.tsv" in tables:
        path = tables["countries.tsv"][0]
        iso2_seen = {}
        for number, row in live("countries.tsv"):
            if not ISO3_RE.match(row["id"]):
                problems.add(path, number, f"id {row['id']!r} is not an ISO alpha-3 code")
            if not ISO2_RE.match(row["iso2"]):
                problems.add(path, number, f"iso2 {row['iso2']!r} is not an alpha-2 code")
            elif row["iso2"] in iso2_seen:
                problems.add(path, number, f"iso2 {row['iso2']!r} already used by "
                             f"{iso2_seen[row['iso2']]}")
            iso2_seen[row["iso2"]] = row["id"]
            if not row["name"]:
                problems.add(path, number, "empty name")

    # organizations
    if "organizations.tsv" in tables:
        path = tables["organizations.tsv"][0]
        for number, row in live("organizations.tsv"):
            if not SLUG_RE.match(row["id"]):
                problems.add(path, number, f"id {row['id']!r} is not a slug")
            if not row["name"]:
                problems.add(path, number, "empty name")
            if row["kind"] not in ORG_KINDS:
                problems.add(path, number, f"kind {row['kind']!r} is not one of "
                             f"{', '.join(sorted(ORG_KINDS))}")
            check_country_ref(path, number, "country", row["country"])

    # locations
    locations_by_surface = {}
    if "locations.tsv" in tables:
        path = tables["locations.tsv"][0]
        for number, row in live("locations.tsv"):
            check_id_is_slug_of_name(path, number, row, problems)
            check_country_ref(path, number, "country", row["country"])
            for surface in [row["name"]] + split_list(row["aliases"]):
                locations_by_surface.setdefault(surface, set()).add(row["country"])

    if "countries.tsv" in tables and "locations.tsv" in tables:
        path = tables["countries.tsv"][0]
        for number, row in live("countries.tsv"):
            capital = row["capital"]
            if capital and row["id"] not in locations_by_surface.get(capital, set()):
                problems.add(path, number, f"capital {capital!r} of {row['id']} is not a "
                             f"location of {row['id']} in locations.tsv")

    # people
    if "people.tsv" in tables:
        path = tables["people.tsv"][0]
        for number, row in live("people.tsv"):
            check_id_is_slug_of_name(path, number, row, problems)
            check_country_ref(path, number, "nationality", row["nationality"])
            for position in split_list(row["positions"]):
                title, _, scope = position.partition("@")
                if not SLUG_RE.match(title) or not scope:
                    problems.add(path, number, f"position {position!r} is not 'slug@SCOPE'")
                elif scope not in country_ids and scope not in org_ids:
                    problems.add(path, number, f"position {position!r}: scope {scope!r} is "
                                 "neither a country id nor an organization id")

    # titles
    if "titles.tsv" in tables:
        path = tables["titles.tsv"][0]
        for number, row in live("titles.tsv"):
            if not TITLE_WORD_RE.match(row["word"]):
                problems.add(path, number, f"word {row['word']!r} is not one lowercase word")
            roles = split_list(row["role"])
            if not roles or any(r not in TITLE_ROLES for r in roles):
                problems.add(path, number, f"role {row['role']!r}: each must be one of "
                             f"{', '.join(sorted(TITLE_ROLES))}")

    # given name variants
    if "given_name_variants.tsv" in tables:
        path = tables["given_name_variants.tsv"][0]
        for number, row in live("given_name_variants.tsv"):
            given = row["given"]
            if not GIVEN_NAME_RE.match(given) or not given[0].isupper():
                problems.add(path, number, f"given {given!r} is not a capitalized given name")
            shorts = split_list(row["short_forms"])
            if not shorts:
                problems.add(path, number, f"{given!r} lists no short form")
            for short in shorts:
                if not GIVEN_NAME_RE.match(short) or not short[0].isupper():
                    problems.add(path, number, f"short form {short!r} is not a capitalized "
                                 "given name")
                if short == given:
                    problems.add(path, number, f"{given!r} lists itself as a short form")

    # given name genders
    if "given_name_genders.tsv" in tables:
        path = tables["given_name_genders.tsv"][0]
        known = None
        if not override and os.path.exists(given_path):
            known = {n for _, n in check_given_names(given_path, Problems(), False)}
            for _, row in live("given_name_variants.tsv"):
                known.add(row["given"])
                known.update(split_list(row["short_forms"]))
        for number, row in live("given_name_genders.tsv"):
            name = row["name"]
            if not GIVEN_NAME_RE.match(name) or not name[0].isupper():
                problems.add(path, number, f"name {name!r} is not a capitalized given name")
            if row["gender"] not in ("f", "m"):
                problems.add(path, number, f"gender {row['gender']!r} is not f or m")
            if known is not None and name not in known:
                problems.add(path, number, f"{name!r} is not in given_names.txt or "
                             "given_name_variants.tsv")

    # surfaces shared by two entities
    owners = {}
    for name, columns in SURFACE_COLUMNS.items():
        if name not in tables:
            continue
        path = tables[name][0]
        for number, row in live(name):
            for column in columns:
                for surface in split_list(row[column]):
                    owner = (name, row["id"])
                    owners.setdefault(surface, {}).setdefault(owner, (path, number, column))
    country_of_location = {r["id"]: r["country"] for _, r in live("locations.tsv")}
    for surface, by_owner in sorted(owners.items()):
        if len(by_owner) < 2 or surface in ALLOWED:
            continue
        # A country metonym that is also a location of that same country is by design.
        metonym_countries = {ident for (table, ident), (_, _, column) in by_owner.items()
                             if table == "countries.tsv" and column == "metonyms"}
        rest = [
            (table, ident) for (table, ident) in by_owner
            if not (table == "locations.tsv"
                    and country_of_location.get(ident) in metonym_countries)
        ]
        if len(rest) < 2:
            continue
        where = "; ".join(f"{table[:-4]} {ident} ({col}, {p}:{n})"
                          for (table, ident), (p, n, col) in sorted(by_owner.items()))
        problems.add(by_owner[rest[0]][0], by_owner[rest[0]][1],
                     f"surface {surface!r} belongs to several entities: {where} "
                     "(rename it, drop it, or add it to ALLOWED in scripts/check_lexicon.py)")

    if not_names:
        for number, entry in not_names:
            if entry in owners:
                tables_of = ", ".join(sorted(f"{t[:-4]} {i}" for t, i in owners[entry]))
                problems.add(not_names_path, number, f"{entry!r} is a name in the entity "
                             f"tables ({tables_of}): a table name is always an entity")

    if problems.items:
        for item in problems.items:
            print(item, file=sys.stderr)
        print(f"check_lexicon: {len(problems.items)} problem(s) in {directory}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(live(name))}" for name in TABLES if name in tables)
    if given_count is not None:
        counts += f", given_names.txt {given_count}"
    if not_names is not None:
        counts += f", not_names.txt {len(not_names)}"
    if trigger_count is not None:
        counts += f", triggers.tsv {trigger_count}"
    print(f"check_lexicon: ok ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
