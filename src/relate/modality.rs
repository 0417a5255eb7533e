//! Modality and reported speech from the parse (DESIGN.md, "Relations").
//!
//! From the trigger up its chain of heads, as far as the clause that states it:
//! - negated: `not`/`never`/`n't` on the trigger or a verb it depends on through control
//!   or coordination ("did not meet", "never criticised"), `no` on a noun trigger ("no
//!   talks"), or a verb of refusal over it ("refused to withdraw"); a noun trigger that is
//!   the subject of a copula keeps its own modality ("the attack was not a stunt" is an
//!   attack);
//! - hypothetical: a modal (could, might, may, should, must, can; would outside reported
//!   speech), a clause marked if/unless/whether, or a verb of urging or threatening over
//!   it ("urged Israel to withdraw", "threatened to attack");
//! - future: will/shall, "is to" ("is to visit"), a progressive with a time to come ("is
//!   travelling to America next week"; a present one with a day or this week: "is
//!   meeting British officials this week"), a present with a time to come ("meets Tony
//!   Blair tomorrow"), or a verb of planning or intending over it
//!   ("plans to visit", "agreed to meet", "is due to visit", "is expected to withdraw"),
//!   or a planned, proposed or upcoming noun trigger; "would" in reported speech is a
//!   backshifted will;
//! - else asserted. Negation wins over hypothesis, hypothesis over future.
//!
//! Reported speech: the trigger's clause is the complement of a verb of saying ("Putin
//! said NATO had threatened Russia"), or a verb of saying hangs on its clause ("NATO
//! threatened Russia, Putin said"), or the clause says "according to X". The reporter is
//! that verb's subject (or X).

use super::tree::Tree;
use crate::doc::Modality;
use crate::syntax::{DepRel, Upos};
use crate::words;

/// Auxiliaries followed by a bare verb (a conjunct that shares one is bare too): the
/// modals, "would" and "do".
fn takes_bare_verb(aux: &str) -> bool {
    words::FUTURE_MODALS.contains(&aux)
        || words::HYPOTHETICAL_MODALS.contains(&aux)
        || matches!(aux, "would" | "do")
}

const NEGATORS: &[&str] = &["not", "never", "n't", "no"];
/// Verbs whose controlled clause is planned or intended.
const FUTURE_CONTROL: &[&str] = &[
    "plan",
    "intend",
    "want",
    "agree",
    "decide",
    "aim",
    "prepare",
    "promise",
    "pledge",
    "vow",
    "expect",
    "schedule",
    "set",
    "due",
    "hope",
    "offer",
    "go",
    "wish",
    "mean",
    "arrange",
    "resolve",
    "vote",
    "undertake",
    "commit",
    "likely",
    "poised",
    // (as the lemmatizer gives "is poised to")
    "poise",
    "ready",
    "keen",
    "determined",
    "eager",
    "willing",
];
/// Verbs whose controlled clause is wished, urged or threatened, not done.
const HYPOTHETICAL_CONTROL: &[&str] = &[
    "urge",
    "ask",
    "call",
    "encourage",
    "press",
    "demand",
    "request",
    "threaten",
    "consider",
    "suggest",
    "propose",
    "invite",
    "persuade",
    "tell",
    "order",
    "advise",
    "appeal",
    "beg",
    "warn",
    "able",
    "allow",
    "permit",
    "need",
    "have",
];
/// Verbs whose controlled clause did not happen.
const NEGATIVE_CONTROL: &[&str] = &[
    "refuse", "decline", "fail", "reject", "avoid", "deny", "cease", "stop", "halt", "quit",
    "abandon", "forbid", "ban", "prevent", "oppose", "resist",
];
/// Nouns whose compound or "on"/"of"/"for" phrase names something still to come.
const AGREED_TO_COME: &[&str] = &["deal", "plan", "offer", "proposal", "bid", "invitation"];

