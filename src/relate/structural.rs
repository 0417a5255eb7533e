//! Structural relations: holds-position and position-of (from the title attachments
//! resolution found, and plural titles before coordinated people), member-of ("X, a member
//! of Y", "NATO member Poland", "X joined Y") and located-in ("Geneva, Switzerland", "Geneva
//! in Switzerland", "the Swiss city of Geneva").

use super::triggers::class;
use super::{coordinated_after, rel, Ctx};
use crate::doc::{Doc, EntityKind, MentionForm, RelationKind as R, RelationMention, Span};
use crate::lexicon::Lexicon;
use crate::words;
use std::borrow::Cow;

/// "Presidents Joe Biden and Vladimir Putin": a plural title before coordinated people
/// gives each of them the title, scoped by what the tables list for them (their office,
/// else their nationality). The positions have no mention of their own: the evidence
/// spans are the title word. Returns the positions' entity records.
pub(super) fn plural_titles(
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
            .get(words::lower(w).as_ref())
            .is_some_and(|r| r.is_plural());
        if !plural || !w.starts_with(char::is_uppercase) || doc.in_boilerplate(tok.span) {
            continue;
        }
        let si = tok.sentence;
        let people: Vec<usize> = ctx
            .in_sentence(si)
            .filter(|&m| {
                doc.mentions[m].kind == EntityKind::Person && !doc.mentions[m].form.is_coref()
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

/// Whether a title's scope in the text is a government department and its id the
/// department's country's: a state office named with its department ("US Treasury
/// Secretary" is `treasury-secretary@USA`).
fn department_office(doc: &Doc, a: &crate::doc::Attachment, id: &str) -> bool {
    let Some(s) = a.scope else { return false };
    let scope_id = doc.mentions[s].entity.as_deref().unwrap_or_default();
    let id_scope = id.split_once('@').map_or("", |(_, s)| s);
    scope_id.starts_with("org:")
        && crate::resolve::scope_entity(id_scope).starts_with("country:")
        && doc
            .entities
            .get(scope_id)
            .and_then(|e| e.attributes.get("kind"))
            .is_some_and(|k| k == "government")
}

/// The position-of relation of a held, scoped title (`id` has a scope): to the scope in
/// the text, unless the id names another (a state office with a party before it is the
/// country's: "Labour MP" is `mp@GBR`); else to the id's scope, from the holder's table
/// entry or the party's home country, with the title itself as evidence.
fn position_of(doc: &Doc, a: &crate::doc::Attachment, id: &str) -> RelationMention {
    let pos = &doc.mentions[a.position];
    let (_, id_scope) = id.split_once('@').unwrap_or_default();
    let scope_id = crate::resolve::scope_entity(id_scope);
    let text_scope = a
        .scope
        .filter(|&s| doc.mentions[s].entity.as_deref() == Some(&scope_id));
    match text_scope {
        Some(s) => rel(
            R::PositionOf,
            a.position,
            s,
            pos.sentence,
            pos.span,
            "position-of:scope-in-text",
        ),
        None => {
            let mut r = rel(
                R::PositionOf,
                a.position,
                a.position,
                pos.sentence,
                pos.span,
                if a.scope_from_article {
                    "position-of:scope-from-article"
                } else if department_office(doc, a, id) {
                    "position-of:department-country"
                } else if a
                    .scope
                    .is_some_and(|s| doc.mentions[s].kind == EntityKind::Location)
                {
                    "position-of:place-country"
                } else if a.scope.is_some() {
                    "position-of:party-country"
                } else {
                    "position-of:scope-from-table"
                },
            );
            r.target_entity = Some(scope_id);
            r
        }
    }
}

pub(super) fn positions(doc: &Doc, out: &mut Vec<RelationMention>) {
    for a in &doc.attachments {
        let pos = &doc.mentions[a.position];
        // An occupation is no office: its holder works for the organization ("BBC
        // correspondent Patrick Bartlett", "a senior KGB officer") and holds nothing.
        if a.occupation {
            if let (Some(h), Some(s)) = (a.holder, a.scope) {
                if doc.mentions[s].kind == EntityKind::Organization {
                    out.push(rel(
                        R::MemberOf,
                        h,
                        s,
                        pos.sentence,
                        pos.span,
                        "member-of:occupation",
                    ));
                }
            }
            continue;
        }
        if let Some(h) = a.holder {
            out.push(rel(
                R::HoldsPosition,
                h,
                a.position,
                pos.sentence,
                pos.span,
                "holds-position:title-attached",
            ));
        }
        let Some(id) = pos.entity.as_deref() else {
            continue;
        };
        // A title no one named holds ("a Cabinet Office spokeswoman said") states no
        // office of its scope: the gold guidelines make it no position.
        if !id.contains('@') || a.holder.is_none() {
            continue;
        }
        // The holder of an organization's office works for it: "a Lufthansa spokesman",
        // "Tory leader Michael Howard"; also when the office's scope is not beside the
        // title: from the tables ("Shadow Home Secretary David Davis": the Conservative
        // Party's) or from the same title scoped elsewhere in the article. Not a state
        // office named with its department ("US Treasury Secretary": `@USA`).
        if let (Some(h), Some(s)) = (a.holder, a.scope) {
            if doc.mentions[s].kind == EntityKind::Organization && !department_office(doc, a, id) {
                out.push(rel(
                    R::MemberOf,
                    h,
                    s,
                    pos.sentence,
                    pos.span,
                    "member-of:office-holder",
                ));
            }
        }
        let (_, id_scope) = id.split_once('@').unwrap_or_default();
        if let (Some(h), None) = (a.holder, a.scope) {
            let org = crate::resolve::scope_entity(id_scope);
            if org.starts_with("org:") {
                let mut r = rel(
                    R::MemberOf,
                    h,
                    a.position,
                    pos.sentence,
                    pos.span,
                    "member-of:office-scope",
                );
                r.target_entity = Some(org);
                out.push(r);
            }
        }
        out.push(position_of(doc, a, id));
    }
}

pub(super) fn member_of(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
    let ms: Vec<usize> = ctx.in_sentence(si).collect();
    for (k, &a) in ms.iter().enumerate() {
        let Some(&b) = ms.get(k + 1) else { continue };
        let (_, ae) = ctx.tokens_of[a];
        let (bs, _) = ctx.tokens_of[b];
        let gap: Vec<Cow<str>> = (ae..bs).map(|i| words::lower(doc.token_text(i))).collect();
        let gap: Vec<&str> = gap.iter().map(|w| w.as_ref()).collect();
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
            out.push(rel(R::MemberOf, a, b, si, trigger, "member-of:apposition"));
        }
        let named = |m: usize| !doc.mentions[m].form.is_coref();
        let after_b = doc
            .tokens
            .get(ctx.tokens_of[b].1)
            .filter(|t| t.sentence == si)
            .map(|t| doc.slice(t.span));
        // "David Page, of Investec Securities, said" / "Jim Parton, from Families Need
        // Fathers." (the parser reads the set-off phrase as a conjunct): the organization
        // ends the phrase, before a comma, a full stop or a verb of saying.
        let ends_phrase = after_b.is_none_or(|w| {
            matches!(w, "," | "." | ")" | ";" | "-" | "–") || words::is_speech_verb(w)
        });
        // Also "Oliver Letwin, for the Tories, attacked": who a person speaks for.
        let set_off = matches!(
            gap.as_slice(),
            [",", "of" | "from" | "at" | "for"] | [",", "of" | "from" | "at" | "for", "the"]
        ) && ends_phrase;
        if set_off && ka == EntityKind::Person && kb == EntityKind::Organization && named(a) {
            out.push(rel(
                R::MemberOf,
                a,
                b,
                si,
                trigger,
                "member-of:of-organization",
            ));
        }
        // "Nicolas Sarkozy of France said", "Emmanuel Gaillard of Shearman and Sterling,":
        // the same phrase not set off, when the name ends it as above (not "the visit of
        // Tony Blair of Britain to Moscow").
        let of_phrase = matches!(gap.as_slice(), ["of"] | ["of", "the"]) && ends_phrase;
        if of_phrase
            && ka == EntityKind::Person
            && matches!(kb, EntityKind::Organization | EntityKind::Country)
            && named(a)
            && named(b)
        {
            out.push(rel(
                R::MemberOf,
                a,
                b,
                si,
                trigger,
                "member-of:of-organization",
            ));
        }
        // "Lib Dem Norman Baker", "Tory Tim Yeo": a party's name right before a person's
        // (the parser often hangs the name on the party's last word).
        let party = |m: usize| {
            doc.mentions[m]
                .entity
                .as_deref()
                .and_then(|id| doc.entities.get(id))
                .and_then(|e| e.attributes.get("kind"))
                .is_some_and(|k| k == "party")
        };
        if gap.is_empty()
            && ka == EntityKind::Organization
            && kb == EntityKind::Person
            && named(a)
            && named(b)
            && party(a)
            && !ctx.scope_only[a]
        {
            out.push(rel(R::MemberOf, b, a, si, trigger, "member-of:modifier"));
        }
        // "Plaid Cymru's Elfyn Llwyd", "Labour's Robin Cook": an organization's named person.
        if matches!(gap.as_slice(), ["'s" | "’s"])
            && ka == EntityKind::Organization
            && kb == EntityKind::Person
            && named(a)
            && named(b)
        {
            out.push(rel(R::MemberOf, b, a, si, trigger, "member-of:possessor"));
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
            out.push(rel(R::MemberOf, a, b, si, trigger, "member-of:apposition"));
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
            out.push(rel(R::MemberOf, b, a, si, trigger, "member-of:modifier"));
        }
    }
}

pub(super) fn located_in(doc: &Doc, ctx: &Ctx, si: usize, out: &mut Vec<RelationMention>) {
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
                out.push(rel(R::LocatedIn, a, b, si, trig, "located-in:apposition"));
            }
        }
        // "the Swiss city of Geneva"
        if ma.kind == EntityKind::Country
            && ma.form == MentionForm::Demonym
            && mb.kind == EntityKind::Location
        {
            let g: Vec<Cow<str>> = gap.iter().map(|w| words::lower(w)).collect();
            let g: Vec<&str> = g.iter().map(|w| w.as_ref()).collect();
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
                ));
            }
        }
    }
}

