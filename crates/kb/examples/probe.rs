//! Look names up in the embedded knowledge base and print the best candidates.
//!
//! ```text
//! cargo run -p khabar-kb --example probe -- पुतिन सीएसटीओ Almaty
//! ```

use khabar_kb::KnowledgeBase;

fn main() -> Result<(), khabar_kb::KbError> {
    let kb = KnowledgeBase::embedded()?;
    for q in std::env::args().skip(1) {
        let c = kb.lookup(&q);
        let top: Vec<String> = c
            .iter()
            .take(4)
            .map(|c| format!("{} {:.2} [{}]", c.id, c.score, c.matched_alias))
            .collect();
        let demonym = kb
            .demonym(&q)
            .map(|d| format!(" (demonym of {d})"))
            .unwrap_or_default();
        println!("{q}{demonym}: {} | {}", c.len(), top.join(" ; "));
    }
    Ok(())
}
