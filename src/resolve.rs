//! Resolution: every mention gets a canonical entity id, and every entity an
//! [`EntityInfo`] (label and attributes).
//!
//! Reads `Doc::mentions` (with the table ids the recognizer set); assigns
//! `Mention::entity`, `Doc::entities` and `Doc::attachments`.
//!
//! Rules (DESIGN.md, "Mention forms and alias resolution"), in order of safety:
//! - table ids stand (countries, organizations, known people, places); a listed person
//!   is also found under a variant of the given name ("William Burns" for "Bill Burns");
//! - a full name not in the tables becomes `person:<slug>` of the name with its given
//!   name in full where the short form stands for one name only
//!   (`data/lexicon/given_name_variants.tsv`: "Vince Cable" and "Vincent Cable" are
//!   `person:vincent-cable` everywhere); a nickname in quotes is no part of the id
//!   (`Jean "J" O'Neil-Smith` is `person:jean-oneil-smith`);
//! - inside one article, a name with an ambiguous short form ("Chris Smith") is the one
//!   full-name person with the same surname whose given name it stands for ("Christopher
//!   Smith"), when exactly one is named;
//! - a surname with a particle ("De Vido", "de Gaulle") links to the one full name before
//!   it that ends with it ("Julio De Vido");
//! - a bare surname (or title + surname) links to the one full-name person of this
//!   article with that surname ("Marcos" of "Ferdinand Marcos Jr.") who was named
//!   earlier; with none, the tables' alias; with two or more, or none at all, it stays
//!   its own `person:<surname>`; never chained. In the title line a surname may look ahead:
//!   headlines name people by surname ("Blinken, Lavrov meet in Geneva") before the story
//!   names them in full, so there it links to the one full-name person of the article
//!   with that surname, wherever named;
//! - a lone given name ("Paula") is the one person of the article with that given name
//!   or a form of it, else (unless a rule read it as a surname) no entity;
//! - a pronoun takes the most recent person of the same or previous two sentences;
//! - a position becomes `position:<title>@<scope>`, the scope being the country or
//!   organization the text attaches to it ("Russian", "NATO", "Ukraine's", "of Russia",
//!   "at Alcatel"), else the holder's listed scope or nationality from the tables, else
//!   the scope of the same person's same title elsewhere in the article; a title with no
//!   scope is no entity (it would join every holder of that title). A party before a
//!   state office ("Labour MP", "Tory minister") is the holder's party, not the scope: the
//!   office is the party's country's ([`is_state_office`]; shadow ministers and party
//!   secretaries are the party's).

use crate::doc::{slug, slug_id, Attachment, Doc, EntityInfo, EntityKind, MentionForm};
use crate::lexicon::Lexicon;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Resolver {
    pub lexicon: Arc<Lexicon>,
}

/// Abbreviated titles that may start a rule-found name and are not part of it.
const STRIP_PREFIXES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady",
];

impl Resolver {
    pub fn new(lexicon: Arc<Lexicon>) -> Resolver {
        Resolver { lexicon }
    }

    pub fn apply(&self, doc: &mut Doc) {
        self.people(doc);
        // Organizations and places first: a title's scope may be one the tagger found.
        self.other_rule_mentions(doc);
        defined_acronyms(doc);
        self.attach_positions(doc);
        self.entity_infos(doc);
    }

    fn people(&self, doc: &mut Doc) {
        // Full names first: (mention, id, given name, rest of the name), in text order.
        let mut full: Vec<(usize, String, String, String)> = Vec::new();
        for i in 0..doc.mentions.len() {
            let m = &doc.mentions[i];
            if m.kind != EntityKind::Person || m.form == MentionForm::Pronoun {
                continue;
            }
            let text = clean_name(doc.slice(m.span));
            let words: Vec<&str> = text.split_whitespace().collect();
            if words.len() < 2 {
                continue;
            }
            let id = match &m.entity {
                Some(id) => id.clone(),
                None => match self
                    .person_by_name(&text)
                    .or_else(|| self.person_by_variant(&words))
                    .or_else(|| slug_id("person", &self.canonical_name(&words)))
                {
                    Some(id) => id,
                    None => continue, // no letters to name it by: not an entity
                },
            };
            full.push((i, id, words[0].to_string(), words[1..].join(" ")));
        }
        self.link_variants(&mut full);
        link_particle_surnames(doc, &mut full);
        // Surname -> distinct person ids, with first mention index.
        let mut by_surname: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        for (i, id, _, rest) in &full {
            let surname = surname_of(rest).to_string();
            let list = by_surname.entry(surname).or_default();
            if !list.iter().any(|(x, _)| x == id) {
                list.push((id.clone(), *i));
            }
            doc.mentions[*i].entity = Some(id.clone());
        }
        // Then surnames, lone given names and pronouns, in text order.
        let mut last_person: Option<(usize, String)> = None; // (sentence, id)
        for i in 0..doc.mentions.len() {
            let m = doc.mentions[i].clone();
            if m.kind != EntityKind::Person {
                continue;
            }
            if m.form == MentionForm::Pronoun {
                doc.mentions[i].entity = last_person
                    .as_ref()
                    .filter(|(s, _)| m.sentence <= s + 2)
                    .map(|(_, id)| id.clone());
                continue;
            }
            if m.entity.is_none() || matches!(m.form, MentionForm::Surname | MentionForm::TitleName)
            {
                let text = clean_name(doc.slice(m.span));
                if text.split_whitespace().count() == 1 {
                    let full_names = by_surname.get(&text).map(|v| v.as_slice()).unwrap_or(&[]);
                    let in_title = doc.title_line.is_some_and(|t| t.contains(&m.span));
                    // A peer is named by the title ("Lord Armstrong", "Baroness Morgan"):
                    // the tables' entry for that name, else that name's own id, when no
                    // full name in the article has the surname.
                    let peer = m
                        .tokens
                        .start
                        .checked_sub(1)
                        .map(|k| doc.token_text(k))
                        .filter(|w| matches!(*w, "Lord" | "Baroness" | "Baron"))
                        .map(|w| format!("{w} {text}"));
                    let id = match full_names {
                        [(id, first)] if *first < i || in_title => Some(id.clone()),
                        [_] => None,
                        [] => match &peer {
                            Some(name) => self
                                .person_by_name(name)
                                .or_else(|| slug_id("person", name)),
                            None => m.entity.clone().or_else(|| self.person_by_alias(&text)),
                        },
                        _ => None,
                    };
                    doc.mentions[i].entity = match id {
                        Some(id) => Some(id),
                        // A lone given name ("Paula", "Bill") names the one person of the
                        // article with that given name (or a form of it); else, unless a
                        // rule read it as a surname ("Howard said", "Mrs Hassan"), no one:
                        // a node `person:bill` would join every Bill of the corpus.
                        None if full_names.is_empty() && self.is_given_name(&text) => {
                            let mister = m
                                .tokens
                                .start
                                .checked_sub(1)
                                .map(|k| doc.token_text(k).trim_end_matches('.'))
                                .is_some_and(|w| matches!(w, "Mr" | "Mrs" | "Ms" | "Miss"));
                            self.by_given_name(&full, &text).or_else(|| {
                                (m.form == MentionForm::Surname || mister)
                                    .then(|| slug_id("person", &text))
                                    .flatten()
                            })
                        }
                        None => slug_id("person", &text),
                    };
                }
            }
            if let Some(id) = &doc.mentions[i].entity {
                last_person = Some((m.sentence, id.clone()));
            }
        }
    }

