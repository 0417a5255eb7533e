//! Mention recognition: finds spans that name people, countries, organizations,
//! positions and locations.
//!
//! Reads `Doc::sentences`, `Doc::tokens`, `Doc::boilerplate`; assigns `Doc::mentions`
//! (sorted by start, non-overlapping). Table hits carry their entity id; rule hits get
//! theirs from [`crate::resolve`].
//!
//! Sources, in the order they are tried:
//! 1. the [`gazetteer`] (tables): names, aliases, acronyms, demonyms, metonyms;
//!    a capital or government building is a country (metonym) only where it acts,
//!    otherwise the place ([`acts_as_government`]);
//! 2. [`rules`]: position titles attached to a person or a scope, people after a title,
//!    given name + surname, names before "said"/"told", later surnames of found people,
//!    and third-person pronouns (used by relations only);
//! 3. the statistical tagger, where one is loaded: its PER/ORG/LOC spans fill the gaps.
//!
//! Overlap policy (one, written down): among table and rule candidates the longest wins,
//! then the leftmost, then the higher-ranked source (table over rule); then the tagger's
//! confident spans replace table and rule candidates where [`merge`] says the tagger
//! knows better (a longer name, a club named like its city), and a place named like a
//! person of the article becomes that person's surname; then the remaining tagger spans
//! are added only where they overlap nothing already chosen. [`merge`] writes the whole
//! policy down with its thresholds.

pub mod gazetteer;
pub mod merge;
pub mod rules;
pub mod tagger;

use crate::doc::{Doc, EntityKind, Mention, MentionForm, MentionSource, Span};
use crate::lexicon::Lexicon;
use gazetteer::{Gazetteer, Reading};
use std::sync::Arc;

/// A candidate mention over global token indexes `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub form: MentionForm,
    pub entity: Option<String>,
    pub source: MentionSource,
}

/// The recognizer stage: tables, rules and (optionally) the tagger.
pub struct Recognizer {
    pub lexicon: Arc<Lexicon>,
    gazetteer: Gazetteer,
    tagger: Option<&'static tagger::Tagger>,
}

impl Recognizer {
    pub fn new(lexicon: Arc<Lexicon>, tagger: Option<&'static tagger::Tagger>) -> Recognizer {
        let gazetteer = Gazetteer::new(&lexicon);
        Recognizer {
            lexicon,
            gazetteer,
            tagger,
        }
    }

    pub fn apply(&self, doc: &mut Doc) {
        let mut cands = Vec::new();
        for si in 0..doc.sentences.len() {
            let range = doc.sentences[si].tokens.clone();
            if doc.in_boilerplate(doc.sentences[si].span) {
                continue;
            }
            let words: Vec<&str> = range.clone().map(|i| doc.token_text(i)).collect();
            let first = cands.len();
            for m in self.gazetteer.find(&words) {
                if let Some(c) = self.choose_reading(range.start, &words, m) {
                    cands.push(c);
                }
            }
            let mut found = Vec::new();
            rules::titles_and_people(
                &self.lexicon,
                range.start,
                &words,
                &cands[first..],
                &mut found,
            );
            cands.extend(found);
        }
        let mut chosen = select(cands);
        let tagged = match self.tagger {
            Some(t) => self.tagger_spans(doc, t),
            None => Vec::new(),
        };
        let common_opener = |i: usize| {
            use crate::learn::clusters::{self, case};
            let Some(t) = self.tagger else {
                return false;
            };
            let opens = doc
                .sentences
                .get(doc.tokens[i].sentence)
                .is_some_and(|s| s.tokens.start == i);
            opens
                && matches!(
                    t.clusters.case(clusters::lower_key(doc.token_text(i))),
                    case::LOWER | case::MOSTLY_LOWER
                )
        };
        merge::yield_to_tagger(doc, &self.lexicon, &tagged, &common_opener, &mut chosen);
        merge::surname_shadows(doc, &mut chosen);
        rules::surnames(doc, &mut chosen);
        rules::pronouns(doc, &mut chosen);
        add_tagger_spans(doc, &self.lexicon, &tagged, &mut chosen);
        rules::named_by_descriptor(doc, &self.lexicon, &mut chosen);
        rules::attached_titles_only(doc, &mut chosen);
        chosen.sort_by_key(|c| (c.start, c.end));
        doc.mentions = chosen
            .into_iter()
            .map(|c| {
                let span = Span::new(
                    doc.tokens[c.start].span.start,
                    doc.tokens[c.end - 1].span.end,
                );
                Mention {
                    span,
                    tokens: c.start..c.end,
                    kind: c.kind,
                    form: c.form,
                    entity: c.entity,
                    source: c.source,
                    sentence: doc.tokens[c.start].sentence,
                }
            })
            .collect();
    }

