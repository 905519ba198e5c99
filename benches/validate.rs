//! Validating and normalizing the seed example from JSON text (issue target: at most 2 µs).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const SEED: &str = include_str!("../tests/fixtures/seed-request.json");

fn validate_seed(c: &mut Criterion) {
    assert!(smart_invite::validate_json(SEED).is_valid());
    let mut group = c.benchmark_group("seed example");
    group.throughput(Throughput::Elements(1));
    group.bench_function("validate_json + normalize", |b| {
        b.iter(|| smart_invite::validate_json(black_box(SEED)).invite)
    });
    group.bench_function("validate_json + normalize + serialize", |b| {
        b.iter(|| {
            let invite = smart_invite::validate_json(black_box(SEED)).invite.unwrap();
            serde_json::to_string(&invite).unwrap()
        })
    });
    group.bench_function("serde_json parse only (floor)", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(SEED)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, validate_seed);
criterion_main!(benches);
