//! Coreference inside one article (DESIGN.md, "Relations"): pronouns and short nominals
//! stand for the nearest earlier compatible entity, or for none.
//!
//! - he/him/his/she/her: a person; gender is respected where the article states it (Mr,
//!   Mrs, Lord, Lady, ... before a name; spokesman/spokeswoman);
//! - it/its: an organization or a country; they/them/their: an organization, a country,
//!   or people named together ("Blair and Brown ... they");
//! - "the company", "the firm", "the bank", ...: an organization; "the party": a party;
//!   "the country": a country; "the minister", "the chancellor", "the president", ...: the
//!   person the article (or the tables) gives that title; "the two countries", "both
//!   nations": the two countries named last; "both sides", "the two governments": the
//!   two countries or organizations named last; "the government": the country the article
//!   names most (as positions take it, `resolve::article_country`), its antecedent that
//!   country's nearest mention before it (else the first after), or none.
//!
//! Candidates are the named mentions before the pronoun, in the same sentence (nearest
//! first; never the subject of the verb the pronoun is the object of) and up to three
//! sentences back (the subject of a sentence first, a subject pronoun standing for its own
//! antecedent, then left to right). A title nominal with no holder there stands for the
//! one person earlier in the article who holds that title, if there is exactly one. A
//! pronoun with no compatible candidate stays unresolved. Each link becomes a mention of
//! form `pronoun` or `nominal` appended to `Doc::mentions`, with its antecedent in
//! `Doc::antecedents`, so a reader can check it.

use crate::doc::{Doc, EntityKind, Mention, MentionForm, MentionSource, Span};
use crate::lexicon::Lexicon;
use crate::syntax::DepRel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Male,
    Female,
    /// it/its, "the company": an organization or a country.
    Thing,
    /// they/them/their: an organization, a country or several people.
    Group,
    Org(&'static [&'static str]),
    Country,
    /// "both sides", "the two governments": two countries or organizations.
    Two,
    /// "the two countries", "both nations": two countries.
    TwoCountries,
    /// "the two men", "both leaders", "the two foreign ministers": two people (holding a
    /// title with this head word, when the words name one).
    TwoPeople,
    /// "the minister": a person holding a title with this head word.
    Title,
    /// "the government": the country the article is about.
    Government,
}

impl Want {
    /// How many entities the words stand for ("the two countries": 2).
    fn entities(self) -> usize {
        if matches!(self, Want::Two | Want::TwoCountries | Want::TwoPeople) {
            2
        } else {
            1
        }
    }
}

/// Nominal heads and what they stand for.
const NOMINALS: &[(&str, Want)] = &[
    ("company", Want::Org(&["company"])),
    ("firm", Want::Org(&["company"])),
    ("group", Want::Org(&["company", "armed-group", "ngo", ""])),
    ("bank", Want::Org(&["company", "igo", ""])),
    ("airline", Want::Org(&["company"])),
    ("carrier", Want::Org(&["company"])),
    ("retailer", Want::Org(&["company"])),
    ("giant", Want::Org(&["company"])),
    ("operator", Want::Org(&["company"])),
    ("broadcaster", Want::Org(&["media", "company"])),
    ("newspaper", Want::Org(&["media"])),
    ("party", Want::Org(&["party"])),
    ("union", Want::Org(&["ngo", "igo", ""])),
    ("organisation", Want::Org(&["igo", "ngo", ""])),
    ("organization", Want::Org(&["igo", "ngo", ""])),
    ("alliance", Want::Org(&["igo"])),
    ("bloc", Want::Org(&["igo"])),
    ("country", Want::Country),
    ("nation", Want::Country),
    ("kingdom", Want::Country),
    ("republic", Want::Country),
];

/// Title heads a nominal may use ("the minister", "the chancellor").
const TITLE_HEADS: &[&str] = &[
    "minister",
    "chancellor",
    "president",
    "secretary",
    "premier",
    "leader",
    "chairman",
    "chairwoman",
    "governor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "commissioner",
    "mayor",
    "king",
    "queen",
    "pope",
    "general",
    "director",
    "chief",
    "executive",
];

const MALE_TITLES: &[&str] = &[
    "mr",
    "mr.",
    "lord",
    "sir",
    "king",
    "prince",
    "sheikh",
    "spokesman",
    "chairman",
    "father",
];
const FEMALE_TITLES: &[&str] = &[
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "lady",
    "dame",
    "baroness",
    "queen",
    "princess",
    "spokeswoman",
    "chairwoman",
];

