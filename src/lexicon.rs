//! Alias tables and lexicons: countries, organizations, people, locations, title words,
//! given names (with their short forms and the gender they signal) and relation triggers.
//!
//! The built-in tables are the text files in `data/lexicon/`, compiled into the binary
//! with `include_str!` and parsed once ([`Lexicon::builtin`]). A user directory
//! ([`Lexicon::with_overrides`]) holding files of the same names and format adds rows,
//! replaces rows with the same id, and deletes a row whose name column is `-`.
//!
//! Table format: line 1 is `# source: ...`; other `#` lines are comments; then a
//! tab-separated header naming the columns; then rows. Multi-valued cells use `|`.

use crate::error::{Error, Result};
use crate::hash::{FastMap, FastSet};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// One built-in table: its file name and text.
struct Builtin {
    file: &'static str,
    text: &'static str,
}

const BUILTIN: &[Builtin] = &[
    Builtin {
        file: "countries.tsv",
        text: include_str!("../data/lexicon/countries.tsv"),
    },
    Builtin {
        file: "organizations.tsv",
        text: include_str!("../data/lexicon/organizations.tsv"),
    },
    Builtin {
        file: "people.tsv",
        text: include_str!("../data/lexicon/people.tsv"),
    },
    Builtin {
        file: "locations.tsv",
        text: include_str!("../data/lexicon/locations.tsv"),
    },
    Builtin {
        file: "titles.tsv",
        text: include_str!("../data/lexicon/titles.tsv"),
    },
    Builtin {
        file: "given_names.txt",
        text: include_str!("../data/lexicon/given_names.txt"),
    },
    Builtin {
        file: "triggers.tsv",
        text: crate::relate::triggers::BUILTIN,
    },
    Builtin {
        file: "not_names.txt",
        text: include_str!("../data/lexicon/not_names.txt"),
    },
    Builtin {
        file: "given_name_variants.tsv",
        text: include_str!("../data/lexicon/given_name_variants.tsv"),
    },
    Builtin {
        file: "given_name_genders.tsv",
        text: include_str!("../data/lexicon/given_name_genders.tsv"),
    },
];

/// Bits of [`Lexicon::word_flags`], used as tagger features.
pub mod flags {
    pub const COUNTRY: u8 = 1;
    pub const ORG: u8 = 2;
    pub const PERSON: u8 = 4;
    pub const GIVEN_NAME: u8 = 8;
    pub const TITLE: u8 = 16;
    pub const LOCATION: u8 = 32;
    pub const DEMONYM: u8 = 64;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub id: String,
    pub iso2: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
    pub metonyms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub country: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub nationality: Option<String>,
    pub positions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
}

/// The gender a given name signals (`given_name_genders.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameGender {
    Female,
    Male,
}

/// The parts a word can play in a position title (a word may play several:
/// "chief" is a head and a modifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TitleRole(u8);

impl TitleRole {
    /// A title noun: minister, president, secretary-general.
    pub const HEAD: u8 = 1;
    /// A plural title noun: presidents, ministers.
    pub const HEAD_PLURAL: u8 = 2;
    /// A word before the head: deputy, foreign, prime.
    pub const MODIFIER: u8 = 4;
    /// A word after "of"/"for": state, defense, affairs.
    pub const DOMAIN: u8 = 8;
    /// A head that names an occupation or role, not an office: correspondent, founder,
    /// officer. Its holder works for the title's organization and holds no position.
    pub const OCCUPATION: u8 = 16;

    pub fn is_head(self) -> bool {
        self.0 & (Self::HEAD | Self::HEAD_PLURAL) != 0
    }
    pub fn is_plural(self) -> bool {
        self.0 & Self::HEAD_PLURAL != 0 && self.0 & Self::HEAD == 0
    }
    pub fn is_modifier(self) -> bool {
        self.0 & Self::MODIFIER != 0
    }
    pub fn is_domain(self) -> bool {
        self.0 & Self::DOMAIN != 0
    }
    pub fn is_occupation(self) -> bool {
        self.0 & Self::OCCUPATION != 0
    }
}

