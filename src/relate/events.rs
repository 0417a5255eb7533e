//! Event relations (meets, demands, attacks, ... every PLOVER category) where the
//! sentence's grammar states them, as the best event coders do (DESIGN.md, "Syntax").
//!
//! A trigger from the event lexicon ([`super::triggers`], matched by lemma,
//! leftmost-longest) names the relation; the parse gives its ends:
//! - a verb's source is its subject, the agent of a passive ("was attacked by X"), the
//!   controller of a clause it heads ("agreed to meet": the subject of agree; "urged X to
//!   withdraw": X), the subject it shares with a verb it is coordinated with ("met and
//!   criticised"), or the noun a relative clause hangs on ("Russia, which attacked ...");
//! - a verb's target is its object (the subject of a passive), its indirect object, the
//!   nominal with the preposition the row names ("talks *with*", "concessions *from*"), or
//!   the object of the clause it controls ("refused to meet X");
//! - a noun trigger's source is its possessor, a name in a compound or a demonym
//!   ("Russia's demands", "NATO summit", "Russian air strikes"), an agent ("attack by"),
//!   whom the noun names ("X is a critic of Y", "X, a critic of Y"),
//!   or the subject of the light verb whose object it is ("held talks", "imposed
//!   sanctions"); its target is the nominal with the row's preposition;
//! - "between X and Y", coordinated subjects of a symmetric relation ("Russia and Ukraine
//!   negotiated") and hyphenated names ("US-Russia talks") give both ends at once;
//! - coordination shares arguments both ways; a title gives its named holder; a group
//!   noun its owner ("Russian troops"); a plan its owner (sense class `plan`).
//!
//! When several rows share the matched lemmas, the first whose sense classes fit both
//! ends wins ("attacked Labour's pledges" criticizes, "attacked a convoy" attacks).
//! Modality and reported speech come from [`super::modality`].

use super::args::{is_light_verb, Arg, Resolver, Via};
use super::modality::mood;
use super::tree::Tree;
use super::triggers::{class, Slot, TriggerPos, TriggerRow};
use super::{confidence, rel, Ctx};
use crate::doc::{Doc, EntityKind, RelationMention, Span};
use crate::lexicon::Lexicon;
use crate::syntax::{DepRel, Upos};

/// One pair of ends with the path that found it.
struct Pair {
    source: Arg,
    target: Arg,
    path: &'static str,
}

/// Event relations of sentence `si` (which must be parsed; an unparsed one gives none).
pub(super) fn events(
    doc: &Doc,
    lex: &Lexicon,
    ctx: &Ctx,
    res: &Resolver,
    si: usize,
    out: &mut Vec<RelationMention>,
) {
    if !doc.sentences[si].parsed || lex.triggers.is_empty() {
        return;
    }
    let tree = res.tree;
    let base = tree.range.start;
    for m in lex.triggers.find(tree) {
        let words: Vec<usize> = m.words.iter().map(|&k| base + k).collect();
        let head = tree.head_of(&words);
        // Part of a compound word ("union-backed", "Kremlin-hosted"): not a trigger.
        if head > base && tree.text(head - 1) == "-" && tree.head(head - 1) != Some(head) {
            continue;
        }
        let span = Span::new(
            doc.tokens[words[0]].span.start,
            doc.tokens[*words.last().unwrap()].span.end,
        );
        let Some((row, pairs)) = m.rows.iter().find_map(|&r| {
            let row = lex.triggers.row(r);
            let pairs: Vec<Pair> = pairs(tree, res, row, head, &words)
                .into_iter()
                .filter(|p| {
                    p.source.classes & row.source_classes != 0
                        && p.target.classes & row.target_classes != 0
                        && cued(tree, row, &words)
                        && !(row.no_predicate && has_predicate(tree, head))
                        && !particle_outside(tree, row, head, &words)
                })
                .collect();
            (!pairs.is_empty()).then_some((row, pairs))
        }) else {
            continue;
        };
        let md = mood(tree, head);
        let reporter = md.reporter.and_then(|r| res.arg(r)).map(|a| a.mention);
        let reporter = if md.reported {
            reporter
        } else {
            super::speech::reported_by(doc, ctx, si, words[0], words[words.len() - 1] + 1)
        };
        for p in pairs {
            let mut r = rel(
                row.relation,
                p.source.mention,
                p.target.mention,
                si,
                span,
                p.path,
            );
            r.modality = md.modality;
            r.reported = md.reported || reporter.is_some();
            r.reported_by = reporter;
            r.cameo = Some(row.cameo.clone());
            r.confidence = confidence::of(p.path)
                * confidence::via(p.source.via)
                * confidence::via(p.target.via);
            out.push(r);
        }
    }
}

