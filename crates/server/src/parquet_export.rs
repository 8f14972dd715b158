//! `khabar export --format parquet` (cargo feature `parquet`): the rows of the JSONL/CSV
//! exports as one Parquet file, written with the low-level writer of the `parquet` crate (no
//! Arrow), streamed in row groups of at most [`ROW_GROUP_ROWS`] rows or about
//! [`ROW_GROUP_BYTES`] bytes of text, so memory stays bounded whatever the store holds
//! (entities are aggregated first, as in the other formats). Snappy-compressed; every column is
//! optional (nullable). The columns are [`columns`].

use crate::export::{
    entity_rows, facts, guard, story_matches, ExportError, ExportFilters, ExportWhat, FACT_COLUMNS,
};
use khabar_model::PubTime;
use khabar_store::Store;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::Value;
use std::io::Write;
use std::ops::ControlFlow;
use std::sync::Arc;

/// A row group is written when it holds this many rows...
pub const ROW_GROUP_ROWS: usize = 20_000;
/// ... or about this many bytes of text.
pub const ROW_GROUP_BYTES: usize = 64 * 1024 * 1024;

/// The physical type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text (`binary (STRING)`).
    Text,
    /// `int64`.
    Int,
    /// `int64 (TIMESTAMP(MILLIS,true))`: milliseconds since 1970-01-01 UTC.
    TimestampMillis,
    /// `double`.
    Float,
    /// `boolean`.
    Bool,
}

/// The columns of one export, in order.
pub fn columns(what: ExportWhat) -> Vec<(&'static str, ColumnType)> {
    use ColumnType::*;
    match what {
        ExportWhat::Articles => vec![
            ("id", Text),
            ("url", Text),
            ("outlet", Text),
            ("title", Text),
            ("authors", Text),
            ("published", Text),
            ("published_at", TimestampMillis),
            ("published_date_only", Bool),
            ("language", Text),
            ("story", Text),
            ("text", Text),
        ],
        ExportWhat::Stories => vec![
            ("id", Text),
            ("title", Text),
            ("article_count", Int),
            ("outlets", Text),
            ("languages", Text),
            ("first_published", Text),
            ("first_published_date_only", Bool),
            ("last_published", Text),
            ("last_published_date_only", Bool),
            ("entities", Text),
        ],
        ExportWhat::Entities => vec![
            ("id", Text),
            ("name", Text),
            ("name_hi", Text),
            ("kind", Text),
            ("in_kb", Bool),
            ("key", Text),
            ("mention_count", Int),
            ("article_count", Int),
            ("story_count", Int),
        ],
        ExportWhat::Facts => FACT_COLUMNS
            .iter()
            .map(|&c| {
                let t = match c {
                    "value" | "confidence" => Float,
                    "approximate" | "published_date_only" => Bool,
                    "sentence" | "start" | "end" | "byte_start" | "byte_end" => Int,
                    _ => Text,
                };
                (c, t)
            })
            .collect(),
    }
}

fn message_type(what: ExportWhat) -> String {
    let mut m = String::from("message khabar {\n");
    for (name, t) in columns(what) {
        let ty = match t {
            ColumnType::Text => "binary",
            ColumnType::Int | ColumnType::TimestampMillis => "int64",
            ColumnType::Float => "double",
            ColumnType::Bool => "boolean",
        };
        let logical = match t {
            ColumnType::Text => " (STRING)",
            ColumnType::TimestampMillis => " (TIMESTAMP(MILLIS,true))",
            _ => "",
        };
        m.push_str(&format!("  optional {ty} {name}{logical};\n"));
    }
    m.push('}');
    m
}

/// One cell of a row; None is a null.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
}

/// The values of one column in the current row group, with definition levels (1: a value,
/// 0: null).
enum Buf {
    Text(Vec<ByteArray>, Vec<i16>),
    Int(Vec<i64>, Vec<i16>),
    Float(Vec<f64>, Vec<i16>),
    Bool(Vec<bool>, Vec<i16>),
}

impl Buf {
    fn new(t: ColumnType) -> Buf {
        match t {
            ColumnType::Text => Buf::Text(Vec::new(), Vec::new()),
            ColumnType::Int | ColumnType::TimestampMillis => Buf::Int(Vec::new(), Vec::new()),
            ColumnType::Float => Buf::Float(Vec::new(), Vec::new()),
            ColumnType::Bool => Buf::Bool(Vec::new(), Vec::new()),
        }
    }

