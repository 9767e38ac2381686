#![no_main]
//! The batch line parser on arbitrary text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = mockgrade::batch::parse_line(text);
});
