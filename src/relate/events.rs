//! Event relations (meets, demands, attacks, ...): a trigger from the trigger table with
//! its source (the clause's subject, or the actor modifying a noun trigger: "Russia's
//! demands", "a Russian military buildup") and its target (the first actor after the
//! trigger, after the preposition the trigger calls for: "talks with", "concessions
//! from"), with the modality of its clause and whose speech reports it.

use super::speech::reported_by;
use super::{coordinated_after, rel, Ctx};
use crate::doc::{Doc, EntityKind, MentionForm, Modality, RelationKind, RelationMention, Span};
use crate::words;

/// How a trigger finds its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A verb: subject before, object after (after one of the prepositions if given).
    Verb,
    /// A noun: the actor right before it ("Russia's demands"), or else the subject.
    Noun,
}

struct Trigger {
    words: &'static str,
    rel: RelationKind,
    frame: Frame,
    /// Prepositions introducing the target, tried in order.
    preps: &'static [&'static str],
    /// The target must follow one of `preps`.
    need_prep: bool,
}

const fn t(
    words: &'static str,
    rel: RelationKind,
    frame: Frame,
    preps: &'static [&'static str],
    need_prep: bool,
) -> Trigger {
    Trigger {
        words,
        rel,
        frame,
        preps,
        need_prep,
    }
}

use Frame::{Noun, Verb};
use RelationKind as R;

const WITH: &[&str] = &["with"];
const WITH_BETWEEN: &[&str] = &["with", "between"];

