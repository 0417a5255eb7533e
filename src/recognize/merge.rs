//! How table and rule candidates meet the tagger's spans (the merge policy), as it is.
//!
//! After tables and rules are selected (longest, leftmost, table over rule), each tagger
//! span (trimmed of a leading article and trailing punctuation; MISC included) is set
//! against the candidates it overlaps. Positions and pronouns are never replaced, and a
//! span that crosses a candidate's boundary changes nothing. Otherwise:
//! 1. **A table match never cuts a longer name the tagger sees**: a span with mean tag
//!    probability >= 0.5 that contains the candidates and adds a word none of them
//!    covers replaces them ("Kurdistan Democratic Party" over "Kurdistan" +
//!    "Democratic Party", "Naina Yeltsin" over "Yeltsin", "Dynamo Moscow"). A MISC span
//!    removes them and adds nothing ("U.S. Open", "Gulf War"). A span that only joins
//!    table names with a hyphen ("NATO-Russia", "German-Israeli") keeps both names.
//! 2. **Same span, other type**: a rule candidate yields to the tagger at >= 0.8; a
//!    table candidate yields at >= 0.6 when the context says so (`context_cue`: a
//!    place that plays, beats, signs, is beaten or stands beside a score is a club),
//!    and at >= 0.7 without a cue ("Kent had reached 108 for three").
//!
//! The thresholds were chosen on CoNLL-2003 dev (whole recognizer, PER/ORG/LOC) with
//! `data/gold` as the check that news text does not lose; `data/heldout` was not used.

use super::tagger::NerLabel;
use super::Candidate;
use crate::doc::{Doc, EntityKind, MentionForm, MentionSource};

/// One span of the statistical tagger over global token indexes, already trimmed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
    pub score: f32,
}

/// Our type for a tagger label (MISC has none).
pub fn kind_of(label: NerLabel) -> Option<EntityKind> {
    match label {
        NerLabel::Per => Some(EntityKind::Person),
        NerLabel::Org => Some(EntityKind::Organization),
        NerLabel::Loc => Some(EntityKind::Location),
        NerLabel::Misc => None,
    }
}

/// The tagger label a candidate corresponds to (`None` for positions and pronouns).
fn label_of(c: &Candidate) -> Option<NerLabel> {
    match (c.kind, c.form) {
        (_, MentionForm::Pronoun) | (EntityKind::Position, _) => None,
        (EntityKind::Country, MentionForm::Demonym) => Some(NerLabel::Misc),
        (EntityKind::Person, _) => Some(NerLabel::Per),
        (EntityKind::Organization, _) => Some(NerLabel::Org),
        (EntityKind::Country | EntityKind::Location, _) => Some(NerLabel::Loc),
    }
}

/// Rule 1: least confidence for a longer span to replace what it contains.
const LONGER_MIN: f32 = 0.5;
/// Rule 2: least confidence to retype a table match with a context cue, without one,
/// and to retype a rule candidate.
const SAME_WITH_CUE: f32 = 0.6;
const SAME_WITHOUT_CUE: f32 = 0.7;
const SAME_RULE: f32 = 0.8;

