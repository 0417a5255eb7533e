//! Name resolution: a user's name for an entity ("putin", "Moscow", "U.S.") to one node,
//! or the candidates when it names several, or near matches when it names none.

use crate::doc::EntityKind;
use crate::graph::{Graph, Node};
use serde::Serialize;
use std::fmt;

/// How many near matches an unknown name suggests.
const MAX_SUGGESTIONS: usize = 5;

/// One node a name could mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
}

impl Candidate {
    fn of(n: &Node) -> Candidate {
        Candidate {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind,
        }
    }
}

/// Why a name did not resolve to exactly one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Several nodes match equally well: the caller should choose (by id).
    Ambiguous {
        name: String,
        candidates: Vec<Candidate>,
    },
    /// Nothing matches; up to five near matches, best first.
    Unknown {
        name: String,
        suggestions: Vec<Candidate>,
    },
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, cs: &[Candidate]| -> fmt::Result {
            for c in cs {
                write!(f, "\n  {}  {} ({})", c.id, c.label, c.kind)?;
            }
            Ok(())
        };
        match self {
            NameError::Ambiguous { name, candidates } => {
                write!(
                    f,
                    "{name:?} is ambiguous; it names {} entities (give the id to choose one):",
                    candidates.len()
                )?;
                list(f, candidates)
            }
            NameError::Unknown { name, suggestions } if suggestions.is_empty() => {
                write!(f, "no entity named {name:?} in the graph")
            }
            NameError::Unknown { name, suggestions } => {
                write!(f, "no entity named {name:?} in the graph; did you mean:")?;
                list(f, suggestions)
            }
        }
    }
}

impl std::error::Error for NameError {}

/// A name folded for comparison: lowercase, dots dropped, whitespace collapsed
/// ("U.S." and "us", "Putin" and "putin" fold alike).
pub fn fold(name: &str) -> String {
    let lowered: String = name
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Find the node a name means. In order, the first rule that matches anything decides:
/// 1. the name is a node id;
/// 2. the name equals a label or an alias exactly;
/// 3. the name equals a label, an alias or the part of an id after `:`, ignoring case,
///    dots and extra spaces;
/// 4. the name's words appear together, as whole words, in a label or an alias
///    ("Stoltenberg" in "Jens Stoltenberg", "President" in "President (Russia)").
///
/// A rule matching several nodes gives [`NameError::Ambiguous`] (sorted by id); no match
/// at all gives [`NameError::Unknown`] with near matches.
pub fn resolve_name<'g>(graph: &'g Graph, name: &str) -> Result<&'g Node, NameError> {
    let name = name.trim();
    if let Some(n) = graph.nodes.iter().find(|n| n.id == name) {
        return Ok(n);
    }
    let exact: Vec<&Node> = graph
        .nodes
        .iter()
        .filter(|n| n.label == name || n.aliases.iter().any(|a| a == name))
        .collect();
    let folded = fold(name);
    let matches = if !exact.is_empty() {
        exact
    } else if folded.is_empty() {
        Vec::new()
    } else {
        let same: Vec<&Node> = graph
            .nodes
            .iter()
            .filter(|n| names_of(n).any(|s| fold(s) == folded))
            .collect();
        if same.is_empty() {
            let wanted = words(&folded);
            graph
                .nodes
                .iter()
                .filter(|n| {
                    !wanted.is_empty()
                        && std::iter::once(&n.label)
                            .chain(&n.aliases)
                            .any(|s| contains_words(&words(&fold(s)), &wanted))
                })
                .collect()
        } else {
            same
        }
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(NameError::Unknown {
            name: name.to_string(),
            suggestions: suggest(graph, &folded),
        }),
        many => {
            let mut candidates: Vec<Candidate> = many.iter().map(|n| Candidate::of(n)).collect();
            candidates.sort_by(|a, b| a.id.cmp(&b.id));
            candidates.dedup();
            Err(NameError::Ambiguous {
                name: name.to_string(),
                candidates,
            })
        }
    }
}