/// Relation triggers, longest first where they share a start.
const TRIGGERS: &[Trigger] = &[
    t("held talks with", R::Meets, Verb, WITH, true),
    t("held talks", R::Meets, Verb, WITH, true),
    t("talks on", R::Meets, Noun, WITH, true),
    t("talks with", R::Meets, Noun, WITH, true),
    t("talks between", R::Meets, Noun, &["between"], true),
    t("met with", R::Meets, Verb, WITH, true),
    t("met", R::Meets, Verb, &[], false),
    t("meets", R::Meets, Verb, &[], false),
    t("meet", R::Meets, Verb, WITH, false),
    t("meeting with", R::Meets, Noun, WITH, true),
    t("meeting between", R::Meets, Noun, &["between"], true),
    t("meeting", R::Meets, Noun, WITH_BETWEEN, true),
    t("summit with", R::Meets, Noun, WITH, true),
    t("summit", R::Meets, Noun, WITH_BETWEEN, true),
    t("talks", R::Meets, Noun, WITH_BETWEEN, true),
    t("sat down with", R::Meets, Verb, WITH, true),
    t("talks on", R::NegotiatesWith, Noun, WITH, true),
    t("negotiated with", R::NegotiatesWith, Verb, WITH, true),
    t("negotiated", R::NegotiatesWith, Verb, WITH, false),
    t("negotiating with", R::NegotiatesWith, Verb, WITH, true),
    t("negotiate with", R::NegotiatesWith, Verb, WITH, true),
    t("negotiations with", R::NegotiatesWith, Noun, WITH, true),
    t(
        "negotiations between",
        R::NegotiatesWith,
        Noun,
        &["between"],
        true,
    ),
    t("negotiation", R::NegotiatesWith, Noun, WITH_BETWEEN, true),
    t("spoke by phone with", R::Phones, Verb, WITH, true),
    t("spoke by phone", R::Phones, Verb, WITH, false),
    t("spoken by phone", R::Phones, Verb, WITH, false),
    t("speak by phone", R::Phones, Verb, WITH, false),
    t("talked by phone", R::Phones, Verb, WITH, false),
    t("spoke by telephone with", R::Phones, Verb, WITH, true),
    t("phone call with", R::Phones, Noun, WITH, true),
    t("telephone call with", R::Phones, Noun, WITH, true),
    t("phoned", R::Phones, Verb, &[], false),
    t("in a call with", R::Phones, Noun, WITH, true),
    t("visited", R::Visits, Verb, &[], false),
    t("visit", R::Visits, Verb, &[], false),
    t("visits", R::Visits, Verb, &[], false),
    t("visiting", R::Visits, Verb, &[], false),
    t("visit to", R::Visits, Noun, &["to"], true),
    t("traveled to", R::Visits, Verb, &["to"], true),
    t("travelled to", R::Visits, Verb, &["to"], true),
    t("hosted", R::Hosts, Verb, &[], false),
    t("host", R::Hosts, Verb, &[], false),
    t(
        "offered talks",
        R::ProposesTalks,
        Verb,
        &["with", "to"],
        false,
    ),
    t("offered to meet", R::ProposesTalks, Verb, &["with"], false),
    t(
        "proposed talks",
        R::ProposesTalks,
        Verb,
        &["with", "to"],
        false,
    ),
    t("ready to meet", R::ProposesTalks, Verb, &["with"], false),
    t(
        "agreed to hold talks",
        R::ProposesTalks,
        Verb,
        &["with"],
        false,
    ),
    t("invited", R::ProposesTalks, Verb, &[], false),
    t(
        "proposed another meeting with",
        R::ProposesTalks,
        Verb,
        WITH,
        true,
    ),
    t(
        "proposed a meeting with",
        R::ProposesTalks,
        Verb,
        WITH,
        true,
    ),
    t("proposed talks with", R::ProposesTalks, Verb, WITH, true),
    t("urged", R::AppealsTo, Verb, &[], false),
    t("urges", R::AppealsTo, Verb, &[], false),
    t("called on", R::AppealsTo, Verb, &["on"], false),
    t("calls on", R::AppealsTo, Verb, &["on"], false),
    t("appealed to", R::AppealsTo, Verb, &["to"], false),
    t("demanded", R::Demands, Verb, &["from", "of"], false),
    t("demands", R::Demands, Noun, &["from", "on", ":"], true),
    t("call for", R::Demands, Noun, &["from"], true),
    t("calls for", R::Demands, Noun, &["from"], true),
    t("sought", R::Demands, Verb, &["from"], true),
    t("seeking", R::Demands, Verb, &["from"], true),
    t("seeks", R::Demands, Verb, &["from"], true),
    t("rejected", R::Rejects, Verb, &["of", "from"], false),
    t("rejects", R::Rejects, Verb, &["of", "from"], false),
    t("ruled out", R::Rejects, Verb, &[], false),
    t("dismissed", R::Rejects, Verb, &[], false),
    t("accused", R::Accuses, Verb, &[], false),
    t("accuses", R::Accuses, Verb, &[], false),
    t("blamed", R::Accuses, Verb, &[], false),
    t("criticized", R::Criticizes, Verb, &[], false),
    t("criticised", R::Criticizes, Verb, &[], false),
    t("condemned", R::Criticizes, Verb, &[], false),
    t("denounced", R::Criticizes, Verb, &[], false),
    t("threatened", R::Threatens, Verb, &[], false),
    t("threatens", R::Threatens, Verb, &[], false),
    t("warned", R::Threatens, Verb, &[], false),
    t("imposed sanctions on", R::Sanctions, Verb, &["on"], true),
    t(
        "imposed new sanctions on",
        R::Sanctions,
        Verb,
        &["on"],
        true,
    ),
    t("sanctions on", R::Sanctions, Noun, &["on"], true),
    t("sanctions against", R::Sanctions, Noun, &["against"], true),
    t("sanctioned", R::Sanctions, Verb, &[], false),
    t(
        "massed",
        R::MobilizesAgainst,
        Verb,
        &["near", "along", "on", "with"],
        true,
    ),
    t(
        "amassed",
        R::MobilizesAgainst,
        Verb,
        &["near", "along", "on", "with"],
        true,
    ),
    t(
        "buildup",
        R::MobilizesAgainst,
        Noun,
        &["near", "along", "on", "with"],
        true,
    ),
    t(
        "build-up",
        R::MobilizesAgainst,
        Noun,
        &["near", "along", "on", "with"],
        true,
    ),
    t(
        "deployed troops",
        R::MobilizesAgainst,
        Verb,
        &["near", "along", "on", "to"],
        true,
    ),
    t("attacked", R::Attacks, Verb, &[], false),
    t("struck", R::Attacks, Verb, &[], false),
    t("bombed", R::Attacks, Verb, &[], false),
    t("shelled", R::Attacks, Verb, &[], false),
    t("shelling", R::Attacks, Verb, &[], false),
    t("attacks", R::Attacks, Verb, &[], false),
    t("invaded", R::Attacks, Verb, &[], false),
    t("fought against", R::Attacks, Verb, &["against"], true),
    t("air strikes on", R::Attacks, Noun, &["on"], true),
    t("airstrikes on", R::Attacks, Noun, &["on"], true),
    t("invasion of", R::Attacks, Noun, &["of"], true),
    t("praised", R::Supports, Verb, &[], false),
    t("backed", R::Supports, Verb, &[], false),
    t("supported", R::Supports, Verb, &[], false),
    t("supports", R::Supports, Verb, &[], false),
    t("endorsed", R::Supports, Verb, &[], false),
    t("support for", R::Supports, Noun, &["for"], true),
    t("signed", R::CooperatesWith, Verb, &["with"], true),
    t("agreed with", R::CooperatesWith, Verb, WITH, true),
    t(
        "agreed to work together",
        R::CooperatesWith,
        Verb,
        WITH,
        false,
    ),
    t("agreed to cooperate", R::CooperatesWith, Verb, WITH, false),
    t(
        "alliance between",
        R::CooperatesWith,
        Noun,
        &["between"],
        true,
    ),
    t("member of", R::MemberOf, Verb, &["of"], true),
    t("members of", R::MemberOf, Verb, &["of"], true),
    t("joined", R::MemberOf, Verb, &[], false),
    t("allied with", R::CooperatesWith, Verb, WITH, true),
    t("cooperation with", R::CooperatesWith, Noun, WITH, true),
    t("agreement with", R::CooperatesWith, Noun, WITH, true),
    t("deal with", R::CooperatesWith, Noun, WITH, true),
];

