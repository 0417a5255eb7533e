//! The gazetteer: every surface form of every table entry (names, aliases, acronyms,
//! demonyms, metonyms), indexed by its token sequence, matched longest-first at each
//! token of a sentence.
//!
//! Matching is token-based (so word boundaries are exact and "NATO-Russia" yields both
//! names) and case-checked per token: a token matches exactly, or as ALL CAPS for words
//! of four letters or more (datelines: "GENEVA"). Acronyms never match other casings
//! ("US" is not "us"). A leading "the" of an entry ("the Kremlin") is not part of it.

use crate::doc::{EntityKind, MentionForm};
use crate::hash::{FastMap, FastSet};
use crate::lexicon::Lexicon;
use crate::segment::tokenize;
use std::borrow::Cow;

/// What a surface form can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: EntityKind,
    pub id: String,
    pub form: MentionForm,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The surface's tokens as written in the table.
    tokens: Vec<String>,
    readings: Vec<Reading>,
}

/// A match: token range (in the sentence's token slice) and what it can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub readings: Vec<Reading>,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Lowercased tokens joined by '\u{1}' -> entries with that key.
    entries: FastMap<String, Vec<Entry>>,
    /// Lowercased first tokens, to skip positions quickly.
    firsts: FastSet<String>,
    max_len: usize,
}

impl Gazetteer {
    pub fn new(lex: &Lexicon) -> Gazetteer {
        let mut g = Gazetteer::default();
        for c in lex.countries.values() {
            let id = format!("country:{}", c.id);
            g.add(&c.name, EntityKind::Country, &id, MentionForm::Name);
            for a in &c.aliases {
                g.add(a, EntityKind::Country, &id, alias_form(a));
            }
            for d in &c.demonyms {
                g.add(d, EntityKind::Country, &id, MentionForm::Demonym);
            }
            for m in &c.metonyms {
                g.add(m, EntityKind::Country, &id, MentionForm::Metonym);
            }
            if let Some(cap) = &c.capital {
                g.add(cap, EntityKind::Country, &id, MentionForm::Metonym);
            }
        }
        for o in lex.organizations.values() {
            let id = format!("org:{}", o.id);
            g.add(&o.name, EntityKind::Organization, &id, MentionForm::Name);
            if let Some(a) = &o.acronym {
                g.add(a, EntityKind::Organization, &id, MentionForm::Acronym);
            }
            for a in &o.aliases {
                g.add(a, EntityKind::Organization, &id, alias_form(a));
            }
        }
        for p in lex.people.values() {
            let id = format!("person:{}", p.id);
            g.add(&p.name, EntityKind::Person, &id, MentionForm::Name);
            let surname = p.name.split_whitespace().last().unwrap_or("");
            for a in &p.aliases {
                let form = if a == surname {
                    MentionForm::Surname
                } else {
                    MentionForm::Alias
                };
                g.add(a, EntityKind::Person, &id, form);
            }
        }
        for l in lex.locations.values() {
            let id = format!("location:{}", l.id);
            g.add(&l.name, EntityKind::Location, &id, MentionForm::Name);
            for a in &l.aliases {
                g.add(a, EntityKind::Location, &id, alias_form(a));
            }
        }
        g
    }

    fn add(&mut self, surface: &str, kind: EntityKind, id: &str, form: MentionForm) {
        let surface = surface.trim();
        let surface = surface
            .strip_prefix("the ")
            .or_else(|| surface.strip_prefix("The "))
            .unwrap_or(surface);
        let tokens: Vec<String> = tokenize(surface)
            .into_iter()
            .map(|s| surface[s.start..s.end].to_string())
            .collect();
        if tokens.is_empty() {
            return;
        }
        let key = key_of(tokens.iter().map(String::as_str));
        self.firsts.insert(tokens[0].to_lowercase());
        self.max_len = self.max_len.max(tokens.len());
        let list = self.entries.entry(key).or_default();
        let reading = Reading {
            kind,
            id: id.to_string(),
            form,
        };
        if let Some(e) = list.iter_mut().find(|e| e.tokens == tokens) {
            if !e.readings.contains(&reading) {
                e.readings.push(reading);
            }
        } else {
            list.push(Entry {
                tokens,
                readings: vec![reading],
            });
        }
    }