/// The alphanumeric words of a folded name ("president (united states)" ->
/// president, united, states).
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when `needle` occurs in `hay` as a run of whole words.
fn contains_words(hay: &[&str], needle: &[&str]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every name a node answers to: label, aliases, and its id without the type prefix.
fn names_of(n: &Node) -> impl Iterator<Item = &str> {
    let suffix = n.id.split_once(':').map(|(_, s)| s).unwrap_or(&n.id);
    std::iter::once(n.label.as_str())
        .chain(n.aliases.iter().map(String::as_str))
        .chain(std::iter::once(suffix))
}

/// Up to five nodes whose names are near `folded`: ranked by how they match (a name
/// starting with it, then a shared word, then a small edit distance), then by edit
/// distance, then by id.
fn suggest(graph: &Graph, folded: &str) -> Vec<Candidate> {
    if folded.is_empty() {
        return Vec::new();
    }
    let q_tokens: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).collect();
    let mut scored: Vec<((u8, usize), &Node)> = graph
        .nodes
        .iter()
        .filter_map(|n| {
            names_of(n)
                .filter_map(|s| closeness(folded, &q_tokens, &fold(s)))
                .min()
                .map(|score| (score, n))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let mut out: Vec<Candidate> = Vec::new();
    for (_, n) in scored {
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
        if !out.iter().any(|c| c.id == n.id) {
            out.push(Candidate::of(n));
        }
    }
    out
}

/// How near a folded query is to a folded name: `(kind, distance)`, smaller is nearer;
/// `None` when it is not near at all.
fn closeness(q: &str, q_tokens: &[&str], s: &str) -> Option<(u8, usize)> {
    if s.is_empty() {
        return None;
    }
    let d = levenshtein(q, s);
    if s.starts_with(q) || (q.chars().count() >= 3 && q.starts_with(s) && s.len() >= 3) {
        return Some((0, d));
    }
    let shares_word = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .any(|w| {
            q_tokens
                .iter()
                .any(|t| t.chars().count() >= 3 && (w.starts_with(t) || t.starts_with(w)))
        });
    if shares_word {
        return Some((1, d));
    }
    let longest = q.chars().count().max(s.chars().count());
    let allowed = (longest / 3).max(1);
    (d <= allowed).then_some((2, d))
}

/// Edit distance (insertions, deletions, substitutions) between two strings, by chars.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn node(id: &str, label: &str, aliases: &[&str]) -> Node {
        Node {
            id: id.into(),
            kind: EntityKind::of_id(id).unwrap(),
            label: label.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: 1,
            labels: BTreeMap::new(),
            article_count: 0,
            articles: Default::default(),
            attributes: BTreeMap::new(),
            attribute_votes: BTreeMap::new(),
            first_date: None,
            last_date: None,
            days: vec![],
        }
    }

    fn graph() -> Graph {
        Graph {
            format: crate::graph::FORMAT_VERSION,
            max_evidence: crate::graph::DEFAULT_MAX_EVIDENCE,
            filter: Default::default(),
            articles: Default::default(),
            nodes: vec![
                node(
                    "country:RUS",
                    "Russia",
                    &["Moscow", "Russia", "Russian", "Kremlin"],
                ),
                node(
                    "country:USA",
                    "United States",
                    &["American", "U.S.", "United States", "Washington"],
                ),
                node("person:john-sherman", "John Sherman", &["Sherman"]),
                node("person:vladimir-putin", "Vladimir Putin", &["Putin"]),
                node("person:wendy-sherman", "Wendy Sherman", &["Sherman"]),
                node("position:president@RUS", "President", &["President"]),
                node("position:president@USA", "President", &["president"]),
            ],
            edges: vec![],
        }
    }

    #[test]
    fn names_resolve_by_id_label_and_alias_ignoring_case_and_dots() {
        let g = graph();
        for (name, id) in [
            ("putin", "person:vladimir-putin"),
            ("Vladimir  Putin", "person:vladimir-putin"),
            ("Moscow", "country:RUS"),
            ("U.S.", "country:USA"),
            ("us", "country:USA"),
            ("US", "country:USA"),
            ("american", "country:USA"),
            ("country:RUS", "country:RUS"),
            ("rus", "country:RUS"),
            ("wendy-sherman", "person:wendy-sherman"),
        ] {
            assert_eq!(
                resolve_name(&g, name).map(|n| n.id.as_str()),
                Ok(id),
                "{name}"
            );
        }
    }

    #[test]
    fn an_exact_match_beats_a_folded_one() {
        // "President" is the exact label of both positions: ambiguous.
        // "president" is an exact alias of only one of them.
        let g = graph();
        assert_eq!(
            resolve_name(&g, "president").unwrap().id,
            "position:president@USA"
        );
        match resolve_name(&g, "President") {
            Err(NameError::Ambiguous { candidates, .. }) => {
                let ids: Vec<_> = candidates.iter().map(|c| c.id.as_str()).collect();
                assert_eq!(ids, ["position:president@RUS", "position:president@USA"]);
            }
            other => panic!("expected ambiguity, got {other:?}"),
        }
    }

    #[test]
    fn a_shared_surname_is_ambiguous() {
        let err = resolve_name(&graph(), "sherman").unwrap_err();
        let NameError::Ambiguous { candidates, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(candidates.len(), 2);
        assert!(err.to_string().contains("person:wendy-sherman"));
    }

    #[test]
    fn unknown_names_suggest_near_matches() {
        let g = graph();
        let NameError::Unknown { suggestions, .. } = resolve_name(&g, "Puttin").unwrap_err() else {
            panic!()
        };
        assert_eq!(suggestions[0].id, "person:vladimir-putin");
        let NameError::Unknown { suggestions, .. } =
            resolve_name(&g, "Wendy Shermann").unwrap_err()
        else {
            panic!()
        };
        assert_eq!(suggestions[0].id, "person:wendy-sherman");
        let NameError::Unknown { suggestions, .. } = resolve_name(&g, "Mosc").unwrap_err() else {
            panic!()
        };
        assert_eq!(suggestions[0].id, "country:RUS");
        let NameError::Unknown { suggestions, .. } = resolve_name(&g, "zzzzzzzz").unwrap_err()
        else {
            panic!()
        };
        assert!(suggestions.is_empty());
        assert!(resolve_name(&g, "").is_err());
        assert!(resolve_name(&g, "...").is_err());
    }

    #[test]
    fn whole_words_of_a_label_match_when_nothing_else_does() {
        let mut g = graph();
        g.nodes
            .push(node("person:jens-stoltenberg", "Jens Stoltenberg", &[]));
        g.nodes.push(node(
            "position:deputy-foreign-minister@RUS",
            "Deputy Foreign Minister (Russia)",
            &["Deputy Foreign Minister"],
        ));
        g.nodes.push(node(
            "position:secretary-general@nato",
            "Secretary-General (NATO)",
            &[],
        ));
        for (name, id) in [
            ("Stoltenberg", "person:jens-stoltenberg"),
            ("stoltenberg", "person:jens-stoltenberg"),
            ("foreign minister", "position:deputy-foreign-minister@RUS"),
            ("Secretary General", "position:secretary-general@nato"),
        ] {
            assert_eq!(
                resolve_name(&g, name).map(|n| n.id.as_str()),
                Ok(id),
                "{name}"
            );
        }
        // Part of a word is not a word: "berg" stays unknown.
        assert!(matches!(
            resolve_name(&g, "berg"),
            Err(NameError::Unknown { .. })
        ));
        // "Vladimir" is in one label only; "Sherman" is an exact alias of two people.
        assert_eq!(
            resolve_name(&g, "vladimir").unwrap().id,
            "person:vladimir-putin"
        );
        assert!(matches!(
            resolve_name(&g, "Sherman"),
            Err(NameError::Ambiguous { .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn no_name_panics(name in "\\PC{0,12}") {
            let g = graph();
            match resolve_name(&g, &name) {
                Ok(n) => proptest::prop_assert!(g.nodes.iter().any(|m| m.id == n.id)),
                Err(NameError::Ambiguous { candidates, .. }) => {
                    proptest::prop_assert!(candidates.len() >= 2)
                }
                Err(NameError::Unknown { suggestions, .. }) => {
                    proptest::prop_assert!(suggestions.len() <= MAX_SUGGESTIONS)
                }
            }
        }

        #[test]
        fn levenshtein_is_a_distance(a in "\\PC{0,8}", b in "\\PC{0,8}") {
            let d = levenshtein(&a, &b);
            proptest::prop_assert_eq!(d, levenshtein(&b, &a));
            proptest::prop_assert!(d <= a.chars().count().max(b.chars().count()));
            proptest::prop_assert_eq!(d == 0, a == b);
        }
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("putin", "puttin"), 1);
        assert_eq!(levenshtein("erdoğan", "erdogan"), 1);
    }
}