    /// Is `word` a given name of the tables (given_names.txt or a given name variant)?
    fn is_given_name(&self, word: &str) -> bool {
        self.lexicon.given_names.contains(word) || self.lexicon.given_name_forms(word).len() > 1
    }

    /// The one full-name person of the article whose given name is `given` or one of its
    /// forms ("Paula" -> Paula Radcliffe); `None` when there is none or several.
    fn by_given_name(
        &self,
        full: &[(usize, String, String, String)],
        given: &str,
    ) -> Option<String> {
        let mut ids = full
            .iter()
            .filter(|(_, _, g, _)| self.lexicon.given_name_variants(g, given))
            .map(|(_, id, _, _)| id);
        let first = ids.next()?;
        ids.all(|id| id == first).then(|| first.clone())
    }

    /// A listed person whose name is this one with another form of the given name
    /// ("Vincent Cable" when the table lists "Vince Cable"), when exactly one is.
    fn person_by_variant(&self, words: &[&str]) -> Option<String> {
        let rest = words[1..].join(" ");
        let mut found: Vec<&String> = Vec::new();
        for form in self.lexicon.given_name_forms(words[0]) {
            if form != words[0] {
                found.extend(self.lexicon.people_named(&format!("{form} {rest}")));
            }
        }
        found.sort();
        found.dedup();
        match found.as_slice() {
            [one] => Some(format!("person:{one}")),
            _ => None,
        }
    }

