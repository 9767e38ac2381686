#![no_main]
//! The rubric loader on arbitrary TOML against the built-in deck.
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mockgrade::corpus::Deck;
use mockgrade::rubric::RubricSet;

fn deck() -> &'static Deck {
    static DECK: OnceLock<Deck> = OnceLock::new();
    DECK.get_or_init(|| Deck::builtin().expect("built-in deck"))
}

fuzz_target!(|text: &str| {
    let mut set = RubricSet::default();
    if set.add_file("fuzz.toml", text, deck()).is_ok() {
        for id in set.question_ids().map(str::to_string).collect::<Vec<_>>() {
            let _ = set.get(&id);
        }
    }
});
