//! `khabar eval …` and `khabar train …`: quality figures on labelled data, and model training.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use khabar_analyze::Analyzer;
use khabar_model::ArticleId;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Main-content extraction against a benchmark folder (ScrapingHub: `ground-truth.json` +
    /// `html/`; WCXB: `ground-truth/*.json` + `html/`): precision, recall, F1 of the body; title,
    /// author and date accuracy where the ground truth has them; pages per second.
    Extract {
        #[arg(long)]
        dataset: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Transliteration retrieval: for each Latin name of a `latin<TAB>devanagari` file, is its
    /// partner the best-scoring Devanagari name? Reports accuracy@1.
    Translit {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Named entities against a CoNLL file (`token<TAB>tag`, BIO): precision, recall, F1 per type
    /// and micro-averaged, exact spans.
    Ner {
        #[arg(long)]
        conll: PathBuf,
        /// TSV of `file-tag<TAB>person|place|organisation` (default: IL-NER's NEP, NEL, NEO).
        #[arg(long)]
        tagmap: Option<PathBuf>,
        /// A model file instead of the one that ships with khabar.
        #[arg(long)]
        model: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Events against PLOVER gold records: event type and count accuracy.
    Events {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Story clustering against a JSONL file whose lines carry a gold `story` label: B-cubed and
    /// pairwise precision, recall, F1. Clusters from scratch; the store is not touched.
    Stories {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TrainCommand {
    /// Train the Hindi NER model on a CoNLL file (IL-NER tags) and write it.
    Ner {
        #[arg(long, default_value = "../shared/data/ner/il-ner-hindi/train.txt")]
        train: PathBuf,
        /// Development set used to choose the number of passes.
        #[arg(long)]
        dev: Option<PathBuf>,
        #[arg(long, default_value = "data/ner/hi-ner.bin")]
        out: PathBuf,
    },
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

pub fn eval(cmd: EvalCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        EvalCommand::Extract { dataset, json } => {
            let r = khabar_ingest::eval::eval_extract(&dataset)?;
            if json {
                let mut v = serde_json::to_value(&r)?;
                if let Some(o) = v.as_object_mut() {
                    o.remove("details");
                }
                serde_json::to_writer_pretty(&mut *out, &v)?;
                writeln!(out)?;
            } else {
                let opt = |x: Option<f64>| x.map(pct).unwrap_or_else(|| "—".into());
                writeln!(
                    out,
                    "{}: {} pages ({} empty)\n  body P {} R {} F1 {}\n  title {} · author {} · date {}\n  {:.1} pages/s ({:.2} ms/page)",
                    dataset.display(),
                    r.pages,
                    r.empty,
                    pct(r.precision),
                    pct(r.recall),
                    pct(r.f1),
                    opt(r.title_accuracy),
                    opt(r.author_accuracy),
                    opt(r.date_accuracy),
                    r.pages_per_second,
                    r.ms_per_page
                )?;
            }
        }
        EvalCommand::Translit { file, json } => {
            let r = khabar_text::names::eval_translit(&read(&file)?);
            if json {
                writeln!(out, "{}", r.to_json())?;
            } else {
                writeln!(
                    out,
                    "{}: {} pairs, accuracy@1 {} ({} ties counted wrong; {} with ties shared)",
                    file.display(),
                    r.pairs,
                    pct(r.accuracy_at_1),
                    r.ties,
                    pct(r.accuracy_at_1_ties_shared)
                )?;
                for (q, want, got) in r.misses.iter().take(10) {
                    writeln!(out, "  miss: {q} → {got} (expected {want})")?;
                }
            }
        }
        EvalCommand::Ner {
            conll,
            tagmap,
            model,
            json,
        } => {
            let m = match &model {
                Some(p) => khabar_analyze::ner::Model::load(p)?,
                None => khabar_analyze::ner::Model::embedded()?,
            };
            let tm = tagmap.as_deref().map(read).transpose()?;
            let r = khabar_analyze::ner::eval::eval_conll(&read(&conll)?, tm.as_deref(), &m)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &r)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {} sentences, {} tokens",
                    conll.display(),
                    r.sentences,
                    r.tokens
                )?;
                writeln!(
                    out,
                    "{:<14} {:>9} {:>9} {:>9}",
                    "type", "precision", "recall", "F1"
                )?;
                for (t, s) in &r.per_type {
                    writeln!(
                        out,
                        "{t:<14} {:>9} {:>9} {:>9}",
                        pct(s.precision),
                        pct(s.recall),
                        pct(s.f1)
                    )?;
                }
                let s = &r.micro;
                writeln!(
                    out,
                    "{:<14} {:>9} {:>9} {:>9}",
                    "micro",
                    pct(s.precision),
                    pct(s.recall),
                    pct(s.f1)
                )?;
            }
        }
        EvalCommand::Events { file, json } => {
            let r = khabar_analyze::facts::eval_plover(&file)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &r)?;
                writeln!(out)?;
            } else {
                let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
                writeln!(
                    out,
                    "{}: {} gold events; type found {} ({}), first event right {} ({}); no event {}; {} events extracted, {} of another type",
                    file.display(),
                    r.records,
                    r.type_found,
                    pct(ratio(r.type_found, r.records)),
                    r.type_first,
                    pct(ratio(r.type_first, r.records)),
                    r.no_event,
                    r.predicted,
                    r.extra
                )?;
                writeln!(
                    out,
                    "counts (dead, injured, size): {} of {} right ({})",
                    r.count_right,
                    r.count_fields,
                    pct(ratio(r.count_right, r.count_fields))
                )?;
                for t in &r.per_type {
                    writeln!(out, "  {:<12} {:>4} of {:>4}", t.event, t.found, t.records)?;
                }
            }
        }
        EvalCommand::Stories { file, json } => {
            let r = eval_stories(&file)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &r)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {} articles, {} gold stories, {} predicted\n  B-cubed  P {} R {} F1 {}\n  pairwise P {} R {} F1 {}",
                    file.display(),
                    r.articles,
                    r.gold_stories,
                    r.predicted_stories,
                    pct(r.bcubed.precision),
                    pct(r.bcubed.recall),
                    pct(r.bcubed.f1),
                    pct(r.pairwise.precision),
                    pct(r.pairwise.recall),
                    pct(r.pairwise.f1)
                )?;
            }
        }
    }
    Ok(())
}

