//! Segmentation: boilerplate lines, sentences and tokens, all as byte spans into the
//! article text (which is never modified).
//!
//! Reads `Doc::article`; assigns `Doc::boilerplate`, `Doc::title_line`,
//! `Doc::sentences`, `Doc::tokens`.
//!
//! Lines are segmented separately (a headline or a bullet never runs into the next line),
//! except that a line starting with a lowercase letter continues the previous one (hard
//! wrapped text). Inside a block, sentence boundaries come from the `sentencex` crate,
//! which knows abbreviations such as "U.S.", "Gen.", "Mr." and "Jan." and quotes; then a
//! sentence end inside a quotation splits too (`split_run_ons`: a stray quote mark would
//! otherwise make the rest of a paragraph one sentence), and a quote mark stranded at the
//! edge of a sentence goes to the sentence it belongs to.
//!
//! Tokens follow UD English EWT, the treebank the parser learns from, so that
//! the parser sees at run time what it saw in training; every token is still a
//! span of the original text (a clitic is the tail of its word, never a rewritten form):
//! - clitics are words of their own: "Russia's" -> Russia 's, "don't" -> do n't,
//!   "can't" -> ca n't, "I'm" -> I 'm, also 're 've 'll 'd, straight or curly
//!   apostrophe, any case; "cannot" -> can not, "gonna" -> gon na; a plural possessive's
//!   apostrophe ("allies'") is a token;
//! - hyphens are tokens ("U.S.-led" -> U.S. - led, "well-known" -> well - known), except
//!   after the prefixes EWT keeps joined ("anti-war", "non-profit", "re-elected", "e-mail")
//!   when a lowercase word follows (but "co-" and "ex-", which in news mostly precede a
//!   title: "co-chairman", "ex-finance chief"). EWT also joins them before a capital
//!   ("anti-American", "mid-July"); we split those, so that the name inside stays a token
//!   the recognizer can find;
//! - numbers keep their inner commas and dots ("100,000", "3.5"), times and dates their
//!   colons and slashes ("10:30", "9/11"); dotted acronyms and listed abbreviations keep
//!   their dot ("U.S.", "Gen."); "AT&T" is one token;
//! - web and e-mail addresses are one token ("www.bbc.co.uk", "press@nato.int");
//! - a run of one punctuation mark ("...", "--", "!!") is one token, any other
//!   punctuation character (and every bracket and quote) is one token.

use crate::doc::{Doc, Sentence, Span, Token};

/// Splits text into sentences and tokens and marks boilerplate.
///
/// The title (the reader sets it: metadata, or a text file's first non-blank line) is
/// text: the first line equal to it is read like any other line. Every later line equal
/// to it is boilerplate (web pages repeat their headline above the story), so a title
/// is read once.
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

/// Lines that carry no news content: share widgets, bylines of blog templates, comment
/// prompts. Compared case-insensitively against the start of a trimmed line.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "post author",
    "post category",
    "post comments",
    "posted in",
    "posted on",
    "leave a reply",
    "leave a comment",
    "share this",
    "share on",
    "like this:",
    "click to share",
    "click to print",
    "click to email",
    "related posts",
    "tags:",
    "filed under",
    "subscribe to",
    "sign up for",
    "follow us on",
    "you may also like",
    "read more:",
    "advertisement",
    "copyright ©",
    "all rights reserved",
];

