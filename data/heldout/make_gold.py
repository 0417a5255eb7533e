#!/usr/bin/env python3
"""Write data/heldout/gold/*.json (the held-out evaluation set) from the hand annotations below,
computing character offsets with scripts/make_gold.py; only the paths and annotations are this file's.

Each article's mentions are listed in text order as `surface | entity`; the script finds
each surface at or after the end of the previous one (whole-word match), so the list reads
like the article. `@after TEXT` moves the cursor past the next occurrence of TEXT (used to
skip titles and boilerplate, which are not annotated). The mention type comes from the id
prefix. Relations are `type source target modality`; symmetric ones are normalized so that
source < target.

Usage: python3 data/heldout/make_gold.py [--check]   (--check: verify the files are up to date)
Prints every mention with its context so it can be checked by eye.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"

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


if __name__ == "__main__":
    # The offsets, checks and file format are scripts/make_gold.py's; only the
    # annotations and paths are this set's.
    sys.path.insert(0, str(HERE.parent.parent / "scripts"))
    import make_gold

    make_gold.main(ANNOTATIONS, ARTICLES, GOLD, script="data/heldout/make_gold.py")