    /// Pick one reading of a gazetteer match using its context.
    fn choose_reading(
        &self,
        base: usize,
        words: &[&str],
        m: gazetteer::Match,
    ) -> Option<Candidate> {
        let mut readings = m.readings;
        readings.sort_by_key(rank_of);
        let has_place = readings.iter().any(|r| r.kind == EntityKind::Location);
        let has_metonym = readings.iter().any(|r| r.form == MentionForm::Metonym);
        let pick: Reading = if has_place && has_metonym {
            if acts_as_government(words, m.start, m.end) {
                readings
                    .into_iter()
                    .find(|r| r.form == MentionForm::Metonym)?
            } else {
                readings
                    .into_iter()
                    .find(|r| r.kind == EntityKind::Location)?
            }
        } else if readings.iter().all(|r| r.form == MentionForm::Metonym)
            && is_place_phrase(words, m.start)
        {
            // A government building used as a place: "a news conference at the White House".
            let surface = words[m.start..m.end].join(" ");
            Reading {
                kind: EntityKind::Location,
                id: crate::doc::slug_id("location", &surface)?,
                form: MentionForm::Name,
            }
        } else {
            readings.into_iter().next()?
        };
        Some(Candidate {
            start: base + m.start,
            end: base + m.end,
            kind: pick.kind,
            form: pick.form,
            entity: Some(pick.id),
            source: MentionSource::Gazetteer,
        })
    }

    /// The tagger's spans over the whole document (global token indexes), trimmed of a
    /// leading article and trailing punctuation, MISC included.
    fn tagger_spans(&self, doc: &Doc, t: &tagger::Tagger) -> Vec<merge::TaggerSpan> {
        let sentences: Vec<_> = doc
            .sentences
            .iter()
            .filter(|s| !doc.in_boilerplate(s.span))
            .collect();
        let tokens: Vec<(Vec<Span>, Vec<u8>)> = sentences
            .iter()
            .map(|s| {
                let spans: Vec<Span> = s.tokens.clone().map(|i| doc.tokens[i].span).collect();
                let flags = s
                    .tokens
                    .clone()
                    .map(|i| self.lexicon.word_flags(doc.token_text(i)))
                    .collect();
                (spans, flags)
            })
            .collect();
        let input: Vec<(&[Span], &[u8])> = tokens.iter().map(|(s, f)| (&s[..], &f[..])).collect();
        let mut out = Vec::new();
        for (s, spans) in sentences
            .iter()
            .zip(t.tag_tokens_document(doc.text(), &input))
        {
            for span in spans {
                let (start, end) = (s.tokens.start + span.start, s.tokens.start + span.end);
                let (start, end) = rules::trim_name(doc, start, end);
                if start >= end {
                    continue;
                }
                out.push(merge::TaggerSpan {
                    start,
                    end,
                    label: span.label,
                    score: span.score,
                });
            }
        }
        out
    }
}

/// Tagger spans fill the gaps: PER/ORG/LOC spans over tokens nothing else took.
fn add_tagger_spans(
    doc: &Doc,
    lex: &Lexicon,
    tagged: &[merge::TaggerSpan],
    chosen: &mut Vec<Candidate>,
) {
    let mut extra = Vec::new();
    // Tokens already inside a mention: a bitmap, so long articles stay linear.
    let mut taken = vec![false; doc.tokens.len()];
    for c in chosen.iter() {
        taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
    }
    for span in tagged {
        // Below even odds a person span is more often wrong than right (CoNLL dev);
        // organizations and places gain down to 0.4.
        let min = if span.label == tagger::NerLabel::Per {
            0.5
        } else {
            0.4
        };
        if span.score < min {
            continue;
        }
        let (start, end) = (span.start, span.end);
        if taken[start..end].iter().any(|t| *t) {
            continue;
        }
        let Some(kind) = merge::kind_of(span.label) else {
            continue;
        };
        if !rules::plausible_name(doc, lex, start, end, kind, span.score) {
            continue;
        }
        taken[start..end].iter_mut().for_each(|t| *t = true);
        extra.push(Candidate {
            start,
            end,
            kind,
            form: MentionForm::Name,
            entity: None,
            source: MentionSource::Tagger,
        });
    }
    chosen.extend(extra);
}

