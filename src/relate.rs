//! Relations: finds what the text states between entities, sentence by sentence, with
//! modality, reported speech and the trigger that proves it.
//!
//! Reads `Doc::mentions` (resolved), `Doc::attachments`, tokens and sentences; assigns
//! `Doc::relations`.
//!
//! - holds-position / position-of come from the title attachments found by resolution;
//! - quoted-by: a speaker and a news organization ("told Tass", "according to Tass",
//!   "said on ABC's");
//! - member-of: "X, a member of Y", "Y member X", "X joined Y";
//! - located-in: "Geneva, Switzerland", "Geneva in Switzerland", "the Swiss city of Geneva";
//! - events (meets, demands, ...): a trigger from the `TRIGGERS` table with its source (the
//!   clause's subject, or the actor modifying a noun trigger: "Russia's demands",
//!   "a Russian military buildup") and its target (the first actor after the trigger,
//!   after the preposition the trigger calls for: "talks with", "concessions from").

use crate::doc::{Doc, EntityKind, MentionForm, Modality, RelationKind, RelationMention, Span};
use crate::lexicon::Lexicon;
use crate::words;
use std::sync::Arc;

pub struct Relater {
    pub lexicon: Arc<Lexicon>,
}

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

impl Relater {
    pub fn new(lexicon: Arc<Lexicon>) -> Relater {
        Relater { lexicon }
    }

    pub fn apply(&self, doc: &mut Doc) {
        let ctx = Ctx::new(doc);
        let mut out = Vec::new();
        positions(doc, &mut out);
        let infos = plural_titles(doc, &self.lexicon, &ctx, &mut out);
        for si in 0..doc.sentences.len() {
            if doc.in_boilerplate(doc.sentences[si].span) {
                continue;
            }
            self.quoted_by(doc, &ctx, si, &mut out);
            member_of(doc, &ctx, si, &mut out);
            located_in(doc, &ctx, si, &mut out);
            events(doc, &ctx, si, &mut out);
        }
        // Drop self-relations and relations whose ends did not resolve.
        out.retain(|r| {
            let s = r
                .source_entity
                .as_ref()
                .or(doc.mentions[r.source].entity.as_ref())
                .cloned();
            let t = r
                .target_entity
                .as_ref()
                .or(doc.mentions[r.target].entity.as_ref());
            s.is_some() && t.is_some() && s.as_ref() != t
        });
        out.sort_by_key(|r| (r.sentence, r.trigger.start, r.source, r.target, r.kind));
        for info in infos {
            doc.entities.entry(info.id.clone()).or_insert(info);
        }
        out.dedup_by(|a, b| {
            a.kind == b.kind
                && a.source == b.source
                && a.target == b.target
                && a.trigger == b.trigger
        });
        doc.relations = out;
    }

