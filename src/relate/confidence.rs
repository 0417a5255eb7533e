//! The confidence of a relation mention comes from what matched: the rule (and, for events,
//! the path from trigger to argument it names). One table, so rules are compared in one place.

/// Each rule a relation mention can carry, with its confidence.
pub(super) const RULES: &[(&str, f32)] = &[
    // A title the resolver attached to its holder: "Foreign Minister Sergei Lavrov".
    ("holds-position:title-attached", 0.9),
    // A plural title before coordinated people, scope from the tables.
    ("holds-position:plural-title", 0.7),
    // A title as a predicate: "who is now Veritas' deputy leader", "became party chairman".
    ("holds-position:predicate", 0.8),
    ("position-of:scope-in-text", 0.9),
    // The scope is not in the text: the tables say which office the holder has.
    ("position-of:scope-from-table", 0.6),
    // A state office whose holder the tables do not know and whose scope the text does
    // not state: the country the article names most.
    ("position-of:scope-from-article", 0.5),
    // A state office with a party before it ("Labour MP"): the party's home country.
    ("position-of:party-country", 0.8),
    // A state office named with its department ("US Treasury Secretary"): the
    // department's country.
    ("position-of:department-country", 0.8),
    // An office of a place that is not a country ("Gibraltar's Chief Minister"): the
    // place's country in the tables.
    ("position-of:place-country", 0.8),
    ("member-of:apposition", 0.8),
    // "Brad Adams of Human Rights Watch".
    ("member-of:of-organization", 0.75),
    // The holder of an office scoped by an organization ("a Lufthansa spokesman").
    ("member-of:office-holder", 0.8),
    // The office's scope is an organization not named beside the title: from the tables
    // ("Shadow Home Secretary David Davis": the Conservative Party's) or from the same
    // title scoped elsewhere in the article.
    ("member-of:office-scope", 0.6),
    // An occupation scoped by an organization ("BBC correspondent", "a KGB officer").
    ("member-of:occupation", 0.8),
    // "Plaid Cymru's Elfyn Llwyd".
    ("member-of:possessor", 0.75),
    ("member-of:modifier", 0.8),
    // "X is a member of Y", "X plans to become a member of Y".
    ("member-of:predicate", 0.85),
    // "X joined Y".
    ("member-of:join", 0.75),
    ("located-in:apposition", 0.85),
    ("located-in:demonym-city-of", 0.85),
    ("quoted-by:speech-cue", 0.8),
    // A verb of saying with a news outlet as object or phrase, in the parse.
    ("quoted-by:speech-verb", 0.85),
    ("quoted-by:media-reported", 0.7),
    // Events, by the path in the parse from the trigger to the source.
    // The subject of a verb, the target its object or the nominal its row names.
    ("event:verb", 0.85),
    // The agent of a passive ("was attacked by Hamas").
    ("event:passive", 0.8),
    // The subject of the verb controlling the trigger ("agreed to meet"), or its object
    // ("urged Israel to withdraw").
    ("event:control", 0.75),
    // The subject shared with a coordinated verb ("met and criticised").
    ("event:conj", 0.75),
    // The noun a relative clause hangs on ("Russia, which attacked").
    ("event:relcl", 0.75),
    // The noun an -ing participle modifies ("officials attending the talks").
    ("event:acl", 0.6),
    // The subject of the clause an adverbial clause hangs on ("after meeting Putin, Blair").
    ("event:advcl", 0.65),
    // A noun trigger's possessor, compound name or demonym ("Russia's demands").
    ("event:noun", 0.8),
    // Whom a noun trigger names: "X is a critic of Y", "X, a critic of Y".
    ("event:referent", 0.75),
    // The subject of the light verb whose object the noun trigger is ("held talks").
    ("event:noun-light-verb", 0.75),
    // The subject of the clause a meeting or visit noun is a phrase of ("arrived for talks
    // with Sherman").
    ("event:noun-clause", 0.65),
    // "talks between X and Y".
    ("event:between", 0.85),
    // "the US-Russia talks".
    ("event:hyphen-pair", 0.75),
    // "Russia and Ukraine negotiated".
    ("event:coordinated-subject", 0.75),
    ("event:mutual", 0.75),
];

/// How much an end reached through coreference or an owner ("Russian troops") lowers a
/// relation's confidence: a factor per end.
pub(super) fn via(v: super::args::Via) -> f32 {
    use super::args::Via;
    match v {
        Via::Name => 1.0,
        Via::Owner => 0.9,
        Via::Coref => 0.85,
    }
}

/// The confidence of `rule`. Every rule is in [`RULES`] (a test checks the ones the code uses).
pub(super) fn of(rule: &str) -> f32 {
    RULES
        .iter()
        .find(|(r, _)| *r == rule)
        .map(|&(_, c)| c)
        .unwrap_or_else(|| {
            debug_assert!(
                false,
                "rule {rule} has no confidence in relate::confidence::RULES"
            );
            0.5
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_in_the_code_has_a_confidence() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("events.rs"),
            include_str!("speech.rs"),
            include_str!("structural.rs"),
        ];
        let families = [
            "holds-position:",
            "position-of:",
            "member-of:",
            "located-in:",
            "quoted-by:",
            "event:",
        ];
        let mut used = Vec::new();
        for src in sources {
            for family in families {
                let quoted = format!("\"{family}");
                for (at, _) in src.match_indices(&quoted) {
                    let rest = &src[at + 1..];
                    let rule = &rest[..rest.find('"').unwrap_or(rest.len())];
                    if !rule.contains(' ') && !rule.contains('{') {
                        used.push(rule.to_string());
                    }
                }
            }
        }
        assert!(used.len() >= 10, "found only {used:?}");
        for r in &used {
            assert!(RULES.iter().any(|(k, _)| k == r), "{r} missing from RULES");
        }
        for (r, c) in RULES {
            assert!(*c > 0.0 && *c <= 1.0, "{r}: {c}");
            assert!(used.iter().any(|u| u == r), "{r} in RULES but never used");
        }
    }
}
