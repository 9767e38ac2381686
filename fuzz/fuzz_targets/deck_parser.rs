#![no_main]
//! The deck parser on arbitrary text: errors are fine, panics are not.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(deck) = mockgrade::corpus::Deck::parse(text, "fuzz.md") {
        for q in deck.questions() {
            let _ = deck.question(&q.id);
        }
        let _ = deck.topic("a");
    }
});
