//! `newsgraph parse ARTICLES... [--format conllu|json]`: every sentence of every article
//! segmented, tagged, lemmatized and parsed, as CoNLL-U (character offsets of each token
//! into the article text in MISC, `TokenRange=START:END`, end-exclusive) or as one JSON
//! object per article. Unreadable inputs are reported and skipped (exit 1), as `extract`
//! does; output is in input order whatever the thread count.
//!
//! With `--pipeline` the articles go through `extract`'s pipeline first: the parse is the
//! one relations are read from (the words of recognized names read as proper nouns), and
//! each token in a mention names its entity (`Entity=person:tony-blair` in MISC, `entity`
//! in JSON), so a user can see why a sentence gives the relation it gives, or none.

use newsgraph::article::{self, read_inputs};
use newsgraph::conllu::{self, ConlluSentence, ConlluWord};
use newsgraph::doc::{Article, Doc};
use newsgraph::pipeline::Pipeline;
use newsgraph::segment::Segmenter;
use newsgraph::syntax::{stage::ParseStage, Syntax};
use newsgraph::{output, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively, sorted) or `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// `conllu` (default) or `json`.
    #[arg(long, default_value = "conllu", value_parser = ["conllu", "json"])]
    format: String,
    /// Syntax model (default: the built-in one).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// Recognize names first, as `extract` does, and parse with them; each token in a
    /// mention names its entity (MISC `Entity=...`, JSON `entity`).
    #[arg(long)]
    pipeline: bool,
    /// Write here (atomically) instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[command(flatten)]
    read: article::InputArgs,
}

#[derive(Serialize)]
struct JsonToken<'a> {
    id: usize,
    form: &'a str,
    lemma: &'a str,
    upos: newsgraph::syntax::Upos,
    head: usize,
    deprel: newsgraph::syntax::DepRel,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    start: usize,
    end: usize,
    tokens: Vec<JsonToken<'a>>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: &'a str,
    sentences: Vec<JsonSentence<'a>>,
}

/// Character offsets of every byte offset that starts or ends a token.
struct CharOffsets {
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    /// Advances to byte `b` (never backwards) and returns its character offset.
    fn at(&mut self, text: &str, b: usize) -> usize {
        if b > self.byte {
            self.chars += text[self.byte..b].chars().count();
            self.byte = b;
        }
        self.chars
    }
}

/// Per token, the entity of the mention it is in (the first such mention's).
fn token_entities(doc: &Doc) -> Vec<Option<&str>> {
    let mut out = vec![None; doc.tokens.len()];
    for m in &doc.mentions {
        if let Some(e) = m.entity.as_deref() {
            for i in m.tokens.clone() {
                if let Some(slot) = out.get_mut(i) {
                    slot.get_or_insert(e);
                }
            }
        }
    }
    out
}

fn write_doc(doc: &Doc, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let text = doc.text();
    let entities = token_entities(doc);
    let mut offsets = CharOffsets { byte: 0, chars: 0 };
    let mut sentences = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        if s.tokens.is_empty() {
            continue;
        }
        let first = s.tokens.start;
        let mut words = Vec::with_capacity(s.tokens.len());
        let mut jtokens = Vec::new();
        let sentence_start = offsets.at(text, doc.tokens[first].span.start);
        for i in s.tokens.clone() {
            let t = &doc.tokens[i];
            let start = offsets.at(text, t.span.start);
            let end = offsets.at(text, t.span.end);
            let head = t.head.map_or(0, |h| h as usize - first + 1);
            let next_start = doc.tokens.get(i + 1).map(|n| n.span.start);
            let joined = i + 1 < s.tokens.end && next_start == Some(t.span.end);
            if json {
                jtokens.push(JsonToken {
                    id: i - first + 1,
                    form: doc.token_text(i),
                    lemma: doc.lemma(i),
                    upos: t.upos,
                    head,
                    deprel: t.deprel,
                    start,
                    end,
                    entity: entities[i],
                });
            } else {
                let mut misc = format!("TokenRange={start}:{end}");
                if let Some(e) = entities[i] {
                    misc.push_str("|Entity=");
                    misc.push_str(e);
                }
                if joined {
                    misc.push_str("|SpaceAfter=No");
                }
                words.push(ConlluWord {
                    form: doc.token_text(i).to_string(),
                    lemma: doc.lemma(i).to_string(),
                    upos: Some(t.upos),
                    xpos: "_".into(),
                    feats: "_".into(),
                    head: Some(head as u32),
                    deprel: Some(t.deprel),
                    deps: "_".into(),
                    misc,
                });
            }
        }
        let sentence_end = offsets.at(text, doc.tokens[s.tokens.end - 1].span.end);
        if json {
            sentences.push(JsonSentence {
                start: sentence_start,
                end: sentence_end,
                tokens: jtokens,
            });
        } else {
            let mut comments = Vec::new();
            if k == 0 || sentences.is_empty() && words.is_empty() {
                comments.push(format!("newdoc id = {}", doc.article.id));
            }
            comments.push(format!("sent_id = {}#{}", doc.article.id, k + 1));
            let raw = &text[doc.tokens[first].span.start..doc.tokens[s.tokens.end - 1].span.end];
            comments.push(format!(
                "text = {}",
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
            conllu::write_sentence(
                out,
                &ConlluSentence {
                    comments,
                    words,
                    multiword: Vec::new(),
                    line: 0,
                },
            )?;
        }
    }
    if json {
        serde_json::to_writer(
            &mut *out,
            &JsonDoc {
                id: &doc.article.id,
                sentences,
            },
        )?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let model = match &args.model {
        Some(p) => Arc::new(Syntax::load(p)?),
        None => Syntax::builtin_arc(),
    };
    let stage = ParseStage::new(model.clone());
    let pipeline = args.pipeline.then(|| {
        Pipeline::builder()
            .syntax(Some(model))
            .parse_every_sentence()
            .build()
    });
    let json = args.format == "json";
    let opts = args.read.read_options();
    let mut reporter = article::Reporter::new(args.read.strict);
    let process = |a: Article| match &pipeline {
        Some(p) => p.process(a),
        None => {
            let mut doc = Doc::new(a);
            Segmenter.apply(&mut doc);
            stage.apply(&mut doc);
            doc
        }
    };
    let written = output::write_to(args.out.as_deref(), |out| {
        let mut batch = Vec::new();
        let flush = |batch: &mut Vec<Article>, out: &mut output::Out| -> Result<()> {
            let docs: Vec<Doc> = std::mem::take(batch).into_par_iter().map(process).collect();
            for d in &docs {
                write_doc(d, json, out).map_err(|e| out.error(e))?;
            }
            Ok(())
        };
        for item in read_inputs(&args.inputs, &opts) {
            match item {
                Ok(input) => {
                    batch.push(input.article);
                    if batch.len() >= 256 {
                        flush(&mut batch, out)?;
                    }
                }
                Err(problem) => reporter.report(problem, None)?,
            }
        }
        flush(&mut batch, out)
    });
    output::ok_if_pipe_closed(written)?;
    Ok(reporter.exit_code())
}
