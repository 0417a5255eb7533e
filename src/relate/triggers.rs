//! The event lexicon: `data/lexicon/triggers.tsv` (built in, and overridable with
//! `--lexicon DIR` like the other tables), parsed once into a [`Triggers`] table and
//! matched against a parsed sentence by lemma, leftmost-longest.
//!
//! One row per wording and sense:
//!
//! | column | what |
//! |---|---|
//! | `lemmas` | one lemma or a sequence ("hold talk", "air strike", "agree to ceasefire") |
//! | `pos` | `VERB` or `NOUN`: the part of speech of the sequence's syntactic head |
//! | `relation` | the relation (DESIGN.md, "Relations"); `-` in a user file deletes the built-in rows with these lemmas and pos |
//! | `cameo` | the CAMEO code of this wording |
//! | `source` | where the source is, `|`-separated slots: `subj` (the clause's subject, passives and control included), `poss`, `compound`, `amod`, `nmod:by` (noun triggers), `referent` (a noun naming its source: "X is a critic of Y", "X, a critic of Y") |
//! | `target` | where the target is: `obj`, `iobj`, `obl:P`/`nmod:P` (a dependent with the case marker P: "talks *with*"), `nmod:between` (both ends: "talks between X and Y"), `xcomp-obj` (the object of the clause it controls: "refused to meet X"), `content` (who a demand is about: "demanded that Belarus ...", "demands: no NATO expansion"), `mutual` (no slot found a target: coordinated subjects are each other's, both ways: "Venezuela and China signed a deal") |
//! | `sense` | `-`, or constraints on the ends: `target=person|organization|plan`, `source=...`, and on the wording: `cue=of|against|would`, `xcomp=none` (`;` between several) |
//!
//! Sense classes: `person`, `country`, `organization`, `location`, `place` (a country or
//! a location as territory), `force` (armed forces: "Russian troops", an army or armed
//! group), `plan` (a plan, pledge or policy and the one who owns it: "attacked Labour's
//! pledges"). Rows with the same lemmas and pos must have disjoint senses (a test checks
//! it), so the text decides which one applies and no row hides another.
//!
//! A `cue` asks the trigger for a dependent that makes the wording mean the relation: a
//! case marker, subordinator or auxiliary of one of its dependents is one of the cue words
//! ("warned Iran *of* consequences", "warned *against* retaliation", "warned NATO that
//! Moscow *would* take measures"). A bare "warned that the war could be illegal" is a
//! warning, not a threat.
//!
//! `xcomp=none` asks that the trigger have no secondary predicate, an `xcomp` that is not a
//! verb: "called Mr Howard" is a call, "called Mr Howard a liar" is not.
//!
//! Matching: at each token, the longest sequence of lemmas that starts there wins; the
//! words of a sequence may be separated by up to three determiners, adjectives, adverbs,
//! numbers or common nouns in a compound ("held direct talks", "imposed tough new
//! sanctions", "signed a debt relief deal"); the part of speech is
//! that of the matched words' head in the parse. British spellings of `-ize` words are
//! added when the table is read ("criticise", "mobilisation").

use crate::doc::RelationKind;
use crate::error::{Error, Result};
use crate::hash::{FastMap, FastSet};

/// The part of speech a trigger's head has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TriggerPos {
    Verb,
    Noun,
}

impl TriggerPos {
    fn parse(s: &str) -> Option<TriggerPos> {
        match s {
            "VERB" => Some(TriggerPos::Verb),
            "NOUN" => Some(TriggerPos::Noun),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TriggerPos::Verb => "VERB",
            TriggerPos::Noun => "NOUN",
        }
    }
}

