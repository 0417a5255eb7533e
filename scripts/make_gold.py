#!/usr/bin/env python3
"""Write data/gold/*.json from the hand annotations below, computing character offsets.

Each article's mentions are listed in text order as `surface | entity`; the script finds
each surface at or after the end of the previous one (whole-word match), so the list reads
like the article. `@after TEXT` moves the cursor past the next occurrence of TEXT (used to
skip boilerplate and a repeated headline, which are not annotated; the title line itself is
text and is annotated like the body). The mention type comes from the id
prefix. Relations are `type source target modality`; symmetric ones are normalized so that
source < target.

Usage: python3 scripts/make_gold.py [--check]   (--check: verify the files are up to date)
Prints every mention with its context so it can be checked by eye.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOLD = ROOT / "data" / "gold"

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

ANNOTATIONS["geneva-talks.txt"] = ("""
U.S. | country:USA
Russia | country:RUS
Ukraine | country:UKR
@after Post comments:0 Comments
GENEVA | location:geneva
AP | org:ap
U.S. | country:USA
Russian | country:RUS
Europe | location:europe
Russian | country:RUS
Ukraine | country:UKR
U.S. | country:USA
Russian | country:RUS
Europe | location:europe
Russian | country:RUS
Ukraine | country:UKR
Russian | country:RUS
Deputy Foreign Minister | position:deputy-foreign-minister@RUS
Sergei Ryabkov | person:sergei-ryabkov
Swiss | country:CHE
U.S. | country:USA
Geneva | location:geneva
Wendy Sherman | person:wendy-sherman
U.S. | country:USA
deputy secretary of state | position:deputy-secretary-of-state@USA
Joe Biden | person:joe-biden
Vladimir Putin | person:vladimir-putin
Swiss | country:CHE
Russian | country:RUS
Deputy Foreign Minister | position:deputy-foreign-minister@RUS
Sergei Ryabkov | person:sergei-ryabkov
Swiss | country:CHE
U.S. | country:USA
Wendy Sherman | person:wendy-sherman
U.S. | country:USA
deputy secretary of state | position:deputy-secretary-of-state@USA
Joe Biden | person:joe-biden
Vladimir Putin | person:vladimir-putin
Swiss | country:CHE
Sherman | person:wendy-sherman
Sherman | person:wendy-sherman
U.S. | country:USA
Russia | country:RUS
Ukraine | country:UKR
Russia | country:RUS
United States | country:USA
United States | country:USA
Sherman | person:wendy-sherman
Russia | country:RUS
Russian | country:RUS
Geneva | location:geneva
NATO | org:nato
Russia | country:RUS
Brussels | location:brussels
Organization for Security and Cooperation in Europe | org:osce
Vienna | location:vienna
Moscow | country:RUS
U.S. | country:USA
NATO | org:nato
Ukraine | country:UKR
U.S. | country:USA
NATO | org:nato
U.S. | country:USA
Ukraine | country:UKR
American | country:USA
NATO | org:nato
Eastern Europe | location:eastern-europe
Russia | country:RUS
Ukraine | country:UKR
U.S. | country:USA
Secretary of State | position:secretary-of-state@USA
Antony Blinken | person:antony-blinken
U.S. | country:USA
Russia | country:RUS
Ukraine | country:UKR
Blinken | person:antony-blinken
ABC | org:abc
NATO | org:nato
Secretary-General | position:secretary-general@nato
Jens Stoltenberg | person:jens-stoltenberg
Brussels | location:brussels
Olga Stefanishyna | person:olga-stefanishyna
Ukraine | country:UKR
deputy prime minister for European and Euro-Atlantic Integration | position:deputy-prime-minister-for-european-and-euro-atlantic-integration@UKR
Russia | country:RUS
NATO | org:nato
Putin | person:vladimir-putin
United States | country:USA
Ukraine | country:UKR
Geneva | location:geneva
Price | person:price
Russia | country:RUS
U.S. | country:USA
Washington | country:USA
Russian | country:RUS
Ryabkov | person:sergei-ryabkov
Tass | org:tass
Russia | country:RUS
NATO | org:nato
Russia | country:RUS
NATO | org:nato
Russian | country:RUS
Ryabkov | person:sergei-ryabkov
Russia | country:RUS
Americans | country:USA
""", """
meets country:RUS country:USA asserted
mobilizes-against country:RUS country:UKR asserted
meets person:sergei-ryabkov person:wendy-sherman asserted
negotiates-with person:sergei-ryabkov person:wendy-sherman negated
meets person:joe-biden person:vladimir-putin asserted
demands country:USA country:RUS asserted
sanctions country:USA country:RUS hypothetical
meets country:RUS org:nato future
demands country:RUS country:USA asserted
demands country:RUS org:nato asserted
rejects country:USA country:RUS asserted
proposes-talks country:USA country:RUS hypothetical
proposes-talks country:USA country:RUS asserted
quoted-by person:antony-blinken org:abc asserted
meets person:jens-stoltenberg person:olga-stefanishyna asserted
negotiates-with country:RUS country:USA future
quoted-by person:sergei-ryabkov org:tass asserted
holds-position person:sergei-ryabkov position:deputy-foreign-minister@RUS asserted
holds-position person:wendy-sherman position:deputy-secretary-of-state@USA asserted
holds-position person:joe-biden position:president@USA asserted
holds-position person:vladimir-putin position:president@RUS asserted
position-of position:president@USA country:USA asserted
position-of position:president@RUS country:RUS asserted
holds-position person:antony-blinken position:secretary-of-state@USA asserted
member-of person:jens-stoltenberg org:nato asserted
holds-position person:jens-stoltenberg position:secretary-general@nato asserted
holds-position person:olga-stefanishyna position:deputy-prime-minister-for-european-and-euro-atlantic-integration@UKR asserted
""")

ANNOTATIONS["wire-001"] = ("""
WASHINGTON | location:washington
AP | org:ap
President | position:president@USA
Joe Biden | person:joe-biden
French | country:FRA
President | position:president@FRA
Emmanuel Macron | person:emmanuel-macron
White House | country:USA
Biden | person:joe-biden
Biden | person:joe-biden
Macron | person:emmanuel-macron
Iran | country:IRN
United States | country:USA
France | country:FRA
President | position:president@FRA
Macron | person:emmanuel-macron
Washington | location:washington
Biden | person:joe-biden
Macron | person:emmanuel-macron
White House | location:white-house
French | country:FRA
White House | country:USA
press secretary | position:press-secretary@USA
Jen Psaki | person:jen-psaki
Russia | country:RUS
China | country:CHN
Macron | person:emmanuel-macron
French | country:FRA
France 24 | org:france-24
Europe | location:europe
United States | country:USA
Iran | country:IRN
Biden | person:joe-biden
German | country:DEU
Chancellor | position:chancellor@DEU
Angela Merkel | person:angela-merkel
Biden | person:joe-biden
Iranian | country:IRN
President | position:president@IRN
Hassan Rouhani | person:hassan-rouhani
White House | country:USA
Iran | country:IRN
""", """
phones person:joe-biden person:emmanuel-macron asserted
cooperates-with person:joe-biden person:emmanuel-macron asserted
cooperates-with country:USA country:FRA asserted
visits person:emmanuel-macron location:washington future
hosts person:joe-biden person:emmanuel-macron future
quoted-by person:emmanuel-macron org:france-24 asserted
phones person:joe-biden person:angela-merkel asserted
phones person:joe-biden person:hassan-rouhani negated
holds-position person:joe-biden position:president@USA asserted
holds-position person:emmanuel-macron position:president@FRA asserted
holds-position person:jen-psaki position:press-secretary@USA asserted
holds-position person:angela-merkel position:chancellor@DEU asserted
holds-position person:hassan-rouhani position:president@IRN asserted
""")

ANNOTATIONS["wire-002"] = ("""
KYIV | location:kyiv
Ukraine | country:UKR
AP | org:ap
Russia | country:RUS
Ukraine | country:UKR
Crimea | location:crimea
Ukrainian | country:UKR
U.N. | org:un
Secretary-General | position:secretary-general@un
Antonio Guterres | person:antonio-guterres
Moscow | country:RUS
Kyiv | country:UKR
Kremlin | country:RUS
Ukraine | country:UKR
Russia | country:RUS
Kremlin | country:RUS
spokesman | position:spokesman@RUS
Dmitry Peskov | person:dmitry-peskov
NATO | org:nato
Secretary-General | position:secretary-general@nato
Jens Stoltenberg | person:jens-stoltenberg
Russia | country:RUS
Brussels | location:brussels
Ukrainian | country:UKR
Foreign Minister | position:foreign-minister@UKR
Dmytro Kuleba | person:dmytro-kuleba
Ukraine | country:UKR
NATO | org:nato
Poland | country:POL
NATO | org:nato
Ukraine | country:UKR
Washington | country:USA
Kyiv | country:UKR
U.S. | country:USA
American | country:USA
Black Sea | location:black-sea
Ukraine | country:UKR
deputy foreign minister | position:deputy-foreign-minister@UKR
Olena Hrytsenko | person:olena-hrytsenko
Hrytsenko | person:olena-hrytsenko
Reuters | org:reuters
""", """
located-in location:kyiv country:UKR asserted
mobilizes-against country:RUS country:UKR asserted
appeals-to person:antonio-guterres country:RUS asserted
appeals-to person:antonio-guterres country:UKR asserted
accuses country:RUS country:UKR asserted
criticizes person:jens-stoltenberg country:RUS asserted
meets person:jens-stoltenberg person:dmytro-kuleba asserted
member-of country:UKR org:nato negated
member-of person:jens-stoltenberg org:nato asserted
member-of person:antonio-guterres org:un asserted
member-of country:POL org:nato asserted
supports country:USA country:UKR asserted
quoted-by person:olena-hrytsenko org:reuters asserted
holds-position person:antonio-guterres position:secretary-general@un asserted
holds-position person:dmitry-peskov position:spokesman@RUS asserted
holds-position person:jens-stoltenberg position:secretary-general@nato asserted
holds-position person:dmytro-kuleba position:foreign-minister@UKR asserted
holds-position person:olena-hrytsenko position:deputy-foreign-minister@UKR asserted
""")

ANNOTATIONS["wire-003"] = ("""
BRUSSELS | location:brussels
AP | org:ap
European Union | org:eu
Belarus | country:BLR
Minsk | location:minsk
Washington | country:USA
Belarusian | country:BLR
EU | org:eu
Belarus | country:BLR
Roman Protasevich | person:roman-protasevich
Ryanair | org:ryanair
Minsk | country:BLR
Lithuanian | country:LTU
Foreign Minister | position:foreign-minister@LTU
Gabrielius Landsbergis | person:gabrielius-landsbergis
Minsk | country:BLR
Belarusian | country:BLR
President | position:president@BLR
Alexander Lukashenko | person:alexander-lukashenko
Lithuania | country:LTU
Poland | country:POL
EU | org:eu
Minsk | country:BLR
European Union | org:eu
Belarusian | country:BLR
European Commission | org:european-commission
spokesman | position:spokesman@european-commission
Pieter Van Damme | person:pieter-van-damme
Belarus | country:BLR
Sviatlana Tsikhanouskaya | person:sviatlana-tsikhanouskaya
Lukashenko | person:alexander-lukashenko
Landsbergis | person:gabrielius-landsbergis
Vilnius | location:vilnius
""", """
sanctions org:eu country:BLR asserted
sanctions country:USA country:BLR asserted
demands org:eu country:BLR asserted
sanctions org:eu country:BLR hypothetical
criticizes person:gabrielius-landsbergis country:BLR asserted
accuses person:alexander-lukashenko country:LTU asserted
accuses person:alexander-lukashenko country:POL asserted
threatens person:alexander-lukashenko org:eu asserted
rejects country:BLR org:eu asserted
meets person:sviatlana-tsikhanouskaya person:gabrielius-landsbergis asserted
holds-position person:gabrielius-landsbergis position:foreign-minister@LTU asserted
holds-position person:alexander-lukashenko position:president@BLR asserted
holds-position person:pieter-van-damme position:spokesman@european-commission asserted
member-of person:pieter-van-damme org:european-commission asserted
""")

ANNOTATIONS["wire-004"] = ("""
MOSCOW | location:moscow
Reuters | org:reuters
Moscow | country:RUS
U.S. | country:USA
Europe | location:europe
Russia | country:RUS
United States | country:USA
Russia | country:RUS
U.S. | country:USA
Ambassador | position:ambassador@USA
John Sullivan | person:john-sullivan
Russia | country:RUS
NATO | org:nato
Ukraine | country:UKR
Eastern Europe | location:eastern-europe
Foreign Minister | position:foreign-minister@RUS
Sergei Lavrov | person:sergei-lavrov
Kremlin | country:RUS
spokesman | position:spokesman@RUS
Dmitry Peskov | person:dmitry-peskov
United States | country:USA
Moscow | country:RUS
Kremlin | country:RUS
Lavrov | person:sergei-lavrov
NATO | org:nato
Moscow | country:RUS
Tass | org:tass
NATO | org:nato
spokesman | position:spokesman@nato
Tomas Reiner | person:tomas-reiner
Moscow | country:RUS
Brussels | location:brussels
Lavrov | person:sergei-lavrov
U.S. | country:USA
Secretary of State | position:secretary-of-state@USA
Antony Blinken | person:antony-blinken
""", """
rejects country:RUS country:USA asserted
proposes-talks country:USA country:RUS asserted
demands country:RUS org:nato asserted
threatens person:sergei-lavrov org:nato asserted
quoted-by person:sergei-lavrov org:tass asserted
rejects person:tomas-reiner country:RUS asserted
phones person:sergei-lavrov person:antony-blinken future
holds-position person:john-sullivan position:ambassador@USA asserted
holds-position person:sergei-lavrov position:foreign-minister@RUS asserted
holds-position person:dmitry-peskov position:spokesman@RUS asserted
holds-position person:tomas-reiner position:spokesman@nato asserted
member-of person:tomas-reiner org:nato asserted
holds-position person:antony-blinken position:secretary-of-state@USA asserted
""")

ANNOTATIONS["wire-005"] = ("""
KYIV | location:kyiv
Ukraine | country:UKR
AP | org:ap
Russian | country:RUS
Ukraine | country:UKR
Kharkiv | location:kharkiv
Ukraine | country:UKR
Kyiv | location:kyiv
Ukrainian | country:UKR
President | position:president@UKR
Volodymyr Zelenskyy | person:volodymyr-zelensky
NATO | org:nato
Ukraine | country:UKR
Russia | country:RUS
Russia | country:RUS
Zelenskyy | person:volodymyr-zelensky
U.S. | country:USA
President | position:president@USA
Joe Biden | person:joe-biden
Russian | country:RUS
Washington | country:USA
Moscow | country:RUS
Britain | country:GBR
European Union | org:eu
Russian | country:RUS
President | position:president@RUS
Putin | person:vladimir-putin
Biden | person:joe-biden
White House | location:white-house
American | country:USA
Ukraine | country:UKR
Europe | location:europe
Asia | location:asia
""", """
located-in location:kyiv country:UKR asserted
attacks country:RUS country:UKR asserted
attacks country:RUS location:kharkiv asserted
located-in location:kharkiv country:UKR asserted
appeals-to person:volodymyr-zelensky org:nato asserted
criticizes person:joe-biden country:RUS asserted
sanctions country:USA country:RUS future
sanctions country:GBR country:RUS asserted
sanctions org:eu country:RUS asserted
holds-position person:volodymyr-zelensky position:president@UKR asserted
holds-position person:joe-biden position:president@USA asserted
holds-position person:vladimir-putin position:president@RUS asserted
""")

ANNOTATIONS["wire-006"] = ("""
ISTANBUL | location:istanbul
AP | org:ap
Russian | country:RUS
Ukrainian | country:UKR
Istanbul | location:istanbul
Turkish | country:TUR
President | position:president@TUR
Recep Tayyip Erdogan | person:recep-tayyip-erdogan
Russian | country:RUS
Ukrainian | country:UKR
Dolmabahce Palace | location:dolmabahce-palace
Russia | country:RUS
Ukraine | country:UKR
Ukraine | country:UKR
Ukrainian | country:UKR
Mykhailo Podolyak | person:mykhailo-podolyak
Ukrainian | country:UKR
President | position:president@UKR
Volodymyr Zelenskyy | person:volodymyr-zelensky
Russian | country:RUS
President | position:president@RUS
Vladimir Putin | person:vladimir-putin
Podolyak | person:mykhailo-podolyak
Russia | country:RUS
Vladimir Medinsky | person:vladimir-medinsky
Moscow | country:RUS
Kyiv | location:kyiv
Chernihiv | location:chernihiv
Ukraine | country:UKR
Foreign Minister | position:foreign-minister@UKR
Dmytro Kuleba | person:dmytro-kuleba
Russian | country:RUS
Foreign Minister | position:foreign-minister@RUS
Sergei Lavrov | person:sergei-lavrov
Istanbul | location:istanbul
Antalya | location:antalya
Turkey | country:TUR
""", """
meets country:RUS country:UKR asserted
hosts person:recep-tayyip-erdogan country:RUS asserted
hosts person:recep-tayyip-erdogan country:UKR asserted
negotiates-with country:RUS country:UKR asserted
proposes-talks person:volodymyr-zelensky person:vladimir-putin asserted
meets person:volodymyr-zelensky person:vladimir-putin hypothetical
meets person:dmytro-kuleba person:sergei-lavrov negated
meets person:dmytro-kuleba person:sergei-lavrov asserted
located-in location:antalya country:TUR asserted
holds-position person:recep-tayyip-erdogan position:president@TUR asserted
holds-position person:volodymyr-zelensky position:president@UKR asserted
holds-position person:vladimir-putin position:president@RUS asserted
holds-position person:dmytro-kuleba position:foreign-minister@UKR asserted
holds-position person:sergei-lavrov position:foreign-minister@RUS asserted
""")

ANNOTATIONS["wire-007"] = ("""
HELSINKI | location:helsinki
AP | org:ap
Finland | country:FIN
Sweden | country:SWE
NATO | org:nato
Russia | country:RUS
Ukraine | country:UKR
Finnish | country:FIN
President | position:president@FIN
Sauli Niinisto | person:sauli-niinisto
Prime Minister | position:prime-minister@FIN
Sanna Marin | person:sanna-marin
Finland | country:FIN
Swedish | country:SWE
Prime Minister | position:prime-minister@SWE
Magdalena Andersson | person:magdalena-andersson
Niinisto | person:sauli-niinisto
Russian | country:RUS
President | position:president@RUS
Vladimir Putin | person:vladimir-putin
Putin | person:vladimir-putin
Finland | country:FIN
Turkish | country:TUR
President | position:president@TUR
Recep Tayyip Erdogan | person:recep-tayyip-erdogan
Sweden | country:SWE
Finland | country:FIN
Turkey | country:TUR
Turkey | country:TUR
NATO | org:nato
U.S. | country:USA
President | position:president@USA
Joe Biden | person:joe-biden
Finland | country:FIN
Sweden | country:SWE
Britain | country:GBR
Sweden | country:SWE
Finland | country:FIN
NATO | org:nato
Secretary-General | position:secretary-general@nato
Jens Stoltenberg | person:jens-stoltenberg
""", """
member-of country:FIN org:nato future
member-of person:jens-stoltenberg org:nato asserted
member-of country:SWE org:nato future
attacks country:RUS country:UKR asserted
phones person:sauli-niinisto person:vladimir-putin asserted
threatens person:vladimir-putin country:FIN asserted
criticizes person:recep-tayyip-erdogan country:SWE asserted
criticizes person:recep-tayyip-erdogan country:FIN asserted
supports country:TUR country:SWE negated
supports country:TUR country:FIN negated
member-of country:TUR org:nato asserted
supports person:joe-biden country:FIN asserted
supports person:joe-biden country:SWE asserted
supports country:GBR country:SWE asserted
supports country:GBR country:FIN asserted
holds-position person:sauli-niinisto position:president@FIN asserted
holds-position person:sanna-marin position:prime-minister@FIN asserted
holds-position person:magdalena-andersson position:prime-minister@SWE asserted
holds-position person:vladimir-putin position:president@RUS asserted
holds-position person:recep-tayyip-erdogan position:president@TUR asserted
holds-position person:joe-biden position:president@USA asserted
holds-position person:jens-stoltenberg position:secretary-general@nato asserted
""")

ANNOTATIONS["wire-008"] = ("""
ISTANBUL | location:istanbul
AP | org:ap
Russia | country:RUS
Ukraine | country:UKR
Turkey | country:TUR
United Nations | org:un
Ukraine | country:UKR
Black Sea | location:black-sea
Russian | country:RUS
Defense Minister | position:defense-minister@RUS
Sergei Shoigu | person:sergei-shoigu
Moscow | country:RUS
Ukrainian | country:UKR
Infrastructure Minister | position:infrastructure-minister@UKR
Oleksandr Kubrakov | person:oleksandr-kubrakov
Kyiv | country:UKR
U.N. | org:un
Secretary-General | position:secretary-general@un
Antonio Guterres | person:antonio-guterres
Turkish | country:TUR
President | position:president@TUR
Recep Tayyip Erdogan | person:recep-tayyip-erdogan
Russian | country:RUS
Ukrainian | country:UKR
Marta Kovalenko | person:marta-kovalenko
Ukraine | country:UKR
deputy infrastructure minister | position:deputy-infrastructure-minister@UKR
Odesa | location:odesa
Andriy Kovalenko | person:andriy-kovalenko
Russia | country:RUS
Odesa | location:odesa
Kovalenko | person:kovalenko
Kyiv | country:UKR
Moscow | country:RUS
Guterres | person:antonio-guterres
Erdogan | person:recep-tayyip-erdogan
Ukrainian | country:UKR
""", """
supports country:RUS country:TUR asserted
supports country:RUS org:un asserted
member-of person:antonio-guterres org:un asserted
supports country:UKR country:TUR asserted
supports country:UKR org:un asserted
meets country:RUS country:UKR negated
attacks country:RUS location:odesa hypothetical
threatens country:UKR country:RUS asserted
supports person:antonio-guterres person:recep-tayyip-erdogan asserted
holds-position person:sergei-shoigu position:defense-minister@RUS asserted
holds-position person:oleksandr-kubrakov position:infrastructure-minister@UKR asserted
holds-position person:antonio-guterres position:secretary-general@un asserted
holds-position person:recep-tayyip-erdogan position:president@TUR asserted
holds-position person:marta-kovalenko position:deputy-infrastructure-minister@UKR asserted
""")

ANNOTATIONS["wire-009"] = ("""
Blinken | person:antony-blinken
Lavrov | person:sergei-lavrov
Geneva | location:geneva
Ukraine | country:UKR
@after Post comments:0 Comments
GENEVA | location:geneva
Switzerland | country:CHE
AP | org:ap
U.S. | country:USA
Secretary of State | position:secretary-of-state@USA
Antony Blinken | person:antony-blinken
Russian | country:RUS
Foreign Minister | position:foreign-minister@RUS
Sergei Lavrov | person:sergei-lavrov
Geneva | location:geneva
Ukraine | country:UKR
Blinken | person:antony-blinken
Washington | country:USA
Moscow | country:RUS
Lavrov | person:sergei-lavrov
Blinken | person:antony-blinken
Lavrov | person:sergei-lavrov
State Department | org:state-department
Lavrov | person:sergei-lavrov
United States | country:USA
Ukraine | country:UKR
Russia | country:RUS
Ukrainian | country:UKR
Blinken | person:antony-blinken
CNN | org:cnn
Russia | country:RUS
United States | country:USA
""", """
located-in location:geneva country:CHE asserted
meets person:antony-blinken person:sergei-lavrov asserted
proposes-talks person:antony-blinken person:sergei-lavrov asserted
meets person:antony-blinken person:sergei-lavrov future
accuses person:sergei-lavrov country:USA asserted
threatens country:RUS country:UKR negated
quoted-by person:antony-blinken org:cnn asserted
threatens person:antony-blinken country:RUS asserted
holds-position person:antony-blinken position:secretary-of-state@USA asserted
holds-position person:sergei-lavrov position:foreign-minister@RUS asserted
""")

ANNOTATIONS["wire-010"] = ("""
MOSCOW | location:moscow
AP | org:ap
British | country:GBR
Foreign Secretary | position:foreign-secretary@GBR
Liz Truss | person:liz-truss
Moscow | location:moscow
Russian | country:RUS
Foreign Minister | position:foreign-minister@RUS
Sergei Lavrov | person:sergei-lavrov
Ukraine | country:UKR
Truss | person:liz-truss
Moscow | location:moscow
Kremlin | country:RUS
Truss | person:liz-truss
Russia | country:RUS
Ukraine | country:UKR
Lavrov | person:sergei-lavrov
Britain | country:GBR
Moscow | country:RUS
Prime Minister | position:prime-minister@GBR
Boris Johnson | person:boris-johnson
President | position:president@RUS
Vladimir Putin | person:vladimir-putin
Downing Street | country:GBR
Russia | country:RUS
Ukrainian | country:UKR
Moscow | country:RUS
French | country:FRA
President | position:president@FRA
Emmanuel Macron | person:emmanuel-macron
Kyiv | location:kyiv
Orlov | person:orlov
Russian | country:RUS
Truss | person:liz-truss
Tass | org:tass
Russia | country:RUS
British | country:GBR
""", """
meets person:liz-truss person:sergei-lavrov asserted
visits person:liz-truss location:moscow asserted
appeals-to person:liz-truss country:RUS asserted
threatens person:liz-truss country:RUS asserted
attacks country:RUS country:UKR hypothetical
criticizes person:sergei-lavrov country:GBR asserted
phones person:boris-johnson person:vladimir-putin future
mobilizes-against country:RUS country:UKR asserted
visits person:emmanuel-macron location:kyiv asserted
accuses person:orlov person:liz-truss asserted
quoted-by person:orlov org:tass asserted
holds-position person:liz-truss position:foreign-secretary@GBR asserted
holds-position person:sergei-lavrov position:foreign-minister@RUS asserted
holds-position person:boris-johnson position:prime-minister@GBR asserted
holds-position person:vladimir-putin position:president@RUS asserted
holds-position person:emmanuel-macron position:president@FRA asserted
""")


def load_articles(articles):
    """id -> text, exactly as the pipeline reads it."""
    out = {}
    for path in sorted(articles.iterdir()):
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


def main(annotations=ANNOTATIONS, articles=ARTICLES, gold=GOLD, script="scripts/make_gold.py"):
    """Write (or with --check, verify) the gold files of `annotations` for the articles
    in `articles` into `gold`. data/heldout/make_gold.py calls this with its own set."""
    check = "--check" in sys.argv
    texts = load_articles(articles)
    missing = set(texts) - set(annotations)
    if missing:
        sys.exit(f"articles without annotations: {sorted(missing)}")
    stale = []
    totals = [0, 0]
    for aid in sorted(annotations):
        text = texts[aid]
        mspec, rspec = annotations[aid]
        mentions = parse_mentions(aid, text, mspec)
        relations = parse_relations(aid, rspec, mentions)
        for m in mentions:
            assert text[m["start"]:m["end"]] == m["text"]
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        totals[0] += len(mentions)
        totals[1] += len(relations)
        out = gold / (aid.replace("/", "__") + ".json")
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
        sys.exit(f"stale gold files (run {script}): " + ", ".join(stale))
    print(f"{len(annotations)} articles, {totals[0]} mentions, {totals[1]} relations")


if __name__ == "__main__":
    main()