/// Read a labelled JSONL file into documents (through the real ingest and analysis) and score
/// the clustering of them.
fn eval_stories(file: &Path) -> Result<khabar_story::eval::StoryEvalReport> {
    let text = read(file)?;
    let analyzer = Analyzer::new().context("loading the knowledge base and models")?;
    let origin = file.display().to_string();
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{origin}: line {}: not JSON", i + 1))?;
        let label = match &v["story"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => bail!("{origin}: line {}: no gold `story` label", i + 1),
        };
        let raw = khabar_ingest::jsonl::parse_line(line, &origin, i + 1)?;
        let doc = match khabar_ingest::build_document(raw) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("skipped: {e}");
                continue;
            }
        };
        let a = analyzer.analyze(&doc);
        gold.push((ArticleId(doc.id.0.clone()), label));
        docs.push((doc, Some(a)));
    }
    Ok(khabar_story::eval::eval_docs(
        &docs,
        &gold,
        &khabar_story::Config::default(),
    ))
}

pub fn train(cmd: TrainCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        TrainCommand::Ner {
            train,
            dev,
            out: path,
        } => {
            let r = khabar_analyze::ner::train_from_files(&train, dev.as_deref(), &path)?;
            writeln!(
                out,
                "trained on {} sentences ({} tokens) in {:.1} s: {} passes (best {}), {} features, {} bytes → {}",
                r.sentences,
                r.tokens,
                r.seconds,
                r.epochs,
                r.best_epoch,
                r.features,
                r.model_bytes,
                path.display()
            )?;
            if let Some(d) = &r.dev {
                writeln!(out, "dev micro F1 {}", pct(d.micro.f1))?;
            }
        }
    }
    Ok(())
}
