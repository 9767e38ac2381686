//! The tantivy index over the deck's questions and reference answers, with an
//! English stemming analyzer. It serves `search` and the term statistics
//! (document frequencies) that weight the similarity model and auto-rubrics.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::corpus::Deck;
use crate::error::Error;

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

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        question: builder.add_text_field("question", stemmed.clone() | STORED),
        reference: builder.add_text_field("reference", stemmed.clone() | STORED),
        body: builder.add_text_field("body", stemmed),
    };
    (builder.build(), fields)
}

impl DeckIndex {
    /// Builds the index of a deck in memory (one segment, no threads).
    pub fn build(deck: &Deck) -> Result<DeckIndex, Error> {
        let (schema, fields) = schema();
        let mut writer = Index::builder()
            .schema(schema)
            .single_segment_index_writer(RamDirectory::create(), 15_000_000)
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

    /// Ranked search over questions and reference answers, with highlighted snippets.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        let terms = self.query_terms(text)?;
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
                (Occur::Should, q)
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(index_err)?;
        // Snippets come from the reference field: re-key the query terms onto it.
        let snippet_query = BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    let text = t.value().as_str().unwrap_or_default().to_string();
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.reference, &text),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        );
        let mut snippets =
            SnippetGenerator::create(&searcher, &snippet_query, self.fields.reference)
                .map_err(index_err)?;
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
        let hits = index.search("virtual nodes on a hash ring", 3).unwrap();
        assert_eq!(hits[0].question_id, "sharding-2");
        assert!(!hits[0].highlighted.is_empty());
        assert!(index.search("the of and", 3).unwrap().is_empty());
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
