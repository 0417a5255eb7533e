//! Repairs of the greedy parser's output that news text needs. Each function's doc says
//! which misparse it mends; the first is the subject after a fronted adverbial.
//!
//! In "After his talks with Tony Blair, Gordon Brown flew to Paris" the parser, having
//! attached "Tony Blair" inside the adverbial, takes the next name for a conjunct of it
//! ("Blair, Gordon Brown"), and the main verb is left without a subject. EWT has few such
//! sentences (it is web text), news has many ("In Paris, Jacques Chirac said ..."). The
//! repair: when the root has no subject, a conjunct noun that is set off by a comma, has no
//! "and"/"or", and stands right before the root (only its auxiliaries and adverbs between)
//! is the root's subject. EWT dev scores are unchanged by it (to the last digit); on the
//! BBC corpus it gives subjects to sentences such as "In a statement on Monday, the
//! company thanked ...".

use super::labels::{DepRel, Upos};

fn head_of(heads: &[u32], k: usize) -> Option<usize> {
    (heads[k] as usize).checked_sub(1)
}

fn children(heads: &[u32], p: usize) -> impl Iterator<Item = usize> + '_ {
    (0..heads.len()).filter(move |&k| head_of(heads, k) == Some(p))
}

/// The first subject (`nsubj`, `csubj` or `expl`, any subtype) of `v`.
fn subject_of(heads: &[u32], deprels: &[DepRel], v: usize) -> Option<usize> {
    children(heads, v).find(|&c| {
        matches!(
            deprels[c].base(),
            DepRel::Nsubj | DepRel::Csubj | DepRel::Expl
        )
    })
}

/// Whether `h` has a dependent labelled exactly `rel`.
fn has_child(heads: &[u32], deprels: &[DepRel], h: usize, rel: DepRel) -> bool {
    children(heads, h).any(|c| deprels[c] == rel)
}

/// Whether `p` is a (transitive) head of `x`.
fn under(heads: &[u32], x: usize, p: usize) -> bool {
    let mut x = x;
    for _ in 0..heads.len() {
        match head_of(heads, x) {
            Some(h) if h == p => return true,
            Some(h) => x = h,
            None => return false,
        }
    }
    false
}

/// Repairs `heads` (1-based, 0 for the root) and `deprels` of one sentence in place.
/// `is_comma(i)` says whether word `i` (0-based) is a comma.
pub fn fronted_subject(
    upos: &[Upos],
    heads: &mut [u32],
    deprels: &mut [DepRel],
    is_comma: impl Fn(usize) -> bool,
) {
    let Some(root) = heads.iter().position(|&h| h == 0) else {
        return;
    };
    if !matches!(upos[root], Upos::Verb | Upos::Aux) {
        return;
    }
    if subject_of(heads, deprels, root).is_some() {
        return;
    }
    // Between the candidate's last word and the root, only the root's auxiliaries and
    // adverbs ("Gordon Brown has also said").
    let mut k = root;
    while k > 0
        && head_of(heads, k - 1) == Some(root)
        && matches!(deprels[k - 1].base(), DepRel::Aux | DepRel::Advmod)
    {
        k -= 1;
    }
    // The word before them ends the candidate's phrase: climb to the conjunct.
    let Some(mut c) = k.checked_sub(1) else {
        return;
    };
    for _ in 0..4 {
        if deprels[c] == DepRel::Conj {
            break;
        }
        match head_of(heads, c) {
            Some(h) if h < c && matches!(deprels[c].base(), DepRel::Flat | DepRel::Compound) => {
                c = h
            }
            _ => return,
        }
    }
    if deprels[c] != DepRel::Conj
        || !matches!(upos[c], Upos::Propn | Upos::Noun | Upos::Pron)
        || head_of(heads, c).is_none_or(|h| h >= c)
    {
        return;
    }
    // Its phrase: the words from its first dependent to the root's auxiliaries; set off
    // by a comma, with no coordinator.
    let first = (0..c)
        .filter(|&w| deprels[w] != DepRel::Punct)
        .find(|&w| under(heads, w, c))
        .unwrap_or(c);
    let coordinated = children(heads, c).any(|d| deprels[d].base() == DepRel::Cc);
    if coordinated || first == 0 || !is_comma(first - 1) {
        return;
    }
    let passive = has_child(heads, deprels, root, DepRel::AuxPass);
    heads[c] = root as u32 + 1;
    deprels[c] = if passive {
        DepRel::NsubjPass
    } else {
        DepRel::Nsubj
    };
    // The comma before it was the conjunct's; it now sets off the adverbial.
    if head_of(heads, first - 1) == Some(c) {
        heads[first - 1] = root as u32 + 1;
    }
}

