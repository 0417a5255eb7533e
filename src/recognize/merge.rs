//! How table and rule candidates meet the tagger's spans (the merge policy), as it is.
//!
//! After tables and rules are selected (longest, leftmost, table over rule), each tagger
//! span (trimmed of a leading article and trailing punctuation; MISC included) is set
//! against the candidates it overlaps. Positions and pronouns are never replaced (except
//! a one-word title that ends a confident person's name: "Billie Jean King"), and a span
//! that crosses a candidate's boundary changes nothing. Otherwise:
//! 1. **A table match never cuts a longer name the tagger sees**: a span with mean tag
//!    probability >= 0.5 that contains the candidates replaces them when it adds a word
//!    none of them covers ("Naina Yeltsin" over "Yeltsin", "Dynamo Moscow", "Manchester
//!    United") or when it joins, with spaces, a place to a name that is not that place's
//!    own organization (`joins_other_names`: "Cleveland Indians", "Kurdistan Democratic
//!    Party"; but "U.S. Agriculture Department" keeps the country and its department). A
//!    MISC span removes them and adds nothing ("U.S. Open", "Gulf War"). A span that only
//!    joins table names with a hyphen ("NATO-Russia", "German-Israeli") keeps both names,
//!    and a span that is no plausible name ([`super::rules::plausible_name`]) keeps them.
//! 2. **Same span, other type**: a rule candidate yields to the tagger at >= 0.8. A
//!    table candidate never becomes a person ("Chelsea" stays the club the table lists;
//!    a place that is a surname is rule 3's); it yields to an organization or a place
//!    at 0.3 or more when the context says so (`context_cue`: a place that plays,
//!    beats, signs, is beaten or stands beside a score is a club), or in a sports report,
//!    where some place of the same document had such a cue (then every table place the
//!    tagger reads as an organization is a club: "homered for Cleveland" after
//!    "CLEVELAND 5 Texas 3"); otherwise at 0.7 or more ("Kent had reached 108 for three"),
//!    except that a country never becomes an organization without a cue ("talks with US
//!    diplomats" is the United States, however sure the tagger is).
//! 3. **A place that is a surname** ([`surname_shadows`]): a lone table place name equal
//!    to the surname of a person the document named in full earlier, and not after a
//!    place preposition, is that person ("Neil Jordan ... Jordan said"; "in Jordan" stays
//!    the country). Demonyms and acronyms are never surnames.
//!
//! Then `rules::surnames` links later bare surnames (a lone title word that is a
//! surname, "King said" after "Billie Jean King", included), and the remaining tagger
//! spans fill the gaps: persons at >= 0.5, organizations and places at >= 0.4, each a
//! plausible name (`recognize::add_tagger_spans`, `rules::plausible_name`: no lone
//! modifier below 0.8 such as "Soviet states", no two-letter acronym before a noun, no
//! capitalized common word of `data/lexicon/not_names.txt`).
//!
//! The thresholds were chosen on CoNLL-2003 dev (whole recognizer, PER/ORG/LOC) with
//! `data/gold` and the BBC corpus as the check that news text does not lose;
//! `data/heldout` was not used.

use super::tagger::NerLabel;
use super::Candidate;
use crate::doc::{Doc, EntityKind, MentionForm, MentionSource};
use crate::hash::FastMap;
use crate::lexicon::Lexicon;

/// One span of the statistical tagger over global token indexes, already trimmed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
    pub score: f32,
}

/// Our type for a tagger label (MISC has none).
pub fn kind_of(label: NerLabel) -> Option<EntityKind> {
    match label {
        NerLabel::Per => Some(EntityKind::Person),
        NerLabel::Org => Some(EntityKind::Organization),
        NerLabel::Loc => Some(EntityKind::Location),
        NerLabel::Misc => None,
    }
}

/// The tagger label a candidate corresponds to (`None` for positions and pronouns).
fn label_of(c: &Candidate) -> Option<NerLabel> {
    match (c.kind, c.form) {
        (_, MentionForm::Pronoun) | (EntityKind::Position, _) => None,
        (EntityKind::Country, MentionForm::Demonym) => Some(NerLabel::Misc),
        (EntityKind::Person, _) => Some(NerLabel::Per),
        (EntityKind::Organization, _) => Some(NerLabel::Org),
        (EntityKind::Country | EntityKind::Location, _) => Some(NerLabel::Loc),
    }
}

