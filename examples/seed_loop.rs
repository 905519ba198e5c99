//! The callgrind workload of `make bench-rust`: `N` rounds (default 2,000) of either
//! `validate_json` of the seed example (the default), `validate_json` of the seed with local
//! times (`W=local`: both ends read in Europe/London, as a `datetime-local` input gives them),
//! or, with `W=value`, a `serde_json::Value` parse of the seed. Instruction counts are steady
//! on a busy machine where times are not, so the ratio of these is the figure to watch.
//!
//! ```sh
//! cargo build --profile bench --example seed_loop
//! N=2000 valgrind --tool=callgrind ./target/release/examples/seed_loop
//! ```

const SEED: &str = include_str!("../tests/fixtures/seed-request.json");

fn main() {
    let rounds: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let workload = std::env::var("W").unwrap_or_default();
    let local =
        SEED.replace("2026-04-29T09:30:00Z", "2026-04-29T10:30").replace("2026-04-29T10:00:00Z", "2026-04-29T11:00");
    let text = if workload == "local" { local.as_str() } else { SEED };
    for _ in 0..rounds {
        if workload == "value" {
            std::hint::black_box(serde_json::from_str::<serde_json::Value>(std::hint::black_box(text)).ok());
        } else {
            std::hint::black_box(smart_invite::validate_json(std::hint::black_box(text)).invite);
        }
    }
}