/// All tables, parsed and indexed.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub countries: BTreeMap<String, Country>,
    pub organizations: BTreeMap<String, Organization>,
    pub people: BTreeMap<String, Person>,
    pub locations: BTreeMap<String, Location>,
    /// Lowercase word -> role.
    pub titles: FastMap<String, TitleRole>,
    /// Given names, as written (capitalized).
    pub given_names: FastSet<String>,
    /// The event lexicon (`triggers.tsv`).
    pub triggers: crate::relate::triggers::Triggers,
    /// Full given name -> its short forms ("William" -> "Bill", "Billy", ...), from
    /// `given_name_variants.tsv`; see [`Lexicon::given_name_variants`].
    pub short_forms: BTreeMap<String, Vec<String>>,
    /// Short form -> the full names it is listed under (sorted).
    full_forms: FastMap<String, Vec<String>>,
    /// Given name -> the gender it signals, from `given_name_genders.tsv`; names used for
    /// both are absent.
    pub given_name_genders: FastMap<String, NameGender>,
    /// Capitalized words and phrases that are no entity on their own ("Muslim", "DVD",
    /// "the Bill"), from `not_names.txt`.
    pub not_names: FastSet<String>,
    word_flags: FastMap<String, u8>,
    /// Name or alias -> person ids listing it (sorted, for deterministic choice).
    people_by_name: FastMap<String, Vec<String>>,
}

static BUILTIN_LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();

