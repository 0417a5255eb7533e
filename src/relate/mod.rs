//! Relations: finds what the text states between entities, sentence by sentence, with
//! modality, reported speech and the trigger that proves it.
//!
//! Reads `Doc::mentions` (resolved), `Doc::attachments`, tokens and sentences; assigns
//! `Doc::relations`. One part per family of relations:
//!
//! - `structural`: holds-position / position-of from the title attachments found by
//!   resolution, member-of, located-in;
//! - `coref`: pronouns and short nominals linked to the entity they stand for;
//! - `speech`: quoted-by and reported speech;
//! - `events`: event relations (meets, demands, ... every PLOVER category) from the
//!   parse: a trigger of the event lexicon (`triggers`) and its arguments in the tree
//!   (`tree`, `args`), with modality and reported speech (`modality`);
//! - `confidence`: the confidence of each rule, in one table.

mod args;
mod confidence;
mod coref;
pub use coref::may_corefer;
mod events;
mod modality;
mod speech;
mod structural;
mod tree;
pub mod triggers;

use crate::doc::{Doc, EntityKind, Modality, RelationKind, RelationMention, Span};
use crate::lexicon::Lexicon;
use std::sync::Arc;

pub struct Relater {
    pub lexicon: Arc<Lexicon>,
}

impl Relater {
    pub fn new(lexicon: Arc<Lexicon>) -> Relater {
        Relater { lexicon }
    }

    pub fn apply(&self, doc: &mut Doc) {
        coref::resolve(doc, &self.lexicon);
        let ctx = Ctx::new(doc);
        let mut out = Vec::new();
        structural::positions(doc, &mut out);
        let mut infos = structural::plural_titles(doc, &self.lexicon, &ctx, &mut out);
        let mut named = Vec::new();
        let mut holder = vec![None; doc.mentions.len()];
        for a in &doc.attachments {
            holder[a.position] = a.holder;
        }
        unnamed_holders(doc, &self.lexicon, &mut holder);
        for si in 0..doc.sentences.len() {
            if doc.in_boilerplate(doc.sentences[si].span) {
                continue;
            }
            speech::quoted_by(&self.lexicon, doc, &ctx, si, &mut out);
            structural::member_of(doc, &ctx, si, &mut out);
            structural::located_in(doc, &ctx, si, &mut out);
            if doc.sentences[si].parsed {
                let tree = tree::Tree::new(doc, &ctx, si);
                let res = args::Resolver {
                    tree: &tree,
                    lex: &self.lexicon,
                    holder: &holder,
                    scope_only: &ctx.scope_only,
                    scoped_title: &ctx.scoped_title,
                };
                speech::quoted_by_parsed(&self.lexicon, doc, &res, si, &mut out);
                structural::member_of_parsed(doc, &tree, &ctx, si, &mut out);
                structural::member_of_clause(doc, &res, si, &mut out);
                structural::predicate_titles(doc, &res, &ctx, si, &mut out, &mut named);
                events::events(doc, &self.lexicon, &ctx, &res, si, &mut out);
            }
        }
        // Titles named by their predicate's holder (`structural::predicate_titles`).
        for (m, info) in named {
            doc.mentions[m].entity = Some(info.id.clone());
            infos.push(info);
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
        // A structural fact is stated once per sentence, whichever rules found it ("Labour's
        // Robin Cook": the parse's modifier and the surface possessor): the first by
        // trigger offset stays.
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| {
            !matches!(
                r.kind,
                RelationKind::HoldsPosition
                    | RelationKind::PositionOf
                    | RelationKind::MemberOf
                    | RelationKind::LocatedIn
                    | RelationKind::QuotedBy
            ) || seen.insert((
                r.kind,
                r.modality,
                r.sentence,
                r.source,
                r.target,
                r.source_entity.clone(),
                r.target_entity.clone(),
            ))
        });
        doc.relations = out;
        drop_unheld_titles(doc);
    }
}

/// A title no one named holds ("a Cabinet Office spokeswoman said"), and an occupation
/// ("BBC correspondent Patrick Bartlett"), is no entity, as both gold guidelines have it:
/// its mention loses its id (it is no longer listed), and its position node goes unless
/// another mention or a relation names it. Relate has used it already: a definite one may
/// stand for an earlier holder ([`unnamed_holders`]).
fn drop_unheld_titles(doc: &mut Doc) {
    let mut used = vec![false; doc.mentions.len()];
    for r in &doc.relations {
        used[r.source] = true;
        used[r.target] = true;
    }
    let mut dropped: Vec<String> = Vec::new();
    for a in &doc.attachments {
        if (a.holder.is_none() || a.occupation) && !used[a.position] {
            if let Some(id) = doc.mentions[a.position].entity.take() {
                dropped.push(id);
            }
        }
    }
    for id in dropped {
        let named = doc.mentions.iter().any(|m| m.entity.as_ref() == Some(&id))
            || doc.relations.iter().any(|r| {
                r.source_entity.as_ref() == Some(&id) || r.target_entity.as_ref() == Some(&id)
            });
        if !named {
            doc.entities.remove(&id);
        }
    }
}

