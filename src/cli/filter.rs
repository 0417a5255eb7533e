//! Graph filters shared by `build` and `export`: `--min-weight`, `--types`,
//! `--relations`, `--modality`, checked into a [`Filter`] before any work.

use newsgraph::graph::Filter;
use newsgraph::{EntityKind, Error, Modality, RelationKind, Result};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Keep only edges supported by at least N relation mentions of any modality (after
    /// --modality; an edge's weight counts only its asserted ones).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: u64,
    /// Keep only nodes of these entity types (comma-separated: person, country,
    /// organization, position, location).
    #[arg(long, value_name = "TYPE,...", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Keep only edges of these relations (comma-separated, e.g. meets,demands).
    #[arg(long, value_name = "RELATION,...", value_delimiter = ',')]
    pub relations: Vec<String>,
    /// Keep only evidence of these modalities (comma-separated: asserted, negated,
    /// future, hypothetical).
    #[arg(long, value_name = "MODALITY,...", value_delimiter = ',')]
    pub modality: Vec<String>,
}

impl FilterArgs {
    /// The checked filter; unknown names are an error listing the accepted ones.
    pub fn to_filter(&self) -> Result<Filter> {
        let mut f = Filter {
            min_weight: self.min_weight,
            ..Filter::default()
        };
        for name in names(&self.types) {
            f.types.insert(EntityKind::parse(name).ok_or_else(|| {
                unknown(
                    "entity type",
                    "--types",
                    name,
                    &EntityKind::ALL.map(|k| k.as_str()),
                )
            })?);
        }
        for name in names(&self.relations) {
            f.relations.insert(RelationKind::parse(name).ok_or_else(|| {
                unknown(
                    "relation",
                    "--relations",
                    name,
                    &RelationKind::ALL.map(|k| k.as_str()),
                )
            })?);
        }
        for name in names(&self.modality) {
            f.modalities.insert(Modality::parse(name).ok_or_else(|| {
                unknown(
                    "modality",
                    "--modality",
                    name,
                    &Modality::ALL.map(|k| k.as_str()),
                )
            })?);
        }
        Ok(f)
    }
}

fn names(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn unknown(what: &str, flag: &str, name: &str, known: &[&str]) -> Error {
    Error::Usage(format!(
        "unknown {what} '{name}' in {flag} (expected one of: {})",
        known.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(types: &[&str], relations: &[&str], modality: &[&str]) -> FilterArgs {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        FilterArgs {
            min_weight: 2,
            types: v(types),
            relations: v(relations),
            modality: v(modality),
        }
    }

    #[test]
    fn known_names_become_a_filter() {
        let f = args(
            &["person", " Country", ""],
            &["meets", "negotiates_with"],
            &["asserted"],
        )
        .to_filter()
        .unwrap();
        assert_eq!(f.min_weight, 2);
        assert_eq!(
            f.types.into_iter().collect::<Vec<_>>(),
            [EntityKind::Person, EntityKind::Country]
        );
        assert_eq!(
            f.relations.into_iter().collect::<Vec<_>>(),
            [RelationKind::Meets, RelationKind::NegotiatesWith]
        );
        assert_eq!(
            f.modalities.into_iter().collect::<Vec<_>>(),
            [Modality::Asserted]
        );
    }

    #[test]
    fn unknown_names_are_named_with_the_choices() {
        for (a, flag, bad, choice) in [
            (args(&["persn"], &[], &[]), "--types", "persn", "person"),
            (args(&[], &["met"], &[]), "--relations", "met", "meets"),
            (
                args(&[], &[], &["maybe"]),
                "--modality",
                "maybe",
                "hypothetical",
            ),
        ] {
            let err = a.to_filter().unwrap_err().to_string();
            assert!(
                err.contains(flag) && err.contains(bad) && err.contains(choice),
                "{err}"
            );
        }
    }
}
