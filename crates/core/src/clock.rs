//! Wall-clock time for what the app records (history times, when a token was set, when a
//! benchmark was saved): the system's, or a fixed one that tests set and advance, so no test
//! sleeps or depends on the time of day.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Milliseconds since the Unix epoch, from the system or from a test.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system clock. Shared, so a test advances every copy at once.
    fixed: Option<Arc<AtomicU64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that stays at `ms` until [`Clock::advance`]d.
    pub fn fixed(ms: u64) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicU64::new(ms))),
        }
    }

    /// Moves a fixed clock forward (and every clone of it); the system clock moves by itself.
    pub fn advance(&self, ms: u64) {
        if let Some(t) = &self.fixed {
            t.fetch_add(ms, Ordering::SeqCst);
        }
    }

    pub fn now_ms(&self) -> u64 {
        match &self.fixed {
            Some(t) => t.load(Ordering::SeqCst),
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_moves_only_when_advanced_in_every_copy() {
        let clock = Clock::fixed(1_000);
        let copy = clock.clone();
        assert_eq!(clock.now_ms(), 1_000);
        copy.advance(5);
        assert_eq!(clock.now_ms(), 1_005);
        assert!(Clock::system().now_ms() > 1_600_000_000_000);
    }
}
