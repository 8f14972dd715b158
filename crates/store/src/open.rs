//! Which backend a `--db` spec names, and opening it.

use crate::{SqliteStore, Store, StoreError};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where the store is: what `--db` / `KHABAR_DB` say. A `postgres://` or `postgresql://` URL
/// (any case) names a PostgreSQL database; anything else is the path of a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbSpec {
    /// A SQLite file (created by the commands that create a store).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL, as given (it may hold a password: show it with
    /// [`DbSpec::redacted`], which `Display` does).
    Postgres(String),
}

impl DbSpec {
    /// Reads a `--db` value.
    pub fn parse(spec: &str) -> DbSpec {
        let lower = spec.get(..13).unwrap_or(spec).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            DbSpec::Postgres(spec.to_string())
        } else {
            DbSpec::Sqlite(PathBuf::from(spec))
        }
    }

    /// The SQLite file, when this is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            DbSpec::Sqlite(p) => Some(p),
            DbSpec::Postgres(_) => None,
        }
    }

    /// Does the store exist already? A SQLite file is checked; a database server is asked
    /// only when opened (true here).
    pub fn exists(&self) -> bool {
        match self {
            DbSpec::Sqlite(p) => p.exists(),
            DbSpec::Postgres(_) => true,
        }
    }

    /// The spec for messages and logs: a URL's password (in the user part, or a `password=`
    /// parameter) replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            DbSpec::Sqlite(p) => p.display().to_string(),
            DbSpec::Postgres(url) => redact_url(url),
        }
    }

    /// A short stable name of the database (16 hex digits of a hash of the redacted spec: the
    /// same database gives the same name whatever its password), for folders kept per
    /// database, such as a server's own search index.
    pub fn key(&self) -> String {
        khabar_model::stable_hex(self.redacted().as_bytes())
    }
}

impl fmt::Display for DbSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl From<&str> for DbSpec {
    fn from(s: &str) -> Self {
        DbSpec::parse(s)
    }
}

/// A path that reads as a PostgreSQL URL is one (`--db` arrives as a path); any other path,
/// UTF-8 or not, is a SQLite file.
impl From<PathBuf> for DbSpec {
    fn from(p: PathBuf) -> Self {
        match p.to_str() {
            Some(s) => DbSpec::parse(s),
            None => DbSpec::Sqlite(p),
        }
    }
}

impl From<&Path> for DbSpec {
    fn from(p: &Path) -> Self {
        DbSpec::from(p.to_path_buf())
    }
}

/// `postgres://user:secret@host/db?password=x` → `postgres://user:***@host/db?password=***`.
fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let mut out = String::with_capacity(url.len());
    out.push_str(&url[..scheme_end]);
    match authority.rfind('@') {
        Some(at) => {
            let user = &authority[..at];
            match user.find(':') {
                Some(c) => {
                    out.push_str(&user[..c]);
                    out.push_str(":***");
                }
                None => out.push_str(user),
            }
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    match tail.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_string(),
                })
                .collect();
            out.push_str(&params.join("&"));
        }
        None => out.push_str(tail),
    }
    out
}

/// Opening a store failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The spec names a PostgreSQL database and this build has no PostgreSQL backend.
    #[error(
        "{spec} is a PostgreSQL database, but this khabar was built without PostgreSQL: \
         build it with `--features postgres`, or give --db a SQLite file"
    )]
    NoPostgres {
        /// The URL, password hidden.
        spec: String,
    },
}

/// Opens the store `spec` names, bringing its schema up to date (migrations run on open): a
/// SQLite file (created when missing), or a PostgreSQL database.
pub fn open(spec: &DbSpec) -> Result<Box<dyn Store>, OpenError> {
    match spec {
        DbSpec::Sqlite(path) => Ok(Box::new(SqliteStore::open(path)?)),
        #[cfg(feature = "postgres")]
        DbSpec::Postgres(url) => Ok(Box::new(crate::PgStore::open(url)?)),
        #[cfg(not(feature = "postgres"))]
        DbSpec::Postgres(_) => Err(OpenError::NoPostgres {
            spec: spec.redacted(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_postgres_and_the_rest_is_a_file() {
        for url in [
            "postgres://u@h/db",
            "postgresql://h:5432/db",
            "POSTGRES://h/db",
            "PostgreSQL://h/db",
        ] {
            assert!(matches!(DbSpec::parse(url), DbSpec::Postgres(_)), "{url}");
        }
        for path in [
            "khabar.db",
            "./postgres://x",
            "/var/lib/khabar/k.db",
            "postgres.db",
            "",
        ] {
            assert_eq!(DbSpec::parse(path), DbSpec::Sqlite(PathBuf::from(path)));
        }
    }

    #[test]
    fn passwords_never_show() {
        let r = |s: &str| DbSpec::parse(s).to_string();
        assert_eq!(
            r("postgres://khabar:s3cret@db.example:5432/news"),
            "postgres://khabar:***@db.example:5432/news"
        );
        assert_eq!(
            r("postgresql://h/news?user=k&password=s3cret&sslmode=require"),
            "postgresql://h/news?user=k&password=***&sslmode=require"
        );
        assert_eq!(r("postgres://k@h/news"), "postgres://k@h/news");
        assert_eq!(
            r("postgres://k:a@b@h/news"),
            "postgres://k:***@h/news",
            "an @ in the password"
        );
        // the key ignores the password
        assert_eq!(
            DbSpec::parse("postgres://k:one@h/n").key(),
            DbSpec::parse("postgres://k:two@h/n").key()
        );
        assert_ne!(
            DbSpec::parse("postgres://k@h/n").key(),
            DbSpec::parse("postgres://k@h/m").key()
        );
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn postgres_without_the_backend_is_a_clear_error() {
        let e = open(&DbSpec::parse("postgres://k:pw@127.0.0.1:1/news"))
            .err()
            .unwrap();
        assert!(matches!(e, OpenError::NoPostgres { .. }));
        let msg = e.to_string();
        assert!(msg.contains("built without PostgreSQL"), "{msg}");
        assert!(!msg.contains("pw"), "{msg}");
    }

    #[test]
    fn a_file_spec_opens_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let spec = DbSpec::parse(dir.path().join("k.db").to_str().unwrap());
        assert!(!spec.exists());
        let st = open(&spec).unwrap();
        assert!(spec.exists());
        assert_eq!(st.local_path(), spec.path());
    }
}
