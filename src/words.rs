//! Closed word lists that the recognizer ([`crate::recognize`]) and the relation finder
//! ([`crate::relate`]) both consult: weekdays, months, verbs of saying and auxiliaries.
//! Each list is written here once; a caller that needs more words (time nouns, adverbs,
//! function words) checks its own extras after these.

use std::borrow::Cow;

/// `w` in lower case, as [`str::to_lowercase`] gives it, but borrowed when `w` has no
/// upper-case letter and copied without Unicode tables when it is ASCII: most words of a
/// text are either, and lowercasing every token allocated on the hot path (issue 14).
pub fn lower(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// The days of the week, capitalized as in running text.
pub const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The months, capitalized as in running text.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Verbs of saying, in the forms news text uses around a speaker: "Ryabkov said",
/// ", he told reporters", "the minister insisted".
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "stated", "declared", "wrote", "insisted",
    "warned",
];

/// Auxiliary and modal verbs, lower case: "has met", "will visit", "may sanction".
pub const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "should", "may",
    "might", "must", "can",
];

/// `w` is a day of the week ("Friday").
pub fn is_weekday(w: &str) -> bool {
    WEEKDAYS.contains(&w)
}

/// `w` is a month name ("March"). Callers decide whether "May" the modal is meant.
pub fn is_month(w: &str) -> bool {
    MONTHS.contains(&w)
}

/// `w` (already lower case) is a verb of saying.
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w)
}

/// `w` (lower case) is an auxiliary or modal verb.
pub fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(&w)
}

/// Determiners, prepositions and conjunctions that names hold ("The Hague", "Reporters
/// Without Borders", "Procter & Gamble"), lower case.
pub const NAME_FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "for", "and", "&", "without", "in", "on", "at", "to", "by", "with",
    "from",
];

/// `w` (any case) is one of [`NAME_FUNCTION_WORDS`].
pub fn is_function_word(w: &str) -> bool {
    NAME_FUNCTION_WORDS
        .iter()
        .any(|f| f.eq_ignore_ascii_case(w))
}

/// Verbs of saying and reporting as lemmas, for reported speech found in the parse
/// ("Putin *said* that NATO had threatened Russia", "the BBC *reported*").
pub const SPEECH_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "declare",
    "write",
    "insist",
    "warn",
    "announce",
    "claim",
    "report",
    "allege",
    "confirm",
    "reveal",
    "explain",
    "argue",
    "note",
    "stress",
    "assert",
    "acknowledge",
    "admit",
    "suggest",
    "indicate",
    "quote",
    "maintain",
    "reply",
    "respond",
    "tweet",
    "predict",
    "testify",
    "disclose",
];

/// `lemma` (lower case) is a verb of saying or reporting.
pub fn is_speech_lemma(lemma: &str) -> bool {
    SPEECH_LEMMAS.contains(&lemma)
}

/// Modals that put a clause in the future: "will meet", "shall", "'ll", "won't" (wo).
pub const FUTURE_MODALS: &[&str] = &["will", "shall", "'ll", "wo"];

/// Modals that make a clause a possibility or an obligation, not a fact: "could attack",
/// "may impose", "must withdraw", "can't" (ca).
pub const HYPOTHETICAL_MODALS: &[&str] = &["could", "might", "may", "should", "must", "can", "ca"];
