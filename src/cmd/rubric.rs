//! `mockgrade rubric draft`: a derived rubric as TOML, to start a hand-written one.

use crate::autorubric;
use crate::cli::{GlobalArgs, RubricCommand};

pub fn run(cmd: RubricCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let RubricCommand::Draft(args) = cmd;
    let grader = super::load_grader(global)?;
    let (id, question, reference) = match (&args.question, &args.reference) {
        (_, Some(path)) => (
            "my-question-1".to_string(),
            String::new(),
            crate::input::read_text_file(path)?,
        ),
        (Some(name), None) => {
            let q = grader.deck.question(name)?;
            (q.id.clone(), q.text.clone(), q.reference.clone())
        }
        (None, None) => anyhow::bail!("give a question id or --reference FILE"),
    };
    let phrases = autorubric::key_phrases(&question, &reference, &grader.model, args.concepts);
    let max = phrases
        .iter()
        .map(|p| p.1)
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    let mut out = format!(
        "# Draft rubric derived from the reference answer: key phrases weighted by IDF,\n# question words demoted. Edit labels, weights, phrasings and explanations.\n\n[[question]]\nid = \"{id}\"\n"
    );
    for (i, (phrase, weight)) in phrases.iter().enumerate() {
        let w = ((weight / max) * 3.0).ceil().clamp(1.0, 3.0);
        let escaped = phrase.replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str(&format!(
            "\n[[question.concept]]\nid = \"c{}\"\nlabel = \"{escaped}\"\nweight = {w}\nphrasings = [\"{escaped}\"]\nexplanation = \"TODO: why \\\"{escaped}\\\" matters.\"\n",
            i + 1
        ));
    }
    super::print(&out)
}