    fn clear(&mut self) {
        match self {
            Buf::Text(v, d) => {
                v.clear();
                d.clear()
            }
            Buf::Int(v, d) => {
                v.clear();
                d.clear()
            }
            Buf::Float(v, d) => {
                v.clear();
                d.clear()
            }
            Buf::Bool(v, d) => {
                v.clear();
                d.clear()
            }
        }
    }
}

fn push<T>(vals: &mut Vec<T>, defs: &mut Vec<i16>, x: Option<T>) {
    match x {
        Some(x) => {
            vals.push(x);
            defs.push(1);
        }
        None => defs.push(0),
    }
}

fn pq_err(e: parquet::errors::ParquetError) -> ExportError {
    ExportError::Io(std::io::Error::other(format!("parquet: {e}")))
}

/// A Parquet file being written row group by row group.
struct Table<W: Write + Send> {
    w: SerializedFileWriter<W>,
    bufs: Vec<Buf>,
    rows: usize,
    bytes: usize,
    written: usize,
}

impl<W: Write + Send> Table<W> {
    fn new(what: ExportWhat, out: W) -> Result<Self, ExportError> {
        let schema = Arc::new(parse_message_type(&message_type(what)).map_err(pq_err)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("khabar {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let w = SerializedFileWriter::new(out, schema, props).map_err(pq_err)?;
        let bufs = columns(what)
            .into_iter()
            .map(|(_, t)| Buf::new(t))
            .collect();
        Ok(Table {
            w,
            bufs,
            rows: 0,
            bytes: 0,
            written: 0,
        })
    }

    fn push(&mut self, row: Vec<Cell>) -> Result<(), ExportError> {
        if row.len() != self.bufs.len() {
            return Err(ExportError::BadArgument(format!(
                "a row of {} cells for {} columns",
                row.len(),
                self.bufs.len()
            )));
        }
        let fits = |b: &Buf, c: &Cell| {
            matches!(
                (b, c),
                (Buf::Text(..), Cell::Text(_))
                    | (Buf::Int(..), Cell::Int(_))
                    | (Buf::Float(..), Cell::Float(_))
                    | (Buf::Bool(..), Cell::Bool(_))
            )
        };
        if let Some(c) = self.bufs.iter().zip(&row).find(|(b, c)| !fits(b, c)) {
            return Err(ExportError::BadArgument(format!(
                "a cell of the wrong type: {:?}",
                c.1
            )));
        }
        for (buf, cell) in self.bufs.iter_mut().zip(row) {
            match (buf, cell) {
                (Buf::Text(v, d), Cell::Text(x)) => {
                    self.bytes += x.as_ref().map_or(0, String::len);
                    push(v, d, x.map(|s| ByteArray::from(s.into_bytes())))
                }
                (Buf::Int(v, d), Cell::Int(x)) => push(v, d, x),
                (Buf::Float(v, d), Cell::Float(x)) => push(v, d, x),
                (Buf::Bool(v, d), Cell::Bool(x)) => push(v, d, x),
                // Checked above.
                _ => {}
            }
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut rg = self.w.next_row_group().map_err(pq_err)?;
        for buf in &mut self.bufs {
            let Some(mut col) = rg.next_column().map_err(pq_err)? else {
                break;
            };
            match buf {
                Buf::Text(v, d) => col.typed::<ByteArrayType>().write_batch(v, Some(d), None),
                Buf::Int(v, d) => col.typed::<Int64Type>().write_batch(v, Some(d), None),
                Buf::Float(v, d) => col.typed::<DoubleType>().write_batch(v, Some(d), None),
                Buf::Bool(v, d) => col.typed::<BoolType>().write_batch(v, Some(d), None),
            }
            .map_err(pq_err)?;
            col.close().map_err(pq_err)?;
            buf.clear();
        }
        rg.close().map_err(pq_err)?;
        self.written += self.rows;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last row group and the footer; returns the rows written.
    fn finish(mut self) -> Result<usize, ExportError> {
        self.flush()?;
        let mut out = self.w.into_inner().map_err(pq_err)?;
        out.flush()?;
        Ok(self.written)
    }
}

fn text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone())
}

/// RFC 3339 with offset, as every export writes it.
fn time(t: &Option<PubTime>) -> Cell {
    Cell::Text(crate::wire::time(t))
}

fn date_only(t: &Option<PubTime>) -> Cell {
    Cell::Bool(t.map(|_| crate::wire::date_only(t)))
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).ok())
}

