//! Test support: one test body run on both backends, and what the bodies need of the raw
//! tables.
//!
//! `both!(name, s, { … })` makes a module `name` with a test `sqlite` (a store in memory) and,
//! with the `postgres` feature, a test `postgres` on a fresh schema of the server named by
//! `KHABAR_TEST_PG` (dropped afterwards, so tests run in parallel). Without that variable the
//! PostgreSQL test prints why and passes, except under `CI`, where it fails.
//! Inside the body, `S` names the store's type. `both!(name, fresh open, { … })` gives the body
//! `open()`, which makes fresh stores of the backend instead.

use crate::db::{Backend, Cell};

macro_rules! both {
    // `open()` makes another fresh store of the same backend (its schema lives as long as the
    // test).
    ($name:ident, fresh $open:ident, $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                #[allow(dead_code)]
                type S = $crate::SqliteStore;
                let $open = || $crate::SqliteStore::open_in_memory().unwrap();
                $body
            }

            #[cfg(feature = "postgres")]
            #[test]
            fn postgres() {
                #[allow(dead_code)]
                type S = $crate::PgStore;
                if $crate::testkit::pg_url().is_none() {
                    return;
                }
                let schemas = std::cell::RefCell::new(Vec::new());
                let $open = || {
                    let (schema, store) = $crate::testkit::pg_store().unwrap();
                    schemas.borrow_mut().push(schema);
                    store
                };
                $body
            }
        }
    };
    ($name:ident, $s:ident, $body:block) => {
        both!($name, fresh open_store, {
            #[allow(unused_mut)]
            let mut $s = open_store();
            $body
        });
    };
}

/// What tests do to the tables directly.
pub(crate) trait Raw: Backend {
    /// Runs statements.
    fn raw(&self, sql: &str);
    /// Makes inserts of articles matching `cond` (SQL on the new row's columns, e.g.
    /// `title = 'boom'`) fail.
    fn refuse_articles(&self, cond: &str);
    /// Every row of a query, each cell shown as `Debug` (same types on both backends).
    fn rows(&self, sql: &str) -> Vec<String> {
        let mut db = self.plain().unwrap();
        db.query(sql, &[])
            .unwrap()
            .into_iter()
            .map(|r| show(&r.0))
            .collect()
    }
}

fn show(cells: &[Cell]) -> String {
    format!("{cells:?}")
}

impl Raw for crate::SqliteStore {
    fn raw(&self, sql: &str) {
        self.conn().execute_batch(sql).unwrap();
    }

    fn refuse_articles(&self, cond: &str) {
        self.raw(&format!(
            "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.{cond} \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ));
    }
}

#[cfg(feature = "postgres")]
impl Raw for crate::PgStore {
    fn raw(&self, sql: &str) {
        self.batch_execute(sql).unwrap();
    }

    fn refuse_articles(&self, cond: &str) {
        self.raw(&format!(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.{cond} THEN RAISE EXCEPTION 'injected failure'; END IF; \
             RETURN NEW; END $$; \
             CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse();"
        ));
    }
}

/// Every column of every table except `articles.updated_at` and the change numbers, in key
/// order: equal dumps mean equal stores, whichever backend holds them.
pub(crate) fn dump(s: &impl Raw) -> Vec<String> {
    dump_tables(s, false)
}

/// [`dump`] with the change numbers (`seq` columns and the counter).
pub(crate) fn dump_with_seq(s: &impl Raw) -> Vec<String> {
    dump_tables(s, true)
}

fn dump_tables(s: &impl Raw, seq: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (table, cols, order) in [
        (
            "articles",
            "id, url, fingerprint, outlet, title, language, published, published_ts, source, doc, text, seq",
            "id",
        ),
        ("analyses", "article_id, analysis", "article_id"),
        ("stories", "id, title, first_ts, last_ts, story", "id"),
        (
            "story_articles",
            "story_id, article_id, position",
            "story_id, article_id",
        ),
        ("article_aliases", "alias, article_id, seq", "alias"),
        ("removed_articles", "article_id, seq", "article_id"),
        ("story_redirects", "old_id, new_id", "old_id"),
        ("store_seq", "value", "value"),
    ] {
        let cols = if seq {
            cols.to_string()
        } else {
            let kept: Vec<&str> = cols.split(", ").filter(|c| *c != "seq").collect();
            if kept.is_empty() || table == "store_seq" {
                continue;
            }
            kept.join(", ")
        };
        for r in s.rows(&format!("SELECT {cols} FROM {table} ORDER BY {order}")) {
            out.push(format!("{table}: {r}"));
        }
    }
    out
}

/// The PostgreSQL server for tests (`KHABAR_TEST_PG`); None (with the reason printed) when it
/// is not set outside CI. Under `CI` a missing server fails the test.
#[cfg(feature = "postgres")]
pub(crate) fn pg_url() -> Option<String> {
    match std::env::var("KHABAR_TEST_PG") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "KHABAR_TEST_PG is not set under CI: .ci/run starts PostgreSQL and sets it"
            );
            eprintln!(
                "skipped: KHABAR_TEST_PG is not set (d=$(mktemp -d); export KHABAR_TEST_PG=$(.ci/pg start $d))"
            );
            None
        }
    }
}

/// A schema of its own for one test, dropped with everything in it when this is dropped.
#[cfg(feature = "postgres")]
pub(crate) struct Schema {
    admin: String,
    pub(crate) name: String,
    /// The URL that opens stores in this schema.
    pub(crate) url: String,
}

#[cfg(feature = "postgres")]
impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// A fresh, empty schema; None when there is no server (see [`pg_url`]).
#[cfg(feature = "postgres")]
pub(crate) fn pg_schema() -> Option<Schema> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let admin = pg_url()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    );
    let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    c.batch_execute(&format!("CREATE SCHEMA {name}")).unwrap();
    let sep = if admin.contains('?') { '&' } else { '?' };
    let url = format!("{admin}{sep}options=-c%20search_path%3D{name}");
    Some(Schema { admin, name, url })
}

/// A store on a fresh schema (the schema first: drop it after the store).
#[cfg(feature = "postgres")]
pub(crate) fn pg_store() -> Option<(Schema, crate::PgStore)> {
    let schema = pg_schema()?;
    let store = crate::PgStore::open(&schema.url).unwrap();
    Some((schema, store))
}
