//! The one type that flows through the pipeline: [`Doc`], an article with its
//! sentences, tokens, mentions and relation mentions, plus the labels
//! ([`EntityKind`], [`MentionForm`], [`RelationKind`], [`Modality`]) every stage shares.
//!
//! Offsets inside a `Doc` are byte offsets into `Doc::text` ([`Span`]); they are
//! converted to character offsets only when written out (see [`crate::extract::CharIndex`]).

use crate::syntax::{DepRel, Upos};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range into the article text. Made once, never edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// What kind of thing an entity is. Never merged across kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Country,
    Organization,
    Position,
    Location,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Organization,
        EntityKind::Position,
        EntityKind::Location,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::Organization => "organization",
            EntityKind::Position => "position",
            EntityKind::Location => "location",
        }
    }
    /// The id prefix: `person:`, `country:`, `org:`, `position:`, `location:`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::Organization => "org",
            EntityKind::Position => "position",
            EntityKind::Location => "location",
        }
    }
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => EntityKind::Person,
            "country" | "countries" => EntityKind::Country,
            "organization" | "organisation" | "org" => EntityKind::Organization,
            "position" | "title" => EntityKind::Position,
            "location" | "loc" | "place" => EntityKind::Location,
            _ => return None,
        })
    }
    /// The kind an entity id names, from its prefix.
    pub fn of_id(id: &str) -> Option<EntityKind> {
        let prefix = id.split(':').next()?;
        EntityKind::ALL
            .into_iter()
            .find(|k| k.id_prefix() == prefix)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention names its entity (DESIGN.md, "Mention forms").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionForm {
    Name,
    Alias,
    Acronym,
    Surname,
    TitleName,
    Demonym,
    Metonym,
    Pronoun,
    /// A short noun phrase standing for an entity named earlier ("the minister", "the
    /// company", "the two countries"), linked by coreference.
    Nominal,
}

impl MentionForm {
    /// A pronoun or a short nominal ("he", "the company"): a stand-in that coreference
    /// links to a named entity, not a name of its own.
    pub fn is_coref(self) -> bool {
        matches!(self, MentionForm::Pronoun | MentionForm::Nominal)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Alias => "alias",
            MentionForm::Acronym => "acronym",
            MentionForm::Surname => "surname",
            MentionForm::TitleName => "title-name",
            MentionForm::Demonym => "demonym",
            MentionForm::Metonym => "metonym",
            MentionForm::Pronoun => "pronoun",
            MentionForm::Nominal => "nominal",
        }
    }
}

/// Which part of the recognizer produced a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionSource {
    Gazetteer,
    Rule,
    Tagger,
}

/// A recognized mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// The tokens it covers (indexes into `Doc::tokens`, never empty); `span` runs from
    /// the first token's start to the last token's end.
    pub tokens: std::ops::Range<usize>,
    pub kind: EntityKind,
    pub form: MentionForm,
    /// Canonical entity id, assigned by resolution (`None` before it runs).
    pub entity: Option<String>,
    pub source: MentionSource,
    /// The sentence this mention is in.
    pub sentence: usize,
}

/// A relation type (DESIGN.md, "Relations").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    Meets,
    NegotiatesWith,
    Phones,
    Visits,
    Hosts,
    AgreesWith,
    ProposesTalks,
    CooperatesWith,
    Supports,
    Aids,
    ConcedesTo,
    RetreatsFrom,
    Investigates,
    AppealsTo,
    Demands,
    Rejects,
    Accuses,
    Criticizes,
    Threatens,
    ProtestsAgainst,
    MobilizesAgainst,
    Sanctions,
    Coerces,
    Attacks,
    Fights,
    HoldsPosition,
    PositionOf,
    MemberOf,
    LocatedIn,
    QuotedBy,
}