    /// A name with its given name in full where the short form stands for one name only:
    /// "Vince Cable" -> "Vincent Cable", "Bill Smith" -> "William Smith"; "Chris Smith"
    /// stays (Christopher or Christine). The id is made from this form, so both spellings
    /// are one node in every article; the label keeps what the text wrote.
    fn canonical_name(&self, words: &[&str]) -> String {
        let given = self.lexicon.full_given_name(words[0]);
        std::iter::once(given)
            .chain(words[1..].iter().copied())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Inside one article, a name whose given name is a short form of several names
    /// ("Chris Smith") is the one full-name person with the same rest of the name and a
    /// given name it stands for ("Christopher Smith"), when exactly one such is named.
    fn link_variants(&self, full: &mut [(usize, String, String, String)]) {
        let lex = &self.lexicon;
        let mut relabel: Vec<(String, String)> = Vec::new();
        for (_, id, given, rest) in full.iter() {
            if lex.short_forms.contains_key(given.as_str()) {
                continue; // already a full name
            }
            let mut targets: Vec<&String> = full
                .iter()
                .filter(|(_, other, g, r)| {
                    r == rest
                        && other != id
                        && lex.short_forms.contains_key(g.as_str())
                        && lex.given_name_variants(g, given)
                })
                .map(|(_, other, _, _)| other)
                .collect();
            targets.sort();
            targets.dedup();
            if let [target] = targets.as_slice() {
                relabel.push((id.clone(), (*target).clone()));
            }
        }
        // Two spellings of one given name with the same rest ("Viktor Makarov", later
        // "Victor Makarov"): the later is the earlier, or the one the tables list.
        for k in 0..full.len() {
            for j in 0..k {
                let (a, b) = (&full[j], &full[k]);
                if a.1 == b.1 || a.3 != b.3 || !spelling_variants(&a.2, &b.2) {
                    continue;
                }
                let listed = |id: &str| {
                    id.strip_prefix("person:")
                        .is_some_and(|key| lex.people.contains_key(key))
                };
                let (from, to) = if listed(&b.1) && !listed(&a.1) {
                    (a.1.clone(), b.1.clone())
                } else {
                    (b.1.clone(), a.1.clone())
                };
                relabel.push((from, to));
            }
        }
        for (from, to) in relabel {
            for entry in full.iter_mut() {
                if entry.1 == from {
                    entry.1 = to.clone();
                }
            }
        }
    }

    fn person_by_name(&self, name: &str) -> Option<String> {
        self.lexicon
            .people_named(name)
            .first()
            .map(|id| format!("person:{id}"))
    }

    /// A single-word alias shared by exactly one listed person.
    fn person_by_alias(&self, word: &str) -> Option<String> {
        match self.lexicon.people_named(word) {
            [one] if self.lexicon.people.get(one).is_some_and(|p| p.name != word) => {
                Some(format!("person:{one}"))
            }
            _ => None,
        }
    }

    /// Find each position's holder and scope, and give it its qualified id
    /// (`position:chief-executive@tesco`). The scope is the country or organization the
    /// text ties the title to ([`scope_of`]: "Tesco chief executive", "chief executive of
    /// Tesco", "chief technology officer at Alcatel"), else the holder's listed office or
    /// nationality, else the scope of a title coordinated with a scoped one, else the scope
    /// the same person's same title has elsewhere in the article. A title with no scope
    /// ("chief executive Finian O'Sullivan said") is left out of the graph: a node
    /// `position:chief-executive` would join every company's chief executive.
    fn attach_positions(&self, doc: &mut Doc) {
        let mut found: Vec<Attachment> = Vec::new();
        let mut titles: Vec<String> = Vec::new();
        for p in 0..doc.mentions.len() {
            if doc.mentions[p].kind != EntityKind::Position {
                continue;
            }
            let holder = self.holder_of(doc, p);
            let title = title_slug(&self.lexicon, doc.slice(doc.mentions[p].span));
            // A place that is not a country scopes an office of its government to the
            // place's country in the tables ("Gibraltar's Chief Minister": `@GBR`); not
            // another office ("England captain", "director of Venice's La Fenice
            // Theatre"), and a place the tables do not place scopes nothing.
            let place_country = |s: usize| {
                let key = doc.mentions[s]
                    .entity
                    .as_deref()?
                    .strip_prefix("location:")?;
                self.lexicon.locations.get(key)?.country.clone()
            };
            let scope = scope_of(doc, p, is_body_office(&title)).filter(|&s| {
                doc.mentions[s].kind != EntityKind::Location
                    || is_place_office(&title) && place_country(s).is_some()
            });
            let place = scope.and_then(place_country);
            // A state office with a party before it ("Labour MP George Galloway", "former
            // Tory minister"): the party is the holder's, the office the country's (the
            // party's home country, else the holder's).
            let party_country = scope
                .filter(|_| is_state_office(&title))
                .and_then(|s| self.party_country(doc, s));
            // A minister or secretary of a government department named right before the
            // title ("US Treasury Secretary John Snow"): the office is the state's, named
            // with the department ("treasury-secretary@USA").
            let department = scope
                .filter(|&s| s + 1 == p && party_country.is_none())
                .and_then(|s| self.department_office(doc, s, p, holder, &title));
            let title = match &department {
                Some((t, _)) => t.clone(),
                None => title,
            };
            let scope_id = match scope {
                Some(_) if place.is_some() => place,
                Some(_) if department.is_some() => department.map(|(_, c)| c),
                Some(_) if party_country.is_some() => {
                    party_country.filter(|c| !c.is_empty()).or_else(|| {
                        holder
                            .and_then(|h| doc.mentions[h].entity.clone())
                            .and_then(|h| self.listed_scope(&h, &title))
                    })
                }
                Some(s) => doc.mentions[s].entity.as_deref().map(scope_suffix),
                None => holder
                    .and_then(|h| doc.mentions[h].entity.clone())
                    .and_then(|h| self.listed_scope(&h, &title))
                    .or_else(|| coordinated_scope(doc, &found, p)),
            };
            doc.mentions[p].entity = scope_id.map(|s| format!("position:{title}@{s}"));
            found.push(Attachment {
                position: p,
                holder,
                scope,
                occupation: is_occupation(&self.lexicon, doc.slice(doc.mentions[p].span)),
                scope_from_article: false,
            });
            titles.push(title);
        }
        // The same person's same title, scoped elsewhere in the article.
        let holder_id = |a: &Attachment| a.holder.and_then(|h| doc.mentions[h].entity.clone());
        let mut scoped: BTreeMap<(String, &str), String> = BTreeMap::new();
        for (a, title) in found.iter().zip(&titles) {
            if let (Some(h), Some(id)) = (holder_id(a), &doc.mentions[a.position].entity) {
                scoped
                    .entry((h, title.as_str()))
                    .or_insert_with(|| id.clone());
            }
        }
        let later: Vec<(usize, String)> = found
            .iter()
            .zip(&titles)
            .filter(|(a, _)| doc.mentions[a.position].entity.is_none())
            .filter_map(|(a, title)| {
                let id = scoped.get(&(holder_id(a)?, title.as_str()))?;
                Some((a.position, id.clone()))
            })
            .collect();
        for (p, id) in later {
            doc.mentions[p].entity = Some(id);
        }
        // A state office still unscoped, held by a person the tables do not know
        // ("Planning Minister Julio De Vido has offered State help" in a story about
        // Argentina): the country the article names most, when one country is named more
        // often than any other. The position-of relation says where its scope came from.
        // (The article's country is counted only for an article that has such an office.)
        let mut home: Option<Option<String>> = None;
        for (a, title) in found.iter_mut().zip(&titles) {
            let p = a.position;
            if doc.mentions[p].entity.is_none()
                && a.scope.is_none()
                && a.holder.is_some()
                && !a.occupation
                && is_state_office(title)
            {
                let home = home.get_or_insert_with(|| article_country(&self.lexicon, doc));
                if let Some(home) = home {
                    doc.mentions[p].entity = Some(format!("position:{title}@{home}"));
                    a.scope_from_article = true;
                }
            }
        }
        // Unscoped titles are no nodes: drop them and renumber the attachments. One that is
        // a predicate ("resigned as international development secretary", "when he was
        // cabinet secretary") stays without an id: relate may find its holder in the parse,
        // and the holder's table entry its scope.
        let keep: Vec<bool> = doc
            .mentions
            .iter()
            .map(|m| {
                m.kind != EntityKind::Position
                    || m.entity.is_some()
                    || crate::recognize::rules::after_predicate_word(doc, m.tokens.start)
            })
            .collect();
        let mut new_index = Vec::with_capacity(keep.len());
        let mut next = 0;
        for k in &keep {
            new_index.push(next);
            next += usize::from(*k);
        }
        doc.attachments = found
            .into_iter()
            .filter(|a| keep[a.position])
            .map(|a| Attachment {
                position: new_index[a.position],
                holder: a.holder.map(|h| new_index[h]),
                scope: a.scope.map(|s| new_index[s]),
                occupation: a.occupation,
                scope_from_article: a.scope_from_article,
            })
            .collect();
        let mut k = 0;
        doc.mentions.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }

    /// The named person a title belongs to: right after it, or before it in apposition.
    fn holder_of(&self, doc: &Doc, p: usize) -> Option<usize> {
        let m = &doc.mentions[p];
        let is_person = |i: usize| {
            doc.mentions[i].kind == EntityKind::Person
                && doc.mentions[i].form != MentionForm::Pronoun
        };
        // "Home Secretary Sir John Stevens", "Tory leader Mr Howard", "Labour peer Lord
        // Greaves" (where "Lord" may be a title mention of its own).
        let honorific = |w: &str| crate::recognize::rules::TITLE_ABBREVIATIONS.contains(&w);
        let mut q = p + 1;
        while q + 1 < doc.mentions.len()
            && doc.mentions[q].kind == EntityKind::Position
            && honorific(doc.slice(doc.mentions[q].span))
        {
            q += 1;
        }
        if q < doc.mentions.len() && is_person(q) {
            let gap = doc.text()[m.span.end..doc.mentions[q].span.start].trim();
            if gap.split_whitespace().all(honorific) {
                return Some(q);
            }
        }
        // "Ukraine's deputy foreign minister, Olena Hrytsenko, said"; "met the Russian
        // president, Vladimir Putin." (the name closing the sentence or clause; not "the
        // chairman, Jo Smith and ...", a list).
        if p + 1 < doc.mentions.len() && is_person(p + 1) {
            let next = &doc.mentions[p + 1];
            let gap = doc.text()[m.span.end..next.span.start].trim();
            let after = doc.text()[next.span.end..].trim_start();
            let closed = after.is_empty() || after.starts_with([',', '.', ';', ':', ')']);
            if gap == "," && closed && next.sentence == m.sentence {
                return Some(p + 1);
            }
        }
        // Apposition: PERSON, [the] [SCOPE['s]] TITLE
        let mut k = p;
        while k > 0 {
            let prev = &doc.mentions[k - 1];
            let gap = doc.text()[prev.span.end..doc.mentions[k].span.start].trim();
            if matches!(prev.kind, EntityKind::Country | EntityKind::Organization)
                && matches!(gap, "" | "the" | "'s" | "’s")
            {
                k -= 1;
                continue;
            }
            if is_person(k - 1) {
                // "the", "a", or a few describing words: "Richard Dodd, regional director of
                // the Countryside Alliance", "Andrew Pearson, European boss of Workshare".
                let g = gap.trim_start_matches(',').trim();
                let describing = g.split_whitespace().count() <= 3
                    && g.split_whitespace().all(|w| {
                        w.chars().all(|c| c.is_alphabetic() || c == '-')
                            && !matches!(
                                w,
                                "and"
                                    | "or"
                                    | "but"
                                    | "nor"
                                    | "said"
                                    | "says"
                                    | "told"
                                    | "who"
                                    | "which"
                                    | "that"
                                    | "with"
                                    | "as"
                                    | "to"
                                    | "and the"
                            )
                    });
                if gap.starts_with(',') && describing && prev.sentence == m.sentence {
                    return Some(k - 1);
                }
            }
            break;
        }
        None
    }

    /// For a government department of the tables named right before a title of its
    /// minister or secretary (`p`), the office's slug with the department's words and the
    /// department's country: "US Treasury" + "Secretary" -> ("treasury-secretary", "USA").
    /// The holder's nationality in the tables wins over the department's country ("the
    /// Treasury" is also the US one: "Treasury Secretary John Snow"). A shadow office is
    /// none (the party's: "Shadow Treasury chief secretary").
    fn department_office(
        &self,
        doc: &Doc,
        s: usize,
        p: usize,
        holder: Option<usize>,
        title: &str,
    ) -> Option<(String, String)> {
        let head = title.rsplit('-').next().unwrap_or(title);
        let shadow = doc.mentions[s]
            .tokens
            .start
            .checked_sub(1)
            .is_some_and(|k| doc.token_text(k).eq_ignore_ascii_case("shadow"));
        if shadow
            || !matches!(head, "secretary" | "undersecretary" | "minister")
            || !doc.text()[doc.mentions[s].span.end..doc.mentions[p].span.start]
                .trim()
                .is_empty()
        {
            return None;
        }
        let key = doc.mentions[s].entity.as_deref()?.strip_prefix("org:")?;
        let org = self.lexicon.organizations.get(key)?;
        let country = org.country.clone().filter(|_| org.kind == "government")?;
        let nationality = holder
            .and_then(|h| doc.mentions[h].entity.as_deref())
            .and_then(|h| self.lexicon.people.get(h.strip_prefix("person:")?))
            .and_then(|person| person.nationality.clone());
        // The department's own words: without the country's name before them ("US").
        let c = self.lexicon.countries.get(&country)?;
        let names_country = |w: &str| {
            w == c.name || w == c.iso2 || c.aliases.iter().chain(&c.demonyms).any(|a| a == w)
        };
        let words: Vec<&str> = doc
            .slice(doc.mentions[s].span)
            .split_whitespace()
            .skip_while(|w| names_country(w))
            .collect();
        if words.is_empty() {
            return None;
        }
        let dept = title_slug(&self.lexicon, &words.join(" "));
        Some((format!("{dept}-{title}"), nationality.unwrap_or(country)))
    }

    /// For a mention of a political party in the tables, its home country (empty when
    /// the table gives none); `None` for any other mention.
    fn party_country(&self, doc: &Doc, m: usize) -> Option<String> {
        let key = doc.mentions[m].entity.as_deref()?.strip_prefix("org:")?;
        let org = self.lexicon.organizations.get(key)?;
        (org.kind == "party").then(|| org.country.clone().unwrap_or_default())
    }

    /// The scope listed for a known person's title, or their nationality.
    fn listed_scope(&self, person_id: &str, title: &str) -> Option<String> {
        listed_scope(&self.lexicon, person_id, title)
    }

    /// Ids of the organizations and places no table knows: the slug of the name. (People
    /// are resolved by [`Resolver::people`], which leaves a lone given name it cannot
    /// place without an id; positions by [`Resolver::attach_positions`].)
    fn other_rule_mentions(&self, doc: &mut Doc) {
        for i in 0..doc.mentions.len() {
            let m = &doc.mentions[i];
            if m.entity.is_some()
                || m.form == MentionForm::Pronoun
                || matches!(m.kind, EntityKind::Person | EntityKind::Position)
            {
                continue;
            }
            let text = clean_name(doc.slice(doc.mentions[i].span));
            // "The Oval" and "Oval" are one place: the article is no part of the id.
            let text = text.strip_prefix("The ").unwrap_or(&text);
            let kind = doc.mentions[i].kind;
            doc.mentions[i].entity = slug_id(kind.id_prefix(), text);
        }
    }

    fn entity_infos(&self, doc: &mut Doc) {
        let mut infos: BTreeMap<String, EntityInfo> = BTreeMap::new();
        for i in 0..doc.mentions.len() {
            let m = &doc.mentions[i];
            let Some(id) = m.entity.clone() else { continue };
            if infos.contains_key(&id) {
                // A full name beats a surname as a label for rule-found people.
                if m.kind == EntityKind::Person && m.form == MentionForm::Name {
                    let label = clean_name(doc.slice(m.span));
                    let e = infos.get_mut(&id).unwrap();
                    if label.len() > e.label.len() && e.attributes.is_empty() {
                        e.label = label;
                    }
                }
                continue;
            }
            let info = self.info(doc, i, &id);
            infos.insert(id, info);
        }
        doc.entities = infos;
    }

    fn info(&self, doc: &Doc, i: usize, id: &str) -> EntityInfo {
        let m = &doc.mentions[i];
        let lex = &self.lexicon;
        let key = id.split_once(':').map(|(_, k)| k).unwrap_or(id);
        let mut attributes = BTreeMap::new();
        let label = match m.kind {
            EntityKind::Country => match lex.countries.get(key) {
                Some(c) => {
                    attributes.insert("iso2".into(), c.iso2.clone());
                    attributes.insert("iso3".into(), c.id.clone());
                    if let Some(cap) = &c.capital {
                        attributes.insert("capital".into(), cap.clone());
                    }
                    c.name.clone()
                }
                None => doc.slice(m.span).to_string(),
            },
            EntityKind::Organization => match lex.organizations.get(key) {
                Some(o) => {
                    attributes.insert("name".into(), o.name.clone());
                    attributes.insert("kind".into(), o.kind.clone());
                    if let Some(a) = &o.acronym {
                        attributes.insert("acronym".into(), a.clone());
                    }
                    if let Some(c) = &o.country {
                        attributes.insert("country".into(), format!("country:{c}"));
                    }
                    o.acronym.clone().unwrap_or_else(|| o.name.clone())
                }
                None => clean_name(doc.slice(m.span)),
            },
            EntityKind::Person => match lex.people.get(key) {
                Some(p) => {
                    if let Some(n) = &p.nationality {
                        attributes.insert("nationality".into(), format!("country:{n}"));
                    }
                    p.name.clone()
                }
                None => clean_name(doc.slice(m.span)),
            },
            EntityKind::Location => match lex.locations.get(key) {
                Some(l) => {
                    if let Some(c) = &l.country {
                        attributes.insert("country".into(), format!("country:{c}"));
                    }
                    l.name.clone()
                }
                None => clean_name(doc.slice(m.span)),
            },
            EntityKind::Position => {
                let scope = key.split_once('@').map(|(_, s)| s);
                return position_info(lex, id, doc.slice(m.span), scope);
            }
        };
        EntityInfo {
            id: id.to_string(),
            kind: Some(m.kind),
            label,
            attributes,
        }
    }
}

/// An acronym the article defines ("the Palestinian Authority (PA)", "the International
/// Finance Facility (IFF)") names that organization everywhere in the article, ahead of
/// the tables ("PA" is PA Media there) and of an id of its own. The acronym must be capitals
/// only and start with the name's first letter (the name's "the" aside).
fn defined_acronyms(doc: &mut Doc) {
    let mut defined: Vec<(String, String)> = Vec::new();
    for k in 0..doc.mentions.len().saturating_sub(1) {
        let (m, n) = (&doc.mentions[k], &doc.mentions[k + 1]);
        let Some(id) = m.entity.as_deref() else {
            continue;
        };
        if m.kind != EntityKind::Organization
            || n.span.start < m.span.end
            || doc.text()[m.span.end..n.span.start] != *" ("
            || !doc.text()[n.span.end..].starts_with(')')
        {
            continue;
        }
        let acronym = doc.slice(n.span);
        let name = doc.slice(m.span);
        let name = name.strip_prefix("the ").unwrap_or(name);
        let capitals =
            (2..=6).contains(&acronym.len()) && acronym.chars().all(|c| c.is_ascii_uppercase());
        if capitals && name.chars().next() == acronym.chars().next() {
            defined.push((acronym.to_string(), id.to_string()));
        }
    }
    if defined.is_empty() {
        return;
    }
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        if m.form.is_coref() {
            continue;
        }
        let text = doc.slice(m.span);
        if let Some((_, id)) = defined.iter().find(|(a, _)| a == text) {
            let m = &mut doc.mentions[i];
            m.entity = Some(id.clone());
            m.kind = EntityKind::Organization;
        }
    }
}

