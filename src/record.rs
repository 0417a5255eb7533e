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
pub fn iso_day(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &s[r];
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if y == 0 || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(s[..10].to_string())
}

/// Days in month `m` (1-12) of year `y`, leap years included.
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day after a `YYYY-MM-DD` day (for merging consecutive days into one spell).
pub(crate) fn next_day(day: &str) -> Option<String> {
    let y: u32 = day.get(0..4)?.parse().ok()?;
    let m: u32 = day.get(5..7)?.parse().ok()?;
    let d: u32 = day.get(8..10)?.parse().ok()?;
    let (y, m, d) = if d < days_in_month(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    };
    (y <= 9999).then(|| format!("{y:04}-{m:02}-{d:02}"))
}
