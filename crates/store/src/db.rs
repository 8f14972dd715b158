//! The few SQL primitives the store's logic needs, over either backend.
//!
//! The de-duplication, the change sequence, the stories and their incremental update are
//! written once ([`crate::ops`], [`crate::live`]) against [`Db`] (run a statement, read rows) and
//! [`Backend`] (open a plain connection, a read snapshot or a write transaction). SQLite
//! ([`crate::SqliteStore`]) and PostgreSQL (`PgStore`, feature `postgres`) implement them, so
//! both run one algorithm and store the same rows.
//!
//! The SQL is written once in the dialect both engines accept: `?N` placeholders (rewritten to
//! `$N` for PostgreSQL), `INSERT … ON CONFLICT … DO UPDATE/NOTHING`, `UPDATE … RETURNING`,
//! `ORDER BY x IS NULL, x`. Parameters and cells are a handful of plain types ([`Val`],
//! [`Cell`]), so that both drivers bind and read them the same way.

use crate::codec::{self, Packed};
use crate::error::StoreError;
use std::ops::ControlFlow;

/// A statement parameter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    Int(Option<i64>),
    Real(f64),
    Text(Option<&'a str>),
    Blob(Option<&'a [u8]>),
    /// A short value of a packed column ([`codec::pack`] left it plain): text on SQLite, its
    /// UTF-8 bytes in PostgreSQL's BYTEA column.
    PlainPacked(&'a [u8]),
}

impl<'a> From<&'a Packed<'a>> for Val<'a> {
    fn from(p: &'a Packed<'a>) -> Self {
        match p {
            Packed::Plain(s) => Val::PlainPacked(s.as_bytes()),
            Packed::Frame(b) => Val::Blob(Some(b)),
        }
    }
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Self {
        Val::Text(Some(s))
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Self {
        Val::Text(Some(s))
    }
}

impl<'a> From<Option<&'a str>> for Val<'a> {
    fn from(s: Option<&'a str>) -> Self {
        Val::Text(s)
    }
}

impl<'a> From<&'a Option<String>> for Val<'a> {
    fn from(s: &'a Option<String>) -> Self {
        Val::Text(s.as_deref())
    }
}

impl From<i64> for Val<'_> {
    fn from(v: i64) -> Self {
        Val::Int(Some(v))
    }
}

impl From<Option<i64>> for Val<'_> {
    fn from(v: Option<i64>) -> Self {
        Val::Int(v)
    }
}

impl From<f64> for Val<'_> {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}

/// One value read back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A row read back: its cells in column order, taken out one by one.
#[derive(Debug)]
pub(crate) struct Row(pub(crate) Vec<Cell>);

/// What can go wrong below the store's logic.
#[derive(Debug)]
pub(crate) enum DbError {
    Sqlite(rusqlite::Error),
    #[cfg(feature = "postgres")]
    Postgres(postgres::Error),
    /// A cell of another type than the statement promised (a damaged or foreign table).
    Value(String),
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Sqlite(e)
    }
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Postgres(e)
    }
}

impl Row {
    fn take(&mut self, i: usize) -> Cell {
        self.0
            .get_mut(i)
            .map(|c| std::mem::replace(c, Cell::Null))
            .unwrap_or(Cell::Null)
    }

    fn wrong(i: usize, want: &str, got: &Cell) -> DbError {
        DbError::Value(format!("column {i}: expected {want}, found {got:?}"))
    }

    pub(crate) fn opt_text(&mut self, i: usize) -> Result<Option<String>, DbError> {
        match self.take(i) {
            Cell::Null => Ok(None),
            Cell::Text(s) => Ok(Some(s)),
            // SQLite hands back what was bound: text bound as bytes is still text.
            Cell::Blob(b) if !codec::is_frame(&b) => String::from_utf8(b)
                .map(Some)
                .map_err(|e| DbError::Value(format!("column {i}: not UTF-8: {e}"))),
            other => Err(Self::wrong(i, "text", &other)),
        }
    }

    /// A value written with [`codec::pack`] (or plain, as before schema 9), as its string.
    pub(crate) fn opt_packed(&mut self, i: usize) -> Result<Option<String>, DbError> {
        match self.take(i) {
            Cell::Null => Ok(None),
            Cell::Text(s) => Ok(Some(s)),
            Cell::Blob(b) => codec::unpack(b)
                .map(Some)
                .map_err(|e| DbError::Value(format!("column {i}: {e}"))),
            other => Err(Self::wrong(i, "text or a packed value", &other)),
        }
    }

    pub(crate) fn packed(&mut self, i: usize) -> Result<String, DbError> {
        self.opt_packed(i)?
            .ok_or_else(|| Self::wrong(i, "text or a packed value", &Cell::Null))
    }

    pub(crate) fn text(&mut self, i: usize) -> Result<String, DbError> {
        self.opt_text(i)?
            .ok_or_else(|| Self::wrong(i, "text", &Cell::Null))
    }

    pub(crate) fn opt_int(&mut self, i: usize) -> Result<Option<i64>, DbError> {
        match self.take(i) {
            Cell::Null => Ok(None),
            Cell::Int(v) => Ok(Some(v)),
            other => Err(Self::wrong(i, "an integer", &other)),
        }
    }

    pub(crate) fn int(&mut self, i: usize) -> Result<i64, DbError> {
        self.opt_int(i)?
            .ok_or_else(|| Self::wrong(i, "an integer", &Cell::Null))
    }

