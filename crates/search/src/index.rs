//! The tantivy index: schema, writer, queries with filters.

use crate::analyzer::{
    KhabarTokenizer, Kind, QueryWord, TermField, NAMES_TOKENIZER, ROMAN_TOKENIZER, WORDS_TOKENIZER,
};
use khabar_model::{Analysis, ArticleId, Document, EntityId};
use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};
use tantivy::{DocSet, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Written into every commit; an index written with another format is rebuilt. Bump it when the
/// analyzer or the schema changes.
pub const FORMAT: &str = "khabar-search 4";

/// A title counts this many times as often as a word of the text.
const TITLE_REPEAT: usize = 2;
/// A linked entity's names are indexed once per mention, up to this many times.
const NAME_REPEAT_MAX: usize = 20;
/// Memory for a writer thread (tantivy's minimum is 15 MB).
const WRITER_BYTES: usize = 32_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index directory {}: {source}", path.display())]
    Dir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the search index is being written by another process; try again when it is done")]
    Busy,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    body: Field,
    roman: Field,
    names: Field,
    entity: Field,
    outlet: Field,
    language: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let f = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        body: b.add_text_field("body", text(WORDS_TOKENIZER)),
        roman: b.add_text_field("roman", text(ROMAN_TOKENIZER)),
        names: b.add_text_field("names", text(NAMES_TOKENIZER)),
        entity: b.add_text_field("entity", STRING),
        outlet: b.add_text_field("outlet", STRING),
        language: b.add_text_field("language", STRING),
        published: b.add_i64_field(
            "published",
            NumericOptions::default().set_indexed().set_fast(),
        ),
    };
    (b.build(), f)
}

fn register(index: &Index) {
    let t = index.tokenizers();
    t.register(WORDS_TOKENIZER, KhabarTokenizer::new(Kind::Words));
    t.register(ROMAN_TOKENIZER, KhabarTokenizer::new(Kind::Roman));
    t.register(NAMES_TOKENIZER, KhabarTokenizer::new(Kind::Names));
}

/// Filters of a search; all must hold.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    /// Published at or after (Unix seconds).
    pub since: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
    /// Outlet (case-insensitive).
    pub outlet: Option<String>,
    /// Language code (case-insensitive).
    pub language: Option<String>,
    /// Articles that mention this linked entity.
    pub entity: Option<EntityId>,
    /// Only these articles (a story's members, resolved by the caller from the current
    /// stories, so that re-clustering never leaves the index behind).
    pub articles: Option<Vec<ArticleId>>,
}

/// How query words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Articles holding every word first; then, ranked below them, articles holding some of
    /// the words, more words first (a search never comes back empty when a word matches).
    #[default]
    All,
    /// Any word; ranked by relevance alone.
    Any,
    /// Every word must match.
    Strict,
}

/// A query word that carries no topic: a Hindi or English stopword.
fn is_function_word(word: &str) -> bool {
    khabar_text::hi::contains(khabar_text::hi::STOPWORDS, word)
        || khabar_text::en::contains_ignore_case(khabar_text::en::STOPWORDS, word)
}

/// What a matched query word adds to a hit's score in [`Mode::All`]: far more than any
/// relevance score, so hits are ordered by the number of words they hold, then relevance.
const WORD_BONUS: f32 = 1000.0;
/// A hit of [`Mode::All`] missing some of the query words: its relevance times this, once per
/// word missing.
pub const PARTIAL_PENALTY: f32 = 0.5;

/// The result of a search: how many articles match, and the best of them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Hits {
    /// Matching articles (in [`Mode::All`], those holding at least one word).
    pub total: usize,
    /// Of those, how many hold every query word (the first `full` hits hold them all).
    pub full: usize,
    /// Best first.
    pub hits: Vec<(ArticleId, f32)>,
    /// For each hit: does its title or text hold a word or romanisation term of a query word?
    /// When not, it matched through linked entity names alone, and no word of its text can be
    /// marked in a snippet (a snippet of its lead needs no look for a match).
    pub in_text: Vec<bool>,
}

/// The search index (on disk next to the store, or in memory).
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.num_docs())
            .finish()
    }
}

impl SearchIndex {
    /// Where the index of the store at `db` lives: `<db>.search/`.
    pub fn dir_for(db: &Path) -> PathBuf {
        let mut s = db.as_os_str().to_os_string();
        s.push(".search");
        PathBuf::from(s)
    }

    fn wrap(index: Index) -> Result<SearchIndex, SearchError> {
        register(&index);
        let (_, f) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// An empty index in memory (tests, evaluations).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (s, _) = schema();
        SearchIndex::wrap(Index::create_in_ram(s))
    }

