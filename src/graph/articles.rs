//! The list of articles a graph keeps: the one part of a graph, and of a builder, that
//! grows with the corpus rather than with the graph (every contributing article is
//! listed, with its title, date, URL and source). So it is packed: every field of every
//! article end to end in one string, and per article one fixed-size row of lengths
//! (32 bytes), instead of an [`ArticleMeta`] of five strings (120 bytes and up to five
//! allocations of its own). In `graph.json` it is the same list of objects as ever.

use super::ArticleMeta;
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::fmt;

/// The length recorded for a field an article does not have.
const ABSENT: u32 = u32::MAX;

/// Articles with their metadata, in the order they were pushed (a graph's are sorted by
/// id). Read one with [`Articles::get`] or [`Articles::iter`]; build one by pushing, by
/// collecting [`ArticleMeta`]s, or from a `Vec<ArticleMeta>`.
#[derive(Clone, Default)]
pub struct Articles {
    /// The fields of every article (id, title, date, URL, source), end to end.
    text: String,
    rows: Vec<Row>,
}

/// Where an article's fields are in [`Articles::text`].
#[derive(Clone, Copy)]
struct Row {
    start: usize,
    /// Length of the id, title, date, URL and source ([`ABSENT`]: none).
    lens: [u32; 5],
}

/// One article of [`Articles`], borrowed: the fields of an [`ArticleMeta`], written to
/// JSON the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
}

impl ArticleRef<'_> {
    /// An owned copy.
    pub fn to_meta(&self) -> ArticleMeta {
        ArticleMeta {
            id: self.id.to_string(),
            title: self.title.map(str::to_string),
            date: self.date.map(str::to_string),
            url: self.url.map(str::to_string),
            source: self.source.map(str::to_string),
        }
    }
}

impl<'a> From<&'a ArticleMeta> for ArticleRef<'a> {
    fn from(m: &'a ArticleMeta) -> ArticleRef<'a> {
        ArticleRef {
            id: &m.id,
            title: m.title.as_deref(),
            date: m.date.as_deref(),
            url: m.url.as_deref(),
            source: m.source.as_deref(),
        }
    }
}

impl Articles {
    pub fn new() -> Articles {
        Articles::default()
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds an article at the end.
    ///
    /// # Panics
    /// When a field is 4 GiB long or more.
    pub fn push<'a>(&mut self, a: impl Into<ArticleRef<'a>>) {
        let a = a.into();
        let start = self.text.len();
        let mut lens = [ABSENT; 5];
        let fields = [Some(a.id), a.title, a.date, a.url, a.source];
        for (len, field) in lens.iter_mut().zip(fields) {
            if let Some(s) = field {
                *len = u32::try_from(s.len())
                    .ok()
                    .filter(|&n| n != ABSENT)
                    .expect("an article field shorter than 4 GiB");
                self.text.push_str(s);
            }
        }
        self.rows.push(Row { start, lens });
    }

    /// The `i`-th article.
    ///
    /// # Panics
    /// When `i` is not below [`Articles::len`].
    pub fn get(&self, i: usize) -> ArticleRef<'_> {
        self.row(&self.rows[i])
    }

    /// The id of the `i`-th article (the cheapest field to read).
    pub fn id(&self, i: usize) -> &str {
        let row = &self.rows[i];
        &self.text[row.start..row.start + row.lens[0] as usize]
    }

    fn row(&self, row: &Row) -> ArticleRef<'_> {
        let mut at = row.start;
        let mut field = |len: u32| {
            (len != ABSENT).then(|| {
                let s = &self.text[at..at + len as usize];
                at += len as usize;
                s
            })
        };
        let id = field(row.lens[0]).unwrap_or_default();
        ArticleRef {
            id,
            title: field(row.lens[1]),
            date: field(row.lens[2]),
            url: field(row.lens[3]),
            source: field(row.lens[4]),
        }
    }

    /// The articles in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ArticleRef<'_>> + '_ {
        self.rows.iter().map(|r| self.row(r))
    }

    /// Puts the articles in id order (the order of equal ids is not kept). Moves only the
    /// rows, not the text.
    pub fn sort_unstable_by_id(&mut self) {
        let text = &self.text;
        let id = |r: &Row| &text[r.start..r.start + r.lens[0] as usize];
        self.rows.sort_unstable_by(|a, b| id(a).cmp(id(b)));
    }

    /// Frees the room reserved for more articles.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.rows.shrink_to_fit();
    }
}

impl FromIterator<ArticleMeta> for Articles {
    fn from_iter<I: IntoIterator<Item = ArticleMeta>>(iter: I) -> Articles {
        let mut articles = Articles::new();
        for m in iter {
            articles.push(&m);
        }
        articles
    }
}

impl From<Vec<ArticleMeta>> for Articles {
    fn from(list: Vec<ArticleMeta>) -> Articles {
        list.into_iter().collect()
    }
}

impl PartialEq for Articles {
    fn eq(&self, other: &Articles) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Articles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Articles {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for a in self.iter() {
            seq.serialize_element(&a)?;
        }
        seq.end()
    }
}

/// Read one article at a time, straight into the packed form: no list of
/// [`ArticleMeta`] is built.
impl<'de> Deserialize<'de> for Articles {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Articles, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Articles;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of articles")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Articles, A::Error> {
                let mut articles = Articles::new();
                while let Some(meta) = seq.next_element::<ArticleMeta>()? {
                    articles.push(&meta);
                }
                articles.shrink_to_fit();
                Ok(articles)
            }
        }
        d.deserialize_seq(List)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(
        id: &str,
        title: Option<&str>,
        date: Option<&str>,
        source: Option<&str>,
    ) -> ArticleMeta {
        ArticleMeta {
            id: id.into(),
            title: title.map(String::from),
            date: date.map(String::from),
            url: None,
            source: source.map(String::from),
        }
    }

    #[test]
    fn packed_articles_give_back_every_field_and_write_the_json_of_their_metadata() {
        let list = vec![
            meta("b", Some("Tïtle \"B\""), None, Some("")),
            meta("a", None, Some("2024-01-02"), None),
            meta("", Some(""), None, None),
        ];
        let articles = Articles::from(list.clone());
        assert_eq!(articles.len(), 3);
        let back: Vec<ArticleMeta> = articles.iter().map(|a| a.to_meta()).collect();
        assert_eq!(back, list);
        assert_eq!(articles.id(1), "a");
        assert_eq!(
            serde_json::to_string_pretty(&articles).unwrap(),
            serde_json::to_string_pretty(&list).unwrap()
        );
        let read: Articles = serde_json::from_str(&serde_json::to_string(&list).unwrap()).unwrap();
        assert_eq!(read, articles);
        let mut sorted = articles.clone();
        sorted.sort_unstable_by_id();
        let ids: Vec<&str> = sorted.iter().map(|a| a.id).collect();
        assert_eq!(ids, ["", "a", "b"]);
        assert_eq!(sorted.get(2).source, Some(""));
        assert_ne!(sorted, articles);
    }
}