/// Where a trigger finds one end of its relation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The clause's subject (the agent of a passive, the controller of "agreed to meet").
    Subj,
    /// The direct object (the subject of a passive).
    Obj,
    Iobj,
    /// A possessor: "Russia's demands", "its call".
    Poss,
    /// A name in a compound: "NATO summit", "US-Russia talks".
    Compound,
    /// A demonym: "Russian demands".
    Amod,
    /// Whom a noun trigger names: the subject it is predicated of ("Tony Blair is a critic
    /// of the war", "became a critic of"), or the name it is in apposition to ("Gordon
    /// Brown, a critic of Tony Blair").
    Referent,
    /// A dependent (obl or nmod) with this case marker: "talks with", "demands on".
    Prep(String),
    /// "between X and Y": both ends.
    Between,
    /// The object of the clause the trigger controls: "refused to meet X".
    XcompObj,
    /// No target of its own: coordinated subjects are each other's, both ways ("Venezuela
    /// and China signed a deal": each supports the other), when no other slot finds one.
    Mutual,
    /// Who a demand's content is about: the subject of its clause ("demanded that Belarus
    /// release ...") or the owner of the noun after a colon ("demands: no NATO expansion").
    Content,
}

impl Slot {
    fn parse(s: &str) -> Option<Slot> {
        Some(match s {
            "subj" => Slot::Subj,
            "obj" => Slot::Obj,
            "iobj" => Slot::Iobj,
            "poss" => Slot::Poss,
            "compound" => Slot::Compound,
            "amod" => Slot::Amod,
            "referent" => Slot::Referent,
            "xcomp-obj" => Slot::XcompObj,
            "content" => Slot::Content,
            "mutual" => Slot::Mutual,
            "nmod:between" | "obl:between" => Slot::Between,
            _ => {
                let (rel, prep) = s.split_once(':')?;
                if !matches!(rel, "obl" | "nmod") || prep.is_empty() {
                    return None;
                }
                if !prep.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    return None;
                }
                Slot::Prep(prep.replace('_', " "))
            }
        })
    }
}

/// Bits of a sense class set.
pub mod class {
    pub const PERSON: u8 = 1;
    pub const COUNTRY: u8 = 2;
    pub const ORGANIZATION: u8 = 4;
    pub const LOCATION: u8 = 8;
    pub const FORCE: u8 = 16;
    pub const PLAN: u8 = 32;
    /// Who can act: the default for sources.
    pub const ACTOR: u8 = PERSON | COUNTRY | ORGANIZATION | FORCE;

    pub fn parse(s: &str) -> Option<u8> {
        Some(match s {
            "person" => PERSON,
            "country" => COUNTRY,
            "organization" => ORGANIZATION,
            "location" => LOCATION,
            "place" => COUNTRY | LOCATION,
            "force" => FORCE,
            "plan" => PLAN,
            _ => return None,
        })
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerRow {
    pub lemmas: Vec<String>,
    pub pos: TriggerPos,
    pub relation: RelationKind,
    pub cameo: String,
    pub source: Vec<Slot>,
    pub target: Vec<Slot>,
    /// Classes a source may have.
    pub source_classes: u8,
    /// Classes a target may have.
    pub target_classes: u8,
    /// Cues one of which the trigger must have (`cue=` in the sense column; empty: none
    /// needed): case markers, subordinators or auxiliaries of its dependents.
    pub cues: Vec<String>,
    /// The trigger must have no secondary predicate (`xcomp=none`).
    pub no_predicate: bool,
    /// Whether the sense column constrains the ends (rows without a constraint overlap
    /// every other row with the same lemmas).
    pub constrained: bool,
    /// Where the row comes from (file:line), for messages.
    pub origin: String,
}

/// The default target classes of a relation whose row states no sense: actors; for
/// relations that reach places (visits, attacks, ...) locations too; for those that can
/// be done to a plan (rejects, supports, ...) plans too.
fn default_target_classes(rel: RelationKind) -> u8 {
    use RelationKind as R;
    match rel {
        R::Visits | R::Attacks | R::RetreatsFrom | R::MobilizesAgainst | R::Fights => {
            class::ACTOR | class::LOCATION
        }
        // Rejecting, backing, criticizing or accepting a plan is done to its owner.
        R::Rejects | R::Supports | R::Criticizes | R::ConcedesTo | R::AgreesWith => {
            class::ACTOR | class::PLAN
        }
        _ => class::ACTOR,
    }
}

/// The event lexicon, indexed by first lemma.
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    rows: Vec<TriggerRow>,
    /// First lemma -> row indexes, longest sequences first, then in table order.
    by_first: FastMap<String, Vec<u32>>,
    /// Regular inflections of the table's lemmas ("shelled" -> "shell"), so that a word
    /// the lemmatizer got wrong still matches.
    forms: FastMap<String, String>,
}

/// A parsed sentence as the matcher sees it: per token, its lemma (lowercase), part of
/// speech and whether it may sit between a sequence's words.
pub trait LemmaSource {
    /// The number of words.
    fn words(&self) -> usize;
    fn lemma(&self, i: usize) -> &str;
    /// The word as written, lowercased.
    fn form(&self, i: usize) -> &str;
    /// May be skipped between the words of a sequence (a determiner, adjective, ...).
    fn is_filler(&self, i: usize) -> bool;
    /// Part of a possessor ("Tony Blair's"), which may be skipped between the words of a
    /// sequence even inside a name: "called for Tony Blair's resignation".
    fn is_possessor(&self, _i: usize) -> bool {
        false
    }
    /// May start or continue a trigger (not inside a name).
    fn usable(&self, i: usize) -> bool;
    /// The part of speech of the syntactic head of these words, if a trigger can have it.
    fn head_pos(&self, words: &[usize]) -> Option<TriggerPos>;
}

/// One match: the rows that share these lemmas and the pos of their head, and the
/// sentence-relative positions of the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub rows: Vec<u32>,
    pub words: Vec<usize>,
}

