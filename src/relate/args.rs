//! Arguments of an event: from a token of the parse to the entities it stands for.
//!
//! A token stands for an entity when it is inside a mention (a name, or a pronoun or
//! nominal that coreference linked); when it is a title whose holder is named ("the
//! Russian president, Vladimir Putin" -> Putin); when a name hangs on it as apposition or
//! `flat` ("Mr Letwin"); when it is a group noun owned by a country or organization
//! ("Russian troops", "the government of Iraq", "Britain's officials"); or when it is a
//! plan, pledge or policy with an owner ("Labour's pledges" -> Labour, as the sense class
//! `plan`). Coordinated nominals are arguments too ("Finland and Sweden").

use super::tree::Tree;
use super::triggers::class;
use crate::doc::{Doc, EntityKind, MentionForm};
use crate::lexicon::Lexicon;
use crate::syntax::{DepRel, Upos};

/// One end of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Arg {
    /// The mention that names it (for a title, its holder's).
    pub mention: usize,
    /// Its sense classes ([`class`]).
    pub classes: u8,
    /// How it was reached, for the rule name and confidence.
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    /// A name in the text.
    Name,
    /// A pronoun or nominal linked by coreference.
    Coref,
    /// The owner of a group noun or a plan ("Russian troops", "Labour's pledges").
    Owner,
}

/// Nouns for the people or bodies that act for a country or organization.
pub(super) const GROUP_NOUNS: &[&str] = &[
    "government",
    "administration",
    "authority",
    "official",
    "leader",
    "leadership",
    "ministry",
    "regime",
    "cabinet",
    "delegation",
    "diplomat",
    "negotiator",
    "envoy",
    "representative",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "side",
    "state",
    "parliament",
    "lawmaker",
    "legislator",
    "mp",
    "mep",
    "msp",
    "executive",
    "boss",
    "management",
    "board",
    "chief",
    "prosecutor",
    "investigator",
    "regulator",
    "embassy",
    "consulate",
    "mission",
    "camp",
    "team",
    "minister",
    "bank",
    "company",
    "firm",
    "oligarch",
    "counterpart",
    // A country's people: threatening "the Ukrainian people" threatens Ukraine.
    "people",
];

/// Group nouns that speak or act for an owner named with "for": "a spokesman for
/// Reporters Without Borders", "an official for the EU".
const FOR_GROUPS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "representative",
];

/// Group nouns a person leads: "Tony Blair's government" acts for Tony Blair.
const LED_GROUPS: &[&str] = &["government", "administration", "regime", "cabinet"];

/// Nouns for armed forces; an owner makes them the force class ("Russian troops").
const FORCE_NOUNS: &[&str] = &[
    "troop",
    "troops",
    "force",
    "army",
    "military",
    "soldier",
    "navy",
    "air force",
    "jet",
    "warplane",
    "aircraft",
    "plane",
    "tank",
    "artillery",
    "militant",
    "rebel",
    "fighter",
    "insurgent",
    "gunman",
    "police",
    "unit",
    "ship",
    "warship",
    "missile",
    "drone",
    "bomber",
    "guerrilla",
    "militia",
    "paratrooper",
    "commando",
];