/// Which reading of an ambiguous surface to prefer when context does not decide.
fn rank_of(r: &Reading) -> u8 {
    match (r.kind, r.form) {
        (EntityKind::Country, MentionForm::Name | MentionForm::Alias | MentionForm::Acronym) => 0,
        (EntityKind::Country, MentionForm::Demonym) => 1,
        (EntityKind::Organization, _) => 2,
        (EntityKind::Person, _) => 3,
        (EntityKind::Country, _) => 4,
        (EntityKind::Location, _) => 5,
        _ => 6,
    }
}

/// A government building named as a place: "at the White House", "inside the Kremlin".
/// Otherwise ("the Kremlin said", "White House press secretary") it is the government.
fn is_place_phrase(words: &[&str], start: usize) -> bool {
    let mut k = start;
    if k > 0 && words[k - 1].eq_ignore_ascii_case("the") {
        k -= 1;
    }
    k > 0
        && matches!(
            words[k - 1].to_lowercase().as_str(),
            "at" | "in"
                | "inside"
                | "outside"
                | "to"
                | "into"
                | "near"
                | "from"
                | "visited"
                | "visit"
                | "visiting"
                | "toward"
                | "towards"
                | "across"
        )
}

/// Does a capital (or building) at `words[start..end]` stand for its government?
/// "Moscow has sought", "signals from Washington", "talks with Moscow", "Moscow's demands"
/// act; "in Moscow", "the Moscow talks" and a dateline ("MOSCOW (AP)") are places.
pub fn acts_as_government(words: &[&str], start: usize, end: usize) -> bool {
    let prev = if start > 0 {
        words[start - 1].to_lowercase()
    } else {
        String::new()
    };
    let prev2 = if start > 1 {
        words[start - 2].to_lowercase()
    } else {
        String::new()
    };
    let next = words.get(end).map(|w| w.to_string()).unwrap_or_default();
    // Dateline: sentence-initial ALL CAPS, or followed by "(" or a dash.
    if start == 0 && (words[start].chars().all(|c| !c.is_lowercase()) || next == "(" || next == "—")
    {
        return false;
    }
    // Skip a time phrase after the name: "Moscow on Wednesday rejected", "Kyiv last week said".
    let mut k = end;
    if matches!(
        words.get(k).copied(),
        Some("on" | "last" | "this" | "late" | "early")
    ) && words.get(k + 1).is_some_and(|w| is_time_word(w))
    {
        k += 2;
    } else if words.get(k).is_some_and(|w| is_time_word(w)) {
        k += 1;
    }
    let next = words.get(k).map(|w| w.to_string()).unwrap_or_default();
    if matches!(
        prev.as_str(),
        "in" | "at"
            | "to"
            | "near"
            | "outside"
            | "into"
            | "across"
            | "around"
            | "via"
            | "the"
            | "a"
            | "visit"
            | "visited"
            | "visiting"
            | "toward"
            | "towards"
            | "through"
            | "inside"
            | "of"
    ) {
        return false;
    }
    // The object of a verb: "backed Kyiv", "condemned Minsk", "warned Moscow", "give Moscow".
    if is_transitive_verb(&prev) || (prev == "for" && is_transitive_verb(&prev2)) {
        return true;
    }
    if prev == "from" {
        return matches!(
            prev2.as_str(),
            "signals"
                | "signal"
                | "demands"
                | "pressure"
                | "message"
                | "messages"
                | "response"
                | "proposal"
                | "proposals"
                | "warning"
                | "warnings"
                | "call"
                | "calls"
                | "assurances"
                | "guarantees"
                | "concessions"
                | "support"
                | "criticism"
                | "aid"
                | "request"
                | "word"
                | "officials"
                | "envoys"
                | "diplomats"
                | "delegation"
                | "threats"
        );
    }
    if matches!(
        prev.as_str(),
        "with" | "against" | "between" | "by" | "and" | "on" | "accused" | "urged"
    ) {
        return true;
    }
    if next == "'s" || next == "’s" {
        return true;
    }
    is_verbish(&next)
}