const MAX_GAP: usize = 3;

impl Triggers {
    pub fn rows(&self) -> &[TriggerRow] {
        &self.rows
    }

    pub fn row(&self, i: u32) -> &TriggerRow {
        &self.rows[i as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether `lemma` starts some trigger (a cheap test before parsing a sentence).
    pub fn starts_with(&self, lemma: &str) -> bool {
        self.by_first.contains_key(lemma)
    }

    /// Reads rows from a table's text: rows with the same lemmas, pos and relation as a
    /// row already present replace it; a row whose relation is `-` deletes every row
    /// with its lemmas and pos.
    pub fn load(&mut self, text: &str, origin: &str) -> Result<()> {
        // Where each (lemmas, pos, relation) is in `rows`, for replacing a row (instead of
        // a scan of every row per row read); rebuilt after a deletion.
        type Key = (Vec<String>, TriggerPos, RelationKind);
        let key = |r: &TriggerRow| (r.lemmas.clone(), r.pos, r.relation);
        let index_of = |rows: &[TriggerRow]| -> FastMap<Key, usize> {
            rows.iter().enumerate().map(|(i, r)| (key(r), i)).collect()
        };
        let mut place = index_of(&self.rows);
        for row in crate::lexicon::parse_tsv(text, origin)? {
            let at = |msg: String| Error::parse(origin, Some(row.line), msg);
            let lemmas: Vec<String> = row
                .req("lemmas")?
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            let pos_s = row.req("pos")?;
            let pos = TriggerPos::parse(&pos_s)
                .ok_or_else(|| at(format!("pos {pos_s:?} is not VERB or NOUN")))?;
            let rel_s = row.req("relation")?;
            if rel_s == "-" {
                self.rows.retain(|r| !(r.lemmas == lemmas && r.pos == pos));
                place = index_of(&self.rows);
                continue;
            }
            let relation = RelationKind::parse(&rel_s)
                .filter(|k| !k.cameo().is_empty())
                .ok_or_else(|| at(format!("{rel_s:?} is not an event relation")))?;
            let slots = |col: &str| -> Result<Vec<Slot>> {
                row.req(col)?
                    .split('|')
                    .map(|s| {
                        Slot::parse(s.trim())
                            .ok_or_else(|| at(format!("{col}: unknown slot {s:?}")))
                    })
                    .collect()
            };
            let source = slots("source")?;
            let target = slots("target")?;
            let mut source_classes = class::ACTOR;
            let mut target_classes = default_target_classes(relation);
            let sense = row.opt("sense").unwrap_or_else(|| "-".into());
            let mut cues = Vec::new();
            let mut no_predicate = false;
            let mut constrained = false;
            if sense != "-" {
                for part in sense.split(';') {
                    let (end, kinds) = part
                        .trim()
                        .split_once('=')
                        .ok_or_else(|| at(format!("sense {part:?} is not END=CLASS|...")))?;
                    let classes = match end.trim() {
                        "target" => &mut target_classes,
                        "source" => &mut source_classes,
                        "cue" => {
                            for k in kinds.split('|').map(str::trim) {
                                if k.is_empty() || !k.chars().all(|c| c.is_ascii_lowercase()) {
                                    return Err(at(format!("cue {k:?} is not a lowercase word")));
                                }
                                cues.push(k.to_string());
                            }
                            continue;
                        }
                        "xcomp" if kinds.trim() == "none" => {
                            no_predicate = true;
                            continue;
                        }
                        "xcomp" => {
                            return Err(at(format!("sense: xcomp={kinds:?}: only xcomp=none")))
                        }
                        e => {
                            return Err(at(format!(
                                "sense: {e:?} is not source, target, cue or xcomp"
                            )))
                        }
                    };
                    constrained = true;
                    let mut bits = 0;
                    for k in kinds.split('|') {
                        bits |= class::parse(k.trim())
                            .ok_or_else(|| at(format!("sense: unknown class {k:?}")))?;
                    }
                    *classes = bits;
                }
            }
            let cameo = row.req("cameo")?;
            if !cameo.chars().all(|c| c.is_ascii_digit()) || !(3..=4).contains(&cameo.len()) {
                return Err(at(format!("cameo {cameo:?} is not a 3- or 4-digit code")));
            }
            let new = TriggerRow {
                lemmas,
                pos,
                relation,
                cameo,
                source,
                target,
                source_classes,
                target_classes,
                cues,
                no_predicate,
                constrained,
                origin: format!("{origin}:{}", row.line),
            };
            let variants = british_variants(&new);
            for r in std::iter::once(new).chain(variants) {
                match place.get(&key(&r)) {
                    Some(&i) => self.rows[i] = r,
                    None => {
                        place.insert(key(&r), self.rows.len());
                        self.rows.push(r);
                    }
                }
            }
        }
        self.index();
        Ok(())
    }

    fn index(&mut self) {
        self.by_first.clear();
        self.forms.clear();
        // Each lemma once (a form keeps the first lemma that makes it, as before).
        let mut seen: FastSet<&str> = FastSet::default();
        for r in &self.rows {
            for l in r.lemmas.iter().filter(|l| seen.insert(l.as_str())) {
                for f in inflections(l) {
                    self.forms.entry(f).or_insert_with(|| l.clone());
                }
            }
        }
        let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
        // Longest first; then table order (stable sort).
        order.sort_by_key(|&i| std::cmp::Reverse(self.rows[i as usize].lemmas.len()));
        for i in order {
            let first = self.rows[i as usize].lemmas[0].clone();
            self.by_first.entry(first).or_default().push(i);
        }
    }

    /// Leftmost-longest matches over a sentence. Each match lists every row with the
    /// matched lemmas (of either pos; the caller keeps those whose pos is the head's).
    pub fn find(&self, s: &impl LemmaSource) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.words() {
            if !s.usable(i) {
                i += 1;
                continue;
            }
            let Some(cands) = self
                .by_first
                .get(s.lemma(i))
                .or_else(|| self.by_first.get(self.forms.get(s.form(i))?))
            else {
                i += 1;
                continue;
            };
            let mut best: Option<Match> = None;
            for &r in cands {
                let row = &self.rows[r as usize];
                if let Some(b) = best.as_mut() {
                    if row.lemmas.len() < b.words.len() {
                        break;
                    }
                    let same = self.rows[b.rows[0] as usize].lemmas == row.lemmas
                        && self.rows[b.rows[0] as usize].pos == row.pos;
                    if same {
                        b.rows.push(r);
                    }
                    continue;
                }
                if let Some(words) = self.match_at(s, i, &row.lemmas) {
                    if s.head_pos(&words) == Some(row.pos) {
                        best = Some(Match {
                            rows: vec![r],
                            words,
                        });
                    }
                }
            }
            match best {
                Some(m) => {
                    i = *m.words.last().unwrap() + 1;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

impl Triggers {
    /// Whether word `k` is `lemma`: by its lemma, or by its form as an inflection of it.
    fn is(&self, s: &impl LemmaSource, k: usize, lemma: &str) -> bool {
        s.lemma(k) == lemma
            || s.form(k) == lemma
            || self.forms.get(s.form(k)).is_some_and(|l| l == lemma)
    }

    /// The positions of `lemmas` from `i` on, each after at most [`MAX_GAP`] fillers.
    fn match_at(&self, s: &impl LemmaSource, i: usize, lemmas: &[String]) -> Option<Vec<usize>> {
        if !self.is(s, i, &lemmas[0]) {
            return None;
        }
        let mut words = vec![i];
        let mut k = i + 1;
        for l in &lemmas[1..] {
            let mut gap = 0;
            loop {
                if k >= s.words() {
                    return None;
                }
                let usable = s.usable(k);
                if usable && self.is(s, k, l) {
                    break;
                }
                let skip = if usable {
                    s.is_filler(k)
                } else {
                    s.is_possessor(k)
                };
                if gap == MAX_GAP || !skip {
                    return None;
                }
                gap += 1;
                k += 1;
            }
            words.push(k);
            k += 1;
        }
        Some(words)
    }
}

/// The regular inflections of a lemma: -s/-es, -ed/-d, -ing, y -> ies/ied, a doubled
/// final consonant ("ban" -> "banned"). Irregular forms are the lemmatizer's job.
fn inflections(l: &str) -> Vec<String> {
    let mut out = vec![
        format!("{l}s"),
        format!("{l}es"),
        format!("{l}ed"),
        format!("{l}ing"),
    ];
    if let Some(stem) = l.strip_suffix('e') {
        out.push(format!("{l}d"));
        out.push(format!("{stem}ing"));
    }
    let b = l.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2]) {
        let stem = &l[..l.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
    }
    if b.len() >= 3 {
        let (c, v, c0) = (b[b.len() - 1], b[b.len() - 2], b[b.len() - 3]);
        let vowel = |x: u8| b"aeiou".contains(&x);
        if !vowel(c) && vowel(v) && !vowel(c0) && !b"wxy".contains(&c) {
            let last = c as char;
            out.push(format!("{l}{last}ed"));
            out.push(format!("{l}{last}ing"));
        }
    }
    out
}

/// British spellings of a row's `-ize`/`-ization`/`-yze` lemmas ("criticise").
fn british_variants(row: &TriggerRow) -> Option<TriggerRow> {
    let mut changed = false;
    let lemmas = row
        .lemmas
        .iter()
        .map(|l| {
            for (us, uk) in [("ization", "isation"), ("ize", "ise"), ("yze", "yse")] {
                if let Some(stem) = l.strip_suffix(us) {
                    if stem.len() >= 3 {
                        changed = true;
                        return format!("{stem}{uk}");
                    }
                }
            }
            l.clone()
        })
        .collect();
    changed.then(|| TriggerRow {
        lemmas,
        origin: format!("{} (British spelling)", row.origin),
        ..row.clone()
    })
}

/// The built-in table.
pub const BUILTIN: &str = include_str!("../../data/lexicon/triggers.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    struct Words(Vec<(&'static str, bool)>);
    impl LemmaSource for Words {
        fn words(&self) -> usize {
            self.0.len()
        }
        fn lemma(&self, i: usize) -> &str {
            self.0[i].0
        }
        fn form(&self, i: usize) -> &str {
            self.0[i].0
        }
        fn is_filler(&self, i: usize) -> bool {
            self.0[i].1
        }
        fn usable(&self, _: usize) -> bool {
            true
        }
        fn head_pos(&self, words: &[usize]) -> Option<TriggerPos> {
            // In these tests a sequence's head is its first word, a verb unless it is "talk".
            Some(if self.0[words[0]].0 == "talk" {
                TriggerPos::Noun
            } else {
                TriggerPos::Verb
            })
        }
    }

    fn table(rows: &str) -> Triggers {
        let mut t = Triggers::default();
        let text =
            format!("# source: test\nlemmas\tpos\trelation\tcameo\tsource\ttarget\tsense\n{rows}");
        t.load(&text, "test").unwrap();
        t
    }

    #[test]
    fn the_longest_sequence_wins_and_fillers_may_sit_between_its_words() {
        let t = table(
            "hold\tVERB\tmeets\t040\tsubj\tobl:with\t-\n\
             hold talk\tVERB\tmeets\t040\tsubj\tobl:with|nmod:with\t-\n\
             talk\tNOUN\tmeets\t040\tposs\tnmod:with\t-\n",
        );
        // "held direct talks with"
        let s = Words(vec![
            ("hold", false),
            ("direct", true),
            ("talk", false),
            ("with", false),
        ]);
        let m = t.find(&s);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].words, vec![0, 2]);
        assert_eq!(t.row(m[0].rows[0]).lemmas, vec!["hold", "talk"]);
        // A word that is not a filler breaks the sequence: "held" alone, then "talk".
        let s = Words(vec![("hold", false), ("new", false), ("talk", false)]);
        let m = t.find(&s);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].words, vec![0]);
        assert_eq!(m[1].words, vec![2]);
    }

    #[test]
    fn rows_with_the_same_lemmas_come_together_for_the_sense_to_choose() {
        let t = table(
            "attack\tVERB\tattacks\t190\tsubj\tobj\ttarget=place|force\n\
             attack\tVERB\tcriticizes\t111\tsubj\tobj\ttarget=person|organization|plan\n",
        );
        let m = t.find(&Words(vec![("attack", false)]));
        assert_eq!(m[0].rows.len(), 2);
        let r = t.row(m[0].rows[1]);
        assert_eq!(r.relation, RelationKind::Criticizes);
        assert_eq!(
            r.target_classes,
            class::PERSON | class::ORGANIZATION | class::PLAN
        );
    }

    #[test]
    fn a_regular_inflection_matches_when_the_lemma_is_wrong() {
        let t = table("shell\tVERB\tattacks\t194\tsubj\tobj\t-\n");
        // The lemmatizer gave "shel" for "shelled": the form still finds the row.
        struct Shelled;
        impl LemmaSource for Shelled {
            fn words(&self) -> usize {
                1
            }
            fn lemma(&self, _: usize) -> &str {
                "shel"
            }
            fn form(&self, _: usize) -> &str {
                "shelled"
            }
            fn is_filler(&self, _: usize) -> bool {
                false
            }
            fn usable(&self, _: usize) -> bool {
                true
            }
            fn head_pos(&self, _: &[usize]) -> Option<TriggerPos> {
                Some(TriggerPos::Verb)
            }
        }
        assert_eq!(t.find(&Shelled).len(), 1);
        assert!(inflections("ban").contains(&"banned".to_string()));
        assert!(inflections("deny").contains(&"denied".to_string()));
        assert!(inflections("seize").contains(&"seizing".to_string()));
    }

    #[test]
    fn british_spellings_are_added_and_a_user_row_replaces_or_deletes() {
        let mut t = table("criticize\tVERB\tcriticizes\t111\tsubj\tobj\t-\n");
        assert!(t.starts_with("criticise"));
        t.load(
            "# source: user\nlemmas\tpos\trelation\tcameo\tsource\ttarget\tsense\n\
             criticize\tVERB\tcriticizes\t112\tsubj\tobj|obl:for\t-\n",
            "user",
        )
        .unwrap();
        let rows: Vec<_> = t
            .rows()
            .iter()
            .filter(|r| r.lemmas[0] == "criticize")
            .collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cameo, "112");
        t.load(
            "# source: user\nlemmas\tpos\trelation\tcameo\tsource\ttarget\tsense\n\
             criticize\tVERB\t-\t\t\t\t\n",
            "user",
        )
        .unwrap();
        assert!(!t.starts_with("criticize"));
    }