impl Segmenter {
    pub fn apply(&self, doc: &mut Doc) {
        let text = doc.article.text.as_str();
        let lines = lines(text);
        let title = doc
            .article
            .title
            .clone()
            .map(|t| normalize_line(&t))
            .filter(|t| !t.is_empty());
        let mut boilerplate = Vec::new();
        let mut blocks: Vec<Span> = Vec::new();
        let mut first_content = true;
        let mut title_line = None;
        for l in &lines {
            let raw = &text[l.start..l.end];
            let norm = normalize_line(raw);
            if norm.is_empty() {
                continue;
            }
            let is_title = title.as_deref() == Some(norm.as_str());
            let repeated_title = is_title && title_line.is_some();
            if is_title && title_line.is_none() {
                title_line = Some(trim_span(text, *l));
            }
            if repeated_title || (!is_title && is_boilerplate(&norm)) {
                boilerplate.push(*l);
                first_content = false;
                continue;
            }
            let trimmed = trim_span(text, *l);
            let continues = !first_content
                && blocks
                    .last()
                    .is_some_and(|b| text[b.end..l.start].matches('\n').count() == 1)
                && starts_lowercase(&text[trimmed.start..trimmed.end]);
            if continues {
                blocks.last_mut().unwrap().end = trimmed.end;
            } else {
                blocks.push(trimmed);
            }
            first_content = false;
        }
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        for b in blocks {
            for s in split_sentences(text, b) {
                let start = tokens.len();
                let sid = sentences.len();
                tokenize_into(text, s, sid, &mut tokens);
                if tokens.len() > start {
                    sentences.push(Sentence {
                        span: s,
                        tokens: start..tokens.len(),
                        parsed: false,
                    });
                }
            }
        }
        doc.boilerplate = boilerplate;
        doc.title_line = title_line;
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// Byte spans of lines, without the line terminator.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(Span::new(start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

fn normalize_line(s: &str) -> String {
    let mut joined = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    let kept = joined.trim_start_matches(['•', '*', '·', '-', '–']).trim();
    if kept.len() == joined.len() {
        joined
    } else {
        kept.to_string()
    }
}

fn is_boilerplate(norm: &str) -> bool {
    let lower = norm.to_lowercase();
    BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn trim_span(text: &str, s: Span) -> Span {
    let slice = &text[s.start..s.end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

/// Sentence spans inside a block, trimmed of surrounding whitespace.
fn split_sentences(text: &str, block: Span) -> Vec<Span> {
    let slice = &text[block.start..block.end];
    // Very long blocks (a whole corpus on one line) are cut at a safe size first so the
    // splitter's work stays linear; a cut lands on whitespace.
    const CHUNK: usize = 64 * 1024;
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < slice.len() {
        let mut end = (offset + CHUNK).min(slice.len());
        if end < slice.len() {
            while end > offset && !slice.is_char_boundary(end) {
                end -= 1;
            }
            if let Some(ws) = slice[offset..end].rfind(char::is_whitespace) {
                if ws > 0 {
                    end = offset + ws;
                }
            }
        }
        let part = &slice[offset..end];
        for b in sentencex::get_sentence_boundaries("en", part) {
            let s = trim_span(
                text,
                Span::new(
                    block.start + offset + b.start_byte,
                    block.start + offset + b.end_byte,
                ),
            );
            if !s.is_empty() {
                out.push(s);
            }
        }
        offset = end;
    }
    split_dateline(text, split_run_ons(text, fix_splits(text, out)))
}

/// Splits what the sentence splitter keeps together after a stray quote mark: in
/// "finances. "In order to ... election." Mr Letwin accused ... failures. Vincent Cable
/// called ...", it pairs the quotes wrongly and reads the rest of the paragraph as one
/// quotation. A sentence end ("." "!" "?" after a word that is no abbreviation or
/// initial), a space, then a capital (or an opening quote and a capital) starts a new
/// sentence, inside a quotation too, as UD English EWT splits quoted sentences. A quote
/// mark left dangling at the start of a sentence (a closing quote, followed by a space)
/// goes back to the sentence before it.
fn split_run_ons(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        let mut start = s.start;
        let slice = &text[s.start..s.end];
        let mut chars = slice.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let after = &slice[k + c.len_utf8()..];
            let rest = after.trim_start();
            if rest.len() == after.len() || rest.is_empty() {
                continue;
            }
            let mut next = rest.chars();
            let first = next.next().unwrap_or(' ');
            let capital = first.is_uppercase()
                || is_quote(first) && next.next().is_some_and(char::is_uppercase);
            let word_start = slice[..k]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(w, c)| w + c.len_utf8())
                .max(start - s.start);
            let word = &slice[word_start..k + c.len_utf8()];
            let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
            if !capital || letters == 0 || c == '.' && (is_abbreviation(word) || is_initial(word)) {
                continue;
            }
            let end = s.start + k + c.len_utf8();
            let next_start = s.end - rest.len();
            out.push(Span::new(start, end));
            start = next_start;
            while chars.peek().is_some_and(|&(j, _)| s.start + j < next_start) {
                chars.next();
            }
        }
        out.push(Span::new(start, s.end));
    }
    // A dangling closing quote: `" Mr Letwin accused` after `... election."`.
    for k in 1..out.len() {
        let sentence = &text[out[k].start..out[k].end];
        let mut cs = sentence.chars();
        let (Some(q), Some(ws)) = (cs.next(), cs.next()) else {
            continue;
        };
        let between = &text[out[k - 1].end..out[k].start];
        if is_quote(q) && ws.is_whitespace() && between.trim().is_empty() {
            out[k - 1].end = out[k].start + q.len_utf8();
            let rest = &text[out[k].start + q.len_utf8()..out[k].end];
            out[k].start = out[k].end - rest.trim_start().len();
        }
    }
    // An opening quote left at the end of the sentence before: `optimistic. "` then
    // `It's going to take ...`, where the text reads `optimistic. "It's going`.
    for k in 1..out.len() {
        let prev = &text[out[k - 1].start..out[k - 1].end];
        let Some(q) = prev.chars().next_back() else {
            continue;
        };
        let body = prev[..prev.len() - q.len_utf8()].trim_end();
        let spaced = body.len() < prev.len() - q.len_utf8();
        if is_quote(q) && spaced && !body.is_empty() && out[k].start == out[k - 1].end {
            out[k].start -= q.len_utf8();
            out[k - 1].end = out[k - 1].start + body.len();
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// A wire dateline opening a block ("KYIV, Ukraine (AP) — Russian forces attacked ...")
/// is a sentence of its own: the parser then sees the sentence as written after it, and
/// the dateline's place names do not become the subject of its verb.
fn split_dateline(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    let Some(first) = spans.first().copied() else {
        return spans;
    };
    if let Some(body) = dateline_end(&text[first.start..first.end]) {
        let dash_end = first.start + body;
        let head = trim_span(text, Span::new(first.start, dash_end));
        let rest = trim_span(text, Span::new(dash_end, first.end));
        if !head.is_empty() && !rest.is_empty() {
            spans.splice(0..1, [head, rest]);
        }
    }
    spans
}

/// Where the body starts after a dateline: up to six capitalized words (place names,
/// commas, an agency in brackets: "GENEVA (AP)", "KYIV, Ukraine (Reuters)") and then a
/// dash (— – or --) followed by a space.
fn dateline_end(s: &str) -> Option<usize> {
    let dash = s
        .char_indices()
        .take_while(|&(i, _)| i < 80)
        .find(|&(i, c)| {
            (c == '—' || c == '–' || (c == '-' && s[i + 1..].starts_with('-')))
                && s[..i].ends_with(' ')
        })?
        .0;
    let after = s[dash..].find(' ').map(|k| dash + k)?;
    if s[dash..after]
        .chars()
        .any(|c| !matches!(c, '—' | '–' | '-'))
    {
        return None;
    }
    let prefix = s[..dash].trim();
    let words: Vec<&str> = prefix
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let ok = !words.is_empty()
        && words.len() <= 6
        && words[0]
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '.'));
            w.chars().next().is_some_and(|c| c.is_uppercase())
        });
    ok.then_some(after + 1)
}

/// Join sentence pieces that the splitter cut where no sentence ends: after a title
/// abbreviation ("Gen.", "Mr.") or a country abbreviation ("U.S.") followed by a
/// lowercase word or a name.
fn fix_splits(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(prev) = out.last_mut() {
            let before = &text[prev.start..prev.end];
            let after = &text[s.start..s.end];
            let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let join = (is_abbreviation(last_word)
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()))
                || is_title_abbreviation(last_word)
                || is_initial(last_word);
            if join {
                prev.end = s.end;
                continue;
            }
        }
        out.push(s);
    }
    out
}

fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w.trim_start_matches(['(', '"', '“']),
        "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "Gen."
            | "Lt."
            | "Col."
            | "Sgt."
            | "Capt."
            | "Maj."
            | "Adm."
            | "Gov."
            | "Sen."
            | "Rep."
            | "Rev."
            | "Prof."
            | "Sr."
            | "Jr."
            | "St."
            | "Pres."
            | "Amb."
            | "Cmdr."
            | "Insp."
    )
}

fn is_abbreviation(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '"', '“']);
    is_title_abbreviation(w)
        || matches!(
            w,
            "Jan."
                | "Feb."
                | "Mar."
                | "Apr."
                | "Aug."
                | "Sept."
                | "Sep."
                | "Oct."
                | "Nov."
                | "Dec."
                | "No."
                | "vs."
                | "etc."
                | "Inc."
                | "Corp."
                | "Ltd."
                | "Co."
        )
        || is_dotted_acronym(w)
}

/// A middle initial: "W." in "George W. Bush".
fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// "U.S.", "U.N.", "D.C.": single letters each followed by a dot.
pub fn is_dotted_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|c| c[0].is_ascii_alphabetic() && c[1] == b'.')
}

/// Token spans of a short text (a table entry), tokenized as article text is.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), 0, &mut out);
    out.into_iter().map(|t| t.span).collect()
}