/// How many entities token `i` may stand for as the start of a pronoun or short nominal
/// that coreference links (0 when none) ("he", "their", "the company", "the prime minister", "the two countries"): the
/// parse stage counts these with the mentions when it picks the sentences worth parsing.
pub fn may_corefer(doc: &Doc, i: usize) -> usize {
    // Called for every token of the sentences the parse stage weighs: no allocation for
    // a word already in lowercase (crate::words::lower).
    let w = |k: usize| {
        doc.tokens
            .get(k)
            .map(|_| crate::words::lower(doc.token_text(k)))
            .unwrap_or_default()
    };
    let first = w(i);
    if pronoun(&first).is_some() {
        return 1;
    }
    if first != "the" && first != "both" {
        return 0;
    }
    if first == "both" || w(i + 1) == "two" {
        // "the two countries", "both sides": two entities at once.
        return 2;
    }
    let nominal = (i + 1..i + 4).any(|k| {
        let x = w(k);
        TITLE_HEADS.contains(&x.as_ref()) || NOMINALS.iter().any(|(n, _)| *n == x.as_ref())
    });
    usize::from(nominal)
}

fn pronoun(w: &str) -> Option<Want> {
    Some(match w {
        "he" | "him" | "his" | "himself" => Want::Male,
        "she" | "her" | "hers" | "herself" => Want::Female,
        "it" | "its" | "itself" => Want::Thing,
        "they" | "them" | "their" | "themselves" => Want::Group,
        _ => return None,
    })
}

/// Per person entity: what the article says of its gender.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Unknown,
    Male,
    Female,
}

struct People<'a> {
    doc: &'a Doc,
    lex: &'a Lexicon,
}

impl People<'_> {
    fn gender(&self, entity: &str) -> Gender {
        let doc = self.doc;
        for m in &doc.mentions {
            if m.entity.as_deref() != Some(entity) || m.form == MentionForm::Pronoun {
                continue;
            }
            for k in [m.tokens.start.wrapping_sub(1), m.tokens.start] {
                if k >= doc.tokens.len() || doc.tokens[k].sentence != m.sentence {
                    continue;
                }
                let w = crate::words::lower(doc.token_text(k));
                if MALE_TITLES.contains(&w.as_ref()) {
                    return Gender::Male;
                }
                if FEMALE_TITLES.contains(&w.as_ref()) {
                    return Gender::Female;
                }
            }
        }
        // The title the article attaches to them ("spokeswoman").
        for a in &doc.attachments {
            if a.holder.and_then(|h| doc.mentions[h].entity.as_deref()) == Some(entity) {
                let t = doc.slice(doc.mentions[a.position].span).to_lowercase();
                if MALE_TITLES.iter().any(|m| t.contains(m)) {
                    return Gender::Male;
                }
                if FEMALE_TITLES.iter().any(|f| t.contains(f)) {
                    return Gender::Female;
                }
            }
        }
        // The given name: the first word of a full name the article writes, else of the
        // table's name (data/lexicon/given_name_genders.tsv; names of both are absent).
        let full_name = doc
            .mentions
            .iter()
            .find(|m| {
                m.entity.as_deref() == Some(entity)
                    && matches!(m.form, MentionForm::Name | MentionForm::Alias)
                    && m.tokens.len() > 1
            })
            .map(|m| doc.slice(m.span))
            .or_else(|| {
                let id = entity.strip_prefix("person:")?;
                self.lex.people.get(id).map(|p| p.name.as_str())
            });
        let given = full_name.and_then(|n| n.split_whitespace().next());
        match given.and_then(|g| self.lex.given_name_genders.get(g)) {
            Some(crate::lexicon::NameGender::Male) => Gender::Male,
            Some(crate::lexicon::NameGender::Female) => Gender::Female,
            None => Gender::Unknown,
        }
    }

    /// The titles of a person: those the article attaches, else the tables'.
    fn has_title(&self, entity: &str, head: &str) -> bool {
        let doc = self.doc;
        let fits = |slug: &str| {
            // "the chancellor" is the chancellor, not the shadow chancellor or a deputy.
            let words: Vec<&str> = slug.split('-').collect();
            words.first().is_some_and(|w| *w == head)
                || (words.last().is_some_and(|w| *w == head)
                    && !words.iter().any(|w| {
                        matches!(
                            *w,
                            "shadow" | "deputy" | "vice" | "former" | "assistant" | "junior"
                        )
                    }))
        };
        for a in &doc.attachments {
            if a.holder.and_then(|h| doc.mentions[h].entity.as_deref()) == Some(entity) {
                if let Some(id) = doc.mentions[a.position].entity.as_deref() {
                    let slug = id
                        .trim_start_matches("position:")
                        .split('@')
                        .next()
                        .unwrap_or("");
                    if fits(slug) {
                        return true;
                    }
                }
            }
        }
        self.lex
            .people
            .get(entity.trim_start_matches("person:"))
            .is_some_and(|p| {
                p.positions
                    .iter()
                    .any(|pos| fits(pos.split('@').next().unwrap_or("")))
            })
    }
}