/// member-of stated by a clause: "Ukraine, which is not a member of NATO", "Finland and
/// Sweden plan to become members of NATO", "Sweden joined NATO". The member is the
/// subject (through control and relative clauses, as for events); the modality is the
/// clause's (negated, future, hypothetical).
pub(super) fn member_of_clause(
    doc: &Doc,
    res: &super::args::Resolver,
    si: usize,
    out: &mut Vec<RelationMention>,
) {
    use crate::syntax::{DepRel, Upos};
    let t = res.tree;
    let organization = |a: &super::args::Arg| {
        let m = &doc.mentions[a.mention];
        m.entity
            .as_deref()
            .and_then(EntityKind::of_id)
            .unwrap_or(m.kind)
            == EntityKind::Organization
    };
    let member = |a: &super::args::Arg| {
        let m = &doc.mentions[a.mention];
        matches!(
            m.entity
                .as_deref()
                .and_then(EntityKind::of_id)
                .unwrap_or(m.kind),
            EntityKind::Country | EntityKind::Person | EntityKind::Organization
        )
    };
    for x in t.range.clone() {
        let lemma = words::lower(t.lemma(x));
        let (orgs, rule): (Vec<usize>, &'static str) = match (t.upos(x), lemma.as_ref()) {
            // "a member of NATO" as a predicate (not "NATO member Poland": that is the
            // surface rule's).
            (Upos::Noun, "member")
                if matches!(
                    t.base(x),
                    DepRel::Root | DepRel::Xcomp | DepRel::Acl | DepRel::Ccomp | DepRel::Conj
                ) =>
            {
                (
                    t.children(x)
                        .filter(|&c| {
                            t.base(c) == DepRel::Nmod && t.case_of(c).as_deref() == Some("of")
                        })
                        .collect(),
                    "member-of:predicate",
                )
            }
            (Upos::Verb, "join") => (
                t.children(x).filter(|&c| t.rel(c) == DepRel::Obj).collect(),
                "member-of:join",
            ),
            _ => continue,
        };
        if orgs.is_empty() {
            continue;
        }
        // A predicate noun needs its copula or "become" ("a member of NATO since 2004" in
        // apposition is the surface rule's).
        if t.upos(x) == Upos::Noun {
            let copular = t.children(x).any(|c| t.base(c) == DepRel::Cop);
            let becomes = t.base(x) == DepRel::Xcomp
                && t.head(x)
                    .is_some_and(|h| t.lemma(h).eq_ignore_ascii_case("become"));
            if !copular && !becomes {
                continue;
            }
        }
        let (subjects, _) = super::events::subjects(t, res, x, 0);
        let md = super::modality::mood(t, x);
        for o in orgs.iter().flat_map(|&o| res.args(o)).filter(organization) {
            for s in subjects.iter().filter(|a| member(a)) {
                if s.mention == o.mention {
                    continue;
                }
                let span = doc.tokens[x].span;
                let mut r = rel(R::MemberOf, s.mention, o.mention, si, span, rule);
                r.modality = md.modality;
                r.reported = md.reported;
                out.push(r);
            }
        }
    }
}