/// Modifiers of a noun trigger that make it future or hypothetical.
const FUTURE_MODIFIERS: &[&str] = &[
    "planned",
    "upcoming",
    "proposed",
    "scheduled",
    "forthcoming",
    "future",
    "expected",
    "next",
    "impending",
];
const HYPOTHETICAL_MODIFIERS: &[&str] = &["possible", "potential", "likely", "hypothetical"];

/// The modality of a trigger and, if it is reported speech, the token of its reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mood {
    pub modality: Modality,
    pub reported: bool,
    /// The reporter's token (a speech verb's subject, or "according to X").
    pub reporter: Option<usize>,
}

#[derive(Default)]
struct Flags {
    negated: bool,
    hypothetical: bool,
    future: bool,
    would: bool,
}

/// Whether `x` is an infinitive on a noun whose verb controls a clause ("plans to host",
/// "a pledge to cut", "an offer to meet"): a noun that is the lemma of a control verb.
pub(super) fn controlled_by_noun(t: &Tree, x: usize) -> bool {
    let Some(p) = t.head(x) else {
        return false;
    };
    let l = t.lemma(p).to_lowercase();
    t.base(x) == DepRel::Acl
        && t.upos(p) == Upos::Noun
        && t.children(x)
            .any(|c| t.base(c) == DepRel::Mark && t.lemma(c).eq_ignore_ascii_case("to"))
        && [FUTURE_CONTROL, HYPOTHETICAL_CONTROL, NEGATIVE_CONTROL]
            .iter()
            .any(|list| list.contains(&l.as_str()))
}

