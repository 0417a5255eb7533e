//! The lemmatizer: a word's dictionary form given its UPOS ("met" VERB -> meet, "was" AUX
//! -> be, "countries" NOUN -> country).
//!
//! Learned from the treebank's LEMMA column in two parts. Suffix rules: for each UPOS and
//! each word ending of one to six letters, the edit (strip k letters, append a string) that
//! most word types with that ending take ("-ies" NOUN -> strip 3, append "y"); the longest
//! ending with a rule wins. An exception table holds the (word, UPOS) pairs those rules get
//! wrong ("was" AUX -> be, "men" NOUN -> man, "I" PRON -> I). Proper nouns keep their form
//! unless the table says otherwise; everything else is lowercased.
//!
//! Lemmatizing writes into the caller's string (a document keeps all its lemmas in one
//! buffer), so it allocates nothing per word.

use super::words::lower_hash;
use crate::hash::FastMap;
use crate::learn::format;
use crate::syntax::Upos;
use std::collections::BTreeMap;

/// Longest word ending a rule is keyed by.
const MAX_SUFFIX: usize = 6;

/// Strip this many characters from the lowercased word, then append the string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edit {
    strip: u8,
    append: Box<str>,
}

#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (lowercased-form hash, UPOS) -> lemma, where the rules are wrong.
    exceptions: FastMap<(u64, u8), Box<str>>,
    /// (UPOS, ending length, ending hash) -> edit index.
    rules: FastMap<(u8, u8, u64), u32>,
    edits: Vec<Edit>,
}

/// The last `MAX_SUFFIX` lowercased characters of `form`, oldest first, and how many.
fn lower_tail(form: &str) -> ([char; MAX_SUFFIX], usize) {
    // A ring buffer, put in order at the end.
    let mut ring = ['\0'; MAX_SUFFIX];
    let mut n = 0;
    for c in form.chars() {
        for l in c.to_lowercase() {
            ring[n % MAX_SUFFIX] = l;
            n += 1;
        }
    }
    let mut tail = ['\0'; MAX_SUFFIX];
    let k = n.min(MAX_SUFFIX);
    for (j, t) in tail[MAX_SUFFIX - k..].iter_mut().enumerate() {
        *t = ring[(n - k + j) % MAX_SUFFIX];
    }
    (tail, k)
}

