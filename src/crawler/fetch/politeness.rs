//! Politeness: how many requests may be under way at once (per host and overall) and how
//! long to wait between two requests to the same host.
//!
//! A request first takes one of its host's connection places (the limit is given per
//! request, so sources with different limits can share a host), then waits until the
//! host's delay since the previous request start has passed (and any back-off a 429 asked
//! for), and only then takes a global place, so requests waiting for a slow host never
//! hold global places.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The limits one request is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostLimits {
    /// Requests to the same host under way at once (at least 1).
    pub connections: usize,
    /// Minimum time between the starts of two requests to the same host.
    pub delay: Duration,
}

#[derive(Default)]
struct HostInner {
    in_flight: usize,
    last_start: Option<Instant>,
    not_before: Option<Instant>,
}

#[derive(Default)]
struct HostState {
    inner: Mutex<HostInner>,
    released: Notify,
}

impl HostState {
    fn lock(&self) -> MutexGuard<'_, HostInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Gives back the host place when dropped.
struct HostPermit(Arc<HostState>);

impl Drop for HostPermit {
    fn drop(&mut self) {
        self.0.lock().in_flight -= 1;
        self.0.released.notify_waiters();
    }
}

/// The right to send one request; hold it until the response body is read.
pub struct Slot {
    _host: HostPermit,
    _global: OwnedSemaphorePermit,
}

/// Per-host and global limits shared by all clones of a fetcher.
pub struct Politeness {
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
}

impl Politeness {
    pub fn new(global_connections: usize) -> Self {
        Self {
            global: Arc::new(Semaphore::new(global_connections.max(1))),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn host(&self, host: &str) -> Arc<HostState> {
        let host = host.to_ascii_lowercase();
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if hosts.len() >= 4096 && !hosts.contains_key(&host) {
            let stale = Instant::now() - Duration::from_secs(300);
            hosts.retain(|_, s| {
                Arc::strong_count(s) > 1 || {
                    let inner = s.lock();
                    inner.last_start.is_some_and(|t| t > stale)
                        || inner.not_before.is_some_and(|t| t > stale)
                }
            });
        }
        hosts.entry(host).or_default().clone()
    }

    /// Waits for the right to send a request to `host`.
    pub async fn acquire(&self, host: &str, limits: HostLimits) -> Slot {
        let state = self.host(host);
        let connections = limits.connections.max(1);
        loop {
            let released = {
                let mut inner = state.lock();
                if inner.in_flight < connections {
                    inner.in_flight += 1;
                    break;
                }
                // Registered before the lock is released: no wake-up can be missed.
                state.released.notified()
            };
            released.await;
        }
        let host_permit = HostPermit(state.clone());
        loop {
            let ready_at = {
                let inner = state.lock();
                let after_delay = inner.last_start.map(|t| t + limits.delay);
                after_delay.max(inner.not_before)
            };
            if let Some(at) = ready_at
                && at > Instant::now()
            {
                tokio::time::sleep_until(at).await;
            }
            let global = self
                .global
                .clone()
                .acquire_owned()
                .await
                .expect("the global semaphore is never closed");
            let mut inner = state.lock();
            let now = Instant::now();
            let ready = inner.last_start.is_none_or(|t| now >= t + limits.delay)
                && inner.not_before.is_none_or(|t| now >= t);
            if ready {
                inner.last_start = Some(now);
                return Slot {
                    _host: host_permit,
                    _global: global,
                };
            }
        }
    }

    /// No request to `host` starts before `until` (a server asked us to wait).
    pub fn back_off(&self, host: &str, until: Instant) {
        let state = self.host(host);
        let mut inner = state.lock();
        inner.not_before = inner.not_before.max(Some(until));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn delay_between_starts() {
        let p = Arc::new(Politeness::new(8));
        let limits = HostLimits {
            connections: 4,
            delay: Duration::from_millis(100),
        };
        let start = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let _slot = p.acquire("a.example", limits).await;
            starts.push(start.elapsed());
        }
        assert!(starts[1] >= Duration::from_millis(100));
        assert!(starts[2] >= Duration::from_millis(200));
        // Another host is not delayed.
        let before = Instant::now();
        let _slot = p.acquire("b.example", limits).await;
        assert!(before.elapsed() < Duration::from_millis(50));
    }

    #[tokio::test]
    async fn per_host_and_global_concurrency() {
        let p = Arc::new(Politeness::new(3));
        let current = Arc::new(AtomicUsize::new(0));
        let max_a = Arc::new(AtomicUsize::new(0));
        let max_all = Arc::new(AtomicUsize::new(0));
        let current_a = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..12 {
            let (p, current, current_a, max_a, max_all) = (
                p.clone(),
                current.clone(),
                current_a.clone(),
                max_a.clone(),
                max_all.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let host = if i % 2 == 0 { "a.example" } else { "b.example" };
                let limits = HostLimits {
                    connections: 2,
                    delay: Duration::ZERO,
                };
                let _slot = p.acquire(host, limits).await;
                let now = current.fetch_add(1, Ordering::SeqCst) + 1;
                max_all.fetch_max(now, Ordering::SeqCst);
                if host == "a.example" {
                    let now = current_a.fetch_add(1, Ordering::SeqCst) + 1;
                    max_a.fetch_max(now, Ordering::SeqCst);
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
                if host == "a.example" {
                    current_a.fetch_sub(1, Ordering::SeqCst);
                }
                current.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert!(max_a.load(Ordering::SeqCst) <= 2);
        assert!(max_all.load(Ordering::SeqCst) <= 3);
        assert!(max_all.load(Ordering::SeqCst) >= 2);
    }

    #[tokio::test]
    async fn back_off_holds_the_host() {
        let p = Politeness::new(2);
        let limits = HostLimits {
            connections: 2,
            delay: Duration::ZERO,
        };
        let start = Instant::now();
        p.back_off("a.example", start + Duration::from_millis(100));
        let _slot = p.acquire("a.example", limits).await;
        assert!(start.elapsed() >= Duration::from_millis(100));
    }
}
