use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A publication (or update) time as precise as the source gives it.
///
/// Serialised as RFC 3339 when the zone is known (`2022-01-10T21:03:00+05:30`), as a local
/// date-time without zone when it is not (`2022-01-10T21:03:00`), and as a plain date when only
/// the day is known (`2022-01-10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PubTime {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Zoned(DateTime<FixedOffset>),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a date or RFC 3339 timestamp: {0:?}")]
pub struct PubTimeError(pub String);

impl PubTime {
    /// The calendar day in the source's own zone.
    pub fn date(&self) -> NaiveDate {
        match self {
            PubTime::Date(d) => *d,
            PubTime::Local(dt) => dt.date(),
            PubTime::Zoned(dt) => dt.date_naive(),
        }
    }

    /// A point in UTC for ordering and time windows. A bare date counts as its noon in UTC,
    /// a zone-less time as UTC: both are within a day of the truth.
    pub fn approx_utc(&self) -> DateTime<Utc> {
        match self {
            PubTime::Date(d) => {
                Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)) + chrono::Duration::hours(12)
            }
            PubTime::Local(dt) => Utc.from_utc_datetime(dt),
            PubTime::Zoned(dt) => dt.with_timezone(&Utc),
        }
    }

    /// Seconds since the Unix epoch of [`PubTime::approx_utc`].
    pub fn timestamp(&self) -> i64 {
        self.approx_utc().timestamp()
    }

    pub fn has_zone(&self) -> bool {
        matches!(self, PubTime::Zoned(_))
    }

    pub fn parse(s: &str) -> Result<PubTime, PubTimeError> {
        let t = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(PubTime::Zoned(dt));
        }
        if let Ok(dt) = DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f%z") {
            return Ok(PubTime::Zoned(dt));
        }
        if let Ok(dt) = DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f%:z") {
            return Ok(PubTime::Zoned(dt));
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
                return Ok(PubTime::Local(dt));
            }
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(PubTime::Date(d));
        }
        Err(PubTimeError(t.chars().take(64).collect()))
    }
}

impl fmt::Display for PubTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PubTime::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PubTime::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            PubTime::Zoned(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

impl FromStr for PubTime {
    type Err = PubTimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PubTime::parse(s)
    }
}

impl PartialOrd for PubTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PubTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.approx_utc()
            .cmp(&other.approx_utc())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl Serialize for PubTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PubTime::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_each_precision() {
        for s in [
            "2022-01-10",
            "2022-01-10T21:03:00",
            "2022-01-10T21:03:00+05:30",
        ] {
            let t = PubTime::parse(s).unwrap();
            assert_eq!(t.to_string(), s);
            let json = serde_json::to_string(&t).unwrap();
            let back: PubTime = serde_json::from_str(&json).unwrap();
            assert_eq!(back, t);
        }
    }

    #[test]
    fn zoned_is_kept_and_ordered_in_utc() {
        let ist = PubTime::parse("2022-01-10T21:03:00+05:30").unwrap();
        assert!(ist.has_zone());
        assert_eq!(ist.approx_utc().to_rfc3339(), "2022-01-10T15:33:00+00:00");
        let utc_later = PubTime::parse("2022-01-10T16:00:00Z").unwrap();
        assert!(ist < utc_later);
        assert_eq!(ist.date(), NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
    }

    #[test]
    fn rejects_garbage() {
        assert!(PubTime::parse("yesterday").is_err());
        assert!(PubTime::parse("").is_err());
        assert!(PubTime::parse("2022-13-40").is_err());
    }
}