/// Tokenize one sentence the way UD English EWT does, so the parser sees the tokens it was
/// trained on (see the module docs for the rules and where they deviate).
fn tokenize_into(text: &str, s: Span, sentence: usize, out: &mut Vec<Token>) {
    let slice = &text[s.start..s.end];
    // (Room for one char per byte: never grown.)
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(slice.len());
    chars.extend(slice.char_indices());
    let n = chars.len();
    // An e-mail address needs an '@': without one in the sentence, only a word starting
    // like "http" or "www" can begin an address (a test per word instead of a scan).
    let maybe_mail = slice.as_bytes().contains(&b'@');
    let end_of = |i: usize| if i < n { chars[i].0 } else { slice.len() };
    let mut push = |a: usize, b: usize| {
        out.push(Token::new(Span::new(s.start + a, s.start + b), sentence));
    };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            // A run of one mark ("...", "--", "!!", "***") is one token, as in EWT; brackets
            // and quotes always stand alone.
            let mut j = i + 1;
            if !is_bracket_or_quote(c) {
                while j < n && chars[j].1 == c {
                    j += 1;
                }
            }
            push(chars[i].0, end_of(j));
            i = j;
            continue;
        }
        let maybe_web = matches!(c, 'h' | 'H' | 'w' | 'W');
        if let Some(j) = (maybe_mail || maybe_web)
            .then(|| address_end(slice, &chars, i))
            .flatten()
        {
            push(chars[i].0, end_of(j));
            i = j;
            continue;
        }
        let j = word_end(slice, &chars, i);
        let (a, b) = (chars[i].0, end_of(j));
        match clitic_cut(&slice[a..b]) {
            Some(cut) => {
                push(a, a + cut);
                push(a + cut, b);
            }
            None => push(a, b),
        }
        i = j;
    }
}

