//! mockgrade: an LLM-free grader for system design interview answers.
//!
//! The pipeline: [`corpus`] parses the deck, [`rubric`] loads the key concepts,
//! [`text`] analyses answers, [`matcher`] finds concepts in them, [`index`] and
//! [`similarity`] measure closeness to the reference, [`grade`] combines it all
//! into a [`report::Report`].

pub mod autorubric;
pub mod batch;
pub mod builtin;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod grade;
pub mod history;
pub mod index;
pub mod input;
pub mod matcher;
pub mod normalize;
pub mod notes;
pub mod report;
pub mod rubric;
pub mod schedule;
pub mod similarity;
pub mod sources;
pub mod term;
pub mod text;