/// Finds pronouns and nominals, links them and appends their mentions.
pub(super) fn resolve(doc: &mut Doc, lex: &Lexicon) {
    if doc.sentences.iter().all(|s| !s.parsed) {
        return;
    }
    let mut covered = vec![u32::MAX; doc.tokens.len()];
    for (i, m) in doc.mentions.iter().enumerate() {
        for k in m.tokens.clone() {
            covered[k] = i as u32;
        }
    }
    // (mention, antecedent, the earlier stage's pronoun mention it replaces)
    let mut new: Vec<(Mention, usize, Option<usize>)> = Vec::new();
    let people = People { doc, lex };
    // The article's country, counted at the first "the government" (see below).
    let mut home: Option<Option<String>> = None;
    let mut genders: Vec<(String, Gender)> = Vec::new();
    let mut gender_of = |id: &str| -> Gender {
        if let Some((_, g)) = genders.iter().find(|(e, _)| e == id) {
            return *g;
        }
        let g = people.gender(id);
        genders.push((id.to_string(), g));
        g
    };
    for (si, s) in doc.sentences.iter().enumerate() {
        if !s.parsed || doc.in_boilerplate(s.span) {
            continue;
        }
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let existing = (covered[i] != u32::MAX).then_some(covered[i] as usize);
            if existing.is_some_and(|m| doc.mentions[m].form != MentionForm::Pronoun) {
                i += 1;
                continue;
            }
            let w = crate::words::lower(doc.token_text(i));
            let (want, end, form) = if let Some(p) = pronoun(&w) {
                // "it" as a dummy subject ("it is expected that") stands for nothing.
                if doc.tokens[i].deprel == DepRel::Expl {
                    i += 1;
                    continue;
                }
                (p, i + 1, MentionForm::Pronoun)
            } else if let Some((want, end)) = nominal(doc, i, s.tokens.end, &covered) {
                (want, end, MentionForm::Nominal)
            } else {
                i += 1;
                continue;
            };
            let head_word = doc.token_text(end - 1).to_lowercase();
            // A verb's object is not what its pronoun subject stands for ("She criticised
            // him": him is not she).
            let excluded: Vec<&str> =
                if matches!(doc.tokens[i].deprel.base(), DepRel::Obj | DepRel::Iobj) {
                    new.iter()
                        .filter(|(m, _, _)| {
                            m.sentence == si
                                && m.tokens.len() == 1
                                && doc.tokens[m.tokens.start].head == doc.tokens[i].head
                                && doc.tokens[m.tokens.start].deprel.base() == DepRel::Nsubj
                        })
                        .filter_map(|(m, _, _)| m.entity.as_deref())
                        .collect()
                } else {
                    Vec::new()
                };
            let ants = match cataphor(doc, &covered, s.tokens.clone(), i, want) {
                Some(m) => vec![m],
                // "the government" of a story about Britain is Britain's: its antecedent
                // is the nearest mention of the country before it, else the first after;
                // with no country named, or none named most, it stands for none.
                None if want == Want::Government => home
                    .get_or_insert_with(|| {
                        crate::resolve::article_country(lex, doc).map(|c| format!("country:{c}"))
                    })
                    .as_deref()
                    .and_then(|id| {
                        let of_home =
                            |m: &&Mention| m.entity.as_deref() == Some(id) && !m.form.is_coref();
                        let before = doc
                            .mentions
                            .iter()
                            .enumerate()
                            .filter(|(_, m)| of_home(m) && m.tokens.start < i)
                            .max_by_key(|(_, m)| m.tokens.start);
                        let after = || {
                            doc.mentions
                                .iter()
                                .enumerate()
                                .filter(|(_, m)| of_home(m) && m.tokens.start > i)
                                .min_by_key(|(_, m)| m.tokens.start)
                        };
                        before.or_else(after).map(|(k, _)| k)
                    })
                    .into_iter()
                    .collect(),
                None => {
                    // Subject pronouns resolved in earlier sentences carry their entity
                    // on ("Kinnock ... He lost to John Major in 1992. Four years later he
                    // became ...": he is the earlier subject's, not Major).
                    let chain: Vec<(usize, usize)> = new
                        .iter()
                        .filter(|(m, _, _)| {
                            m.sentence + 3 >= si
                                && m.sentence < si
                                && m.form == MentionForm::Pronoun
                                && doc.tokens[m.tokens.start].deprel.base() == DepRel::Nsubj
                        })
                        .map(|(m, a, _)| (m.tokens.start, *a))
                        .collect();
                    antecedents(
                        doc,
                        &people,
                        &mut gender_of,
                        lex,
                        (si, i),
                        (want, &head_word),
                        &excluded,
                        &chain,
                    )
                }
            };
            // "they", "their" for a coordination stand for all of it: "criticized Sweden
            // and Finland ... and said Turkey will not support their applications".
            let ants = if want == Want::Group && ants.len() == 1 {
                with_conjuncts(doc, ants[0])
            } else {
                ants
            };
            for (n, &a) in ants.iter().enumerate() {
                let am = &doc.mentions[a];
                let kind = am
                    .entity
                    .as_deref()
                    .and_then(EntityKind::of_id)
                    .unwrap_or(am.kind);
                let mention = Mention {
                    span: Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end),
                    tokens: i..end,
                    kind,
                    form,
                    entity: am.entity.clone(),
                    source: MentionSource::Rule,
                    sentence: si,
                };
                new.push((mention, a, if n == 0 { existing } else { None }));
            }
            i = end;
        }
    }
    // An earlier stage's pronoun mention is replaced by the link found here, or left
    // without an entity when none was found: a guess is not kept.
    for m in doc.mentions.iter_mut() {
        if m.form == MentionForm::Pronoun {
            m.entity = None;
        }
    }
    for (mention, antecedent, old) in new {
        let at = match old {
            Some(o) => {
                doc.mentions[o] = mention;
                o
            }
            None => {
                doc.mentions.push(mention);
                doc.mentions.len() - 1
            }
        };
        doc.antecedents.push((at, antecedent));
    }
}