impl RelationKind {
    pub const ALL: [RelationKind; 30] = [
        RelationKind::Meets,
        RelationKind::NegotiatesWith,
        RelationKind::Phones,
        RelationKind::Visits,
        RelationKind::Hosts,
        RelationKind::AgreesWith,
        RelationKind::ProposesTalks,
        RelationKind::CooperatesWith,
        RelationKind::Supports,
        RelationKind::Aids,
        RelationKind::ConcedesTo,
        RelationKind::RetreatsFrom,
        RelationKind::Investigates,
        RelationKind::AppealsTo,
        RelationKind::Demands,
        RelationKind::Rejects,
        RelationKind::Accuses,
        RelationKind::Criticizes,
        RelationKind::Threatens,
        RelationKind::ProtestsAgainst,
        RelationKind::MobilizesAgainst,
        RelationKind::Sanctions,
        RelationKind::Coerces,
        RelationKind::Attacks,
        RelationKind::Fights,
        RelationKind::HoldsPosition,
        RelationKind::PositionOf,
        RelationKind::MemberOf,
        RelationKind::LocatedIn,
        RelationKind::QuotedBy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Meets => "meets",
            RelationKind::NegotiatesWith => "negotiates-with",
            RelationKind::Phones => "phones",
            RelationKind::Visits => "visits",
            RelationKind::Hosts => "hosts",
            RelationKind::ProposesTalks => "proposes-talks",
            RelationKind::AppealsTo => "appeals-to",
            RelationKind::Demands => "demands",
            RelationKind::Rejects => "rejects",
            RelationKind::Accuses => "accuses",
            RelationKind::Criticizes => "criticizes",
            RelationKind::Threatens => "threatens",
            RelationKind::Sanctions => "sanctions",
            RelationKind::MobilizesAgainst => "mobilizes-against",
            RelationKind::Attacks => "attacks",
            RelationKind::Supports => "supports",
            RelationKind::CooperatesWith => "cooperates-with",
            RelationKind::AgreesWith => "agrees-with",
            RelationKind::Aids => "aids",
            RelationKind::ConcedesTo => "concedes-to",
            RelationKind::RetreatsFrom => "retreats-from",
            RelationKind::Investigates => "investigates",
            RelationKind::ProtestsAgainst => "protests-against",
            RelationKind::Coerces => "coerces",
            RelationKind::Fights => "fights",
            RelationKind::HoldsPosition => "holds-position",
            RelationKind::PositionOf => "position-of",
            RelationKind::MemberOf => "member-of",
            RelationKind::LocatedIn => "located-in",
            RelationKind::QuotedBy => "quoted-by",
        }
    }

    pub fn parse(s: &str) -> Option<RelationKind> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Symmetric relations are stored once, with source id < target id.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            RelationKind::Meets
                | RelationKind::NegotiatesWith
                | RelationKind::Phones
                | RelationKind::CooperatesWith
                | RelationKind::Fights
        )
    }

    /// CAMEO event code(s), empty for structural relations.
    pub fn cameo(self) -> &'static str {
        match self {
            RelationKind::Meets => "040/044",
            RelationKind::NegotiatesWith => "046",
            RelationKind::Phones => "041",
            RelationKind::Visits => "042",
            RelationKind::Hosts => "043",
            RelationKind::ProposesTalks => "036",
            RelationKind::AppealsTo => "020/026",
            RelationKind::Demands => "100",
            RelationKind::Rejects => "120/125",
            RelationKind::Accuses => "112",
            RelationKind::Criticizes => "111",
            RelationKind::Threatens => "130",
            RelationKind::Sanctions => "163",
            RelationKind::MobilizesAgainst => "154",
            RelationKind::Attacks => "190/193/195",
            RelationKind::Supports => "051",
            RelationKind::CooperatesWith => "030/057",
            RelationKind::AgreesWith => "030",
            RelationKind::Aids => "070",
            RelationKind::ConcedesTo => "080",
            RelationKind::RetreatsFrom => "084/087",
            RelationKind::Investigates => "090",
            RelationKind::ProtestsAgainst => "140",
            RelationKind::Coerces => "170",
            RelationKind::Fights => "190/193",
            _ => "",
        }
    }

    /// PLOVER category (DESIGN.md, "Relations"), empty for structural relations.
    pub fn plover(self) -> &'static str {
        match self {
            RelationKind::Meets
            | RelationKind::NegotiatesWith
            | RelationKind::Phones
            | RelationKind::Visits
            | RelationKind::Hosts => "CONSULT",
            RelationKind::AgreesWith | RelationKind::ProposesTalks => "AGREE",
            RelationKind::CooperatesWith => "COOPERATE",
            RelationKind::Supports => "SUPPORT",
            RelationKind::Aids => "AID",
            RelationKind::ConcedesTo => "CONCEDE",
            RelationKind::RetreatsFrom => "RETREAT",
            RelationKind::Investigates => "INVESTIGATE",
            RelationKind::AppealsTo | RelationKind::Demands => "DEMAND",
            RelationKind::Rejects => "REJECT",
            RelationKind::Accuses | RelationKind::Criticizes => "DISAPPROVE",
            RelationKind::Threatens => "THREATEN",
            RelationKind::ProtestsAgainst => "PROTEST",
            RelationKind::MobilizesAgainst => "MOBILIZE",
            RelationKind::Sanctions => "SANCTION",
            RelationKind::Coerces => "COERCE",
            RelationKind::Attacks => "ASSAULT",
            RelationKind::Fights => "FIGHT",
            RelationKind::HoldsPosition
            | RelationKind::PositionOf
            | RelationKind::MemberOf
            | RelationKind::LocatedIn
            | RelationKind::QuotedBy => "",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the text states a relation as fact, denies it, plans it or supposes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    Asserted,
    Negated,
    Future,
    Hypothetical,
}