fn is_time_word(w: &str) -> bool {
    crate::words::is_weekday(w)
        || matches!(
            w,
            "week"
                | "month"
                | "year"
                | "night"
                | "morning"
                | "evening"
                | "today"
                | "yesterday"
                | "weekend"
        )
}

/// A verb whose object may be a government: "backed Kyiv", "warned Moscow".
fn is_transitive_verb(w: &str) -> bool {
    const VERBS: &[&str] = &[
        "give",
        "gives",
        "told",
        "tell",
        "tells",
        "urge",
        "warn",
        "back",
        "support",
        "supports",
        "accuse",
        "blame",
        "sanction",
        "punish",
        "pressure",
        "press",
        "join",
        "help",
        "helps",
        "threaten",
        "ask",
        "asks",
        "invite",
        "invites",
        "defend",
        "defends",
        "attack",
        "attacks",
        "criticize",
        "condemn",
        "reject",
        "persuade",
        "convince",
        "call",
        "calls",
        "signed",
    ];
    let w = w.trim();
    w.chars().all(|c| c.is_ascii_lowercase())
        && (VERBS.contains(&w)
            || (w.len() > 4
                && w.ends_with("ed")
                && !matches!(
                    w,
                    "based"
                        | "located"
                        | "headquartered"
                        | "stationed"
                        | "held"
                        | "arrived"
                        | "landed"
                        | "stayed"
                )))
}

/// A word that can follow a subject as its verb (or auxiliary).
fn is_verbish(w: &str) -> bool {
    if w.is_empty() || !w.chars().next().unwrap().is_lowercase() {
        return false;
    }
    // Besides auxiliaries and verbs of saying: verbs a subject often takes in news text.
    const VERBS: &[&str] = &[
        "wants",
        "wanted",
        "sought",
        "seeks",
        "insists",
        "denied",
        "denies",
        "rejected",
        "rejects",
        "accused",
        "accuses",
        "warns",
        "demanded",
        "demands",
        "urged",
        "urges",
        "threatened",
        "threatens",
        "refused",
        "refuses",
        "agreed",
        "agrees",
        "announced",
        "announces",
        "responded",
        "responds",
        "did",
        "does",
        "also",
        "then",
        "later",
        "quickly",
        "signaled",
        "signalled",
        "believes",
        "hopes",
        "plans",
        "imposed",
        "imposes",
        "condemned",
        "criticized",
        "criticised",
        "backed",
        "supports",
        "supported",
        "sent",
        "called",
        "offered",
        "proposed",
        "dismissed",
        "ruled",
        "expelled",
        "recalled",
    ];
    crate::words::is_auxiliary(w) || crate::words::is_speech_verb(w) || VERBS.contains(&w)
}

/// Longest-then-leftmost selection of non-overlapping candidates; on equal spans the
/// table beats the rules.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(a.source.cmp(&b.source))
    });
    // Tokens taken so far: a bitmap keeps this linear in the candidates' lengths.
    let mut taken: Vec<bool> = vec![false; cands.iter().map(|c| c.end).max().unwrap_or(0)];
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in cands {
        if !taken[c.start..c.end].iter().any(|t| *t) {
            taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_act_only_as_subjects_or_partners() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let case = |s: &str, i: usize| {
            let ws = w(s);
            let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
            acts_as_government(&refs, i, i + 1)
        };
        assert!(case("Moscow has sought concessions", 0));
        assert!(case("cited signals from Washington that", 3));
        assert!(case("talks with Moscow", 2));
        assert!(!case("talks in Moscow", 2));
        assert!(!case("MOSCOW ( AP )", 0));
        assert!(!case("the Moscow talks", 1));
        assert!(!case("he flew from Washington", 3));
    }
}