/// "Within days of his first talks with Mr Chirac, Tony Blair told reporters": a
/// possessive he/she in an adverbial phrase fronted before the main clause's subject stands
/// for that subject, when it is a named person (gender is not checked: "his" before "Tony
/// Blair" is read forward, and a mismatch there is rare). Returns the subject's mention.
fn cataphor(
    doc: &Doc,
    covered: &[u32],
    sentence: std::ops::Range<usize>,
    i: usize,
    want: Want,
) -> Option<usize> {
    if !matches!(want, Want::Male | Want::Female) || doc.tokens[i].deprel != DepRel::NmodPoss {
        return None;
    }
    // The chain of heads from the pronoun up to the root: it must leave through an
    // adverbial (obl, advcl) of the root that comes before the root's subject.
    let head = |k: usize| doc.tokens[k].head.map(|h| h as usize);
    let mut k = i;
    let mut via_adverbial = None;
    for _ in 0..12 {
        let h = head(k)?;
        if doc.tokens[h].deprel == DepRel::Root {
            if matches!(doc.tokens[k].deprel.base(), DepRel::Obl | DepRel::Advcl) {
                via_adverbial = Some(h);
            }
            break;
        }
        k = h;
    }
    let root = via_adverbial?;
    let subject = sentence
        .clone()
        .find(|&t| head(t) == Some(root) && doc.tokens[t].deprel.base() == DepRel::Nsubj)?;
    if subject < i {
        return None;
    }
    let m = covered[subject];
    if m == u32::MAX {
        return None;
    }
    let m = m as usize;
    let mention = &doc.mentions[m];
    (mention.kind == EntityKind::Person && mention.entity.is_some() && !mention.form.is_coref())
        .then_some(m)
}