/// Repairs a noun phrase the parser hung on the verb as a conjunct: in "held talks with his
/// German counterpart, Gerhard Schroeder, and the Russian president, Vladimir Putin" it
/// makes "Schroeder" and "president" conjuncts of "held". A noun conjunct of a verb that
/// has no clause of its own (no subject, object, copula or auxiliary) is a misparse; after
/// a comma and with no "and"/"or" it is in apposition to the noun before it, and with one
/// it is that noun's (or that noun's head's, for an apposition) conjunct.
pub fn nominal_conjunct_of_verb(
    upos: &[Upos],
    heads: &mut [u32],
    deprels: &mut [DepRel],
    is_comma: impl Fn(usize) -> bool,
) {
    // A noun in a phrase of the verb that a conjunct or apposition can join.
    let joinable = |m: usize, deprels: &[DepRel]| {
        matches!(upos[m], Upos::Noun | Upos::Propn)
            && matches!(
                deprels[m].base(),
                DepRel::Obj | DepRel::Obl | DepRel::Nmod | DepRel::Appos | DepRel::Conj
            )
    };
    for c in 0..heads.len() {
        if deprels[c] != DepRel::Conj || !matches!(upos[c], Upos::Propn | Upos::Noun) {
            continue;
        }
        let Some(v) = head_of(heads, c) else { continue };
        if v > c || upos[v] != Upos::Verb {
            continue;
        }
        if children(heads, c).any(|d| {
            matches!(
                deprels[d].base(),
                DepRel::Nsubj | DepRel::Obj | DepRel::Cop | DepRel::Aux | DepRel::Mark
            )
        }) {
            continue;
        }
        // The phrase's first word: the earliest word of c's own dependents before it.
        let first = children(heads, c)
            .filter(|&d| d < c && deprels[d] != DepRel::Punct && deprels[d] != DepRel::Cc)
            .min()
            .unwrap_or(c);
        let cc = children(heads, c).any(|d| d < c && deprels[d] == DepRel::Cc);
        let Some(before) = first.checked_sub(1) else {
            continue;
        };
        // Skip the comma (and "and") before the phrase; the word before is the end of the
        // noun phrase it belongs to.
        let mut k = before;
        while k > v && (is_comma(k) || deprels[k] == DepRel::Cc) {
            k -= 1;
        }
        if k <= v || !is_comma(before) && !cc {
            continue;
        }
        // Climb from that word to the noun it belongs to, inside the verb's phrase.
        let mut m = k;
        for _ in 0..4 {
            if joinable(m, deprels) && m != c {
                break;
            }
            match head_of(heads, m) {
                Some(h) if h > v && h < c => m = h,
                _ => break,
            }
        }
        if !joinable(m, deprels) || !under(heads, m, v) {
            continue;
        }
        if cc {
            // A conjunct of the first conjunct: of m, or of what m is in apposition to.
            let mut left = m;
            while deprels[left] == DepRel::Appos || deprels[left] == DepRel::Conj {
                match head_of(heads, left) {
                    Some(h) if h < left && matches!(upos[h], Upos::Noun | Upos::Propn) => left = h,
                    _ => break,
                }
            }
            heads[c] = left as u32 + 1;
        } else {
            heads[c] = m as u32 + 1;
            deprels[c] = DepRel::Appos;
        }
    }
}

/// Repairs a title with a prepositional domain before a name: in "Chief Secretary to the
/// Treasury Paul Boateng attacked the plans" the parser reads "to the" as an infinitive and
/// gives the verb two subjects, "Secretary" and "Paul" ("Minister for Europe Denis MacShane
/// said" likewise). Two nominal subjects of one verb are always a misparse; when a
/// preposition (or "to") hung on the verb and a noun stand between them, the first is the
/// title, the noun after the preposition its domain, and the second the name the verb has
/// for subject: the title becomes a compound of the name, the domain an `nmod` of the title
/// with the preposition as its case and its other words (determiners, adjectives, nouns)
/// attached to it.
pub fn title_domain_before_name(upos: &[Upos], heads: &mut [u32], deprels: &mut [DepRel]) {
    // A verb's first two nominal subjects: a scan after each subject (few per sentence),
    // with no allocation on the parse path.
    let n = heads.len();
    let nominal_subject = |deprels: &[DepRel], c: usize| {
        deprels[c].base() == DepRel::Nsubj && matches!(upos[c], Upos::Noun | Upos::Propn)
    };
    for s1 in 0..n {
        if !nominal_subject(deprels, s1) {
            continue;
        }
        let Some(v) = head_of(heads, s1) else {
            continue;
        };
        // s1 must be the verb's first such subject, and s2 the next.
        if (0..s1).any(|c| nominal_subject(deprels, c) && head_of(heads, c) == Some(v)) {
            continue;
        }
        let Some(s2) =
            (s1 + 1..n).find(|&c| nominal_subject(deprels, c) && head_of(heads, c) == Some(v))
        else {
            continue;
        };
        if s2 <= s1 + 2 || s2 > v {
            continue;
        }
        // The preposition: the first word after the title that hangs on the verb as case or
        // mark; every word between title and name hangs on the verb, the title or the name.
        let Some(p) = (s1 + 1..s2).find(|&k| {
            head_of(heads, k) == Some(v)
                && matches!(deprels[k], DepRel::Case | DepRel::Mark)
                && matches!(upos[k], Upos::Adp | Upos::Part)
        }) else {
            continue;
        };
        let between_ok = (s1 + 1..s2).all(|k| {
            matches!(head_of(heads, k), Some(h) if h == v || h == s1 || h == s2)
                && !matches!(upos[k], Upos::Verb | Upos::Aux | Upos::Punct)
        });
        // The domain's head: the last noun before the name.
        let Some(d) = (p + 1..s2)
            .rev()
            .find(|&k| matches!(upos[k], Upos::Noun | Upos::Propn))
        else {
            continue;
        };
        if !between_ok {
            continue;
        }
        for k in p + 1..d {
            heads[k] = d as u32 + 1;
            deprels[k] = match upos[k] {
                Upos::Det => DepRel::Det,
                Upos::Adj => DepRel::Amod,
                Upos::Noun | Upos::Propn => DepRel::Compound,
                _ => deprels[k],
            };
        }
        heads[p] = d as u32 + 1;
        deprels[p] = DepRel::Case;
        heads[d] = s1 as u32 + 1;
        deprels[d] = DepRel::Nmod;
        heads[s1] = s2 as u32 + 1;
        deprels[s1] = DepRel::Compound;
    }
}

