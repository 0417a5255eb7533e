//! Speech: quoted-by (a speaker and a news organization: "told Tass", "according to
//! Tass", "said on ABC's") and reported speech (whose words an event relation is in).

use super::{rel, Ctx};
use crate::doc::{Doc, EntityKind, RelationKind as R, RelationMention, Span};
use crate::lexicon::Lexicon;
use crate::words;
use std::borrow::Cow;

/// Nouns that describe a news organization before its name ("told French broadcaster
/// France 24", "told the state news agency Tass").
const MEDIA_NOUNS: &[&str] = &[
    "broadcaster",
    "newspaper",
    "paper",
    "daily",
    "weekly",
    "magazine",
    "radio",
    "television",
    "channel",
    "station",
    "agency",
    "news",
    "network",
    "website",
    "tabloid",
];

/// Words that may start such a description, not end it.
const MEDIA_MODIFIERS: &[&str] = &["the", "a", "state"];

pub(super) fn quoted_by(
    lexicon: &Lexicon,
    doc: &Doc,
    ctx: &Ctx,
    si: usize,
    out: &mut Vec<RelationMention>,
) {
    let media: Vec<usize> = ctx
        .in_sentence(si)
        .filter(|&m| {
            doc.mentions[m].kind == EntityKind::Organization
                && doc.mentions[m]
                    .entity
                    .as_deref()
                    .and_then(|id| id.strip_prefix("org:"))
                    .and_then(|k| lexicon.organizations.get(k))
                    .is_some_and(|o| o.kind == "media")
        })
        .collect();
    let first = doc.sentences[si].tokens.start;
    for &org in &media {
        let (os, _) = ctx.tokens_of[org];
        // A description before the name ("told French broadcaster France 24", "told the
        // newspaper Clarin") is passed over, back to the cue.
        let mut k = os;
        while k > first && os - k < 4 {
            let w = words::lower(doc.token_text(k - 1));
            let demonym = ctx.in_sentence(si).any(|m| {
                doc.mentions[m].form == crate::doc::MentionForm::Demonym
                    && (ctx.tokens_of[m].0..ctx.tokens_of[m].1).contains(&(k - 1))
            });
            if !(demonym
                || MEDIA_NOUNS.contains(&w.as_ref())
                || MEDIA_MODIFIERS.contains(&w.as_ref()))
            {
                break;
            }
            k -= 1;
        }
        // (Only when a description ends right before the name.)
        let os_cue =
            if k < os && MEDIA_NOUNS.contains(&words::lower(doc.token_text(os - 1)).as_ref()) {
                k
            } else {
                os
            };
        // The words just before the organization: "according to (state news agency)",
        // "told", "said on", "in an interview with".
        let before: Vec<Cow<str>> = (os_cue.saturating_sub(5)..os_cue)
            .map(|i| words::lower(doc.token_text(i)))
            .collect();
        let b: Vec<&str> = before.iter().map(|w| w.as_ref()).collect();
        let after = doc
            .tokens
            .get(ctx.tokens_of[org].1)
            .map(|t| words::lower(doc.slice(t.span)));
        if matches!(after.as_deref(), Some("reported" | "quoted" | "reports")) {
            let first_person = ctx.in_sentence(si).find(|&m| {
                doc.mentions[m].kind == EntityKind::Person && !doc.mentions[m].form.is_coref()
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
        let cue_start = (os_cue.saturating_sub(5)..os_cue)
            .find(|&i| {
                matches!(
                    words::lower(doc.token_text(i)).as_ref(),
                    "according" | "told" | "on" | "with" | "tells" | "interview"
                )
            })
            .unwrap_or(os_cue.max(1) - 1);
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
        ));
    }
}

/// The speaker of a sentence for a cue at token `cue`: the person just before a verb
/// of saying ("Ryabkov said"), or after it (", Ryabkov said"), or a pronoun.
pub(super) fn speaker(doc: &Doc, ctx: &Ctx, si: usize, cue: usize) -> Option<usize> {
    let range = doc.sentences[si].tokens.clone();
    let mut best: Option<(usize, usize)> = None; // (distance, mention)
    for i in range.clone() {
        let w = words::lower(doc.token_text(i));
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

/// Reported speech: the trigger sits inside quotation marks, before ", X said", or after
/// "X said (that)". Returns the speaker's mention.
pub(super) fn reported_by(doc: &Doc, ctx: &Ctx, si: usize, ts: usize, te: usize) -> Option<usize> {
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
        (te..range.end).find(|&k| words::is_speech_verb(&words::lower(doc.token_text(k))));
    let verb_before = (range.start..ts).rev().find(|&k| {
        let w = words::lower(doc.token_text(k));
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

/// Words that make an organization's name a news outlet's ("BBC Radio 4", "the
/// Spectator", "Sky News", "the Financial Times").
const MEDIA_WORDS: &[&str] = &[
    "bbc",
    "radio",
    "tv",
    "television",
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "guardian",
    "telegraph",
    "mail",
    "mirror",
    "express",
    "independent",
    "observer",
    "spectator",
    "economist",
    "tribune",
    "gazette",
    "chronicle",
    "press",
    "agency",
    "reuters",
    "ap",
    "afp",
    "tass",
    "xinhua",
    "cnn",
    "sky",
    "itv",
    "gmtv",
    "channel",
    "fm",
    "magazine",
    "newspaper",
    "programme",
    "today",
    "newsnight",
    "interfax",
    "bloomberg",
    "ria",
    "dpa",
    "kyodo",
    "al-jazeera",
    "jazeera",
    "sun",
    "standard",
    "record",
    "week",
    "online",
];

/// A news organization: the tables say so, or its name has a news outlet's word.
pub(super) fn is_media(lexicon: &Lexicon, doc: &Doc, m: usize) -> bool {
    let mention = &doc.mentions[m];
    if mention.kind != EntityKind::Organization {
        return false;
    }
    let Some(id) = mention.entity.as_deref() else {
        return false;
    };
    if let Some(o) = id
        .strip_prefix("org:")
        .and_then(|k| lexicon.organizations.get(k))
    {
        return o.kind == "media";
    }
    let name = doc.slice(mention.span).to_lowercase();
    name.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| MEDIA_WORDS.contains(&w))
}

/// quoted-by from the parse: a verb of saying whose subject is a person and whose object
/// or phrase is a news outlet ("told the BBC", "said on ABC's This Week", "speaking to
/// GMTV", "told BBC Radio 4's Today programme", "in an interview with the Financial
/// Times", "writing in the Spectator").
pub(super) fn quoted_by_parsed(
    lexicon: &Lexicon,
    doc: &Doc,
    res: &super::args::Resolver,
    si: usize,
    out: &mut Vec<RelationMention>,
) {
    use crate::syntax::DepRel;
    let t = res.tree;
    let outlet = |x: usize| -> Option<usize> {
        if let Some(m) = t.mention(x) {
            return is_media(lexicon, doc, m).then_some(m);
        }
        // "BBC Radio 4's Today programme": the outlet owns the programme.
        t.children(x)
            .filter(|&c| matches!(t.rel(c), DepRel::NmodPoss | DepRel::Compound))
            .find_map(|c| t.mention(c).filter(|&m| is_media(lexicon, doc, m)))
    };
    let outlet_phrase = |x: usize| -> Option<usize> {
        outlet(x).or_else(|| {
            // "programme", "interview", "show": the outlet modifies it or is its "with".
            t.children(x).find_map(|c| {
                let ok = matches!(t.rel(c), DepRel::NmodPoss | DepRel::Compound)
                    || (t.base(c) == DepRel::Nmod
                        && matches!(t.case_of(c).as_deref(), Some("with" | "on" | "to")));
                if ok {
                    outlet(c)
                } else {
                    None
                }
            })
        })
    };
    for v in t.range.clone() {
        if !words::is_speech_lemma(&words::lower(t.lemma(v))) && t.lower(v) != "speaking" {
            continue;
        }
        let mut media = None;
        for c in t.children(v) {
            let found = match t.base(c) {
                DepRel::Obj | DepRel::Iobj => outlet_phrase(c),
                DepRel::Obl | DepRel::Nmod => {
                    if matches!(
                        t.case_of(c).as_deref(),
                        Some("to" | "on" | "in" | "with" | "during")
                    ) {
                        outlet_phrase(c)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            if found.is_some() {
                media = found;
                break;
            }
        }
        // Whom one tells is the words right after "told", however the parser hangs them
        // ("told the BBC that aid was needed", with "the BBC" read as the clause's
        // subject): an outlet there, or an outlet's programme ("told the BBC's Today
        // programme").
        if media.is_none() && words::lower(t.lemma(v)) == "tell" {
            let mut k = v + 1;
            if t.contains(k) && t.lower(k) == "the" {
                k += 1;
            }
            if t.contains(k) {
                media = t.mention(k).filter(|&m| is_media(lexicon, doc, m));
            }
        }
        let Some(media) = media else { continue };
        // "warned the BBC to steer away from ...", "told the paper to apologise": an
        // appeal to the outlet, not words given to it.
        let to_clause = |c: usize| {
            matches!(t.base(c), DepRel::Xcomp | DepRel::Advcl)
                && t.children(c)
                    .any(|m| t.base(m) == DepRel::Mark && t.lower(m) == "to")
        };
        if t.children(v).any(to_clause) {
            continue;
        }
        let speaker = t
            .children(v)
            .filter(|&c| t.base(c) == DepRel::Nsubj)
            .flat_map(|s| res.args(s))
            .find(|a| doc.mentions[a.mention].kind == EntityKind::Person);
        let Some(speaker) = speaker else { continue };
        out.push(rel(
            R::QuotedBy,
            speaker.mention,
            media,
            si,
            doc.tokens[v].span,
            "quoted-by:speech-verb",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::relate::found;

    /// `text` gives a relation that starts with `want` ("person:x quoted-by org:y").
    fn assert_found(text: &str, want: &str) {
        let rels = found(text);
        assert!(rels.iter().any(|r| r.starts_with(want)), "{rels:?}");
    }

    #[test]
    fn told_a_media_organization_is_quoted_by() {
        assert_found(
            "Russian Deputy Foreign Minister Sergei Ryabkov told Tass the talks were hard.",
            "person:sergei-ryabkov quoted-by org:tass",
        );
        // The parser reads "the BBC" as the subject of what follows.
        assert_found(
            "Trevor Manuel told the BBC that aid was needed.",
            "person:trevor-manuel quoted-by org:bbc",
        );
    }

    /// The speaker after a closing quote, with an apposition before the verb
    /// (`repair::subject_after_quote`).
    #[test]
    fn the_speaker_after_a_quote_is_quoted_by() {
        assert_found(
            "\"We will see results in a year,\" Adam Hume, the company's futurologist told \
             the BBC News website.",
            "person:adam-hume quoted-by org:bbc",
        );
    }

    #[test]
    fn a_description_between_told_and_the_organization_is_passed_over() {
        assert_found(
            "Jacques Chirac told French broadcaster France 24 the plan was fair.",
            "person:jacques-chirac quoted-by org:france-24",
        );
        assert_found(
            "Sergei Ryabkov told the state news agency Tass the talks were hard.",
            "person:sergei-ryabkov quoted-by org:tass",
        );
    }

    #[test]
    fn an_appeal_to_an_outlet_is_no_quote() {
        let rels = found(
            "Peter Mandelson warned the BBC to steer away from demonising Alastair Campbell.",
        );
        assert!(!rels.iter().any(|r| r.contains("quoted-by")), "{rels:?}");
        assert_found(
            "Peter Mandelson warned the BBC that the plan would fail.",
            "person:peter-mandelson quoted-by org:bbc",
        );
    }

    #[test]
    fn no_speech_cue_no_quoted_by() {
        let rels = found("Sergei Ryabkov and Tass were both in Geneva.");
        assert!(!rels.iter().any(|r| r.contains("quoted-by")), "{rels:?}");
    }
}
