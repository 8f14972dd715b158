//! The linker on the 108 pages of the Hindi webcorpus (`../shared/data/hindi-news/webcorpus/`):
//! how many mentions link to the knowledge base, how many new entities form, a sample to check by
//! eye, and the speed (run with `--release -- --nocapture` for the figures).

use khabar_analyze::entities::EntityLinker;
use khabar_model::{EntityRef, Mention, MentionRelation, Sentence};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/hindi-news/webcorpus"
);

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

type Linked = (Vec<Mention>, Vec<EntityRef>);

fn run(linker: &EntityLinker, texts: &[(Vec<Sentence>, String)]) -> Vec<Linked> {
    texts.iter().map(|(s, t)| linker.link(t, s, "hi")).collect()
}

#[test]
fn webcorpus_linking() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut paths = Vec::new();
    files(dir, &mut paths);
    let texts: Vec<(Vec<Sentence>, String)> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            let s = khabar_text::sentences(&t)
                .into_iter()
                .map(|span| Sentence { span })
                .collect();
            (s, t)
        })
        .collect();
    let linker = EntityLinker::new().expect("linker");
    let first = run(&linker, &texts);
    // One name is one entity in an article: no two new entities of one article share the name
    // they are written with (a name tagged a person in one sentence and a place in another).
    for (ai, (_, es)) in first.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for e in es.iter().filter(|e| !e.in_kb) {
            let name = e.name_hi.as_deref().unwrap_or(&e.name);
            assert!(
                seen.insert(name),
                "{}: two entities named {name}: {es:#?}",
                paths[ai].display()
            );
        }
    }
    // Speed: a few passes over the corpus.
    let passes = 3;
    let t0 = Instant::now();
    for _ in 0..passes {
        let again = run(&linker, &texts);
        assert_eq!(again, first, "linking is deterministic");
    }
    let secs = t0.elapsed().as_secs_f64();
    let per_s = (passes * texts.len()) as f64 / secs;
    // The same without the NER model, and the NER model alone.
    let plain = EntityLinker::without_ner().expect("linker");
    let t1 = Instant::now();
    for _ in 0..passes {
        run(&plain, &texts);
    }
    let per_s_plain = (passes * texts.len()) as f64 / t1.elapsed().as_secs_f64();
    let model = khabar_analyze::ner::Model::embedded().ok();
    let t2 = Instant::now();
    if let Some(m) = &model {
        for _ in 0..passes {
            for (_, t) in &texts {
                std::hint::black_box(m.spans(t));
            }
        }
    }
    let per_s_ner = (passes * texts.len()) as f64 / t2.elapsed().as_secs_f64();
    eprintln!("speed: {per_s:.0} articles/s with NER, {per_s_plain:.0} without, NER spans alone {per_s_ner:.0}");

    let (mut kb_mentions, mut new_mentions, mut related) = (0, 0, 0);
    let mut new_entities: BTreeSet<String> = BTreeSet::new();
    let mut kb_entities: BTreeSet<String> = BTreeSet::new();
    let mut new_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut all: Vec<(usize, &Mention, &EntityRef)> = Vec::new();
    for (ai, ((ms, es), (_, text))) in first.iter().zip(&texts).enumerate() {
        let mut last_end = 0;
        for m in ms {
            assert_eq!(m.span.slice(text), Some(m.text.as_str()));
            assert!(m.span.start >= last_end, "mentions overlap");
            last_end = m.span.end;
            let e = es
                .iter()
                .find(|e| Some(&e.id) == m.entity.as_ref())
                .expect("every mention's entity is listed");
            if m.relation == MentionRelation::RelatedTo {
                related += 1;
            } else if e.in_kb {
                kb_mentions += 1;
                kb_entities.insert(e.id.0.clone());
            } else {
                new_mentions += 1;
                new_entities.insert(e.id.0.clone());
                *new_names.entry(e.name.clone()).or_default() += 1;
            }
            all.push((ai, m, e));
        }
    }
    eprintln!(
        "webcorpus: {} articles, {} mentions: {kb_mentions} linked to the KB ({} entries), {related} related (demonyms), {new_mentions} to {} new entities; {per_s:.0} articles/s (ner: {})",
        texts.len(),
        all.len(),
        kb_entities.len(),
        new_entities.len(),
        linker.has_ner()
    );
    let mut top: Vec<(&String, &usize)> = new_names.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    eprintln!(
        "most mentioned new entities: {:?}",
        &top[..top.len().min(30)]
    );
    // Twenty mentions spread over the corpus, to check by eye.
    let step = (all.len() / 20).max(1);
    for (ai, m, e) in all.iter().step_by(step).take(20) {
        let text = &texts[*ai].1;
        let from = text.floor_char_boundary(m.span.start.saturating_sub(60));
        let to = text.ceil_char_boundary((m.span.end + 40).min(text.len()));
        let ctx = text[from..to].replace('\n', " ");
        eprintln!(
            "SAMPLE [{}] {:?} -> {} {} ({}, {:?}) | {ctx}",
            paths[*ai]
                .strip_prefix(dir)
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            m.text,
            e.id,
            e.name,
            e.kind.as_str(),
            m.relation
        );
    }
    assert!(kb_mentions > 0);
}
