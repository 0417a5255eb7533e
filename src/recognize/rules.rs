//! Rules that find what no table lists: position titles, people named after a title or
//! by a given name, names before "said"/"told", later surnames, and pronouns.

use super::Candidate;
use crate::doc::{Doc, EntityKind, MentionForm, MentionSource};
use crate::lexicon::{Lexicon, TitleRole};
use crate::words;

/// Words that end a name run or never start one, even when capitalized (besides
/// weekdays and months: [`not_name`]).
const NOT_NAME: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "If",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "To",
    "By",
    "With",
    "From",
    "As",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "Still",
    "After",
    "Before",
    "When",
    "While",
    "Asked",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Senior",
    "Officials",
    "Minister",
    "President",
    "Secretary",
    "Government",
    "Meanwhile",
    "However",
    "Also",
    "Instead",
    "Yet",
    "So",
    "Now",
    "Then",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Some",
    "Many",
    "All",
    "No",
    "Not",
    "Why",
    "What",
    "Who",
    "How",
    "Where",
    "Its",
    "Under",
    "Over",
    "About",
    "Against",
];

/// A word that ends a name run or never starts one: [`NOT_NAME`], a weekday or a month.
fn not_name(w: &str) -> bool {
    NOT_NAME.contains(&w) || words::is_weekday(w) || words::is_month(w)
}

/// Particles allowed inside a name: "Ursula von der Leyen", "Mohammed bin Salman".
const PARTICLES: &[&str] = &[
    "von", "van", "der", "de", "da", "di", "bin", "ibn", "al", "el", "la", "le", "du", "dos",
];

/// Last words that make a capitalized run an organization, not a person:
/// "the Home Office said", "the Electoral Commission told".
pub const ORG_HEADS: &[&str] = &[
    "Office",
    "Party",
    "Commission",
    "Ministry",
    "Department",
    "Council",
    "Committee",
    "Union",
    "Agency",
    "Bank",
    "Group",
    "Court",
    "Police",
    "Service",
    "Government",
    "Army",
    "Association",
    "Institute",
    "University",
    "Company",
    "Corporation",
    "Times",
    "News",
    "Post",
    "Board",
    "Authority",
    "Federation",
    "Foundation",
    "Trust",
    "Inc",
    "Ltd",
    "Plc",
    "Corp",
    "Fund",
    "Forces",
    "Parliament",
    "Assembly",
    "Executive",
    "Organisation",
    "Organization",
    "Centre",
    "Center",
    "League",
    "Club",
    "Network",
    "Press",
    "Airlines",
    "Airways",
    "Motors",
    "Industries",
    "Holdings",
    "Partners",
    "Institution",
    "Society",
    "Alliance",
    "Front",
    "Movement",
    "Congress",
    "Senate",
];

/// Abbreviated titles before a name; they are not position mentions themselves.
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.",
    "Maj.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.", "Prof.", "Sir", "Dame", "Lord", "Lady",
];

fn is_capitalized(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => w.chars().any(|c| c.is_alphabetic()),
        _ => false,
    }
}

fn role(lex: &Lexicon, w: &str) -> Option<TitleRole> {
    let lower = crate::words::lower(w);
    // A prefix that segmentation keeps joined takes the role of its word:
    // "e-commerce minister", "non-executive director".
    lex.titles
        .get(lower.as_ref())
        .or_else(|| {
            let (_, word) = lower.split_once('-')?;
            lex.titles.get(word)
        })
        .copied()
}

/// True when some candidate of the given kinds covers token `i` (global index).
fn covered(cands: &[Candidate], i: usize, kinds: &[EntityKind]) -> bool {
    cands
        .iter()
        .any(|c| c.start <= i && i < c.end && kinds.contains(&c.kind))
}

/// Honorifics that are part of a peer's, knight's or cleric's name ("Lord Goldsmith", "Sir
/// John Stevens", "Supreme Leader Ayatollah Ali Khamenei"), not of the title before it.
pub const HONORIFICS: &[&str] = &[
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Baroness",
    "Baron",
    "Ayatollah",
    "Sheikh",
];

/// Heads that are titles only when capitalized or with a modifier.
const LOOSE_HEADS: &[&str] = &[
    "head", "chief", "leader", "chair", "general", "speaker", "director", "boss", "member", "peer",
];

/// A title phrase starting at `words[i]`: modifiers and heads (hyphen compounds joined),
/// ending on a head, then an "of"/"for" domain. Returns its end (exclusive) and whether
/// the head is plural.
pub fn title_at(lex: &Lexicon, words: &[&str], i: usize) -> Option<(usize, bool)> {
    title_phrase(lex, words, i, false, &|_| false, &|_| false)
}