    /// Opens the index in `dir`, creating it when absent. An index with another schema is
    /// replaced by an empty one (see [`SearchIndex::is_current`]).
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let io = |source| SearchError::Dir {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (s, _) = schema();
        let mdir = MmapDirectory::open(dir).map_err(|e| SearchError::Tantivy(e.into()))?;
        match Index::open_or_create(mdir, s.clone()) {
            Ok(ix) => SearchIndex::wrap(ix),
            Err(tantivy::TantivyError::SchemaError(_))
            | Err(tantivy::TantivyError::IncompatibleIndex(_)) => {
                tracing::warn!(dir = %dir.display(), "search index of another format: recreated");
                // Index::create erases the index that was there.
                let mdir = MmapDirectory::open(dir).map_err(|e| SearchError::Tantivy(e.into()))?;
                SearchIndex::wrap(Index::create(mdir, s, tantivy::IndexSettings::default())?)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Was the last commit written by this version of the analyzer ([`FORMAT`])? An index
    /// that is not current must be rebuilt before use.
    pub fn is_current(&self) -> bool {
        self.payload()
            .is_some_and(|p| p.lines().next() == Some(FORMAT))
    }

    /// The payload of the last commit: [`FORMAT`], then `seq=N` when the writer recorded
    /// which change of the store it has applied ([`Writer::set_applied`]).
    fn payload(&self) -> Option<String> {
        self.index.load_metas().ok().and_then(|m| m.payload)
    }

    /// The last change of the store this index has applied (the store's change sequence), as
    /// of its last commit; None when unknown (an index of another format, or written before
    /// changes were recorded), which means: rebuild, or check by count.
    pub fn applied_seq(&self) -> Option<i64> {
        let p = self.payload()?;
        let mut lines = p.lines();
        if lines.next() != Some(FORMAT) {
            return None;
        }
        lines.find_map(|l| l.strip_prefix("seq=")?.parse().ok())
    }

    /// Articles in the index (as of the last reload).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Sees the last commit (made by this process or another one).
    pub fn reload(&self) -> Result<(), SearchError> {
        Ok(self.reader.reload()?)
    }

    /// A writer for updates: one thread. Waits up to a few seconds when another process
    /// writes the index, then fails with [`SearchError::Busy`].
    pub fn writer(&self) -> Result<Writer<'_>, SearchError> {
        self.writer_threads(1)
    }

    /// A writer for updates, or [`SearchError::Busy`] at once when another process holds the
    /// index's write lock.
    pub fn try_writer(&self) -> Result<Writer<'_>, SearchError> {
        self.writer_tries(1, 0)
    }

    /// A writer for a rebuild: a thread per core (at least 2, at most 4); its commit merges
    /// the index into one segment (searches then look each term up once).
    pub fn bulk_writer(&self) -> Result<Writer<'_>, SearchError> {
        let n = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(2, 4);
        self.writer_threads(n)
    }

