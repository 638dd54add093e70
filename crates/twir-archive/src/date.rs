//! Calendar dates as the archive writes them, and as the bundle stores them (days since
//! 1970-01-01), without pulling a date-time library into the wasm app.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Shape(String),
    #[error("`{0}` names a day that does not exist")]
    OutOfRange(String),
}

impl Date {
    /// The first and last dates whose days since 1970-01-01 fit an `i32`: every `i32` of
    /// the bundle is a date, and every date has its `i32`.
    pub const MIN: Date = Date {
        year: -5_877_641,
        month: 6,
        day: 23,
    };
    pub const MAX: Date = Date {
        year: 5_881_580,
        month: 7,
        day: 11,
    };

    /// A date, if the day exists and lies within [`Date::MIN`]..=[`Date::MAX`].
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let d = Self { year, month, day };
        (Self::MIN..=Self::MAX).contains(&d).then_some(d)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i32 {
        // Howard Hinnant's days_from_civil, in i64: the intermediate values of the dates
        // near [`Date::MIN`] and [`Date::MAX`] do not fit an i32, their result does.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        // Within MIN..=MAX (every constructor keeps a date there), so always in range.
        days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
    }

    /// The date `days` days after 1970-01-01: any `i32` a bundle holds is a date.
    pub fn from_days(days: i32) -> Self {
        // Howard Hinnant's civil_from_days, in i64 (see `to_days`).
        let z = i64::from(days) + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        // |year| < 5.9 million for any i32 of days.
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The date `days` days later, if it is within [`Date::MAX`].
    pub fn checked_add_days(self, days: i32) -> Option<Self> {
        self.to_days().checked_add(days).map(Self::from_days)
    }

    /// Parses the date at the start of a front-matter value: `2020-12-2`, `2013-06-07 18:46`.
    /// Anything after the date must be separated from it by white space (a time of day).
    pub fn parse_lenient(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let date_part = s.split_whitespace().next().unwrap_or("");
        let shape = || DateError::Shape(s.to_string());
        let mut parts = date_part.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(shape());
        };
        let all_digits = |p: &str, max: usize| {
            !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
        };
        if y.len() != 4 || !all_digits(y, 4) || !all_digits(m, 2) || !all_digits(d, 2) {
            return Err(shape());
        }
        let (year, month, day) = (
            y.parse().map_err(|_| shape())?,
            m.parse().map_err(|_| shape())?,
            d.parse().map_err(|_| shape())?,
        );
        Self::new(year, month, day).ok_or_else(|| DateError::OutOfRange(s.to_string()))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    /// Strict `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Shape(s.to_string()));
        }
        Self::parse_lenient(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_four_centuries() {
        for days in (-200_000..200_000).step_by(7) {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2026, 8, 19).unwrap().to_days(), 20_684);
    }

    #[test]
    fn every_i32_of_days_is_a_date_and_back_without_overflow() {
        // A bundle may hold any i32 as a day: the extremes decode (in a debug build, with
        // overflow checks on) and come back exactly.
        assert_eq!(Date::from_days(i32::MIN), Date::MIN);
        assert_eq!(Date::from_days(i32::MAX), Date::MAX);
        for days in [
            i32::MIN,
            i32::MIN + 1,
            -719_469,
            -719_468,
            0,
            i32::MAX - 1,
            i32::MAX,
        ] {
            assert_eq!(Date::from_days(days).to_days(), days, "{days}");
        }
        assert_eq!(Date::MAX.to_string(), "5881580-07-11");
        assert_eq!(Date::new(5_881_580, 7, 11), Some(Date::MAX));
        assert_eq!(Date::new(5_881_580, 7, 12), None, "one day past i32::MAX");
        assert_eq!(
            Date::new(-5_877_641, 6, 22),
            None,
            "one day before i32::MIN"
        );
        assert_eq!(Date::new(i32::MAX, 12, 31), None);
        assert_eq!(Date::new(i32::MIN, 1, 1), None);
        assert_eq!(Date::MAX.checked_add_days(1), None);
        assert_eq!(Date::MIN.checked_add_days(-1), None);
        assert_eq!(
            Date::new(2026, 12, 31).unwrap().checked_add_days(1),
            Date::new(2027, 1, 1)
        );
    }

    #[test]
    fn lenient_parsing_accepts_a_time_and_missing_zero_padding() {
        assert_eq!(
            Date::parse_lenient("2013-06-07 18:46").unwrap().to_string(),
            "2013-06-07"
        );
        assert_eq!(
            Date::parse_lenient("2020-12-2").unwrap().to_string(),
            "2020-12-02"
        );
        assert_eq!(
            Date::parse_lenient(" 2020-12-9 ").unwrap().to_string(),
            "2020-12-09"
        );
    }

    #[test]
    fn impossible_or_misshapen_dates_are_rejected() {
        assert!(matches!(
            Date::parse_lenient("2021-02-29"),
            Err(DateError::OutOfRange(_))
        ));
        assert!(Date::parse_lenient("2024-02-29").is_ok());
        for bad in [
            "",
            "2020/12/02",
            "20-12-02",
            "2020-12",
            "2020-12-02-01",
            "2020-1x-02",
            "June 3",
        ] {
            assert!(Date::parse_lenient(bad).is_err(), "{bad}");
        }
        assert!("2020-12-2".parse::<Date>().is_err(), "FromStr is strict");
    }
}