/// The mention stating a position's scope (a country, an organization, or a place whose
/// country then scopes it): just before it or before "former" ("Russian Deputy Foreign
/// Minister", "Ukraine's deputy prime minister", "Labour former minister", "the U.S.
/// deputy secretary of state"), after "of"/"for" ("President of Russia"), or an
/// organization after "at" ("chief technology officer at Alcatel"). Before an office of a
/// company, club or newspaper (`body`), a demonym is the holder's nationality, not the
/// scope: "the German co-head of EADS", "Dutch coach Rinus Michels".
fn scope_of(doc: &Doc, p: usize, body: bool) -> Option<usize> {
    let m = &doc.mentions[p];
    let is_scope = |i: usize| {
        matches!(
            doc.mentions[i].kind,
            EntityKind::Country | EntityKind::Organization | EntityKind::Location
        )
    };
    let nationality = |i: usize| body && doc.mentions[i].form == MentionForm::Demonym;
    if p > 0 && is_scope(p - 1) && !nationality(p - 1) {
        let prev = &doc.mentions[p - 1];
        let gap = doc.text()[prev.span.end..m.span.start].trim();
        // "Labour former minister", "Russia's former president".
        let gap = gap.strip_suffix("former").map_or(gap, str::trim_end);
        if matches!(gap, "" | "'s" | "’s") && prev.sentence == m.sentence {
            return Some(p - 1);
        }
    }
    if p + 1 < doc.mentions.len() && is_scope(p + 1) {
        let next = &doc.mentions[p + 1];
        let gap = doc.text()[m.span.end..next.span.start].trim();
        let org = next.kind == EntityKind::Organization;
        if next.sentence == m.sentence
            && (matches!(gap, "of" | "for" | "of the" | "for the")
                || (org && matches!(gap, "at" | "at the")))
        {
            return Some(p + 1);
        }
    }
    None
}