impl Modality {
    pub const ALL: [Modality; 4] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Future,
        Modality::Hypothetical,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
        }
    }
    pub fn parse(s: &str) -> Option<Modality> {
        match s.trim().to_ascii_lowercase().as_str() {
            "asserted" => Some(Modality::Asserted),
            "negated" => Some(Modality::Negated),
            "future" | "intended" => Some(Modality::Future),
            "hypothetical" => Some(Modality::Hypothetical),
            _ => None,
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token: a byte span, the sentence it belongs to and, once its sentence is parsed
/// ([`Sentence::parsed`]), its part of speech, head and relation to the head.
///
/// Before parsing (or in a sentence the parse stage skipped) `upos` is [`Upos::X`],
/// `deprel` is [`DepRel::Dep`] and `head` is `None`. Lemmas live in the `Doc`
/// ([`Doc::lemma`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub sentence: usize,
    /// Universal part of speech.
    pub upos: Upos,
    /// Relation to the head ([`DepRel::Root`] for the sentence's root).
    pub deprel: DepRel,
    /// Doc-wide index (into `Doc::tokens`) of the head; `None` for the root and for
    /// every token of an unparsed sentence.
    pub head: Option<u32>,
}

impl Token {
    /// An unparsed token.
    pub fn new(span: Span, sentence: usize) -> Token {
        Token {
            span,
            sentence,
            upos: Upos::X,
            deprel: DepRel::Dep,
            head: None,
        }
    }
}

/// A sentence: its byte span and the range of its tokens in `Doc::tokens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
    /// Whether the parse stage tagged and parsed it (its tokens' `upos`, `deprel`,
    /// `head` and lemmas are then the parser's).
    pub parsed: bool,
}

/// One relation stated in one sentence, between two mentions (indexes into `Doc::mentions`).
#[derive(Debug, Clone, PartialEq)]
pub struct RelationMention {
    pub kind: RelationKind,
    pub source: usize,
    pub target: usize,
    pub modality: Modality,
    /// Reported speech: the mention index of who reported it, if the text says so.
    pub reported_by: Option<usize>,
    pub reported: bool,
    pub sentence: usize,
    pub trigger: Span,
    pub rule: &'static str,
    pub confidence: f32,
    /// The target entity when no mention of it is in the text (a title's scope taken
    /// from the tables); the target mention is then the evidence span.
    pub target_entity: Option<String>,
    /// Likewise for the source ("Presidents Joe Biden and Vladimir Putin": each
    /// president's position has no mention of its own).
    pub source_entity: Option<String>,
    /// Offsets to report for the source / target when they are not the mention's.
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
    /// The CAMEO code of the trigger's lexicon row (event relations); `None` leaves the
    /// relation's own code ([`RelationKind::cameo`]).
    pub cameo: Option<String>,
}

/// Everything known about one entity, as one article states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EntityInfo {
    pub id: String,
    pub kind: Option<EntityKind>,
    pub label: String,
    /// Extra attributes (iso2, capital, country, title, scope, kind, acronym, nationality).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attributes: std::collections::BTreeMap<String, String>,
}

/// The article as read, before any analysis.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An article and everything the pipeline has found in it.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Byte ranges that are boilerplate (bylines, share widgets, repeated headlines):
    /// nothing is recognized inside them.
    pub boilerplate: Vec<Span>,
    /// The line read as the article's title (the first line equal to `article.title`),
    /// when the text holds it; set by segmentation.
    pub title_line: Option<Span>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<RelationMention>,
    /// Entities mentioned, keyed by id, with what this article says of them.
    pub entities: std::collections::BTreeMap<String, EntityInfo>,
    /// Titles attached to people, found by resolution (indexes into `mentions`).
    pub attachments: Vec<Attachment>,
    /// Lemmas, written by the parse stage: `lemma_spans[i]` is token `i`'s lemma as a
    /// range of `lemma_text`. Empty until then; read them through [`Doc::lemma`].
    pub lemma_text: String,
    pub lemma_spans: Vec<Span>,
    /// Coreference links found by the relation finder: (pronoun or nominal mention, the
    /// earlier mention it stands for), both indexes into `mentions`.
    pub antecedents: Vec<(usize, usize)>,
}