/// A verb after an auxiliary read as an adjective on the noun it governs: in "The United
/// States had proposed talks with Russia" the parser hangs "had" (aux) and "proposed"
/// (amod) on "talks" and makes the noun the clause's head. An auxiliary on a noun is right
/// only with a copula ("had been a failure"); without one, the verb between the auxiliary
/// and the noun is the predicate: it takes the noun's place, the noun becomes its object,
/// and the noun's dependents before the verb (subject, auxiliaries, adverbs) and its
/// punctuation move to the verb. So with a subject before the verb instead of an
/// auxiliary, when the noun heads the sentence: "British Foreign Secretary Liz Truss held
/// talks in Moscow", with "Secretary" the subject of "talks".
pub fn verb_read_as_modifier(upos: &[Upos], heads: &mut [u32], deprels: &mut [DepRel]) {
    let n = heads.len();
    for v in 0..n {
        if upos[v] != Upos::Verb || deprels[v].base() != DepRel::Amod {
            continue;
        }
        let Some(noun) = head_of(heads, v) else {
            continue;
        };
        if noun <= v || !matches!(upos[noun], Upos::Noun | Upos::Propn) {
            continue;
        }
        let mut aux_before = false;
        let mut subject_before = false;
        let mut copula = false;
        for (c, rel) in deprels.iter().enumerate() {
            if head_of(heads, c) != Some(noun) {
                continue;
            }
            match rel.base() {
                DepRel::Aux if c < v => aux_before = true,
                DepRel::Nsubj if c < v && heads[noun] == 0 => subject_before = true,
                DepRel::Cop => copula = true,
                _ => {}
            }
        }
        if !(aux_before || subject_before) || copula {
            continue;
        }
        take_place(heads, deprels, v, noun, DepRel::Obj, |c, rel| {
            c < v || rel.base() == DepRel::Punct && c > noun
        });
    }
}

/// Word `w` takes `old`'s place in the tree (its head and label), `old` becomes `w`'s
/// dependent labelled `rel`, and `old`'s other dependents for which `moves(dependent,
/// label)` holds move to `w`.
fn take_place(
    heads: &mut [u32],
    deprels: &mut [DepRel],
    w: usize,
    old: usize,
    rel: DepRel,
    moves: impl Fn(usize, DepRel) -> bool,
) {
    for c in 0..heads.len() {
        if c != w && head_of(heads, c) == Some(old) && moves(c, deprels[c]) {
            heads[c] = w as u32 + 1;
        }
    }
    heads[w] = heads[old];
    deprels[w] = deprels[old];
    heads[old] = w as u32 + 1;
    deprels[old] = rel;
}

/// An adjective predicate read as a dependent of its copula: in "Johnson is due to speak
/// with Putin" the parser (trained on web text, where "due to" is mostly a preposition)
/// makes "Johnson" the head with "is" as its copula, and hangs "due" on "is" with "to
/// speak" under it. A copula has no dependents in UD; an adjective after it that governs
/// a clause or phrase of its own is the predicate: it takes the noun's place, the noun
/// becomes its subject, the copula its copula, and the noun's dependents after the
/// adjective (the final punctuation) move to it.
pub fn adjective_under_copula(upos: &[Upos], heads: &mut [u32], deprels: &mut [DepRel]) {
    let n = heads.len();
    for c in 0..n {
        if deprels[c] != DepRel::Cop {
            continue;
        }
        let Some(noun) = head_of(heads, c).filter(|&x| x < c) else {
            continue;
        };
        if !matches!(upos[noun], Upos::Noun | Upos::Propn | Upos::Pron) {
            continue;
        }
        let Some(a) = children(heads, c)
            .find(|&a| a > c && upos[a] == Upos::Adj && children(heads, a).next().is_some())
        else {
            continue;
        };
        // The copula's other dependents (none in UD) go with it.
        for k in 0..n {
            if k != a && head_of(heads, k) == Some(c) {
                heads[k] = a as u32 + 1;
            }
        }
        take_place(heads, deprels, a, noun, DepRel::Nsubj, |k, _| {
            k != c && k > a
        });
        heads[c] = a as u32 + 1;
    }
}