/// Nouns for plans, policies, pledges and statements: attacking, welcoming or rejecting
/// one is done to its owner.
const PLAN_NOUNS: &[&str] = &[
    "plan",
    "proposal",
    "policy",
    "pledge",
    "promise",
    "bill",
    "budget",
    "idea",
    "decision",
    "scheme",
    "reform",
    "law",
    "legislation",
    "move",
    "strategy",
    "statement",
    "remark",
    "comment",
    "claim",
    "record",
    "stance",
    "approach",
    "programme",
    "program",
    "manifesto",
    "campaign",
    "handling",
    "response",
    "offer",
    "initiative",
    "agenda",
    "position",
    "view",
    "plea",
    "request",
    "bid",
    "tax",
    "spending",
    "policies",
    "conduct",
    "action",
    "leadership",
    "report",
    "verdict",
    "ruling",
    "election",
    "vote",
    "referendum",
    "demand",
    "buildup",
    "build-up",
    "invasion",
    "aggression",
    "annexation",
    "occupation",
    "intervention",
    "crackdown",
    "behaviour",
    "behavior",
    "treatment",
    "way",
    "style",
    "attitude",
    "failure",
    "refusal",
    "tactics",
    "assessment",
    "case",
    "testimony",
    "argument",
    "analysis",
    "accession",
    "application",
    "candidacy",
    "word",
    "call",
    "ambition",
    "suggestion",
    "warning",
    "appeal",
    "attempt",
    "effort",
    "commitment",
    "entry",
    "push",
    "motion",
    "amendment",
    "measure",
    "deal",
    "agreement",
    "project",
    // What one side says or does against another: dismissing "the latest Labour attack" or
    // condemning "the Russian attack" is done to whoever made it.
    "attack",
    "criticism",
    "accusation",
    "allegation",
    "lie",
];

/// Nouns for a country's territory: massing troops on "the border with Ukraine" or
/// violating "Georgian airspace" is done to the country.
const PLACE_NOUNS: &[&str] = &[
    "border",
    "frontier",
    "territory",
    "soil",
    "airspace",
    "waters",
    "coast",
    "region",
    "capital",
    "embassy",
    "city",
    "town",
    "village",
    "township",
    "shantytown",
    "slum",
    "province",
    "district",
    "island",
    "port",
];

/// A group, force, place or plan noun: which of them `lemma` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owned {
    Group,
    Force,
    Place,
    Plan,
}

fn owned(lemma: &str) -> Option<Owned> {
    let l = lemma.to_lowercase();
    let l = l.as_str();
    if PLACE_NOUNS.contains(&l) {
        Some(Owned::Place)
    } else if FORCE_NOUNS.contains(&l) {
        Some(Owned::Force)
    } else if GROUP_NOUNS.contains(&l) {
        Some(Owned::Group)
    } else if PLAN_NOUNS.contains(&l) {
        Some(Owned::Plan)
    } else {
        None
    }
}

/// The sense classes of a mention: its kind, and force for armies and armed groups.
pub(super) fn classes_of(doc: &Doc, lex: &Lexicon, m: usize) -> u8 {
    let mention = &doc.mentions[m];
    let kind = match mention.form {
        // A coreference mention has the kind of its antecedent's entity.
        MentionForm::Pronoun | MentionForm::Nominal => mention
            .entity
            .as_deref()
            .and_then(EntityKind::of_id)
            .unwrap_or(mention.kind),
        _ => mention.kind,
    };
    match kind {
        EntityKind::Person => class::PERSON,
        EntityKind::Country => class::COUNTRY,
        EntityKind::Location => class::LOCATION,
        EntityKind::Position => 0,
        EntityKind::Organization => {
            let armed = mention
                .entity
                .as_deref()
                .and_then(|id| id.strip_prefix("org:"))
                .and_then(|k| lex.organizations.get(k))
                .is_some_and(|o| matches!(o.kind.as_str(), "military" | "armed-group"));
            class::ORGANIZATION | if armed { class::FORCE } else { 0 }
        }
    }
}

pub(super) struct Resolver<'a, 'd> {
    pub tree: &'a Tree<'d>,
    pub lex: &'a Lexicon,
    /// Position mention -> its holder's mention (from resolution's attachments).
    pub holder: &'a [Option<usize>],
    /// Mentions that only scope a title ("Russian" in "Russian Deputy Foreign Minister
    /// Sergei Ryabkov"): not an end of an event.
    pub scope_only: &'a [bool],
    /// For a mention that only scopes a title, that title's mention.
    pub scoped_title: &'a [Option<usize>],
}