pub(super) fn mood(t: &Tree, head: usize) -> Mood {
    let mut f = Flags::default();
    let lower = |i: usize| t.lemma(i).to_lowercase();
    // The noun trigger's own modifiers.
    if matches!(t.upos(head), Upos::Noun | Upos::Propn) {
        for c in t.children(head) {
            let l = lower(c);
            match t.base(c) {
                DepRel::Det if l == "no" => f.negated = true,
                DepRel::Amod | DepRel::Compound | DepRel::Advmod => {
                    let w = t.text(c).to_lowercase();
                    if FUTURE_MODIFIERS.contains(&w.as_str()) {
                        f.future = true;
                    }
                    if HYPOTHETICAL_MODIFIERS.contains(&w.as_str()) {
                        f.hypothetical = true;
                    }
                }
                _ => {}
            }
        }
        // Talks that a deal, plan or offer is about are still to come: "a Turkey-EU talks
        // deal", "an offer of talks", "a deal on talks with Turkey".
        if let Some(h) = t.head(head) {
            let about = t.base(head) == DepRel::Compound
                || (t.base(head) == DepRel::Nmod
                    && matches!(t.case_of(head).as_deref(), Some("on" | "of" | "for")));
            if about && AGREED_TO_COME.contains(&lower(h).as_str()) {
                f.future = true;
            }
        }
    }
    let mut x = head;
    let mut reporter = None;
    let mut reported = false;
    for _ in 0..8 {
        clause_flags(t, x, &mut f);
        let Some(p) = t.head(x) else { break };
        match t.base(x) {
            // An infinitive on a noun of intent is its controlled clause: "Biden's plans to
            // host Macron", "the promise to meet" (also "Biden plans to host", with "plans"
            // tagged a noun).
            DepRel::Xcomp | DepRel::Csubj | DepRel::Acl
                if t.base(x) != DepRel::Acl || controlled_by_noun(t, x) =>
            {
                let l = lower(p);
                if NEGATIVE_CONTROL.contains(&l.as_str()) {
                    f.negated = true;
                } else if HYPOTHETICAL_CONTROL.contains(&l.as_str()) {
                    f.hypothetical = true;
                } else if FUTURE_CONTROL.contains(&l.as_str()) {
                    f.future = true;
                }
                x = p;
            }
            // A conjunct without its own subject or auxiliary shares its first conjunct's
            // ("did not meet or call", "will meet and discuss").
            DepRel::Conj => {
                let own = t
                    .children(x)
                    .any(|c| matches!(t.base(c), DepRel::Nsubj | DepRel::Aux | DepRel::Csubj));
                if own || !matches!(t.upos(p), Upos::Verb | Upos::Aux | Upos::Noun) {
                    break;
                }
                // A modal or "do" takes a bare verb: an inflected conjunct does not share it
                // ("would not respond ... and promised to hail").
                let modal = t
                    .children(p)
                    .any(|c| t.base(c) == DepRel::Aux && takes_bare_verb(&lower(c)));
                if modal && t.upos(x) == Upos::Verb && !t.text(x).eq_ignore_ascii_case(t.lemma(x)) {
                    break;
                }
                x = p;
            }
            // A noun trigger takes the modality of the verb it is the object or subject of
            // ("will hold talks", "refused to hold talks", "the talks did not take place").
            // But the subject of a copula says what the event was, not whether it took
            // place: "his attack on Labour was not a publicity stunt" is an attack.
            DepRel::Nsubj
                if x == head
                    && t.upos(head) != Upos::Verb
                    && t.children(p).any(|c| t.base(c) == DepRel::Cop) =>
            {
                break;
            }
            DepRel::Obj | DepRel::Nsubj | DepRel::Obl
                if x == head && t.upos(head) != Upos::Verb =>
            {
                x = p;
            }
            DepRel::Advcl => {
                if marked_conditional(t, x) {
                    f.hypothetical = true;
                }
                // "called for him to go to Auschwitz": the parser makes the infinitive of
                // an appeal an adverbial clause; it is what was asked for, not what was done.
                let infinitive = t
                    .children(x)
                    .any(|c| t.base(c) == DepRel::Mark && lower(c) == "to");
                if infinitive && HYPOTHETICAL_CONTROL.contains(&lower(p).as_str()) {
                    f.hypothetical = true;
                }
                break;
            }
            DepRel::Ccomp | DepRel::Parataxis => {
                if words::is_speech_lemma(&lower(p)) {
                    reported = true;
                    reporter = speech_subject(t, p);
                }
                break;
            }
            _ => break,
        }
    }
    if marked_conditional(t, x) {
        f.hypothetical = true;
    }
    if !reported {
        // "NATO threatened Russia, Putin said": a speech verb hanging on the clause.
        if let Some(s) = t.children(x).find(|&c| {
            matches!(t.base(c), DepRel::Parataxis | DepRel::Ccomp)
                && words::is_speech_lemma(&lower(c))
                && c > x
        }) {
            if t.children(s).all(|c| t.base(c) != DepRel::Ccomp) {
                reported = true;
                reporter = speech_subject(t, s);
            }
        }
    }
    if !reported {
        if let Some(a) = t
            .children(x)
            .find(|&c| t.base(c) == DepRel::Obl && t.case_of(c).as_deref() == Some("according to"))
        {
            reported = true;
            reporter = Some(a);
        }
    }
    if f.would {
        if reported {
            f.future = true;
        } else {
            f.hypothetical = true;
        }
    }
    let modality = if f.negated {
        Modality::Negated
    } else if f.hypothetical {
        Modality::Hypothetical
    } else if f.future {
        Modality::Future
    } else {
        Modality::Asserted
    };
    Mood {
        modality,
        reported,
        reporter,
    }
}

