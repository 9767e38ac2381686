//! A TF-IDF vector-space model over stems: the similarity of an answer to a
//! reference answer, and which question of the deck an answer fits best.
//! Document frequencies come from the tantivy index.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::Analyzed;

/// A sparse, L2-normalised TF-IDF vector.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vector {
    weights: HashMap<String, f64>,
}

impl Vector {
    /// Cosine similarity of two normalised vectors.
    pub fn cosine(&self, other: &Vector) -> f64 {
        let (small, large) = if self.weights.len() <= other.weights.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .weights
            .iter()
            .filter_map(|(term, w)| large.weights.get(term).map(|v| w * v))
            .sum()
    }

    /// True when the vector has no terms.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Inverse document frequencies and the vectors of the reference answers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SimilarityModel {
    idf: HashMap<String, f64>,
    unseen_idf: f64,
    references: Vec<(String, Vector)>,
}

impl SimilarityModel {
    /// A model from document frequencies over `num_docs` documents.
    pub fn new(document_frequencies: &HashMap<String, u32>, num_docs: u64) -> Self {
        let n = num_docs.max(1) as f64;
        let idf_of = |df: f64| (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        SimilarityModel {
            idf: document_frequencies
                .iter()
                .map(|(t, &df)| (t.clone(), idf_of(df as f64)))
                .collect(),
            unseen_idf: idf_of(0.0),
            references: Vec::new(),
        }
    }

    /// The IDF of a stem (terms the deck never uses get the highest value).
    pub fn idf(&self, stem: &str) -> f64 {
        self.idf.get(stem).copied().unwrap_or(self.unseen_idf)
    }

    /// Adds a reference answer under a question id.
    pub fn add_reference(&mut self, question_id: &str, analyzed: &Analyzed) {
        let v = self.vector(analyzed);
        self.references.push((question_id.to_string(), v));
    }

    /// The TF-IDF vector of an analysed text (content stems, sublinear term frequency).
    pub fn vector(&self, analyzed: &Analyzed) -> Vector {
        let mut tf: HashMap<&str, f64> = HashMap::new();
        for t in analyzed.content() {
            *tf.entry(t.stem.as_str()).or_insert(0.0) += 1.0;
        }
        let mut weights: HashMap<String, f64> = tf
            .into_iter()
            .map(|(term, f)| (term.to_string(), (1.0 + f.ln()) * self.idf(term)))
            .collect();
        let norm = weights.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            weights.values_mut().for_each(|w| *w /= norm);
        }
        Vector { weights }
    }

    /// The reference vector of a question, if present.
    pub fn reference(&self, question_id: &str) -> Option<&Vector> {
        self.references
            .iter()
            .find(|(id, _)| id == question_id)
            .map(|(_, v)| v)
    }

    /// The question whose reference answer is most similar to a vector, other than `except`.
    pub fn best_other(&self, answer: &Vector, except: &str) -> Option<(String, f64)> {
        self.references
            .iter()
            .filter(|(id, _)| id != except)
            .map(|(id, v)| (id, answer.cosine(v)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, s)| (id.clone(), s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn cosine_is_one_for_identical_text_and_zero_for_disjoint() {
        let mut df = HashMap::new();
        df.insert("cach".to_string(), 1);
        let model = SimilarityModel::new(&df, 10);
        let a = model.vector(&analyze("cache the hot keys"));
        let b = model.vector(&analyze("caching hot keys"));
        let c = model.vector(&analyze("raft leader election"));
        assert!((a.cosine(&a) - 1.0).abs() < 1e-9);
        assert!(a.cosine(&b) > 0.9);
        assert_eq!(a.cosine(&c), 0.0);
    }

    #[test]
    fn best_other_names_the_closest_reference() {
        let model_df = HashMap::new();
        let mut model = SimilarityModel::new(&model_df, 3);
        model.add_reference("a", &analyze("leader election with raft"));
        model.add_reference("b", &analyze("token bucket rate limiting"));
        let v = model.vector(&analyze("a token bucket limits the rate"));
        assert_eq!(model.best_other(&v, "a").unwrap().0, "b");
    }
}
