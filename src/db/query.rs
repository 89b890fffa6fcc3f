//! One query text for both databases: `$1`, `$2`, … placeholders, values bound in order, run
//! on SQLite or PostgreSQL through their own drivers (no `Any` row copies). Rows decode with
//! `sqlx::FromRow` into typed structs; see `types` for the columns' types.

use super::{Db, Pool, Tx, TxInner};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, FromRow, Postgres, SqlSafeStr, SqlStr, Sqlite};
use std::marker::PhantomData;

/// A bound value. NULLs keep their type, as PostgreSQL wants.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    /// A file's bytes (BLOB on SQLite, BYTEA on PostgreSQL).
    Bytes(Option<Vec<u8>>),
}

/// Something that can be bound to a placeholder.
pub trait Param {
    /// The type of its NULL.
    const NULL: Value;
    fn value(self) -> Value;
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            const NULL: Value = Value::Int(None);
            fn value(self) -> Value {
                Value::Int(Some(self as i64))
            }
        }
    )*};
}
int_param!(i64, i32, u32, u8, usize);

impl Param for bool {
    const NULL: Value = Value::Int(None);
    fn value(self) -> Value {
        Value::Int(Some(i64::from(self)))
    }
}

impl Param for String {
    const NULL: Value = Value::Text(None);
    fn value(self) -> Value {
        Value::Text(Some(self))
    }
}

impl Param for &str {
    const NULL: Value = Value::Text(None);
    fn value(self) -> Value {
        Value::Text(Some(self.to_string()))
    }
}

impl Param for &String {
    const NULL: Value = Value::Text(None);
    fn value(self) -> Value {
        Value::Text(Some(self.clone()))
    }
}

impl Param for &i64 {
    const NULL: Value = Value::Int(None);
    fn value(self) -> Value {
        Value::Int(Some(*self))
    }
}

impl Param for Vec<u8> {
    const NULL: Value = Value::Bytes(None);
    fn value(self) -> Value {
        Value::Bytes(Some(self))
    }
}

impl Param for time::Date {
    const NULL: Value = Value::Text(None);
    fn value(self) -> Value {
        Value::Text(Some(super::types::iso(self)))
    }
}

impl Param for Value {
    const NULL: Value = Value::Text(None);
    fn value(self) -> Value {
        self
    }
}

impl<T: Param> Param for Option<T> {
    const NULL: Value = T::NULL;
    fn value(self) -> Value {
        match self {
            Some(v) => v.value(),
            None => T::NULL,
        }
    }
}

impl<T: Param + Clone> Param for &Option<T> {
    const NULL: Value = T::NULL;
    fn value(self) -> Value {
        self.clone().value()
    }
}

/// Where a statement runs: the pool, or an open transaction.
pub enum Target<'e> {
    SqlitePool(&'e sqlx::SqlitePool),
    PgPool(&'e sqlx::PgPool),
    Sqlite(&'e mut sqlx::SqliteConnection),
    Postgres(&'e mut sqlx::PgConnection),
}

pub trait Executor<'e> {
    fn target(self) -> Target<'e>;
}

impl<'e> Executor<'e> for &'e Db {
    fn target(self) -> Target<'e> {
        match &self.pool {
            Pool::Sqlite(p) => Target::SqlitePool(p),
            Pool::Postgres(p) => Target::PgPool(p),
        }
    }
}

impl<'e> Executor<'e> for &'e mut Db {
    fn target(self) -> Target<'e> {
        (&*self).target()
    }
}

impl<'e, 'a: 'e> Executor<'e> for &'e &'a Db {
    fn target(self) -> Target<'e> {
        (*self).target()
    }
}

impl<'e> Executor<'e> for &'e mut sqlx::SqliteConnection {
    fn target(self) -> Target<'e> {
        Target::Sqlite(self)
    }
}

impl<'e> Executor<'e> for &'e mut sqlx::PgConnection {
    fn target(self) -> Target<'e> {
        Target::Postgres(self)
    }
}

