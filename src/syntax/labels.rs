//! The label sets of Universal Dependencies v2: universal parts of speech ([`Upos`]) and
//! dependency relations ([`DepRel`], with the subtypes UD English EWT uses). Labels are
//! parsed once from their UD spelling and carried as enums everywhere else.

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl $name {
            /// Every label, in declaration order (`ALL[x.index()] == x`).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// How many labels there are.
            pub const COUNT: usize = $name::ALL.len();

            /// The UD spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Dense index in `0..COUNT`.
            #[inline]
            pub fn index(self) -> usize {
                self as usize
            }

            /// The label with this dense index.
            pub fn from_index(i: usize) -> Option<$name> {
                $name::ALL.get(i).copied()
            }

            fn exact(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

label_enum! {
    /// A universal part-of-speech tag (UD v2: 17 tags).
    Upos {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
}

impl Upos {
    /// Parses a UD tag ("NOUN"); anything else is `None`.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::exact(s)
    }
}

label_enum! {
    /// A Universal Dependencies v2 relation, the subtypes English uses included.
    DepRel {
        Acl = "acl",
        AclRelcl = "acl:relcl",
        Advcl = "advcl",
        AdvclRelcl = "advcl:relcl",
        Advmod = "advmod",
        Amod = "amod",
        Appos = "appos",
        Aux = "aux",
        AuxPass = "aux:pass",
        Case = "case",
        Cc = "cc",
        CcPreconj = "cc:preconj",
        Ccomp = "ccomp",
        Clf = "clf",
        Compound = "compound",
        CompoundPrt = "compound:prt",
        Conj = "conj",
        Cop = "cop",
        Csubj = "csubj",
        CsubjOuter = "csubj:outer",
        CsubjPass = "csubj:pass",
        Dep = "dep",
        Det = "det",
        DetPoss = "det:poss",
        DetPredet = "det:predet",
        Discourse = "discourse",
        Dislocated = "dislocated",
        Expl = "expl",
        Fixed = "fixed",
        Flat = "flat",
        FlatForeign = "flat:foreign",
        Goeswith = "goeswith",
        Iobj = "iobj",
        List = "list",
        Mark = "mark",
        Nmod = "nmod",
        NmodDesc = "nmod:desc",
        NmodNpmod = "nmod:npmod",
        NmodPoss = "nmod:poss",
        NmodTmod = "nmod:tmod",
        NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj",
        NsubjOuter = "nsubj:outer",
        NsubjPass = "nsubj:pass",
        Nummod = "nummod",
        Obj = "obj",
        Obl = "obl",
        OblAgent = "obl:agent",
        OblNpmod = "obl:npmod",
        OblTmod = "obl:tmod",
        OblUnmarked = "obl:unmarked",
        Orphan = "orphan",
        Parataxis = "parataxis",
        Punct = "punct",
        Reparandum = "reparandum",
        Root = "root",
        Vocative = "vocative",
        Xcomp = "xcomp",
    }
}

impl DepRel {
    /// Parses a UD relation. A subtype this enum does not know falls back to its base
    /// ("obl:foo" -> `Obl`); an unknown base relation is `None`.
    pub fn parse(s: &str) -> Option<DepRel> {
        DepRel::exact(s).or_else(|| {
            let (base, _) = s.split_once(':')?;
            DepRel::exact(base)
        })
    }

    /// The relation without its subtype (`NsubjPass.base() == Nsubj`).
    pub fn base(self) -> DepRel {
        let s = self.as_str();
        match s.split_once(':') {
            Some((base, _)) => DepRel::exact(base).unwrap_or(self),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_spelling() {
        for &u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
            assert_eq!(Upos::from_index(u.index()), Some(u));
        }
        for &d in DepRel::ALL {
            assert_eq!(DepRel::parse(d.as_str()), Some(d));
            assert_eq!(DepRel::from_index(d.index()), Some(d));
            assert!(!d.base().as_str().contains(':'), "{d}");
        }
        assert_eq!(Upos::COUNT, 17);
    }

    #[test]
    fn subtypes_strip_to_their_base() {
        assert_eq!(DepRel::NsubjPass.base(), DepRel::Nsubj);
        assert_eq!(DepRel::AclRelcl.base(), DepRel::Acl);
        assert_eq!(DepRel::Obj.base(), DepRel::Obj);
        assert_eq!(DepRel::parse("obl:foo"), Some(DepRel::Obl));
        assert_eq!(DepRel::parse("nonsense"), None);
        assert_eq!(DepRel::parse("NOUN"), None);
        assert_eq!(Upos::parse("noun"), None);
    }
}