fn ending_hash(tail: &[char]) -> u64 {
    tail.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn lowercase_into(form: &str, out: &mut String) {
    for c in form.chars() {
        out.extend(c.to_lowercase());
    }
}

/// The edit that turns `lower` (a lowercased form) into `lemma`.
fn edit_between(lower: &str, lemma: &str) -> Option<Edit> {
    let common = lower
        .chars()
        .zip(lemma.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let strip = lower.chars().count() - common;
    let append: String = lemma.chars().skip(common).collect();
    (strip <= MAX_SUFFIX && append.chars().count() <= 8).then(|| Edit {
        strip: strip as u8,
        append: append.into(),
    })
}

fn apply_edit(lower_start: usize, edit: &Edit, out: &mut String) {
    for _ in 0..edit.strip {
        if out.len() > lower_start {
            out.pop();
        }
    }
    out.push_str(&edit.append);
}

impl Lemmatizer {
    /// Appends the lemma of `form` tagged `upos` to `out`.
    pub fn lemmatize_into(&self, form: &str, upos: Upos, out: &mut String) {
        self.lemmatize_hashed_into(form, lower_hash(form), upos, out)
    }

    /// [`Lemmatizer::lemmatize_into`] given the form's [`lower_hash`] (which a
    /// [`super::words::Word`] already holds).
    pub fn lemmatize_hashed_into(&self, form: &str, lower: u64, upos: Upos, out: &mut String) {
        let u = upos.index() as u8;
        if let Some(l) = self.exceptions.get(&(lower, u)) {
            out.push_str(l);
            return;
        }
        self.by_rule_into(form, u, out);
    }

    /// The lemma as a new string (for tests and one-off calls).
    pub fn lemmatize(&self, form: &str, upos: Upos) -> String {
        let mut s = String::new();
        self.lemmatize_into(form, upos, &mut s);
        s
    }

    fn by_rule_into(&self, form: &str, u: u8, out: &mut String) {
        if u as usize == Upos::Propn.index() || form.chars().any(|c| c.is_numeric()) {
            out.push_str(form);
            return;
        }
        let start = out.len();
        lowercase_into(form, out);
        let (tail, n) = lower_tail(form);
        for len in (1..=n).rev() {
            let key = (u, len as u8, ending_hash(&tail[MAX_SUFFIX - len..]));
            if let Some(&e) = self.rules.get(&key) {
                apply_edit(start, &self.edits[e as usize], out);
                return;
            }
        }
    }

    /// Learns rules and exceptions from (form, UPOS, lemma) triples; deterministic.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, Upos, &'a str)>) -> Lemmatizer {
        // (lowercased form, upos) -> lemma -> count
        let mut seen: BTreeMap<(String, u8), BTreeMap<&'a str, u32>> = BTreeMap::new();
        for (form, upos, lemma) in words {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            let mut lower = String::new();
            lowercase_into(form, &mut lower);
            *seen
                .entry((lower, upos.index() as u8))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        let best = |m: &BTreeMap<&'a str, u32>| -> &'a str {
            // most frequent, then the first in byte order: a fixed choice.
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| *l)
                .unwrap_or("")
        };
        // Rules from word types: (upos, len, ending) -> edit -> types.
        let mut votes: BTreeMap<(u8, u8, u64), BTreeMap<Edit, u32>> = BTreeMap::new();
        for ((lower, u), lemmas) in &seen {
            if *u as usize == Upos::Propn.index() {
                continue;
            }
            let lemma = best(lemmas);
            let Some(edit) = edit_between(lower, lemma) else {
                continue;
            };
            let (tail, n) = lower_tail(lower);
            for len in (edit.strip as usize).max(1)..=n {
                let key = (*u, len as u8, ending_hash(&tail[MAX_SUFFIX - len..]));
                *votes
                    .entry(key)
                    .or_default()
                    .entry(edit.clone())
                    .or_default() += 1;
            }
        }
        let mut edits: Vec<Edit> = Vec::new();
        let mut edit_ids: BTreeMap<Edit, u32> = BTreeMap::new();
        let mut rules = FastMap::default();
        for (key, es) in votes {
            let total: u32 = es.values().sum();
            let (edit, n) = es
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .expect("non-empty");
            // An ending seen on one word type only is that word, not a rule.
            if total < 2 || *n * 2 < total {
                continue;
            }
            let id = *edit_ids.entry(edit.clone()).or_insert_with(|| {
                edits.push(edit.clone());
                edits.len() as u32 - 1
            });
            rules.insert(key, id);
        }
        let mut lem = Lemmatizer {
            exceptions: FastMap::default(),
            rules,
            edits,
        };
        let mut exceptions = FastMap::default();
        for ((lower, u), lemmas) in &seen {
            let lemma = best(lemmas);
            // A proper noun keeps its written form, so only a lemma that differs from
            // it in more than case is an exception ("Americans" -> American).
            let same = if *u as usize == Upos::Propn.index() {
                lemma.to_lowercase() == *lower
            } else {
                let mut by_rule = String::new();
                lem.by_rule_into(lower, *u, &mut by_rule);
                lemma == by_rule
            };
            if !same {
                exceptions.insert((lower_hash(lower), *u), lemma.into());
            }
        }
        lem.exceptions = exceptions;
        lem
    }

    pub(super) fn write(&self, w: &mut format::Writer) {
        w.varint(self.edits.len() as u64);
        for e in &self.edits {
            w.u8(e.strip);
            w.str(&e.append);
        }
        let mut rules: Vec<_> = self.rules.iter().map(|(&k, &v)| (k, v)).collect();
        rules.sort_unstable();
        w.varint(rules.len() as u64);
        for ((u, len, h), e) in rules {
            w.u8(u);
            w.u8(len);
            w.u64(h);
            w.u32(e);
        }
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort_unstable();
        w.varint(ex.len() as u64);
        for ((h, u), l) in ex {
            w.u64(*h);
            w.u8(*u);
            w.str(l);
        }
    }

    pub(super) fn read(r: &mut format::Reader) -> Result<Lemmatizer, String> {
        let n = r.count(2)?;
        let mut edits = Vec::with_capacity(n);
        for _ in 0..n {
            let strip = r.u8()?;
            edits.push(Edit {
                strip,
                append: r.str()?.into(),
            });
        }
        let n = r.count(14)?;
        let mut rules = FastMap::default();
        for _ in 0..n {
            let (u, len, h, e) = (r.u8()?, r.u8()?, r.u64()?, r.u32()?);
            if e as usize >= edits.len() || u as usize >= Upos::COUNT {
                return Err("bad lemma rule".into());
            }
            rules.insert((u, len, h), e);
        }
        let n = r.count(10)?;
        let mut exceptions = FastMap::default();
        for _ in 0..n {
            let (h, u) = (r.u64()?, r.u8()?);
            exceptions.insert((h, u), r.str()?.into());
        }
        Ok(Lemmatizer {
            exceptions,
            rules,
            edits,
        })
    }

    /// (exceptions, rules) counts, for the provenance file.
    pub fn sizes(&self) -> (usize, usize) {
        (self.exceptions.len(), self.rules.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trained() -> Lemmatizer {
        let data = [
            ("countries", Upos::Noun, "country"),
            ("cities", Upos::Noun, "city"),
            ("parties", Upos::Noun, "party"),
            ("talks", Upos::Noun, "talk"),
            ("leaders", Upos::Noun, "leader"),
            ("walked", Upos::Verb, "walk"),
            ("talked", Upos::Verb, "talk"),
            ("met", Upos::Verb, "meet"),
            ("was", Upos::Aux, "be"),
            ("Talks", Upos::Noun, "talk"),
            ("men", Upos::Noun, "man"),
            ("I", Upos::Pron, "I"),
            ("Americans", Upos::Propn, "American"),
        ];
        Lemmatizer::train(data.into_iter())
    }

    #[test]
    fn rules_generalize_to_unseen_words_and_exceptions_win() {
        let l = trained();
        assert_eq!(l.lemmatize("ladies", Upos::Noun), "lady");
        assert_eq!(l.lemmatize("Countries", Upos::Noun), "country");
        assert_eq!(l.lemmatize("jumped", Upos::Verb), "jump");
        assert_eq!(l.lemmatize("met", Upos::Verb), "meet");
        assert_eq!(l.lemmatize("was", Upos::Aux), "be");
        assert_eq!(l.lemmatize("men", Upos::Noun), "man");
        assert_eq!(l.lemmatize("I", Upos::Pron), "I");
        assert_eq!(l.lemmatize("Putin", Upos::Propn), "Putin");
        assert_eq!(l.lemmatize("Americans", Upos::Propn), "American");
        assert_eq!(l.lemmatize("", Upos::Noun), "");
        assert_eq!(l.lemmatize("2022", Upos::Num), "2022");
    }

    #[test]
    fn round_trips_through_the_model_format() {
        let l = trained();
        let mut w = format::Writer::new(b"TESTLEMM", 1);
        l.write(&mut w);
        let bytes = w.finish();
        let mut r = format::Reader::open(&bytes, b"TESTLEMM", 1, "x").unwrap();
        let back = Lemmatizer::read(&mut r).unwrap();
        r.end().unwrap();
        for w in ["ladies", "met", "was", "men", "walked"] {
            for u in [Upos::Noun, Upos::Verb, Upos::Aux] {
                assert_eq!(back.lemmatize(w, u), l.lemmatize(w, u));
            }
        }
    }
}