    fn quoted_by(&self, doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
        let media: Vec<usize> = ctx
            .in_sentence(si)
            .filter(|&m| {
                doc.mentions[m].kind == EntityKind::Organization
                    && doc.mentions[m]
                        .entity
                        .as_deref()
                        .and_then(|id| id.strip_prefix("org:"))
                        .and_then(|k| self.lexicon.organizations.get(k))
                        .is_some_and(|o| o.kind == "media")
            })
            .collect();
        for &org in &media {
            let (os, _) = ctx.tokens_of[org];
            // The words just before the organization: "according to (state news agency)",
            // "told", "said on", "in an interview with".
            let before: Vec<String> = (os.saturating_sub(5)..os)
                .map(|i| doc.token_text(i).to_lowercase())
                .collect();
            let b: Vec<&str> = before.iter().map(String::as_str).collect();
            let after = doc
                .tokens
                .get(ctx.tokens_of[org].1)
                .map(|t| doc.slice(t.span).to_lowercase());
            if matches!(after.as_deref(), Some("reported" | "quoted" | "reports")) {
                let first_person = ctx.in_sentence(si).find(|&m| {
                    doc.mentions[m].kind == EntityKind::Person
                        && doc.mentions[m].form != MentionForm::Pronoun
                });
                if let Some(p) = first_person.filter(|&p| ctx.tokens_of[p].0 < os) {
                    let (_, oe) = ctx.tokens_of[org];
                    let trigger = Span::new(doc.tokens[os].span.start, doc.tokens[oe].span.end);
                    out.push(rel(
                        R::QuotedBy,
                        p,
                        org,
                        si,
                        trigger,
                        "quoted-by:media-reported",
                        0.7,
                    ));
                    continue;
                }
            }
            let cue = b.windows(2).any(|w| w == ["according", "to"])
                || b.last()
                    .is_some_and(|w| matches!(*w, "told" | "on" | "with" | "tells"))
                || b.windows(2).any(|w| w == ["interview", "with"]);
            if !cue {
                continue;
            }
            let told = b.last().is_some_and(|w| matches!(*w, "told" | "tells"));
            let fallback = || {
                told.then(|| {
                    ctx.in_sentence(si).find(|&m| {
                        doc.mentions[m].kind == EntityKind::Person
                            && ctx.is_actor(doc, m)
                            && ctx.tokens_of[m].0 < os
                    })
                })
                .flatten()
            };
            let Some(speaker) = speaker(doc, ctx, si, os).or_else(fallback) else {
                continue;
            };
            let cue_start = (os.saturating_sub(5)..os)
                .find(|&i| {
                    matches!(
                        doc.token_text(i).to_lowercase().as_str(),
                        "according" | "told" | "on" | "with" | "tells" | "interview"
                    )
                })
                .unwrap_or(os - 1);
            let trigger = Span::new(
                doc.tokens[cue_start].span.start,
                doc.tokens[os - 1].span.end,
            );
            if doc.mentions[speaker].kind != EntityKind::Person {
                continue;
            }
            out.push(rel(
                R::QuotedBy,
                speaker,
                org,
                si,
                trigger,
                "quoted-by:speech-cue",
                0.8,
            ));
        }
    }
}

/// Per-document lookups: each mention's token range, and which mentions are actors.
struct Ctx {
    tokens_of: Vec<(usize, usize)>,
    /// Country/organization mentions that only scope a title ("Russian" in
    /// "Russian Deputy Foreign Minister Sergei Ryabkov"): not actors themselves.
    scope_only: Vec<bool>,
    by_sentence: Vec<Vec<usize>>,
}

impl Ctx {
    fn new(doc: &Doc) -> Ctx {
        let tokens_of = doc
            .mentions
            .iter()
            .map(|m| (m.tokens.start, m.tokens.end))
            .collect();
        let mut scope_only = vec![false; doc.mentions.len()];
        for a in &doc.attachments {
            if let Some(s) = a.scope {
                scope_only[s] = true;
            }
        }
        let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.sentence < by_sentence.len() {
                by_sentence[m.sentence].push(i);
            }
        }
        Ctx {
            tokens_of,
            scope_only,
            by_sentence,
        }
    }

    fn in_sentence(&self, si: usize) -> impl Iterator<Item = usize> + '_ {
        self.by_sentence[si].iter().copied()
    }

    fn is_actor(&self, doc: &Doc, m: usize) -> bool {
        matches!(
            doc.mentions[m].kind,
            EntityKind::Person | EntityKind::Country | EntityKind::Organization
        ) && !self.scope_only[m]
            && doc.mentions[m].entity.is_some()
    }

    /// The mention starting at token `i`, if any.
    fn at_token(&self, si: usize, i: usize) -> Option<usize> {
        self.by_sentence[si]
            .iter()
            .copied()
            .find(|&m| self.tokens_of[m].0 == i)
    }
}

fn rel(
    kind: RelationKind,
    source: usize,
    target: usize,
    si: usize,
    trigger: Span,
    rule: &'static str,
    confidence: f32,
) -> RelationMention {
    RelationMention {
        kind,
        source,
        target,
        modality: Modality::Asserted,
        reported_by: None,
        reported: false,
        sentence: si,
        trigger,
        rule,
        confidence,
        target_entity: None,
        source_entity: None,
        source_span: None,
        target_span: None,
    }
}

