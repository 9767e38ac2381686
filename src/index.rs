//! The tantivy index over the deck's questions and reference answers, with an
//! English stemming analyzer. It serves `search` and the term statistics
//! (document frequencies) that weight the similarity model and auto-rubrics.

use std::collections::HashMap;

use std::path::Path;
use tantivy::collector::TopDocs;

use tantivy::directory::{MmapDirectory, RamDirectory};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::Directory;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::corpus::Deck;
use crate::error::Error;

/// How many of an answer's terms find the questions it fits.
const CLOSEST_QUERY_TERMS: usize = 32;

/// Field handles of the schema.
#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    question: Field,
    reference: Field,
    body: Field,
}

/// One search hit.
#[derive(Debug, Clone)]
pub struct Hit {
    pub question_id: String,
    pub score: f32,
    /// A fragment of the reference answer; byte ranges of the matched words.
    pub fragment: String,
    pub highlighted: Vec<std::ops::Range<usize>>,
}

/// The deck's search index.
pub struct DeckIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn index_err(e: impl std::fmt::Display) -> Error {
    Error::Index(e.to_string())
}

/// The analyzer of the indexed text: tantivy's simple tokenizer, lower-cased,
/// with the English stems of `text::stem` (memoised: the same stemmer as the
/// grader's, and indexing a large deck stems each distinct word once).
const ANALYZER: &str = "mockgrade_en";

fn register_analyzer(index: &Index) {
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(MemoStem)
        .build();
    index.tokenizers().register(ANALYZER, analyzer);
}

/// A token filter that replaces each token by its memoised English stem.
#[derive(Clone, Copy)]
struct MemoStem;

impl TokenFilter for MemoStem {
    type Tokenizer<T: Tokenizer> = MemoStemTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemTokenizer<T> {
        MemoStemTokenizer(tokenizer)
    }
}

#[derive(Clone)]
struct MemoStemTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for MemoStemTokenizer<T> {
    type TokenStream<'a> = MemoStemStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemStream(self.0.token_stream(text))
    }
}

struct MemoStemStream<S>(S);

impl<S: TokenStream> TokenStream for MemoStemStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        token.text = crate::text::stem(&token.text);
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        question: builder.add_text_field("question", STORED),
        reference: builder.add_text_field("reference", STORED),
        body: builder.add_text_field("body", stemmed | STORED),
    };
    (builder.build(), fields)
}

impl DeckIndex {
    /// Builds the index of a deck in memory (one segment, no threads).
    pub fn build(deck: &Deck) -> Result<DeckIndex, Error> {
        DeckIndex::build_into(deck, Box::new(RamDirectory::create()))
    }