/// A fact's value in a column of type `t` (strings as in the CSV export).
fn fact_cell(v: Option<&Value>, t: ColumnType) -> Cell {
    let v = v.filter(|v| !v.is_null());
    match t {
        ColumnType::Text => Cell::Text(v.map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })),
        ColumnType::Int | ColumnType::TimestampMillis => Cell::Int(v.and_then(Value::as_i64)),
        ColumnType::Float => Cell::Float(v.and_then(Value::as_f64)),
        ColumnType::Bool => Cell::Bool(v.and_then(Value::as_bool)),
    }
}

/// Streams `what` as a Parquet file to `out`; returns the number of rows written.
pub fn export_parquet<W: Write + Send>(
    store: &dyn Store,
    what: ExportWhat,
    filters: &ExportFilters,
    out: W,
) -> Result<usize, ExportError> {
    let filter = filters.to_store()?;
    let mut table = Table::new(what, out)?;
    let mut failed: Option<ExportError> = None;
    match what {
        ExportWhat::Articles => {
            store.for_each_article(&filter, &mut |doc, _| {
                let r = (|| -> Result<(), ExportError> {
                    let story = store.story_of(&doc.id)?.map(|s| s.0);
                    let at = doc.published.as_ref().map(crate::wire::millis);
                    let authors = (!doc.authors.is_empty()).then(|| doc.authors.join("; "));
                    table.push(vec![
                        Cell::Text(Some(doc.id.0)),
                        text(&doc.url),
                        text(&doc.outlet),
                        text(&doc.title),
                        Cell::Text(authors),
                        time(&doc.published),
                        Cell::Int(at),
                        date_only(&doc.published),
                        text(&doc.language),
                        Cell::Text(story),
                        Cell::Text(Some(doc.text)),
                    ])
                })();
                guard(r, &mut failed)
            })?;
        }
        ExportWhat::Stories => {
            store.for_each_story(&mut |s| {
                if !story_matches(&s, &filter) {
                    return ControlFlow::Continue(());
                }
                let entities: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
                let r = table.push(vec![
                    Cell::Text(Some(s.id.0.clone())),
                    Cell::Text(Some(s.title.clone())),
                    count(s.articles.len()),
                    Cell::Text(Some(s.outlets.join("; "))),
                    Cell::Text(Some(s.languages.join("; "))),
                    time(&s.first_published),
                    date_only(&s.first_published),
                    time(&s.last_published),
                    date_only(&s.last_published),
                    Cell::Text(Some(entities.join("; "))),
                ]);
                guard(r, &mut failed)
            })?;
        }
        ExportWhat::Entities => {
            for e in entity_rows(store, &filter)? {
                let kind = serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string));
                table.push(vec![
                    Cell::Text(Some(e.id)),
                    Cell::Text(Some(e.name)),
                    Cell::Text(e.name_hi),
                    Cell::Text(kind),
                    Cell::Bool(Some(e.in_kb)),
                    Cell::Text(Some(e.key)),
                    count(e.mention_count),
                    count(e.article_count),
                    count(e.story_count),
                ])?;
            }
        }
        ExportWhat::Facts => {
            let cols = columns(ExportWhat::Facts);
            store.for_each_article(&filter, &mut |doc, analysis| {
                let r = (|| -> Result<(), ExportError> {
                    let Some(a) = analysis else { return Ok(()) };
                    for fact in facts(&doc, &a) {
                        let row = cols
                            .iter()
                            .map(|(c, t)| fact_cell(fact.get(*c), *t))
                            .collect();
                        table.push(row)?;
                    }
                    Ok(())
                })();
                guard(r, &mut failed)
            })?;
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::fixture_store;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::{Field, RowAccessor};

    fn write(
        what: ExportWhat,
        f: &ExportFilters,
    ) -> (usize, std::path::PathBuf, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.parquet");
        let file = std::fs::File::create(&path).unwrap();
        let n = export_parquet(&fixture_store(), what, f, std::io::BufWriter::new(file)).unwrap();
        (n, path, dir)
    }

    fn read(path: &std::path::Path) -> (Vec<String>, Vec<parquet::record::Row>) {
        let r = SerializedFileReader::try_from(path).unwrap();
        let names = r
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let rows = r.into_iter().map(|row| row.unwrap()).collect();
        (names, rows)
    }

    #[test]
    fn every_kind_reads_back_with_its_columns() {
        let all = ExportFilters::default();
        for (what, rows) in [
            (ExportWhat::Articles, 5),
            (ExportWhat::Stories, 3),
            (ExportWhat::Entities, 1),
            (ExportWhat::Facts, 3),
        ] {
            let (n, path, _dir) = write(what, &all);
            assert_eq!(n, rows, "{what:?}");
            let (names, got) = read(&path);
            let want: Vec<&str> = columns(what).iter().map(|c| c.0).collect();
            assert_eq!(names, want, "{what:?}");
            assert_eq!(got.len(), rows, "{what:?}");
        }
    }

    #[test]
    fn article_rows_hold_the_stored_values() {
        let store = fixture_store();
        let (_, path, _dir) = write(ExportWhat::Articles, &ExportFilters::default());
        let (_, rows) = read(&path);
        let a1 = rows
            .iter()
            .find(|r| r.get_string(0).unwrap() == "a1")
            .unwrap();
        let doc = store
            .article(&khabar_model::ArticleId::from("a1"))
            .unwrap()
            .unwrap();
        assert_eq!(a1.get_string(10).unwrap(), &doc.text);
        assert_eq!(a1.get_string(9).unwrap(), "s-flood");
        assert_eq!(
            a1.get_timestamp_millis(6).unwrap(),
            doc.published.unwrap().timestamp() * 1000
        );
        assert!(!a1.get_bool(7).unwrap());
        // A missing author is a null, not an empty string.
        let (_, author) = a1.get_column_iter().nth(4).unwrap();
        assert_eq!(author, &Field::Null);
    }

    #[test]
    fn facts_and_entities_have_typed_columns() {
        let (_, path, _dir) = write(ExportWhat::Facts, &ExportFilters::default());
        let (_, rows) = read(&path);
        let quote = rows
            .iter()
            .find(|r| r.get_string(4).unwrap() == "quote")
            .unwrap();
        assert_eq!(quote.get_string(12).unwrap(), "Q1058");
        assert!(quote.get_long(15).unwrap() < quote.get_long(16).unwrap());
        // characters before bytes: the Hindi quote has fewer characters than bytes
        assert!(quote.get_long(16).unwrap() < quote.get_long(18).unwrap());
        let quantity = rows
            .iter()
            .find(|r| r.get_string(4).unwrap() == "quantity")
            .unwrap();
        assert!(quantity.get_double(7).is_ok(), "{quantity:?}");

        let (_, path, _dir) = write(ExportWhat::Entities, &ExportFilters::default());
        let (_, rows) = read(&path);
        assert_eq!(rows[0].get_long(7).unwrap(), 3);
        assert_eq!(rows[0].get_long(6).unwrap(), 3);
        assert!(rows[0].get_long(8).unwrap() >= 1);
        assert!(rows[0].get_bool(4).is_ok());
    }

    #[test]
    fn filters_apply() {
        let f = ExportFilters {
            story: Some("s-cricket".into()),
            ..Default::default()
        };
        let (n, path, _dir) = write(ExportWhat::Articles, &f);
        assert_eq!(n, 1);
        let (_, rows) = read(&path);
        assert_eq!(rows[0].get_string(0).unwrap(), "a4");
    }

    #[test]
    fn many_rows_make_several_row_groups_and_all_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.parquet");
        let file = std::fs::File::create(&path).unwrap();
        let mut t = Table::new(ExportWhat::Entities, file).unwrap();
        let n = ROW_GROUP_ROWS * 2 + 7;
        for i in 0..n {
            t.push(vec![
                Cell::Text(Some(format!("e{i}"))),
                Cell::Text(Some("नाम".into())),
                Cell::Text(None),
                Cell::Text(Some("person".into())),
                Cell::Bool(Some(i % 2 == 0)),
                Cell::Text(Some(String::new())),
                Cell::Int(Some(i as i64)),
                Cell::Int(None),
                Cell::Int(Some(1)),
            ])
            .unwrap();
        }
        assert_eq!(t.finish().unwrap(), n);
        let r = SerializedFileReader::try_from(path.as_path()).unwrap();
        assert_eq!(r.metadata().num_row_groups(), 3);
        let rows: Vec<_> = r.into_iter().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), n);
        assert_eq!(rows[n - 1].get_long(6).unwrap(), (n - 1) as i64);
        assert_eq!(rows[n - 1].get_string(1).unwrap(), "नाम");
    }

    #[test]
    fn a_row_of_the_wrong_shape_is_an_error() {
        let mut t = Table::new(ExportWhat::Entities, Vec::new()).unwrap();
        assert!(t.push(vec![Cell::Text(None)]).is_err());
        let mut row = vec![Cell::Int(Some(1)); 8];
        row[0] = Cell::Text(None);
        assert!(t.push(row).is_err());
    }
}