const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "without", "refused", "declined", "failed", "neither", "nor",
];
const HYPOTHETICAL: &[&str] = &[
    "if", "unless", "could", "might", "may", "would", "possible", "possibly", "whether", "should",
];
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "expects",
    "expected",
    "going",
    "upcoming",
    "next",
    "scheduled",
    "due",
    "become",
];
const CLAUSE_BREAK: &[&str] = &[";", "“", "”", "\"", ":", "—", "–", "(", ")"];

/// Event relations from the trigger table.
pub(super) fn events(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
    let range = doc.sentences[si].tokens.clone();
    let lower: Vec<String> = range
        .clone()
        .map(|i| doc.token_text(i).to_lowercase())
        .collect();
    let base = range.start;
    let n = lower.len();
    let mut inside = vec![false; n];
    for m in ctx.in_sentence(si) {
        let (s, e) = ctx.tokens_of[m];
        for k in s.max(base)..e.min(base + n) {
            inside[k - base] = true;
        }
    }
    let index = trigger_index();
    let mut i = 0;
    while i < n {
        // Skip tokens inside a mention.
        if inside[i] {
            i += 1;
            continue;
        }
        let matched = index.get(lower[i].as_str()).and_then(|cands| {
            cands
                .iter()
                .find(|(words, _)| {
                    i + words.len() <= n && words.iter().zip(&lower[i..]).all(|(a, b)| a == b)
                })
                .map(|(words, trig)| (*trig, words.len()))
        });
        let Some((trig, len)) = matched else {
            i += 1;
            continue;
        };
        // Part of a compound ("union-backed", "Kremlin-hosted"): not a verb of its own.
        if i > 0 && lower[i - 1] == "-" {
            i += len;
            continue;
        }
        let (ts, te) = (base + i, base + i + len);
        let span = Span::new(doc.tokens[ts].span.start, doc.tokens[te - 1].span.end);
        let mut clause = clause_bounds(doc, si, ts);
        // "Russia's three demands: no further NATO expansion": the colon introduces the content.
        if trig.preps.contains(&":") && clause.1 < range.end && doc.token_text(clause.1) == ":" {
            clause.1 = clause_bounds(doc, si, clause.1 + 1).1;
        }
        let pairs = arguments(doc, ctx, si, trig, ts, te, clause);
        let reporter = reported_by(doc, ctx, si, ts, te);
        for (s, t, rule) in pairs {
            let mut r = rel(trig.rel, s, t, si, span, rule);
            r.modality = modality(&lower, i, clause.0 - base);
            if let Some(sp) = reporter {
                r.reported = true;
                r.reported_by = Some(sp);
                // "said Washington would impose sanctions": a reported plan, not a supposition.
                let from = (clause.0 - base).max(i.saturating_sub(8));
                if r.modality == Modality::Hypothetical
                    && lower[from..i].iter().any(|w| w == "would")
                    && !lower[from..i]
                        .iter()
                        .any(|w| matches!(w.as_str(), "if" | "unless" | "could" | "might"))
                {
                    r.modality = Modality::Future;
                }
            }
            out.push(r);
        }
        i += len;
    }
}

