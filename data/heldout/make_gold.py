#!/usr/bin/env python3
"""Write data/heldout/gold/*.json (the held-out evaluation set) from the hand annotations below,
computing character offsets. Copied from scripts/make_gold.py; only the paths and annotations differ.

Each article's mentions are listed in text order as `surface | entity`; the script finds
each surface at or after the end of the previous one (whole-word match), so the list reads
like the article. `@after TEXT` moves the cursor past the next occurrence of TEXT (used to
skip titles and boilerplate, which are not annotated). The mention type comes from the id
prefix. Relations are `type source target modality`; symmetric ones are normalized so that
source < target.

Usage: python3 data/heldout/make_gold.py [--check]   (--check: verify the files are up to date)
Prints every mention with its context so it can be checked by eye.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"

KIND = {"person": "person", "country": "country", "org": "organization",
        "position": "position", "location": "location"}
SYMMETRIC = {"meets", "negotiates-with", "phones", "cooperates-with"}
RELATIONS = {"meets", "negotiates-with", "phones", "visits", "hosts", "proposes-talks",
             "appeals-to", "demands", "rejects", "accuses", "criticizes", "threatens",
             "sanctions", "mobilizes-against", "attacks", "supports", "cooperates-with",
             "holds-position", "position-of", "member-of", "located-in", "quoted-by"}
MODALITIES = {"asserted", "negated", "future", "hypothetical"}
ID_RE = re.compile(r"^(person|org|location):[a-z0-9]+(-[a-z0-9]+)*$"
                   r"|^country:[A-Z]{3}$"
                   r"|^position:[a-z0-9]+(-[a-z0-9]+)*(@([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*))?$")

# Positions and their scopes, written once and used for holds-position / position-of.
ANNOTATIONS = {}

ANNOTATIONS["held-001"] = ("""
JAKARTA | location:jakarta
Indonesia | country:IDN
AP | org:ap
Jakarta | location:jakarta
Myanmar | country:MMR
Indonesian | country:IDN
President | position:president@IDN
Joko Widodo | person:joko-widodo
Association of Southeast Asian Nations | org:asean
Myanmar | country:MMR
Philippine | country:PHL
President | position:president@PHL
Ferdinand Marcos Jr. | person:ferdinand-marcos-jr
Widodo | person:joko-widodo
China | country:CHN
Filipino | country:PHL
Second Thomas Shoal | location:second-thomas-shoal
South China Sea | location:south-china-sea
Beijing | country:CHN
Chinese | country:CHN
Premier | position:premier@CHN
Li Qiang | person:li-qiang
Jakarta | location:jakarta
Marcos | person:ferdinand-marcos-jr
Indonesia | country:IDN
foreign ministry spokeswoman | position:foreign-ministry-spokeswoman@IDN
Dewi Anggraeni | person:dewi-anggraeni
Naypyitaw | location:naypyitaw
Reuters | org:reuters
spokesman | position:spokesman@MMR
Myanmar | country:MMR
Thant Zin Aung | person:thant-zin-aung
U.S. | country:USA
Vice President | position:vice-president@USA
Kamala Harris | person:kamala-harris
President | position:president@USA
Joe Biden | person:joe-biden
White House | country:USA
""", """
located-in location:jakarta country:IDN asserted
meets person:ferdinand-marcos-jr person:joko-widodo asserted
accuses person:ferdinand-marcos-jr country:CHN asserted
rejects country:CHN person:ferdinand-marcos-jr asserted
visits person:li-qiang location:jakarta future
meets person:li-qiang org:asean future
meets person:li-qiang person:ferdinand-marcos-jr negated
quoted-by person:dewi-anggraeni org:reuters asserted
holds-position person:joko-widodo position:president@IDN asserted
holds-position person:ferdinand-marcos-jr position:president@PHL asserted
holds-position person:li-qiang position:premier@CHN asserted
holds-position person:dewi-anggraeni position:foreign-ministry-spokeswoman@IDN asserted
holds-position person:thant-zin-aung position:spokesman@MMR asserted
holds-position person:kamala-harris position:vice-president@USA asserted
holds-position person:joe-biden position:president@USA asserted
""")

ANNOTATIONS["held-002"] = ("""
ADDIS ABABA | location:addis-ababa
Ethiopia | country:ETH
AP | org:ap
African Union | org:au
Sudan | country:SDN
Ethiopian | country:ETH
Khartoum | location:khartoum
African Union Commission | org:au-commission
chairperson | position:chairperson@au-commission
Moussa Faki Mahamat | person:moussa-faki-mahamat
Sudan | country:SDN
army chief | position:army-chief@SDN
Abdel Fattah Burhan | person:abdel-fattah-burhan
Mohamed Hamdan Dagalo | person:mohamed-hamdan-dagalo
commander | position:commander@rsf
Rapid Support Forces | org:rsf
Addis Ababa | location:addis-ababa
United States | country:USA
Saudi Arabia | country:SAU
Jeddah | location:jeddah
Washington | country:USA
Rapid Support Forces | org:rsf
Amara Diallo-Kone | person:amara-diallo-kone
AU | org:au
special envoy | position:special-envoy@au
BBC | org:bbc
Sudan | country:SDN
deputy foreign minister | position:deputy-foreign-minister@SDN
Ibrahim Suleiman | person:ibrahim-suleiman
Khartoum | country:SDN
Kenyan | country:KEN
President | position:president@KEN
William Ruto | person:william-ruto
Addis Ababa | location:addis-ababa
Faki | person:moussa-faki-mahamat
""", """
located-in location:addis-ababa country:ETH asserted
appeals-to person:moussa-faki-mahamat person:abdel-fattah-burhan asserted
appeals-to person:moussa-faki-mahamat person:mohamed-hamdan-dagalo asserted
cooperates-with country:USA country:SAU asserted
sanctions country:USA org:rsf asserted
phones person:amara-diallo-kone person:abdel-fattah-burhan asserted
phones person:amara-diallo-kone person:mohamed-hamdan-dagalo asserted
quoted-by person:amara-diallo-kone org:bbc asserted
meets person:abdel-fattah-burhan person:mohamed-hamdan-dagalo hypothetical
negotiates-with country:SDN org:rsf negated
accuses person:ibrahim-suleiman org:rsf asserted
visits person:william-ruto location:addis-ababa future
meets person:william-ruto person:moussa-faki-mahamat future
holds-position person:moussa-faki-mahamat position:chairperson@au-commission asserted
holds-position person:abdel-fattah-burhan position:army-chief@SDN asserted
holds-position person:mohamed-hamdan-dagalo position:commander@rsf asserted
holds-position person:amara-diallo-kone position:special-envoy@au asserted
holds-position person:ibrahim-suleiman position:deputy-foreign-minister@SDN asserted
holds-position person:william-ruto position:president@KEN asserted
""")

ANNOTATIONS["held-003"] = ("""
BENGALURU | location:bengaluru
India | country:IND
AP | org:ap
Group of 20 | org:g20
India | country:IND
Russia | country:RUS
China | country:CHN
Ukraine | country:UKR
India | country:IND
Indian | country:IND
Finance Minister | position:finance-minister@IND
Nirmala Sitharaman | person:nirmala-sitharaman
U.S. | country:USA
Treasury Secretary | position:treasury-secretary@USA
Janet Yellen | person:janet-yellen
Moscow | country:RUS
Washington | country:USA
Russia | country:RUS
Yellen | person:janet-yellen
Sitharaman | person:nirmala-sitharaman
India | country:IND
Russia | country:RUS
deputy finance minister | position:deputy-finance-minister@RUS
Pavel Zorin | person:pavel-zorin
G20 | org:g20
Chinese | country:CHN
International Monetary Fund | org:imf
Managing Director | position:managing-director@imf
Kristalina Georgieva | person:kristalina-georgieva
Zambia | country:ZMB
Lucia Ferraz | person:lucia-ferraz
Brazil | country:BRA
deputy finance minister | position:deputy-finance-minister@BRA
Brasilia | country:BRA
G20 | org:g20
Reuters | org:reuters
Gandhinagar | location:gandhinagar
Gujarat | location:gujarat
""", """
located-in location:bengaluru country:IND asserted
accuses person:janet-yellen country:RUS asserted
sanctions country:USA country:RUS future
meets person:janet-yellen person:nirmala-sitharaman asserted
supports person:janet-yellen country:IND asserted
quoted-by person:lucia-ferraz org:reuters asserted
located-in location:gandhinagar location:gujarat asserted
holds-position person:nirmala-sitharaman position:finance-minister@IND asserted
holds-position person:janet-yellen position:treasury-secretary@USA asserted
holds-position person:pavel-zorin position:deputy-finance-minister@RUS asserted
holds-position person:kristalina-georgieva position:managing-director@imf asserted
holds-position person:lucia-ferraz position:deputy-finance-minister@BRA asserted
""")

ANNOTATIONS["held-004"] = ("""
LONDON | location:london
AP | org:ap
Home Office | org:home-office
Prime Minister | position:prime-minister@GBR
Rishi Sunak | person:rishi-sunak
Rwanda | country:RWA
Conservative Party | org:conservative-party
Supreme Court | org:supreme-court
Helen Ashworth | person:helen-ashworth
minister for safeguarding | position:minister-for-safeguarding@GBR
Kigali | country:RWA
Sunak | person:rishi-sunak
Home Secretary | position:home-secretary@GBR
James Cleverly | person:james-cleverly
Rwandan | country:RWA
Rwanda | country:RWA
Britain | country:GBR
Rwanda | country:RWA
government spokeswoman | position:government-spokeswoman@RWA
Yolande Makolo | person:yolande-makolo
Kigali | location:kigali
Labour Party | org:labour-party
leader | position:leader@labour-party
Keir Starmer | person:keir-starmer
Sunak | person:rishi-sunak
Starmer | person:keir-starmer
Labour | org:labour-party
Downing Street | country:GBR
spokesman | position:spokesman@GBR
Peter Haldane | person:peter-haldane
Sunak | person:rishi-sunak
Haldane | person:peter-haldane
""", """
accuses person:helen-ashworth person:rishi-sunak asserted
threatens country:RWA country:GBR asserted
criticizes person:keir-starmer person:rishi-sunak asserted
appeals-to person:keir-starmer person:rishi-sunak asserted
holds-position person:rishi-sunak position:prime-minister@GBR asserted
holds-position person:helen-ashworth position:minister-for-safeguarding@GBR asserted
holds-position person:james-cleverly position:home-secretary@GBR asserted
holds-position person:yolande-makolo position:government-spokeswoman@RWA asserted
holds-position person:keir-starmer position:leader@labour-party asserted
holds-position person:peter-haldane position:spokesman@GBR asserted
""")

ANNOTATIONS["held-005"] = ("""
CAIRO | location:cairo
AP | org:ap
Egypt | country:EGY
Israel | country:ISR
Islamic Jihad | org:islamic-jihad
Israeli | country:ISR
Gaza Strip | location:gaza-strip
Islamic Jihad | org:islamic-jihad
Israel | country:ISR
Egyptian | country:EGY
Egyptian | country:EGY
Islamic Jihad | org:islamic-jihad
Yossi Amar | person:yossi-amar
spokesman | position:spokesman@ISR
Israeli | country:ISR
Prime Minister | position:prime-minister@ISR
Benjamin Netanyahu | person:benjamin-netanyahu
Israel | country:ISR
Amar | person:yossi-amar
Egyptian | country:EGY
President | position:president@EGY
Abdel Fattah el-Sissi | person:abdel-fattah-el-sissi
Netanyahu | person:benjamin-netanyahu
Israel | country:ISR
Sissi | person:abdel-fattah-el-sissi
Qatar | country:QAT
emir | position:emir@QAT
Tamim bin Hamad Al Thani | person:tamim-bin-hamad-al-thani
U.N. | org:un
Middle East envoy | position:middle-east-envoy@un
Tor Wennesland | person:tor-wennesland
Gaza | location:gaza-strip
Washington | location:washington
national security adviser | position:national-security-adviser@USA
Jake Sullivan | person:jake-sullivan
Cairo | country:EGY
United States | country:USA
Egypt | country:EGY
Qatar | country:QAT
Palestinian | country:PSE
Deputy Foreign Minister | position:deputy-foreign-minister@PSE
Samira Haddad | person:samira-haddad
Israel | country:ISR
West Bank | location:west-bank
Al Jazeera | org:al-jazeera
Hamas | org:hamas
Gaza | location:gaza-strip
Israel | country:ISR
""", """
attacks country:ISR org:islamic-jihad asserted
attacks org:islamic-jihad country:ISR asserted
phones person:abdel-fattah-el-sissi person:benjamin-netanyahu asserted
appeals-to person:abdel-fattah-el-sissi country:ISR asserted
supports person:abdel-fattah-el-sissi person:tamim-bin-hamad-al-thani asserted
visits person:tor-wennesland location:gaza-strip future
supports person:jake-sullivan country:EGY asserted
cooperates-with country:USA country:EGY future
cooperates-with country:USA country:QAT future
attacks country:ISR location:west-bank hypothetical
quoted-by person:samira-haddad org:al-jazeera asserted
attacks country:ISR org:hamas negated
holds-position person:yossi-amar position:spokesman@ISR asserted
holds-position person:benjamin-netanyahu position:prime-minister@ISR asserted
holds-position person:abdel-fattah-el-sissi position:president@EGY asserted
holds-position person:tamim-bin-hamad-al-thani position:emir@QAT asserted
holds-position person:tor-wennesland position:middle-east-envoy@un asserted
holds-position person:jake-sullivan position:national-security-adviser@USA asserted
holds-position person:samira-haddad position:deputy-foreign-minister@PSE asserted
""")


def load_articles():
    """id -> text, exactly as the pipeline reads it."""
    out = {}
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix == ".txt":
            with open(path, encoding="utf-8", newline="") as f:
                out[path.name] = f.read()
        elif path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        obj = json.loads(line)
                        out[obj["id"]] = obj["text"]
    return out


def is_word(c):
    return c.isalnum()


def find(text, surface, cursor):
    """The next whole-word occurrence of surface at or after cursor."""
    i = cursor
    while True:
        i = text.find(surface, i)
        if i < 0:
            return -1
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(surface)] if i + len(surface) < len(text) else " "
        if not (is_word(before) and is_word(surface[0])) and not (is_word(after) and is_word(surface[-1])):
            return i
        i += 1


def parse_mentions(aid, text, spec):
    cursor = 0
    mentions = []
    for line in spec.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("@after "):
            target = line[len("@after "):]
            i = text.find(target, cursor)
            if i < 0:
                sys.exit(f"{aid}: @after {target!r} not found")
            cursor = i + len(target)
            continue
        surface, entity = [p.strip() for p in line.split("|")]
        i = find(text, surface, cursor)
        if i < 0:
            sys.exit(f"{aid}: {surface!r} not found after offset {cursor}")
        prefix = entity.split(":")[0]
        if prefix not in KIND or not ID_RE.match(entity):
            sys.exit(f"{aid}: bad entity id {entity!r}")
        mentions.append({"start": i, "end": i + len(surface), "text": surface,
                         "type": KIND[prefix], "entity": entity})
        cursor = i + len(surface)
    return mentions


def parse_relations(aid, spec, mentions):
    entities = {m["entity"] for m in mentions}
    rels = set()
    for line in spec.strip().splitlines():
        parts = line.split()
        if len(parts) != 4:
            sys.exit(f"{aid}: bad relation line {line!r}")
        kind, src, dst, modality = parts
        if kind not in RELATIONS or modality not in MODALITIES:
            sys.exit(f"{aid}: bad relation {line!r}")
        for e in (src, dst):
            # A position given by a plural title ("Presidents Joe Biden and Vladimir Putin")
            # has no mention of its own; every other end must be mentioned.
            if e not in entities and not (e.startswith("position:") and kind in ("holds-position", "position-of")):
                sys.exit(f"{aid}: relation {line!r}: {e} is not mentioned")
        if kind in SYMMETRIC and dst < src:
            src, dst = dst, src
        rels.add((src, kind, dst, modality))
        if kind == "holds-position":
            # Every held position is a position of its scope, when the scope is mentioned.
            scope = dst.split("@", 1)[1] if "@" in dst else None
            if scope:
                scope_id = f"country:{scope}" if scope.isupper() else f"org:{scope}"
                if scope_id not in entities:
                    sys.exit(f"{aid}: scope {scope_id} of {dst} is not mentioned")
                rels.add((dst, "position-of", scope_id, "asserted"))
    # Every position mentioned must be held by someone in the relations.
    held = {r[2] for r in rels if r[1] == "holds-position"}
    for m in mentions:
        if m["type"] == "position" and m["entity"] not in held:
            sys.exit(f"{aid}: position {m['entity']} is mentioned but held by nobody")
    return [{"source": s, "type": k, "target": t, "modality": mo}
            for (s, k, t, mo) in sorted(rels, key=lambda r: (r[1], r[0], r[2], r[3]))]


def render(aid, mentions, relations):
    lines = ["{", f'  "id": {json.dumps(aid, ensure_ascii=False)},', '  "mentions": [']
    lines += ["    " + json.dumps(m, ensure_ascii=False) + ("," if i + 1 < len(mentions) else "")
              for i, m in enumerate(mentions)]
    lines += ["  ],", '  "relations": [']
    lines += ["    " + json.dumps(r, ensure_ascii=False) + ("," if i + 1 < len(relations) else "")
              for i, r in enumerate(relations)]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def uncovered_capitals(text, mentions, skip_before):
    """Capitalized words outside every mention: candidates for a missed annotation."""
    covered = [False] * len(text)
    for m in mentions:
        for i in range(m["start"], m["end"]):
            covered[i] = True
    words = []
    for mt in re.finditer(r"[A-Z][\w.'’-]*", text):
        if mt.start() >= skip_before and not covered[mt.start()]:
            words.append(mt.group())
    return sorted(set(words))


def main():
    check = "--check" in sys.argv
    texts = load_articles()
    missing = set(texts) - set(ANNOTATIONS)
    if missing:
        sys.exit(f"articles without annotations: {sorted(missing)}")
    stale = []
    totals = [0, 0]
    for aid in sorted(ANNOTATIONS):
        text = texts[aid]
        mspec, rspec = ANNOTATIONS[aid]
        mentions = parse_mentions(aid, text, mspec)
        relations = parse_relations(aid, rspec, mentions)
        for m in mentions:
            assert text[m["start"]:m["end"]] == m["text"]
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        totals[0] += len(mentions)
        totals[1] += len(relations)
        out = GOLD / (aid.replace("/", "__") + ".json")
        body = render(aid, mentions, relations)
        if check:
            if not out.exists() or out.read_text(encoding="utf-8") != body:
                stale.append(str(out))
            continue
        out.write_text(body, encoding="utf-8")
        if "-q" in sys.argv:
            continue
        print(f"== {aid}: {len(mentions)} mentions, {len(relations)} relations")
        for m in mentions:
            ctx = text[max(0, m["start"] - 25):m["end"] + 25].replace("\n", " ")
            print(f"  {m['start']:5}-{m['end']:<5} {text[m['start']:m['end']]!r:28} {m['entity']:45} …{ctx}…")
        first = mentions[0]["start"] if mentions else 0
        print("  not covered:", " ".join(uncovered_capitals(text, mentions, first)))
        for r in relations:
            print(f"  {r['source']} -{r['type']}-> {r['target']} [{r['modality']}]")
    if stale:
        sys.exit("stale gold files (run data/heldout/make_gold.py): " + ", ".join(stale))
    print(f"{len(ANNOTATIONS)} articles, {totals[0]} mentions, {totals[1]} relations")


if __name__ == "__main__":
    main()
