//! Feeds handed out among several `khabar watch` workers on one store (issue #20): a worker
//! polls a feed only while it holds the feed's lease, so two workers never poll one feed at once
//! and the second one sees when the first polled it.
//!
//! The lease is taken by one statement, the same on both backends: an upsert of the feed's row
//! whose update only happens when no other worker holds an unexpired lease, returning the
//! feed's state. SQLite runs it under its write lock; PostgreSQL locks the row for the
//! statement (a concurrent claim of the same feed waits for it and then sees the new owner), so
//! two workers can never both get a lease, and claims of different feeds never wait on each
//! other.

use crate::db::Db;
use crate::error::{Context, StoreError};
use crate::FeedState;
use std::time::Duration;

/// What `claim_feed` got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The lease is this worker's; the feed's state as the lease found it.
    Got(FeedState),
    /// Another worker holds the feed until `until` (Unix seconds).
    Held { owner: String, until: i64 },
}

/// Takes the lease of the feed at `url` for `worker` for `lease` (from `now`), unless another
/// worker holds one that has not run out ([`Claim::Held`]); a lease held by `take_over` (a
/// worker the caller knows is dead: a killed watcher's) is taken all the same. On success, the
/// feed's state (the default for a feed never polled), read by the same statement. Taking a
/// lease one holds renews it.
pub(crate) fn claim_feed(
    db: &mut dyn Db,
    url: &str,
    worker: &str,
    lease: Duration,
    take_over: Option<&str>,
    now: i64,
) -> Result<Claim, StoreError> {
    let ctx = || format!("claiming feed {url}");
    let until = now.saturating_add(i64::try_from(lease.as_secs()).unwrap_or(i64::MAX));
    let got = db
        .row(
            "INSERT INTO feeds (url, failures, lease_owner, lease_until) VALUES (?1, 0, ?2, ?3) \
             ON CONFLICT (url) DO UPDATE SET lease_owner = excluded.lease_owner, \
             lease_until = excluded.lease_until \
             WHERE feeds.lease_owner IS NULL OR feeds.lease_until IS NULL \
             OR feeds.lease_until <= ?4 OR feeds.lease_owner = ?2 \
             OR feeds.lease_owner = CAST(?5 AS TEXT) \
             RETURNING etag, last_modified, polled_at, failures",
            &[
                url.into(),
                worker.into(),
                until.into(),
                now.into(),
                take_over.into(),
            ],
        )
        .ctx(ctx)?;
    if let Some(mut r) = got {
        return Ok(Claim::Got(FeedState {
            etag: r.opt_text(0).ctx(ctx)?,
            last_modified: r.opt_text(1).ctx(ctx)?,
            polled_at: r.opt_int(2).ctx(ctx)?,
            failures: u32::try_from(r.int(3).ctx(ctx)?).unwrap_or(u32::MAX),
        }));
    }
    let mut r = db
        .row(
            "SELECT lease_owner, lease_until FROM feeds WHERE url = ?1",
            &[url.into()],
        )
        .ctx(ctx)?
        .ok_or_else(|| StoreError::Value {
            context: ctx(),
            detail: "the feed's row vanished".into(),
        })?;
    Ok(Claim::Held {
        owner: r.opt_text(0).ctx(ctx)?.unwrap_or_default(),
        until: r.opt_int(1).ctx(ctx)?.unwrap_or(now),
    })
}

/// Gives back the lease of the feed at `url` when `worker` holds it (a no-op otherwise).
pub(crate) fn release_feed(db: &mut dyn Db, url: &str, worker: &str) -> Result<(), StoreError> {
    db.exec(
        "UPDATE feeds SET lease_owner = NULL, lease_until = NULL \
         WHERE url = ?1 AND lease_owner = ?2",
        &[url.into(), worker.into()],
    )
    .map(|_| ())
    .ctx(|| format!("releasing feed {url}"))
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

    both!(one_worker_at_a_time_holds_a_feed, s, {
        assert_eq!(
            got(s.claim_feed(FEED, "a", LONG, None).unwrap()),
            Some(FeedState::default())
        );
        assert!(
            matches!(s.claim_feed(FEED, "b", LONG, None).unwrap(), Claim::Held { owner, .. } if owner == "a"),
            "a holds it"
        );
        assert!(
            got(s.claim_feed(FEED, "a", LONG, None).unwrap()).is_some(),
            "renewed"
        );
        // a polls, records it and lets go; b then sees a's poll
        let polled = FeedState {
            etag: Some("\"v1\"".into()),
            last_modified: None,
            polled_at: Some(1_700_000_000),
            failures: 0,
        };
        s.set_feed_state(FEED, &polled).unwrap();
        s.release_feed(FEED, "b").unwrap();
        assert!(
            got(s.claim_feed(FEED, "b", LONG, None).unwrap()).is_none(),
            "only its holder releases"
        );
        s.release_feed(FEED, "a").unwrap();
        assert_eq!(
            got(s.claim_feed(FEED, "b", LONG, None).unwrap()),
            Some(polled.clone())
        );
        // the lease does not touch the state
        assert_eq!(s.feed_state(FEED).unwrap(), Some(polled));
    });

    both!(
        a_lease_left_by_a_killed_worker_runs_out_or_is_taken_over,
        s,
        {
            assert!(got(s.claim_feed(FEED, "dead", Duration::ZERO, None).unwrap()).is_some());
            assert!(got(s.claim_feed(FEED, "alive", LONG, None).unwrap()).is_some());
            assert!(got(s.claim_feed(FEED, "dead", LONG, None).unwrap()).is_none());
            // a worker known dead is taken over at once, and only that one
            assert!(got(s.claim_feed(FEED, "next", LONG, Some("dead")).unwrap()).is_none());
            assert!(got(s.claim_feed(FEED, "next", LONG, Some("alive")).unwrap()).is_some());
        }
    );
}