/// holds-position from a title in predicate position, for a title no name is attached to
/// in the text (resolution's attachments): "Damien Hockney, who is now Veritas' deputy
/// leader", "he became deputy leader of Veritas", "was appointed Veritas' deputy leader",
/// "served as NATO's secretary-general". The holder is the predicate's subject (through
/// a relative clause, control or coordination, and coreference), or the object of a verb
/// that makes someone the title ("named Jo Smith party chairman"). The holder of an
/// organization's title is its member, as in [`positions`].
///
/// A title resolution left without an id (no scope in the text, no holder beside it) is
/// named here from the holder's table entry ("Clare Short resigned as international
/// development secretary": `@GBR`); `named` gets the mention and its entity.
pub(super) fn predicate_titles(
    doc: &Doc,
    res: &super::args::Resolver,
    ctx: &Ctx,
    si: usize,
    out: &mut Vec<RelationMention>,
    named: &mut Vec<(usize, crate::doc::EntityInfo)>,
) {
    use crate::syntax::DepRel;
    let t = res.tree;
    for p in ctx.in_sentence(si) {
        if doc.mentions[p].kind != EntityKind::Position || res.holder[p].is_some() {
            continue;
        }
        let (start, end) = ctx.tokens_of[p];
        let words: Vec<usize> = (start..end).collect();
        let x = t.head_of(&words);
        let verb = t.head(x);
        let verb_lemma = verb.map(|v| words::lower(t.lemma(v))).unwrap_or_default();
        let makes = matches!(
            verb_lemma.as_ref(),
            "appoint" | "name" | "elect" | "make" | "nominate" | "choose"
        );
        let (holders, clause) = if t.children(x).any(|c| t.base(c) == DepRel::Cop) {
            // "X is Veritas' deputy leader", "who is now ..." (also when the parser hangs
            // the relative clause on the name by another label than acl:relcl).
            let mut found = super::events::subjects(t, res, x, 0).0;
            let relative = t
                .children(x)
                .any(|c| t.base(c) == DepRel::Nsubj && matches!(t.lower(c), "who" | "that"));
            if found.is_empty() && relative {
                found = verb.map(|h| res.args(h)).unwrap_or_default();
            }
            (found, x)
        } else {
            let Some(v) = verb else { continue };
            let as_title = matches!(t.base(x), DepRel::Obl | DepRel::Xcomp)
                && (t.base(x) == DepRel::Xcomp || t.case_of(x).as_deref() == Some("as"));
            if !as_title {
                continue;
            }
            // (The parser sometimes makes the name after "named" an xcomp.)
            let object = t.children(v).find(|&c| {
                c != x
                    && (t.base(c) == DepRel::Obj
                        || makes && t.base(c) == DepRel::Xcomp && t.mention(c).is_some())
            });
            match object {
                // "named Jo Smith party chairman", "appointed Jo Smith as ...".
                Some(o) if makes => (res.args(o), v),
                Some(_) => continue,
                // "became deputy leader", "was appointed deputy leader", "served as".
                None if t.base(x) == DepRel::Xcomp
                    && !makes
                    && !matches!(verb_lemma.as_ref(), "become" | "remain") =>
                {
                    continue
                }
                None => (super::events::subjects(t, res, v, 0).0, v),
            }
        };
        let md = super::modality::mood(t, clause);
        let scope = doc
            .attachments
            .iter()
            .find(|a| a.position == p)
            .and_then(|a| a.scope);
        let span = doc.mentions[p].span;
        let mut push = |kind, source, target, rule, target_entity: Option<String>| {
            let mut r = rel(kind, source, target, si, span, rule);
            r.modality = md.modality;
            r.reported = md.reported;
            r.target_entity = target_entity;
            out.push(r);
        };
        let org_scope = scope.filter(|&s| doc.mentions[s].kind == EntityKind::Organization);
        let attachment = doc.attachments.iter().find(|a| a.position == p);
        let occupation = attachment.is_some_and(|a| a.occupation);
        // A title with no id yet: the first named holder's table entry scopes it, if it
        // lists that office, or the holder's country scopes an office of the state
        // ("when he was Home Secretary"; not "will be captain", "became secretary of the
        // Commission", whose scope the nationality is not).
        let mut id = doc.mentions[p].entity.clone();
        let mut new_id = false;
        if id.is_none() && !occupation {
            let surface = doc.slice(span);
            let title = crate::resolve::title_slug(res.lex, surface);
            let national = crate::resolve::is_state_office(&title)
                || matches!(title.as_str(), "premier" | "king" | "queen" | "chancellor");
            let listed = holders
                .iter()
                .filter(|a| a.classes & class::PERSON != 0 && a.mention != p)
                .find_map(|h| {
                    let pid = doc.mentions[h.mention].entity.as_deref()?;
                    let offices = &res.lex.people.get(pid.strip_prefix("person:")?)?.positions;
                    let listed = offices
                        .iter()
                        .any(|o| o.split_once('@').is_some_and(|(t, _)| t == title));
                    (listed || national)
                        .then(|| crate::resolve::listed_scope(res.lex, pid, &title))
                        .flatten()
                });
            let Some(scope) = listed else { continue };
            let full = format!("position:{title}@{scope}");
            named.push((
                p,
                crate::resolve::position_info(res.lex, &full, surface, Some(&scope)),
            ));
            id = Some(full);
            new_id = true;
        }
        let mut held = false;
        for h in holders.iter().filter(|a| a.classes & class::PERSON != 0) {
            if h.mention == p {
                continue;
            }
            if occupation {
                // "he was a KGB officer": a member, no office (as in [`positions`]).
                if let Some(s) = org_scope {
                    push(R::MemberOf, h.mention, s, "member-of:occupation", None);
                }
                continue;
            }
            if new_id && doc.mentions[h.mention].entity.is_none() {
                continue;
            }
            held = true;
            let target_entity = id.clone().filter(|_| new_id);
            push(
                R::HoldsPosition,
                h.mention,
                p,
                "holds-position:predicate",
                target_entity,
            );
            if let Some(s) = org_scope {
                push(R::MemberOf, h.mention, s, "member-of:office-holder", None);
            }
        }
        // A held title states its office's scope, as in [`positions`].
        if let (true, Some(a), Some(id)) = (held, attachment, id.as_deref()) {
            if id.contains('@') {
                let mut r = position_of(doc, a, id);
                if new_id {
                    r.source_entity = Some(id.to_string());
                }
                out.push(r);
            }
        }
    }
}