/// The end (char index, exclusive) of the word starting at `chars[start]`, an
/// alphanumeric character: letters, digits and combining marks, with the inner
/// punctuation that EWT keeps inside a token.
fn word_end(slice: &str, chars: &[(usize, char)], start: usize) -> usize {
    let n = chars.len();
    let mut j = start + 1;
    while j < n {
        let cj = chars[j].1;
        if cj.is_alphanumeric() || is_combining(cj) {
            j += 1;
            continue;
        }
        let Some(&(_, next)) = chars.get(j + 1) else {
            break;
        };
        let prev = chars[j - 1].1;
        let digits = prev.is_ascii_digit() && next.is_ascii_digit();
        let inner = match cj {
            // O'Brien, and the clitics that [`clitic_cut`] splits off again.
            '\'' | '’' => next.is_alphanumeric(),
            // 100,000; 3.5 and U.S; 10:30 and 9/11 and 11/28/2000.
            ',' | ':' | '/' => digits,
            '.' => next.is_alphanumeric() && (digits || single_letter_run(chars, start, j)),
            // AT&T, S&P, PG&E.
            '&' => prev.is_uppercase() && next.is_uppercase(),
            // Prefixes EWT keeps joined: "anti-war", "non-profit", "re-elected".
            '-' => next.is_lowercase() && is_joined_prefix(&slice[chars[start].0..chars[j].0]),
            _ => false,
        };
        if !inner {
            break;
        }
        j += 2;
    }
    // Trailing dot of a dotted acronym or a title abbreviation: "U.S.", "Gen."
    if j < n && chars[j].1 == '.' {
        let end = chars.get(j + 1).map_or(slice.len(), |c| c.0);
        let word = &slice[chars[start].0..end];
        if is_dotted_acronym(word) || is_abbreviation(word) || is_initial(word) {
            j += 1;
        }
    }
    j
}

fn is_bracket_or_quote(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '{' | '}' | '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»'
    )
}

/// The end of a web address or e-mail address starting at `chars[start]` ("www.bbc.co.uk",
/// "https://example.org/a?b=c", "press@nato.int"): one token, as in EWT, without the
/// punctuation that closes the sentence or a bracket around it.
fn address_end(slice: &str, chars: &[(usize, char)], start: usize) -> Option<usize> {
    let rest = &slice[chars[start].0..];
    let run_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let run = &rest[..run_len];
    let web = ["http://", "https://", "www."].iter().any(|p| {
        run.len() > p.len()
            && run
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    });
    let mail = run.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || "._-+".contains(c))
            && domain.contains('.')
    });
    if !web && !mail {
        return None;
    }
    let trimmed = run.trim_end_matches(|c: char| ".,;:!?)]}\"'”’»".contains(c));
    let end_byte = chars[start].0 + trimmed.len();
    Some(start + slice[chars[start].0..end_byte].chars().count())
}

/// Combining marks (decomposed accents) belong to the word they follow.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}' | '\u{200c}' | '\u{200d}')
}

/// Hyphenated prefixes that UD English EWT keeps in one token with a lowercase word
/// after them (counted in its train split: "e-mail", "non-profit", "anti-war", ...).
/// Other hyphens are tokens of their own ("U.S.-led" -> U.S. - led, "well-known").
/// "co-" and "ex-" are split although EWT joins them: in news they mostly precede a
/// title ("co-chairman Liam Fox", "ex-finance chief Scott Sullivan"), and the title rules
/// find "chairman" and "finance chief" only as tokens of their own.
fn is_joined_prefix(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "anti", "counter", "cross", "e", "inter", "intra", "micro", "mid", "multi", "neo", "non",
        "over", "post", "pre", "pro", "re", "semi", "socio", "sub", "un",
    ];
    word.len() <= 7 && PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// In "U.S" every piece before `j` is one letter followed by a dot.
fn single_letter_run(chars: &[(usize, char)], start: usize, j: usize) -> bool {
    chars[start..j].iter().enumerate().all(|(k, &(_, c))| {
        if k % 2 == 0 {
            c.is_alphabetic()
        } else {
            c == '.'
        }
    })
}

/// Clitics that EWT writes as a word of their own, after an apostrophe (straight or
/// curly) and matched without case: possessive and "is"/"has" 's, n't, 'm, 're, 've,
/// 'll, 'd.
const CLITICS: &[&str] = &["n't", "'s", "'m", "'re", "'ve", "'ll", "'d"];