/// A reported clause's subject and copula read as the reporting verb's: in "Johnson is
/// due to speak with Putin, Downing Street said" the parser hangs "Johnson" (nsubj), "is"
/// (cop) and "due" (ccomp) on "said", which then has two subjects. A verb has no copula;
/// when its copula stands between a subject before it and a predicate (adjective or noun)
/// after it, and the verb has another subject after that predicate, the first subject and
/// the copula are the predicate's.
pub fn copula_on_reporting_verb(upos: &[Upos], heads: &mut [u32], deprels: &mut [DepRel]) {
    let n = heads.len();
    for c in 0..n {
        if deprels[c] != DepRel::Cop {
            continue;
        }
        let Some(v) = head_of(heads, c).filter(|&v| v > c && upos[v] == Upos::Verb) else {
            continue;
        };
        let subjects: Vec<usize> = children(heads, v)
            .filter(|&k| deprels[k].base() == DepRel::Nsubj)
            .collect();
        let Some(&first) = subjects.iter().find(|&&k| k < c) else {
            continue;
        };
        let Some(pred) = children(heads, v).find(|&k| {
            k > c
                && k < v
                && matches!(upos[k], Upos::Adj | Upos::Noun)
                && matches!(
                    deprels[k].base(),
                    DepRel::Ccomp | DepRel::Xcomp | DepRel::Advcl
                )
        }) else {
            continue;
        };
        if !subjects.iter().any(|&k| k > pred) {
            continue;
        }
        heads[first] = pred as u32 + 1;
        heads[c] = pred as u32 + 1;
    }
}

/// A clause's subject read as the object of its subordinator: in "the call came a day after
/// Biden spoke by phone with Merkel" the parser makes "after Biden" a phrase on "day" and
/// leaves "spoke" without a subject. When a verb with no subject follows a name, noun or
/// pronoun whose case marker is a subordinator of time (`is_subordinator(i)`: "after",
/// "before", "since", "until") and which hangs elsewhere, the noun is the verb's subject and
/// the marker the verb's.
pub fn subject_after_subordinator(
    upos: &[Upos],
    heads: &mut [u32],
    deprels: &mut [DepRel],
    is_subordinator: impl Fn(usize) -> bool,
) {
    let n = heads.len();
    for v in 1..n {
        if upos[v] != Upos::Verb {
            continue;
        }
        if subject_of(heads, deprels, v).is_some() {
            // The subject with the subordinator as its case marker ("after Macron visited
            // Kyiv" with "after" on "Macron"): the marker is the verb's.
            let marked = children(heads, v)
                .filter(|&x| x < v && deprels[x].base() == DepRel::Nsubj)
                .find_map(|x| {
                    children(heads, x)
                        .find(|&c| c < x && deprels[c].base() == DepRel::Case && is_subordinator(c))
                });
            if let Some(c) = marked {
                heads[c] = v as u32 + 1;
                deprels[c] = DepRel::Mark;
            }
            continue;
        }
        // The noun phrase right before the verb: its last word, climbed to the head of a
        // name ("Gordon Brown", with "Brown" flat on "Gordon").
        let mut x = v - 1;
        if deprels[x].base() == DepRel::Flat {
            match head_of(heads, x) {
                Some(h) if h < x => x = h,
                _ => continue,
            }
        }
        if !matches!(upos[x], Upos::Propn | Upos::Noun | Upos::Pron)
            || head_of(heads, x) == Some(v)
            || under(heads, v, x)
        {
            continue;
        }
        let Some(c) = (0..x).find(|&c| {
            head_of(heads, c) == Some(x)
                && deprels[c].base() == DepRel::Case
                && is_subordinator(c)
                && !under(heads, v, c)
        }) else {
            continue;
        };
        // Only determiners, adjectives and the name's own words between marker and verb.
        if !(c + 1..v).all(|k| k == x || head_of(heads, k) == Some(x) || under(heads, k, x)) {
            continue;
        }
        let old = head_of(heads, x);
        heads[x] = v as u32 + 1;
        deprels[x] = DepRel::Nsubj;
        heads[c] = v as u32 + 1;
        deprels[c] = DepRel::Mark;
        // The clause hangs where the verb did, unless that was on the noun's old head
        // word's side as a loose relation: then on that word, as an adverbial clause.
        if matches!(
            deprels[v].base(),
            DepRel::Parataxis | DepRel::Dep | DepRel::Conj | DepRel::Root
        ) {
            if let Some(h) = old.filter(|&h| !under(heads, h, v) && h != v) {
                if deprels[v].base() != DepRel::Root {
                    heads[v] = h as u32 + 1;
                    deprels[v] = if matches!(upos[h], Upos::Verb | Upos::Aux) {
                        DepRel::Advcl
                    } else {
                        DepRel::Acl
                    };
                }
            }
        }
    }
}

