//! What a store's space goes to (issue #17): pages per table and index (SQLite's `dbstat`), and
//! per large column the bytes stored and the bytes of the plain values they hold (a zstd frame
//! unpacked), so one run shows the space before and after packing.
//!
//! ```text
//! # a store as the product writes it now, from any store's articles and analyses (put_articles
//! # in batches of 500, then one update_stories: the whole store grouped once)
//! cargo run --release -p khabar-store --example store_space -- copy OLD.db NEW.db
//! cargo run --release -p khabar-store --example store_space -- stat NEW.db
//! ```

use khabar_store::{SqliteStore, Store};
use std::path::Path;
use std::time::Instant;

type Error = Box<dyn std::error::Error>;

/// What a store's space goes to: pages per table and index (SQLite's `dbstat`), and per large
/// column the bytes stored and the bytes of the plain values they hold (a zstd frame unpacked).
fn stat(db: &Path) -> Result<(), Error> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let articles: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let file: i64 = conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
        [],
        |r| r.get(0),
    )?;
    println!(
        "{} | {articles} articles | file {:.1} MB = {:.1} KB per article",
        db.display(),
        file as f64 / 1e6,
        file as f64 / articles.max(1) as f64 / 1e3
    );
    println!("table or index | pages MB | KB per article");
    let mut stmt =
        conn.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (name, bytes) = row?;
        println!(
            "{name} | {:.1} | {:.2}",
            bytes as f64 / 1e6,
            bytes as f64 / articles.max(1) as f64 / 1e3
        );
    }
    println!("column | rows | stored MB | plain MB | KB stored per article");
    for (table, column) in [
        ("articles", "doc"),
        ("articles", "text"),
        ("analyses", "analysis"),
        ("story_features", "features"),
        ("stories", "story"),
    ] {
        // (a store from before schema 7 has no story_features)
        let Ok(mut stmt) = conn.prepare(&format!("SELECT CAST({column} AS BLOB) FROM {table}"))
        else {
            continue;
        };
        let mut rows = stmt.query([])?;
        let (mut n, mut stored, mut plain) = (0u64, 0u64, 0u64);
        while let Some(r) = rows.next()? {
            let b: Vec<u8> = r.get(0)?;
            n += 1;
            stored += b.len() as u64;
            plain += if b.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
                zstd::stream::decode_all(b.as_slice())?.len() as u64
            } else {
                b.len() as u64
            };
        }
        println!(
            "{table}.{column} | {n} | {:.1} | {:.1} | {:.2}",
            stored as f64 / 1e6,
            plain as f64 / 1e6,
            stored as f64 / articles.max(1) as f64 / 1e3
        );
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    let t = Instant::now();
    let old = SqliteStore::open(from)?;
    let all = old.articles_with_analyses()?;
    let mut new = SqliteStore::open(to)?;
    for batch in all.chunks(500) {
        new.put_articles(batch)?;
    }
    let u = new.update_stories(&khabar_story::Config::default())?;
    new.checkpoint()?;
    println!(
        "{} articles copied, {} stories, in {:.1} s",
        all.len(),
        u.stories.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1), args.get(2)) {
        (Some("stat"), Some(db), _) => stat(Path::new(db)),
        (Some("copy"), Some(from), Some(to)) => copy(Path::new(from), Path::new(to)),
        _ => Err("usage: store_space stat DB | copy OLD NEW".into()),
    }
}