/// Rule 1: least confidence for a longer span to replace what it contains.
const LONGER_MIN: f32 = 0.5;
/// Rule 2: least confidence to retype a table match with a context cue (or in a sports
/// report), without one, and to retype a rule candidate.
const SAME_WITH_CUE: f32 = 0.3;
const SAME_WITHOUT_CUE: f32 = 0.7;
const SAME_RULE: f32 = 0.8;
/// Least confidence of a person span for its last word to be a surname, not a title.
const TITLE_AS_SURNAME: f32 = 0.8;

/// Replaces table and rule candidates by tagger spans where the policy says the tagger
/// knows better. `chosen` is sorted by start and non-overlapping, and stays so.
///
/// `common_opener(i)` says that token `i` opens its sentence and is a word written in
/// lowercase inside sentences ("Meanwhile", "Earlier"): its capital is no sign of a name.
pub fn yield_to_tagger(
    doc: &Doc,
    lex: &Lexicon,
    tagged: &[TaggerSpan],
    common_opener: &dyn Fn(usize) -> bool,
    chosen: &mut Vec<Candidate>,
) {
    let sports_report = is_sports_report(doc, tagged, chosen);
    let mut removed = vec![false; chosen.len()];
    let mut added: Vec<Candidate> = Vec::new();
    for t in tagged {
        // Candidates overlapping the span (chosen is sorted and non-overlapping).
        let first = chosen.partition_point(|c| c.end <= t.start);
        let last = first + chosen[first..].partition_point(|c| c.start < t.end);
        if first == last || (first..last).any(|k| removed[k]) {
            continue;
        }
        let over = &chosen[first..last];
        // A title word that ends a person's name ("Billie Jean King") is the surname.
        let trailing_title = |c: &Candidate| {
            c.kind == EntityKind::Position
                && t.label == NerLabel::Per
                && t.score >= TITLE_AS_SURNAME
                && c.start > t.start
                && (c.start, c.end) == (t.end - 1, t.end)
        };
        if over
            .iter()
            .any(|c| label_of(c).is_none() && !trailing_title(c))
        {
            continue;
        }
        let kind = kind_of(t.label);
        let inside = over.iter().all(|c| t.start <= c.start && c.end <= t.end);
        let same_span = over.len() == 1 && over[0].start == t.start && over[0].end == t.end;
        let replace = if inside && !same_span {
            t.score >= LONGER_MIN
                && (adds_a_word(doc, lex, t, over, common_opener)
                    || joins_other_names(doc, lex, t, over))
                && kind.is_none_or(|k| {
                    super::rules::plausible_name(doc, lex, t.start, t.end, k, t.score)
                })
        } else if same_span {
            let c = &over[0];
            let min = if c.source == MentionSource::Rule {
                SAME_RULE
            } else if context_cue(doc, c, t.label)
                || (sports_report && t.label == NerLabel::Org && c.kind == EntityKind::Location)
            {
                SAME_WITH_CUE
            } else if c.kind == EntityKind::Country && t.label == NerLabel::Org {
                // A country the table names is an actor, not an organization, unless the
                // context makes it a team ("US objections", "the US government").
                f32::INFINITY
            } else {
                SAME_WITHOUT_CUE
            };
            // A table entry never becomes a person here ("Chelsea" the club stays the
            // club); a place that is a surname is rule 3's. Nor is it dropped for a MISC
            // span of its own words ("the Taliban" stays the organization the table lists).
            let to_person = t.label == NerLabel::Per && c.source == MentionSource::Gazetteer;
            let to_misc = t.label == NerLabel::Misc && c.source == MentionSource::Gazetteer;
            label_of(c) != Some(t.label) && t.score >= min && !to_person && !to_misc
        } else {
            false
        };
        if !replace {
            continue;
        }
        for r in &mut removed[first..last] {
            *r = true;
        }
        if let Some(kind) = kind {
            added.push(Candidate {
                start: t.start,
                end: t.end,
                kind,
                form: MentionForm::Name,
                entity: None,
                source: MentionSource::Tagger,
            });
        }
    }
    if added.is_empty() && !removed.iter().any(|r| *r) {
        return;
    }
    let mut k = 0;
    chosen.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    chosen.extend(added);
    chosen.sort_by_key(|c| c.start);
}

/// A sports report: some table place (or country) of the document is a team by its
/// context (a cue and a tagger organization span of at least [`SAME_WITH_CUE`]).
fn is_sports_report(doc: &Doc, tagged: &[TaggerSpan], chosen: &[Candidate]) -> bool {
    tagged.iter().any(|t| {
        t.label == NerLabel::Org && t.score >= SAME_WITH_CUE && {
            let k = chosen.partition_point(|c| c.start < t.start);
            chosen.get(k).is_some_and(|c| {
                (c.start, c.end) == (t.start, t.end)
                    && c.source == MentionSource::Gazetteer
                    && matches!(c.kind, EntityKind::Location | EntityKind::Country)
                    && context_cue(doc, c, NerLabel::Org)
            })
        }
    })
}