    fn writer_threads(&self, threads: usize) -> Result<Writer<'_>, SearchError> {
        self.writer_tries(threads, 20)
    }

    /// Waits 250 ms between `retries` further attempts when the lock is held elsewhere.
    fn writer_tries(&self, threads: usize, retries: usize) -> Result<Writer<'_>, SearchError> {
        let mut tries = 0;
        loop {
            match self
                .index
                .writer_with_num_threads(threads, threads * WRITER_BYTES)
            {
                Ok(w) => {
                    if threads > 1 {
                        // A bulk rebuild merges everything into one segment at its commit.
                        w.set_merge_policy(Box::new(NoMergePolicy));
                    }
                    // The writer holds the lock: no other commit can come between this
                    // read and the writer's own commits.
                    let applied = self.applied_seq();
                    return Ok(Writer {
                        w,
                        ix: self,
                        bulk: threads > 1,
                        applied,
                    });
                }
                Err(tantivy::TantivyError::LockFailure(..)) if tries < retries => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(250));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return Err(SearchError::Busy),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Articles matching the query and the filters: the total and the `top` best.
    pub fn search(
        &self,
        words: &[QueryWord],
        mode: Mode,
        filters: &Filters,
        top: usize,
    ) -> Result<Hits, SearchError> {
        if words.is_empty() || top == 0 {
            return Ok(Hits::default());
        }
        let f = &self.f;
        let word_query = |w: &QueryWord| -> Box<dyn Query> {
            let alts: Vec<Box<dyn Query>> = w
                .terms
                .iter()
                .map(|(field, t, weight)| {
                    let field = match field {
                        TermField::Body => f.body,
                        TermField::Roman => f.roman,
                        TermField::Names => f.names,
                    };
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, t),
                        IndexRecordOption::WithFreqs,
                    ));
                    if (*weight - 1.0).abs() < f32::EPSILON {
                        q
                    } else {
                        Box::new(BoostQuery::new(q, *weight))
                    }
                })
                .collect();
            Box::new(DisjunctionMaxQuery::new(alts))
        };
        let n = words.len();
        let (words_query, strict): (Box<dyn Query>, Box<dyn Query>) = {
            let must =
                || BooleanQuery::new(words.iter().map(|w| (Occur::Must, word_query(w))).collect());
            let q: Box<dyn Query> = match mode {
                Mode::Strict => Box::new(must()),
                Mode::Any => Box::new(BooleanQuery::new(
                    words
                        .iter()
                        .map(|w| (Occur::Should, word_query(w)))
                        .collect(),
                )),
                Mode::All => {
                    // Each word: its relevance plus a constant, so that hits sort by how many
                    // words they hold, then by relevance.
                    let per_word = words
                        .iter()
                        .map(|w| {
                            let q: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                                (Occur::Must, word_query(w)),
                                (
                                    Occur::Should,
                                    Box::new(ConstScoreQuery::new(word_query(w), WORD_BONUS)),
                                ),
                            ]));
                            (Occur::Should, q)
                        })
                        .collect();
                    let any = Box::new(BooleanQuery::with_minimum_required_clauses(per_word, 1));
                    // A partial hit holds at least one content word: a function word (में, की,
                    // the) alone never makes a hit, so `कमला मील्स में आग` does not list every
                    // article that says में. (Half of the content words was tried: it loses
                    // cross-language queries where only a name can match, e.g. an English query
                    // for Hindi reports.)
                    let content: Vec<&QueryWord> = words
                        .iter()
                        .filter(|w| !is_function_word(&w.text))
                        .collect();
                    let need = usize::from(!content.is_empty());
                    if need == 0 || content.len() == n {
                        any
                    } else {
                        let gate = BooleanQuery::with_minimum_required_clauses(
                            content
                                .iter()
                                .map(|w| (Occur::Should, word_query(w)))
                                .collect(),
                            need,
                        );
                        Box::new(BooleanQuery::new(vec![
                            (
                                Occur::Must,
                                Box::new(ConstScoreQuery::new(Box::new(gate), 0.0)),
                            ),
                            (Occur::Must, any),
                        ]))
                    }
                }
            };
            (q, Box::new(must()))
        };
        let mut filter_queries: Vec<Box<dyn Query>> = Vec::new();
        let mut filter = |q: Box<dyn Query>| filter_queries.push(q);
        if filters.since.is_some() || filters.until.is_some() {
            let lower = filters.since.map_or(Bound::Unbounded, |t| {
                Bound::Included(Term::from_field_i64(f.published, t))
            });
            let upper = filters.until.map_or(Bound::Unbounded, |t| {
                Bound::Excluded(Term::from_field_i64(f.published, t))
            });
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        let term = |field: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(o) = &filters.outlet {
            filter(term(f.outlet, &o.to_lowercase()));
        }
        if let Some(l) = &filters.language {
            filter(term(f.language, &l.to_lowercase()));
        }
        if let Some(e) = &filters.entity {
            filter(term(f.entity, e.as_str()));
        }
        if let Some(ids) = &filters.articles {
            if ids.is_empty() {
                filter(Box::new(EmptyQuery));
            } else {
                filter(Box::new(TermSetQuery::new(
                    ids.iter().map(|a| Term::from_field_text(f.id, a.as_str())),
                )));
            }
        }
        let filtered = |q: Box<dyn Query>| {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q)];
            clauses.extend(filter_queries.iter().map(|fq| {
                let q: Box<dyn Query> = Box::new(ConstScoreQuery::new(fq.box_clone(), 0.0));
                (Occur::Must, q)
            }));
            BooleanQuery::new(clauses)
        };
        let query = filtered(words_query);
        let searcher = self.reader.searcher();
        let (total, mut top_docs) =
            searcher.search(&query, &(Count, TopDocs::with_limit(top).order_by_score()))?;
        let full = if mode == Mode::Strict || n == 1 {
            total
        } else {
            searcher.search(&filtered(strict), &Count)?
        };
        if mode == Mode::All {
            // Scores back to relevance: the words a hit holds are the bonuses in its score; a
            // hit missing words is penalised, and never scores above the hit before it.
            let mut ceiling = f32::INFINITY;
            for (score, _) in top_docs.iter_mut() {
                let held = (*score / WORD_BONUS).floor().clamp(0.0, n as f32);
                let relevance = (*score - held * WORD_BONUS).max(0.0);
                let missing = n as i32 - held as i32;
                *score = (relevance * PARTIAL_PENALTY.powi(missing)).min(ceiling);
                ceiling = *score;
            }
        }
        // The ids of the hits, segment by segment: the term ordinals of a segment's hits in
        // order, so that one pass over its id dictionary finds them all (looking them up one
        // by one decodes a dictionary block per hit).
        let mut ids: Vec<Option<ArticleId>> = vec![None; top_docs.len()];
        let mut by_segment: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
        for (i, (_, addr)) in top_docs.iter().enumerate() {
            by_segment
                .entry(addr.segment_ord)
                .or_default()
                .push((addr.doc_id, i));
        }
        // Which hits hold a word or romanisation term of the query in `body` or `roman`: the
        // postings of those terms, sought at the segment's hits in doc id order.
        let text_terms: Vec<Term> = words
            .iter()
            .flat_map(|w| w.terms.iter())
            .filter_map(|(field, t, _)| match field {
                TermField::Body => Some(Term::from_field_text(f.body, t)),
                TermField::Roman => Some(Term::from_field_text(f.roman, t)),
                TermField::Names => None,
            })
            .collect();
        let mut in_text = vec![false; top_docs.len()];
        for (segment, docs) in &by_segment {
            let reader = searcher.segment_reader(*segment);
            let mut docs = docs.clone();
            docs.sort_unstable();
            for term in &text_terms {
                let postings = reader
                    .inverted_index(term.field())?
                    .read_postings(term, IndexRecordOption::Basic)
                    .map_err(|e| SearchError::Tantivy(e.into()))?;
                let Some(mut postings) = postings else {
                    continue;
                };
                for &(doc, i) in &docs {
                    // seek only forward: targets ascend, and a doc passed is not in the list
                    if postings.doc() <= doc && postings.seek(doc) == doc {
                        if let Some(slot) = in_text.get_mut(i) {
                            *slot = true;
                        }
                    }
                }
            }
        }
        for (segment, docs) in by_segment {
            let col: Option<StrColumn> =
                searcher.segment_reader(segment).fast_fields().str("id")?;
            let Some(col) = col else { continue };
            let mut ords: Vec<(u64, usize)> = docs
                .iter()
                .filter_map(|&(doc, i)| col.term_ords(doc).next().map(|o| (o, i)))
                .collect();
            ords.sort_unstable();
            let sorted: Vec<u64> = ords.iter().map(|o| o.0).collect();
            let mut k = 0;
            col.dictionary()
                .sorted_ords_to_term_cb(&sorted, |bytes| {
                    if let (Some(&(_, i)), Ok(id)) = (ords.get(k), std::str::from_utf8(bytes)) {
                        if let Some(slot) = ids.get_mut(i) {
                            *slot = Some(ArticleId(id.to_string()));
                        }
                    }
                    k += 1;
                })
                .map_err(|e| SearchError::Tantivy(e.into()))?;
        }
        let (hits, in_text) = top_docs
            .iter()
            .zip(ids)
            .zip(in_text)
            .filter_map(|(((score, _), id), t)| id.map(|id| ((id, *score), t)))
            .unzip();
        Ok(Hits {
            total,
            full,
            hits,
            in_text,
        })
    }

    /// Segments of the index (as of the last reload); a bulk rebuild leaves one.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }
}