/// member-of from the parse of a person's name phrase: an organization that modifies the
/// name or its apposition ("Yukos boss Mikhail Khodorkovsky", "Michael Lamberty, a
/// Lufthansa spokesman", "Junya Tanase, an analyst at JP Morgan") or hangs on it with
/// "of", "from" or "at" ("Brad Adams of Human Rights Watch").
pub(super) fn member_of_parsed(
    doc: &Doc,
    tree: &super::tree::Tree,
    ctx: &Ctx,
    si: usize,
    out: &mut Vec<RelationMention>,
) {
    use crate::syntax::DepRel;
    let org = |x: usize| {
        tree.mention(x).filter(|&m| {
            doc.mentions[m].kind == EntityKind::Organization
                && !doc.mentions[m].form.is_coref()
                && doc.mentions[m].entity.is_some()
        })
    };
    for p in ctx.in_sentence(si) {
        let pm = &doc.mentions[p];
        if pm.kind != EntityKind::Person || pm.form.is_coref() || pm.entity.is_none() {
            continue;
        }
        let words = pm.tokens.clone();
        let head = tree.head_of(&words.clone().collect::<Vec<_>>());
        // Words of the name phrase outside the name: modifiers of its head, an apposition
        // and what modifies that, "of"/"from"/"at" phrases.
        let mut found: Vec<(usize, usize, &'static str)> = Vec::new(); // (org mention, token, rule)
        let mut stack: Vec<(usize, u8)> = tree
            .children(head)
            .filter(|c| !words.contains(c))
            .map(|c| (c, 0))
            .collect();
        while let Some((x, depth)) = stack.pop() {
            let rel = tree.rel(x);
            let step = match rel {
                DepRel::Compound | DepRel::Amod | DepRel::NmodDesc | DepRel::NmodPoss => {
                    Some("member-of:modifier")
                }
                DepRel::Appos => Some("member-of:apposition"),
                DepRel::Nmod => matches!(tree.case_of(x).as_deref(), Some("of" | "from" | "at"))
                    .then_some("member-of:of-organization"),
                _ => None,
            };
            let Some(rule) = step else { continue };
            // A plural is no apposition of one person: in "UN Secretary General Kofi
            // Annan, World Bank officials and foreign ministers" the parser took the next
            // item of a list for one.
            let plural = tree.upos(x) == crate::syntax::Upos::Noun
                && tree.lower(x).ends_with('s')
                && !tree.lemma(x).eq_ignore_ascii_case(tree.text(x));
            if rel == DepRel::Appos && plural {
                continue;
            }
            if let Some(o) = org(x) {
                // A title's scope is the office-holder rule's ("NATO Secretary-General").
                if !ctx.scope_only[o] {
                    found.push((o, x, rule));
                }
                continue;
            }
            // Into the words of a title too ("Hugh Williams, chair of the CBI's SME
            // Council": the council hangs on "chair").
            let title = tree
                .mention(x)
                .is_some_and(|m| doc.mentions[m].kind == EntityKind::Position);
            if depth < 2 && (tree.mention(x).is_none() || title) {
                for c in tree.children(x) {
                    let r = tree.rel(c);
                    if matches!(
                        r,
                        DepRel::Compound | DepRel::Amod | DepRel::NmodPoss | DepRel::Nmod
                    ) {
                        stack.push((c, depth + 1));
                    }
                }
            }
        }
        for (o, x, rule) in found {
            let span = Span::new(
                doc.tokens[x].span.start.min(pm.span.start),
                doc.tokens[x].span.end.max(pm.span.end),
            );
            out.push(rel(R::MemberOf, p, o, si, span, rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::relate::found;

    fn has(rels: &[String], want: &str) -> bool {
        rels.iter().any(|r| r == want)
    }

    /// `text` gives the relation `want` ("person:x member-of org:y asserted").
    fn assert_found(text: &str, want: &str) {
        let rels = found(text);
        assert!(has(&rels, want), "{rels:?}");
    }

    #[test]
    fn a_title_gives_holds_position_and_position_of() {
        let text = "Russian Foreign Minister Sergei Lavrov arrived on Monday.";
        assert_found(
            text,
            "person:sergei-lavrov holds-position position:foreign-minister@RUS asserted",
        );
        assert_found(
            text,
            "position:foreign-minister@RUS position-of country:RUS asserted",
        );
    }

    /// A predicate title with no scope in the text takes it from the holder's table entry:
    /// a state office from their country, any office the table lists for them; no other.
    #[test]
    fn a_predicate_title_without_a_scope_is_scoped_by_the_holder() {
        for (text, want) in [
            (
                "Clare Short resigned as international development secretary in 2003.",
                "person:clare-short holds-position position:international-development-secretary@GBR asserted",
            ),
            (
                "Michael Howard tried it when he was Home Secretary.",
                "person:michael-howard holds-position position:home-secretary@GBR asserted",
            ),
            (
                "Clare Short became an MP in 1983.",
                "person:clare-short holds-position position:mp@GBR asserted",
            ),
        ] {
            let rels = found(text);
            assert!(has(&rels, want), "{text}: {rels:?}");
        }
        // Not an office of the holder's country, and not in the tables.
        let rels = found("Clare Short will be captain of the side.");
        assert!(!rels.iter().any(|r| r.contains("position")), "{rels:?}");
        let rels = found("Jo Smith resigned as international development secretary.");
        assert!(!rels.iter().any(|r| r.contains("position")), "{rels:?}");
    }

    /// A party office the tables scope ("shadow-home-secretary@conservative-party" for
    /// David Davis): the holder is the party's member, though the party is not named.
    #[test]
    fn an_office_scoped_by_the_tables_to_a_party_gives_membership() {
        let rels = found("Shadow Home Secretary David Davis spoke on Monday.");
        for want in [
            "person:david-davis holds-position position:shadow-home-secretary@conservative-party asserted",
            "position:shadow-home-secretary@conservative-party position-of org:conservative-party asserted",
            "person:david-davis member-of org:conservative-party asserted",
        ] {
            assert!(has(&rels, want), "{want}: {rels:?}");
        }
    }

    #[test]
    fn a_title_as_a_predicate_is_held_by_the_subject() {
        for (text, holder, modality) in [
            ("Jo Smith is now UKIP's deputy leader.", "person:jo-smith", "asserted"),
            ("Jo Smith, who is now UKIP's deputy leader, spoke.", "person:jo-smith", "asserted"),
            ("Jo Smith became deputy leader of UKIP in May.", "person:jo-smith", "asserted"),
            ("Jo Smith resigned as UKIP's deputy leader.", "person:jo-smith", "asserted"),
            ("Jo Smith will become UKIP's deputy leader.", "person:jo-smith", "future"),
            ("UKIP named Jo Smith as its deputy leader. UKIP named Jo Smith as UKIP's deputy leader.", "person:jo-smith", "asserted"),
        ] {
            let rels = found(text);
            let want = format!("{holder} holds-position position:deputy-leader@ukip {modality}");
            assert!(has(&rels, &want), "{text}: {rels:?}");
            let want = format!("{holder} member-of org:ukip {modality}");
            assert!(has(&rels, &want), "{text}: {rels:?}");
        }
        // A title the predicate is about, not the subject's: "met UKIP's deputy leader".
        let rels = found("Jo Smith met UKIP's deputy leader on Monday.");
        assert!(
            !rels.iter().any(|r| r.contains("holds-position")),
            "{rels:?}"
        );
    }

    #[test]
    fn an_occupation_is_membership_and_no_position() {
        for (text, person, org) in [
            (
                "BBC correspondent Jo Smith said the talks had stalled.",
                "person:jo-smith",
                "org:bbc",
            ),
            (
                "Jo Smith, a senior KGB officer, defected in 1985.",
                "person:jo-smith",
                "org:kgb",
            ),
            (
                "Jo Smith, the founder of Yukos, was arrested.",
                "person:jo-smith",
                "org:yukos",
            ),
            (
                "Jo Smith was a KGB officer for 20 years.",
                "person:jo-smith",
                "org:kgb",
            ),
        ] {
            let rels = found(text);
            assert!(
                has(&rels, &format!("{person} member-of {org} asserted")),
                "{text}: {rels:?}"
            );
            assert!(
                !rels.iter().any(|r| r.contains("position")),
                "{text}: {rels:?}"
            );
        }
        // A chief's title with an occupation's head is an office.
        assert_found(
            "Yukos chief executive officer Jo Smith resigned.",
            "person:jo-smith holds-position position:chief-executive-officer@yukos asserted",
        );
    }

    /// An organization inside the words of an apposed title ("chair of the CBI's SME
    /// Council"): the parse hangs it on the title mention, which the walk now enters.
    #[test]
    fn member_of_through_the_words_of_a_title() {
        assert_found(
            "\"Smaller firms are struggling,\" said Hugh Williams, chair of the CBI's SME Council.",
            "person:hugh-williams member-of org:sme-council asserted",
        );
    }

    #[test]
    fn member_of_stated_by_a_clause_keeps_its_modality() {
        assert_found(
            "Ukraine, which is not a member of NATO, has asked for help.",
            "country:UKR member-of org:nato negated",
        );
        let text = "Finland and Sweden plan to become members of NATO.";
        assert_found(text, "country:FIN member-of org:nato future");
        assert_found(text, "country:SWE member-of org:nato future");
        assert_found(
            "Sweden joined NATO in March.",
            "country:SWE member-of org:nato asserted",
        );
        // Not a member's clause: the subject only talks about members.
        let rels = found("Poland spoke to members of NATO.");
        assert!(!rels.iter().any(|r| r.contains("member-of")), "{rels:?}");
    }

    #[test]
    fn member_of_by_apposition_and_modifier() {
        assert_found(
            "NATO member Poland sent a letter.",
            "country:POL member-of org:nato asserted",
        );
        assert_found(
            "Poland, a member of NATO, sent a letter.",
            "country:POL member-of org:nato asserted",
        );
    }

    #[test]
    fn member_of_set_off_by_of_from_or_for_and_by_possessor_or_party() {
        assert_found(
            "David Page, of Investec Securities, said the forecast was wrong.",
            "person:david-page member-of org:investec-securities asserted",
        );
        assert_found(
            "Plaid Cymru's Elfyn Llwyd has suggested it.",
            "person:elfyn-llwyd member-of org:plaid-cymru asserted",
        );
        // Who a person speaks for, and a party's name right before a person's.
        assert_found(
            "But Oliver Letwin, for the Tories, attacked the plan.",
            "person:oliver-letwin member-of org:conservative-party asserted",
        );
        assert_found(
            "But Lib Dem Norman Baker accused ministers of waste.",
            "person:norman-baker member-of org:liberal-democrats asserted",
        );
        // Stated once, though two rules find it (the parse's modifier and the possessor).
        let rels = found("The plan was backed by Labour's Robin Cook.");
        let n = rels
            .iter()
            .filter(|r| *r == "person:robin-cook member-of org:labour-party asserted")
            .count();
        assert_eq!(n, 1, "{rels:?}");
    }

    #[test]
    fn a_plural_after_a_name_in_a_list_is_no_apposition() {
        let rels = found(
            "Also due to attend are US Secretary of State Condoleezza Rice, UN Secretary \
             General Kofi Annan, World Bank officials and foreign ministers from 23 countries.",
        );
        assert!(
            !rels.iter().any(|r| r.contains("member-of org:world-bank")),
            "{rels:?}"
        );
    }

    #[test]
    fn member_of_by_an_of_phrase_that_ends_the_name() {
        assert_found(
            "Nicolas Sarkozy of France said the dollar was too weak.",
            "person:nicolas-sarkozy member-of country:FRA asserted",
        );
        assert_found(
            "\"It will not last,\" said Grant Wilson of Mellon Bank.",
            "person:grant-wilson member-of org:mellon-bank asserted",
        );
        // The phrase goes on: not the name's.
        let rels = found("The visit of Tony Blair of Britain to Moscow ended.");
        assert!(!rels.iter().any(|r| r.contains("member-of")), "{rels:?}");
    }

    #[test]
    fn a_loose_title_after_its_scope_is_a_title() {
        assert_found(
            "Tory leader Michael Howard spoke on Monday.",
            "person:michael-howard holds-position position:leader@conservative-party asserted",
        );
        // An honorific after the title belongs to the holder's name.
        assert_found(
            "The Attorney General Lord Goldsmith has not issued instructions.",
            "person:lord-goldsmith holds-position position:attorney-general@GBR asserted",
        );
        assert_found(
            "Labour peer Lord Greaves said it.",
            "person:lord-greaves member-of org:labour-party asserted",
        );
        // Without a scope before it, a lowercase "leader" is a common noun.
        let rels = found("The leader Michael Howard spoke on Monday.");
        assert!(
            !rels.iter().any(|r| r.contains("holds-position")),
            "{rels:?}"
        );
    }

    #[test]
    fn located_in_by_comma_and_city_of() {
        assert_found(
            "The talks were held in Geneva, Switzerland.",
            "location:geneva located-in country:CHE asserted",
        );
        assert_found(
            "They met in the Swiss city of Geneva.",
            "location:geneva located-in country:CHE asserted",
        );
        let rels = found("Geneva, Switzerland said the talks were over.");
        assert!(!rels.iter().any(|r| r.contains("located-in")), "{rels:?}");
    }
}