/// Whether the trigger's words have one of the row's cues (any, when it names none): a
/// dependent marked by a cue word, as case marker, subordinator or auxiliary ("warned
/// Iran *of* consequences", "warned NATO that Moscow *would* take measures"; not "warned
/// that the war could be illegal"). The parser often hangs "of consequences" on the
/// object ("warned Russia of ..."): an object's `nmod` counts as the trigger's.
fn cued(t: &Tree, row: &TriggerRow, words: &[usize]) -> bool {
    let on_object = |c: usize| {
        matches!(t.base(c), DepRel::Obj | DepRel::Iobj)
            .then(|| t.children_base(c, DepRel::Nmod))
            .into_iter()
            .flatten()
    };
    // The clause said or warned of, down to its predicate however the parser shapes it
    // ("warned Finland that joining NATO would be a mistake", with "would" on
    // "mistake" under "joining").
    let in_clause = |c: usize| {
        let mut inner = Vec::new();
        if t.base(c) == DepRel::Ccomp {
            let mut frontier = vec![c];
            for _ in 0..2 {
                frontier = frontier.iter().flat_map(|&x| t.children(x)).collect();
                inner.extend(frontier.iter().copied());
            }
        }
        inner
    };
    let cue = |m: usize| row.cues.iter().any(|w| w.eq_ignore_ascii_case(t.lemma(m)));
    row.cues.is_empty()
        || words
            .iter()
            .flat_map(|&w| t.children(w))
            .flat_map(|c| std::iter::once(c).chain(on_object(c)))
            .any(|c| {
                t.children(c).any(|m| {
                    matches!(t.base(m), DepRel::Case | DepRel::Mark | DepRel::Aux) && cue(m)
                })
            })
        // Deeper in the clause, only an auxiliary ("to" there is another clause's).
        || words
            .iter()
            .flat_map(|&w| t.children(w))
            .flat_map(in_clause)
            .any(|c| t.children(c).any(|m| t.base(m) == DepRel::Aux && cue(m)))
}

/// Whether a verb trigger has a particle its row does not name: "held off a rival" is not
/// "hold", "backed down" not "back" (rows such as "call off" name theirs).
fn particle_outside(t: &Tree, row: &TriggerRow, head: usize, words: &[usize]) -> bool {
    row.pos == TriggerPos::Verb
        && t.children(head)
            .any(|c| t.rel(c) == DepRel::CompoundPrt && !words.contains(&c))
}

/// Whether `head` has a secondary predicate: an `xcomp` that is not a verb ("called him a
/// liar"), an adjective or indefinite nominal after its object, a quotation right after
/// its object, however parsed ("called Mr Brown 'reckless'"), or a copula, when the parser
/// took a participle that names someone for the predicate ("the threat was an Austrian
/// called X").
fn has_predicate(t: &Tree, head: usize) -> bool {
    let quote_after = |c: usize| {
        // The object's last word: its name's, else its own.
        let last = t
            .mention(c)
            .map_or(c, |m| t.doc.mentions[m].tokens.end.saturating_sub(1));
        t.contains(last + 1) && matches!(t.text(last + 1), "'" | "\"" | "‘" | "“")
    };
    let object = t.child(head, DepRel::Obj);
    // After the object, an adjective or an indefinite nominal with no preposition, however
    // parsed ("called Gordon Brown a friend", with "a friend" as an oblique).
    let predicate_after_object = |c: usize| {
        object.is_some_and(|o| c > o)
            && t.case_of(c).is_none()
            && (t.upos(c) == Upos::Adj
                || t.upos(c) == Upos::Noun
                    && t.children_base(c, DepRel::Det)
                        .any(|d| matches!(t.lower(d), "a" | "an")))
    };
    t.children(head).any(|c| match t.rel(c) {
        DepRel::Cop => true,
        DepRel::Xcomp => !matches!(t.upos(c), Upos::Verb | Upos::Aux),
        DepRel::Obj => quote_after(c),
        _ => predicate_after_object(c),
    })
}

