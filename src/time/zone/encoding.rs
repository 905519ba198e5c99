// What build.rs and `zone/` must agree on to write and read the tables (included by both).

/// The first transition's delta counts from 1800-01-01T00:00:00Z (seconds since 1970).
const EPOCH: i64 = -5_364_662_400;

/// The unit of deltas not marked exact, in seconds: 15 minutes.
const UNIT: i64 = 900;

/// The hash that places ids in `ID_SLOTS` (32-bit FNV-1a).
fn id_hash(id: &[u8]) -> u32 {
    id.iter().fold(0x811c_9dc5, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}
