use std::path::PathBuf;

/// Everything that can go wrong in the store. Every variant says what the store was doing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or configured.
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer khabar: its schema is ahead of this program's.
    #[error(
        "the database schema is version {found}, newer than the newest this khabar knows ({supported}); \
         use a newer khabar or another --db file"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    /// The schema version is not one khabar ever wrote (a negative `user_version`).
    #[error("the database has schema version {found}, which khabar never writes: not a khabar database?")]
    SchemaUnknown { found: i64 },
    /// A schema migration step failed (the database is left at the version before it).
    #[error("schema migration to version {version} failed: {source}")]
    Migration {
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    /// A query or statement failed.
    #[error("database error while {context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The PostgreSQL server could not be reached or configured (feature `postgres`).
    #[cfg(feature = "postgres")]
    #[error("cannot open the PostgreSQL database {url}: {source}")]
    PgOpen {
        /// The URL without its password.
        url: String,
        #[source]
        source: postgres::Error,
    },
    /// A PostgreSQL query, statement or migration failed (feature `postgres`).
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL error while {context}: {source}")]
    Postgres {
        context: String,
        #[source]
        source: postgres::Error,
    },
    /// A stored cell was not of the type the store wrote (a damaged or foreign table), or a
    /// store was used from inside one of its own callbacks.
    #[error("unexpected stored value while {context}: {detail}")]
    Value { context: String, detail: String },
    /// A value could not be turned into JSON, or a stored JSON blob could not be read back.
    #[error("JSON error while {context}: {source}")]
    Json {
        context: String,
        #[source]
        source: serde_json::Error,
    },
}

impl StoreError {
    /// Another connection (or, on PostgreSQL, a concurrent transaction: a serialization failure,
    /// a deadlock, a lock not available) (another process) held the database's write lock for longer than
    /// the busy timeout: trying again later can succeed.
    pub fn is_busy(&self) -> bool {
        #[cfg(feature = "postgres")]
        if let StoreError::Postgres { source, .. } = self {
            return crate::pg::is_retryable(source);
        }
        let source = match self {
            StoreError::Sqlite { source, .. }
            | StoreError::Open { source, .. }
            | StoreError::Migration { source, .. } => source,
            _ => return false,
        };
        matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

impl StoreError {
    /// The disk (or the file system's quota) is full: nothing of the failed write was kept.
    pub fn is_full(&self) -> bool {
        #[cfg(feature = "postgres")]
        if let StoreError::Postgres { source, .. } = self {
            return crate::pg::is_disk_full(source);
        }
        let source = match self {
            StoreError::Sqlite { source, .. }
            | StoreError::Open { source, .. }
            | StoreError::Migration { source, .. } => source,
            _ => return false,
        };
        matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DiskFull)
        )
    }
}

/// Adds context to rusqlite and serde_json results.
pub(crate) trait Context<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            context: context(),
            source,
        })
    }
}

impl<T> Context<T> for Result<T, serde_json::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Json {
            context: context(),
            source,
        })
    }
}

impl<T> Context<T> for Result<T, crate::db::DbError> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        use crate::db::DbError;
        self.map_err(|e| match e {
            DbError::Sqlite(source) => StoreError::Sqlite {
                context: context(),
                source,
            },
            #[cfg(feature = "postgres")]
            DbError::Postgres(source) => StoreError::Postgres {
                context: context(),
                source,
            },
            DbError::Value(detail) => StoreError::Value {
                context: context(),
                detail,
            },
        })
    }
}

/// Packing a value (zstd, `codec::pack`): fails only when zstd cannot allocate its context.
impl<T> Context<T> for Result<T, std::io::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::Value {
            context: context(),
            detail: e.to_string(),
        })
    }
}