    /// Builds the index of a deck in a new directory on disk, to be opened later.
    pub fn build_in(deck: &Deck, dir: &Path) -> Result<DeckIndex, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let directory = MmapDirectory::open(dir).map_err(index_err)?;
        DeckIndex::build_into(deck, Box::new(directory))
    }

    /// Opens an index that `build_in` wrote.
    pub fn open(dir: &Path) -> Result<DeckIndex, Error> {
        let index = Index::open_in_dir(dir).map_err(index_err)?;
        let (schema, _) = schema();
        if index.schema() != schema {
            return Err(Error::Index("the cached index has another schema".into()));
        }
        DeckIndex::with_reader(index)
    }

    fn with_reader(index: Index) -> Result<DeckIndex, Error> {
        register_analyzer(&index);
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(index_err)?;
        Ok(DeckIndex {
            index,
            reader,
            fields,
        })
    }

    fn build_into(deck: &Deck, directory: Box<dyn Directory>) -> Result<DeckIndex, Error> {
        let (schema, fields) = schema();
        let tokenizers = tantivy::tokenizer::TokenizerManager::default();
        let builder = Index::builder()
            .schema(schema)
            .tokenizers(tokenizers.clone());
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(MemoStem)
            .build();
        tokenizers.register(ANALYZER, analyzer);
        let mut writer = builder
            .single_segment_index_writer(directory, 50_000_000)
            .map_err(index_err)?;
        for q in deck.questions() {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, &q.id);
            doc.add_text(fields.question, &q.text);
            doc.add_text(fields.reference, &q.reference);
            doc.add_text(fields.body, format!("{} {}", q.text, q.reference));
            writer.add_document(doc).map_err(index_err)?;
        }
        let index = writer.finalize().map_err(index_err)?;
        DeckIndex::with_reader(index)
    }

    /// Number of indexed questions.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Document frequency of every stemmed term of the question and reference text.
    pub fn document_frequencies(&self) -> Result<HashMap<String, u32>, Error> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.body)
                .map_err(index_err)?;
            let mut stream = inverted.terms().stream().map_err(index_err)?;
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    *out.entry(term.to_string()).or_insert(0) += stream.value().doc_freq;
                }
            }
        }
        Ok(out)
    }

    /// The stemmed terms of a text, as the index analyses it, without duplicates.
    fn query_terms(&self, text: &str) -> Result<Vec<Term>, Error> {
        let mut analyzer = self
            .index
            .tokenizer_for_field(self.fields.body)
            .map_err(index_err)?;
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while stream.advance() {
            let word = stream.token().text.clone();
            if !crate::text::is_stop_word(&word) && !words.contains(&word) {
                words.push(word);
            }
        }
        Ok(words
            .into_iter()
            .map(|w| Term::from_field_text(self.fields.body, &w))
            .collect())
    }

    /// The ids of the questions whose text and reference best match a text (BM25).
    pub fn closest(&self, text: &str, limit: usize) -> Result<Vec<String>, Error> {
        let query = self.query(text, CLOSEST_QUERY_TERMS)?;
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(index_err)?;
        let mut ids = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_err)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }

    /// A query of a text's terms; with many, only the `max_terms` rarest (the
    /// ones that say what the text is about), which keeps long answers fast.
    fn query(&self, text: &str, max_terms: usize) -> Result<BooleanQuery, Error> {
        let mut terms = self.query_terms(text)?;
        if terms.len() > max_terms {
            let searcher = self.reader.searcher();
            let mut by_rarity: Vec<(u64, Term)> = terms
                .into_iter()
                .map(|t| (searcher.doc_freq(&t).unwrap_or(0), t))
                .filter(|(df, _)| *df > 0)
                .collect();
            by_rarity.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
            terms = by_rarity
                .into_iter()
                .take(max_terms)
                .map(|(_, t)| t)
                .collect();
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|t| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
                (Occur::Should, q)
            })
            .collect();
        Ok(BooleanQuery::new(clauses))
    }

    /// Ranked search over questions and reference answers, with highlighted snippets.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        if self.query_terms(text)?.is_empty() {
            return Ok(Vec::new());
        }
        let query = self.query(text, usize::MAX)?;
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(index_err)?;
        let mut snippets =
            SnippetGenerator::create(&searcher, &query, self.fields.body).map_err(index_err)?;
        snippets.set_max_num_chars(220);
        let mut hits = Vec::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_err)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let snippet = snippets.snippet_from_doc(&doc);
            hits.push(Hit {
                question_id: id,
                score,
                fragment: snippet.fragment().to_string(),
                highlighted: snippet.highlighted().to_vec(),
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ranks_the_right_question_first() {
        let deck = Deck::builtin().unwrap();
        let index = DeckIndex::build(&deck).unwrap();
        assert_eq!(index.num_docs(), 35);
        let closest = index
            .closest("leader election, heartbeats and a majority quorum", 2)
            .unwrap();
        assert_eq!(closest[0], "replication-2");
        let hits = index.search("virtual nodes on a hash ring", 3).unwrap();
        assert_eq!(hits[0].question_id, "sharding-2");
        assert!(!hits[0].highlighted.is_empty());
        assert!(index.search("the of and", 3).unwrap().is_empty());
    }

    #[test]
    fn a_persisted_index_opens_again() {
        let deck = Deck::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        DeckIndex::build_in(&deck, dir.path()).unwrap();
        let index = DeckIndex::open(dir.path()).unwrap();
        assert_eq!(index.num_docs(), 35);
        assert!(DeckIndex::open(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn document_frequencies_use_stems() {
        let deck = Deck::builtin().unwrap();
        let index = DeckIndex::build(&deck).unwrap();
        let df = index.document_frequencies().unwrap();
        assert!(df["shard"] > 3);
        assert!(df.contains_key("idempot"));
    }
}