/// The scope listed for a known person's title in the tables, or their nationality, or
/// the scope of a listed office with the title's head.
pub fn listed_scope(lex: &Lexicon, person_id: &str, title: &str) -> Option<String> {
    let p = lex.people.get(person_id.strip_prefix("person:")?)?;
    let listed = || p.positions.iter().filter_map(|pos| pos.split_once('@'));
    if let Some((_, s)) = listed().find(|(t, _)| *t == title) {
        return Some(s.to_string());
    }
    // A party's office ("Party leader Charles Kennedy") is never the country's: the scope
    // of the holder's listed office of that name (`leader@liberal-democrats`), or none.
    if let Some(office) = title.strip_prefix("party-") {
        return listed()
            .find(|(t, _)| *t == office)
            .map(|(_, s)| s.to_string());
    }
    // A shadow office is the opposition party's, not the country's: the scope of the
    // holder's listed shadow office (`shadow-chancellor@conservative-party`), or none.
    if title.starts_with("shadow-") {
        return listed()
            .find(|(t, _)| t.starts_with("shadow-"))
            .map(|(_, s)| s.to_string());
    }
    // An office of a company, club or newspaper is not the holder's country's ("the
    // company's founder and ex-chief executive, Mikhail Khodorkovsky").
    if is_body_office(title) {
        return None;
    }
    // Else the nationality; without one, the scope of a listed office whose head the
    // title has ("immigration minister" for a listed `minister@GBR`).
    let head = |t: &str| t.rsplit('-').next().unwrap_or(t).to_string();
    p.nationality.clone().or_else(|| {
        listed()
            .find(|(t, _)| !t.contains('-') && head(title) == *t)
            .map(|(_, s)| s.to_string())
    })
}

/// Heads of titles that are offices of a company, club, newspaper or other body, never of
/// a state: the holder's nationality is no scope for them.
const BODY_OFFICES: &[&str] = &[
    "executive",
    "chairman",
    "chairwoman",
    "chairperson",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "manager",
    "boss",
    "founder",
    "editor",
    "coach",
    "owner",
    "officer",
];

/// Whether a title (slug) is an office of a company, club, newspaper or other body: its
/// head is one of [`BODY_OFFICES`].
fn is_body_office(title: &str) -> bool {
    BODY_OFFICES.contains(&title.rsplit('-').next().unwrap_or(title))
}

/// The entity id of a position's scope: `RUS` -> `country:RUS`, `nato` -> `org:nato`
/// (country scopes are ISO alpha-3 codes, organization scopes lowercase slugs).
pub fn scope_entity(scope: &str) -> String {
    if scope.chars().all(|c| c.is_ascii_uppercase()) {
        format!("country:{scope}")
    } else {
        format!("org:{scope}")
    }
}

/// Label and attributes of a position: "Deputy Foreign Minister (Russia)", with its
/// title and scope id.
pub fn position_info(lex: &Lexicon, id: &str, surface: &str, scope: Option<&str>) -> EntityInfo {
    let title = title_label(lex, surface);
    let mut attributes = BTreeMap::new();
    attributes.insert("title".to_string(), title.clone());
    let label = match scope.filter(|s| !s.is_empty()) {
        None => title,
        Some(scope) => {
            let scope_id = scope_entity(scope);
            let scope_label = if scope_id.starts_with("country:") {
                lex.countries.get(scope).map(|c| c.name.clone())
            } else {
                lex.organizations
                    .get(scope)
                    .map(|o| o.acronym.clone().unwrap_or_else(|| o.name.clone()))
            };
            attributes.insert("scope".to_string(), scope_id);
            format!(
                "{title} ({})",
                scope_label.unwrap_or_else(|| scope.to_string())
            )
        }
    };
    EntityInfo {
        id: id.to_string(),
        kind: Some(EntityKind::Position),
        label,
        attributes,
    }
}