/// [`title_at`], where `scoped` says that an organization or a country ends just before
/// `words[i]`: then a lone lowercase loose head is a title too ("Tory leader Michael
/// Howard", "Lib Dem leader", "Iraqi leader"), as the scope makes it one.
///
/// `org_at(k)` says whether a listed organization starts at `words[k]`: after "for" it is
/// the title's scope, not its domain ("a spokesman for Greenpeace"); `taken(k)` whether
/// an organization or a country covers it (no capitalized portfolio then: "Salvation Army
/// spokesman").
fn title_phrase(
    lex: &Lexicon,
    words: &[&str],
    i: usize,
    scoped: bool,
    org_at: &dyn Fn(usize) -> bool,
    taken: &dyn Fn(usize) -> bool,
) -> Option<(usize, bool)> {
    let n = words.len();
    let mut j = i;
    // The word whose case the run keeps: the first, unless a sentence (or a quote) begins
    // with it and its capital says nothing: "Shadow education secretary Tim Collins".
    let opens = i == 0 || matches!(words[i - 1], "\"" | "“" | "'" | "‘" | "(");
    let titled = |k: usize| role(lex, words[k]).is_some_and(|r| r.is_head() || r.is_modifier());
    let case_of = if opens
        && i + 1 < n
        && role(lex, words[i]).is_some_and(|r| r.is_modifier())
        && titled(i + 1)
    {
        i + 1
    } else {
        i
    };
    // (end of a head, plural) for the last head seen in the run.
    let mut last_head: Option<(usize, bool)> = None;
    while j < n {
        // Hyphen compounds: "Secretary-General", "Vice-President"; a rank joined to a
        // title word takes that word's role: "co-chairman", "Vice-Prime Minister".
        if j + 2 < n && words[j + 1] == "-" {
            let compound = format!("{}-{}", words[j], words[j + 2]).to_lowercase();
            let joined = lex.titles.get(&compound).copied().or_else(|| {
                let rank = words[j].eq_ignore_ascii_case("co")
                    || role(lex, words[j]).is_some_and(|r| r.is_modifier());
                role(lex, words[j + 2]).filter(|r| rank && (r.is_head() || r.is_modifier()))
            });
            if let Some(r) = joined {
                if r.is_head() {
                    last_head = Some((j + 3, r.is_plural()));
                }
                j += 3;
                continue;
            }
        }
        // Coordinated portfolios before the head: "Trade and Industry Secretary".
        if j > i
            && words[j] == "and"
            && last_head.is_none()
            && words.get(j + 1).is_some_and(|w| {
                is_capitalized(w) == is_capitalized(words[i])
                    && role(lex, w).is_some_and(|r| r.is_modifier())
            })
        {
            j += 1;
            continue;
        }
        let Some(r) = role(lex, words[j]).filter(|r| r.is_head() || r.is_modifier()) else {
            // One unknown word before a head of the same case names the portfolio:
            // "deputy infrastructure minister", "Infrastructure Minister".
            let same_case = |a: &str, b: &str| is_capitalized(a) == is_capitalized(b);
            // Cheapest tests first: most words fail them, and the look-up of the next word
            // is then not needed.
            let next_head = || {
                words.get(j + 1).is_some_and(|w| {
                    role(lex, w).is_some_and(|r| r.is_head()) && same_case(w, words[j])
                })
            };
            // Not a participle: "Sacked MP Howard Flight", "Jailed MP".
            let word_like = words[j].chars().all(|c| c.is_alphabetic())
                && words[j].chars().count() > 3
                && !words[j].ends_with("ed");
            let starts_ok = || {
                j > i
                    || (is_capitalized(words[j])
                        && !not_name(words[j])
                        && !lex.given_names.contains(words[j]))
            };
            if word_like && (j == i || same_case(words[j], words[i])) && starts_ok() && next_head()
            {
                j += 1;
                continue;
            }
            break;
        };
        if !(r.is_head() || r.is_modifier()) {
            break;
        }
        // An honorific after a title begins the holder's name: "Attorney General Lord
        // Goldsmith", "Liberal Democrat peer Lady Smith" ("Lord Chancellor" stays a title).
        if j > i
            && HONORIFICS.contains(&words[j])
            && words
                .get(j + 1)
                .is_some_and(|w| is_capitalized(w) && role(lex, w).is_none())
        {
            break;
        }
        // A run keeps one case: "Foreign Minister", "deputy secretary"; but a capitalized
        // portfolio or rank may come before a lowercase head ("Cabinet minister", "Defence
        // secretary", "Conservative Shadow chancellor Oliver Letwin").
        // Not the end of a longer name: "Salvation Army spokesman", "Institute of
        // Technology professor".
        let free_before = |i: usize| {
            i == 0
                || taken(i - 1)
                || words[i - 1].eq_ignore_ascii_case("former")
                || !is_capitalized(words[i - 1])
                    && !matches!(words[i - 1], "of" | "for" | "and" | "&")
        };
        let portfolio = || {
            r.is_head()
                && !is_capitalized(words[j])
                && free_before(i)
                && (i..j).all(|k| !taken(k) && role(lex, words[k]).is_some_and(|r| r.is_modifier()))
        };
        if j > i && is_capitalized(words[j]) != is_capitalized(words[case_of]) && !portfolio() {
            break;
        }
        if r.is_head() {
            last_head = Some((j + 1, r.is_plural()));
        }
        j += 1;
    }
    let (mut end, plural) = last_head?;
    // A lone lowercase "head", "chief" or "leader" is a common noun ("a gun to the head of"),
    // unless a name follows "of" or "at" ("a director of Group Menatep", "head of
    // Oxfam"; not "a member of NATO": membership is a relation of its own).
    if end == i + 1 && !is_capitalized(words[i]) && LOOSE_HEADS.contains(&words[i]) && !scoped {
        let named = |k: usize| words.get(k).is_some_and(|w| is_capitalized(w));
        let of_a_name = matches!(words.get(end), Some(&("of" | "at")))
            && (named(end + 1) || words.get(end + 1) == Some(&"the") && named(end + 2));
        if !of_a_name || matches!(words[i], "member" | "general" | "head") {
            return None;
        }
    }
    // "of State", "for European and Euro-Atlantic Integration", "of State for Health"
    // (two domains at most), "to the Treasury" (a domain word only).
    for _ in 0..2 {
        if !(end + 1 < n && matches!(words[end], "of" | "for" | "to")) {
            break;
        }
        let open = words[end] == "for";
        let strict = words[end] == "to";
        let mut k = end + 1;
        let mut last = None;
        if open && org_at(k) {
            break;
        }
        while k < n {
            let w = words[k];
            let domain = role(lex, w).is_some_and(|r| r.is_domain());
            let capital = open && is_capitalized(w) && !lex.given_names.contains(w);
            if domain || capital {
                last = Some(k + 1);
                k += 1;
            } else if (w == "and" || w == "-") && last.is_some()
                || w == "the" && (last.is_some() || strict && k == end + 1)
            {
                k += 1;
            } else {
                break;
            }
        }
        match last {
            Some(l) => end = l,
            None => break,
        }
    }
    Some((end, plural))
}

