//! A parsed sentence as the relation finder reads it: each token's head, relation,
//! part of speech and lemma, its dependents (built once per sentence), and which mention
//! covers it. All indexes are doc-wide token indexes.

use super::triggers::{LemmaSource, TriggerPos};
use super::Ctx;
use crate::doc::Doc;
use crate::syntax::{DepRel, Upos};
use std::ops::Range;

pub(super) struct Tree<'d> {
    pub doc: &'d Doc,
    pub range: Range<usize>,
    /// Dependents of token `range.start + k`: `kids[kids_at[k]..kids_at[k + 1]]`, in text order.
    kids_at: Vec<u32>,
    kids: Vec<u32>,
    /// Per token of the sentence: 1 + the index of the mention covering it, or 0.
    mention_at: Vec<u32>,
    /// The words lowercased: word `k` is `lower[lower_at[k]..lower_at[k + 1]]`.
    lower: String,
    lower_at: Vec<u32>,
}

impl<'d> Tree<'d> {
    /// The tree of sentence `si` (which must be parsed).
    pub fn new(doc: &'d Doc, ctx: &Ctx, si: usize) -> Tree<'d> {
        let range = doc.sentences[si].tokens.clone();
        let n = range.len();
        let mut counts = vec![0u32; n + 1];
        for i in range.clone() {
            if let Some(h) = doc.tokens[i].head {
                counts[h as usize - range.start] += 1;
            }
        }
        let mut kids_at = Vec::with_capacity(n + 1);
        let mut acc = 0;
        for c in &counts[..n] {
            kids_at.push(acc);
            acc += c;
        }
        kids_at.push(acc);
        let mut fill = kids_at.clone();
        let mut kids = vec![0u32; acc as usize];
        for i in range.clone() {
            if let Some(h) = doc.tokens[i].head {
                let k = h as usize - range.start;
                kids[fill[k] as usize] = i as u32;
                fill[k] += 1;
            }
        }
        let mut mention_at = vec![0u32; n];
        for m in ctx.in_sentence(si) {
            let (s, e) = ctx.tokens_of[m];
            for k in s.max(range.start)..e.min(range.end) {
                // Names win over coreference mentions (which never overlap them anyway).
                if mention_at[k - range.start] == 0 {
                    mention_at[k - range.start] = m as u32 + 1;
                }
            }
        }
        let mut lower = String::new();
        let mut lower_at = Vec::with_capacity(n + 1);
        for i in range.clone() {
            lower_at.push(lower.len() as u32);
            for c in doc.token_text(i).chars() {
                lower.extend(c.to_lowercase());
            }
        }
        lower_at.push(lower.len() as u32);
        Tree {
            doc,
            range,
            kids_at,
            kids,
            mention_at,
            lower,
            lower_at,
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.range.contains(&i)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.doc.tokens[i].head.map(|h| h as usize)
    }

    /// The full relation ("nsubj:pass").
    pub fn rel(&self, i: usize) -> DepRel {
        self.doc.tokens[i].deprel
    }

    /// The relation without its subtype ("nsubj").
    pub fn base(&self, i: usize) -> DepRel {
        self.doc.tokens[i].deprel.base()
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.doc.tokens[i].upos
    }

    pub fn lemma(&self, i: usize) -> &'d str {
        self.doc.lemma(i)
    }

    pub fn text(&self, i: usize) -> &'d str {
        self.doc.token_text(i)
    }

