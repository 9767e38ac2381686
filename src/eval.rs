//! Agreement between the grader and human grades: Pearson, Spearman, MAE,
//! broken down by answer kind, and the worst disagreements.

use std::collections::BTreeMap;

use serde::Serialize;

/// One graded item: the tool's 0-100 score and the human grade on the scale.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub id: String,
    pub question_id: String,
    pub kind: Option<String>,
    pub tool: f64,
    pub human: f64,
}

/// Agreement figures over a set of pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub n: usize,
    pub pearson: f64,
    pub spearman: f64,
    /// Mean absolute error on the human scale (tool score mapped to it).
    pub mae: f64,
    pub mean_tool: f64,
    pub mean_human: f64,
    /// The highest tool score (0-100).
    pub max_tool: f64,
}

/// The whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub scale: f64,
    pub overall: Agreement,
    pub by_kind: BTreeMap<String, Agreement>,
    /// The largest disagreements, worst first.
    pub worst: Vec<Pair>,
    pub errors: Vec<String>,
}

/// Pearson correlation; 0 when either side is constant.
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    if n < 2 {
        return 0.0;
    }
    let ma = a.iter().sum::<f64>() / n as f64;
    let mb = b.iter().sum::<f64>() / n as f64;
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        cov += (a[i] - ma) * (b[i] - mb);
        va += (a[i] - ma).powi(2);
        vb += (b[i] - mb).powi(2);
    }
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va.sqrt() * vb.sqrt())
    }
}

/// Ranks with ties averaged, from 0.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&i, &j| xs[i].total_cmp(&xs[j]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        for k in i..=j {
            r[order[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

/// Spearman rank correlation.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    pearson(&ranks(a), &ranks(b))
}

fn agreement(pairs: &[&Pair], scale: f64) -> Agreement {
    let tool: Vec<f64> = pairs.iter().map(|p| p.tool).collect();
    let human: Vec<f64> = pairs.iter().map(|p| p.human).collect();
    let n = pairs.len().max(1) as f64;
    Agreement {
        n: pairs.len(),
        pearson: pearson(&tool, &human),
        spearman: spearman(&tool, &human),
        mae: pairs
            .iter()
            .map(|p| (p.tool / 100.0 * scale - p.human).abs())
            .sum::<f64>()
            / n,
        mean_tool: tool.iter().sum::<f64>() / n,
        mean_human: human.iter().sum::<f64>() / n,
        max_tool: tool.iter().copied().fold(0.0, f64::max),
    }
}

/// Evaluates pairs: overall, per kind, and the `worst` largest disagreements.
pub fn evaluate(pairs: Vec<Pair>, scale: f64, worst: usize, errors: Vec<String>) -> Evaluation {
    let all: Vec<&Pair> = pairs.iter().collect();
    let mut kinds: BTreeMap<String, Vec<&Pair>> = BTreeMap::new();
    for p in &pairs {
        if let Some(k) = &p.kind {
            kinds.entry(k.clone()).or_default().push(p);
        }
    }
    let mut sorted: Vec<&Pair> = pairs.iter().collect();
    let gap = |p: &Pair| (p.tool / 100.0 * scale - p.human).abs();
    sorted.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then(a.id.cmp(&b.id)));
    Evaluation {
        scale,
        overall: agreement(&all, scale),
        by_kind: kinds
            .into_iter()
            .map(|(k, v)| (k, agreement(&v, scale)))
            .collect(),
        worst: sorted.into_iter().take(worst).cloned().collect(),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlations_of_known_series() {
        let a = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&a, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&a, &[4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert!((spearman(&a, &[1.0, 4.0, 9.0, 16.0]) - 1.0).abs() < 1e-12);
        assert_eq!(pearson(&a, &[1.0, 1.0, 1.0, 1.0]), 0.0);
        assert_eq!(ranks(&[3.0, 1.0, 3.0]), vec![1.5, 0.0, 1.5]);
    }

    #[test]
    fn mae_maps_the_tool_score_to_the_human_scale() {
        let pair = |tool, human| Pair {
            id: "x".into(),
            question_id: "q".into(),
            kind: Some("good".into()),
            tool,
            human,
        };
        let e = evaluate(vec![pair(80.0, 7.0), pair(20.0, 2.0)], 10.0, 1, vec![]);
        assert!((e.overall.mae - 0.5).abs() < 1e-12);
        assert_eq!(e.worst.len(), 1);
        assert_eq!(e.by_kind["good"].n, 2);
    }
}