/// The speaker right after a closing quote, read as a modifier inside the quote: in
/// '"We will fight," Jo Smith, director of the Committee, told the BBC' the parser hangs
/// "Smith" on "fight" and leaves "told" without a subject. When a verb of speech
/// (`is_speech(i)`) has no subject and the words between a closing quote
/// (`is_quote(i)`) and it are a name, noun or pronoun with its own dependents (an
/// apposition) and punctuation, that word is the verb's subject.
pub fn subject_after_quote(
    upos: &[Upos],
    heads: &mut [u32],
    deprels: &mut [DepRel],
    is_quote: impl Fn(usize) -> bool,
    is_speech: impl Fn(usize) -> bool,
) {
    let n = heads.len();
    for v in 2..n {
        if !is_speech(v) || upos[v] != Upos::Verb {
            continue;
        }
        let Some(q) = (0..v).rev().find(|&k| is_quote(k)) else {
            continue;
        };
        let x = q + 1;
        if let Some(s) = subject_of(heads, deprels, v) {
            // '"...," Anais Faraj, an analyst at Nomura told the BBC' with the name a
            // vocative of the verb and the apposition its subject: the name is the subject.
            let loose = matches!(
                deprels.get(x).map(|d| d.base()),
                Some(DepRel::Vocative | DepRel::Dislocated | DepRel::Dep)
            );
            if loose
                && head_of(heads, x) == Some(v)
                && upos[x] == Upos::Propn
                && x < s
                && upos[s] == Upos::Noun
                && (x + 1..s).any(|k| upos[k] == Upos::Punct)
                && (x + 1..s)
                    .all(|k| upos[k] == Upos::Punct || under(heads, k, x) || under(heads, k, s))
            {
                heads[s] = x as u32 + 1;
                deprels[s] = DepRel::Appos;
                deprels[x] = DepRel::Nsubj;
            }
            continue;
        }
        // The nearest closing quote before the verb, the word after it, and only that
        // word's phrase and punctuation up to the verb.
        if x >= v
            || !matches!(upos[x], Upos::Propn | Upos::Pron | Upos::Noun)
            || under(heads, v, x)
            || !(x + 1..v).all(|k| upos[k] == Upos::Punct || under(heads, k, x))
        {
            continue;
        }
        heads[x] = v as u32 + 1;
        deprels[x] = DepRel::Nsubj;
    }
}