/// Mention `a`, then the country or organization mentions coordinated with it in the
/// parse ("Sweden and Finland") in text order, one per entity.
fn with_conjuncts(doc: &Doc, a: usize) -> Vec<usize> {
    let head_token = |m: &Mention| {
        m.tokens.clone().find(|&k| {
            doc.tokens[k]
                .head
                .is_none_or(|h| !m.tokens.contains(&(h as usize)))
        })
    };
    let am = &doc.mentions[a];
    let Some(ha) = head_token(am) else {
        return vec![a];
    };
    let conj = |x: usize| doc.tokens[x].deprel.base() == DepRel::Conj;
    let head = |x: usize| doc.tokens[x].head.map(|h| h as usize);
    // The first conjunct: the word the others hang on.
    let first = if conj(ha) { head(ha).unwrap_or(ha) } else { ha };
    let mut out: Vec<usize> = doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.sentence == am.sentence
                && !m.form.is_coref()
                && m.entity.is_some()
                && matches!(m.kind, EntityKind::Country | EntityKind::Organization)
        })
        .filter(|&(_, m)| {
            head_token(m).is_some_and(|h| h == first || (conj(h) && head(h) == Some(first)))
        })
        .map(|(k, _)| k)
        .collect();
    if out.len() < 2 || !out.contains(&a) {
        return vec![a];
    }
    out.sort_by_key(|&k| (k != a, doc.mentions[k].tokens.start));
    let mut seen: Vec<&str> = Vec::new();
    out.retain(|&k| {
        let id = doc.mentions[k].entity.as_deref().unwrap_or("");
        let new = !seen.contains(&id);
        seen.push(id);
        new
    });
    out
}

/// A nominal starting at token `i`: "the company", "the two countries", "both sides",
/// "the prime minister". Returns what it wants and where it ends.
fn nominal(doc: &Doc, i: usize, end: usize, covered: &[u32]) -> Option<(Want, usize)> {
    let w = |k: usize| crate::words::lower(doc.token_text(k));
    let first = w(i);
    if first != "the" && first != "both" {
        return None;
    }
    let free = |k: usize| k < end && covered[k] == u32::MAX;
    let mut k = i + 1;
    if !free(k) {
        return None;
    }
    let plural_two = first == "both" || matches!(w(k).as_ref(), "two");
    if w(k) == "two" {
        k += 1;
    }
    if plural_two {
        if free(k) {
            match w(k).as_ref() {
                "countries" | "nations" => return Some((Want::TwoCountries, k + 1)),
                "sides" | "governments" => return Some((Want::Two, k + 1)),
                "men" | "women" | "leaders" => return Some((Want::TwoPeople, k + 1)),
                _ => {}
            }
            // "the two (foreign) ministers", "both presidents".
            let j = if matches!(w(k).as_ref(), "prime" | "foreign" | "defence" | "defense")
                && free(k + 1)
            {
                k + 1
            } else {
                k
            };
            if matches!(
                w(j).as_ref(),
                "ministers" | "presidents" | "premiers" | "chancellors" | "secretaries"
            ) {
                return Some((Want::TwoPeople, j + 1));
            }
        }
        return None;
    }
    // "the prime minister", "the foreign secretary": title words up to the head.
    let mut j = k;
    while free(j) && j < k + 3 {
        let x = w(j);
        if TITLE_HEADS.contains(&x.as_ref()) {
            // Followed by a name, it is a title the recognizer handles, not a nominal.
            if j + 1 < end && covered[j + 1] != u32::MAX {
                return None;
            }
            // "the chancellor of Germany" names its own scope; "accused the chancellor of
            // using ..." (a verb after "of") is the chancellor of the article.
            if j + 1 < end
                && w(j + 1) == "of"
                && !(j + 2 < end && doc.tokens[j + 2].upos == crate::syntax::Upos::Verb)
            {
                return None;
            }
            return Some((Want::Title, j + 1));
        }
        if !matches!(
            x.as_ref(),
            "prime"
                | "foreign"
                | "home"
                | "finance"
                | "defence"
                | "defense"
                | "trade"
                | "economy"
                | "health"
                | "interior"
                | "chief"
                | "new"
                | "former"
        ) {
            break;
        }
        j += 1;
    }
    let head = w(k);
    // "the government" (not "the government of Iraq", which names its own).
    if head == "government" {
        let of_a_name = k + 2 < end && w(k + 1) == "of" && covered[k + 2] != u32::MAX;
        return (!of_a_name).then_some((Want::Government, k + 1));
    }
    let (_, want) = NOMINALS.iter().find(|(n, _)| *n == head)?;
    // "the company's", "the company said": the nominal is just these two words.
    Some((*want, k + 1))
}

