//! Resolution: every mention gets a canonical entity id, and every entity an
//! [`EntityInfo`] (label and attributes).
//!
//! Reads `Doc::mentions` (with the table ids the recognizer set); assigns
//! `Mention::entity`, `Doc::entities` and `Doc::attachments`.
//!
//! Rules (DESIGN.md, "Mention forms and alias resolution"), in order of safety:
//! - table ids stand (countries, organizations, known people, places);
//! - a full name not in the tables becomes `person:<slug>`;
//! - a bare surname (or title + surname) links to the one full-name person of this
//!   article with that surname who was named earlier; with none, the tables' alias; with
//!   two or more, or none at all, it stays its own `person:<surname>`; never chained.
//!   In the title line a surname may look ahead: headlines name people by surname
//!   ("Blinken, Lavrov meet in Geneva") before the story names them in full, so there it
//!   links to the one full-name person of the article with that surname, wherever named;
//! - a pronoun takes the most recent person of the same or previous two sentences;
//! - a position becomes `position:<title>@<scope>`, the scope being the country or
//!   organization the text attaches to it ("Russian", "NATO", "Ukraine's", "of Russia"),
//!   else the holder's listed scope or nationality from the tables, else none.

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
        self.attach_positions(doc);
        self.other_rule_mentions(doc);
        self.entity_infos(doc);
    }

    fn people(&self, doc: &mut Doc) {
        // Full names first: surname -> distinct person ids, with first mention index.
        let mut by_surname: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
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
                    .or_else(|| slug_id("person", &text))
                {
                    Some(id) => id,
                    None => continue, // no letters to name it by: not an entity
                },
            };
            let surname = words.last().unwrap().to_string();
            let list = by_surname.entry(surname).or_default();
            if !list.iter().any(|(x, _)| *x == id) {
                list.push((id.clone(), i));
            }
            doc.mentions[i].entity = Some(id);
        }
        // Then surnames and pronouns, in text order.
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
                    let id = match full_names {
                        [(id, first)] if *first < i || in_title => Some(id.clone()),
                        [_] => None,
                        [] => m.entity.clone().or_else(|| self.person_by_alias(&text)),
                        _ => None,
                    };
                    doc.mentions[i].entity = id.or_else(|| slug_id("person", &text));
                }
            }
            if let Some(id) = &doc.mentions[i].entity {
                last_person = Some((m.sentence, id.clone()));
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

    /// Find each position's holder and scope, and give it its qualified id. A bare
    /// one-word title with no scope ("Minister", "Spokesman") says too little to be a
    /// node of its own (it would glue unrelated people together) and is dropped.
    fn attach_positions(&self, doc: &mut Doc) {
        let mut drop = vec![false; doc.mentions.len()];
        for (p, d) in drop.iter_mut().enumerate() {
            if doc.mentions[p].kind != EntityKind::Position {
                continue;
            }
            let one_word = !doc
                .slice(doc.mentions[p].span)
                .trim()
                .contains(char::is_whitespace);
            if one_word && scope_of(doc, p).is_none() {
                let holder = self.holder_of(doc, p);
                let title = title_slug(&self.lexicon, doc.slice(doc.mentions[p].span));
                let listed = holder
                    .and_then(|h| doc.mentions[h].entity.clone())
                    .and_then(|h| self.listed_scope(&h, &title));
                *d = listed.is_none();
            }
        }
        if drop.iter().any(|d| *d) {
            let mut k = 0;
            doc.mentions.retain(|_| {
                k += 1;
                !drop[k - 1]
            });
        }
        let n = doc.mentions.len();
        let mut attachments = Vec::new();
        for p in 0..n {
            if doc.mentions[p].kind != EntityKind::Position {
                continue;
            }
            let holder = self.holder_of(doc, p);
            let scope = scope_of(doc, p);
            let title = title_slug(&self.lexicon, doc.slice(doc.mentions[p].span));
            let scope_id = match scope {
                Some(s) => doc.mentions[s].entity.as_deref().map(scope_suffix),
                None => holder
                    .and_then(|h| doc.mentions[h].entity.clone())
                    .and_then(|h| self.listed_scope(&h, &title))
                    .or_else(|| coordinated_scope(doc, &attachments, p)),
            };
            let id = match &scope_id {
                Some(s) => format!("position:{title}@{s}"),
                None => format!("position:{title}"),
            };
            doc.mentions[p].entity = Some(id);
            attachments.push(Attachment {
                position: p,
                holder,
                scope,
            });
        }
        doc.attachments = attachments;
    }

    /// The named person a title belongs to: right after it, or before it in apposition.
    fn holder_of(&self, doc: &Doc, p: usize) -> Option<usize> {
        let m = &doc.mentions[p];
        let is_person = |i: usize| {
            doc.mentions[i].kind == EntityKind::Person
                && doc.mentions[i].form != MentionForm::Pronoun
        };
        if p + 1 < doc.mentions.len() && is_person(p + 1) {
            let gap = &doc.text()[m.span.end..doc.mentions[p + 1].span.start];
            if gap.trim().is_empty() {
                return Some(p + 1);
            }
        }
        // "Ukraine's deputy foreign minister, Olena Hrytsenko, said"
        if p + 1 < doc.mentions.len() && is_person(p + 1) {
            let next = &doc.mentions[p + 1];
            let gap = doc.text()[m.span.end..next.span.start].trim();
            let after = doc.text()[next.span.end..].trim_start();
            if gap == "," && after.starts_with(',') && next.sentence == m.sentence {
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
                let g = gap.trim_start_matches(',').trim();
                if gap.starts_with(',')
                    && matches!(g, "" | "the" | "a")
                    && prev.sentence == m.sentence
                {
                    return Some(k - 1);
                }
            }
            break;
        }
        None
    }

    /// The scope listed for a known person's title, or their nationality.
    fn listed_scope(&self, person_id: &str, title: &str) -> Option<String> {
        listed_scope(&self.lexicon, person_id, title)
    }

    fn other_rule_mentions(&self, doc: &mut Doc) {
        for i in 0..doc.mentions.len() {
            if doc.mentions[i].entity.is_some() || doc.mentions[i].form == MentionForm::Pronoun {
                continue;
            }
            let text = clean_name(doc.slice(doc.mentions[i].span));
            let kind = doc.mentions[i].kind;
            doc.mentions[i].entity = slug_id(kind.id_prefix(), &text);
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

/// The mention stating a position's scope: a country or organization just before it
/// ("Russian Deputy Foreign Minister", "Ukraine's deputy prime minister",
/// "the U.S. deputy secretary of state") or after "of"/"for" ("President of Russia").
fn scope_of(doc: &Doc, p: usize) -> Option<usize> {
    let m = &doc.mentions[p];
    let is_scope = |i: usize| {
        matches!(
            doc.mentions[i].kind,
            EntityKind::Country | EntityKind::Organization
        )
    };
    if p > 0 && is_scope(p - 1) {
        let prev = &doc.mentions[p - 1];
        let gap = doc.text()[prev.span.end..m.span.start].trim();
        if matches!(gap, "" | "'s" | "’s") && prev.sentence == m.sentence {
            return Some(p - 1);
        }
    }
    if p + 1 < doc.mentions.len() && is_scope(p + 1) {
        let next = &doc.mentions[p + 1];
        let gap = doc.text()[m.span.end..next.span.start].trim();
        if matches!(gap, "of" | "for" | "of the" | "for the") && next.sentence == m.sentence {
            return Some(p + 1);
        }
    }
    None
}

/// The scope listed for a known person's title in the tables, or their nationality.
pub fn listed_scope(lex: &Lexicon, person_id: &str, title: &str) -> Option<String> {
    let p = lex.people.get(person_id.strip_prefix("person:")?)?;
    for pos in &p.positions {
        if let Some((t, s)) = pos.split_once('@') {
            if t == title {
                return Some(s.to_string());
            }
        }
    }
    p.nationality.clone()
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
        if matches!(lower.as_str(), "of" | "for" | "and" | "the" | "on") {
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

/// A name as written, whitespace collapsed, abbreviated titles dropped.
fn clean_name(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let start = usize::from(words.len() > 1 && STRIP_PREFIXES.contains(&words[0]));
    words[start..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