/// Rule 3: a lone table place that is the surname of a person named in full earlier in
/// the document, not after a place preposition, is that person ("Neil Jordan ...
/// Jordan said", "MaliVai Washington ... Washington served"). `chosen` is sorted.
pub fn surname_shadows(doc: &Doc, chosen: &mut [Candidate]) {
    // Surname -> first token of the earliest full name that ends with it.
    let mut first_full: FastMap<&str, usize> = FastMap::default();
    for c in chosen.iter() {
        if c.kind == EntityKind::Person && c.end - c.start >= 2 && c.form != MentionForm::Pronoun {
            let w = doc.token_text(c.end - 1);
            if w.chars().next().is_some_and(char::is_uppercase) {
                first_full.entry(w).or_insert(c.start);
            }
        }
    }
    if first_full.is_empty() {
        return;
    }
    for c in chosen.iter_mut() {
        if c.end - c.start != 1
            || c.source != MentionSource::Gazetteer
            || !matches!(c.kind, EntityKind::Country | EntityKind::Location)
            || matches!(c.form, MentionForm::Demonym | MentionForm::Acronym)
            || first_full
                .get(doc.token_text(c.start))
                .is_none_or(|&at| at >= c.start)
        {
            continue;
        }
        let sentence = doc.tokens[c.start].sentence;
        let prev = c
            .start
            .checked_sub(1)
            .filter(|&i| doc.tokens[i].sentence == sentence)
            .map(|i| doc.token_text(i).to_lowercase())
            .unwrap_or_default();
        if PLACE_PREPOSITIONS.contains(&prev.as_str()) {
            continue;
        }
        c.kind = EntityKind::Person;
        c.form = MentionForm::Surname;
        c.entity = None;
        c.source = MentionSource::Rule;
    }
}

/// Words before a name that make it a place: "in Jordan", "flew to Washington".
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "to", "from", "at", "into", "across", "near", "of", "visit", "visited", "toward",
    "towards", "via", "through", "around", "outside", "inside",
];

/// Rule 1's join: table names joined by spaces (no hyphen) into one name the tagger
/// reads as one, where the first is a place and the last is not an organization of
/// that place's country: "Cleveland Indians" (a place and a demonym), "Kurdistan
/// Democratic Party" (not the Democratic Party of the United States). "U.S. Agriculture
/// Department" (a U.S. body after "U.S.") and "U.N. Middle East envoy" (an
/// organization first) keep their names.
fn joins_other_names(doc: &Doc, lex: &Lexicon, t: &TaggerSpan, over: &[Candidate]) -> bool {
    let (Some(first), Some(last)) = (over.first(), over.last()) else {
        return false;
    };
    if over.len() < 2
        || t.label == NerLabel::Misc
        || !matches!(first.kind, EntityKind::Country | EntityKind::Location)
    {
        return false;
    }
    let hyphen_joined = over.windows(2).any(|w| {
        (w[0].end..w[1].start).any(|i| doc.token_text(i) == "-")
            || doc.tokens[w[0].end - 1].span.end == doc.tokens[w[1].start].span.start
    });
    if hyphen_joined {
        return false;
    }
    if last.kind != EntityKind::Organization {
        return true;
    }
    country_of(lex, last).is_some_and(|home| country_of(lex, first) != Some(home))
}

/// The country of a table candidate: the country itself, a place's or an organization's.
fn country_of<'a>(lex: &'a Lexicon, c: &'a Candidate) -> Option<&'a str> {
    let (prefix, key) = c.entity.as_deref()?.split_once(':')?;
    match prefix {
        "country" => Some(key),
        "location" => lex.locations.get(key)?.country.as_deref(),
        "org" => lex.organizations.get(key)?.country.as_deref(),
        _ => None,
    }
}