impl<'e> Executor<'e> for &'e mut Tx {
    fn target(self) -> Target<'e> {
        match &mut self.inner {
            TxInner::Sqlite(t) => Target::Sqlite(&mut **t),
            TxInner::Postgres(t) => Target::Postgres(&mut **t),
        }
    }
}

/// A statement and its values.
#[derive(Debug, Clone)]
pub struct Query {
    sql: SqlStr,
    args: Vec<Value>,
}

/// A statement whose rows decode into `T` (a `FromRow` struct or a tuple).
pub struct QueryAs<T> {
    q: Query,
    _row: PhantomData<fn() -> T>,
}

/// A statement whose rows are one column of type `T`.
pub struct QueryScalar<T> {
    q: Query,
    _col: PhantomData<fn() -> T>,
}

pub fn query(sql: impl SqlSafeStr) -> Query {
    Query {
        sql: sql.into_sql_str(),
        args: Vec::new(),
    }
}

pub fn query_as<T>(sql: impl SqlSafeStr) -> QueryAs<T> {
    QueryAs {
        q: query(sql),
        _row: PhantomData,
    }
}

pub fn query_scalar<T>(sql: impl SqlSafeStr) -> QueryScalar<T> {
    QueryScalar {
        q: query(sql),
        _col: PhantomData,
    }
}

/// A row type both drivers can decode.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A column type both drivers can decode.
pub trait Column:
    for<'r> sqlx::Decode<'r, Sqlite>
    + sqlx::Type<Sqlite>
    + for<'r> sqlx::Decode<'r, Postgres>
    + sqlx::Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> Column for T where
    T: for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>
        + Send
        + Unpin
{
}

fn sqlite_args(values: Vec<Value>) -> Result<SqliteArguments, sqlx::Error> {
    let mut a = SqliteArguments::default();
    for v in values {
        match v {
            Value::Int(i) => a.add(i),
            Value::Text(s) => a.add(s),
            Value::Bytes(b) => a.add(b),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(a)
}

fn pg_args(values: Vec<Value>) -> Result<PgArguments, sqlx::Error> {
    let mut a = PgArguments::default();
    for v in values {
        match v {
            Value::Int(i) => a.add(i),
            Value::Text(s) => a.add(s),
            Value::Bytes(b) => a.add(b),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(a)
}

/// Rows affected by a write.
#[derive(Debug, Clone, Copy)]
pub struct Done(u64);

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.0
    }
}

/// Runs one sqlx call on whichever driver the target is: `$call` is a method of the native
/// query (`execute`, `fetch_all`, …), `$make` builds that query from (sql, arguments).
macro_rules! on_target {
    ($target:expr, $sql:expr, $args:expr, $make:ident, $call:ident) => {
        match $target {
            Target::SqlitePool(p) => $make($sql, sqlite_args($args)?).$call(p).await,
            Target::Sqlite(c) => $make($sql, sqlite_args($args)?).$call(c).await,
            Target::PgPool(p) => $make($sql, pg_args($args)?).$call(p).await,
            Target::Postgres(c) => $make($sql, pg_args($args)?).$call(c).await,
        }
    };
}

fn plain<DB: sqlx::Database, A: sqlx::IntoArguments<DB>>(
    sql: SqlStr,
    args: A,
) -> sqlx::query::Query<'static, DB, A> {
    sqlx::query_with(sql, args)
}

fn rows<DB: sqlx::Database, T, A: sqlx::IntoArguments<DB>>(
    sql: SqlStr,
    args: A,
) -> sqlx::query::QueryAs<'static, DB, T, A>
where
    T: for<'r> FromRow<'r, DB::Row>,
{
    sqlx::query_as_with(sql, args)
}

fn scalars<DB: sqlx::Database, T, A: sqlx::IntoArguments<DB>>(
    sql: SqlStr,
    args: A,
) -> sqlx::query::QueryScalar<'static, DB, T, A>
where
    (T,): for<'r> FromRow<'r, DB::Row>,
{
    sqlx::query_scalar_with(sql, args)
}

impl Query {
    pub fn bind(mut self, v: impl Param) -> Self {
        self.args.push(v.value());
        self
    }

    /// Binds the two ends of the codes under `prefix` for SQL written `code >= $n AND code < $n+1`:
    /// a range of the code's index on both databases, whatever their collation (a `LIKE 'x%'`
    /// uses PostgreSQL's index only under the C collation).
    pub fn bind_prefix(self, prefix: &str) -> Self {
        let (from, to) = crate::db::prefix_range(prefix);
        self.bind(from).bind(to)
    }

    pub fn sql(&self) -> &str {
        self.sql.as_str()
    }

    pub async fn execute<'e>(self, e: impl Executor<'e>) -> Result<Done, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        Ok(match e.target() {
            Target::SqlitePool(p) => Done(
                plain::<Sqlite, _>(sql, sqlite_args(args)?)
                    .execute(p)
                    .await?
                    .rows_affected(),
            ),
            Target::Sqlite(c) => Done(
                plain::<Sqlite, _>(sql, sqlite_args(args)?)
                    .execute(c)
                    .await?
                    .rows_affected(),
            ),
            Target::PgPool(p) => Done(
                plain::<Postgres, _>(sql, pg_args(args)?)
                    .execute(p)
                    .await?
                    .rows_affected(),
            ),
            Target::Postgres(c) => Done(
                plain::<Postgres, _>(sql, pg_args(args)?)
                    .execute(c)
                    .await?
                    .rows_affected(),
            ),
        })
    }
}