/// Triggers by first word: each with its words.
type TriggerIndex = crate::hash::FastMap<&'static str, Vec<(Vec<&'static str>, &'static Trigger)>>;

/// The triggers by first word, each as its words, in table order (longest first where
/// they share a start). Built once.
fn trigger_index() -> &'static TriggerIndex {
    static INDEX: std::sync::OnceLock<TriggerIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = TriggerIndex::default();
        for trig in TRIGGERS {
            let words: Vec<&'static str> = trig.words.split(' ').collect();
            m.entry(words[0]).or_default().push((words, trig));
        }
        m
    })
}

/// Token bounds of the clause around a trigger: between clause breaks.
fn clause_bounds(doc: &Doc, si: usize, ts: usize) -> (usize, usize) {
    let range = doc.sentences[si].tokens.clone();
    let mut start = range.start;
    for k in (range.start..ts).rev() {
        if CLAUSE_BREAK.contains(&doc.token_text(k)) {
            start = k + 1;
            break;
        }
    }
    let mut end = range.end;
    for k in ts..range.end {
        if CLAUSE_BREAK.contains(&doc.token_text(k)) || doc.token_text(k) == "." {
            end = k;
            break;
        }
    }
    (start, end)
}

/// Source and target mentions of one trigger occurrence; coordinated subjects and
/// objects ("Finland and Sweden", "backed Finland and Sweden") each get the relation.
fn arguments(
    doc: &Doc,
    ctx: &Ctx,
    si: usize,
    trig: &Trigger,
    ts: usize,
    te: usize,
    (cs, ce): (usize, usize),
) -> Vec<(usize, usize, &'static str)> {
    let actors: Vec<usize> = ctx
        .in_sentence(si)
        .filter(|&m| ctx.is_actor(doc, m))
        .collect();
    // Places can be targets of visits and attacks ("visited Kyiv", "shelling Kharkiv").
    let targets: Vec<usize> = if matches!(trig.rel, R::Visits | R::Attacks) {
        ctx.in_sentence(si)
            .filter(|&m| ctx.is_actor(doc, m) || doc.mentions[m].kind == EntityKind::Location)
            .collect()
    } else {
        actors.clone()
    };
    let symmetric = trig.rel.is_symmetric();
    // "between X and Y" / "X-Y meeting": both ends in one phrase.
    if symmetric {
        if let Some((a, b)) = between(doc, ctx, &actors, te, ce) {
            return vec![(a, b, "event:between")];
        }
        if let Some((a, b)) = hyphen_pair(doc, ctx, &actors, ts) {
            return vec![(a, b, "event:hyphen-pair")];
        }
    }
    let source = match trig.frame {
        Frame::Noun => {
            modifier_actor(doc, ctx, &actors, ts, cs).or_else(|| subject(doc, ctx, &actors, cs, ts))
        }
        Frame::Verb => subject(doc, ctx, &actors, cs, ts),
    };
    let mut target = object(doc, ctx, &targets, trig, te, ce);
    // "talks with his Israeli counterpart, Ariel Sharon": the person, not the demonym.
    if let Some(t) = target.filter(|&t| doc.mentions[t].form == MentionForm::Demonym) {
        let (_, tend) = ctx.tokens_of[t];
        if let Some(p) = targets.iter().copied().find(|&m| {
            doc.mentions[m].kind == EntityKind::Person
                && ctx.tokens_of[m].0 > tend
                && ctx.tokens_of[m].0 <= tend + 3
        }) {
            target = Some(p);
        }
    }
    if trig.rel == R::MemberOf {
        target = target.filter(|&t| doc.mentions[t].kind == EntityKind::Organization);
    }
    if trig.rel == R::Visits {
        target = target.filter(|&t| doc.mentions[t].form != MentionForm::Demonym);
    }
    // Passive voice: "was praised by Beijing" -> Beijing praised the subject.
    let passive = trig.frame == Frame::Verb
        && ts > cs
        && matches!(
            doc.token_text(ts - 1),
            "was" | "were" | "been" | "be" | "is" | "are" | "being"
        )
        && doc.token_text(ts).ends_with("ed");
    if passive {
        let by = (te..ce.min(te + 4)).find(|&k| doc.token_text(k) == "by");
        let agent = by.and_then(|k| {
            actors
                .iter()
                .copied()
                .find(|&m| ctx.tokens_of[m].0 > k && ctx.tokens_of[m].0 <= k + 3)
        });
        return match (agent, source) {
            (Some(a), Some(s)) if !symmetric => vec![(a, s, "event:passive")],
            _ => Vec::new(),
        };
    }
    let mut out = Vec::new();
    let rule = if trig.frame == Frame::Noun {
        "event:noun"
    } else {
        "event:verb"
    };
    match (source, target) {
        (Some(s), Some(t)) => {
            let sources = with_coordinated(doc, ctx, &actors, s, ts);
            let objects = with_coordinated(doc, ctx, &targets, t, ce);
            for &a in &sources {
                for &b in &objects {
                    out.push((a, b, rule));
                }
            }
        }
        (Some(s), None) if symmetric => {
            // "U.S. and Russian officials launched talks": coordinated subjects.
            let sources = with_coordinated(doc, ctx, &actors, s, ts);
            if sources.len() == 2 {
                out.push((sources[0], sources[1], "event:coordinated-subject"));
            } else if let Some(a) = actors
                .iter()
                .copied()
                .find(|&a| a != s && coordinated_after(doc, ctx, &actors, a) == Some(s))
            {
                // The subject found was the second of "Russia and Ukraine negotiated".
                out.push((a, s, "event:coordinated-subject"));
            }
        }
        _ => {}
    }
    out
}

