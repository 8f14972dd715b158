//! `khabar train ner` end to end: a tiny labelled file, silver texts from a list (a plain text,
//! a JSON-lines file, a held-back page), the model written and read back by `khabar eval ner`.

mod common;

use common::{khabar, stderr, stdout};

const TRAIN: &str = "रामू\tB-NEP\nने\tO\nकानपुर\tB-NEL\nमें\tO\nकहा\tO\n।\tO\n\n\
श्यामू\tB-NEP\nने\tO\nभोपाल\tB-NEL\nमें\tO\nकहा\tO\n।\tO\n\n\
मोहन\tB-NEP\nजनता\tB-NEO\nपार्टी\tI-NEO\nमें\tO\nहै\tO\n।\tO\n\n";

#[test]
fn trains_with_silver_texts_and_reads_the_model_back() {
    let dir = std::env::temp_dir().join(format!("khabar-train-ner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let train = dir.join("train.conll");
    std::fs::write(&train, TRAIN).unwrap();
    std::fs::write(
        dir.join("news.txt"),
        "कल वे लखनऊ में थे। नरेंद्र मोदी ने भोपाल में कहा।",
    )
    .unwrap();
    std::fs::write(dir.join("set.jsonl"), "{\"text\": \"पटना में बारिश हुई।\"}\n").unwrap();
    // A held-back page: its sentence is not read although news.txt has it too.
    std::fs::write(dir.join("held.txt"), "नरेंद्र मोदी ने भोपाल में कहा।").unwrap();
    let list = dir.join("silver.txt");
    std::fs::write(&list, "# sources\nnews.txt\nset.jsonl\n!held.txt\n").unwrap();
    let model = dir.join("m.bin");
    let args = |list: &std::path::Path| {
        vec![
            "train".to_string(),
            "ner".into(),
            "--train".into(),
            train.display().to_string(),
            "--out".into(),
            model.display().to_string(),
            "--silver".into(),
            list.display().to_string(),
            "--silver-root".into(),
            dir.display().to_string(),
        ]
    };
    let o = khabar().args(args(&list)).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // लखनऊ and पटना are marked; the held-back sentence is left out.
    assert!(out.contains("silver sentences: 2"), "{out}");
    let o = khabar()
        .args(["eval", "ner", "--json", "--model"])
        .arg(&model)
        .arg("--conll")
        .arg(&train)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["micro"]["gold"], 6, "{v}");

    // A list naming a missing file fails and names it.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "news.txt\nmissing.txt\n").unwrap();
    let o = khabar().args(args(&bad)).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}