/// Words EWT splits without an apostrophe: "cannot" -> can not, "gonna" -> gon na.
const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// Byte index where a word's clitic starts: "Russia's" -> 6, "don't" -> 2, "can't" ->
/// 2 ("ca" + "n't", as EWT has it), "I'm" -> 1, "cannot" -> 3.
fn clitic_cut(word: &str) -> Option<usize> {
    if let Some(&(_, cut)) = FUSED.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)) {
        return Some(cut);
    }
    // Every clitic has an apostrophe, which only ' and ’ match: most words have neither.
    if !word.contains(['\'', '’']) {
        return None;
    }
    let n = word.chars().count();
    CLITICS.iter().find_map(|clitic| {
        let k = clitic.chars().count();
        if n <= k {
            return None;
        }
        // The last k characters (no per-word Vec of chars: this runs for every word).
        let (start, _) = word.char_indices().nth(n - k)?;
        let same = word[start..].chars().zip(clitic.chars()).all(|(c, want)| {
            let c = if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            };
            c == want
        });
        same.then_some(start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;

    /// As the text reader does: the first non-empty line is the title.
    fn seg(text: &str) -> Doc {
        let title = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(String::from);
        let mut d = Doc::new(Article {
            id: "t".into(),
            text: text.into(),
            title,
            ..Default::default()
        });
        Segmenter.apply(&mut d);
        d
    }

    fn sentences(d: &Doc) -> Vec<&str> {
        d.sentences.iter().map(|s| d.slice(s.span)).collect()
    }

    fn tokens(d: &Doc) -> Vec<&str> {
        d.tokens.iter().map(|t| d.slice(t.span)).collect()
    }

    #[test]
    fn abbreviations_and_quotes_do_not_end_sentences() {
        let d = seg("Wendy Sherman, the U.S. deputy secretary of state, met Gen. Mark Milley on Jan. 5. Mr. Ryabkov said: “We are ready.” Then he left.");
        assert_eq!(
            sentences(&d),
            vec![
                "Wendy Sherman, the U.S. deputy secretary of state, met Gen. Mark Milley on Jan. 5.",
                "Mr. Ryabkov said: “We are ready.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn a_stray_quote_does_not_swallow_the_sentences_after_it() {
        // The splitter pairs the quote before "In" with the one that opened the quotation,
        // then reads "Mr Letwin accused ..." as a quotation running on to the end.
        let d = seg("Mr Letwin said: \"No forecaster believes it. \"In order to deal with that he will raise taxes.\" Mr Letwin accused the chancellor of using statistics. Vincent Cable called on Mr Brown to act. \"It is very clear,\" Mr Cable said.");
        assert_eq!(
            sentences(&d),
            vec![
                "Mr Letwin said: \"No forecaster believes it.",
                "\"In order to deal with that he will raise taxes.\"",
                "Mr Letwin accused the chancellor of using statistics.",
                "Vincent Cable called on Mr Brown to act.",
                "\"It is very clear,\" Mr Cable said."
            ]
        );
        // Any whitespace, however many bytes it takes.
        let d = seg("a\u{2000}<?  'B. \u{2000}x\u{3000}y. Z");
        assert_eq!(
            sentences(&d),
            vec!["a\u{2000}<?  '", "B. \u{2000}x\u{3000}y.", "Z"]
        );
        // Abbreviations and initials inside a quotation still do not end a sentence.
        let d =
            seg("He said: \"Ask Mr. Smith and George W. Bush about the U.S. Army. They know.\"");
        assert_eq!(
            sentences(&d),
            vec![
                "He said: \"Ask Mr. Smith and George W. Bush about the U.S. Army.",
                "They know.\""
            ]
        );
    }

    #[test]
    fn tokens_keep_acronyms_and_split_possessives() {
        let d = seg("The U.S. and Ukraine’s 100,000 troops, NATO-Russia talks don't stop.");
        assert_eq!(
            tokens(&d),
            vec![
                "The", "U.S.", "and", "Ukraine", "’s", "100,000", "troops", ",", "NATO", "-",
                "Russia", "talks", "do", "n't", "stop", "."
            ]
        );
    }

    /// A token's text and its character offsets (start, end).
    type Tok<'a> = (&'a str, usize, usize);

    /// Tokens of `text` with their character offsets.
    fn tokens_with_offsets(text: &str) -> Vec<Tok<'_>> {
        let char_at = |b: usize| text[..b].chars().count();
        tokenize(text)
            .into_iter()
            .map(|s| (&text[s.start..s.end], char_at(s.start), char_at(s.end)))
            .collect()
    }

    /// Clitics, hyphens and punctuation as UD English EWT tokenizes them (checked against
    /// its train split), each token with its character offsets into the text.
    #[test]
    fn clitics_split_as_ewt_does_with_offsets() {
        #[rustfmt::skip]
        let cases: &[(&str, &[Tok])] = &[
            ("Russia's", &[("Russia", 0, 6), ("'s", 6, 8)]),
            ("Russia’s demands", &[("Russia", 0, 6), ("’s", 6, 8), ("demands", 9, 16)]),
            ("don't", &[("do", 0, 2), ("n't", 2, 5)]),
            ("DON'T", &[("DO", 0, 2), ("N'T", 2, 5)]),
            ("can't", &[("ca", 0, 2), ("n't", 2, 5)]),
            ("won’t", &[("wo", 0, 2), ("n’t", 2, 5)]),
            ("I'm", &[("I", 0, 1), ("'m", 1, 3)]),
            ("we're", &[("we", 0, 2), ("'re", 2, 5)]),
            ("They’ve", &[("They", 0, 4), ("’ve", 4, 7)]),
            ("you'll", &[("you", 0, 3), ("'ll", 3, 6)]),
            ("he'd", &[("he", 0, 2), ("'d", 2, 4)]),
            ("cannot", &[("can", 0, 3), ("not", 3, 6)]),
            ("gonna", &[("gon", 0, 3), ("na", 3, 5)]),
            ("allies' talks", &[("allies", 0, 6), ("'", 6, 7), ("talks", 8, 13)]),
            ("O'Brien's", &[("O'Brien", 0, 7), ("'s", 7, 9)]),
            ("Côte d'Ivoire", &[("Côte", 0, 4), ("d'Ivoire", 5, 13)]),
            ("U.S.-led", &[("U.S.", 0, 4), ("-", 4, 5), ("led", 5, 8)]),
            ("well-known", &[("well", 0, 4), ("-", 4, 5), ("known", 5, 10)]),
            ("anti-war re-elected", &[("anti-war", 0, 8), ("re-elected", 9, 19)]),
            ("co-chairman", &[("co", 0, 2), ("-", 2, 3), ("chairman", 3, 11)]),
            ("pro-Russian", &[("pro", 0, 3), ("-", 3, 4), ("Russian", 4, 11)]),
            ("Secretary-General", &[("Secretary", 0, 9), ("-", 9, 10), ("General", 10, 17)]),
            ("al-Assad", &[("al", 0, 2), ("-", 2, 3), ("Assad", 3, 8)]),
            ("at 10:30 on 9/11", &[("at", 0, 2), ("10:30", 3, 8), ("on", 9, 11), ("9/11", 12, 16)]),
            ("$100,000 (3.5%)", &[("$", 0, 1), ("100,000", 1, 8), ("(", 9, 10), ("3.5", 10, 13), ("%", 13, 14), (")", 14, 15)]),
            ("AT&T and S&P", &[("AT&T", 0, 4), ("and", 5, 8), ("S&P", 9, 12)]),
            ("wait... no -- yes!!", &[("wait", 0, 4), ("...", 4, 7), ("no", 8, 10), ("--", 11, 13), ("yes", 14, 17), ("!!", 17, 19)]),
            ("Gen. Milley, Mr. Biden", &[("Gen.", 0, 4), ("Milley", 5, 11), (",", 11, 12), ("Mr.", 13, 16), ("Biden", 17, 22)]),
            ("Zelensky’s “peace”", &[("Zelensky", 0, 8), ("’s", 8, 10), ("“", 11, 12), ("peace", 12, 17), ("”", 17, 18)]),
            ("see www.bbc.co.uk/news, or press@nato.int.", &[("see", 0, 3), ("www.bbc.co.uk/news", 4, 22), (",", 22, 23), ("or", 24, 26), ("press@nato.int", 27, 41), (".", 41, 42)]),
            ("(“Hi”)", &[("(", 0, 1), ("“", 1, 2), ("Hi", 2, 4), ("”", 4, 5), (")", 5, 6)]),
            ("Cafe\u{301} Erdoğan's", &[("Cafe\u{301}", 0, 5), ("Erdoğan", 6, 13), ("'s", 13, 15)]),
        ];
        for (text, want) in cases {
            assert_eq!(&tokens_with_offsets(text), want, "tokens of {text:?}");
        }
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own() {
        let d = seg("Title\n\nKYIV, Ukraine (AP) — Russian forces attacked Ukraine on Thursday. Nobody knew.");
        assert_eq!(
            sentences(&d),
            vec![
                "Title",
                "KYIV, Ukraine (AP) —",
                "Russian forces attacked Ukraine on Thursday.",
                "Nobody knew."
            ]
        );
        let d = seg("Title\n\nGENEVA -- Talks began.");
        assert_eq!(sentences(&d), vec!["Title", "GENEVA --", "Talks began."]);
        // Not a dateline: lowercase words before the dash, or no capital to open it.
        for t in [
            "The talks — which began on Monday — ended.",
            "Moscow said talks — not war — were the way.",
        ] {
            assert_eq!(sentences(&seg(&format!("Title\n\n{t}"))).len(), 2, "{t}");
        }
    }

    #[test]
    fn title_repeats_and_widgets_are_boilerplate() {
        let text = "Big news today\n\nBig news today\n\n  • Post author:\n  • Post category:News\n\nReal text here.\n\nLeave a Reply";
        let d = seg(text);
        assert_eq!(sentences(&d), vec!["Big news today", "Real text here."]);
        assert_eq!(d.boilerplate.len(), 4);
    }

    /// Issue 8 item 1: a text article's first line is its title, and a line equal to the
    /// title was boilerplate, so a one-line article had no text at all.
    #[test]
    fn a_title_is_read_once_so_a_one_line_article_has_a_sentence() {
        let d = seg("Angela Merkel met Emmanuel Macron in Paris.");
        assert_eq!(
            sentences(&d),
            vec!["Angela Merkel met Emmanuel Macron in Paris."]
        );
        assert!(d.boilerplate.is_empty());
        assert_eq!(d.title_line, Some(Span::new(0, d.text().len())));
        // Title given as metadata and repeated in the text (JSON Lines, web pages): the
        // first occurrence is read, the repeat is boilerplate.
        let mut d = Doc::new(Article {
            id: "t".into(),
            text: "Talks end\n\nTalks end\n\nBody.".into(),
            title: Some("Talks end".into()),
            ..Default::default()
        });
        Segmenter.apply(&mut d);
        assert_eq!(sentences(&d), vec!["Talks end", "Body."]);
        assert_eq!(d.boilerplate.len(), 1);
        assert_eq!(d.slice(d.boilerplate[0]), "Talks end");
        assert_eq!(d.boilerplate[0].start, "Talks end\n\n".len());
        assert_eq!(d.title_line, Some(Span::new(0, "Talks end".len())));
    }

    #[test]
    fn lines_do_not_run_together_but_wrapped_lines_do() {
        let d = seg("A headline without a stop\nBody starts here and\ncontinues here.");
        assert_eq!(
            sentences(&d),
            vec![
                "A headline without a stop",
                "Body starts here and\ncontinues here."
            ]
        );
    }

    #[test]
    fn empty_and_whitespace_texts_give_nothing() {
        assert!(seg("").sentences.is_empty());
        assert!(seg(" \n\t\n").tokens.is_empty());
    }
}