/// Replaces table and rule candidates by tagger spans where the policy says the tagger
/// knows better. `chosen` is sorted by start and non-overlapping, and stays so.
pub fn yield_to_tagger(doc: &Doc, tagged: &[TaggerSpan], chosen: &mut Vec<Candidate>) {
    let mut removed = vec![false; chosen.len()];
    let mut added: Vec<Candidate> = Vec::new();
    for t in tagged {
        // Candidates overlapping the span (chosen is sorted and non-overlapping).
        let first = chosen.partition_point(|c| c.end <= t.start);
        let last = first + chosen[first..].partition_point(|c| c.start < t.end);
        if first == last || (first..last).any(|k| removed[k]) {
            continue;
        }
        let over = &chosen[first..last];
        if over.iter().any(|c| label_of(c).is_none()) {
            continue;
        }
        let inside = over.iter().all(|c| t.start <= c.start && c.end <= t.end);
        let same_span = over.len() == 1 && over[0].start == t.start && over[0].end == t.end;
        let replace = if inside && !same_span {
            t.score >= LONGER_MIN && adds_a_word(doc, t, over)
        } else if same_span {
            let c = &over[0];
            let differs = label_of(c) != Some(t.label);
            let min = if c.source == MentionSource::Rule {
                SAME_RULE
            } else if context_cue(doc, c, t.label) {
                SAME_WITH_CUE
            } else {
                SAME_WITHOUT_CUE
            };
            differs && t.score >= min
        } else {
            false
        };
        if !replace {
            continue;
        }
        for r in &mut removed[first..last] {
            *r = true;
        }
        if let Some(kind) = kind_of(t.label) {
            if super::rules::plausible_name(doc, t.start, t.end, kind) {
                added.push(Candidate {
                    start: t.start,
                    end: t.end,
                    kind,
                    form: MentionForm::Name,
                    entity: None,
                    source: MentionSource::Tagger,
                });
            }
        }
    }
    if added.is_empty() && !removed.iter().any(|r| *r) {
        return;
    }
    let mut k = 0;
    chosen.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    chosen.extend(added);
    chosen.sort_by_key(|c| c.start);
}

/// Does the tagger span hold a word no candidate covers? "U.S. Open" adds "Open" to
/// "U.S."; "NATO-Russia" only joins two table names with a hyphen.
fn adds_a_word(doc: &Doc, t: &TaggerSpan, over: &[Candidate]) -> bool {
    (t.start..t.end).any(|i| {
        doc.token_text(i).chars().any(char::is_alphanumeric)
            && !over.iter().any(|c| c.start <= i && i < c.end)
    })
}

/// Words around a place name that make it a team: "Kent beat", "beaten by Essex",
/// "CHICAGO 5", "Leeds v Chelsea".
const SPORT_WORDS: &[&str] = &[
    "beat",
    "beats",
    "beaten",
    "beating",
    "play",
    "plays",
    "played",
    "playing",
    "sign",
    "signs",
    "signed",
    "signing",
    "drew",
    "draw",
    "draws",
    "lost",
    "lose",
    "loses",
    "won",
    "win",
    "wins",
    "defeated",
    "defeat",
    "defeats",
    "v",
    "vs",
    "vs.",
    "v.",
    "against",
    "captain",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "batsman",
    "bowler",
    "pitcher",
    "fans",
    "supporters",
    "rallied",
    "routed",
    "edged",
    "thrashed",
    "trounced",
    "hosted",
    "scored",
    "scores",
    "clinched",
    "innings",
];

/// Does the text around candidate `c` say it is of the tagger's type `label`?
/// A place that plays, beats, signs or is beaten (or stands beside a score) is a club.
fn context_cue(doc: &Doc, c: &Candidate, label: NerLabel) -> bool {
    let sentence = doc.tokens[c.start].sentence;
    let word = |i: usize| {
        doc.tokens
            .get(i)
            .filter(|t| t.sentence == sentence)
            .map(|t| doc.slice(t.span))
    };
    let before = c.start.checked_sub(1).and_then(word);
    let before2 = c.start.checked_sub(2).and_then(word);
    let after = word(c.end);
    let after2 = word(c.end + 1);
    let lower = |w: Option<&str>| w.map(str::to_lowercase).unwrap_or_default();
    let is_sport = |w: Option<&str>| SPORT_WORDS.contains(&lower(w).as_str());
    let is_score = |w: Option<&str>| {
        w.is_some_and(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_digit()))
    };
    match label {
        NerLabel::Org => {
            is_sport(after)
                || is_sport(before)
                || (lower(after) == "'s" && is_sport(after2))
                || (lower(before) == "by" && is_sport(before2))
                || is_score(after)
        }
        _ => false,
    }
}