/// "Presidents Joe Biden and Vladimir Putin": a plural title before coordinated people
/// gives each of them the title, scoped by what the tables list for them (their office,
/// else their nationality). The positions have no mention of their own: the evidence
/// spans are the title word. Returns the positions' entity records.
fn plural_titles(
    doc: &Doc,
    lex: &Lexicon,
    ctx: &Ctx,
    out: &mut Vec<RelationMention>,
) -> Vec<crate::doc::EntityInfo> {
    let mut infos = Vec::new();
    for (ti, tok) in doc.tokens.iter().enumerate() {
        let w = doc.slice(tok.span);
        let plural = lex
            .titles
            .get(&w.to_lowercase())
            .is_some_and(|r| r.is_plural());
        if !plural || !w.starts_with(char::is_uppercase) || doc.in_boilerplate(tok.span) {
            continue;
        }
        let si = tok.sentence;
        let people: Vec<usize> = ctx
            .in_sentence(si)
            .filter(|&m| {
                doc.mentions[m].kind == EntityKind::Person
                    && doc.mentions[m].form != MentionForm::Pronoun
            })
            .collect();
        let Some(first) = people
            .iter()
            .copied()
            .find(|&m| ctx.tokens_of[m].0 == ti + 1)
        else {
            continue;
        };
        let mut holders = vec![first];
        while let Some(next) = coordinated_after(doc, ctx, &people, *holders.last().unwrap()) {
            holders.push(next);
        }
        let title = crate::resolve::title_slug(lex, w);
        for h in holders {
            let Some(pid) = doc.mentions[h].entity.as_deref() else {
                continue;
            };
            let Some(scope) = crate::resolve::listed_scope(lex, pid, &title) else {
                continue;
            };
            let id = format!("position:{title}@{scope}");
            let scope_id = crate::resolve::scope_entity(&scope);
            infos.push(crate::resolve::position_info(lex, &id, w, Some(&scope)));
            let mut holds = rel(
                R::HoldsPosition,
                h,
                h,
                si,
                tok.span,
                "holds-position:plural-title",
                0.7,
            );
            holds.target_entity = Some(id.clone());
            holds.target_span = Some(tok.span);
            out.push(holds);
            let mut of = rel(
                R::PositionOf,
                h,
                h,
                si,
                tok.span,
                "position-of:scope-from-table",
                0.6,
            );
            of.source_entity = Some(id);
            of.source_span = Some(tok.span);
            of.target_entity = Some(scope_id);
            of.target_span = Some(tok.span);
            out.push(of);
        }
    }
    infos
}

fn positions(doc: &Doc, out: &mut Vec<RelationMention>) {
    for a in &doc.attachments {
        let pos = &doc.mentions[a.position];
        if let Some(h) = a.holder {
            out.push(rel(
                R::HoldsPosition,
                h,
                a.position,
                pos.sentence,
                pos.span,
                "holds-position:title-attached",
                0.9,
            ));
        }
        let Some(id) = pos.entity.as_deref() else {
            continue;
        };
        if !id.contains('@') {
            continue;
        }
        match a.scope {
            Some(s) => out.push(rel(
                R::PositionOf,
                a.position,
                s,
                pos.sentence,
                pos.span,
                "position-of:scope-in-text",
                0.9,
            )),
            None => {
                // Scope from the holder's table entry: the evidence is the title itself.
                if a.holder.is_some() {
                    let (_, scope) = id.split_once('@').unwrap_or_default();
                    let scope_id = crate::resolve::scope_entity(scope);
                    let mut r = rel(
                        R::PositionOf,
                        a.position,
                        a.position,
                        pos.sentence,
                        pos.span,
                        "position-of:scope-from-table",
                        0.6,
                    );
                    r.target_entity = Some(scope_id);
                    out.push(r);
                }
            }
        }
    }
}