impl Lexicon {
    /// The built-in tables, parsed once per process.
    pub fn builtin() -> &'static Lexicon {
        Self::builtin_shared()
    }

    /// The built-in tables, shared (for pipelines that hold their tables by `Arc`):
    /// no copy of the tables is made.
    pub fn builtin_arc() -> Arc<Lexicon> {
        Self::builtin_shared().clone()
    }

    fn builtin_shared() -> &'static Arc<Lexicon> {
        BUILTIN_LEXICON.get_or_init(|| {
            let mut lex = Lexicon::default();
            for b in BUILTIN {
                lex.load_table(b.file, b.text, &format!("built-in data/lexicon/{}", b.file))
                    .unwrap_or_else(|e| panic!("built-in table is broken: {e}"));
            }
            lex.index();
            Arc::new(lex)
        })
    }

    /// The built-in tables with the files of `dir` laid over them.
    pub fn with_overrides(dir: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::builtin().clone();
        let known: Vec<&str> = BUILTIN.iter().map(|b| b.file).collect();
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let mut used = 0;
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !known.contains(&name) {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            lex.load_table(name, &text, &path.display().to_string())?;
            used += 1;
        }
        if used == 0 {
            return Err(Error::Usage(format!(
                "{}: no lexicon files found (expected one of: {})",
                dir.display(),
                known.join(", ")
            )));
        }
        lex.index();
        Ok(lex)
    }

    /// Gazetteer membership of one word, for the tagger's features.
    pub fn word_flags(&self, word: &str) -> u8 {
        if let Some(f) = self.word_flags.get(word) {
            return *f;
        }
        let lower = crate::words::lower(word);
        let mut f = self.titles.get(lower.as_ref()).map_or(0, |_| flags::TITLE);
        if let Some(g) = self.word_flags.get(lower.as_ref()) {
            f |= g & flags::TITLE;
        }
        f
    }

    /// Are two given names forms of one name? Equal, one a short form of the other
    /// ("Vince", "Vincent"), or both short forms of one name ("Bill", "Billy").
    pub fn given_name_variants(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (fa, fb) = (self.full_names_of(a), self.full_names_of(b));
        fa.iter().any(|f| fb.contains(f))
    }

    /// The full names a given name is a form of: itself when it is one, and the names it
    /// is a short form of.
    fn full_names_of<'a>(&'a self, g: &'a str) -> Vec<&'a str> {
        let mut v: Vec<&str> = self
            .full_forms
            .get(g)
            .map(|f| f.iter().map(String::as_str).collect())
            .unwrap_or_default();
        if self.short_forms.contains_key(g) {
            v.push(g);
        }
        v
    }

    /// The full name a given name stands for everywhere: its own when it is a full name
    /// or unknown; for a short form listed under exactly one name that is not a full name
    /// of its own ("Vince" -> "Vincent", "Bill" -> "William"), that name; for a short
    /// form of several names ("Chris": Christopher, Christine) itself.
    pub fn full_given_name<'a>(&'a self, g: &'a str) -> &'a str {
        if self.short_forms.contains_key(g) {
            return g;
        }
        match self.full_forms.get(g).map(Vec::as_slice) {
            Some([one]) => one,
            _ => g,
        }
    }

    /// Given names that are forms of `g` (itself, its full names and their short forms).
    pub fn given_name_forms<'a>(&'a self, g: &'a str) -> Vec<&'a str> {
        let mut out = vec![g];
        for f in self.full_names_of(g) {
            out.push(f);
            out.extend(self.short_forms[f].iter().map(String::as_str));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ids of the listed people with this name or alias, sorted.
    pub fn people_named(&self, name: &str) -> &[String] {
        self.people_by_name
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.get(id)
    }

    fn load_table(&mut self, file: &str, text: &str, origin: &str) -> Result<()> {
        let word_list = match file {
            "given_names.txt" => Some(&mut self.given_names),
            "not_names.txt" => Some(&mut self.not_names),
            _ => None,
        };
        if let Some(list) = word_list {
            for line in text.lines() {
                let name = line.trim();
                if name.is_empty() || name.starts_with('#') {
                    continue;
                }
                if let Some(del) = name.strip_prefix('-') {
                    list.remove(del.trim());
                } else {
                    list.insert(name.to_string());
                }
            }
            return Ok(());
        }
        if file == "triggers.tsv" {
            return self.triggers.load(text, origin);
        }
        let rows = parse_tsv(text, origin)?;
        for row in rows {
            let deleted = row.get("name").is_some_and(|n| n == "-")
                || row.get("role").is_some_and(|n| n == "-");
            match file {
                "countries.tsv" => {
                    let id = row.req("id")?.to_ascii_uppercase();
                    if deleted {
                        self.countries.remove(&id);
                        continue;
                    }
                    self.countries.insert(
                        id.clone(),
                        Country {
                            id,
                            iso2: row.opt("iso2").unwrap_or_default(),
                            name: row.req("name")?,
                            aliases: row.list("aliases"),
                            demonyms: row.list("demonyms"),
                            capital: row.opt("capital"),
                            metonyms: row.list("metonyms"),
                        },
                    );
                }
                "organizations.tsv" => {
                    let id = row.req("id")?;
                    if deleted {
                        self.organizations.remove(&id);
                        continue;
                    }
                    self.organizations.insert(
                        id.clone(),
                        Organization {
                            id,
                            name: row.req("name")?,
                            acronym: row.opt("acronym"),
                            kind: row.opt("kind").unwrap_or_else(|| "organization".into()),
                            country: row.opt("country"),
                            aliases: row.list("aliases"),
                        },
                    );
                }
                "people.tsv" => {
                    let id = row.req("id")?;
                    if deleted {
                        self.people.remove(&id);
                        continue;
                    }
                    self.people.insert(
                        id.clone(),
                        Person {
                            id,
                            name: row.req("name")?,
                            aliases: row.list("aliases"),
                            nationality: row.opt("nationality"),
                            positions: row.list("positions"),
                        },
                    );
                }
                "locations.tsv" => {
                    let id = row.req("id")?;
                    if deleted {
                        self.locations.remove(&id);
                        continue;
                    }
                    self.locations.insert(
                        id.clone(),
                        Location {
                            id,
                            name: row.req("name")?,
                            aliases: row.list("aliases"),
                            country: row.opt("country"),
                        },
                    );
                }
                "given_name_variants.tsv" => {
                    let given = row.req("given")?;
                    if row.get("short_forms").is_some_and(|n| n == "-") {
                        self.short_forms.remove(&given);
                        continue;
                    }
                    self.short_forms.insert(given, row.list("short_forms"));
                }
                "given_name_genders.tsv" => {
                    let name = row.req("name")?;
                    let gender = match row.req("gender")?.as_str() {
                        "f" => NameGender::Female,
                        "m" => NameGender::Male,
                        "-" => {
                            self.given_name_genders.remove(&name);
                            continue;
                        }
                        other => {
                            return Err(Error::parse(
                                origin,
                                Some(row.line),
                                format!("gender {other:?} is not f or m (or - to delete the row)"),
                            ))
                        }
                    };
                    self.given_name_genders.insert(name, gender);
                }
                "titles.tsv" => {
                    let word = row.req("word")?.to_lowercase();
                    if deleted {
                        self.titles.remove(&word);
                        continue;
                    }
                    let mut bits = 0;
                    for r in row.list("role") {
                        bits |= match r.as_str() {
                            "head" => TitleRole::HEAD,
                            "head-plural" => TitleRole::HEAD_PLURAL,
                            "modifier" => TitleRole::MODIFIER,
                            "domain" => TitleRole::DOMAIN,
                            "occupation" => TitleRole::OCCUPATION,
                            other => {
                                return Err(Error::parse(
                                    origin,
                                    Some(row.line),
                                    format!("unknown title role {other:?} (head, head-plural, modifier, domain, occupation)"),
                                ))
                            }
                        };
                    }
                    self.titles.insert(word, TitleRole(bits));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Rebuild the word-flag index after the tables change.
    fn index(&mut self) {
        let mut f: FastMap<String, u8> = FastMap::default();
        let mut add = |phrase: &str, bit: u8| {
            for w in phrase.split(|c: char| c.is_whitespace() || c == '-') {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
                if w.len() > 1 && w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    *f.entry(w.to_string()).or_default() |= bit;
                }
            }
        };
        for c in self.countries.values() {
            add(&c.name, flags::COUNTRY);
            c.aliases.iter().for_each(|a| add(a, flags::COUNTRY));
            c.demonyms.iter().for_each(|a| add(a, flags::DEMONYM));
        }
        for o in self.organizations.values() {
            add(&o.name, flags::ORG);
            o.aliases.iter().for_each(|a| add(a, flags::ORG));
            if let Some(a) = &o.acronym {
                add(a, flags::ORG);
            }
        }
        for p in self.people.values() {
            add(&p.name, flags::PERSON);
            p.aliases.iter().for_each(|a| add(a, flags::PERSON));
        }
        for l in self.locations.values() {
            add(&l.name, flags::LOCATION);
            l.aliases.iter().for_each(|a| add(a, flags::LOCATION));
        }
        for g in &self.given_names {
            *f.entry(g.clone()).or_default() |= flags::GIVEN_NAME;
        }
        for (w, _) in self.titles.iter() {
            *f.entry(w.clone()).or_default() |= flags::TITLE;
            let mut cap = w.clone();
            if let Some(first) = cap.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            *f.entry(cap).or_default() |= flags::TITLE;
        }
        self.word_flags = f;
        let mut by_name: FastMap<String, Vec<String>> = FastMap::default();
        for p in self.people.values() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                by_name.entry(n.clone()).or_default().push(p.id.clone());
            }
        }
        for ids in by_name.values_mut() {
            ids.sort();
            ids.dedup();
        }
        self.people_by_name = by_name;
        let mut full_forms: FastMap<String, Vec<String>> = FastMap::default();
        for (full, shorts) in &self.short_forms {
            for short in shorts {
                full_forms
                    .entry(short.clone())
                    .or_default()
                    .push(full.clone());
            }
        }
        for fulls in full_forms.values_mut() {
            fulls.sort();
            fulls.dedup();
        }
        self.full_forms = full_forms;
    }
}

/// One parsed row: column name -> cell, and its line number.
#[derive(Debug)]
pub(crate) struct Row<'a> {
    /// The table's column names (shared by its rows) and this row's cells, one per
    /// column (empty where the line has fewer cells), trimmed: slices of the file's text.
    header: std::rc::Rc<[&'a str]>,
    cells: Vec<&'a str>,
    pub(crate) line: usize,
    origin: &'a str,
}

impl<'a> Row<'a> {
    /// The cell of column `col` (of the last column of that name).
    pub(crate) fn get(&self, col: &str) -> Option<&'a str> {
        let i = self.header.iter().rposition(|&h| h == col)?;
        self.cells.get(i).copied()
    }
    pub(crate) fn opt(&self, col: &str) -> Option<String> {
        self.get(col).filter(|v| !v.is_empty()).map(String::from)
    }
    pub(crate) fn req(&self, col: &str) -> Result<String> {
        self.opt(col).ok_or_else(|| {
            Error::parse(
                self.origin,
                Some(self.line),
                format!("column {col:?} is empty"),
            )
        })
    }
    fn list(&self, col: &str) -> Vec<String> {
        self.get(col)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The rows of a tab-separated table with a header line (`#` lines and blank lines
/// skipped); cells borrow from `text`.
pub(crate) fn parse_tsv<'a>(text: &'a str, origin: &'a str) -> Result<Vec<Row<'a>>> {
    let mut header: Option<std::rc::Rc<[&'a str]>> = None;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match &header {
            None => header = Some(line.split('\t').map(str::trim).collect()),
            Some(h) => {
                let mut cells: Vec<&'a str> = Vec::with_capacity(h.len());
                for cell in line.split('\t') {
                    if cells.len() == h.len() {
                        return Err(Error::parse(
                            origin,
                            Some(line_no),
                            format!(
                                "{} cells, but the header has {} columns",
                                line.split('\t').count(),
                                h.len()
                            ),
                        ));
                    }
                    cells.push(cell.trim());
                }
                cells.resize(h.len(), "");
                rows.push(Row {
                    header: h.clone(),
                    cells,
                    line: line_no,
                    origin,
                });
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse_and_know_the_basics() {
        let lex = Lexicon::builtin();
        let usa = lex.country("USA").expect("USA");
        assert_eq!(usa.name, "United States");
        assert!(usa.aliases.iter().any(|a| a == "U.S."));
        assert!(lex.organizations.contains_key("nato"));
        assert!(lex.titles.contains_key("minister"));
        assert!(lex.word_flags("Russia") & flags::COUNTRY != 0);
        assert!(lex.word_flags("minister") & flags::TITLE != 0);
    }

    #[test]
    fn given_name_variants_and_their_full_names() {
        let lex = Lexicon::builtin();
        assert!(lex.given_name_variants("Vince", "Vincent"));
        assert!(lex.given_name_variants("Vincent", "Vince"));
        assert!(lex.given_name_variants("Bill", "Billy"));
        assert!(lex.given_name_variants("Chris", "Christine"));
        assert!(!lex.given_name_variants("Christopher", "Christine"));
        assert!(!lex.given_name_variants("Vince", "Victor"));
        assert_eq!(lex.full_given_name("Vince"), "Vincent");
        assert_eq!(lex.full_given_name("Bill"), "William");
        assert_eq!(lex.full_given_name("Tony"), "Anthony");
        // Short forms of several names, full names and unknown names stay as written.
        assert_eq!(lex.full_given_name("Chris"), "Chris");
        assert_eq!(lex.full_given_name("Ned"), "Ned");
        assert_eq!(lex.full_given_name("William"), "William");
        assert_eq!(lex.full_given_name("Sergei"), "Sergei");
        assert!(lex.given_name_forms("Bill").contains(&"Will"));
        assert!(lex.not_names.contains("Human Rights"));
    }

    #[test]
    fn tsv_rows_pad_short_lines_refuse_long_ones_and_read_the_last_of_a_column_name() {
        let rows = parse_tsv("# note\nid\tname\tid\n\n a \t b\t c \nd\n", "t.tsv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].get("id"), rows[0].get("name")),
            (Some("c"), Some("b"))
        );
        assert_eq!(
            (rows[1].get("id"), rows[1].get("name")),
            (Some(""), Some(""))
        );
        assert_eq!(rows[1].opt("name"), None);
        assert_eq!(rows[1].get("nope"), None);
        assert_eq!(rows[1].line, 5);
        let err = parse_tsv("id\tname\na\tb\tc\n", "t.tsv")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("3 cells, but the header has 2 columns"),
            "{err}"
        );
        assert!(err.contains("t.tsv") && err.contains('2'), "{err}");
    }

    #[test]
    fn given_name_genders_are_sorted_unique_and_leave_out_names_of_both() {
        let b = BUILTIN
            .iter()
            .find(|b| b.file == "given_name_genders.tsv")
            .unwrap();
        let rows = parse_tsv(b.text, b.file).unwrap();
        assert!(rows.len() > 2000, "{} rows", rows.len());
        for w in rows.windows(2) {
            let (a, z) = (w[0].get("name").unwrap(), w[1].get("name").unwrap());
            assert!(
                a.as_bytes() < z.as_bytes(),
                "line {}: {z:?} after {a:?} (sorted by byte order, no duplicates)",
                w[1].line
            );
        }
        let lex = Lexicon::builtin();
        assert_eq!(lex.given_name_genders.len(), rows.len());
        let g = |n: &str| lex.given_name_genders.get(n).copied();
        assert_eq!(g("Angela"), Some(NameGender::Female));
        assert_eq!(g("Emmanuel"), Some(NameGender::Male));
        assert_eq!(g("Bill"), Some(NameGender::Male));
        // Names used for both, or with a gender that depends on the language, are absent.
        for both in ["Jean", "Andrea", "Kim", "Sasha", "Alex", "Chris", "Nicola"] {
            assert_eq!(g(both), None, "{both}");
        }
    }

    #[test]
    fn overrides_add_replace_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("people.tsv"),
            "# source: test\nid\tname\taliases\tnationality\tpositions\n\
             marta-kovalenko\tMarta Kovalenko\tKovalenko\tUKR\t\n\
             vladimir-putin\t-\t\t\t\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("given_name_variants.tsv"),
            "# source: test\ngiven\tshort_forms\nVincent\t-\nWojciech\tWojtek\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("not_names.txt"),
            "# source: test\n-Bill\nPodcast\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("given_name_genders.tsv"),
            "# source: test\nname\tgender\nAngela\t-\nJean\tm\nWojtek\tm\n",
        )
        .unwrap();
        let lex = Lexicon::with_overrides(dir.path()).unwrap();
        assert_eq!(
            lex.people["marta-kovalenko"].nationality.as_deref(),
            Some("UKR")
        );
        assert!(!lex.people.contains_key("vladimir-putin"));
        assert_eq!(lex.full_given_name("Vince"), "Vince");
        assert_eq!(lex.full_given_name("Wojtek"), "Wojciech");
        assert!(lex.not_names.contains("Podcast") && !lex.not_names.contains("Bill"));
        assert_eq!(lex.given_name_genders.get("Angela"), None);
        assert_eq!(lex.given_name_genders.get("Jean"), Some(&NameGender::Male));
        assert_eq!(
            lex.given_name_genders.get("Wojtek"),
            Some(&NameGender::Male)
        );
        assert_eq!(
            lex.given_name_genders.get("Emmanuel"),
            Some(&NameGender::Male)
        );
        std::fs::write(
            dir.path().join("given_name_genders.tsv"),
            "# source: test\nname\tgender\nJean\tx\n",
        )
        .unwrap();
        let err = Lexicon::with_overrides(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("given_name_genders.tsv:3:") && err.contains("not f or m"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_row_names_file_and_line() {
        let err = parse_tsv("# source: x\na\tb\n1\t2\t3\n", "t.tsv")
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "t.tsv:3: 3 cells, but the header has 2 columns"
        );
    }
}