/// Adds, replaces and removes articles; nothing is visible before [`Writer::commit`].
pub struct Writer<'a> {
    w: tantivy::IndexWriter,
    ix: &'a SearchIndex,
    /// Made by [`SearchIndex::bulk_writer`]: merge into one segment at commit.
    bulk: bool,
    /// The store change recorded at the next commit.
    applied: Option<i64>,
}

impl Writer<'_> {
    /// Adds an article, replacing any earlier version with its id.
    pub fn put(&mut self, doc: &Document, analysis: Option<&Analysis>) -> Result<(), SearchError> {
        let f = &self.ix.f;
        self.w
            .delete_term(Term::from_field_text(f.id, doc.id.as_str()));
        let mut d = TantivyDocument::default();
        d.add_text(f.id, doc.id.as_str());
        for field in [f.body, f.roman] {
            if let Some(title) = &doc.title {
                for _ in 0..TITLE_REPEAT {
                    d.add_text(field, title);
                }
            }
            d.add_text(field, &doc.text);
        }
        if let Some(a) = analysis {
            let mut mentions: HashMap<&EntityId, usize> = HashMap::new();
            for m in &a.mentions {
                if let Some(e) = &m.entity {
                    *mentions.entry(e).or_insert(0) += 1;
                }
            }
            for e in &a.entities {
                d.add_text(f.entity, e.id.as_str());
                let n = mentions
                    .get(&e.id)
                    .copied()
                    .unwrap_or(1)
                    .clamp(1, NAME_REPEAT_MAX);
                let mut names = e.name.clone();
                if let Some(hi) = &e.name_hi {
                    names.push(' ');
                    names.push_str(hi);
                }
                for _ in 0..n {
                    d.add_text(f.names, &names);
                }
            }
        }
        if let Some(o) = &doc.outlet {
            d.add_text(f.outlet, o.to_lowercase());
        }
        if let Some(l) = &doc.language {
            d.add_text(f.language, l.to_lowercase());
        }
        if let Some(p) = doc.published {
            d.add_i64(f.published, p.timestamp());
        }
        self.w.add_document(d)?;
        Ok(())
    }

    /// Removes an article.
    pub fn delete(&mut self, id: &ArticleId) {
        self.w
            .delete_term(Term::from_field_text(self.ix.f.id, id.as_str()));
    }

    /// Removes every article (before a rebuild); the applied change is forgotten.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        self.w.delete_all_documents()?;
        self.applied = None;
        Ok(())
    }

    /// The store change the index holds everything up to, as of the last commit or
    /// [`Writer::set_applied`] (None: unknown).
    pub fn applied(&self) -> Option<i64> {
        self.applied
    }

    /// Records that the changes put since hold the store up to change `seq`; written with
    /// the next commit.
    pub fn set_applied(&mut self, seq: i64) {
        self.applied = Some(seq);
    }

    /// Makes the changes durable and visible to this process's searches (other processes see
    /// them after [`SearchIndex::reload`]), and marks the index as written by this [`FORMAT`].
    pub fn commit(&mut self) -> Result<(), SearchError> {
        let mut c = self.w.prepare_commit()?;
        match self.applied {
            Some(seq) => c.set_payload(&format!("{FORMAT}\nseq={seq}")),
            None => c.set_payload(FORMAT),
        }
        c.commit()?;
        if self.bulk {
            self.merge_all();
        }
        self.ix.reload()?;
        Ok(())
    }

    /// Merges every segment into one (a merge keeps the commit's payload). A failed merge
    /// leaves the committed segments as they are, which search just as correctly.
    fn merge_all(&mut self) {
        let ids = match self.ix.index.searchable_segment_ids() {
            Ok(ids) if ids.len() > 1 => ids,
            Ok(_) => return,
            Err(e) => {
                tracing::warn!("listing the search index segments: {e}");
                return;
            }
        };
        let n = ids.len();
        match self.w.merge(&ids).wait() {
            Ok(_) => {
                tracing::info!(segments = n, "search index merged into one segment");
                if let Err(e) = self.w.garbage_collect_files().wait() {
                    tracing::warn!("removing merged search index files: {e}");
                }
            }
            Err(e) => tracing::warn!("merging the search index: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_query;
    use khabar_model::{EntityKind, EntityRef, Mention, MentionRelation, PubTime, Span};
    use proptest::prelude::*;

    fn doc(id: &str, lang: &str, outlet: &str, date: &str, title: &str, text: &str) -> Document {
        Document {
            id: ArticleId::from(id),
            source: "t".into(),
            url: None,
            outlet: Some(outlet.into()),
            title: (!title.is_empty()).then(|| title.to_string()),
            author: None,
            authors: vec![],
            published: PubTime::parse(date).ok(),
            updated: None,
            language: Some(lang.into()),
            dateline: None,
            text: text.into(),
            paragraphs: vec![Span::new(0, text.len())],
            captions: vec![],
            dropped: vec![],
            fingerprint: String::new(),
        }
    }

    fn kazakhstan(d: &Document, surface: &str) -> Analysis {
        let mut a = Analysis::empty(d.id.clone(), "hi");
        let id = EntityId::from("Q232");
        a.entities.push(EntityRef {
            id: id.clone(),
            kind: EntityKind::Place,
            name: "Kazakhstan".into(),
            name_hi: Some("कज़ाख़स्तान".into()),
            in_kb: true,
            key: String::new(),
            confidence: 1.0,
        });
        a.mentions.push(Mention {
            span: Span::new(0, surface.len()),
            sentence: 0,
            text: surface.into(),
            kind: EntityKind::Place,
            entity: Some(id),
            relation: MentionRelation::Names,
            confidence: 1.0,
        });
        a
    }

    fn fixture() -> SearchIndex {
        let ix = SearchIndex::in_memory().unwrap();
        let mut w = ix.writer().unwrap();
        let docs = [
            doc(
                "a0",
                "hi",
                "Amar Ujala",
                "2022-01-05",
                "मोदी की रैली",
                "प्रधानमंत्री मोदी ने कहा कि दस हज़ार लोग आए।",
            ),
            doc(
                "a1",
                "hi",
                "Dainik",
                "2022-01-07",
                "",
                "मोदीजी की रैली में पाँच हजार लोग थे।",
            ),
            doc(
                "a2",
                "en",
                "The Hindu",
                "2022-01-08",
                "Modi speaks",
                "Prime Minister Modi spoke to reporters.",
            ),
            doc(
                "a3",
                "hi",
                "Dainik",
                "2022-01-09",
                "",
                "बारिश से नुकसान हुआ। नदी में बाढ़ आई।",
            ),
            doc(
                "a4",
                "hi",
                "Dainik",
                "2022-01-10",
                "",
                "पानी का स्तर बढ़ गया।",
            ),
        ];
        for d in &docs {
            w.put(d, None).unwrap();
        }
        let k = doc(
            "a5",
            "hi",
            "Dainik",
            "2022-02-01",
            "",
            "कजाखस्तान में प्रदर्शन हुए।",
        );
        w.put(&k, Some(&kazakhstan(&k, "कजाखस्तान"))).unwrap();
        w.commit().unwrap();
        ix
    }

    fn ids(ix: &SearchIndex, q: &str, mode: Mode, f: &Filters) -> Vec<String> {
        let mut v: Vec<String> = ix
            .search(&parse_query(q), mode, f, 100)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.0 .0)
            .collect();
        v.sort();
        v
    }

    fn all(ix: &SearchIndex, q: &str) -> Vec<String> {
        ids(ix, q, Mode::All, &Filters::default())
    }

    #[test]
    fn hindi_variants_and_romanised_queries_find_the_same_articles() {
        let ix = fixture();
        assert_eq!(ix.num_docs(), 6);
        assert!(ix.is_current());
        let modi = ["a0", "a1", "a2"];
        assert_eq!(all(&ix, "मोदी"), modi);
        assert_eq!(all(&ix, "मोदीजी"), modi);
        assert_eq!(all(&ix, "modi"), modi);
        assert_eq!(all(&ix, "Modi"), modi);
        assert_eq!(all(&ix, "हजार"), ["a0", "a1"]);
        assert_eq!(all(&ix, "हज़ार"), ["a0", "a1"]);
        assert_eq!(all(&ix, "कज़ाख़स्तान"), ["a5"]);
        assert_eq!(all(&ix, "कजाखस्तान"), ["a5"]);
        assert_eq!(all(&ix, "kazakhstan"), ["a5"]);
        // बाढ़ (flood) and बढ़ (rise) romanise alike; a Hindi query keeps them apart.
        assert_eq!(all(&ix, "बाढ़"), ["a3"]);
        assert!(all(&ix, "").is_empty());
        assert!(all(&ix, "क्रिकेट").is_empty());
    }

    #[test]
    fn hits_say_whether_their_text_holds_a_query_term() {
        let ix = SearchIndex::in_memory().unwrap();
        let mut w = ix.writer().unwrap();
        let named = doc("n1", "hi", "D", "2022-02-01", "", "कजाखस्तान में प्रदर्शन हुए।");
        w.put(&named, Some(&kazakhstan(&named, "कजाखस्तान")))
            .unwrap();
        // Linked to the country through a word that is not its name: found by the name only.
        let linked = doc("n2", "hi", "D", "2022-02-02", "", "देश में प्रदर्शन हुए।");
        w.put(&linked, Some(&kazakhstan(&linked, "देश"))).unwrap();
        let titled = doc("n3", "hi", "D", "2022-02-03", "कज़ाख़स्तान", "प्रदर्शन हुए।");
        w.put(&titled, None).unwrap();
        w.commit().unwrap();
        for q in ["कज़ाख़स्तान", "kazakhstan"] {
            let h = ix
                .search(&parse_query(q), Mode::All, &Filters::default(), 10)
                .unwrap();
            assert_eq!(h.hits.len(), h.in_text.len());
            let mut got: Vec<(&str, bool)> = h
                .hits
                .iter()
                .zip(&h.in_text)
                .map(|((id, _), t)| (id.as_str(), *t))
                .collect();
            got.sort();
            assert_eq!(got, [("n1", true), ("n2", false), ("n3", true)], "{q}");
        }
    }

    #[test]
    fn every_word_must_match_when_strict() {
        let ix = fixture();
        assert!(ids(&ix, "मोदी बाढ़", Mode::Strict, &Filters::default()).is_empty());
        assert_eq!(
            ids(&ix, "मोदी बाढ़", Mode::Any, &Filters::default()),
            ["a0", "a1", "a2", "a3"]
        );
    }

    /// The ids of a search in rank order, and how many hold every word.
    fn ranked(ix: &SearchIndex, q: &str) -> (Vec<String>, usize) {
        let r = ix
            .search(&parse_query(q), Mode::All, &Filters::default(), 100)
            .unwrap();
        // Scores never rise down the ranking.
        assert!(r.hits.windows(2).all(|w| w[0].1 >= w[1].1), "{r:?}");
        (r.hits.into_iter().map(|h| h.0 .0).collect(), r.full)
    }

    fn forgiving_fixture() -> SearchIndex {
        let ix = SearchIndex::in_memory().unwrap();
        let mut w = ix.writer().unwrap();
        let docs = [
            ("f1", "आंध्र प्रदेश में लैला तूफान से भारी तबाही।"),
            ("f2", "आंध्र प्रदेश में बारिश हुई।"),
            ("f3", "लैला चक्रवात आंध्र प्रदेश के तट से टकराया।"),
            ("f4", "कैटरीना तूफान ने अमेरिका में तबाही मचाई।"),
            ("f5", "माउंट आबू के जंगल में भीषण आग लगी।"),
            ("f6", "उनकी पत्नी ने कहा कि वे पटना लौटेंगे।"),
            ("f7", "रूसी राष्ट्रपति पुतिन ने कहा।"),
            ("f8", "क्रिकेट मैच में भारत जीता।"),
        ];
        for (id, text) in docs {
            w.put(&doc(id, "hi", "o", "2022-01-01", "", text), None)
                .unwrap();
        }
        w.commit().unwrap();
        ix
    }

    #[test]
    fn partial_matches_rank_below_articles_holding_every_word() {
        let ix = forgiving_fixture();
        // f3 holds all three words, f1 two (लैला, आंध्र: it says तूफान), f2 one.
        let (r, full) = ranked(&ix, "लैला चक्रवात आंध्र");
        assert_eq!(full, 1);
        assert_eq!(r, ["f3", "f1", "f2"]);
        // Strict finds only f3; a query no article holds a word of finds nothing.
        assert_eq!(
            ids(&ix, "लैला चक्रवात आंध्र", Mode::Strict, &Filters::default()),
            ["f3"]
        );
        let (r, full) = ranked(&ix, "लैला चक्रवात");
        assert_eq!((r.len(), full), (2, 1));
        assert_eq!(r[0], "f3");
        assert!(ranked(&ix, "भूकंप सुनामी").0.is_empty());
        // Partial hits score below full ones.
        let h = ix
            .search(
                &parse_query("लैला चक्रवात आंध्र"),
                Mode::All,
                &Filters::default(),
                10,
            )
            .unwrap();
        assert!(h.hits[0].1 > h.hits[1].1, "{h:?}");
        assert_eq!(h.total, 3);
    }

    #[test]
    fn a_function_word_alone_makes_no_hit() {
        let ix = forgiving_fixture();
        // में is in f1, f2, f4, f5 and f8; only the article holding आग or आबू is a hit.
        let (r, _) = ranked(&ix, "आबू में आग");
        assert_eq!(r, ["f5"]);
        let (r, full) = ranked(&ix, "तूफान में");
        assert_eq!(full, 2);
        let mut r = r;
        r.sort();
        assert_eq!(r, ["f1", "f4"]);
    }

    #[test]
    fn spelling_variants_of_names_meet() {
        let ix = forgiving_fixture();
        assert_eq!(ranked(&ix, "कटरीना").0, ["f4"]);
        assert_eq!(ranked(&ix, "katrina").0, ["f4"]);
        let (r, full) = ranked(&ix, "mount abu aag");
        assert_eq!(r.first().map(String::as_str), Some("f5"));
        assert_eq!(full, 1);
    }

    #[test]
    fn romanised_queries_keep_off_unrelated_common_words() {
        let ix = forgiving_fixture();
        // Not पत्नी ("wife") nor पटना, which share putin's consonants.
        assert_eq!(ranked(&ix, "putin").0, ["f7"]);
        assert_eq!(ranked(&ix, "patna").0, ["f6"]);
    }

    #[test]
    fn ranking_prefers_more_and_title_matches() {
        let ix = fixture();
        let r = ix
            .search(&parse_query("मोदी"), Mode::All, &Filters::default(), 10)
            .unwrap();
        assert_eq!(r.total, 3);
        // a0 has मोदी in the title and the text, a1 once in the text.
        let rank = |id: &str| r.hits.iter().position(|h| h.0.as_str() == id).unwrap();
        assert!(rank("a0") < rank("a1"), "{r:?}");
        let top1 = ix
            .search(&parse_query("मोदी"), Mode::All, &Filters::default(), 1)
            .unwrap();
        assert_eq!(top1.total, 3);
        assert_eq!(top1.hits.len(), 1);
    }

    #[test]
    fn filters() {
        let ix = fixture();
        let ts = |d: &str| PubTime::parse(d).unwrap().timestamp();
        let f = |g: &dyn Fn(&mut Filters)| {
            let mut x = Filters::default();
            g(&mut x);
            x
        };
        let q = "मोदी";
        assert_eq!(
            ids(&ix, q, Mode::All, &f(&|x| x.language = Some("EN".into()))),
            ["a2"]
        );
        assert_eq!(
            ids(&ix, q, Mode::All, &f(&|x| x.outlet = Some("dainik".into()))),
            ["a1"]
        );
        assert_eq!(
            ids(&ix, q, Mode::All, &f(&|x| x.since = Some(ts("2022-01-06")))),
            ["a1", "a2"]
        );
        assert_eq!(
            ids(&ix, q, Mode::All, &f(&|x| x.until = Some(ts("2022-01-08")))),
            ["a0", "a1"]
        );
        assert_eq!(
            ids(
                &ix,
                q,
                Mode::All,
                &f(&|x| x.articles = Some(vec![ArticleId::from("a2"), ArticleId::from("a3")]))
            ),
            ["a2"]
        );
        assert!(ids(&ix, q, Mode::All, &f(&|x| x.articles = Some(vec![]))).is_empty());
        assert_eq!(
            ids(
                &ix,
                "प्रदर्शन",
                Mode::All,
                &f(&|x| x.entity = Some(EntityId::from("Q232")))
            ),
            ["a5"]
        );
        assert!(ids(
            &ix,
            q,
            Mode::All,
            &f(&|x| x.entity = Some(EntityId::from("Q232")))
        )
        .is_empty());
    }

    #[test]
    fn put_replaces_and_delete_removes() {
        let ix = fixture();
        let mut w = ix.writer().unwrap();
        w.put(
            &doc("a3", "hi", "Dainik", "2022-01-09", "", "सूखा पड़ा।"),
            None,
        )
        .unwrap();
        w.delete(&ArticleId::from("a4"));
        w.commit().unwrap();
        assert_eq!(ix.num_docs(), 5);
        assert!(all(&ix, "बाढ़").is_empty());
        assert_eq!(all(&ix, "सूखा"), ["a3"]);
        assert!(all(&ix, "स्तर").is_empty());
    }

    #[test]
    fn a_bulk_commit_merges_every_segment_into_one() {
        let ix = fixture();
        let mut w = ix.writer().unwrap();
        w.put(&doc("b1", "hi", "o", "2022-03-01", "", "भूकंप आया।"), None)
            .unwrap();
        w.commit().unwrap();
        drop(w);
        assert!(ix.num_segments() >= 2, "{}", ix.num_segments());
        let mut w = ix.bulk_writer().unwrap();
        w.put(
            &doc("b2", "hi", "o", "2022-03-02", "", "फिर भूकंप आया।"),
            None,
        )
        .unwrap();
        w.commit().unwrap();
        drop(w);
        assert_eq!(ix.num_segments(), 1);
        assert!(ix.is_current(), "the merge keeps the format payload");
        assert_eq!(ix.num_docs(), 8);
        assert_eq!(all(&ix, "भूकंप"), ["b1", "b2"]);
        assert_eq!(all(&ix, "मोदी"), ["a0", "a1", "a2"]);
    }

    #[test]
    fn hits_resolve_to_their_ids_across_segments() {
        // Several segments, hits spread over them: every hit's id is the id of the document
        // that matched (ordinals resolved per segment in sorted order).
        let ix = SearchIndex::in_memory().unwrap();
        for batch in 0..4 {
            let mut w = ix.writer().unwrap();
            for i in 0..30 {
                let n = batch * 30 + i;
                let text = format!("{} बाढ़ {}", "शब्द ".repeat(n % 7 + 1), "पानी ".repeat(n % 5));
                w.put(
                    &doc(&format!("d{n:03}"), "hi", "o", "2022-01-01", "", &text),
                    None,
                )
                .unwrap();
            }
            w.commit().unwrap();
        }
        assert!(ix.num_segments() > 1);
        let r = ix
            .search(&parse_query("पानी"), Mode::All, &Filters::default(), 200)
            .unwrap();
        let want: Vec<String> = (0..120)
            .filter(|n| n % 5 != 0)
            .map(|n| format!("d{n:03}"))
            .collect();
        assert_eq!(r.total, want.len());
        let mut got: Vec<String> = r.hits.iter().map(|h| h.0 .0.clone()).collect();
        got.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn on_disk_index_reopens_and_other_processes_see_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = SearchIndex::dir_for(&dir.path().join("k.db"));
        assert!(path.ends_with("k.db.search"));
        {
            let ix = SearchIndex::open(&path).unwrap();
            assert!(!ix.is_current(), "a new index has no commit yet");
            let mut w = ix.writer().unwrap();
            w.put(&doc("x", "hi", "o", "2022-01-01", "", "भूकंप आया।"), None)
                .unwrap();
            w.commit().unwrap();
        }
        let reader = SearchIndex::open(&path).unwrap();
        assert!(reader.is_current());
        assert_eq!(all(&reader, "भूकंप"), ["x"]);
        let writer = SearchIndex::open(&path).unwrap();
        let mut w = writer.writer().unwrap();
        w.put(&doc("y", "hi", "o", "2022-01-02", "", "फिर भूकंप आया।"), None)
            .unwrap();
        w.commit().unwrap();
        assert_eq!(all(&reader, "भूकंप"), ["x"]);
        reader.reload().unwrap();
        assert_eq!(all(&reader, "भूकंप"), ["x", "y"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_query_string_is_safe(q in "\\PC{0,60}") {
            let ix = SearchIndex::in_memory().unwrap();
            let mut w = ix.writer().unwrap();
            w.put(&doc("p", "hi", "o", "2022-01-01", "शीर्षक", "मोदी ने दस हज़ार कहा। Modi said 10,000."), None).unwrap();
            w.commit().unwrap();
            for mode in [Mode::All, Mode::Any] {
                let r = ix.search(&parse_query(&q), mode, &Filters::default(), 5).unwrap();
                prop_assert!(r.hits.len() <= r.total.min(5));
            }
        }
    }
}
