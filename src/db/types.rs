//! How stored columns decode into the domain's types, the same on both databases. An unknown
//! value is an error naming it, never a default: a plan kind is one of six, a flag 0 or 1, a
//! date `YYYY-MM-DD`.
//!
//! Flags and dates are stored as integers and ISO text (one schema for both databases); a
//! struct field says `#[sqlx(try_from = "Flag")] pub active: bool` or
//! `#[sqlx(try_from = "IsoDate")] pub held_on: Date` (`OptIsoDate` for `Option<Date>`).

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Postgres, Sqlite, Type, ValueRef};
use time::Date;

pub use crate::thai::dates::{iso, parse_iso};

/// Implements `Type` and `Decode` for both databases for a type read from a TEXT column
/// with `$parse: fn(&str) -> Result<Self, String>`.
#[macro_export]
macro_rules! text_column {
    ($t:ty, $parse:expr) => {
        impl sqlx::Type<sqlx::Sqlite> for $t {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <&str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }
            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <&str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $t {
            fn decode(
                v: sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let s = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(v)?;
                ($parse)(s).map_err(Into::into)
            }
        }
        impl sqlx::Type<sqlx::Postgres> for $t {
            fn type_info() -> sqlx::postgres::PgTypeInfo {
                <&str as sqlx::Type<sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
                <&str as sqlx::Type<sqlx::Postgres>>::compatible(ty)
            }
        }
        impl<'r> sqlx::Decode<'r, sqlx::Postgres> for $t {
            fn decode(v: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let s = <&str as sqlx::Decode<sqlx::Postgres>>::decode(v)?;
                ($parse)(s).map_err(Into::into)
            }
        }
    };
}

/// An enum stored as its `as_str()` word (one of `ALL`): decodes only that word, binds as text.
#[macro_export]
macro_rules! text_enum {
    ($t:ty) => {
        impl $t {
            /// The value stored as `s`, exactly.
            pub fn from_stored(s: &str) -> Option<$t> {
                <$t>::ALL.into_iter().find(|k| k.as_str() == s)
            }
        }
        $crate::text_column!($t, |s: &str| <$t>::from_stored(s)
            .ok_or_else(|| format!("unknown {} “{s}” in the database", stringify!($t))));
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl $crate::db::Param for $t {
            const NULL: $crate::db::Value = $crate::db::Value::Text(None);
            fn value(self) -> $crate::db::Value {
                $crate::db::Value::Text(Some(self.as_str().to_string()))
            }
        }
    };
}

/// An integer column read as a flag: 0 or 1, anything else an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

fn flag(n: i64) -> Result<Flag, BoxDynError> {
    match n {
        0 => Ok(Flag(false)),
        1 => Ok(Flag(true)),
        n => Err(format!("a flag must be 0 or 1, the database holds {n}").into()),
    }
}

/// Any integer width PostgreSQL may give an expression (`CASE … THEN 1`, `COUNT(*)`), or a boolean.
fn pg_integer(ty: &PgTypeInfo) -> bool {
    *ty == <i64 as Type<Postgres>>::type_info()
        || *ty == <i32 as Type<Postgres>>::type_info()
        || *ty == <i16 as Type<Postgres>>::type_info()
        || *ty == <bool as Type<Postgres>>::type_info()
}

impl Type<Sqlite> for Flag {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty) || <bool as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for Flag {
    fn decode(v: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        flag(<i64 as Decode<Sqlite>>::decode(v)?)
    }
}

impl Type<Postgres> for Flag {
    fn type_info() -> PgTypeInfo {
        <i64 as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        pg_integer(ty)
    }
}

impl<'r> Decode<'r, Postgres> for Flag {
    fn decode(v: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        // the binary integer decoder reads any width, a boolean's one byte included
        flag(<i64 as Decode<Postgres>>::decode(v)?)
    }
}

fn date(s: &str) -> Result<Date, String> {
    parse_iso(s).ok_or_else(|| format!("“{s}” in the database is not a date (YYYY-MM-DD)"))
}

/// A TEXT column holding a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub Date);

impl From<IsoDate> for Date {
    fn from(d: IsoDate) -> Date {
        d.0
    }
}

crate::text_column!(IsoDate, |s: &str| date(s).map(IsoDate));

/// A TEXT column holding a date or NULL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptIsoDate(pub Option<Date>);

impl From<OptIsoDate> for Option<Date> {
    fn from(d: OptIsoDate) -> Option<Date> {
        d.0
    }
}

impl Type<Sqlite> for OptIsoDate {
    fn type_info() -> SqliteTypeInfo {
        <&str as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <&str as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for OptIsoDate {
    fn decode(v: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        if v.is_null() {
            return Ok(OptIsoDate(None));
        }
        Ok(OptIsoDate(Some(date(<&str as Decode<Sqlite>>::decode(
            v,
        )?)?)))
    }
}

impl Type<Postgres> for OptIsoDate {
    fn type_info() -> PgTypeInfo {
        <&str as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <&str as Type<Postgres>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Postgres> for OptIsoDate {
    fn decode(v: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        if v.is_null() {
            return Ok(OptIsoDate(None));
        }
        Ok(OptIsoDate(Some(date(<&str as Decode<Postgres>>::decode(
            v,
        )?)?)))
    }
}
