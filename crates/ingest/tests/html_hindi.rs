//! Hand-written Hindi news pages (tests/data/html): clean body, metadata, no promotions.

use khabar_ingest::charset::decode_html;
use khabar_ingest::html::{BlockKind, DefaultExtractor, Extracted, Extractor};

fn page(name: &str) -> Extracted {
    let path = format!("{}/tests/data/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("test page");
    let html = decode_html(&bytes, None);
    DefaultExtractor.extract(&html, None)
}

/// Lines no page may let through.
const NEVER: &[&str] = &[
    "ये भी पढ़",
    "यह भी पढ़ें",
    "कुकीज़",
    "फॉलो करें",
    "जुड़ें",
    "डाउनलोड करें",
    "सर्वाधिकार",
    "होम",
    "शेयर करें",
    "We use cookies",
    "टिप्पणियां",
    "संबंधित खबरें",
    "फोटो",
];

fn check(e: &Extracted, must: &[&str], n_paras: usize) {
    let text = e.text();
    for m in must {
        assert!(text.contains(m), "missing {m:?} in:\n{text}");
    }
    for n in NEVER {
        assert!(!text.contains(n), "boilerplate {n:?} kept in:\n{text}");
    }
    assert_eq!(
        e.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count(),
        n_paras,
        "{text}"
    );
    assert_eq!(e.language.as_deref(), Some("hi"));
}

#[test]
fn jsonld_article() {
    let e = page("hi1_jsonld_article.html");
    check(
        &e,
        &[
            "पटना में गुरुवार रात से",
            "112 मिलीमीटर",
            "WhatsApp पर पानी बढ़ने की सूचना",
            "बिजली के खंभों से दूर रहें।",
        ],
        5,
    );
    assert_eq!(
        e.title.as_deref(),
        Some("पटना में भारी बारिश से जलभराव, स्कूल दो दिन बंद")
    );
    assert_eq!(e.authors, vec!["अंकिता पांडे"]);
    assert_eq!(
        e.published.map(|p| p.to_string()).as_deref(),
        Some("2023-07-14T08:30:00+05:30")
    );
    assert_eq!(
        e.updated.map(|p| p.to_string()).as_deref(),
        Some("2023-07-14T11:05:00+05:30")
    );
    assert_eq!(e.site_name.as_deref(), Some("समाचार दर्पण"));
    assert_eq!(
        e.canonical_url.as_deref(),
        Some("https://samachar-darpan.example/bihar/patna-rain-schools-closed-101")
    );
    assert_eq!(
        e.captions,
        vec!["पटना की एक सड़क पर भरा पानी। फोटो: समाचार दर्पण"]
    );
}

#[test]
fn list_of_related_links_and_site_named_author() {
    let e = page("hi2_list_related.html");
    check(
        &e,
        &[
            "केंद्रीय मंत्रिमंडल ने शनिवार",
            "बटाईदार किसानों",
            "भुगतान की समय-सीमा",
        ],
        4,
    );
    assert!(e
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Heading && b.text == "किन किसानों को होगा फायदा"));
    assert!(!e.text().contains("गेहूं की सरकारी खरीद"));
    assert!(
        !e.text().contains("कैबिनेट ने दी मंजूरी"),
        "headline repeated in body"
    );
    assert_eq!(
        e.title.as_deref(),
        Some("किसानों को मिलेगा नया बीमा कवच, कैबिनेट ने दी मंजूरी")
    );
    // `<meta name=author>` names the outlet; the byline names the reporter.
    assert_eq!(e.authors, vec!["प्रिया गुप्ता"]);
    assert_eq!(
        e.published.map(|p| p.date().to_string()).as_deref(),
        Some("2024-02-03")
    );
}

#[test]
fn old_table_layout() {
    let e = page("hi3_table_layout.html");
    check(&e, &["सत्रह नगर निगमों", "आचार संहिता", "वीडियोग्राफी"], 3);
    assert!(!e.text().contains("राशिफल"));
    assert_eq!(e.authors, vec!["मनोज तिवारी"]);
    assert_eq!(
        e.published.map(|p| p.to_string()).as_deref(),
        Some("2022-03-12")
    );
    assert_eq!(e.title.as_deref(), Some("नगर निगम चुनाव की तारीखों का ऐलान"));
    assert_eq!(e.site_name.as_deref(), Some("जनपथ समाचार"));
}

#[test]
fn html5_main_with_share_bar_related_and_comments() {
    let e = page("hi4_html5_main.html");
    check(&e, &["दक्षिणी ध्रुव", "बीस प्रतिशत"], 3);
    assert!(e
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Quote && b.text.contains("मिट्टी के नमूने")));
    assert!(!e.text().contains("गगनयान"));
    assert!(!e.text().contains("जय हिंद"));
    assert_eq!(e.authors, vec!["रवि शास्त्री"]);
    assert_eq!(
        e.published.map(|p| p.to_string()).as_deref(),
        Some("2024-08-23T10:00:00+05:30")
    );
    assert_eq!(e.title.as_deref(), Some("चंद्रयान मिशन की अगली तैयारी शुरू"));
}

#[test]
fn wrong_declared_charset_and_language() {
    let e = page("hi5_wrong_lang.html");
    check(&e, &["वायरल संक्रमण", "मास्क पहनने", "हर सप्ताह"], 3);
    assert!(!e.text().contains("अस्पताल का एक दृश्य"));
    assert_eq!(e.authors, vec!["सीमा यादव"]);
    assert_eq!(
        e.published.map(|p| p.to_string()).as_deref(),
        Some("2021-11-05")
    );
    assert_eq!(
        e.title.as_deref(),
        Some("स्वास्थ्य मंत्रालय ने जारी की नई एडवाइजरी")
    );
}
