//! Placeholder until the trained tagger lands from the `tagger` branch: no model.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

pub struct TaggedSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
    pub score: f32,
}

pub struct Tagger;

impl Tagger {
    pub fn builtin() -> Option<&'static Tagger> {
        None
    }
    pub fn tag(&self, _words: &[&str], _flags: &[u8]) -> Vec<TaggedSpan> {
        Vec::new()
    }
}
