//! A TF-IDF vector-space model over stems: the similarity of an answer to a
//! reference answer. Document frequencies come from the tantivy index.

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

/// Inverse document frequencies of the deck's stems.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SimilarityModel {
    idf: HashMap<String, f64>,
    unseen_idf: f64,
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
        }
    }

    /// The IDF of a stem (terms the deck never uses get the highest value).
    pub fn idf(&self, stem: &str) -> f64 {
        self.idf.get(stem).copied().unwrap_or(self.unseen_idf)
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
}