/// The country an article is about: the one its mentions name most often, when no other
/// is named as often. A country counts by name, code, demonym or capital; a political
/// party or government body of the tables counts for its home country ("Labour", "the
/// Home Office": Britain). Coreference stand-ins are not counted.
pub(crate) fn article_country<'a>(lex: &'a Lexicon, doc: &'a Doc) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &doc.mentions {
        if m.form.is_coref() {
            continue;
        }
        let Some(id) = m.entity.as_deref() else {
            continue;
        };
        let code = match m.kind {
            EntityKind::Country => id.strip_prefix("country:"),
            EntityKind::Organization => id
                .strip_prefix("org:")
                .and_then(|k| lex.organizations.get(k))
                .filter(|o| matches!(o.kind.as_str(), "party" | "government"))
                .and_then(|o| o.country.as_deref()),
            _ => None,
        };
        if let Some(code) = code.filter(|c| !c.is_empty()) {
            *counts.entry(code).or_default() += 1;
        }
    }
    let mut best: Option<(&str, usize)> = None;
    let mut tied = false;
    for (&code, &n) in &counts {
        match best {
            Some((_, b)) if n < b => {}
            Some((_, b)) if n == b => tied = true,
            _ => {
                best = Some((code, n));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(code, _)| code.to_string())
}

/// "Finnish President Sauli Niinisto and Prime Minister Sanna Marin": a title
/// coordinated right after a scoped title-and-name shares its scope.
fn coordinated_scope(doc: &Doc, done: &[Attachment], p: usize) -> Option<String> {
    let prev = done.last()?;
    let holder = prev.holder?;
    if holder + 1 != p || doc.mentions[holder].sentence != doc.mentions[p].sentence {
        return None;
    }
    let gap = doc.text()[doc.mentions[holder].span.end..doc.mentions[p].span.start].trim();
    if gap != "and" {
        return None;
    }
    let id = doc.mentions[prev.position].entity.as_deref()?;
    id.split_once('@').map(|(_, s)| s.to_string())
}

/// `country:RUS` -> `RUS`, `org:nato` -> `nato`.
fn scope_suffix(id: &str) -> String {
    id.split_once(':').map(|(_, s)| s).unwrap_or(id).to_string()
}

/// Whether a title (slug) is an office of the state, not of a party, even with a party
/// before it: a member of parliament, a minister, a secretary of a department ("home
/// secretary"; not a party's general secretary, nor a shadow minister, who speaks for the
/// opposition party).
pub fn is_state_office(title: &str) -> bool {
    let last = title.rsplit('-').next().unwrap_or(title);
    !title.starts_with("shadow")
        && (matches!(last, "mp" | "msp" | "minister")
            || (last == "secretary"
                && title.contains('-')
                && !title.ends_with("general-secretary")
                && !title.ends_with("party-secretary")))
}

/// Whether a title (as written) names an occupation, not an office: its head, the last
/// head word before "of"/"for"/"to", is an occupation in the titles table ("BBC
/// correspondent", "a senior KGB officer", "the founder of Menatep"), and it is no chief's
/// title ("chief operating officer" is an office).
pub fn is_occupation(lex: &Lexicon, title: &str) -> bool {
    let mut head = None;
    for w in title.split_whitespace() {
        let lower = w.to_lowercase();
        if matches!(lower.as_str(), "of" | "for" | "to") {
            break;
        }
        if lower == "chief" {
            return false;
        }
        if let Some(r) = lex.titles.get(&lower).filter(|r| r.is_head()) {
            head = Some(*r);
        }
    }
    head.is_some_and(|r| r.is_occupation())
}

/// Whether a title (slug) is an office of a place's government: a state office
/// ([`is_state_office`]) or a mayor, governor, premier, attorney general, councillor,
/// judge or chief constable.
fn is_place_office(title: &str) -> bool {
    let last = title.rsplit('-').next().unwrap_or(title);
    is_state_office(title)
        || title.ends_with("attorney-general")
        || matches!(
            last,
            "mayor" | "governor" | "premier" | "councillor" | "judge" | "constable"
        )
}

/// The canonical slug of a title: lowercase, singular head, no article.
pub fn title_slug(lex: &Lexicon, title: &str) -> String {
    let words: Vec<String> = title
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("the"))
        .map(|w| {
            let lower = w.to_lowercase();
            if lex.titles.get(&lower).is_some_and(|r| r.is_plural()) {
                singular(&lower)
            } else {
                lower
            }
        })
        .collect();
    slug(&words.join(" "))
}

fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

/// "deputy secretary of state" -> "Deputy Secretary of State"; "Presidents" -> "President".
pub fn title_label(lex: &Lexicon, surface: &str) -> String {
    let mut out = Vec::new();
    for w in surface.split_whitespace() {
        let lower = w.to_lowercase();
        if lower == "the" && out.is_empty() {
            continue;
        }
        if matches!(lower.as_str(), "of" | "for" | "to" | "and" | "the" | "on") {
            out.push(lower);
            continue;
        }
        // Acronym titles keep their capitals: "MP", "MEP", "CEO".
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_lowercase())
        {
            out.push(w.trim_end_matches(['s']).to_string());
            continue;
        }
        let lower = if lex.titles.get(&lower).is_some_and(|r| r.is_plural()) {
            singular(&lower)
        } else {
            lower
        };
        let parts: Vec<String> = lower
            .split('-')
            .map(|p| {
                let mut c = p.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect();
        out.push(parts.join("-"));
    }
    out.join(" ")
}

/// A name as written, whitespace collapsed, abbreviated titles dropped, and a nickname
/// in quotes inside it left out (`Jean "J" O'Neil-Smith` -> `Jean O'Neil-Smith`).
/// Whether two given names are spellings of one: Latin letters only, the same first
/// letter, at least four letters, and one letter changed, added or dropped
/// ("Viktor"/"Victor", "Sergei"/"Sergey", "Mohammed"/"Mohamed"). Names in other scripts
/// keep their own ids (tests/entities.rs).
fn spelling_variants(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let latin = |w: &[char]| w.iter().all(|c| c.is_ascii_alphabetic());
    if a == b
        || !latin(&a)
        || !latin(&b)
        || a.len().min(b.len()) < 4
        || a.len().abs_diff(b.len()) > 1
        || a[0] != b[0]
    {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // One substitution: the rest after the first difference is equal.
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        // One insertion: the longer without its differing letter is the shorter.
        short[prefix..] == long[prefix + 1..]
    }
}

fn clean_name(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let start = usize::from(words.len() > 1 && STRIP_PREFIXES.contains(&words[0]));
    let words = &words[start..];
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        if k > 0 {
            if let Some(end) = nickname_end(words, k) {
                k = end;
                continue;
            }
        }
        out.push(words[k]);
        k += 1;
    }
    out.join(" ")
}

/// A nickname in quotes starting at `words[k]` (whitespace-split words, the quotes
/// attached: `"Hands`, `Stone"`), followed by more of the name: the index after it.
fn nickname_end(words: &[&str], k: usize) -> Option<usize> {
    let (open, close) = [('"', '"'), ('“', '”'), ('‘', '’'), ('\'', '\'')]
        .into_iter()
        .find(|(o, _)| words[k].starts_with(*o))?;
    let last = (k..words.len()).find(|&j| {
        let w = if j == k {
            &words[j][open.len_utf8()..]
        } else {
            words[j]
        };
        w.ends_with(close)
    })?;
    (last + 1 < words.len() && last - k < 5).then_some(last + 1)
}

/// Words that begin a surname of several words: "De Vido" of "Julio De Vido", "de Gaulle".
const SURNAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "di", "da", "das", "dos", "du", "van", "von", "ter", "ten", "le",
    "la", "bin", "ibn",
];

/// A name of two or more words that starts with a surname particle ("De Vido", "de
/// Gaulle", "Van Persie") is the surname of the one full name earlier in the article that
/// ends with it ("Julio De Vido"; in the title line, anywhere in the article), not a
/// person of its own: its id becomes that person's. The particle's case may differ
/// ("De Gaulle" at the start of a sentence). Two such full names leave it alone.
fn link_particle_surnames(doc: &Doc, full: &mut [(usize, String, String, String)]) {
    for k in 0..full.len() {
        let (i, _, first, rest) = &full[k];
        if !SURNAME_PARTICLES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(first))
        {
            continue;
        }
        let tail: Vec<&str> = std::iter::once(first.as_str())
            .chain(rest.split(' '))
            .collect();
        let in_title = doc
            .title_line
            .is_some_and(|t| t.contains(&doc.mentions[*i].span));
        let mut found: Option<&str> = None;
        for (j, id, g, r) in full.iter() {
            let words: Vec<&str> = std::iter::once(g.as_str()).chain(r.split(' ')).collect();
            let ends_with = words.len() > tail.len()
                && words[words.len() - tail.len()..]
                    .iter()
                    .zip(&tail)
                    .enumerate()
                    .all(|(n, (a, b))| {
                        if n == 0 {
                            a.eq_ignore_ascii_case(b)
                        } else {
                            a == b
                        }
                    });
            if !ends_with || !(j < i || in_title) {
                continue;
            }
            match found {
                Some(f) if f != id => {
                    found = None;
                    break;
                }
                _ => found = Some(id),
            }
        }
        if let Some(id) = found.map(str::to_string) {
            full[k].1 = id;
        }
    }
}

