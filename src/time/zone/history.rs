//! A zone's history: the spans of its offsets and when each begins, decoded from the tables
//! `build.rs` writes (the encoding is described there), and the lookups in it.

use chrono::LocalResult;

use super::tables::{SPAN_OFFSETS, TABLE_STARTS, TRANSITIONS};
use super::{EPOCH, UNIT};

/// A zone's history, decoded: the span in force first, then each change.
pub(super) struct History {
    first: u16,
    pub(super) changes: Box<[Change]>,
}

/// From `at` (seconds since 1970, UTC) on, the span `span` is in force.
pub(super) struct Change {
    pub(super) at: i64,
    pub(super) span: u16,
}

impl History {
    /// Reads one table (the encoding is described in build.rs).
    pub(super) fn decode(table: usize) -> History {
        let mut bytes = TRANSITIONS[TABLE_STARTS[table] as usize..TABLE_STARTS[table + 1] as usize].iter();
        // The palette's length is one byte (build.rs writes it so), then its entries as varints.
        let count = bytes.next().map_or(0, |&n| usize::from(n));
        let mut varint = || {
            let mut value = 0u64;
            for shift in (0..64).step_by(7) {
                let byte = *bytes.next()?;
                value |= u64::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    break;
                }
            }
            Some(value)
        };
        let mut palette = [0u16; 16];
        for entry in palette.iter_mut().take(count) {
            *entry = varint().unwrap_or(0) as u16;
        }
        let mut at = EPOCH;
        let mut changes = Vec::new();
        while let Some(value) = varint() {
            let delta = (value >> 5) as i64;
            at += if value & 1 == 1 { delta } else { delta * UNIT };
            changes.push(Change { at, span: palette[(value >> 1 & 15) as usize] });
        }
        History { first: palette[0], changes: changes.into_boxed_slice() }
    }

    /// The span in force after `k` changes.
    pub(super) fn span(&self, k: usize) -> u16 {
        if k == 0 {
            self.first
        } else {
            self.changes[k - 1].span
        }
    }

    /// The span in force at the UTC instant `t`.
    pub(super) fn at(&self, t: i64) -> u16 {
        self.span(self.changes.partition_point(|c| c.at <= t))
    }

    /// The spans in force at the local time `t` (seconds since 1970 on the wall clock): span `k`
    /// covers `[start_k + offset_k, start_(k+1) + offset_k)` of local time. build.rs checks that
    /// these starts and ends both increase and that no local time is in three spans, so the
    /// spans covering `t` are the last one starting at or before it, and maybe the one before.
    pub(super) fn local(&self, t: i64) -> LocalResult<u16> {
        let offset = |span: u16| i64::from(SPAN_OFFSETS[usize::from(span)]);
        let last = self.changes.partition_point(|c| c.at + offset(c.span) <= t);
        let covers = |k: usize| k == self.changes.len() || t < self.changes[k].at + offset(self.span(k));
        match (covers(last), last > 0 && covers(last - 1)) {
            (false, _) => LocalResult::None,
            (true, true) => LocalResult::Ambiguous(self.span(last - 1), self.span(last)),
            (true, false) => LocalResult::Single(self.span(last)),
        }
    }
}