/// The speaker of a sentence for a cue at token `cue`: the person just before a verb
/// of saying ("Ryabkov said"), or after it (", Ryabkov said"), or a pronoun.
fn speaker(doc: &Doc, ctx: &Ctx, si: usize, cue: usize) -> Option<usize> {
    let range = doc.sentences[si].tokens.clone();
    let mut best: Option<(usize, usize)> = None; // (distance, mention)
    for i in range.clone() {
        let w = doc.token_text(i).to_lowercase();
        if !words::is_speech_verb(&w) {
            continue;
        }
        // Mention ending right before the verb.
        for m in ctx.in_sentence(si) {
            let (s, e) = ctx.tokens_of[m];
            if (e == i || (e + 1 == i && doc.token_text(e) == ","))
                && doc.mentions[m].kind == EntityKind::Person
            {
                let d = cue.abs_diff(s);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, m));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}

fn member_of(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
    let ms: Vec<usize> = ctx.in_sentence(si).collect();
    for (k, &a) in ms.iter().enumerate() {
        let Some(&b) = ms.get(k + 1) else { continue };
        let (_, ae) = ctx.tokens_of[a];
        let (bs, _) = ctx.tokens_of[b];
        let gap: Vec<String> = (ae..bs).map(|i| doc.token_text(i).to_lowercase()).collect();
        let gap: Vec<&str> = gap.iter().map(String::as_str).collect();
        let (ka, kb) = (doc.mentions[a].kind, doc.mentions[b].kind);
        let member_kind = |k: EntityKind| {
            matches!(
                k,
                EntityKind::Person | EntityKind::Country | EntityKind::Organization
            )
        };
        let trigger = Span::new(
            doc.tokens[ae.min(bs.saturating_sub(1))].span.start,
            doc.tokens[bs.saturating_sub(1).max(ae)].span.end,
        );
        // "X, a member of Y" / "X, a member state of Y" / "X joined Y"
        let forward = matches!(
            gap.as_slice(),
            [",", "a", "member", "of"]
                | [",", "a", "member", "of", "the"]
                | [",", "a", "member", "state", "of"]
                | ["joined"]
                | ["joined", "the"]
                | [",", "which", "joined"]
                | ["is", "a", "member", "of"]
        );
        if forward && member_kind(ka) && kb == EntityKind::Organization {
            out.push(rel(
                R::MemberOf,
                a,
                b,
                si,
                trigger,
                "member-of:apposition",
                0.8,
            ));
        }
        // "Poland, a NATO member that borders Ukraine"
        let next = doc
            .tokens
            .get(ctx.tokens_of[b].1)
            .map(|t| doc.slice(t.span));
        if matches!(gap.as_slice(), [",", "a"] | [",", "an"])
            && matches!(next, Some("member" | "ally"))
            && member_kind(ka)
            && kb == EntityKind::Organization
        {
            out.push(rel(
                R::MemberOf,
                a,
                b,
                si,
                trigger,
                "member-of:apposition",
                0.8,
            ));
        }
        // "NATO member Poland", "EU member state Hungary", "NATO allies such as Poland"
        let backward = matches!(
            gap.as_slice(),
            ["member"] | ["member", "state"] | ["members"] | ["member", "country"]
        );
        if backward
            && ka == EntityKind::Organization
            && matches!(kb, EntityKind::Country | EntityKind::Person)
        {
            out.push(rel(
                R::MemberOf,
                b,
                a,
                si,
                trigger,
                "member-of:modifier",
                0.8,
            ));
        }
    }
}

fn located_in(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
    let ms: Vec<usize> = ctx.in_sentence(si).collect();
    for (k, &a) in ms.iter().enumerate() {
        let Some(&b) = ms.get(k + 1) else { continue };
        let (ma, mb) = (&doc.mentions[a], &doc.mentions[b]);
        let (_, ae) = ctx.tokens_of[a];
        let (bs, be) = ctx.tokens_of[b];
        let gap: Vec<&str> = (ae..bs).map(|i| doc.token_text(i)).collect();
        // "Geneva, Switzerland" (then punctuation or the end) / "Geneva in Switzerland"
        if ma.kind == EntityKind::Location
            && mb.kind == EntityKind::Country
            && mb.form != MentionForm::Demonym
        {
            let after = doc
                .tokens
                .get(be)
                .filter(|t| t.sentence == si)
                .map(|t| doc.slice(t.span));
            let comma = gap == [","]
                && after.is_none_or(|w| {
                    !w.chars().any(char::is_alphanumeric) || matches!(w, "on" | "and" | "'s" | "’s")
                });
            let inside = gap == ["in"];
            if comma || inside {
                let trig = doc.tokens[ae].span;
                out.push(rel(
                    R::LocatedIn,
                    a,
                    b,
                    si,
                    trig,
                    "located-in:apposition",
                    0.85,
                ));
            }
        }
        // "the Swiss city of Geneva"
        if ma.kind == EntityKind::Country
            && ma.form == MentionForm::Demonym
            && mb.kind == EntityKind::Location
        {
            let g: Vec<String> = gap.iter().map(|w| w.to_lowercase()).collect();
            let g: Vec<&str> = g.iter().map(String::as_str).collect();
            if matches!(
                g.as_slice(),
                ["city", "of"]
                    | ["capital", "of"]
                    | ["town", "of"]
                    | ["region", "of"]
                    | ["port", "of"]
                    | ["village", "of"]
            ) {
                let trig = doc.tokens[ae].span;
                out.push(rel(
                    R::LocatedIn,
                    b,
                    a,
                    si,
                    trig,
                    "located-in:demonym-city-of",
                    0.85,
                ));
            }
        }
    }
}

/// Event relations from the trigger table.
fn events(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
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
            let mut r = rel(trig.rel, s, t, si, span, rule, 0.7);
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

/// An actor joined to `a` by "and" right after it, past any title in between
/// ("Blinken and Russian Foreign Minister Sergei Lavrov").
fn coordinated_after(doc: &Doc, ctx: &Ctx, actors: &[usize], a: usize) -> Option<usize> {
    let (_, ae) = ctx.tokens_of[a];
    if ae >= doc.tokens.len() || !doc.token_text(ae).eq_ignore_ascii_case("and") {
        return None;
    }
    let b = actors.iter().copied().find(|&m| ctx.tokens_of[m].0 > ae)?;
    let (bs, _) = ctx.tokens_of[b];
    // Everything between "and" and b must be inside non-actor mentions (titles, scopes).
    let covered = (ae + 1..bs).all(|k| {
        ctx.in_sentence(doc.tokens[k].sentence).any(|m| {
            let (s, e) = ctx.tokens_of[m];
            s <= k && k < e && !ctx.is_actor(doc, m)
        }) || matches!(doc.token_text(k), "the")
    });
    covered.then_some(b)
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

/// Reported speech: the trigger sits inside quotation marks, before ", X said", or after
/// "X said (that)". Returns the speaker's mention.
fn reported_by(doc: &Doc, ctx: &Ctx, si: usize, ts: usize, te: usize) -> Option<usize> {
    let range = doc.sentences[si].tokens.clone();
    let quoted = {
        let opens = (range.start..ts)
            .filter(|&k| doc.token_text(k) == "“")
            .count();
        let closes = (range.start..ts)
            .filter(|&k| doc.token_text(k) == "”")
            .count();
        opens > closes
    };
    let verb_after =
        (te..range.end).find(|&k| words::is_speech_verb(&doc.token_text(k).to_lowercase()));
    let verb_before = (range.start..ts).rev().find(|&k| {
        let w = doc.token_text(k).to_lowercase();
        words::is_speech_verb(&w) && {
            // "said (that)" or "said, she ..." introduces reported content.
            let mut j = k + 1;
            while j < ts && doc.token_text(j) == "," {
                j += 1;
            }
            j < ts
                && (doc.token_text(j) == "that"
                    || ctx.at_token(si, j).is_some()
                    || matches!(doc.token_text(j), "he" | "she" | "it" | "they"))
        }
    });
    let cue = if quoted {
        verb_after.or(verb_before)
    } else {
        verb_before.or(verb_after.filter(|&k| k > te))
    };
    speaker(doc, ctx, si, cue?)
}
