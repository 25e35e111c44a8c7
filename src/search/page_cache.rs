//! A node's cache of the search answers it gave visitors who are not signed in: the
//! search page, the map page's counts and the search API, keyed by what was asked and
//! tagged with the index content they were computed from. A change to any project moves
//! the index to a new reader generation, so an answer is never served once the index
//! has moved on; what the index does not carry (thesaurus labels, partner names) is
//! refreshed by the age limit. Signed-in people always get a fresh answer.
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::config::SearchSettings;

struct Entry {
    version: String,
    stored: Instant,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    by_key: HashMap<String, Entry>,
    /// Keys in the order they were stored, the oldest first (evicted first).
    order: VecDeque<String>,
    bytes: usize,
}

pub struct PageCache {
    entries: Mutex<Entries>,
    max_bytes: usize,
    max_age: Duration,
}

impl PageCache {
    pub fn new(settings: &SearchSettings) -> Self {
        PageCache {
            entries: Mutex::new(Entries::default()),
            max_bytes: settings.page_cache_mib as usize * 1024 * 1024,
            max_age: Duration::from_secs(settings.page_cache_seconds),
        }
    }

    pub fn enabled(&self) -> bool {
        self.max_bytes > 0 && !self.max_age.is_zero()
    }

    /// The answer stored under `key` if it was computed from index content `version`
    /// and is young enough.
    pub fn get(&self, key: &str, version: &str) -> Option<Bytes> {
        if !self.enabled() {
            return None;
        }
        let entries = self.lock();
        let entry = entries.by_key.get(key)?;
        (entry.version == version && entry.stored.elapsed() < self.max_age)
            .then(|| entry.body.clone())
    }

    /// Stores an answer, evicting the oldest ones beyond the size budget.
    pub fn put(&self, key: String, version: String, body: Bytes) {
        if !self.enabled() || body.len() > self.max_bytes / 4 {
            return;
        }
        let mut entries = self.lock();
        if let Some(previous) = entries.by_key.remove(&key) {
            entries.bytes -= previous.body.len() + key.len();
            entries.order.retain(|k| k != &key);
        }
        entries.bytes += body.len() + key.len();
        entries.order.push_back(key.clone());
        entries.by_key.insert(
            key,
            Entry {
                version,
                stored: Instant::now(),
                body,
            },
        );
        while entries.bytes > self.max_bytes {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some(gone) = entries.by_key.remove(&oldest) {
                entries.bytes -= gone.body.len() + oldest.len();
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(mib: u32, seconds: u64) -> PageCache {
        PageCache::new(&SearchSettings {
            page_cache_mib: mib,
            page_cache_seconds: seconds,
            ..SearchSettings::default()
        })
    }

    #[test]
    fn an_answer_is_served_only_for_the_index_content_it_was_computed_from() {
        let cache = cache(1, 60);
        cache.put("q=vélo".into(), "g1/4".into(), Bytes::from_static(b"page"));
        assert_eq!(cache.get("q=vélo", "g1/4").as_deref(), Some(&b"page"[..]));
        assert_eq!(cache.get("q=vélo", "g1/5"), None, "the index moved on");
        assert_eq!(cache.get("q=velo", "g1/4"), None, "another question");
    }

    #[test]
    fn the_oldest_answers_leave_first_beyond_the_budget() {
        let cache = cache(1, 60);
        let big = Bytes::from(vec![b'x'; 200 * 1024]);
        for i in 0..8 {
            cache.put(format!("k{i}"), "v".into(), big.clone());
        }
        assert_eq!(cache.get("k0", "v"), None);
        assert_eq!(cache.get("k1", "v"), None);
        assert_eq!(cache.get("k2", "v"), None);
        assert!(cache.get("k3", "v").is_some());
        assert!(cache.get("k7", "v").is_some());
        assert!(cache.lock().bytes <= 1024 * 1024);
    }

    #[test]
    fn a_zero_budget_or_age_turns_the_cache_off() {
        for off in [cache(0, 60), cache(1, 0)] {
            off.put("k".into(), "v".into(), Bytes::from_static(b"page"));
            assert_eq!(off.get("k", "v"), None);
        }
    }
}