impl<T> QueryAs<T> {
    pub fn bind(mut self, v: impl Param) -> Self {
        self.q = self.q.bind(v);
        self
    }

    /// See `Query::bind_prefix`.
    pub fn bind_prefix(mut self, prefix: &str) -> Self {
        self.q = self.q.bind_prefix(prefix);
        self
    }
}

impl<T: Row> QueryAs<T> {
    pub async fn fetch_all<'e>(self, e: impl Executor<'e>) -> Result<Vec<T>, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, rows, fetch_all)
    }

    pub async fn fetch_optional<'e>(self, e: impl Executor<'e>) -> Result<Option<T>, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, rows, fetch_optional)
    }

    pub async fn fetch_one<'e>(self, e: impl Executor<'e>) -> Result<T, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, rows, fetch_one)
    }
}

impl<T> QueryScalar<T> {
    pub fn bind(mut self, v: impl Param) -> Self {
        self.q = self.q.bind(v);
        self
    }

    /// See `Query::bind_prefix`.
    pub fn bind_prefix(mut self, prefix: &str) -> Self {
        self.q = self.q.bind_prefix(prefix);
        self
    }
}

impl<T: Column> QueryScalar<T> {
    pub async fn fetch_all<'e>(self, e: impl Executor<'e>) -> Result<Vec<T>, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, scalars, fetch_all)
    }

    pub async fn fetch_optional<'e>(self, e: impl Executor<'e>) -> Result<Option<T>, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, scalars, fetch_optional)
    }

    pub async fn fetch_one<'e>(self, e: impl Executor<'e>) -> Result<T, sqlx::Error> {
        on_target!(e.target(), self.q.sql, self.q.args, scalars, fetch_one)
    }
}

/// Runs a script of statements without values (migrations, settling after a load).
pub async fn raw<'e>(e: impl Executor<'e>, sql: impl SqlSafeStr) -> Result<(), sqlx::Error> {
    let sql = sql.into_sql_str();
    match e.target() {
        Target::SqlitePool(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
        Target::Sqlite(c) => sqlx::raw_sql(sql).execute(c).await.map(drop),
        Target::PgPool(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
        Target::Postgres(c) => sqlx::raw_sql(sql).execute(c).await.map(drop),
    }
}