/// Does the tagger span hold a word no candidate covers? "U.S. Open" adds "Open" to
/// "U.S."; "NATO-Russia" only joins two table names with a hyphen, and "Mr Cable" only
/// puts an honorific before the name; "Meanwhile Lib Dem" only puts a common word that
/// opens the sentence before it.
fn adds_a_word(
    doc: &Doc,
    lex: &Lexicon,
    t: &TaggerSpan,
    over: &[Candidate],
    common_opener: &dyn Fn(usize) -> bool,
) -> bool {
    (t.start..t.end).any(|i| {
        if i == t.start && common_opener(i) {
            return false;
        }
        let w = doc.token_text(i);
        // A lowercase last word after a space describes the name before it ("Barclays
        // bank", "JPMorgan Chase bank"): it is not part of it. ("San Francisco-based" is
        // left to the tagger: CoNLL-2003 leaves such words unannotated, and the
        // recognizer's CoNLL floor in scripts/shared-checks.sh holds it to that.)
        let description = i + 1 == t.end
            && i > t.start
            && doc.tokens[i - 1].span.end < doc.tokens[i].span.start
            && w.chars().next().is_some_and(char::is_lowercase);
        w.chars().any(char::is_alphanumeric)
            && !description
            && !super::rules::TITLE_ABBREVIATIONS.contains(&w)
            && !over.iter().any(|c| c.start <= i && i < c.end)
            // "Labour MPs", "UKIP MEPs", "Tory ministers": members of the party the table
            // names, not an organization of their own.
            && !lex
                .titles
                .get(crate::words::lower(w).as_ref())
                .is_some_and(|r| r.is_plural())
    })
}

/// Words around a place name that make it a team: "Kent beat", "beaten by Essex",
/// "CHICAGO 5", "Leeds v Chelsea".
const SPORT_WORDS: &[&str] = &[
    "beat",
    "beats",
    "beaten",
    "beating",
    "play",
    "plays",
    "played",
    "playing",
    "sign",
    "signs",
    "signed",
    "signing",
    "drew",
    "draw",
    "draws",
    "lost",
    "lose",
    "loses",
    "won",
    "win",
    "wins",
    "defeated",
    "defeat",
    "defeats",
    "v",
    "vs",
    "vs.",
    "v.",
    "against",
    "captain",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "batsman",
    "bowler",
    "pitcher",
    "fans",
    "supporters",
    "rallied",
    "routed",
    "edged",
    "thrashed",
    "trounced",
    "hosted",
    "scored",
    "scores",
    "clinched",
    "innings",
];

/// A word of the sports pages ("beat", "captain", "striker").
pub fn is_sport_word(w: &str) -> bool {
    SPORT_WORDS.contains(&w)
}

/// Does the text around candidate `c` say it is of the tagger's type `label`?
/// A place that plays, beats, signs or is beaten (or stands beside a score) is a club.
fn context_cue(doc: &Doc, c: &Candidate, label: NerLabel) -> bool {
    let sentence = doc.tokens[c.start].sentence;
    let word = |i: usize| {
        doc.tokens
            .get(i)
            .filter(|t| t.sentence == sentence)
            .map(|t| doc.slice(t.span))
    };
    let before = c.start.checked_sub(1).and_then(word);
    let before2 = c.start.checked_sub(2).and_then(word);
    let after = word(c.end);
    let after2 = word(c.end + 1);
    let lower = |w: Option<&str>| w.map(str::to_lowercase).unwrap_or_default();
    let is_sport = |w: Option<&str>| SPORT_WORDS.contains(&lower(w).as_str());
    let is_score = |w: Option<&str>| {
        w.is_some_and(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_digit()))
    };
    match label {
        NerLabel::Org => {
            is_sport(after)
                || is_sport(before)
                || (lower(after) == "'s" && is_sport(after2))
                || (lower(before) == "by" && is_sport(before2))
                || is_score(after)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;

    #[test]
    fn a_common_word_opening_the_sentence_adds_nothing_to_a_table_name() {
        let mut doc = Doc::new(Article {
            id: "t".into(),
            text: "Meanwhile Lib Dem leaders met.".into(),
            ..Default::default()
        });
        crate::segment::Segmenter.apply(&mut doc);
        let lex = Lexicon::builtin();
        let table = Candidate {
            start: 1,
            end: 3,
            kind: EntityKind::Organization,
            form: MentionForm::Alias,
            entity: Some("org:liberal-democrats".into()),
            source: MentionSource::Gazetteer,
        };
        let tagged = [TaggerSpan {
            start: 0,
            end: 3,
            label: NerLabel::Org,
            score: 0.9,
        }];
        // "Meanwhile" written in lowercase inside sentences: the table name stays.
        let mut chosen = vec![table.clone()];
        yield_to_tagger(&doc, lex, &tagged, &|i| i == 0, &mut chosen);
        assert_eq!(chosen, vec![table.clone()]);
        // A capitalized word of its own ("Greater Lib Dem" as a name): the tagger's span.
        let mut chosen = vec![table];
        yield_to_tagger(&doc, lex, &tagged, &|_| false, &mut chosen);
        assert_eq!((chosen[0].start, chosen[0].end), (0, 3), "{chosen:?}");
    }
}