    pub(crate) fn real(&mut self, i: usize) -> Result<f64, DbError> {
        match self.take(i) {
            Cell::Real(v) => Ok(v),
            Cell::Int(v) => Ok(v as f64),
            other => Err(Self::wrong(i, "a number", &other)),
        }
    }
}

/// A connection or a transaction of either backend.
pub(crate) trait Db {
    /// Runs one statement; returns the rows it changed.
    fn exec(&mut self, sql: &str, params: &[Val<'_>]) -> Result<u64, DbError>;
    /// Runs one query and returns every row.
    fn query(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, DbError>;
    /// Runs one query and hands its rows to `f` one at a time (constant memory) until `f`
    /// breaks. `f` must not use this connection.
    fn each(
        &mut self,
        sql: &str,
        params: &[Val<'_>],
        f: &mut dyn FnMut(Row) -> Result<ControlFlow<()>, StoreError>,
    ) -> Result<(), StoreError>;
    /// Commits the transaction (a no-op on a plain connection). Dropping an uncommitted
    /// transaction rolls it back.
    fn commit(&mut self) -> Result<(), DbError>;

    /// The first row, if any.
    fn row(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<Row>, DbError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first column of the first row, as text (None: no row, or NULL).
    fn text(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<String>, DbError> {
        match self.row(sql, params)? {
            Some(mut r) => r.opt_text(0),
            None => Ok(None),
        }
    }

    /// The first column of the first row, a value written packed (None: no row, or NULL).
    fn packed(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<String>, DbError> {
        match self.row(sql, params)? {
            Some(mut r) => r.opt_packed(0),
            None => Ok(None),
        }
    }

    /// The first column of the first row, as an integer (None: no row, or NULL).
    fn int(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<i64>, DbError> {
        match self.row(sql, params)? {
            Some(mut r) => r.opt_int(0),
            None => Ok(None),
        }
    }

    /// Does the query give a row?
    fn exists(&mut self, sql: &str, params: &[Val<'_>]) -> Result<bool, DbError> {
        Ok(self.row(sql, params)?.is_some())
    }
}

/// How the store's logic opens what it runs in. All three exclude nothing but what the
/// backend must: a plain connection for one-statement reads, a snapshot for reads that must
/// agree with each other, and a write transaction that holds the store's write lock (SQLite's
/// `BEGIN IMMEDIATE`, a row lock on the change counter on PostgreSQL) from its start, so that the
/// de-duplication lookups see every committed write and change numbers follow commit order.
pub(crate) trait Backend {
    fn plain(&self) -> Result<Box<dyn Db + '_>, StoreError>;
    fn snapshot(&self) -> Result<Box<dyn Db + '_>, StoreError>;
    fn write(&self) -> Result<Box<dyn Db + '_>, StoreError>;
    /// A write transaction that also serialises story assignment across processes (SQLite's
    /// write lock does; PostgreSQL takes a transaction-level advisory lock).
    fn story_write(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        self.write()
    }
}

// ---------------------------------------------------------------------------------------------
// SQLite

impl rusqlite::ToSql for Val<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Val::Int(v) => v.to_sql(),
            Val::Real(v) => v.to_sql(),
            Val::Text(v) => v.to_sql(),
            Val::Blob(v) => v.to_sql(),
            Val::PlainPacked(v) => Ok(rusqlite::types::ToSqlOutput::Borrowed(
                rusqlite::types::ValueRef::Text(v),
            )),
        }
    }
}

fn lite_row(row: &rusqlite::Row<'_>, n: usize) -> Result<Row, rusqlite::Error> {
    use rusqlite::types::ValueRef;
    let mut cells = Vec::with_capacity(n);
    for i in 0..n {
        cells.push(match row.get_ref(i)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(v) => Cell::Int(v),
            ValueRef::Real(v) => Cell::Real(v),
            ValueRef::Text(t) => Cell::Text(
                String::from_utf8(t.to_vec())
                    .map_err(|e| rusqlite::Error::Utf8Error(i, e.utf8_error()))?,
            ),
            ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
        });
    }
    Ok(Row(cells))
}

/// A SQLite connection, inside a transaction when `tx` holds one.
pub(crate) struct Lite<'a> {
    pub(crate) conn: &'a rusqlite::Connection,
    pub(crate) tx: Option<rusqlite::Transaction<'a>>,
}

impl<'a> Lite<'a> {
    pub(crate) fn plain(conn: &'a rusqlite::Connection) -> Self {
        Lite { conn, tx: None }
    }

    pub(crate) fn begin(
        conn: &'a rusqlite::Connection,
        how: rusqlite::TransactionBehavior,
    ) -> Result<Self, rusqlite::Error> {
        Ok(Lite {
            conn,
            tx: Some(rusqlite::Transaction::new_unchecked(conn, how)?),
        })
    }
}

impl Db for Lite<'_> {
    fn exec(&mut self, sql: &str, params: &[Val<'_>]) -> Result<u64, DbError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let n = stmt.execute(rusqlite::params_from_iter(params.iter()))?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, DbError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(lite_row(row, n)?);
        }
        Ok(out)
    }

    fn each(
        &mut self,
        sql: &str,
        params: &[Val<'_>],
        f: &mut dyn FnMut(Row) -> Result<ControlFlow<()>, StoreError>,
    ) -> Result<(), StoreError> {
        let fail = |e: rusqlite::Error| StoreError::Sqlite {
            context: "reading rows".into(),
            source: e,
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(fail)?;
        let n = stmt.column_count();
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            if f(lite_row(row, n).map_err(fail)?)?.is_break() {
                break;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DbError> {
        if let Some(tx) = self.tx.take() {
            tx.commit()?;
        }
        Ok(())
    }
}