/// Every (source, target) pair the row's slots find around `head`.
fn pairs(t: &Tree, res: &Resolver, row: &TriggerRow, head: usize, words: &[usize]) -> Vec<Pair> {
    let mut out = Vec::new();
    let symmetric = row.relation.is_symmetric();
    // Both ends in one phrase: "talks between X and Y", "the US-Russia talks".
    if row.target.contains(&Slot::Between) || row.source.contains(&Slot::Between) {
        for &w in words {
            for b in t.with_case(w, "between") {
                let ends = res.args(b);
                push_all_pairs(&ends, "event:between", &mut out);
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    if row.pos == TriggerPos::Noun && (symmetric || row.source.contains(&Slot::Compound)) {
        // Names in the compound, also one on another ("US" on "Russia" in "US-Russia talks").
        let mut names: Vec<Arg> = Vec::new();
        let mut stack: Vec<usize> = t
            .children(head)
            .filter(|&c| t.rel(c) == DepRel::Compound)
            .collect();
        while let Some(c) = stack.pop() {
            if let Some(a) = res.arg(c) {
                if !names.iter().any(|b| b.mention == a.mention) {
                    names.push(a);
                }
            }
            // (Or flat after a hyphen: "NATO-Russia meeting" with "Russia" flat on "NATO".)
            stack.extend(t.children(c).filter(|&d| {
                t.rel(d) == DepRel::Compound
                    || t.rel(d) == DepRel::Flat
                        && d > 0
                        && t.contains(d - 1)
                        && t.text(d - 1) == "-"
            }));
        }
        names.sort_by_key(|a| a.mention);
        if names.len() >= 2 && symmetric {
            push_all_pairs(&names, "event:hyphen-pair", &mut out);
            return out;
        }
    }
    let (mut sources, spath) = sources(t, res, row, head);
    let (targets, passive_subject) = targets(t, res, row, head, words);
    // A pronoun subject is not its own verb's object: in "he criticised both the chancellor
    // and the Tories" he is not the chancellor, so a link that says so is wrong and the
    // source is dropped rather than kept with its other targets.
    let entity = |a: &Arg| t.doc.mentions[a.mention].entity.as_deref();
    sources.retain(|s| {
        s.via != Via::Coref
            || !targets.iter().any(|tg| {
                tg.mention != s.mention && entity(tg).is_some() && entity(tg) == entity(s)
            })
    });
    let path = if passive_subject {
        "event:passive"
    } else {
        spath
    };
    for &s in &sources {
        for &tg in &targets {
            if s.mention != tg.mention {
                out.push(Pair {
                    source: s,
                    target: tg,
                    path,
                });
            }
        }
    }
    // A verb with an object of its own (not a word of the trigger, as "talks" in "held
    // talks") has its partner there, named or not: in "Labour and the Conservatives are
    // telephoning voters" the two do not phone each other.
    let own_object = t.upos(head) == Upos::Verb
        && t.children(head)
            .any(|c| t.base(c) == DepRel::Obj && !words.contains(&c));
    // (Not for a participle on a plural noun: "warfare between the two men ringing in
    // their ears" is no call between them.)
    if out.is_empty()
        && symmetric
        && targets.is_empty()
        && !own_object
        && sources.len() >= 2
        && spath != "event:acl"
    {
        // "Russia and Ukraine negotiated": coordinated subjects of a symmetric relation.
        push_all_pairs(&sources, "event:coordinated-subject", &mut out);
    }
    if out.is_empty() && row.target.contains(&Slot::Mutual) && targets.is_empty() {
        // "Venezuela and China signed a deal": each end is the other's, both ways.
        push_all_pairs(&sources, "event:mutual", &mut out);
        let reversed: Vec<Pair> = out
            .iter()
            .map(|p| Pair {
                source: p.target,
                target: p.source,
                path: p.path,
            })
            .collect();
        out.extend(reversed);
    }
    out
}

fn push_all_pairs(ends: &[Arg], path: &'static str, out: &mut Vec<Pair>) {
    for (i, &a) in ends.iter().enumerate() {
        for &b in &ends[i + 1..] {
            if a.mention != b.mention {
                out.push(Pair {
                    source: a,
                    target: b,
                    path,
                });
            }
        }
    }
}

/// The sources a row's slots find, and the path.
fn sources(t: &Tree, res: &Resolver, row: &TriggerRow, head: usize) -> (Vec<Arg>, &'static str) {
    for slot in &row.source {
        let found = match slot {
            Slot::Subj if row.pos == TriggerPos::Verb => subjects(t, res, head, 0),
            Slot::Referent => (referent(t, res, head), "event:referent"),
            Slot::Subj | Slot::Poss | Slot::Compound | Slot::Amod | Slot::Prep(_) => {
                noun_source(t, res, slot, head)
            }
            _ => (Vec::new(), ""),
        };
        if !found.0.is_empty() {
            return found;
        }
    }
    if row.pos == TriggerPos::Noun {
        // The subject of the light verb whose object the noun is: "Russia made demands".
        if let Some(v) = t.head(head) {
            let governed = match t.base(head) {
                DepRel::Obj => is_light_verb(&t.lemma(v).to_lowercase()),
                // "in talks with", "after talks with"; "arrived for talks with", but not
                // "appealed for the release of X" (the appeal is not the release).
                DepRel::Obl => match t.case_of(head).as_deref() {
                    Some("in" | "during" | "after" | "at" | "following") => true,
                    Some("for") => {
                        row.relation.is_symmetric()
                            || row.relation == crate::doc::RelationKind::Visits
                    }
                    _ => false,
                },
                _ => false,
            };
            if governed && t.upos(v) == Upos::Verb {
                let (s, _) = subjects(t, res, v, 0);
                if !s.is_empty() {
                    return (s, "event:noun-light-verb");
                }
            }
        }
        // A meeting or visit noun in a phrase of the clause: "arrived in Geneva for talks
        // with Sherman", "after talks with Stefanishyna": the clause's subject takes part.
        if row.relation.is_symmetric() || row.relation == crate::doc::RelationKind::Visits {
            // A phrase of time ("after talks with", "following a meeting with") modifies
            // its clause wherever the parser hangs it: up through any word that is not a
            // clause of its own ("criticized Russia's buildup as 'unjustified' after talks
            // with Kuleba", with "after talks" on "unjustified").
            let timed = matches!(
                t.case_of(head).as_deref(),
                Some("after" | "following" | "before")
            );
            let steps = if timed { 5 } else { 3 };
            let mut x = head;
            for _ in 0..steps {
                // (A noun phrase the parser cut off as parataxis: "arrived at the mission
                // for face-to-face talks with Sherman", the hyphens splitting the phrase.)
                let cut_off = t.base(x) == DepRel::Parataxis
                    && t.children(x).all(|c| t.base(c) != DepRel::Nsubj);
                let inside = timed
                    && x != head
                    && !matches!(
                        t.base(x),
                        DepRel::Ccomp | DepRel::Advcl | DepRel::Acl | DepRel::Parataxis
                    )
                    && t.children(x).all(|c| t.base(c) != DepRel::Nsubj);
                if !cut_off
                    && !inside
                    && !matches!(t.base(x), DepRel::Nmod | DepRel::Obl | DepRel::Conj)
                {
                    break;
                }
                let Some(p) = t.head(x) else { break };
                if t.upos(p) == Upos::Verb {
                    let (s, _) = subjects(t, res, p, 0);
                    if !s.is_empty() {
                        return (s, "event:noun-clause");
                    }
                    break;
                }
                x = p;
            }
        }
    }
    (Vec::new(), "")
}

/// Whom noun `n` names: the subject of a predicate nominal ("Tony Blair is a critic of
/// ...", "Mr Blair and the Labour government have been the staunchest backers of ..."), of
/// "become" or "remain" over it, or the name it is in apposition to ("Gordon Brown, a
/// critic of ...").
fn referent(t: &Tree, res: &Resolver, n: usize) -> Vec<Arg> {
    if t.upos(n) != Upos::Noun {
        return Vec::new();
    }
    if t.children(n).any(|c| t.base(c) == DepRel::Cop) {
        return subjects(t, res, n, 0).0;
    }
    let Some(h) = t.head(n) else {
        return Vec::new();
    };
    match t.base(n) {
        DepRel::Appos => res.args(h),
        DepRel::Xcomp if matches!(t.lemma(h).to_lowercase().as_str(), "become" | "remain") => {
            subjects(t, res, h, 0).0
        }
        _ => Vec::new(),
    }
}

fn noun_source(t: &Tree, res: &Resolver, slot: &Slot, head: usize) -> (Vec<Arg>, &'static str) {
    let rel_ok = |c: usize| match slot {
        Slot::Poss => t.rel(c) == DepRel::NmodPoss,
        Slot::Compound => t.rel(c) == DepRel::Compound,
        Slot::Amod => t.rel(c) == DepRel::Amod,
        Slot::Prep(p) => {
            matches!(t.base(c), DepRel::Nmod | DepRel::Obl) && t.case_of(c).as_deref() == Some(p)
        }
        _ => false,
    };
    let mut out = Vec::new();
    for c in t.children(head).filter(|&c| rel_ok(c)) {
        for a in res.args(c) {
            if !out.iter().any(|b: &Arg| b.mention == a.mention) {
                out.push(a);
            }
        }
    }
    (out, "event:noun")
}

/// The subjects of verb `v`: its own, a passive's agent, or inherited through control,
/// coordination, a relative clause or an adverbial clause.
pub(super) fn subjects(t: &Tree, res: &Resolver, v: usize, depth: u8) -> (Vec<Arg>, &'static str) {
    if depth > 5 {
        return (Vec::new(), "");
    }
    // The subject nearest the verb first: the parser sometimes gives a title's scope its
    // own nsubj ("U.N. Secretary-General Antonio Guterres urged").
    let mut subjs: Vec<usize> = t
        .children(v)
        .filter(|&c| matches!(t.rel(c), DepRel::Nsubj | DepRel::NsubjOuter))
        .collect();
    subjs.sort_by_key(|&c| c.abs_diff(v));
    for &s in &subjs {
        // A relative pronoun stands for the noun its clause hangs on.
        // (The parser sometimes attaches the clause as a conjunct or apposition of its noun:
        // "Ukraine, which is not a member of NATO, ...".)
        if t.upos(s) == Upos::Pron
            && matches!(t.lemma(s).to_lowercase().as_str(), "who" | "which" | "that")
            && (t.rel(v) == DepRel::AclRelcl
                || (matches!(t.base(v), DepRel::Conj | DepRel::Appos | DepRel::Parataxis)
                    && t.head(v)
                        .is_some_and(|n| n < s && matches!(t.upos(n), Upos::Noun | Upos::Propn))))
        {
            return (
                t.head(v).map_or_else(Vec::new, |n| res.args(n)),
                "event:relcl",
            );
        }
        // A relative clause the parser hung on the main verb ("... was denied by Foreign
        // Secretary Jack Straw, who accused the Tories ..."): the pronoun stands for the
        // name right before it and its comma.
        if t.upos(s) == Upos::Pron
            && matches!(t.lower(s), "who" | "which")
            && s < v
            && s >= 2
            && t.contains(s - 2)
            && t.upos(s - 1) == Upos::Punct
            && t.lower(s - 1) == ","
            && matches!(t.upos(s - 2), Upos::Propn | Upos::Noun)
            && !matches!(t.base(v), DepRel::Acl)
        {
            let a = res.args(s - 2);
            if !a.is_empty() {
                return (a, "event:relcl");
            }
        }
        // A subject with a preposition is a misparse of a phrase ("On Friday Mr Chirac
        // was in China visiting ...", with "China" the subject of "visiting").
        let marked = t
            .children(s)
            .any(|c| t.base(c) == DepRel::Case && !matches!(t.lower(c), "'s" | "'" | "’s" | "’"));
        let a = if marked { Vec::new() } else { res.args(s) };
        if !a.is_empty() {
            return (a, "event:verb");
        }
    }
    if !subjs.is_empty() {
        return (Vec::new(), "");
    }
    if t.is_passive(v) {
        let agent = t.agent(v).map_or_else(Vec::new, |a| res.args(a));
        return (agent, "event:passive");
    }
    let Some(p) = t.head(v) else {
        return (Vec::new(), "");
    };
    match t.base(v) {
        // "is due to visit" (the parser may give csubj for the xcomp of an adjective).
        DepRel::Xcomp | DepRel::Csubj => {
            // Object control: "urged Israel to withdraw" (Israel withdraws).
            if let Some(o) = t
                .children(p)
                .find(|&c| matches!(t.rel(c), DepRel::Obj | DepRel::Iobj) && c < v)
            {
                let a = res.args(o);
                if !a.is_empty() {
                    return (a, "event:control");
                }
            }
            // A passive's subject does what its infinitive says: "Lavrov and Blinken are
            // expected to speak", "Iran was urged by the EU to halt" (not the agent).
            if t.is_passive(p) && t.base(v) == DepRel::Xcomp {
                if let Some(s) = t.children(p).find(|&c| t.rel(c) == DepRel::NsubjPass) {
                    return (res.args(s), "event:control");
                }
            }
            let (s, _) = subjects(t, res, p, depth + 1);
            (s, "event:control")
        }
        DepRel::Conj if matches!(t.upos(p), Upos::Verb | Upos::Aux) => {
            let (s, _) = subjects(t, res, p, depth + 1);
            (s, "event:conj")
        }
        // A relative clause without a subject of its own: the noun it hangs on.
        DepRel::Acl if t.rel(v) == DepRel::AclRelcl => (res.args(p), "event:relcl"),
        // An infinitive on a noun of intent: whoever owns the plan, pledge or offer ("Biden's
        // plans to host Macron"; "Biden plans to host Macron", with "plans" tagged a noun and
        // "Biden" its compound).
        DepRel::Acl if super::modality::controlled_by_noun(t, v) => {
            // "a demand for Turkey to recognise Cyprus": Turkey is to do it.
            if let Some(c) = t
                .children(p)
                .find(|&c| c > p && c < v && t.case_of(c).as_deref() == Some("for"))
            {
                return (res.args(c), "event:control");
            }
            let mut owners: Vec<Arg> = Vec::new();
            for c in t.children(p) {
                if matches!(t.rel(c), DepRel::NmodPoss | DepRel::Compound) {
                    for a in res.args(c) {
                        if a.classes & class::ACTOR != 0
                            && !owners.iter().any(|b| b.mention == a.mention)
                        {
                            owners.push(a);
                        }
                    }
                }
            }
            (owners, "event:control")
        }
        DepRel::Acl => {
            // A participle on a noun: "officials attending the talks".
            if t.text(v).ends_with("ing") {
                (res.args(p), "event:acl")
            } else if t.head(p).is_none()
                && t.mention(p).is_some()
                && v > p
                && t.child(p, DepRel::Cop).is_none()
            {
                // A sentence whose root is the name a finite verb hangs on: the parser
                // read "Michael Howard accused Tony Blair of lying" as a reduced relative
                // clause; the name is the subject. Not a predicate nominal ("the threat was
                // an Austrian called X": the participle names him).
                (res.args(p), "event:verb")
            } else {
                (Vec::new(), "")
            }
        }
        DepRel::Advcl
            if t.children(v).all(|c| {
                t.base(c) != DepRel::Mark
                    || matches!(
                        t.lemma(c),
                        "after" | "before" | "while" | "by" | "when" | "in"
                    )
            }) =>
        {
            let (s, _) = subjects(t, res, p, depth + 1);
            (s, "event:advcl")
        }
        _ => (Vec::new(), ""),
    }
}

/// The targets a row's slots find, and whether they are a passive's subject.
fn targets(
    t: &Tree,
    res: &Resolver,
    row: &TriggerRow,
    head: usize,
    words: &[usize],
) -> (Vec<Arg>, bool) {
    let passive = row.pos == TriggerPos::Verb && t.is_passive(head);
    for slot in &row.target {
        let found: Vec<Arg> = match slot {
            Slot::Obj if passive => {
                let subj = t.child(head, DepRel::NsubjPass).map(|s| res.args(s));
                match subj {
                    Some(a) if !a.is_empty() => return (a, true),
                    _ if t.base(head) == DepRel::Acl => {
                        // "a convoy attacked by rebels": the noun the participle modifies.
                        let a = t.head(head).map_or_else(Vec::new, |n| res.args(n));
                        if !a.is_empty() {
                            return (a, true);
                        }
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            // The parser often gives iobj for the object of "urged Israel to ...", and
            // sometimes a bare oblique with no case marker for an object after a title ("did
            // not meet Russian Foreign Minister Sergei Lavrov").
            Slot::Obj => {
                let object = |c: usize| matches!(t.rel(c), DepRel::Obj | DepRel::Iobj);
                let bare_oblique =
                    |c: usize| c > head && t.rel(c) == DepRel::Obl && t.case_of(c).is_none();
                let found: Vec<Arg> = t
                    .children(head)
                    .filter(|&c| object(c))
                    .flat_map(|c| res.args(c))
                    .collect();
                if found.is_empty() && !t.children(head).any(object) {
                    t.children(head)
                        .filter(|&c| bare_oblique(c))
                        .flat_map(|c| res.args(c))
                        .collect()
                } else {
                    found
                }
            }
            Slot::Iobj => t
                .children(head)
                .filter(|&c| t.rel(c) == DepRel::Iobj)
                .flat_map(|c| res.args(c))
                .collect(),
            Slot::Prep(p) => {
                let mut found = Vec::new();
                // On any word of the trigger ("held talks with"), and for a noun trigger on
                // the light verb it is the object of ("made demands on Ukraine").
                let mut hosts: Vec<usize> = words.to_vec();
                if row.pos == TriggerPos::Noun && t.base(head) == DepRel::Obj {
                    hosts.extend(t.head(head));
                }
                for &h in &hosts {
                    for c in t.with_case(h, p) {
                        found.extend(res.args(c));
                    }
                }
                // A possessor of the sequence's noun is its "of"/"from"/"by" phrase:
                // "rejected Moscow's demands" as "rejected the demands of Moscow".
                if found.is_empty() && matches!(p.as_str(), "of" | "from" | "by") {
                    found.extend(
                        words
                            .iter()
                            .filter(|&&w| w != head)
                            .flat_map(|&w| t.children(w).filter(|&c| t.rel(c) == DepRel::NmodPoss))
                            .flat_map(|c| res.args(c)),
                    );
                }
                // Else deeper in the clause, where the parser often hangs the phrase: on the
                // object ("sought compensation from Iraq"), on a time or place ("spoke by
                // phone on Thursday with Macron"), through a controlled verb ("sought to
                // wrest concessions from the U.S.").
                if found.is_empty() {
                    for &h in &hosts {
                        for c in case_descendants(t, h, p) {
                            found.extend(res.args(c));
                        }
                    }
                }
                found
            }
            Slot::Content => {
                let mut found = Vec::new();
                for c in t.children(head) {
                    match t.base(c) {
                        // "demanded that Belarus release the prisoners".
                        DepRel::Ccomp => found.extend(subjects(t, res, c, 0).0),
                        // "Russia's three demands: no further NATO expansion".
                        DepRel::Conj
                        | DepRel::Appos
                        | DepRel::Dep
                        | DepRel::Parataxis
                        | DepRel::List
                            if (head + 1..c).any(|k| t.text(k) == ":") =>
                        {
                            for o in t.children(c).filter(|&o| {
                                matches!(
                                    t.rel(o),
                                    DepRel::Compound | DepRel::NmodPoss | DepRel::Amod
                                )
                            }) {
                                found.extend(res.args(o));
                            }
                        }
                        _ => {}
                    }
                }
                found
            }
            // The controlled verb may be parsed as an infinitive adverbial clause when it is
            // a word of the sequence ("offered to meet X", with "to meet" an advcl).
            Slot::XcompObj => t
                .children(head)
                .filter(|&c| {
                    t.rel(c) == DepRel::Xcomp
                        || (t.rel(c) == DepRel::Advcl
                            && words.contains(&c)
                            && t.children(c)
                                .any(|m| t.base(m) == DepRel::Mark && t.lemma(m) == "to"))
                })
                .flat_map(|x| {
                    t.children(x)
                        .filter(|&c| t.rel(c) == DepRel::Obj)
                        .flat_map(|c| res.args(c))
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => Vec::new(),
        };
        if !found.is_empty() {
            return (found, false);
        }
    }
    (Vec::new(), false)
}

/// Nominals with case marker `p` below `head` in its clause: through objects, obliques,
/// nominal modifiers, controlled verbs and a nominal's conjuncts, at most three steps
/// down, not into a name other than a place the event is "in".
fn case_descendants(t: &Tree, head: usize, p: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut frontier = vec![head];
    for _ in 0..3 {
        let mut next = Vec::new();
        for x in frontier {
            for c in t.children(x) {
                // Also to a conjunct of a nominal ("discussed this problem and other issues
                // with Chirac"), not of the trigger (another clause).
                let step = (matches!(
                    t.base(c),
                    DepRel::Obj | DepRel::Obl | DepRel::Nmod | DepRel::Xcomp | DepRel::Iobj
                ) || x != head && t.base(c) == DepRel::Conj)
                    && !matches!(t.rel(c), DepRel::NmodPoss);
                if !step {
                    continue;
                }
                if x != head && t.case_of(c).as_deref() == Some(p) {
                    out.push(c);
                }
                // Not into a name, but into a place: "held talks in Kyiv with Kuleba",
                // parsed with "with Kuleba" on "Kyiv".
                let place = t.mention(c).is_some_and(|m| {
                    matches!(
                        t.doc.mentions[m].kind,
                        EntityKind::Location | EntityKind::Country
                    ) && t.base(c) == DepRel::Obl
                        && t.case_of(c).as_deref() == Some("in")
                });
                if t.mention(c).is_none() || place {
                    next.push(c);
                }
            }
        }
        frontier = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::relate::found;

    fn has(rels: &[String], want: &str) -> bool {
        rels.iter().any(|r| r == want)
    }

    #[test]
    fn subject_verb_object() {
        let rels = found("Russia attacked Ukraine on Monday.");
        assert!(
            has(&rels, "country:RUS attacks country:UKR asserted"),
            "{rels:?}"
        );
    }

    #[test]
    fn passive_agent_is_the_source() {
        let rels = found("Israel was attacked by Hamas on Monday.");
        assert!(
            has(&rels, "org:hamas attacks country:ISR asserted"),
            "{rels:?}"
        );
    }

    #[test]
    fn control_passes_the_subject_down_and_makes_it_future() {
        let rels = found("Tony Blair agreed to meet Jacques Chirac.");
        assert!(
            rels.iter()
                .any(|r| r.contains("meets") && r.ends_with("future")),
            "{rels:?}"
        );
    }

    #[test]
    fn a_noun_trigger_takes_its_possessor_and_preposition() {
        let rels = found("Russia's demands on Ukraine were rejected.");
        assert!(
            has(&rels, "country:RUS demands country:UKR asserted"),
            "{rels:?}"
        );
    }

    #[test]
    fn verbal_attacks_on_plans_are_criticism() {
        let rels = found("Michael Howard attacked Labour's pledges on tax.");
        assert!(
            rels.iter()
                .any(|r| r.contains(" criticizes org:labour-party")),
            "{rels:?}"
        );
        assert!(!rels.iter().any(|r| r.contains(" attacks ")), "{rels:?}");
    }

    #[test]
    fn negation_on_the_verb() {
        let rels = found("Tony Blair never met Saddam Hussein.");
        assert!(
            rels.iter()
                .any(|r| r.contains("meets") && r.ends_with("negated")),
            "{rels:?}"
        );
    }
}
