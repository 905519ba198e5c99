//! The callgrind workload of `make bench-rust`: `N` rounds (default 2,000) of either
//! `validate_json` of the seed example (the default) or, with `W=value`, a
//! `serde_json::Value` parse of the same text. Instruction counts are steady on a busy
//! machine where times are not, so the ratio of the two is the figure to watch.
//!
//! ```sh
//! cargo build --profile bench --example seed_loop
//! N=2000 valgrind --tool=callgrind ./target/release/examples/seed_loop
//! ```

const SEED: &str = include_str!("../tests/fixtures/seed-request.json");

fn main() {
    let rounds: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let value = std::env::var("W").is_ok_and(|w| w == "value");
    for _ in 0..rounds {
        if value {
            std::hint::black_box(serde_json::from_str::<serde_json::Value>(std::hint::black_box(SEED)).ok());
        } else {
            std::hint::black_box(smart_invite::validate_json(std::hint::black_box(SEED)).invite);
        }
    }
}