impl Resolver<'_, '_> {
    /// The entities token `i` and its conjuncts stand for.
    pub fn args(&self, i: usize) -> Vec<Arg> {
        let mut out: Vec<Arg> = Vec::new();
        let add = |a: Arg, out: &mut Vec<Arg>| {
            if !out.iter().any(|b| b.mention == a.mention) {
                out.push(a);
            }
        };
        for c in self.tree.with_conjuncts(i) {
            for a in self.arg_all(c) {
                if a.via == Via::Coref {
                    for b in self.with_same_span(a.mention) {
                        add(b, &mut out);
                    }
                } else {
                    add(a, &mut out);
                }
            }
        }
        out
    }

    /// The entity mention `m` stands for and, for a pronoun or nominal that stands for
    /// several ("the two countries", "their" for "France and Germany": one coreference
    /// mention each, same span), the others'.
    fn with_same_span(&self, m: usize) -> Vec<Arg> {
        let doc = self.tree.doc;
        let mut out: Vec<Arg> = self.of_mention(m).into_iter().collect();
        if doc.mentions[m].form.is_coref() {
            let span = doc.mentions[m].span;
            for (k, x) in doc.mentions.iter().enumerate().skip(m + 1) {
                if x.span == span && x.form.is_coref() {
                    if let Some(b) = self.of_mention(k) {
                        if !out.iter().any(|a| a.mention == b.mention) {
                            out.push(b);
                        }
                    }
                }
            }
        }
        out
    }

    /// The entity token `i` stands for, if any (the first, when it stands for several).
    pub fn arg(&self, i: usize) -> Option<Arg> {
        self.arg_all(i).into_iter().next()
    }