/// Generational suffixes after a surname: "Ferdinand Marcos Jr." is a Marcos.
const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// The surname of a name without its given name ("Marcos" of "Marcos Jr.").
fn surname_of(rest: &str) -> &str {
    let mut words = rest.split(' ').rev();
    let last = words.next().unwrap_or(rest);
    if NAME_SUFFIXES.contains(&last) {
        words.next().unwrap_or(last)
    } else {
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_honorifics_and_nicknames_and_keep_their_surname() {
        assert_eq!(clean_name("Mr  Cable"), "Cable");
        assert_eq!(clean_name("Jean \"J\" O'Neil-Smith"), "Jean O'Neil-Smith");
        assert_eq!(
            clean_name("Roberto \"Hands of Stone\" Duran"),
            "Roberto Duran"
        );
        assert_eq!(clean_name("Hector “Macho” Camacho"), "Hector Camacho");
        // A quote with nothing after it is no nickname.
        assert_eq!(clean_name("Tony \"Blair\""), "Tony \"Blair\"");
        assert_eq!(surname_of("Marcos Jr."), "Marcos");
        assert_eq!(surname_of("von der Leyen"), "Leyen");
        assert_eq!(surname_of("Cable"), "Cable");
    }

    #[test]
    fn titles_are_slugged_and_labelled() {
        let lex = Lexicon::builtin();
        assert_eq!(
            title_slug(lex, "Deputy Foreign Minister"),
            "deputy-foreign-minister"
        );
        assert_eq!(
            title_slug(lex, "the deputy secretary of state"),
            "deputy-secretary-of-state"
        );
        assert_eq!(title_slug(lex, "Presidents"), "president");
        assert_eq!(
            title_label(lex, "the deputy secretary of state"),
            "Deputy Secretary of State"
        );
        assert_eq!(title_label(lex, "Secretary-General"), "Secretary-General");
    }

    /// A headline names people by surname before the story names them in full; in the
    /// title line the surname links ahead, in the body it does not (never guessed).
    #[test]
    fn surnames_in_the_title_line_link_to_the_full_name_named_later() {
        let pipeline = crate::pipeline::Pipeline::builtin();
        let text = "Kovalenko meets Petrenko in Lviv\n\nMarta Kovalenko met Ivan Petrenko on \
                    Monday. Kovalenko said the talks went well.";
        let doc = pipeline.extract(crate::doc::Article {
            id: "t".into(),
            text: text.into(),
            title: Some("Kovalenko meets Petrenko in Lviv".into()),
            ..Default::default()
        });
        let people: Vec<(&str, &str)> = doc
            .entities
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| (m.text.as_str(), m.entity.as_str()))
            .collect();
        assert_eq!(
            people,
            [
                ("Kovalenko", "person:marta-kovalenko"),
                ("Petrenko", "person:ivan-petrenko"),
                ("Marta Kovalenko", "person:marta-kovalenko"),
                ("Ivan Petrenko", "person:ivan-petrenko"),
                ("Kovalenko", "person:marta-kovalenko"),
            ]
        );
    }

    /// A title set off before a name is the name's when the name closes the sentence or
    /// is set off by a second comma; not when a list goes on after it.
    #[test]
    fn a_title_before_a_name_set_off_by_a_comma_is_the_names() {
        let holders = |text: &str| -> Vec<(String, String)> {
            let doc = extracted(text);
            doc.relations
                .iter()
                .filter(|r| r.kind == crate::doc::RelationKind::HoldsPosition)
                .map(|r| (r.source.clone(), r.target.clone()))
                .collect()
        };
        let abbas = vec![(
            "person:mahmoud-abbas".to_string(),
            "position:president@PSE".to_string(),
        )];
        assert_eq!(
            holders("Tony Blair met the Palestinian president, Mahmoud Abbas."),
            abbas
        );
        assert_eq!(
            holders("The Palestinian president, Mahmoud Abbas, met Tony Blair."),
            abbas
        );
        assert_eq!(
            holders("Tony Blair met the Palestinian president, Mahmoud Abbas and Ariel Sharon."),
            vec![]
        );
        // Without a scope in the text: the tables know the holder's office.
        assert_eq!(
            holders("The chancellor, Gordon Brown, said it."),
            vec![(
                "person:gordon-brown".to_string(),
                "position:chancellor@GBR".to_string()
            )]
        );
        assert_eq!(
            holders("He met the chancellor, Gordon Brown and Tony Blair."),
            vec![]
        );
    }

    /// "source relation target" of each relation extracted from `text` but quoted-by,
    /// sorted.
    fn facts(text: &str) -> Vec<String> {
        let doc = extracted(text);
        let mut v: Vec<String> = doc
            .relations
            .iter()
            .filter(|r| r.kind != crate::doc::RelationKind::QuotedBy)
            .map(|r| format!("{} {} {}", r.source, r.kind.as_str(), r.target))
            .collect();
        v.sort();
        v
    }

    /// The extract record of one article of `text`, from one shared pipeline.
    fn extracted(text: &str) -> crate::extract::ExtractedDoc {
        use std::sync::OnceLock;
        static PIPELINE: OnceLock<crate::pipeline::Pipeline> = OnceLock::new();
        PIPELINE
            .get_or_init(crate::pipeline::Pipeline::builtin)
            .extract(crate::doc::Article {
                id: "t".into(),
                text: text.into(),
                ..Default::default()
            })
    }

    /// A party before a state office is the holder's party, not the office's scope: the
    /// office is the party's country's; a party office stays the party's.
    #[test]
    fn a_state_office_with_a_party_before_it_is_the_countrys() {
        assert!(is_state_office("mp") && is_state_office("home-secretary"));
        assert!(is_state_office("minister") && is_state_office("justice-minister"));
        assert!(!is_state_office("general-secretary") && !is_state_office("secretary"));
        assert!(!is_state_office("shadow-home-secretary") && !is_state_office("leader"));
        assert_eq!(
            facts("Labour MP George Galloway spoke."),
            [
                "person:george-galloway holds-position position:mp@GBR",
                "person:george-galloway member-of org:labour-party",
                "position:mp@GBR position-of country:GBR",
            ]
        );
        assert_eq!(
            facts("Tory leader Michael Howard spoke."),
            [
                "person:michael-howard holds-position position:leader@conservative-party",
                "person:michael-howard member-of org:conservative-party",
                "position:leader@conservative-party position-of org:conservative-party",
            ]
        );
        // "former" between the scope and the title.
        assert_eq!(
            facts("Labour former minister Jo Smith spoke."),
            [
                "person:jo-smith holds-position position:minister@GBR",
                "person:jo-smith member-of org:labour-party",
                "position:minister@GBR position-of country:GBR",
            ]
        );
        assert_eq!(
            facts("Tory former leader Jo Smith spoke."),
            [
                "person:jo-smith holds-position position:leader@conservative-party",
                "person:jo-smith member-of org:conservative-party",
                "position:leader@conservative-party position-of org:conservative-party",
            ]
        );
    }

    /// A minister or secretary named with a government department before the title holds
    /// a state office, named with the department and scoped to the country (the holder's,
    /// where the tables know it); the department is not their employer in the graph.
    #[test]
    fn a_department_before_a_secretary_names_a_state_office() {
        assert_eq!(
            facts("US Treasury Secretary John Snow spoke on Monday."),
            [
                "person:john-snow holds-position position:treasury-secretary@USA",
                "position:treasury-secretary@USA position-of country:USA",
            ]
        );
        // "the Treasury" is the UK's, but the tables know John Snow is American.
        assert_eq!(
            facts("Treasury Secretary John Snow spoke on Monday."),
            [
                "person:john-snow holds-position position:treasury-secretary@USA",
                "position:treasury-secretary@USA position-of country:USA",
            ]
        );
        assert_eq!(
            facts("Home Office minister Jo Smith spoke on Monday."),
            [
                "person:jo-smith holds-position position:home-office-minister@GBR",
                "position:home-office-minister@GBR position-of country:GBR",
            ]
        );
        // Not a state office: the department's own.
        assert_eq!(
            facts("Home Office spokesman Jo Smith spoke on Monday."),
            [
                "person:jo-smith holds-position position:spokesman@home-office",
                "person:jo-smith member-of org:home-office",
                "position:spokesman@home-office position-of org:home-office",
            ]
        );
    }

    /// A known person's nationality scopes an office of state the text leaves unscoped, not
    /// a shadow office (the party's, when the tables list one) nor a company's or club's.
    #[test]
    fn a_nationality_scopes_no_company_office_and_no_shadow_office() {
        assert_eq!(
            facts("Chancellor Gordon Brown spoke."),
            [
                "person:gordon-brown holds-position position:chancellor@GBR",
                "position:chancellor@GBR position-of country:GBR",
            ]
        );
        assert!(facts("Chief executive Steve Jobs spoke.").is_empty());
        assert!(facts("Coach Sven-Goran Eriksson spoke.").is_empty());
        // A demonym before a company's office is the holder's nationality, not its scope.
        assert!(facts("Dutch co-chairman Jo Smith spoke.")
            .iter()
            .all(|f| !f.contains("@NLD")));
        assert!(
            facts("His former shadow chancellor Michael Portillo spoke.")
                .iter()
                .all(|f| !f.contains("@GBR"))
        );
    }

    /// A state office the text does not scope, held by someone the tables do not know, is
    /// the office of the country the article names most (a party or government body of the
    /// tables counting for its home country); with two countries named as often, or for an
    /// office that is not the state's, it has no scope and is no node.
    #[test]
    fn an_unscoped_state_office_is_the_office_of_the_articles_country() {
        assert_eq!(
            facts("Argentina wants a deal. Planning Minister Jo Smith said Argentina would pay."),
            [
                "person:jo-smith holds-position position:planning-minister@ARG",
                "position:planning-minister@ARG position-of country:ARG",
            ]
        );
        assert_eq!(
            facts("Labour and the Tories argued over Iraq. Schools Minister Jo Smith spoke."),
            [
                "person:jo-smith holds-position position:schools-minister@GBR",
                "position:schools-minister@GBR position-of country:GBR",
            ]
        );
        let positions = |text: &str| {
            facts(text)
                .into_iter()
                .filter(|f| f.contains("position"))
                .collect::<Vec<_>>()
        };
        assert!(positions("Argentina and Chile met. Planning Minister Jo Smith spoke.").is_empty());
        assert!(positions("Argentina wants a deal. Chief executive Jo Smith spoke.").is_empty());
    }

    /// A place that is not a country scopes an office of its government to its country;
    /// no other office.
    #[test]
    fn a_place_scopes_its_offices_to_its_country() {
        assert_eq!(
            facts("Gibraltar's Chief Minister Jo Smith spoke on Monday."),
            [
                "person:jo-smith holds-position position:chief-minister@GBR",
                "position:chief-minister@GBR position-of country:GBR",
            ]
        );
        assert!(facts("Wales captain Jo Smith spoke on Monday.").is_empty());
    }

    /// Two spellings of one given name with one surname in an article are one person, and
    /// the bare surname then names them.
    #[test]
    fn spellings_of_one_given_name_are_one_person() {
        assert!(spelling_variants("Viktor", "Victor"));
        assert!(spelling_variants("Sergei", "Sergey"));
        assert!(spelling_variants("Mohammed", "Mohamed"));
        assert!(!spelling_variants("Viktor", "Viktor"));
        assert!(!spelling_variants("Jon", "Jan"), "too short to tell");
        assert!(!spelling_variants("Mark", "Marta"), "two changes");
        assert!(!spelling_variants("Daniel", "Gabriel"));
        let doc = extracted(
            "Dmitry Orlovsky arrived on Monday. Mr Orlovsky said he was tired. \
             Later Dmitri Orlovsky left.",
        );
        let ids: Vec<&str> = doc
            .entities
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| m.entity.as_str())
            .collect();
        assert_eq!(ids, ["person:dmitry-orlovsky"; 3]);
    }

    /// A peer is named by the title: the tables' "Lord Goldsmith", else "Lord X"'s own id,
    /// never a listed person who only shares the surname; a full name in the article wins.
    #[test]
    fn a_peer_is_named_by_the_title() {
        let people = |text: &str| -> Vec<String> {
            let doc = extracted(text);
            doc.entities
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| m.entity.clone())
                .collect()
        };
        assert_eq!(
            people("Attorney General Lord Goldsmith spoke to Lord Quarrington."),
            ["person:lord-goldsmith", "person:lord-quarrington"]
        );
        assert_eq!(
            people("Lord Ashcroft gave the party money."),
            ["person:lord-ashcroft"],
            "not John Ashcroft of the tables"
        );
        assert_eq!(
            people("Neil Kinnock spoke. Lord Kinnock left."),
            ["person:neil-kinnock", "person:neil-kinnock"]
        );
    }

    /// An acronym defined after an organization's name names it in the whole article,
    /// ahead of the tables; a dateline's "(AP)" after a place defines nothing.
    #[test]
    fn an_acronym_the_article_defines_names_that_organization() {
        let orgs = |text: &str| -> Vec<(String, String)> {
            let doc = extracted(text);
            doc.entities
                .iter()
                .filter(|m| m.kind == EntityKind::Organization)
                .map(|m| (m.text.clone(), m.entity.clone()))
                .collect()
        };
        let pa = "org:palestinian-authority".to_string();
        assert_eq!(
            orgs("Israel shared files with the Palestinian Authority (PA). The PA said so."),
            [
                ("Palestinian Authority".to_string(), pa.clone()),
                ("PA".to_string(), pa.clone()),
                ("PA".to_string(), pa),
            ]
        );
        let ap = orgs("WASHINGTON (AP) - The AP said so.");
        assert!(
            ap.len() == 2 && ap.iter().all(|(_, id)| id == "org:ap"),
            "{ap:?}"
        );
    }

    /// A title in apposition after a name may have describing words before it, and a
    /// lowercase "director" or "leader" is a title when a name follows "of".
    #[test]
    fn an_apposed_title_with_describing_words_is_the_names() {
        let holds = |text: &str| -> Vec<String> {
            let doc = extracted(text);
            doc.relations
                .iter()
                .filter(|r| r.kind == crate::doc::RelationKind::HoldsPosition)
                .map(|r| format!("{} {}", r.source, r.target))
                .collect()
        };
        assert_eq!(
            holds("Jan Nowak, a director of Tesco, said it was bad."),
            ["person:jan-nowak position:director@tesco"]
        );
        assert_eq!(
            holds("Jan Nowak, regional director of Tesco, said it was bad."),
            ["person:jan-nowak position:director@tesco"]
        );
        assert_eq!(
            holds("Jan Nowak, Anna Berg and the director of Tesco spoke."),
            Vec::<String>::new()
        );
        assert_eq!(holds("Poland is a member of NATO."), Vec::<String>::new());
    }
}
