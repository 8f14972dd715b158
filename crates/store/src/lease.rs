//! Feeds handed out among several `khabar watch` workers on one store (issue #20): a worker
//! polls a feed only while it holds the feed's lease, taken in one IMMEDIATE transaction that
//! also reads the feed's state, so two workers never poll one feed at once and the second one
//! sees when the first polled it.
//!
//! PostgreSQL takes the same lease without waiting on a worker that holds a row lock, for all
//! the due feeds of a worker at once:
//!
//! ```sql
//! UPDATE feeds SET lease_owner = $1, lease_until = $2
//!  WHERE url IN (SELECT url FROM feeds
//!                 WHERE url = ANY($3)
//!                   AND (lease_until IS NULL OR lease_until <= $4 OR lease_owner = $1)
//!                 FOR UPDATE SKIP LOCKED)
//! RETURNING url, etag, last_modified, polled_at, failures;
//! ```
//! (after an `INSERT … ON CONFLICT (url) DO NOTHING` of the worker's feeds; `$4` is now).

use crate::error::{Context, StoreError};
use crate::sqlite::now_secs;
use crate::{FeedState, SqliteStore};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::time::Duration;

/// What [`SqliteStore::claim_feed`] got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The lease is this worker's; the feed's state as the lease found it.
    Got(FeedState),
    /// Another worker holds the feed until `until` (Unix seconds).
    Held { owner: String, until: i64 },
}

impl SqliteStore {
    /// Takes the lease of the feed at `url` for `worker` for `lease` (from now), unless another
    /// worker holds one that has not run out ([`Claim::Held`]); a lease held by `take_over`
    /// (a worker the caller knows is dead: a killed watcher's) is taken all the same. On success,
    /// the feed's state as the lease found it (the default for a feed never polled), read in the
    /// same transaction, so the caller sees another worker's poll that ended just before. Taking
    /// a lease one holds renews it.
    pub fn claim_feed(
        &mut self,
        url: &str,
        worker: &str,
        lease: Duration,
        take_over: Option<&str>,
    ) -> Result<Claim, StoreError> {
        let ctx = || format!("claiming feed {url}");
        let now = now_secs();
        let until = now.saturating_add(i64::try_from(lease.as_secs()).unwrap_or(i64::MAX));
        let tx =
            Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate).ctx(ctx)?;
        let row = tx
            .prepare_cached(
                "SELECT etag, last_modified, polled_at, failures, lease_owner, lease_until \
                 FROM feeds WHERE url = ?1",
            )
            .and_then(|mut s| {
                s.query_row([url], |r| {
                    Ok((
                        FeedState {
                            etag: r.get(0)?,
                            last_modified: r.get(1)?,
                            polled_at: r.get(2)?,
                            failures: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
                        },
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                    ))
                })
                .optional()
            })
            .ctx(ctx)?;
        let state = match row {
            Some((_, Some(owner), Some(until)))
                if owner != worker && until > now && Some(owner.as_str()) != take_over =>
            {
                return Ok(Claim::Held { owner, until }); // dropping the transaction unlocks
            }
            Some((state, _, _)) => state,
            None => FeedState::default(),
        };
        tx.prepare_cached(
            "INSERT INTO feeds (url, failures, lease_owner, lease_until) VALUES (?1, 0, ?2, ?3) \
             ON CONFLICT(url) DO UPDATE SET lease_owner = excluded.lease_owner, \
             lease_until = excluded.lease_until",
        )
        .and_then(|mut s| s.execute(params![url, worker, until]))
        .ctx(ctx)?;
        tx.commit().ctx(ctx)?;
        Ok(Claim::Got(state))
    }

    /// Gives back the lease of the feed at `url` when `worker` holds it (a no-op otherwise).
    pub fn release_feed(&self, url: &str, worker: &str) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached(
                "UPDATE feeds SET lease_owner = NULL, lease_until = NULL \
                 WHERE url = ?1 AND lease_owner = ?2",
            )
            .and_then(|mut s| s.execute(params![url, worker]))
            .map(|_| ())
            .ctx(|| format!("releasing feed {url}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "https://example.com/feed.xml";
    const LONG: Duration = Duration::from_secs(600);

    fn got(c: Claim) -> Option<FeedState> {
        match c {
            Claim::Got(s) => Some(s),
            Claim::Held { .. } => None,
        }
    }

    #[test]
    fn one_worker_at_a_time_holds_a_feed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut a = SqliteStore::open(&path).unwrap();
        let mut b = SqliteStore::open(&path).unwrap();
        assert_eq!(
            got(a.claim_feed(FEED, "a", LONG, None).unwrap()),
            Some(FeedState::default())
        );
        assert!(
            matches!(b.claim_feed(FEED, "b", LONG, None).unwrap(), Claim::Held { owner, .. } if owner == "a"),
            "a holds it"
        );
        assert!(
            got(a.claim_feed(FEED, "a", LONG, None).unwrap()).is_some(),
            "renewed"
        );
        // a polls, records it and lets go; b then sees a's poll
        let polled = FeedState {
            etag: Some("\"v1\"".into()),
            polled_at: Some(1_700_000_000),
            ..FeedState::default()
        };
        a.set_feed_state(FEED, &polled).unwrap();
        b.release_feed(FEED, "b").unwrap();
        assert_eq!(
            got(b.claim_feed(FEED, "b", LONG, None).unwrap()),
            None,
            "only its holder releases"
        );
        a.release_feed(FEED, "a").unwrap();
        assert_eq!(
            got(b.claim_feed(FEED, "b", LONG, None).unwrap()),
            Some(polled.clone())
        );
        // the lease does not touch the state
        assert_eq!(b.feed_state(FEED).unwrap(), Some(polled));
    }

    #[test]
    fn a_lease_left_by_a_killed_worker_runs_out_or_is_taken_over() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        assert!(got(s.claim_feed(FEED, "dead", Duration::ZERO, None).unwrap()).is_some());
        assert!(got(s.claim_feed(FEED, "alive", LONG, None).unwrap()).is_some());
        assert!(got(s.claim_feed(FEED, "dead", LONG, None).unwrap()).is_none());
        // a worker known dead is taken over at once, and only that one
        assert!(got(s.claim_feed(FEED, "next", LONG, Some("dead")).unwrap()).is_none());
        assert!(got(s.claim_feed(FEED, "next", LONG, Some("alive")).unwrap()).is_some());
    }
}