/// Negators and auxiliaries on one verb (or adjective predicate) of the chain.
fn clause_flags(t: &Tree, x: usize, f: &mut Flags) {
    // For "is to visit" / "is due to visit" (the parser gives the verb "be" as cop or aux
    // and "to", or "due" with a fixed "to", as a marker) and "is travelling to America
    // next week" (a progressive with a time still to come).
    let (mut be, mut be_aux, mut to, mut to_come) = (false, false, false, false);
    // "is meeting British officials this week", "are visiting Paris on Friday": a present
    // progressive with a day or this week, month or year is planned; a past one ("was
    // meeting them on Friday") is not.
    let (mut be_present, mut this_time) = (false, false);
    for c in t.children(x) {
        let l = t.lemma(c).to_lowercase();
        let w = t.text(c).to_lowercase();
        let base = t.base(c);
        if matches!(base, DepRel::Cop | DepRel::Aux) && l == "be" {
            be = true;
            be_aux |= base == DepRel::Aux;
            be_present |=
                base == DepRel::Aux && matches!(w.as_str(), "is" | "are" | "am" | "'s" | "'re");
        }
        match base {
            DepRel::Advmod | DepRel::Det if NEGATORS.contains(&w.as_str()) => f.negated = true,
            // A clause introduced by "if" or "unless" is a condition, whatever label the
            // parser gave it ("— if Russia is willing to back off", parsed as a conjunct).
            DepRel::Mark if matches!(w.as_str(), "if" | "unless") => f.hypothetical = true,
            DepRel::Mark if matches!(w.as_str(), "to" | "due") => to = true,
            // "is due to meet" with "due" taken for a case marker.
            DepRel::Case if w == "due" => to = true,
            DepRel::Aux => {
                if words::FUTURE_MODALS.contains(&w.as_str()) || (l == "will" && w != "would") {
                    f.future = true;
                } else if w == "would" || w == "'d" {
                    f.would = true;
                } else if words::HYPOTHETICAL_MODALS.contains(&w.as_str()) {
                    f.hypothetical = true;
                } else if w == "going" {
                    f.future = true;
                }
            }
            DepRel::Obl | DepRel::Advmod | DepRel::NmodUnmarked => {
                to_come |= matches!(w.as_str(), "tomorrow" | "soon")
                    || t.children(c)
                        .any(|d| matches!(t.lower(d), "next" | "later" | "coming"));
                this_time |= words::WEEKDAYS.contains(&t.text(c))
                    || matches!(w.as_str(), "week" | "weekend" | "month" | "year")
                        && t.children(c).any(|d| t.lower(d) == "this");
            }
            _ => {}
        }
    }
    let verb = t.upos(x) == Upos::Verb;
    // A headline's "Chirac to visit Moscow" (no "is"; parsed as a clause on the
    // name, or as the root) says what is to come.
    let headline_to = to
        && !be
        && verb
        && match t.head(x) {
            None => true,
            Some(h) => {
                t.base(x) == DepRel::Acl
                    && t.rel(h) == DepRel::Root
                    && matches!(t.upos(h), Upos::Propn | Upos::Noun)
                    && t.mention(h).is_some()
            }
        };
    let progressive = be_aux && t.lower(x).ends_with("ing");
    // "meets Tony Blair tomorrow", "visits Paris next week": a present tense with a time to
    // come (a verb in "-s" with no auxiliary; a past "met" cannot take one).
    let present =
        verb && t.lower(x).ends_with('s') && t.children(x).all(|c| t.base(c) != DepRel::Aux);
    if (be && verb && to)
        || headline_to
        || progressive && (to_come || be_present && this_time)
        || present && to_come
    {
        f.future = true;
    }
}

/// An adverbial clause introduced by if, unless or whether.
fn marked_conditional(t: &Tree, x: usize) -> bool {
    t.base(x) == DepRel::Advcl
        && t.children(x).any(|c| {
            t.base(c) == DepRel::Mark
                && matches!(
                    t.text(c).to_lowercase().as_str(),
                    "if" | "unless" | "whether"
                )
        })
}

/// The subject of a speech verb (its agent in "was told by").
fn speech_subject(t: &Tree, v: usize) -> Option<usize> {
    t.children(v)
        .find(|&c| t.base(c) == DepRel::Nsubj && t.rel(c) != DepRel::NsubjPass)
        .or_else(|| t.agent(v))
}