/// A passive verb's agent read as an oblique of its adverbial clause: in "China has been
/// accused of blocking access by the media watchdog" the parser hangs "by the watchdog"
/// on "blocking". An oblique marked "by" (`is_by(i)` on its case word) on an active verb
/// clause (`advcl`, no passive auxiliary) of a passive verb that has no agent is that
/// verb's agent. "by using ..." is a clause, not an oblique, and stays.
pub fn agent_under_clause(
    upos: &[Upos],
    heads: &mut [u32],
    deprels: &mut [DepRel],
    is_by: impl Fn(usize) -> bool,
) {
    let n = heads.len();
    for v in 0..n {
        if upos[v] != Upos::Verb
            || !has_child(heads, deprels, v, DepRel::AuxPass)
            || has_child(heads, deprels, v, DepRel::OblAgent)
        {
            continue;
        }
        for g in v + 1..n {
            if head_of(heads, g) != Some(v)
                || deprels[g] != DepRel::Advcl
                || upos[g] != Upos::Verb
                || has_child(heads, deprels, g, DepRel::AuxPass)
            {
                continue;
            }
            let agent = children(heads, g).find(|&o| {
                o > g
                    && deprels[o] == DepRel::Obl
                    && matches!(upos[o], Upos::Noun | Upos::Propn)
                    && children(heads, o)
                        .any(|c| c > g && c < o && deprels[c] == DepRel::Case && is_by(c))
            });
            if let Some(o) = agent {
                heads[o] = v as u32 + 1;
                deprels[o] = DepRel::OblAgent;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DepRel::*;
    use Upos::{Adp, Noun, Propn, Punct, Verb};

    /// "After talks with Blair , Brown flew ." with Brown a conjunct of Blair.
    #[test]
    fn a_name_after_a_fronted_adverbial_becomes_the_subject() {
        let upos = [Adp, Noun, Adp, Propn, Punct, Propn, Verb, Punct];
        let mut heads = [2, 7, 4, 2, 6, 4, 0, 7];
        let mut deprels = [
            Case,
            Obl,
            Case,
            Nmod,
            DepRel::Punct,
            Conj,
            Root,
            DepRel::Punct,
        ];
        fronted_subject(&upos, &mut heads, &mut deprels, |i| i == 4 || i == 7);
        assert_eq!(heads[5], 7);
        assert_eq!(deprels[5], Nsubj);
        assert_eq!(heads[4], 7, "the comma moves with it");
    }

    /// "Blair and Brown flew ." has a subject already; "with Blair and Brown , flew" keeps
    /// its coordination.
    #[test]
    fn real_conjuncts_and_subjects_stay() {
        let upos = [Propn, Adp, Propn, Verb, Punct];
        let mut heads = [4, 3, 1, 0, 4];
        let mut deprels = [Nsubj, Cc, Conj, Root, DepRel::Punct];
        let before = (heads, deprels);
        fronted_subject(&upos, &mut heads, &mut deprels, |_| false);
        assert_eq!((heads, deprels), before);
        // No subject, but the conjunct has its "and" and no comma: left alone.
        let upos = [Adp, Propn, Adp, Propn, Verb];
        let mut heads = [2, 5, 4, 2, 0];
        let mut deprels = [Case, Obl, Cc, Conj, Root];
        let before = (heads, deprels);
        fronted_subject(&upos, &mut heads, &mut deprels, |_| false);
        assert_eq!((heads, deprels), before);
    }

    /// "held talks with his counterpart , Sharon , and the leader ." with "Sharon" and
    /// "leader" conjuncts of "held".
    #[test]
    fn a_noun_conjunct_of_a_verb_joins_the_noun_phrase_before_it() {
        let upos = [
            Verb,
            Noun,
            Adp,
            Noun,
            Punct,
            Propn,
            Punct,
            Upos::Cconj,
            Noun,
            Punct,
        ];
        let mut heads = [0, 1, 4, 2, 6, 1, 9, 9, 1, 1];
        let mut deprels = [
            Root,
            Obj,
            Case,
            Nmod,
            DepRel::Punct,
            Conj,
            DepRel::Punct,
            Cc,
            Conj,
            DepRel::Punct,
        ];
        nominal_conjunct_of_verb(&upos, &mut heads, &mut deprels, |i| i == 4 || i == 6);
        assert_eq!(
            (heads[5], deprels[5]),
            (4, Appos),
            "Sharon in apposition to counterpart"
        );
        assert_eq!(
            (heads[8], deprels[8]),
            (4, Conj),
            "leader a conjunct of counterpart"
        );
        // A clause conjunct keeps its head: "held talks and Blair left".
        let upos = [Verb, Noun, Upos::Cconj, Propn, Verb];
        let mut heads = [0, 1, 4, 5, 1];
        let mut deprels = [Root, Obj, Cc, Nsubj, Conj];
        let before = (heads, deprels);
        nominal_conjunct_of_verb(&upos, &mut heads, &mut deprels, |_| false);
        assert_eq!((heads, deprels), before);
    }

    /// "Chief Secretary to the Treasury Paul Boateng attacked the plans ." as the parser
    /// reads it: "Secretary" and "Paul" both subjects of "attacked", "to" its marker.
    #[test]
    fn a_title_with_a_domain_before_a_name_is_the_names() {
        use Upos::Det;
        let upos = [
            Propn, Propn, Adp, Det, Propn, Propn, Propn, Verb, Det, Noun, Punct,
        ];
        let mut heads = [2, 8, 8, 8, 6, 8, 6, 0, 10, 8, 8];
        let mut deprels = [
            Compound,
            NsubjPass,
            Mark,
            DepRel::Det,
            Compound,
            Nsubj,
            Flat,
            Root,
            DepRel::Det,
            Obj,
            DepRel::Punct,
        ];
        title_domain_before_name(&upos, &mut heads, &mut deprels);
        assert_eq!(
            (heads[1], deprels[1]),
            (6, Compound),
            "the title is the name's"
        );
        assert_eq!((heads[2], deprels[2]), (5, Case));
        assert_eq!((heads[3], deprels[3]), (5, DepRel::Det));
        assert_eq!(
            (heads[4], deprels[4]),
            (2, Nmod),
            "the domain is the title's"
        );
        assert_eq!(
            (heads[5], deprels[5]),
            (8, Nsubj),
            "the name is the subject"
        );
        // One subject, or two with no preposition between them: left alone.
        let upos = [Propn, Propn, Verb, Det, Noun];
        let mut heads = [3, 1, 0, 5, 3];
        let mut deprels = [Nsubj, Flat, Root, DepRel::Det, Obj];
        let before = (heads, deprels);
        title_domain_before_name(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
        let upos = [Noun, Propn, Propn, Verb];
        let mut heads = [4, 4, 2, 0];
        let mut deprels = [Nsubj, Nsubj, Flat, Root];
        let before = (heads, deprels);
        title_domain_before_name(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
    }

    /// "Britain had proposed talks ." with "had" and "proposed" on "talks", the root.
    #[test]
    fn a_verb_after_an_auxiliary_is_the_predicate_not_a_modifier() {
        use Upos::Aux as AuxTag;
        let upos = [Propn, AuxTag, Verb, Noun, Punct];
        let mut heads = [4, 4, 4, 0, 4];
        let mut deprels = [Nsubj, Aux, Amod, Root, DepRel::Punct];
        verb_read_as_modifier(&upos, &mut heads, &mut deprels);
        assert_eq!(heads, [3, 3, 0, 3, 3]);
        assert_eq!(deprels, [Nsubj, Aux, Root, Obj, DepRel::Punct]);
        // With a copula the noun is the predicate: "it had been a planned attack".
        let upos = [Upos::Pron, AuxTag, AuxTag, Upos::Det, Verb, Noun];
        let mut heads = [6, 6, 6, 6, 6, 0];
        let mut deprels = [Nsubj, Aux, Cop, DepRel::Det, Amod, Root];
        let before = (heads, deprels);
        verb_read_as_modifier(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
    }

    /// "Secretary Truss held talks ." with "Secretary" the subject of "talks", the root,
    /// and "held" on it: no auxiliary, but a subject before the verb.
    #[test]
    fn a_verb_after_the_subject_of_its_object_is_the_predicate() {
        let upos = [Propn, Propn, Verb, Noun, Punct];
        let mut heads = [4, 1, 4, 0, 4];
        let mut deprels = [Nsubj, Flat, Amod, Root, DepRel::Punct];
        verb_read_as_modifier(&upos, &mut heads, &mut deprels);
        assert_eq!(heads, [3, 1, 0, 3, 3]);
        assert_eq!(deprels, [Nsubj, Flat, Root, Obj, DepRel::Punct]);
        // Not when the noun is not the sentence's head: "Truss said Lavrov held talks"
        // with "talks" an object clause is left to other readings.
        let upos = [Propn, Verb, Propn, Verb, Noun];
        let mut heads = [2, 0, 5, 5, 2];
        let mut deprels = [Nsubj, Root, Nsubj, Amod, Ccomp];
        let before = (heads, deprels);
        verb_read_as_modifier(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
    }

    /// "Johnson is due to speak ." with "Johnson" the root, "is" its copula and "due"
    /// hung on "is" with "speak" under it.
    #[test]
    fn an_adjective_under_its_copula_is_the_predicate() {
        use Upos::{Adj, Aux as AuxTag, Part};
        let upos = [Propn, AuxTag, Adj, Part, Verb, Punct];
        let mut heads = [0, 1, 2, 5, 3, 1];
        let mut deprels = [Root, Cop, Mark, Mark, Xcomp, DepRel::Punct];
        adjective_under_copula(&upos, &mut heads, &mut deprels);
        assert_eq!(heads, [3, 3, 0, 5, 3, 3]);
        assert_eq!(deprels, [Nsubj, Cop, Root, Mark, Xcomp, DepRel::Punct]);
        // An adjective with no dependents stays where it is (nothing to repair from).
        let upos = [Propn, AuxTag, Adj, Punct];
        let mut heads = [0, 1, 2, 1];
        let mut deprels = [Root, Cop, Amod, DepRel::Punct];
        let before = (heads, deprels);
        adjective_under_copula(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
    }

    /// "Johnson is due , Downing Street said ." with "Johnson", "is" and "due" on "said".
    #[test]
    fn a_copula_on_a_reporting_verb_goes_to_the_predicate() {
        use Upos::{Adj, Aux as AuxTag};
        let upos = [Propn, AuxTag, Adj, Punct, Propn, Propn, Verb, Punct];
        let mut heads = [7, 7, 7, 3, 6, 7, 0, 7];
        let mut deprels = [
            Nsubj,
            Cop,
            Ccomp,
            DepRel::Punct,
            Compound,
            Nsubj,
            Root,
            DepRel::Punct,
        ];
        copula_on_reporting_verb(&upos, &mut heads, &mut deprels);
        assert_eq!(heads, [3, 3, 7, 3, 6, 7, 0, 7]);
        // With one subject only, nothing is moved.
        let mut heads = [7, 7, 7, 3, 6, 7, 0, 7];
        let mut deprels = [
            Nsubj,
            Cop,
            Ccomp,
            DepRel::Punct,
            Compound,
            Obj,
            Root,
            DepRel::Punct,
        ];
        let before = (heads, deprels);
        copula_on_reporting_verb(&upos, &mut heads, &mut deprels);
        assert_eq!((heads, deprels), before);
    }

    /// "It came a day after Blair spoke ." with "after Blair" on "day" and "spoke" a
    /// parataxis of "came" with no subject.
    #[test]
    fn a_name_after_a_subordinator_is_the_next_verbs_subject() {
        let upos = [Upos::Pron, Verb, Upos::Det, Noun, Adp, Propn, Verb, Punct];
        let mut heads = [2, 0, 4, 2, 6, 4, 2, 2];
        let mut deprels = [
            Nsubj,
            Root,
            DepRel::Det,
            Obj,
            Case,
            Nmod,
            Parataxis,
            DepRel::Punct,
        ];
        subject_after_subordinator(&upos, &mut heads, &mut deprels, |i| i == 4);
        assert_eq!(
            (heads[5], deprels[5]),
            (7, Nsubj),
            "the name is the subject"
        );
        assert_eq!(
            (heads[4], deprels[4]),
            (7, Mark),
            "the marker is the verb's"
        );
        assert_eq!(
            (heads[6], deprels[6]),
            (4, Acl),
            "the clause hangs on the noun"
        );
        // A verb with a subject of its own, or a preposition that is no subordinator of
        // time ("with Blair"), is left alone.
        let mut heads = [2, 0, 4, 2, 6, 4, 2, 2];
        let mut deprels = [
            Nsubj,
            Root,
            DepRel::Det,
            Obj,
            Case,
            Nmod,
            Parataxis,
            DepRel::Punct,
        ];
        let before = (heads, deprels);
        subject_after_subordinator(&upos, &mut heads, &mut deprels, |_| false);
        assert_eq!((heads, deprels), before);
    }

    /// "days after Macron visited Kyiv ." with "after" the case marker of "Macron", the
    /// subject of "visited".
    #[test]
    fn a_subordinator_on_the_subject_is_the_verbs_marker() {
        let upos = [Noun, Adp, Propn, Verb, Propn, Punct];
        let mut heads = [0, 3, 4, 1, 4, 1];
        let mut deprels = [Root, Case, Nsubj, Acl, Obj, DepRel::Punct];
        subject_after_subordinator(&upos, &mut heads, &mut deprels, |i| i == 1);
        assert_eq!((heads[1], deprels[1]), (4, Mark));
        assert_eq!((heads[2], deprels[2]), (4, Nsubj));
    }

    /// '" We won , " Smith , the coach , told the BBC .' with "Smith" on "won" and
    /// "told" without a subject; and with "Smith" a vocative, "coach" the subject.
    #[test]
    fn the_name_after_a_closing_quote_is_the_speakers() {
        use Upos::{Det, Pron};
        let upos = [
            Punct, Pron, Verb, Punct, Punct, Propn, Punct, Det, Noun, Punct, Verb, Det, Propn,
            Punct,
        ];
        // 1 " 2 We 3 won 4 , 5 " 6 Smith 7 , 8 the 9 coach 10 , 11 told 12 the 13 BBC 14 .
        let mut heads = [3, 3, 0, 3, 3, 3, 9, 9, 6, 11, 3, 13, 11, 3];
        let start = [
            DepRel::Punct,
            Nsubj,
            Root,
            DepRel::Punct,
            DepRel::Punct,
            Obl,
            DepRel::Punct,
            DepRel::Det,
            Appos,
            DepRel::Punct,
            Parataxis,
            DepRel::Det,
            Iobj,
            DepRel::Punct,
        ];
        let mut deprels = start;
        let quote = |i: usize| i == 4;
        let speech = |i: usize| i == 10;
        subject_after_quote(&upos, &mut heads, &mut deprels, quote, speech);
        assert_eq!((heads[5], deprels[5]), (11, Nsubj));
        // Vocative name, apposition as the subject.
        let mut heads = [3, 3, 0, 3, 3, 11, 9, 9, 11, 11, 3, 13, 11, 3];
        let mut deprels = start;
        (deprels[5], deprels[8]) = (Vocative, Nsubj);
        subject_after_quote(&upos, &mut heads, &mut deprels, quote, speech);
        assert_eq!((heads[5], deprels[5]), (11, Nsubj));
        assert_eq!((heads[8], deprels[8]), (6, Appos));
        // No quote before the verb: nothing moves.
        let mut heads = [3, 3, 0, 3, 3, 3, 9, 9, 6, 11, 3, 13, 11, 3];
        let mut deprels = start;
        subject_after_quote(&upos, &mut heads, &mut deprels, |_| false, speech);
        assert_eq!((heads[5], deprels[5]), (3, Obl));
    }

    /// "China was accused of blocking access by the watchdog ." with "by the watchdog" on
    /// "blocking".
    #[test]
    fn a_passives_agent_under_its_clause_is_the_passives() {
        use Upos::{Aux as AuxTag, Det, Sconj};
        let upos = [
            Propn, AuxTag, Verb, Sconj, Verb, Noun, Adp, Det, Noun, Punct,
        ];
        // 1 China 2 was 3 accused 4 of 5 blocking 6 access 7 by 8 the 9 watchdog 10 .
        let heads = [3, 3, 0, 5, 3, 5, 9, 9, 5, 3];
        let start = [
            NsubjPass,
            AuxPass,
            Root,
            Mark,
            Advcl,
            Obj,
            Case,
            DepRel::Det,
            Obl,
            DepRel::Punct,
        ];
        let (mut h, mut d) = (heads, start);
        agent_under_clause(&upos, &mut h, &mut d, |i| i == 6);
        assert_eq!((h[8], d[8]), (3, OblAgent));
        // Not a passive (no aux:pass): nothing moves.
        let (mut h, mut d) = (heads, start);
        d[1] = Aux;
        agent_under_clause(&upos, &mut h, &mut d, |i| i == 6);
        assert_eq!((h[8], d[8]), (5, Obl));
        // Not "by": nothing moves.
        let (mut h, mut d) = (heads, start);
        agent_under_clause(&upos, &mut h, &mut d, |_| false);
        assert_eq!((h[8], d[8]), (5, Obl));
    }
}