/// Per-document lookups: each mention's token range, and which mentions are actors.
struct Ctx {
    tokens_of: Vec<(usize, usize)>,
    /// Country/organization mentions that only scope a title ("Russian" in
    /// "Russian Deputy Foreign Minister Sergei Ryabkov"): not actors themselves.
    pub(super) scope_only: Vec<bool>,
    /// For such a mention, the title it scopes.
    pub(super) scoped_title: Vec<Option<usize>>,
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
        let mut scoped_title = vec![None; doc.mentions.len()];
        for a in &doc.attachments {
            if let Some(s) = a.scope {
                scope_only[s] = true;
                scoped_title[s] = Some(a.position);
            }
        }
        let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.sentence < by_sentence.len() {
                by_sentence[m.sentence].push(i);
            }
        }
        // In text order: coreference mentions are appended after the names.
        for list in &mut by_sentence {
            list.sort_by_key(|&m| (doc.mentions[m].tokens.start, m));
        }
        Ctx {
            tokens_of,
            scope_only,
            scoped_title,
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

/// A title the text ties to no name ("On Monday the Pakistani president met Tony Blair")
/// stands, as an event's end, for the one person named earlier in the article who holds
/// that office: attached to the same title there, or listed with it in the tables. With
/// two such people, or none, it stands for no one. (No holds-position is added: the text
/// does not state it here.)
fn unnamed_holders(doc: &Doc, lex: &Lexicon, holder: &mut [Option<usize>]) {
    for (p, slot) in holder.iter_mut().enumerate() {
        if slot.is_some() || doc.mentions[p].kind != EntityKind::Position {
            continue;
        }
        let Some((title, scope)) = doc.mentions[p]
            .entity
            .as_deref()
            .and_then(|id| id.strip_prefix("position:"))
            .and_then(|id| id.split_once('@'))
        else {
            continue;
        };
        // A definite title only: "a British foreign secretary" is any holder.
        let mut before = doc.mentions[p].tokens.start;
        if p > 0 && doc.mentions[p - 1].tokens.end == before {
            before = doc.mentions[p - 1].tokens.start;
        }
        let indefinite = before.checked_sub(1).is_some_and(|k| {
            ["a", "an", "any", "every", "another"]
                .iter()
                .any(|w| doc.token_text(k).eq_ignore_ascii_case(w))
        });
        if indefinite {
            continue;
        }
        let start = doc.mentions[p].span.start;
        let mut found: Option<usize> = None;
        let mut ids: Vec<&str> = Vec::new();
        let mut add = |m: usize, found: &mut Option<usize>| {
            if let Some(id) = doc.mentions[m].entity.as_deref() {
                if !ids.contains(&id) {
                    ids.push(id);
                }
                *found = Some(found.map_or(m, |f: usize| f.max(m)));
            }
        };
        for a in &doc.attachments {
            if let Some(h) = a.holder {
                if doc.mentions[a.position].span.start < start
                    && doc.mentions[a.position].entity == doc.mentions[p].entity
                {
                    add(h, &mut found);
                }
            }
        }
        for (m, mention) in doc.mentions.iter().enumerate() {
            if mention.span.start >= start
                || mention.kind != EntityKind::Person
                || mention.form.is_coref()
            {
                continue;
            }
            // The office itself, not the nationality `listed_scope` falls back to.
            let listed = mention
                .entity
                .as_deref()
                .and_then(|id| id.strip_prefix("person:"))
                .and_then(|k| lex.people.get(k))
                .is_some_and(|person| {
                    person
                        .positions
                        .iter()
                        .any(|pos| pos.split_once('@') == Some((title, scope)))
                });
            if listed {
                add(m, &mut found);
            }
        }
        if ids.len() == 1 {
            *slot = found;
        }
    }
}

fn rel(
    kind: RelationKind,
    source: usize,
    target: usize,
    si: usize,
    trigger: Span,
    rule: &'static str,
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
        confidence: confidence::of(rule),
        target_entity: None,
        source_entity: None,
        source_span: None,
        target_span: None,
        cameo: None,
    }
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

/// Test helper: the relations the built-in pipeline finds in `text`, as
/// `source relation target modality` lines with entity ids.
#[cfg(test)]
pub(crate) fn found(text: &str) -> Vec<String> {
    use std::sync::OnceLock;
    static PIPELINE: OnceLock<crate::pipeline::Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(crate::pipeline::Pipeline::builtin);
    let doc = pipeline.process(crate::doc::Article {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    });
    let end = |m: usize, e: &Option<String>| {
        e.clone()
            .or_else(|| doc.mentions[m].entity.clone())
            .unwrap_or_default()
    };
    doc.relations
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}",
                end(r.source, &r.source_entity),
                r.kind.as_str(),
                end(r.target, &r.target_entity),
                r.modality.as_str()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::found;

    #[test]
    fn self_relations_and_unresolved_ends_are_dropped() {
        let rels = found("Russia met Russia. Someone met nobody.");
        assert!(rels.iter().all(|r| !r.contains(" meets ")), "{rels:?}");
    }

    /// A title no one named holds is no entity and states nothing; its scope stays.
    #[test]
    fn an_unheld_title_is_no_entity() {
        let pipeline = crate::pipeline::Pipeline::builtin();
        let doc = pipeline.process(crate::doc::Article {
            id: "t".into(),
            text: "A Greenpeace spokesman said it was bad. Jan Nowak, a spokesman for Oxfam, \
                   agreed."
                .into(),
            ..Default::default()
        });
        let ids: Vec<&str> = doc
            .mentions
            .iter()
            .filter(|m| !m.form.is_coref())
            .filter_map(|m| m.entity.as_deref())
            .collect();
        assert_eq!(
            ids,
            [
                "org:greenpeace",
                "person:jan-nowak",
                "position:spokesman@oxfam",
                "org:oxfam"
            ]
        );
        assert!(!doc.entities.contains_key("position:spokesman@greenpeace"));
        assert!(doc.entities.contains_key("position:spokesman@oxfam"));
        assert!(doc
            .relations
            .iter()
            .all(|r| r.source_entity.as_deref() != Some("position:spokesman@greenpeace")));
        assert_eq!(
            found("A Greenpeace spokesman said it was bad."),
            Vec::<String>::new()
        );
    }
}