/// A position mention, the person holding it (if named) and the mention of its scope
/// (if the text states one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attachment {
    pub position: usize,
    pub holder: Option<usize>,
    pub scope: Option<usize>,
    /// The title names an occupation, not an office ("BBC correspondent", "KGB officer"):
    /// its holder works for the scope and holds no position.
    pub occupation: bool,
    /// The scope is the country the article names most, not one the text ties to the
    /// title or the tables give its holder (see `resolve`).
    pub scope_from_article: bool,
}

impl Doc {
    pub fn new(article: Article) -> Doc {
        Doc {
            article,
            ..Doc::default()
        }
    }
    pub fn text(&self) -> &str {
        &self.article.text
    }
    pub fn slice(&self, span: Span) -> &str {
        &self.article.text[span.start..span.end]
    }
    pub fn token_text(&self, i: usize) -> &str {
        self.slice(self.tokens[i].span)
    }
    pub fn in_boilerplate(&self, span: Span) -> bool {
        self.boilerplate.iter().any(|b| b.overlaps(&span))
    }

    /// Token `token`'s lemma ("met" -> "meet", "countries" -> "country"). Once the parse
    /// stage has run, every token has one (a sentence it skipped gets its tokens'
    /// lowercased text); before that it is the token's text as written.
    pub fn lemma(&self, token: usize) -> &str {
        match self.lemma_spans.get(token) {
            Some(s) => &self.lemma_text[s.start..s.end],
            None => self.token_text(token),
        }
    }

    /// The doc-wide indexes of `token`'s dependents, in text order (empty when its
    /// sentence is unparsed).
    pub fn children(&self, token: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self
            .tokens
            .get(token)
            .and_then(|t| self.sentences.get(t.sentence))
            .map_or(0..0, |s| s.tokens.clone());
        range.filter(move |&i| self.tokens[i].head == Some(token as u32))
    }

    /// The root token of sentence `sentence` (`None` if it is unparsed).
    pub fn root(&self, sentence: usize) -> Option<usize> {
        let s = self.sentences.get(sentence)?;
        if !s.parsed {
            return None;
        }
        s.tokens.clone().find(|&i| self.tokens[i].head.is_none())
    }
}

/// Turn a name into an id slug (DESIGN.md, "Entities"): the letters and digits of the
/// name, lowercased, words joined by `-`; a slug keeps the letters of every script.
///
/// - The name is put in compatibility-decomposed form (NFKD, by `unicode-normalization`),
///   so precomposed and combining spellings, full-width letters and ligatures give one
///   slug; the result is recomposed (NFC).
/// - Accents on Latin letters are dropped (`Erdoğan` -> `erdogan`): every precomposed
///   Latin letter decomposes to an ASCII base letter plus marks. The few Latin letters
///   without a decomposition (`ß æ œ ø ł đ ı þ ð ħ`) are folded by a short table.
/// - Marks on letters of other scripts are kept (`й` stays `й`, Devanagari vowel signs
///   stay), except Arabic short-vowel marks and the tatweel, which are optional in
///   writing; final sigma is written `σ`, so upper- and lowercase Greek agree.
/// - Apostrophes, dots and invisible joiners are dropped (`O'Brien` -> `obrien`,
///   `U.S.` -> `us`); any other character separates words.
///
/// So `Ангела Меркель` -> `ангела-меркель`, `習近平` -> `習近平`, `José` -> `jose`.
/// Two names that differ in a letter of a non-Latin script never share a slug.
pub fn slug(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    // Whether the last letter written was an ASCII one (its marks are accents to drop).
    let mut latin_base = false;
    for c in name.nfkd() {
        if matches!(
            c,
            '\'' | '\u{2019}' | '.' | '\u{200B}'
                ..='\u{200D}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}'
        ) {
            continue;
        }
        if is_combining_mark(c) {
            let arabic_vowel = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}');
            if !out.is_empty() && !dash && !latin_base && !arabic_vowel {
                out.push(c);
            }
            continue;
        }
        if c == '\u{0640}' {
            continue; // Arabic tatweel: a stretch of the line, not a letter
        }
        if !c.is_alphanumeric() {
            dash = true;
            continue;
        }
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        if let Some(folded) = fold_latin(c) {
            out.push_str(folded);
            latin_base = true;
            continue;
        }
        latin_base = c.is_ascii();
        for l in c.to_lowercase() {
            out.push(if l == 'ς' { 'σ' } else { l });
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// Latin letters that have no Unicode decomposition to an ASCII base letter.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        _ => return None,
    })
}