/// A run of name tokens starting at `j`: capitalized words, particles and hyphens
/// inside. At most `max` capitalized words.
pub fn name_run(lex: &Lexicon, words: &[&str], j: usize, max: usize) -> usize {
    let n = words.len();
    let mut k = j;
    let mut count = 0;
    while k < n && count < max {
        let w = words[k];
        if is_capitalized(w) && !not_name(w) && role(lex, w).is_none() && w.chars().count() > 1 {
            k += 1;
            count += 1;
            // Hyphenated surname: Kilroy-Silk.
            if k + 1 < n && words[k] == "-" && is_capitalized(words[k + 1]) {
                k += 2;
            }
        } else if count > 0 && PARTICLES.contains(&w) && {
            // One or more particles, then a capitalized word: "von der Leyen".
            let mut j = k;
            while j < n && PARTICLES.contains(&words[j]) {
                j += 1;
            }
            j < n && is_capitalized(words[j])
        } {
            while PARTICLES.contains(&words[k]) {
                k += 1;
            }
        } else if count > 0
            && PARTICLES.contains(&w)
            && k + 2 < n
            && words[k + 1] == "-"
            && is_capitalized(words[k + 2])
        {
            // "Abdel Fattah el-Sissi", "Bashar al-Assad": a particle joined by a hyphen.
            k += 3;
            count += 1;
        } else if let Some(after) = (count > 0).then(|| quoted_nickname(words, k)).flatten() {
            // Jean "J" O'Neil-Smith, Roberto "Hands of Stone" Duran: the nickname in
            // quotes belongs to the name when a name word follows it.
            k = after;
        } else {
            break;
        }
    }
    k
}

/// A nickname in quotes inside a name at `words[k]`: an opening quote, one to four
/// words that are capitalized (or "of", "the"), the closing quote, then a capitalized
/// word that is not a function word. Returns the index after the closing quote.
fn quoted_nickname(words: &[&str], k: usize) -> Option<usize> {
    let close = match *words.get(k)? {
        "\"" => "\"",
        "“" => "”",
        "‘" => "’",
        "'" => "'",
        _ => return None,
    };
    let end = (k + 2..words.len().min(k + 6)).find(|&j| words[j] == close)?;
    let inside = &words[k + 1..end];
    let name_like = |w: &&str| is_capitalized(w) || matches!(*w, "of" | "the");
    let next = words.get(end + 1)?;
    (inside.first().is_some_and(|w| is_capitalized(w))
        && inside.iter().all(name_like)
        && is_capitalized(next)
        && !not_name(next))
    .then_some(end + 1)
}