    /// The word as written, lowercased.
    pub fn lower(&self, i: usize) -> &str {
        let k = i - self.range.start;
        &self.lower[self.lower_at[k] as usize..self.lower_at[k + 1] as usize]
    }

    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let k = i - self.range.start;
        self.kids[self.kids_at[k] as usize..self.kids_at[k + 1] as usize]
            .iter()
            .map(|&c| c as usize)
    }

    /// The first dependent with relation `rel` (compared in full).
    pub fn child(&self, i: usize, rel: DepRel) -> Option<usize> {
        self.children(i).find(|&c| self.rel(c) == rel)
    }

    /// The dependents whose base relation is `rel`.
    pub fn children_base(&self, i: usize, rel: DepRel) -> impl Iterator<Item = usize> + '_ {
        self.children(i).filter(move |&c| self.base(c) == rel)
    }

    /// The lowercased case marker of a nominal ("with" in "with NATO"), the first
    /// `case` dependent; a two-word marker as one ("according to"). The parser may hang the
    /// marker on a title or modifier before a name ("with German Chancellor Angela Merkel",
    /// "with" on "Chancellor"): the name's it is.
    pub fn case_of(&self, i: usize) -> Option<String> {
        let c = self
            .children(i)
            .find(|&c| self.base(c) == DepRel::Case)
            .or_else(|| {
                self.children(i)
                    .filter(|&m| {
                        m < i
                            && matches!(
                                self.rel(m),
                                DepRel::Compound | DepRel::NmodDesc | DepRel::Amod
                            )
                    })
                    .find_map(|m| {
                        self.children(m)
                            .find(|&k| k < m && self.base(k) == DepRel::Case)
                    })
            })?;
        let mut s = self.lemma(c).to_lowercase();
        if let Some(f) = self.child(c, DepRel::Fixed) {
            s.push(' ');
            s.push_str(&self.lemma(f).to_lowercase());
        }
        Some(s)
    }

    /// The mention covering token `i`.
    pub fn mention(&self, i: usize) -> Option<usize> {
        if !self.contains(i) {
            return None;
        }
        match self.mention_at[i - self.range.start] {
            0 => None,
            m => Some(m as usize - 1),
        }
    }

    /// The head of a set of words: the one whose head is outside the set (the first such).
    pub fn head_of(&self, words: &[usize]) -> usize {
        words
            .iter()
            .copied()
            .find(|&w| self.head(w).is_none_or(|h| !words.contains(&h)))
            .unwrap_or(words[0])
    }

    /// A verb in the passive voice: a passive subject or auxiliary, or a participle
    /// modifying a noun with an agent ("a convoy attacked by rebels").
    pub fn is_passive(&self, v: usize) -> bool {
        self.children(v)
            .any(|c| matches!(self.rel(c), DepRel::NsubjPass | DepRel::AuxPass))
            || (self.base(v) == DepRel::Acl
                && self.text(v).ends_with("ed")
                && self.agent(v).is_some())
    }

    /// The agent of a passive: `obl:agent`, or an `obl` marked "by".
    pub fn agent(&self, v: usize) -> Option<usize> {
        self.child(v, DepRel::OblAgent).or_else(|| {
            self.children(v).find(|&c| {
                matches!(self.base(c), DepRel::Obl | DepRel::Nmod)
                    && self.case_of(c).as_deref() == Some("by")
            })
        })
    }

    /// Nominal dependents of `i` (obl or nmod, not possessors or times) with case marker `p`.
    pub fn with_case<'a>(&'a self, i: usize, p: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children(i).filter(move |&c| {
            matches!(
                self.rel(c),
                DepRel::Obl | DepRel::Nmod | DepRel::OblAgent | DepRel::NmodUnmarked
            ) && self.case_of(c).as_deref() == Some(p)
        })
    }

    /// `i` and the nominals coordinated with it ("Finland and Sweden", "X, Y and Z"); a
    /// conjunct may hang on any word of a name ("Tony Blair and Gordon Brown", with
    /// "Gordon" on "Blair").
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let x = out[k];
            let words = match self.mention(x) {
                Some(m) => self.doc.mentions[m].tokens.clone(),
                None => x..x + 1,
            };
            for w in words.filter(|&w| self.contains(w)) {
                for c in self.children_base(w, DepRel::Conj) {
                    let inside = self.mention(x).is_some() && self.mention(c) == self.mention(x);
                    // "Vincent Cable, for the Liberal Democrats, accused": a phrase set off by
                    // a preposition and no "and"/"or" is no conjunct, whatever the parse says.
                    let set_off = self.children(c).any(|d| self.base(d) == DepRel::Case)
                        && !self.children(c).any(|d| self.base(d) == DepRel::Cc);
                    if !inside
                        && !set_off
                        && matches!(self.upos(c), Upos::Noun | Upos::Propn | Upos::Pron)
                        && !out.contains(&c)
                    {
                        out.push(c);
                    }
                }
            }
            k += 1;
        }
        out
    }
}

impl LemmaSource for Tree<'_> {
    fn words(&self) -> usize {
        self.range.len()
    }

    fn lemma(&self, k: usize) -> &str {
        self.doc.lemma(self.range.start + k)
    }

    fn form(&self, k: usize) -> &str {
        self.lower(self.range.start + k)
    }

    fn is_filler(&self, k: usize) -> bool {
        let i = self.range.start + k;
        matches!(self.upos(i), Upos::Det | Upos::Adj | Upos::Adv | Upos::Num)
            || (self.upos(i) == Upos::Pron && self.rel(i) == DepRel::NmodPoss)
            // A common noun in a compound: "signed a debt relief deal", "trade sanctions".
            || (self.upos(i) == Upos::Noun
                && self.rel(i) == DepRel::Compound
                && self.mention_at[k] == 0)
            || self.is_possessor(k)
    }

    fn is_possessor(&self, k: usize) -> bool {
        let i = self.range.start + k;
        // (A possessive pronoun that coreference resolved keeps blocking: "held its second
        // meeting with" reads better as the noun "meeting" owned by "its".)
        (self.rel(i) == DepRel::NmodPoss && self.upos(i) != Upos::Pron)
            || (matches!(self.base(i), DepRel::Flat | DepRel::Compound | DepRel::Case)
                && self
                    .head(i)
                    .is_some_and(|h| self.rel(h) == DepRel::NmodPoss))
    }

    fn usable(&self, k: usize) -> bool {
        let i = self.range.start + k;
        self.mention_at[k] == 0 && !self.doc.in_boilerplate(self.doc.tokens[i].span)
    }

    fn head_pos(&self, words: &[usize]) -> Option<TriggerPos> {
        let doc_words: Vec<usize> = words.iter().map(|&k| self.range.start + k).collect();
        match self.upos(self.head_of(&doc_words)) {
            Upos::Verb => Some(TriggerPos::Verb),
            Upos::Noun => Some(TriggerPos::Noun),
            _ => None,
        }
    }
}