    #[test]
    fn a_cue_is_read_beside_the_classes_and_constrains_nothing_else() {
        let t = table("warn\tVERB\tthreatens\t130\tsubj\tobj\ttarget=country;cue=of|would\n");
        let r = &t.rows()[0];
        assert_eq!(r.cues, ["of", "would"]);
        assert_eq!(r.target_classes, class::COUNTRY);
        assert!(r.constrained);
        let t = table("warn\tVERB\tthreatens\t130\tsubj\tobj\tcue=against\n");
        let r = &t.rows()[0];
        assert_eq!(r.cues, ["against"]);
        assert_eq!(
            r.target_classes,
            default_target_classes(RelationKind::Threatens)
        );
        assert!(!r.constrained, "a cue alone does not separate senses");
        assert!(!r.no_predicate);
        let t = table("call\tVERB\tphones\t041\tsubj\tobj\ttarget=person;xcomp=none\n");
        let r = &t.rows()[0];
        assert!(r.no_predicate && r.constrained && r.cues.is_empty());
        assert_eq!(r.target_classes, class::PERSON);
    }

    #[test]
    fn bad_rows_are_errors_naming_the_line() {
        let mut t = Triggers::default();
        for (row, what) in [
            ("meet\tADJ\tmeets\t040\tsubj\tobj\t-", "pos"),
            ("meet\tVERB\tmeeting\t040\tsubj\tobj\t-", "event relation"),
            (
                "meet\tVERB\tholds-position\t040\tsubj\tobj\t-",
                "event relation",
            ),
            ("meet\tVERB\tmeets\t04\tsubj\tobj\t-", "cameo"),
            ("meet\tVERB\tmeets\t040\tsubject\tobj\t-", "slot"),
            ("meet\tVERB\tmeets\t040\tsubj\tobj\ttarget=people", "class"),
            ("warn\tVERB\tthreatens\t130\tsubj\tobj\tcue=Of", "cue"),
            ("call\tVERB\tphones\t041\tsubj\tobj\txcomp=some", "xcomp"),
            ("warn\tVERB\tthreatens\t130\tsubj\tobj\tcue=of|", "cue"),
            ("warn\tVERB\tthreatens\t130\tsubj\tobj\twith=of", "cue"),
        ] {
            let text = format!(
                "# source: t\nlemmas\tpos\trelation\tcameo\tsource\ttarget\tsense\n{row}\n"
            );
            let e = t.load(&text, "user/triggers.tsv").unwrap_err().to_string();
            assert!(e.contains("user/triggers.tsv") && e.contains('3'), "{e}");
            assert!(e.contains(what), "{row}: {e}");
        }
    }