    /// The entities token `i` stands for: one, or several owners of a group noun ("U.S.
    /// and Russian officials").
    fn arg_all(&self, i: usize) -> Vec<Arg> {
        let t = self.tree;
        if let Some(m) = t.mention(i) {
            if let Some(a) = self.of_mention(m) {
                return vec![a];
            }
            // A name that only scopes a title stands for the title's holder when the parser
            // makes it the head of the argument ("offered to meet Russian President
            // Vladimir Putin", parsed with "Russian" as the object).
            if let Some(a) = self
                .scoped_title
                .get(m)
                .copied()
                .flatten()
                .and_then(|p| self.of_mention(p))
                .filter(|a| a.classes & class::PERSON != 0)
            {
                return vec![a];
            }
            // Else a name that only scopes a title, or a title with no holder found, stands for
            // the person the parser hangs on it in apposition ("Oxfam chairman Peter
            // Walker accused", with the name in apposition to "Oxfam"; "the Russian
            // president, Vladimir Putin") ...
            let person = t
                .children(i)
                .filter(|&c| matches!(t.base(c), DepRel::Appos | DepRel::Flat))
                .filter_map(|c| t.mention(c).and_then(|h| self.of_mention(h)))
                .find(|a| a.classes & class::PERSON != 0);
            // ... else an unnamed spokesman or official stands for the organization or
            // country its title is scoped to ("a spokesman for Reporters Without Borders
            // called on", "a Lufthansa spokesman said"); else for nothing.
            let doc = t.doc;
            if person.is_none()
                && doc.mentions[m].kind == EntityKind::Position
                && FOR_GROUPS.contains(&t.lemma(i).to_lowercase().as_str())
            {
                let scope = doc
                    .attachments
                    .iter()
                    .find(|a| a.position == m && a.holder.is_none())
                    .and_then(|a| a.scope)
                    .filter(|&k| {
                        matches!(
                            doc.mentions[k].kind,
                            EntityKind::Organization | EntityKind::Country
                        ) && doc.mentions[k].entity.is_some()
                    });
                if let Some(k) = scope {
                    return vec![Arg {
                        mention: k,
                        classes: classes_of(doc, self.lex, k),
                        via: Via::Owner,
                    }];
                }
            }
            return person.into_iter().collect();
        }
        // A title in apposition to a name: "Mahmoud Abbas, the Palestinian leader".
        if t.base(i) == DepRel::Appos {
            if let Some(a) = t
                .head(i)
                .and_then(|h| t.mention(h))
                .and_then(|m| self.of_mention(m))
            {
                if a.classes & class::PERSON != 0 {
                    return vec![a];
                }
            }
        }
        // A name in apposition or flat on this word ("the foreign secretary, Jack Straw";
        // "Mr Letwin", parsed with "Mr" as head).
        for c in t.children(i) {
            if matches!(t.base(c), DepRel::Appos | DepRel::Flat) {
                if let Some(a) = t.mention(c).and_then(|m| self.of_mention(m)) {
                    return vec![a];
                }
            }
        }
        if !matches!(t.upos(i), Upos::Noun | Upos::Propn) {
            return Vec::new();
        }
        let Some(kind) = owned(t.lemma(i)).or_else(|| owned(t.lower(i))) else {
            return Vec::new();
        };
        let lemma = t.lemma(i).to_lowercase();
        // The owners: a possessor, names in a compound, demonyms (and their conjuncts:
        // "U.S. and Russian officials"), or "of X" ("with X" for a border).
        let mut owners: Vec<(Arg, bool)> = Vec::new();
        for c in t.children(i) {
            let ok = match t.rel(c) {
                DepRel::NmodPoss | DepRel::Compound => true,
                DepRel::Amod => true,
                DepRel::Nmod => {
                    let case = t.case_of(c);
                    match kind {
                        // "the plans of the Labour government" (not "plans of attack":
                        // the "of" phrase must stand for an actor, below).
                        // "the decision by Egypt and Jordan".
                        Owned::Plan => matches!(case.as_deref(), Some("of" | "by")),
                        Owned::Place => matches!(case.as_deref(), Some("of" | "with")),
                        Owned::Group if FOR_GROUPS.contains(&lemma.as_str()) => {
                            matches!(case.as_deref(), Some("of" | "for"))
                        }
                        _ => case.as_deref() == Some("of"),
                    }
                }
                _ => false,
            };
            // "the way Tony Blair's government operates": a plan's clause names its owner
            // as the clause's subject.
            let c = if !ok
                && kind == Owned::Plan
                && matches!(t.base(c), DepRel::Acl)
                && t.upos(c) == Upos::Verb
            {
                // A name or an owned group, not a pronoun (the parser makes "saying it
                // would give" a relative clause on "the move").
                match t
                    .children(c)
                    .find(|&s| t.rel(s) == DepRel::Nsubj && t.upos(s) != Upos::Pron)
                {
                    Some(subject) => subject,
                    None => continue,
                }
            } else if ok {
                c
            } else {
                continue;
            };
            let mut cands = vec![c];
            cands.extend(t.children_base(c, DepRel::Conj));
            for x in cands {
                // The name, or a name flat on a title word ("Mr Brown's plan", parsed with
                // "Mr" as head).
                let name = t.mention(x).or_else(|| {
                    t.children(x)
                        .find(|&c| t.base(c) == DepRel::Flat)
                        .and_then(|c| t.mention(c))
                });
                // A plan's owner may modify the compound before it: "a Liberal Democrat
                // spending offer" (the parser hangs the party on "spending"); a country
                // there is the topic ("Iraq advice calls").
                let name = name.or_else(|| {
                    (kind == Owned::Plan && t.rel(c) == DepRel::Compound && x == c)
                        .then(|| {
                            t.children(x)
                                .filter(|&d| matches!(t.rel(d), DepRel::Amod | DepRel::Compound))
                                .find_map(|d| t.mention(d))
                                .filter(|&m| {
                                    t.doc.mentions[m].kind != crate::doc::EntityKind::Country
                                })
                        })
                        .flatten()
                });
                // A plan's owner may be a group noun that stands for its own owner ("the
                // plans of the Labour government").
                let found: Vec<Arg> = match name {
                    // A pronoun may stand for several ("their troops" for "France and
                    // Germany": one coreference mention each, same span).
                    Some(m) => self.with_same_span(m),
                    None if kind == Owned::Plan && t.mention(x).is_none() => {
                        let inner = self.arg_all(x);
                        inner
                            .into_iter()
                            .find(|a| a.via == Via::Owner && a.classes & class::PLAN == 0)
                            .into_iter()
                            .collect()
                    }
                    None => Vec::new(),
                };
                for a in found {
                    // A plan's owner may be anyone; a group's is a country or organization,
                    // or the person whose government it is ("Tony Blair's government").
                    let led = kind == Owned::Group
                        && t.rel(c) == DepRel::NmodPoss
                        && LED_GROUPS.contains(&lemma.as_str());
                    let fits = match kind {
                        Owned::Plan => a.classes & class::ACTOR != 0,
                        Owned::Place => a.classes & (class::COUNTRY | class::LOCATION) != 0,
                        _ if led => {
                            a.classes & (class::COUNTRY | class::ORGANIZATION | class::PERSON) != 0
                        }
                        _ => a.classes & (class::COUNTRY | class::ORGANIZATION) != 0,
                    };
                    if fits && !owners.iter().any(|(o, _)| o.mention == a.mention) {
                        owners.push((a, t.rel(c) == DepRel::NmodPoss));
                    }
                }
            }
        }
        // A plan with a possessor is the possessor's; a name before it is its topic
        // ("Gordon Brown's Iraq plans" are Brown's, about Iraq).
        if kind == Owned::Plan && owners.iter().any(|&(_, poss)| poss) {
            owners.retain(|&(_, poss)| poss);
        }
        owners
            .into_iter()
            .map(|(owner, _)| Arg {
                mention: owner.mention,
                classes: match kind {
                    Owned::Group | Owned::Place => owner.classes,
                    Owned::Force => owner.classes | class::FORCE,
                    Owned::Plan => class::PLAN,
                },
                via: Via::Owner,
            })
            .collect()
    }