#[allow(clippy::too_many_arguments)]
fn antecedents(
    doc: &Doc,
    people: &People,
    gender_of: &mut impl FnMut(&str) -> Gender,
    lex: &Lexicon,
    (si, at): (usize, usize),
    (want, head_word): (Want, &str),
    excluded: &[&str],
    chain: &[(usize, usize)],
) -> Vec<usize> {
    // Candidates: named mentions before `at`, this sentence and three back.
    let first_sentence = si.saturating_sub(3);
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); si - first_sentence + 1];
    for (m, mention) in doc.mentions.iter().enumerate() {
        if mention.sentence < first_sentence
            || mention.sentence > si
            || mention.tokens.start >= at
            || mention.entity.is_none()
            || mention.form.is_coref()
            || mention.kind == EntityKind::Position
        {
            continue;
        }
        by_sentence[mention.sentence - first_sentence].push(m);
    }
    // The object of a verb is not its own subject ("Blair met him").
    let pronoun_head = doc.tokens[at].head;
    let blocked = |m: usize| {
        let mention = &doc.mentions[m];
        matches!(doc.tokens[at].deprel.base(), DepRel::Obj | DepRel::Iobj)
            && mention.tokens.clone().any(|k| {
                doc.tokens[k].head == pronoun_head && doc.tokens[k].deprel.base() == DepRel::Nsubj
            })
    };
    // The verb of the pronoun's clause: its head, or its noun's head for a possessive
    // ("support their applications").
    let own_verb = {
        let head = |x: usize| doc.tokens[x].head.map(|h| h as usize);
        match head(at) {
            Some(h) if doc.tokens[at].deprel == DepRel::NmodPoss => head(h),
            h => h,
        }
    };
    let subject_of_own_clause = |m: usize| {
        own_verb.is_some_and(|v| {
            doc.mentions[m].tokens.clone().any(|k| {
                doc.tokens[k].head == Some(v as u32) && doc.tokens[k].deprel.base() == DepRel::Nsubj
            })
        })
    };
    // The title "the two ministers" names: "ministers" -> minister, "secretaries" ->
    // secretary (once per nominal, not per candidate).
    let plural_title = if want == Want::TwoPeople {
        match head_word.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => head_word.trim_end_matches('s').to_string(),
        }
    } else {
        String::new()
    };
    let fits = |m: usize, gender_of: &mut dyn FnMut(&str) -> Gender| -> bool {
        let mention = &doc.mentions[m];
        let id = mention.entity.as_deref().unwrap_or("");
        let kind = EntityKind::of_id(id).unwrap_or(mention.kind);
        let org_kind = || {
            id.strip_prefix("org:")
                .and_then(|k| lex.organizations.get(k))
                .map_or("", |o| o.kind.as_str())
        };
        match want {
            Want::Male | Want::Female => {
                kind == EntityKind::Person
                    && !matches!(
                        (gender_of(id), want),
                        (Gender::Male, Want::Female) | (Gender::Female, Want::Male)
                    )
            }
            // Not a name that only modifies a common noun: in "everything in the Treasury
            // larder is fresh. He branded it a dodgy budget", "it" is no Treasury. A name
            // before a noun for its people stands for them ("the US government ... its
            // case").
            Want::Thing => {
                let last = mention.tokens.end - 1;
                let modifier = doc.tokens[last].deprel == DepRel::Compound
                    && doc.tokens[last].head.is_some_and(|h| {
                        let h = h as usize;
                        doc.tokens[h].upos == crate::syntax::Upos::Noun
                            && !mention.tokens.contains(&h)
                            && !super::args::GROUP_NOUNS
                                .contains(&crate::words::lower(doc.lemma(h)).as_ref())
                    });
                matches!(kind, EntityKind::Organization | EntityKind::Country)
                    && mention.form != MentionForm::Demonym
                    && !modifier
            }
            // Not one country that is the subject of the pronoun's own clause: "their"
            // in "Turkey will not support their applications" is not Turkey's (that would
            // be "its"), but the "Sweden and Finland" before it.
            Want::Group => {
                matches!(kind, EntityKind::Organization | EntityKind::Country)
                    && !(kind == EntityKind::Country
                        && subject_of_own_clause(m)
                        && with_conjuncts(doc, m).len() < 2)
            }
            Want::Org(kinds) => kind == EntityKind::Organization && kinds.contains(&org_kind()),
            Want::Country => kind == EntityKind::Country,
            Want::Two => matches!(kind, EntityKind::Country | EntityKind::Organization),
            Want::TwoCountries => kind == EntityKind::Country,
            Want::TwoPeople => {
                kind == EntityKind::Person
                    && (matches!(head_word, "men" | "women" | "leaders")
                        || people.has_title(id, &plural_title))
            }
            Want::Title => kind == EntityKind::Person && people.has_title(id, head_word),
            // Found by the article's country, not by nearness (see `resolve`).
            Want::Government => false,
        }
    };
    // "it" as an object ("Mr Brown presented the budget. The Tories called it a
    // 'tax trap'") stands for a thing as often as for a body: when a singular
    // noun that names no entity was a subject or object after the nearest candidate, in
    // this sentence or the one before, the pronoun is left unresolved.
    let thing_noun_after = |m: usize| -> bool {
        if want != Want::Thing
            || !matches!(doc.tokens[at].deprel.base(), DepRel::Obj | DepRel::Iobj)
        {
            return false;
        }
        let from = doc.mentions[m].tokens.end;
        (from..at).any(|k| {
            let t = &doc.tokens[k];
            t.sentence + 1 >= si
                && t.upos == crate::syntax::Upos::Noun
                && matches!(t.deprel.base(), DepRel::Nsubj | DepRel::Obj)
                && doc.lemma(k).eq_ignore_ascii_case(doc.token_text(k))
                && !doc.mentions.iter().any(|x| x.tokens.contains(&k))
        })
    };
    let mut out: Vec<usize> = Vec::new();
    let mut seen_ids: Vec<&str> = Vec::new();
    for (k, list) in by_sentence.iter().enumerate().rev() {
        let same = first_sentence + k == si;
        // This sentence: nearest first. Earlier ones: the subject first (a subject pronoun
        // standing for its antecedent), then in order.
        let mut order = list.clone();
        if same {
            order.reverse();
        } else {
            let mut keyed: Vec<(bool, usize, usize)> = list
                .iter()
                .map(|&m| {
                    let subject = doc.mentions[m]
                        .tokens
                        .clone()
                        .any(|t| doc.tokens[t].deprel.base() == DepRel::Nsubj);
                    (!subject, doc.mentions[m].tokens.start, m)
                })
                .collect();
            keyed.extend(
                chain
                    .iter()
                    .filter(|&&(t, _)| doc.tokens[t].sentence == first_sentence + k)
                    .map(|&(t, a)| (false, t, a)),
            );
            keyed.sort_unstable();
            order = keyed.into_iter().map(|(_, _, m)| m).collect();
        }
        for m in order {
            if (same && blocked(m)) || !fits(m, gender_of) {
                continue;
            }
            let id = doc.mentions[m].entity.as_deref().unwrap_or("");
            if seen_ids.contains(&id) || excluded.contains(&id) {
                continue;
            }
            if out.is_empty() && thing_noun_after(m) {
                return Vec::new();
            }
            seen_ids.push(id);
            out.push(m);
            if out.len() == want.entities() {
                return out;
            }
        }
        // Pronouns look back one sentence for organizations and countries (it, they): the
        // further back, the likelier a wrong guess.
        if matches!(want, Want::Thing | Want::Group) && si - (first_sentence + k) >= 1 {
            break;
        }
    }
    if want.entities() == 2 {
        return Vec::new();
    }
    // "the chancellor" further back than the window: the one person of the article before
    // it who holds that title ("Chancellor Gordon Brown ... [ten sentences] ... Mr Letwin
    // accused the chancellor"); two holders, or none, leave it unresolved.
    if want == Want::Title && out.is_empty() {
        let mut holder: Option<usize> = None;
        for (m, mention) in doc.mentions.iter().enumerate() {
            if mention.sentence >= first_sentence {
                break;
            }
            let Some(id) = mention.entity.as_deref() else {
                continue;
            };
            if mention.form.is_coref() || excluded.contains(&id) || !fits(m, gender_of) {
                continue;
            }
            match holder {
                Some(h) if doc.mentions[h].entity.as_deref() != Some(id) => return Vec::new(),
                Some(_) => {}
                None => holder = Some(m),
            }
        }
        out.extend(holder);
    }
    out
}