/// Find title phrases and rule-based people in one sentence (`words`, tokens from `base`).
pub fn titles_and_people(
    lex: &Lexicon,
    base: usize,
    words: &[&str],
    existing: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let n = words.len();
    let blocked = |i: usize| {
        covered(
            existing,
            base + i,
            &[
                EntityKind::Country,
                EntityKind::Organization,
                EntityKind::Location,
            ],
        )
    };
    let push_person = |s: usize, e: usize, form: MentionForm, out: &mut Vec<Candidate>| {
        out.push(Candidate {
            start: base + s,
            end: base + e,
            kind: EntityKind::Person,
            form,
            entity: None,
            source: MentionSource::Rule,
        });
    };
    let mut i = 0;
    while i < n {
        // Title phrase (and the name after a capitalized one). Scoped: after an
        // organization or a country, or after one and "former" ("Tory former leader").
        let scope_end = match i {
            0 => None,
            _ if words[i - 1].eq_ignore_ascii_case("former") => i.checked_sub(2),
            _ => Some(i - 1),
        };
        let scoped = scope_end.is_some_and(|k| {
            covered(
                existing,
                base + k,
                &[EntityKind::Organization, EntityKind::Country],
            )
        });
        let org_at = |k: usize| {
            existing
                .iter()
                .any(|c| c.start == base + k && c.kind == EntityKind::Organization)
        };
        let taken = |k: usize| {
            covered(
                existing,
                base + k,
                &[EntityKind::Organization, EntityKind::Country],
            )
        };
        if let Some((end, plural)) = title_phrase(lex, words, i, scoped, &org_at, &taken) {
            // Only the title words must be free; a place inside an "of"/"for" domain
            // ("Minister for Europe", "Euro-Atlantic") belongs to the title.
            if !blocked(i) {
                if !plural {
                    out.push(Candidate {
                        start: base + i,
                        end: base + end,
                        kind: EntityKind::Position,
                        form: MentionForm::Name,
                        entity: None,
                        source: MentionSource::Rule,
                    });
                }
                let head_capitalized = words[i..end]
                    .iter()
                    .any(|w| is_capitalized(w) && role(lex, w).is_some());
                // "Shadow Europe minister Mr Brady": the honorific's own rule takes the
                // name, without the honorific.
                if head_capitalized
                    && !plural
                    && end < n
                    && !blocked(end)
                    && !TITLE_ABBREVIATIONS.contains(&words[end])
                {
                    let e = name_run(lex, words, end, 4);
                    // "the General Election", "General Workers' Union": a capitalized
                    // common word is no one's name.
                    if e > end && !(e - end == 1 && lex.not_names.contains(words[end])) {
                        let form = if e - end == 1 {
                            MentionForm::TitleName
                        } else {
                            MentionForm::Name
                        };
                        push_person(end, e, form, out);
                    }
                }
                i = end;
                continue;
            }
        }
        let w = words[i];
        // Mr. Ryabkov, Gen. Mark Milley.
        if TITLE_ABBREVIATIONS.contains(&w) && i + 1 < n && !blocked(i + 1) {
            let e = name_run(lex, words, i + 1, 4);
            if e > i + 1 && !(e - i - 1 == 1 && lex.not_names.contains(words[i + 1])) {
                let form = if e - i - 1 == 1 {
                    MentionForm::TitleName
                } else {
                    MentionForm::Name
                };
                push_person(i + 1, e, form, out);
                i = e;
                continue;
            }
        }
        // Given name + surname: Olga Stefanishyna.
        if lex.given_names.contains(w) && !blocked(i) && i + 1 < n && !blocked(i + 1) {
            let e = name_run(lex, words, i, 4);
            if e >= i + 2 {
                push_person(i, e, MentionForm::Name, out);
                i = e;
                continue;
            }
        }
        // Speaker before a verb of saying: "Tomas Reiner said", "Price told".
        if is_capitalized(w) && !not_name(w) && !blocked(i) {
            let e = name_run(lex, words, i, 3);
            let org = e > i && ORG_HEADS.contains(&words[e - 1]);
            if e > i
                && e < n
                && words::is_speech_verb(words[e])
                && !(i..e).any(blocked)
                && org
                && e - i >= 2
            {
                out.push(Candidate {
                    start: base + i,
                    end: base + e,
                    kind: EntityKind::Organization,
                    form: MentionForm::Name,
                    entity: None,
                    source: MentionSource::Rule,
                });
                i = e;
                continue;
            }
            if e > i && e < n && words::is_speech_verb(words[e]) && !(i..e).any(blocked) && !org {
                let single = e - i == 1;
                if !single || i > 0 {
                    let form = if single {
                        MentionForm::Surname
                    } else {
                        MentionForm::Name
                    };
                    push_person(i, e, form, out);
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Add later bare surnames of people found with a full name ("Sherman" after
/// "Wendy Sherman"); resolution decides who each one is.
pub fn surnames(doc: &Doc, chosen: &mut Vec<Candidate>) {
    // A surname is the tokens after the last space of a full name: "Sherman", "Kilroy - Silk"
    // ("Marcos" of "Ferdinand Marcos Jr.").
    let mut names: Vec<Vec<String>> = chosen
        .iter()
        .filter(|c| c.kind == EntityKind::Person && c.end - c.start >= 2)
        .filter_map(|c| {
            // The last space-separated word of tokens before `end`.
            let word_start = |end: usize| {
                let mut k = end - 1;
                while k > c.start && doc.tokens[k - 1].span.end == doc.tokens[k].span.start {
                    k -= 1;
                }
                k
            };
            let mut end = c.end;
            let mut k = word_start(end);
            let word: String = (k..end).map(|i| doc.token_text(i)).collect();
            if k > c.start
                && matches!(
                    word.as_str(),
                    "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV"
                )
            {
                end = k;
                k = word_start(end);
            }
            (k > c.start).then(|| {
                (k..end)
                    .map(|i| doc.token_text(i).to_string())
                    .collect::<Vec<_>>()
            })
        })
        .filter(|s| is_capitalized(&s[0]) && s.concat().chars().count() > 1)
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return;
    }
    let mut by_first: crate::hash::FastMap<&str, Vec<&Vec<String>>> = Default::default();
    for n in &names {
        by_first.entry(n[0].as_str()).or_default().push(n);
    }
    let mut extra = Vec::new();
    // Tokens already inside a mention: a bitmap, so long articles stay linear.
    let mut taken = vec![false; doc.tokens.len()];
    for c in chosen.iter() {
        taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
    }
    chosen.sort_by_key(|c| c.start);
    let mut replaced: Vec<usize> = Vec::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        let Some(cands) = by_first.get(doc.slice(t.span)) else {
            continue;
        };
        let Some(name) = cands.iter().find(|n| {
            n.iter().enumerate().all(|(k, w)| {
                doc.tokens
                    .get(i + k)
                    .is_some_and(|t2| doc.slice(t2.span) == w && t2.sentence == t.sentence)
            })
        }) else {
            continue;
        };
        let end = i + name.len();
        if end > taken.len() || doc.in_boilerplate(t.span) {
            continue;
        }
        // A lone title word that is the surname ("Billie Jean King ... King said"), not
        // followed by a name, is the person: `title` is its candidate's index.
        let mut title = None;
        if taken[i..end].iter().any(|t| *t) {
            let k = chosen.partition_point(|c| c.start < i);
            let lone_title = end == i + 1
                && chosen
                    .get(k)
                    .is_some_and(|c| (c.start, c.end, c.kind) == (i, end, EntityKind::Position))
                && !chosen
                    .get(k + 1)
                    .is_some_and(|n| n.start == end && n.kind == EntityKind::Person);
            if !lone_title {
                continue;
            }
            title = Some(k);
        }
        // Not part of a longer capitalized run (a different name).
        let prev_cap = i > 0 && doc.tokens[i - 1].sentence == t.sentence && {
            let p = doc.token_text(i - 1);
            is_capitalized(p) && !not_name(p) && !TITLE_ABBREVIATIONS.contains(&p)
        };
        let next_cap = doc
            .tokens
            .get(end)
            .is_some_and(|nx| nx.sentence == t.sentence && is_capitalized(doc.slice(nx.span)));
        if next_cap || (prev_cap && i > doc.sentences[t.sentence].tokens.start) {
            continue;
        }
        replaced.extend(title);
        taken[i..end].iter_mut().for_each(|t| *t = true);
        extra.push(Candidate {
            start: i,
            end,
            kind: EntityKind::Person,
            form: MentionForm::Surname,
            entity: None,
            source: MentionSource::Rule,
        });
    }
    if !replaced.is_empty() {
        let mut k = 0;
        chosen.retain(|_| {
            k += 1;
            !replaced.contains(&(k - 1))
        });
    }
    chosen.extend(extra);
    chosen.sort_by_key(|c| c.start);
}

/// Common nouns that say the name after them is an organization's: "the law firm Tods
/// Murray", "the think-tank Demos" (names the tagger reads as people).
const ORG_DESCRIPTORS: &[&str] = &[
    "airline",
    "bank",
    "broadcaster",
    "carmaker",
    "charity",
    "company",
    "consultancy",
    "firm",
    "insurer",
    "retailer",
    "think-tank",
    "watchdog",
];

/// Offices only a company (or another body) has, after a possessive: "Turkcell's chief
/// operating officer", "Wanadoo's chairman". A person has a spokesman, an adviser or a
/// lawyer, never a chief executive.
const CORPORATE_OFFICES: &[&[&str]] = &[
    &["chief", "executive"],
    &["chief", "operating", "officer"],
    &["chief", "financial", "officer"],
    &["chief", "technology", "officer"],
    &["chief", "economist"],
    &["chairman"],
    &["chairwoman"],
    &["managing", "director"],
    &["finance", "director"],
    &["board"],
    &["shareholders"],
];

/// A person the tables do not list, named right after an organization descriptor, is an
/// organization ("the law firm Tods Murray"), and so is every other person mention of a
/// name the document gives such a descriptor (also when the tagger got that one right).
/// So is one that holds a company's office ("Turkcell's chief operating officer",
/// "a director of Group Menatep": `CORPORATE_OFFICES`), when the tagger or a rule read it
/// as a full name (a surname is a person's: "chief executive of Lee's company").
pub fn named_by_descriptor(doc: &Doc, lex: &Lexicon, chosen: &mut [Candidate]) {
    let text = |c: &Candidate| {
        doc.slice(crate::doc::Span::new(
            doc.tokens[c.start].span.start,
            doc.tokens[c.end - 1].span.end,
        ))
    };
    let retypable = |c: &Candidate| {
        c.kind == EntityKind::Person
            && c.source != MentionSource::Gazetteer
            && c.entity.is_none()
            && matches!(c.form, MentionForm::Name | MentionForm::Surname)
    };
    let mut names: Vec<&str> = Vec::new();
    for c in chosen
        .iter()
        .filter(|c| retypable(c) || c.kind == EntityKind::Organization)
    {
        let Some(before) = c.start.checked_sub(1) else {
            continue;
        };
        if doc.tokens[before].sentence != doc.tokens[c.start].sentence {
            continue;
        }
        let w = doc.token_text(before);
        // "think-tank" may be one token or three.
        let descriptor = ORG_DESCRIPTORS.contains(&w)
            || (w == "tank" && before >= 2 && doc.token_text(before - 2) == "think");
        // "Turkcell's chief operating officer": one word, no given name.
        let word = |k: usize| {
            doc.tokens
                .get(k)
                .filter(|t| t.sentence == doc.tokens[c.start].sentence)
                .map(|t| doc.slice(t.span))
        };
        let office = retypable(c)
            && c.form == MentionForm::Name
            && c.end == c.start + 1
            && matches!(word(c.end), Some("'s" | "’s"))
            && CORPORATE_OFFICES.iter().any(|o| {
                o.iter()
                    .enumerate()
                    .all(|(k, w)| word(c.end + 1 + k).is_some_and(|x| x.eq_ignore_ascii_case(w)))
            });
        // "a director of Group Menatep": a company's office, "of", the name (not one
        // starting with a given name: "the chairman of John Lewis" is the shop's, but
        // the tables must say so).
        let of_office = retypable(c)
            && c.form == MentionForm::Name
            && !lex.given_names.contains(doc.token_text(c.start))
            && !matches!(word(c.end), Some("'s" | "’s"))
            && w == "of"
            && CORPORATE_OFFICES
                .iter()
                .copied()
                .chain([&["director"][..]])
                .any(|o| {
                    o.len() < before
                        && o.iter().enumerate().all(|(k, x)| {
                            let t = before - o.len() + k;
                            doc.tokens[t].sentence == doc.tokens[c.start].sentence
                                && doc.token_text(t).eq_ignore_ascii_case(x)
                        })
                });
        if descriptor || office || of_office {
            names.push(text(c));
        }
    }
    if names.is_empty() {
        return;
    }
    for c in chosen.iter_mut() {
        if retypable(c) && names.contains(&text(c)) {
            c.kind = EntityKind::Organization;
            c.form = MentionForm::Name;
        }
    }
}

/// Third-person singular pronouns, as person mentions for relations.
pub fn pronouns(doc: &Doc, chosen: &mut Vec<Candidate>) {
    // Mentions never overlap: a pronoun inside a name already chosen ("Joe He", a tagger
    // span) is part of that name. `chosen` is sorted by start and non-overlapping.
    let covered = |i: usize| {
        let k = chosen.partition_point(|c| c.start <= i);
        k > 0 && i < chosen[k - 1].end
    };
    let mut found = Vec::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = doc.slice(t.span);
        if matches!(w, "he" | "He" | "she" | "She") && !doc.in_boilerplate(t.span) && !covered(i) {
            found.push(Candidate {
                start: i,
                end: i + 1,
                kind: EntityKind::Person,
                form: MentionForm::Pronoun,
                entity: None,
                source: MentionSource::Rule,
            });
        }
    }
    chosen.extend(found);
    chosen.sort_by_key(|c| c.start);
}

/// Words after which a title is a predicate ("resigned as home secretary", "when he was
/// cabinet secretary"), with an article between or not ([`after_predicate_word`]).
pub const PREDICATE_WORDS: &[&str] = &[
    "as", "is", "was", "be", "been", "being", "became", "become", "becomes", "remain", "remains",
    "remained",
];

/// Whether token `k` follows a [`PREDICATE_WORDS`] word of its sentence, with "a", "an"
/// or "the" between or not: a title there is a predicate ("became an MP").
pub fn after_predicate_word(doc: &Doc, k: usize) -> bool {
    let Some(sentence) = doc.tokens.get(k).map(|t| t.sentence) else {
        return false;
    };
    let word = |i: usize| Some(doc.token_text(i)).filter(|_| doc.tokens[i].sentence == sentence);
    let mut before = k.checked_sub(1);
    if before
        .and_then(word)
        .is_some_and(|w| matches!(w, "a" | "an" | "the"))
    {
        before = before.and_then(|b| b.checked_sub(1));
    }
    before
        .and_then(word)
        .is_some_and(|w| PREDICATE_WORDS.contains(&w))
}

/// Keep a position mention only where it is attached to a person or states its scope:
/// before a name ("Deputy Foreign Minister Sergei Ryabkov"), in apposition after one
/// ("Sherman, the U.S. deputy secretary of state"), after a country or organization
/// ("NATO Secretary-General", "Ukraine's deputy prime minister") or before one
/// ("President of Russia"); or as a predicate, whose subject relate finds in the parse
/// ("Clare Short resigned as international development secretary"). "The deputy
/// secretary said" names no one and is dropped.
pub fn attached_titles_only(doc: &Doc, chosen: &mut Vec<Candidate>) {
    chosen.sort_by_key(|c| c.start);
    let snapshot = chosen.clone();
    // Mentions do not overlap, so both starts and ends are sorted: binary search.
    let at = |i: usize| {
        snapshot
            .binary_search_by_key(&i, |c| c.start)
            .ok()
            .map(|k| &snapshot[k])
    };
    let ending_at = |i: usize| {
        snapshot
            .binary_search_by_key(&i, |c| c.end)
            .ok()
            .map(|k| &snapshot[k])
    };
    let word = |i: usize| doc.tokens.get(i).map(|t| doc.slice(t.span)).unwrap_or("");
    let same_sentence = |a: usize, b: usize| {
        a < doc.tokens.len()
            && b < doc.tokens.len()
            && doc.tokens[a].sentence == doc.tokens[b].sentence
    };
    let is_scope = |c: &Candidate| matches!(c.kind, EntityKind::Country | EntityKind::Organization);
    chosen.retain(|c| {
        if c.kind != EntityKind::Position {
            return true;
        }
        // Before a name, perhaps after an honorific ("Deputy Prime Minister Mr Prescott").
        let name_at = |i: usize| {
            at(i).is_some_and(|n| n.kind == EntityKind::Person && n.form != MentionForm::Pronoun)
        };
        if name_at(c.end)
            || TITLE_ABBREVIATIONS.contains(&word(c.end))
                && same_sentence(c.start, c.end + 1)
                && name_at(c.end + 1)
        {
            return true;
        }
        // Before a name set off by commas that closes its clause ("The chancellor, Gordon
        // Brown, said"; not "the chairman, Jo Smith and ...", a list).
        if word(c.end) == "," && same_sentence(c.start, c.end + 1) {
            if let Some(p) = at(c.end + 1) {
                let closed = p.end >= doc.tokens.len()
                    || !same_sentence(c.start, p.end)
                    || matches!(word(p.end), "," | "." | ";" | ":" | ")");
                if p.kind == EntityKind::Person && p.form != MentionForm::Pronoun && closed {
                    return true;
                }
            }
        }
        // "of"/"for" + scope.
        if matches!(word(c.end), "of" | "for") {
            let mut k = c.end + 1;
            if word(k) == "the" {
                k += 1;
            }
            if same_sentence(c.start, k) && at(k).is_some_and(is_scope) {
                return true;
            }
        }
        // Walk left over "the", "'s" and a scope mention; then a comma and a person.
        let mut k = c.start;
        let mut saw_scope = false;
        loop {
            if k == 0 || !same_sentence(k - 1, c.start) {
                break;
            }
            let w = word(k - 1);
            if matches!(w, "the" | "a" | "'s" | "’s" | "The") {
                k -= 1;
                continue;
            }
            if let Some(s) = ending_at(k).filter(|s| is_scope(s)) {
                saw_scope = true;
                k = s.start;
                continue;
            }
            break;
        }
        if saw_scope {
            return true;
        }
        if after_predicate_word(doc, k) {
            return true;
        }
        k >= 2
            && word(k - 1) == ","
            && same_sentence(k - 2, c.start)
            && ending_at(k - 1)
                .is_some_and(|p| p.kind == EntityKind::Person && p.form != MentionForm::Pronoun)
    });
}

/// Trim a tagger span: no leading article (but a capital "The" inside a sentence
/// belongs to the name: "at The Oval"), no leading "ex-" ("ex-Downing Street"), no
/// trailing possessive or punctuation.
pub fn trim_name(doc: &Doc, mut start: usize, mut end: usize) -> (usize, usize) {
    let sentence_start = doc.sentences[doc.tokens[start].sentence].tokens.start;
    while start < end && matches!(doc.token_text(start), "the" | "The" | "a" | "A") {
        if doc.token_text(start) == "The" && start > sentence_start && end - start > 1 {
            break;
        }
        start += 1;
    }
    // "ex-Downing Street spin doctor": the prefix means former, it is not part of a name.
    if end - start > 2
        && doc.token_text(start).eq_ignore_ascii_case("ex")
        && doc.token_text(start + 1) == "-"
    {
        start += 2;
    }
    while end > start && !doc.token_text(end - 1).chars().any(|c| c.is_alphanumeric()) {
        end -= 1;
    }
    while end > start && matches!(doc.token_text(end - 1), "'s" | "’s") {
        end -= 1;
    }
    (start, end)
}

/// Reject tagger spans that cannot be names: no capital letter, a lone title word,
/// a weekday or month, a pronoun, a name ending on a function word; and lone words in
/// the place of an adjective (see below). `score` is the tagger's confidence.
pub fn plausible_name(
    doc: &Doc,
    lex: &Lexicon,
    start: usize,
    end: usize,
    kind: EntityKind,
    score: f32,
) -> bool {
    let words: Vec<&str> = (start..end).map(|i| doc.token_text(i)).collect();
    if !words.iter().any(|w| is_capitalized(w)) {
        return false;
    }
    // A capitalized common word or phrase ("Muslim", "DVD", "Human Rights").
    let text = doc.slice(crate::doc::Span::new(
        doc.tokens[start].span.start,
        doc.tokens[end - 1].span.end,
    ));
    if lex.not_names.contains(text) {
        return false;
    }
    if words.len() == 1 && (not_name(words[0]) || words[0].chars().count() < 2) {
        return false;
    }
    // A name does not end on a function word ("Group of" of "Group of 20").
    if words.last().is_some_and(|w| {
        matches!(
            *w,
            "of" | "and" | "the" | "for" | "in" | "on" | "at" | "to" | "with" | "by"
        )
    }) {
        return false;
    }
    if kind == EntityKind::Person && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    let same_sentence = |i: usize| {
        doc.tokens
            .get(i)
            .is_some_and(|t| t.sentence == doc.tokens[start].sentence)
    };
    let before = if start > 0 && same_sentence(start - 1) {
        doc.token_text(start - 1)
    } else {
        ""
    };
    let after = if same_sentence(end) {
        doc.token_text(end)
    } else {
        ""
    };
    // A law is no entity of the graph: "the Licensing Act", and the head of a longer title
    // the tagger cut short ("Prevention" of "Prevention of Terrorism Bill").
    // ("Bill" before a name is a given name: "Blair and Bill Clinton".)
    let is_law = |k: usize| {
        matches!(doc.token_text(k), "Act" | "Bill")
            && !(same_sentence(k + 1) && is_capitalized(doc.token_text(k + 1)))
    };
    if is_law(end - 1) {
        return false;
    }
    let mut k = end;
    while k < end + 6 && same_sentence(k) {
        let w = doc.token_text(k);
        if is_law(k) {
            return false;
        }
        if !(is_capitalized(w) || matches!(w, "of" | "and" | "the" | "on")) {
            break;
        }
        k += 1;
    }
    // A quoted name is a title of a work or a programme ("“Strategic Security Dialogue”").
    if matches!(before, "“" | "\"" | "‘") && matches!(after, "”" | "\"" | "’") {
        return false;
    }
    // A lone word the tagger calls an organization or place is doubtful when it
    // modifies a noun ("Soviet states", "ID cards", "Cabinet minister"): then only a
    // confident span (>= 0.8: "Leicestershire beat", "Stansted airport"), or one before
    // a team or office word ("Surrey captain", "Yukos chief executive"), stands; a
    // two-letter acronym never does ("PC games"). A lone person after "the" ("the
    // Bill") or "former" is no name either.
    if words.len() == 1 {
        if before == "former" || (kind == EntityKind::Person && matches!(before, "the" | "The")) {
            return false;
        }
        let modifies =
            after.chars().next().is_some_and(|c| c.is_lowercase()) && !is_function_or_verb(after);
        let short_acronym =
            words[0].chars().count() <= 2 && words[0].chars().all(char::is_uppercase);
        let team_or_office = super::merge::is_sport_word(after) || office_word(lex, after);
        if kind != EntityKind::Person
            && modifies
            && (short_acronym || (score < MODIFIER_MIN && !team_or_office))
        {
            return false;
        }
    }
    true
}

/// Least confidence of a lone organization or place before a noun (see [`plausible_name`]).
const MODIFIER_MIN: f32 = 0.8;

/// A title word an organization's officer has ("chief", "spokesman", "chairman"), not
/// a government's "minister" ("Cabinet minister").
fn office_word(lex: &Lexicon, w: &str) -> bool {
    w != "minister"
        && lex
            .titles
            .get(w)
            .is_some_and(|r| r.is_head() || r.is_modifier())
}

/// Words that may follow a name without making it an adjective: verbs and function words.
fn is_function_or_verb(w: &str) -> bool {
    words::is_speech_verb(w)
        || words::is_auxiliary(w)
        || matches!(
            w,
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "from"
                | "by"
                | "as"
                | "which"
                | "who"
                | "that"
                | "the"
                | "a"
                | "an"
                | "after"
                | "before"
                | "since"
                | "until"
                | "if"
                | "when"
                | "where"
                | "while"
                | "also"
                | "does"
                | "did"
                | "do"
                | "not"
                | "than"
                | "into"
                | "over"
                | "under"
                | "against"
        )
        || w.ends_with("ed")
        || (w.ends_with("es") && w.len() > 4 && !w.ends_with("ies"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_runs_take_particles_and_hyphenated_particles() {
        let lex = Lexicon::builtin();
        let run = |s: &str| {
            let words: Vec<&str> = s.split(' ').collect();
            words[..name_run(lex, &words, 0, 4)].join(" ")
        };
        assert_eq!(run("Ursula von der Leyen said"), "Ursula von der Leyen");
        assert_eq!(
            run("Abdel Fattah el - Sissi met"),
            "Abdel Fattah el - Sissi"
        );
        assert_eq!(run("Robert Kilroy - Silk , the"), "Robert Kilroy - Silk");
        assert_eq!(run("Sherman said"), "Sherman");
        assert_eq!(
            run("Jean \" J \" O'Neil - Smith met"),
            "Jean \" J \" O'Neil - Smith"
        );
        assert_eq!(
            run("Roberto “ Hands of Stone ” Duran said"),
            "Roberto “ Hands of Stone ” Duran"
        );
        // A quoted word after a name is no nickname unless the name goes on.
        assert_eq!(run("Blair \" Iraq \" was"), "Blair");
        assert_eq!(run("The talks"), "");
    }

    #[test]
    fn titles_end_on_a_head_and_take_their_domain() {
        let lex = Lexicon::builtin();
        let title = |s: &str| {
            let words: Vec<&str> = s.split(' ').collect();
            title_at(lex, &words, 0).map(|(e, _)| words[..e].join(" "))
        };
        assert_eq!(
            title("Deputy Foreign Minister Sergei"),
            Some("Deputy Foreign Minister".into())
        );
        assert_eq!(
            title("deputy secretary of state ,"),
            Some("deputy secretary of state".into())
        );
        assert_eq!(
            title("deputy prime minister for European and Euro - Atlantic Integration ."),
            Some("deputy prime minister for European and Euro - Atlantic Integration".into())
        );
        assert_eq!(
            title("Secretary of State Antony Blinken"),
            Some("Secretary of State".into())
        );
        assert_eq!(title("head of Ukraine"), None);
        assert_eq!(
            title("Vice - Prime Minister Oleg"),
            Some("Vice - Prime Minister".into())
        );
        assert_eq!(title("co - chairman Liam"), Some("co - chairman".into()));
        assert_eq!(title("Sacked MP Howard"), None);
        // A sentence's capital on its first word does not set the case of the run.
        assert_eq!(
            title("Shadow education secretary Tim"),
            Some("Shadow education secretary".into())
        );
        assert_eq!(
            title("Deputy health minister Rhona"),
            Some("Deputy health minister".into())
        );
        assert_eq!(
            title("Economy and Labour Minister Wolfgang"),
            Some("Economy and Labour Minister".into())
        );
        // Two domains, and "to" before a domain word.
        assert_eq!(
            title("Secretary of State for Health John Reid"),
            Some("Secretary of State for Health".into())
        );
        assert_eq!(
            title("Chief Secretary to the Treasury Des Browne"),
            Some("Chief Secretary to the Treasury".into())
        );
        assert_eq!(
            title("spokesman to the press"),
            Some("spokesman".into()),
            "no domain word after \"to\""
        );
        // Coordinated portfolios, and a capitalized portfolio before a lowercase head.
        assert_eq!(
            title("Trade and Industry Secretary Patricia"),
            Some("Trade and Industry Secretary".into())
        );
        assert_eq!(
            title("work and pensions spokesman David"),
            Some("work and pensions spokesman".into())
        );
        assert_eq!(
            title("Cabinet minister Clare"),
            Some("Cabinet minister".into())
        );
        // A capitalized rank: "Conservative Shadow chancellor Oliver Letwin".
        assert_eq!(
            title("Shadow chancellor Oliver"),
            Some("Shadow chancellor".into())
        );
        assert_eq!(title("Trade and the minister"), None);
        // A religious honorific begins the holder's name, as "Lord" does.
        assert_eq!(
            title("Supreme Leader Ayatollah Ali Khamenei"),
            Some("Supreme Leader".into())
        );
    }

    #[test]
    fn a_portfolio_is_not_the_end_of_a_longer_name() {
        let lex = Lexicon::builtin();
        let title = |s: &str, i: usize| {
            let words: Vec<&str> = s.split(' ').collect();
            title_phrase(lex, &words, i, false, &|_| false, &|_| false)
                .map(|(e, _)| words[i..e].join(" "))
        };
        assert_eq!(
            title("the Salvation Army spokesman Jo", 2),
            None,
            "\"Army spokesman\" after a capitalized word"
        );
        assert_eq!(
            title("Institute of Technology professor Jo", 2),
            None,
            "\"Technology professor\" after \"of\""
        );
        assert_eq!(
            title("Former Cabinet minister Jo", 1),
            Some("Cabinet minister".into())
        );
    }
}