/// Auxiliaries, adverbs and time words that may stand between a subject and its verb.
fn is_aux_or_adverb(w: &str) -> bool {
    words::is_auxiliary(w)
        || words::is_weekday(w)
        || matches!(
            w,
            "also"
                | "repeatedly"
                | "again"
                | "already"
                | "then"
                | "later"
                | "quickly"
                | "reportedly"
                | "not"
                | "n't"
                | "did"
                | "does"
                | "do"
                | "never"
                | "on"
                | "last"
                | "this"
                | "early"
                | "late"
                | "week"
                | "today"
                | "yesterday"
                | "formally"
                | "publicly"
                | "jointly"
                | "separately"
                | "both"
                | "be"
                | "been"
                | "being"
                | "expected"
                | "to"
                | "due"
                | "plans"
                | "plan"
                | "ready"
        )
}

/// The subject of a trigger: an actor right before it (only auxiliaries and adverbs
/// between: "Guterres urged", "Kuleba did not meet"); else, after a complementizer
/// ("said that Russia had never threatened"), the first actor after it; else the first
/// actor of the clause; after "which"/"who", the actor the relative clause hangs on.
fn subject(doc: &Doc, ctx: &Ctx, actors: &[usize], cs: usize, ts: usize) -> Option<usize> {
    for k in (cs..ts).rev().take(4) {
        let w = doc.token_text(k).to_lowercase();
        if w == "which" || w == "who" {
            return actors
                .iter()
                .copied()
                .filter(|&m| ctx.tokens_of[m].1 <= k)
                .max_by_key(|&m| ctx.tokens_of[m].1);
        }
    }
    let before: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&m| ctx.tokens_of[m].0 >= cs && ctx.tokens_of[m].1 <= ts)
        .collect();
    if let Some(&near) = before.iter().max_by_key(|&&m| ctx.tokens_of[m].1) {
        let (_, e) = ctx.tokens_of[near];
        if (e..ts).all(|k| is_aux_or_adverb(doc.token_text(k))) {
            return Some(near);
        }
    }
    if let Some(k) = (cs..ts)
        .rev()
        .find(|&k| matches!(doc.token_text(k), "that" | "said" | "says"))
    {
        if let Some(&m) = before.iter().find(|&&m| ctx.tokens_of[m].0 > k) {
            return Some(m);
        }
    }
    before.first().copied()
}