/// An entity id `prefix:slug` for a name, or `None` when the slug would be empty or one
/// letter: such an id names nothing ("&T." would be `location:t`, a name in a script
/// the slug cannot read would be `person:` and merge with every other).
pub fn slug_id(prefix: &str, name: &str) -> Option<String> {
    let s = slug(name);
    (s.chars().count() >= 2).then(|| format!("{prefix}:{s}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slug("José Manuel Barroso"), "jose-manuel-barroso");
        assert_eq!(slug("O'Brien"), "obrien");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("  Secretary-General "), "secretary-general");
    }

    #[test]
    fn unparsed_tokens_have_no_tree_and_parsed_ones_list_their_children() {
        let mut doc = Doc::new(Article {
            text: "Putin met Biden".into(),
            ..Article::default()
        });
        for (a, b) in [(0, 5), (6, 9), (10, 15)] {
            doc.tokens.push(Token::new(Span::new(a, b), 0));
        }
        doc.sentences.push(Sentence {
            span: Span::new(0, 15),
            tokens: 0..3,
            parsed: false,
        });
        assert_eq!(doc.lemma(1), "met");
        assert_eq!(doc.children(1).count(), 0);
        assert_eq!(doc.root(0), None);
        doc.tokens[0].head = Some(1);
        doc.tokens[2].head = Some(1);
        doc.sentences[0].parsed = true;
        doc.lemma_text = "putinmeetbiden".into();
        doc.lemma_spans = vec![Span::new(0, 5), Span::new(5, 9), Span::new(9, 14)];
        assert_eq!(doc.lemma(1), "meet");
        assert_eq!(doc.children(1).collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(doc.root(0), Some(1));
    }

    #[test]
    fn slugs_keep_every_script_and_tell_names_apart() {
        assert_eq!(slug("Ангела Меркель"), "ангела-меркель");
        assert_eq!(slug("ДОНАЛЬД ТУСК"), "дональд-туск");
        assert_eq!(slug("Сергей Лавров"), "сергей-лавров");
        // Precomposed or combining, one slug; й keeps its breve (и is another letter).
        assert_eq!(slug("Юрий"), slug("Юрии\u{0306}"));
        assert_ne!(slug("Юрий"), slug("Юриий"));
        assert_eq!(slug("ΑΛΈΞΗΣ ΤΣΊΠΡΑΣ"), slug("Αλέξης Τσίπρας"));
        // Arabic vowel marks and the tatweel are optional in writing.
        assert_eq!(slug("مُحَمَّد"), "محمد");
        assert_eq!(slug("محـمد"), "محمد");
        assert_eq!(
            slug("Recep Tayyip Erdoğan"),
            slug("Recep Tayyip Erdog\u{0306}an")
        );
        assert_eq!(slug("Ｘｉ Ｊｉｎｐｉｎｇ"), "xi-jinping");
        assert_eq!(slug("Łukasz Øster Þór Straße"), "lukasz-oster-thor-strasse");
        assert_eq!(slug("नरेन्द्र मोदी"), "नरेन्द्र-मोदी");
        assert_eq!(slug("محمد\u{200C}رضا"), "محمدرضا");
        let names = [
            "Ангела Меркель",
            "Дональд Туск",
            "Сергей Лавров",
            "Сергій Лавров",
            "Владимир Путин",
            "محمد بن سلمان",
            "محمود عباس",
            "عبد الفتاح السيسي",
            "习近平",
            "李克强",
            "李明",
            "黎明",
            "文在寅",
            "문재인",
            "安倍晋三",
            "あべ しんぞう",
            "בנימין נתניהו",
            "Αλέξης Τσίπρας",
            "नरेन्द्र मोदी",
            "ทักษิณ ชินวัตร",
            "Angela Merkel",
        ];
        let mut ids = std::collections::BTreeSet::new();
        for name in names {
            let id = slug_id("person", name).unwrap_or_else(|| panic!("no id for {name}"));
            assert!(id.chars().count() > "person:".len() + 1, "{name}: {id}");
            assert!(ids.insert(id.clone()), "{name} shares the id {id}");
        }
    }

    #[test]
    fn no_empty_or_one_letter_slug_ids() {
        assert_eq!(slug_id("location", "&T."), None);
        assert_eq!(slug_id("person", "J"), None);
        assert_eq!(slug_id("person", "★ ☆"), None);
        assert_eq!(slug_id("person", ""), None);
        assert_eq!(slug_id("person", "Xi"), Some("person:xi".into()));
    }

    #[test]
    fn relation_names_round_trip() {
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::parse(k.as_str()), Some(k));
        }
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
    }
}
