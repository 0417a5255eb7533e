//! The interchange types: what `extract` writes (one [`ExtractedDoc`] per article, a line
//! of JSON Lines), the character spans it uses ([`TextSpan`]) and the article metadata a
//! graph keeps ([`ArticleMeta`]). Graph building and merging read only these, never the
//! NLP stages, so a record written on one machine can be merged on another.
//!
//! Depends on nothing but the shared labels of [`crate::doc`] ([`EntityKind`],
//! [`MentionForm`], [`RelationKind`], [`Modality`]).

use crate::doc::{EntityKind, MentionForm, Modality, RelationKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One article as `extract` writes it: metadata, entity mentions, relation mentions and
/// what the article says of each entity (DESIGN.md, "Interfaces").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ExtractedDoc {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Entity mentions, in text order.
    pub entities: Vec<MentionOut>,
    /// Relation mentions, in text order of their trigger.
    pub relations: Vec<RelationOut>,
    /// What the article says of each entity it mentions (label, attributes), sorted by id.
    #[serde(default)]
    pub nodes: Vec<NodeOut>,
}

impl ExtractedDoc {
    /// The article's metadata as a graph keeps it.
    pub fn meta(&self) -> ArticleMeta {
        ArticleMeta {
            id: self.id.clone(),
            title: self.title.clone(),
            date: self.date.clone(),
            url: self.url.clone(),
            source: self.source.clone(),
        }
    }
}

/// One entity mention: character offsets, surface text, type, form and entity id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub form: MentionForm,
    pub entity: String,
}

/// One relation mention with its provenance (DESIGN.md, "Provenance").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationOut {
    #[serde(rename = "type")]
    pub kind: RelationKind,
    pub source: String,
    pub target: String,
    pub modality: Modality,
    #[serde(default)]
    pub reported: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<String>,
    pub sentence_index: usize,
    pub sentence: String,
    pub trigger: TextSpan,
    pub source_mention: TextSpan,
    pub target_mention: TextSpan,
    pub rule: String,
    pub confidence: f32,
    /// The CAMEO code of the trigger-table row that matched (event relations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// When the source is a pronoun or short nominal: its form and its antecedent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_coref: Option<CorefOut>,
    /// When the target is a pronoun or short nominal: its form and its antecedent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_coref: Option<CorefOut>,
}

/// How a relation's end that is a pronoun ("he") or short nominal ("the company") was
/// linked: its form and the earlier mention it stands for (character offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorefOut {
    pub form: MentionForm,
    pub antecedent: TextSpan,
}

/// What one article says of one entity: its label and attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeOut {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub label: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// Character offsets (end-exclusive) into the article text, and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// An article's metadata, as a graph keeps it (one per contributing article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleMeta {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The calendar day a date string starts with, as `YYYY-MM-DD`, if it is a real day
/// (`2022-01-10`, `2022-01-10T08:00:00Z` and `2022-01-10 08:00` all give `2022-01-10`).
/// The shape is checked here; whether the day exists (month lengths, leap years) is
/// `jiff`'s calendar.
pub fn iso_day(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    civil_day(&s[..10])?;
    Some(s[..10].to_string())
}

/// A `YYYY-MM-DD` string (ASCII digits, year 0001-9999) as a `jiff` calendar date.
fn civil_day(day: &str) -> Option<jiff::civil::Date> {
    let num = |r: std::ops::Range<usize>| -> Option<i16> {
        let t = day.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if y == 0 {
        return None;
    }
    jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// The day after a `YYYY-MM-DD` day (for merging consecutive days into one spell).
pub(crate) fn next_day(day: &str) -> Option<String> {
    let next = civil_day(day)?.tomorrow().ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        next.year(),
        next.month(),
        next.day()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Gregorian rule, written out once here so the test does not trust the crate.
    fn gregorian_days_in_month(y: u32, m: u32) -> u32 {
        match m {
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    #[test]
    fn iso_day_agrees_with_the_gregorian_rule_on_every_month_and_day_number() {
        for y in [1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let s = format!("{y:04}-{m:02}-{d:02}");
                    let real =
                        (1..=12).contains(&m) && d >= 1 && d <= gregorian_days_in_month(y, m);
                    assert_eq!(iso_day(&s).is_some(), real, "{s}");
                }
            }
        }
        assert_eq!(iso_day("0000-01-01"), None);
        assert_eq!(iso_day("2024-0é-01"), None);
    }

    #[test]
    fn next_day_walks_every_day_of_four_centuries_and_stops_after_9999() {
        let mut day = "1900-01-01".to_string();
        let mut n = 0;
        while day.as_str() < "2300-01-01" {
            let next = next_day(&day).expect(&day);
            assert!(next > day, "{day} -> {next}");
            assert_eq!(iso_day(&next).as_deref(), Some(next.as_str()));
            day = next;
            n += 1;
        }
        assert_eq!(n, 400 * 365 + 97);
        assert_eq!(next_day("9999-12-30").as_deref(), Some("9999-12-31"));
        assert_eq!(next_day("9999-12-31"), None);
        assert_eq!(next_day("2024-02-30"), None);
    }
}