/// The actor right before a noun trigger, with only modifiers between:
/// "Russia's three demands", "a Russian military buildup", "the U.S. call".
fn modifier_actor(doc: &Doc, ctx: &Ctx, actors: &[usize], ts: usize, cs: usize) -> Option<usize> {
    let m = actors
        .iter()
        .copied()
        .filter(|&m| ctx.tokens_of[m].1 <= ts && ctx.tokens_of[m].0 >= cs)
        .max_by_key(|&m| ctx.tokens_of[m].1)?;
    let (_, e) = ctx.tokens_of[m];
    let gap: Vec<&str> = (e..ts).map(|i| doc.token_text(i)).collect();
    let ok = gap.len() <= 3
        && gap.iter().all(|w| {
            matches!(*w, "'s" | "’s")
                || (w.chars().all(|c| c.is_lowercase() || c == '-')
                    && !matches!(
                        *w,
                        "and"
                            | "or"
                            | "to"
                            | "of"
                            | "in"
                            | "with"
                            | "for"
                            | "on"
                            | "by"
                            | "from"
                            | "at"
                    ))
        });
    ok.then_some(m)
}

/// The target: the first candidate after the trigger's preposition, or after the trigger.
/// "between" is left to [`between`]: when it found no pair, nothing after it is a target.
fn object(
    doc: &Doc,
    ctx: &Ctx,
    cands: &[usize],
    trig: &Trigger,
    te: usize,
    ce: usize,
) -> Option<usize> {
    let first_after = |from: usize, limit: usize| {
        cands.iter().copied().find(|&m| {
            let (s, _) = ctx.tokens_of[m];
            s >= from && s < ce.min(from + limit)
        })
    };
    let preps: Vec<&str> = trig
        .preps
        .iter()
        .copied()
        .filter(|p| *p != "between")
        .collect();
    // The trigger itself may end with its preposition ("talks with").
    let last = doc.token_text(te - 1).to_lowercase();
    if preps.contains(&last.as_str()) {
        return first_after(te, 5);
    }
    for k in te..ce.min(te + 10) {
        let w = doc.token_text(k).to_lowercase();
        if w == "between" && trig.preps.contains(&"between") {
            return None;
        }
        if preps.contains(&w.as_str()) {
            if let Some(m) = first_after(k + 1, 5) {
                return Some(m);
            }
        }
    }
    if trig.need_prep {
        return None;
    }
    // A direct object follows its verb closely: only articles, possessives and mentions
    // (titles, scopes) between ("backed Kyiv", "hosted the Russian delegations", "met
    // French President Emmanuel Macron"), not a clause ("welcomed news that ... Norway").
    let m = first_after(te, 6)?;
    let (ms, _) = ctx.tokens_of[m];
    // "demanded that Belarus release": the addressee of a demand follows "that".
    let that_ok = trig.rel == R::Demands;
    let clean = (te..ms).all(|k| {
        let w = doc.token_text(k);
        matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her")
            || (that_ok && w == "that" && k == te)
            || ctx.in_sentence(doc.tokens[k].sentence).any(|x| {
                let (s, e) = ctx.tokens_of[x];
                s <= k && k < e
            })
    });
    clean.then_some(m)
}