    /// No row is shadowed: rows with the same lemmas and pos have constrained, disjoint
    /// senses, so each can fire; and no two rows say the same thing.
    #[test]
    fn no_builtin_row_is_shadowed() {
        let mut t = Triggers::default();
        t.load(BUILTIN, "data/lexicon/triggers.tsv").unwrap();
        let rows = t.rows();
        assert!(rows.len() >= 500, "only {} rows", rows.len());
        let mut by_key: std::collections::BTreeMap<(Vec<String>, TriggerPos), Vec<&TriggerRow>> =
            Default::default();
        for r in rows {
            by_key.entry((r.lemmas.clone(), r.pos)).or_default().push(r);
        }
        for ((lemmas, pos), group) in by_key {
            if group.len() < 2 {
                continue;
            }
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    assert!(
                        a.constrained && b.constrained,
                        "{} {}: {} and {} share lemmas and pos but one has no sense",
                        lemmas.join(" "),
                        pos.as_str(),
                        a.origin,
                        b.origin
                    );
                    let overlap = a.target_classes & b.target_classes != 0
                        && a.source_classes & b.source_classes != 0;
                    assert!(
                        !overlap,
                        "{} {}: {} and {} have overlapping senses",
                        lemmas.join(" "),
                        pos.as_str(),
                        a.origin,
                        b.origin
                    );
                }
            }
        }
    }

    #[test]
    fn every_event_relation_has_triggers() {
        let mut t = Triggers::default();
        t.load(BUILTIN, "data/lexicon/triggers.tsv").unwrap();
        for k in RelationKind::ALL
            .into_iter()
            .filter(|k| !k.cameo().is_empty())
        {
            let n = t.rows().iter().filter(|r| r.relation == k).count();
            assert!(n >= 5, "{k}: only {n} trigger rows");
        }
    }
}
