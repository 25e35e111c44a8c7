//! The hub's idea of "now". Real time, unless a test sets it: notification grouping
//! ("at most one mail per thread per quarter of an hour") is tested by moving it.
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};

/// Cheap to clone; every clone shows the same time.
#[derive(Clone, Default)]
pub struct Clock {
    fixed: Arc<RwLock<Option<DateTime<Utc>>>>,
}

impl Clock {
    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        match *self.fixed.read().unwrap_or_else(|e| e.into_inner()) {
            Some(at) => at,
            None => Utc::now(),
        }
    }

    /// From now on, time stands still at `at` (tests).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.fixed.write().unwrap_or_else(|e| e.into_inner()) = Some(at);
    }

    /// Moves a stopped clock forward (tests); a running clock is stopped first.
    pub fn advance(&self, by: Duration) {
        let next = self.now() + by;
        self.set(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_moves_only_when_told() {
        let clock = Clock::default();
        let real = clock.now();
        assert!((Utc::now() - real).num_seconds().abs() < 5);
        let at = DateTime::parse_from_rfc3339("2026-12-03T10:00:00Z")
            .unwrap()
            .to_utc();
        let shared = clock.clone();
        clock.set(at);
        assert_eq!(shared.now(), at);
        shared.advance(Duration::minutes(16));
        assert_eq!(clock.now(), at + Duration::minutes(16));
    }
}