    /// All longest matches in a token sequence, left to right, non-overlapping.
    pub fn find(&self, words: &[&str]) -> Vec<Match> {
        let mut out = Vec::new();
        let lower: Vec<Cow<str>> = words.iter().map(|w| crate::words::lower(w)).collect();
        // The key of the longest candidate at a position, and where each shorter one ends
        // in it: the keys of all lengths without building one per length.
        let mut key = String::with_capacity(64);
        let mut ends = Vec::with_capacity(self.max_len);
        let mut i = 0;
        while i < words.len() {
            if !self.firsts.contains(lower[i].as_ref()) {
                i += 1;
                continue;
            }
            let mut found = None;
            let longest = self.max_len.min(words.len() - i);
            key.clear();
            ends.clear();
            for (n, w) in lower[i..i + longest].iter().enumerate() {
                if n > 0 {
                    key.push(KEY_SEPARATOR);
                }
                key.push_str(w);
                ends.push(key.len());
            }
            for len in (1..=longest).rev() {
                if let Some(entries) = self.entries.get(&key[..ends[len - 1]]) {
                    let readings: Vec<Reading> = entries
                        .iter()
                        .filter(|e| case_matches(&e.tokens, &words[i..i + len]))
                        .flat_map(|e| e.readings.iter().cloned())
                        .collect();
                    if !readings.is_empty() {
                        found = Some(Match {
                            start: i,
                            end: i + len,
                            readings,
                        });
                        break;
                    }
                }
            }
            match found {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Joins the lowercased tokens of a key.
const KEY_SEPARATOR: char = '\u{1}';

fn key_of<'a>(tokens: impl Iterator<Item = &'a str>) -> String {
    let mut k = String::new();
    for (n, t) in tokens.enumerate() {
        if n > 0 {
            k.push(KEY_SEPARATOR);
        }
        k.push_str(&t.to_lowercase());
    }
    k
}

/// Acronyms ("U.S.", "NATO") get the acronym form; other aliases the alias form.
fn alias_form(a: &str) -> MentionForm {
    let letters: Vec<char> = a.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if upper && !a.contains(' ') {
        MentionForm::Acronym
    } else {
        MentionForm::Alias
    }
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters > 0
}

fn case_matches(entry: &[String], text: &[&str]) -> bool {
    entry.iter().zip(text).all(|(e, t)| {
        if e == t {
            return true;
        }
        // "The"/"the" and other function words inside names: case-free.
        if matches!(e.as_str(), "the" | "of" | "and" | "for") && e.eq_ignore_ascii_case(t) {
            return true;
        }
        // ALL CAPS text (datelines, headlines) for words that are not acronyms themselves.
        let letters = e.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 4 && !is_all_caps(e) && is_all_caps(t) && e.to_uppercase() == *t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|sp| s[sp.start..sp.end].to_string())
            .collect()
    }

    fn find(s: &str) -> Vec<(String, Vec<String>)> {
        let g = Gazetteer::new(Lexicon::builtin());
        let w = words(s);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        g.find(&refs)
            .into_iter()
            .map(|m| {
                (
                    w[m.start..m.end].join(" "),
                    m.readings.iter().map(|r| r.id.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn names_acronyms_demonyms_and_case() {
        let got = find("GENEVA (AP) — U.S. and Russian officials met at the Kremlin; NATO-Russia talks let us go.");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec!["GENEVA", "AP", "U.S.", "Russian", "Kremlin", "NATO", "Russia"]
        );
        assert_eq!(got[2].1, vec!["country:USA"]);
        assert!(got[4].1.contains(&"country:RUS".to_string()));
    }

    #[test]
    fn longest_match_wins() {
        let got = find("the Organization for Security and Cooperation in Europe met");
        assert_eq!(
            got[0].0,
            "Organization for Security and Cooperation in Europe"
        );
        assert_eq!(got[0].1, vec!["org:osce"]);
    }
}