/// "between X and Y" after the trigger.
fn between(doc: &Doc, ctx: &Ctx, actors: &[usize], te: usize, ce: usize) -> Option<(usize, usize)> {
    let k = (te.saturating_sub(1)..ce.min(te + 3))
        .find(|&k| doc.token_text(k).eq_ignore_ascii_case("between"))?;
    let a = actors
        .iter()
        .copied()
        .find(|&m| ctx.tokens_of[m].0 > k && ctx.tokens_of[m].0 <= k + 3)?;
    let b = coordinated_after(doc, ctx, actors, a)?;
    Some((a, b))
}

/// "NATO-Russia meeting": two actors joined by a hyphen right before the trigger.
fn hyphen_pair(doc: &Doc, ctx: &Ctx, actors: &[usize], ts: usize) -> Option<(usize, usize)> {
    let b = actors.iter().copied().find(|&m| ctx.tokens_of[m].1 == ts)?;
    let (bs, _) = ctx.tokens_of[b];
    if bs < 2 || doc.token_text(bs - 1) != "-" {
        return None;
    }
    let a = actors
        .iter()
        .copied()
        .find(|&m| ctx.tokens_of[m].1 == bs - 1)?;
    Some((a, b))
}

/// `a` and the actors coordinated with it ("X and Y", either side of `a`), before `limit`.
fn with_coordinated(doc: &Doc, ctx: &Ctx, actors: &[usize], a: usize, limit: usize) -> Vec<usize> {
    let mut out = vec![a];
    if let Some(b) = coordinated_after(doc, ctx, actors, a) {
        if ctx.tokens_of[b].1 <= limit.max(ctx.tokens_of[a].1) || limit >= ctx.tokens_of[b].1 {
            out.push(b);
        }
    } else if let Some(p) = actors
        .iter()
        .copied()
        .find(|&p| p != a && coordinated_after(doc, ctx, actors, p) == Some(a))
    {
        out.insert(0, p);
    }
    out
}

/// Modality from the words before the trigger in its clause (`i` and `cs` relative
/// to the sentence's first token).
fn modality(lower: &[String], i: usize, cs: usize) -> Modality {
    let from = cs.max(i.saturating_sub(8));
    let window: Vec<&str> = lower[from..i].iter().map(String::as_str).collect();
    let near: Vec<&str> = lower[cs.max(i.saturating_sub(6))..i]
        .iter()
        .map(String::as_str)
        .collect();
    if near.iter().any(|w| NEGATION.contains(w)) {
        Modality::Negated
    } else if window.iter().any(|w| HYPOTHETICAL.contains(w)) {
        Modality::Hypothetical
    } else if window.iter().any(|w| FUTURE.contains(w)) {
        Modality::Future
    } else {
        Modality::Asserted
    }
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
    fn negation_and_future() {
        let rels = found("Russia did not meet Ukraine.");
        assert!(
            has(&rels, "country:RUS meets country:UKR negated"),
            "{rels:?}"
        );
        let rels = found("France will impose sanctions on Iran.");
        assert!(
            has(&rels, "country:FRA sanctions country:IRN future"),
            "{rels:?}"
        );
    }

    #[test]
    fn passive_agent_is_the_source() {
        let rels = found("Ukraine was attacked by Russia.");
        assert!(
            has(&rels, "country:RUS attacks country:UKR asserted"),
            "{rels:?}"
        );
    }

    #[test]
    fn talks_between_two_actors() {
        let rels = found("Talks between Russia and Ukraine began in Minsk.");
        assert!(
            rels.iter()
                .any(|r| r.contains(" meets ") || r.contains(" negotiates-with ")),
            "{rels:?}"
        );
    }

    #[test]
    fn no_trigger_no_event() {
        let rels = found("Russia and Ukraine are large countries.");
        assert!(rels.is_empty(), "{rels:?}");
    }
}