    fn of_mention(&self, m: usize) -> Option<Arg> {
        let doc = self.tree.doc;
        let mention = &doc.mentions[m];
        mention.entity.as_ref()?;
        if self.scope_only.get(m).copied().unwrap_or(false) {
            return None;
        }
        if mention.kind == EntityKind::Position {
            let h = self.holder.get(m).copied().flatten()?;
            return self.of_mention(h);
        }
        let via = match mention.form {
            MentionForm::Pronoun | MentionForm::Nominal => Via::Coref,
            _ => Via::Name,
        };
        Some(Arg {
            mention: m,
            classes: classes_of(doc, self.lex, m),
            via,
        })
    }
}

/// Verbs whose object noun is an event the subject takes part in: "held talks",
/// "made demands", "launched an attack", "imposed sanctions".
pub(super) const LIGHT_VERBS: &[&str] = &[
    "hold",
    "have",
    "make",
    "issue",
    "launch",
    "stage",
    "mount",
    "carry",
    "conduct",
    "impose",
    "begin",
    "start",
    "continue",
    "resume",
    "renew",
    "announce",
    "express",
    "voice",
    "give",
    "deliver",
    "lodge",
    "file",
    "table",
    "press",
    "repeat",
    "reiterate",
    "lead",
    "open",
    "step",
    "intensify",
    "escalate",
    "order",
    "sign",
    "reach",
    "strike",
    "seal",
    "conclude",
    "pledge",
    "provide",
    "send",
    "extend",
    "grant",
    "approve",
    "host",
    "attend",
    "join",
    "arrange",
    "set",
];

pub(super) fn is_light_verb(lemma: &str) -> bool {
    LIGHT_VERBS.contains(&lemma)
}
