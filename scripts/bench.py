#!/usr/bin/env python3
"""The national-scale benchmarks of docs/BENCHMARKS.md, one command each:

    scripts/bench.py import    # 1. bulk import: oneplan's loader vs sqlite3 .import / PostgreSQL COPY
    scripts/bench.py rollups   # 2. national roll-ups vs DuckDB over the same rows in Parquet
    scripts/bench.py load      # 3. page and API latency under load (wrk), 50 and 500 connections
    scripts/bench.py memory    # 4. the server's peak RSS with the whole country x 5 years
    scripts/bench.py export    # 5. every tambon plan book of a year to .docx
    scripts/bench.py scales    # import and roll-ups on one province and one region (docs/PERFORMANCE.md)
    scripts/bench.py search    # 6. Thai search p50/p99 and the national duplicate pass, SQLite and PostgreSQL
    scripts/bench.py text      # 7. Thai words and normalisation vs PyThaiNLP newmm; duplicate pairs vs rapidfuzz

Options: --area PREFIX (default '' = whole country), --years 2569 or 2565-2569, --seed N.
Each run rewrites its own section of docs/BENCHMARKS.md with the machine and date.
Datasets and databases are cached under $ONEPLAN_BENCH_DIR (default /tmp/oneplan-bench);
PostgreSQL is a throwaway cluster started here, as scripts/test.sh starts it, with the
server's default durability settings. Installs what is missing (Debian packages, DuckDB from PyPI).
"""
import argparse
import atexit
import csv
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "oneplan"
WORK = Path(os.environ.get("ONEPLAN_BENCH_DIR", "/tmp/oneplan-bench"))
DOC = ROOT / "docs" / "BENCHMARKS.md"
TABLES = ["plans", "forums", "projects", "project_villages", "plan_items", "project_progress",
          "committees", "committee_orders", "target_tambons", "model_laos", "working_group_plans",
          "communities", "committee_meetings", "own_projects", "own_project_years",
          "lao_budget_requests"]


def migration_views():
    """The views the roll-ups' SQL reads (lao_units, unsplit_tambons), as the migrations last
    define them, for DuckDB: each `CREATE VIEW name AS …;` of migrations/, the latest winning."""
    views = {}
    for f in sorted((ROOT / "migrations").glob("*.sql")):
        text = "\n".join(l for l in f.read_text(encoding="utf-8").splitlines() if not l.lstrip().startswith("--"))
        for m in re.finditer(r"CREATE VIEW (\w+) AS(.*?);", text, re.S):
            views[m.group(1)] = m.group(0)
    return list(views.values())


def sh(*cmd, env=None, capture=True, check=True, **kw):
    e = dict(os.environ, **(env or {}))
    r = subprocess.run([str(c) for c in cmd], env=e, text=True, check=False,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.PIPE if capture else None, **kw)
    if check and r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(map(str, cmd))}\n{r.stdout or ''}{r.stderr or ''}")
    return r


def as_root(*cmd):
    return sh(*(cmd if os.geteuid() == 0 else ("sudo",) + cmd), capture=False)


def ensure_tools():
    missing = []
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing.append("postgresql")
    for tool, pkg in [("sqlite3", "sqlite3"), ("wrk", "wrk")]:
        if not shutil.which(tool):
            missing.append(pkg)
    if missing:
        as_root("apt-get", "update", "-qq")
        as_root("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                "--no-install-recommends", *missing)


def duckdb():
    try:
        import duckdb as d
    except ImportError:
        sh(sys.executable, "-m", "pip", "install", "-q", "duckdb", capture=False)
        import duckdb as d
    return d


def build():
    sh("cargo", "build", "--release", "--locked", cwd=ROOT, capture=False)


def oneplan(*args, db=None, data_dir=None, env=None, capture=True, check=True):
    pre = []
    if db:
        pre += ["--database", db]
    if data_dir:
        pre += ["--data-dir", data_dir]
    return sh(BIN, *pre, *args, env=env, capture=capture, check=check)


# ---------------------------------------------------------------- datasets and databases

def key(area, years):
    return f"{area or 'TH'}-{years}"


def dataset(area, years, seed):
    d = WORK / "data" / f"{key(area, years)}-s{seed}"
    if not (d / ".done").exists():
        print(f"generating dataset {d.name} …", flush=True)
        r = oneplan("dataset", "generate", "--area", area, "--years", years, "--seed", seed,
                    "--out", d, data_dir=WORK / "hierarchy")
        print(r.stdout)
        (d / ".done").write_text(r.stdout)
    return d


def rows_of(d):
    return sum(int(re.search(r"(\d+)\s*$", l).group(1)) for l in (d / ".done").read_text().splitlines()
               if re.match(r"\s*\w+\s+\d+\s*$", l))


def fresh_sqlite(name):
    d = WORK / "sqlite" / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    empty = WORK / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    oneplan("dataset", "load", empty, data_dir=d)  # schema and the national areas
    return d


def loaded_sqlite(area, years, seed):
    """A data directory with the dataset loaded by oneplan (cached)."""
    d = WORK / "sqlite" / f"loaded-{key(area, years)}-s{seed}"
    if not (d / ".done").exists():
        data = dataset(area, years, seed)
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        out = oneplan("dataset", "load", data, data_dir=d).stdout
        (d / ".done").write_text(out)
    return d


class Postgres:
    """A throwaway cluster on loopback, stopped at exit; default durability."""

    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.tmp = Path(tempfile.mkdtemp(prefix="oneplan-bench-pg."))
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        if os.geteuid() == 0:
            shutil.chown(self.tmp, "postgres")
        self.run(self.bin / "initdb", "-D", self.tmp / "data", "-U", "oneplan", "--auth=trust",
                 "--no-locale", "-E", "UTF8")
        self.run(self.bin / "pg_ctl", "-D", self.tmp / "data", "-l", self.tmp / "server.log", "-w",
                 "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.tmp} -c max_connections=600",
                 "start")
        atexit.register(self.stop)
        self.version = re.search(r"\d+\.\d+", sh(self.bin / "postgres", "--version").stdout).group(0)

    def run(self, *cmd):
        return sh(*(("runuser", "-u", "postgres", "--") + cmd if os.geteuid() == 0 else cmd))

    def stop(self):
        self.run(self.bin / "pg_ctl", "-D", self.tmp / "data", "-m", "fast", "stop")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def url(self, db="postgres"):
        return f"postgres://oneplan@127.0.0.1:{self.port}/{db}"

    def create(self, name):
        sh("psql", "-q", self.url(), "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}")
        empty = WORK / "empty"
        empty.mkdir(parents=True, exist_ok=True)
        oneplan("dataset", "load", empty, db=self.url(name))
        return self.url(name)

    def loaded(self, name, area, years, seed):
        url = self.create(name)
        oneplan("dataset", "load", dataset(area, years, seed), db=url)
        sh("psql", "-q", url, "-c", "VACUUM ANALYZE")
        return url


# ---------------------------------------------------------------- the report

def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) // 1024 // 1024
    commit = sh("git", "rev-parse", "--short", "HEAD", cwd=ROOT).stdout.strip()
    lock = (ROOT / "Cargo.lock").read_text()
    bundled = re.search(r'name = "libsqlite3-sys"\nversion = "([^"]+)"', lock)
    sqlite = f"SQLite as bundled by libsqlite3-sys {bundled.group(1) if bundled else '?'}"
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC · {cpu}, {os.cpu_count()} cores, {mem} GiB · "
            f"{platform.system()} {platform.release()} · {sqlite} · oneplan {commit}")


def write_section(name, title, body):
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n\nWritten by `scripts/bench.py`; see docs/PERFORMANCE.md for what the figures mean.\n"
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    section = f"{start}\n## {title}\n\n_{machine()}_\n\n{body.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)
    print(f"\n{body}\n(written to {DOC.relative_to(ROOT)})")


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def n(x):
    return f"{x:,.0f}"


def ms(x):
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


# ---------------------------------------------------------------- 1. import

def loaded_seconds(stdout):
    return float(re.search(r"ใน ([\d.]+) วินาที", stdout).group(1))


def nullif(column):
    return "NULLIF(%s, '\\N')" % column


def bench_import(a, pg=None):
    data = dataset(a.area, a.years, a.seed)
    rows = rows_of(data)
    results = []
    # SQLite: oneplan's loader, then sqlite3's own .import of the same files in one transaction
    d = fresh_sqlite("import-app")
    app = loaded_seconds(oneplan("dataset", "load", data, data_dir=d).stdout)
    d = fresh_sqlite("import-ceiling")
    con = sqlite3.connect(d / "oneplan.db")
    columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    con.close()
    # sqlite3's .import (a prepared INSERT per row) into a staging table, then NULLs restored
    script = "PRAGMA synchronous = NORMAL;\nPRAGMA foreign_keys = ON;\nBEGIN;\n" + "".join(
        f"CREATE TEMP TABLE s_{t} AS SELECT * FROM {t} WHERE 0;\n"
        f".import --csv --skip 1 {data / (t + '.csv')} s_{t}\n"
        f"INSERT INTO {t} SELECT {', '.join(nullif(c) for c in columns[t])} FROM s_{t};\n"
        f"DROP TABLE s_{t};\n" for t in TABLES) + "COMMIT;\n"
    t0 = time.perf_counter()
    sh("sqlite3", "-bail", d / "oneplan.db", input=script)
    ceiling = time.perf_counter() - t0
    results.append(("SQLite", app, ceiling))
    if pg:
        url = pg.create("import_app")
        app = loaded_seconds(oneplan("dataset", "load", data, db=url).stdout)
        url = pg.create("import_copy")
        script = "".join(f"\\copy {t} FROM '{data / (t + '.csv')}' WITH (FORMAT csv, HEADER true, NULL '\\N')\n"
                         for t in TABLES)
        t0 = time.perf_counter()
        sh("psql", "-q", "-1", "-v", "ON_ERROR_STOP=1", url, input=script)
        ceiling = time.perf_counter() - t0
        results.append((f"PostgreSQL {pg.version}", app, ceiling))
    body = table(["database", "rows", "oneplan dataset load", "rows/s", "database's own bulk path", "rows/s", "oneplan ÷ bulk path"],
                 [(db, n(rows), f"{app:.1f} s", n(rows / app), f"{c:.1f} s", n(rows / c), f"{c / app:.0%}")
                  for db, app, c in results])
    body += ("\n\nSame CSV files, same schema and indexes, one transaction each. Bulk path: SQLite — "
             "`sqlite3` `.import` (a prepared INSERT per row) into a staging table, then `INSERT … SELECT` "
             "with NULLs restored, foreign keys on; "
             "PostgreSQL — `\\copy … FORMAT csv`. oneplan: `oneplan dataset load` (multi-row INSERTs through "
             "sqlx, every field checked, foreign keys on). Dataset: "
             f"`oneplan dataset generate --area '{a.area}' --years {a.years} --seed {a.seed}`.")
    write_section(f"import-{key(a.area, a.years)}", f"1. Bulk import ({scale_name(a)})", body)


def scale_name(a):
    where = "whole country" if not a.area else f"area {a.area}"
    return f"{where} × {a.years}"


# ---------------------------------------------------------------- 2. roll-ups

def last_json(stdout):
    """The JSON line of a command whose log lines share its output."""
    return json.loads([l for l in stdout.splitlines() if l.startswith("{")][-1])


def bench_rollups(a, pg=None):
    year = int(a.years.split("-")[-1])
    d = loaded_sqlite(a.area, a.years, a.seed)
    measured = {"SQLite": last_json(oneplan("dataset", "measure", "--year", year, "--json", data_dir=d).stdout)}
    if pg:
        url = pg.loaded("rollups", a.area, a.years, a.seed)
        measured[f"PostgreSQL {pg.version}"] = last_json(oneplan("dataset", "measure", "--year", year, "--json", db=url).stdout)
    duck = duckdb_rollups(d, dataset(a.area, a.years, a.seed), measured["SQLite"])
    names = [m["name"] for m in measured["SQLite"]["rollups"]]
    header = ["roll-up (fiscal year %d)" % year, "rows"] + [f"{db} ms" for db in measured] + ["DuckDB ms", "SQLite ÷ DuckDB"]
    rows = []
    for i, name in enumerate(names):
        s = measured["SQLite"]["rollups"][i]
        row = [s["title"], n(s["rows"])] + [ms(m["rollups"][i]["median_ms"]) for m in measured.values()]
        dk = duck.get(name)
        row += [ms(dk) if dk else "–", f"{s['median_ms'] / dk:.1f}×" if dk else "–"]
        rows.append(row)
    body = table(header, rows)
    body += ("\n\nMedian of 5 runs after one warm-up, in the application (`oneplan dataset measure`: the "
             "functions behind the pages, including turning rows into reports). DuckDB "
             f"{duckdb().__version__} runs the same SQL statements over the same rows exported to Parquet, "
             "with all cores. Rows: model LAOs, register rows, districts.")
    write_section(f"rollups-{key(a.area, a.years)}", f"2. National roll-ups ({scale_name(a)})", body)


def duckdb_rollups(sqlite_dir, data, measured):
    """Times each roll-up's SQL in DuckDB over Parquet files of every table it reads."""
    d = duckdb()
    pq = WORK / "parquet" / data.name
    con = d.connect()
    if not (pq / ".done").exists():
        pq.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(sqlite_dir / "oneplan.db")
        for t in ["areas", "laos", "lao_coverage", "lao_villages", "dimensions", "kpi_settings", "deadlines"]:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({t})")]
            types = {r[1]: ("BIGINT" if "INT" in r[2].upper() else "VARCHAR") for r in src.execute(f"PRAGMA table_info({t})")}
            # through a CSV file: DuckDB inserts Python rows one by one
            f = pq / f"{t}.csv"
            with open(f, "w", newline="", encoding="utf-8") as out:
                w = csv.writer(out)
                w.writerow(cols)
                w.writerows([["\\N" if v is None else v for v in r] for r in src.execute(f"SELECT * FROM {t}")])
            spec = ", ".join(f"'{c}': '{types[c]}'" for c in cols)
            con.execute(f"COPY (SELECT * FROM read_csv('{f}', header = true, nullstr = '\\N', "
                        f"columns = {{{spec}}})) TO '{pq / (t + '.parquet')}' (FORMAT parquet)")
            f.unlink()
        for t in TABLES:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({t})")]
            types = {r[1]: ("BIGINT" if "INT" in r[2].upper() else "VARCHAR") for r in src.execute(f"PRAGMA table_info({t})")}
            spec = ", ".join(f"'{c}': '{types[c]}'" for c in cols)
            con.execute(f"COPY (SELECT * FROM read_csv('{data / (t + '.csv')}', header = true, nullstr = '\\N', "
                        f"columns = {{{spec}}})) TO '{pq / (t + '.parquet')}' (FORMAT parquet)")
        (pq / ".done").write_text("ok")
    con = d.connect()
    for f in pq.glob("*.parquet"):
        con.execute(f"CREATE VIEW {f.stem} AS SELECT * FROM '{f}'")
    for view in migration_views():
        con.execute(view)
    # tables the generator leaves empty but the SQL reads
    src = sqlite3.connect(sqlite_dir / "oneplan.db")
    for t in ["committee_members", "submissions", "project_funding", "agency_requests"]:
        if not (pq / f"{t}.parquet").exists():
            cols = [(r[1], "BIGINT" if "INT" in r[2].upper() else "VARCHAR") for r in src.execute(f"PRAGMA table_info({t})")]
            con.execute(f"CREATE TABLE {t} ({', '.join(f'{c} {ty}' for c, ty in cols)})")
    out = {}
    for r in measured["rollups"]:
        times = []
        for sql in r["sql"]:
            stmt, params = sql["statement"], sql["params"]
            con.execute(stmt, params).fetchall()  # warm-up
            runs = []
            for _ in range(5):
                t0 = time.perf_counter()
                con.execute(stmt, params).fetchall()
                runs.append((time.perf_counter() - t0) * 1000)
            times.append(statistics.median(runs))
        if times:
            out[r["name"]] = sum(times)
    return out


# ---------------------------------------------------------------- 3 and 4. the server under load

class Server:
    def __init__(self, db=None, data_dir=None):
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.base = f"http://127.0.0.1:{self.port}"
        self.password = "Wela-Kanprakan-2569"
        r = oneplan("create-admin", "--username", "bench", "--name", "ผู้ทดสอบประสิทธิภาพ", db=db, data_dir=data_dir,
                    env={"ONEPLAN_ADMIN_PASSWORD": self.password}, capture=True, check=False)  # kept from an earlier run
        pre = (["--database", str(db)] if db else []) + (["--data-dir", str(data_dir)] if data_dir else [])
        self.proc = subprocess.Popen([str(BIN), *pre, "serve", "--listen", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        atexit.register(self.stop)
        for _ in range(600):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        req = urllib.request.Request(self.base + "/api/session", method="POST",
                                     data=json.dumps({"username": "bench", "password": self.password}).encode(),
                                     headers={"content-type": "application/json"})
        resp = urllib.request.urlopen(req)
        self.cookie = resp.headers["set-cookie"].split(";")[0]
        self.csrf = json.loads(resp.read())["csrf_token"]

    def rss_mb(self, field):
        for l in open(f"/proc/{self.proc.pid}/status"):
            if l.startswith(field + ":"):
                return int(l.split()[1]) / 1024
        return 0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)


def lua(paths, method="GET", body=None, headers=None):
    """A wrk script cycling over many paths (so the load is not one cached page)."""
    hs = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in (headers or {}).items())
    ps = ",".join(json.dumps(p) for p in paths)
    b = json.dumps(body) if body is not None else "nil"
    return f"""
local paths = {{{ps}}}
local i = 0
wrk.method = "{method}"
{hs}
request = function()
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1], nil, {b})
end
"""


def wrk(server, script, conns, seconds):
    f = WORK / "wrk.lua"
    f.write_text(script)
    r = sh("wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", f, server.base)
    out = r.stdout

    def latency(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
    return {"p50": latency(50), "p99": latency(99), "rps": rps, "requests": total, "errors": errors}


def targets(db_query, year):
    """Plans and areas to request: every tambon, village plan and tambon plan of one province."""
    q = db_query
    villages = [r[0] for r in q(f"SELECT id FROM plans WHERE kind = 'village' AND first_year = {year} ORDER BY id LIMIT 400")]
    tambons = [r[0] for r in q(f"SELECT id FROM plans WHERE kind = 'tambon' AND first_year = {year} ORDER BY id LIMIT 200")]
    areas = [r[0] for r in q("SELECT code FROM areas WHERE level = 'tambon' ORDER BY code LIMIT 400")]
    districts = [r[0] for r in q("SELECT code FROM areas WHERE level = 'district' ORDER BY code LIMIT 200")]
    return villages, tambons, areas, districts


def scenarios(server, q, year):
    villages, tambons, areas, districts = targets(q, year)
    cookie = {"Cookie": server.cookie}
    return [
        ("trivial endpoint `/healthz` (ceiling)", lua(["/healthz"], headers=cookie)),
        ("tambon page `/areas/{code}`", lua([f"/areas/{c}" for c in areas], headers=cookie)),
        ("village plan page `/plans/{id}`", lua([f"/plans/{i}" for i in villages], headers=cookie)),
        ("tambon plan page `/plans/{id}`", lua([f"/plans/{i}" for i in tambons], headers=cookie)),
        ("district registers `/registers/{code}`", lua([f"/registers/{c}?year={year}" for c in districts], headers=cookie)),
        ("district KPI 3.2 `/kpi/{code}`", lua([f"/kpi/{c}?year={year}" for c in districts], headers=cookie)),
        ("plan API `GET /api/plans/{id}`", lua([f"/api/plans/{i}" for i in villages], headers=cookie)),
        ("plan save `POST /api/plans/{id}/projects`", lambda: save_lua(server, q, year)),
    ]


def save_lua(server, q, year):
    """Adds a project to draft village plans with the version each plan has: the two wrk threads
    take alternate plans and count versions up, so no save is refused as a stale edit."""
    plans = q(f"SELECT id, version FROM plans WHERE kind = 'village' AND status = 'draft' AND first_year = {year} ORDER BY id LIMIT 4000")
    ids = ",".join(str(p[0]) for p in plans)
    versions = ",".join(str(p[1]) for p in plans)
    body = ('{"version":%d,"title":"ซ่อมแซมถนนคอนกรีตเสริมเหล็กสายกลางหมู่บ้าน","dimension":"economy",'
            '"budget":"150000","executor":"lao","reach":"village"}')
    return f"""
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
local ids = {{{ids}}}
local versions = {{{versions}}}
local i = 0
wrk.method = "POST"
wrk.headers["Cookie"] = "{server.cookie}"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-csrf-token"] = "{server.csrf}"
request = function()
  local k = (i % math.floor(#ids / 2)) * 2 + id + 1
  i = i + 1
  local v = versions[k]
  versions[k] = v + 1
  return wrk.format(nil, "/api/plans/" .. ids[k] .. "/projects", nil, string.format('{body}', v))
end
"""


def sqlite_query(d):
    con = sqlite3.connect(d / "oneplan.db")
    return lambda sql: con.execute(sql).fetchall()


def bench_load(a, pg=None):
    ensure_tools()
    year = int(a.years.split("-")[-1])
    d = loaded_sqlite(a.area, a.years, a.seed)
    server = Server(data_dir=d)
    rows = []
    for name, script in scenarios(server, sqlite_query(d), year):
        r50 = wrk(server, script() if callable(script) else script, 50, a.seconds)
        r500 = wrk(server, script() if callable(script) else script, 500, a.seconds)
        rows.append([name, ms(r50["p50"]), ms(r50["p99"]), n(r50["rps"]), n(r50["errors"]),
                     ms(r500["p50"]), ms(r500["p99"]), n(r500["rps"]), n(r500["errors"])])
        print(rows[-1], flush=True)
    peak = server.rss_mb("VmHWM")
    server.stop()
    body = table(["request", "p50 ms @50", "p99 ms @50", "req/s @50", "errors @50",
                  "p50 ms @500", "p99 ms @500", "req/s @500", "errors @500"], rows)
    body += (f"\n\nEmbedded SQLite, signed in as a national administrator, `wrk -t2 --latency` for {a.seconds} s per "
             "row on loopback, on the same 2 cores as the server; each row cycles over hundreds of different "
             "plans, areas or districts. Errors: non-2xx responses plus socket errors. "
             f"Server peak RSS during the run: {peak:.0f} MB.")
    write_section(f"load-{key(a.area, a.years)}", f"3. Pages and API under load ({scale_name(a)})", body)


def bench_memory(a, pg=None):
    ensure_tools()
    year = int(a.years.split("-")[-1])
    results = []
    d = loaded_sqlite(a.area, a.years, a.seed)
    cases = [("SQLite", dict(data_dir=d), sqlite_query(d))]
    if pg:
        url = pg.loaded("memory", a.area, a.years, a.seed)

        def pq(sql, url=url):
            out = sh("psql", "-At", "-F", "\t", url, "-c", sql).stdout.strip()
            return [tuple(l.split("\t")) for l in out.splitlines()]
        cases.append((f"PostgreSQL {pg.version}", dict(db=url), pq))
    for name, where, q in cases:
        server = Server(**where)
        idle = server.rss_mb("VmRSS")
        for _, script in scenarios(server, q, year)[1:]:
            wrk(server, script() if callable(script) else script, 500, a.seconds)
        results.append((name, f"{idle:.0f} MB", f"{server.rss_mb('VmHWM'):.0f} MB"))
        server.stop()
    rows_n = rows_of(dataset(a.area, a.years, a.seed))
    body = table(["database", "RSS after start", "peak RSS under load"], results)
    body += (f"\n\n{n(rows_n)} dataset rows loaded. Peak: VmHWM of the server process after every page, the API "
             f"and the plan save at 500 connections for {a.seconds} s each.")
    write_section(f"memory-{key(a.area, a.years)}", f"4. Server memory ({scale_name(a)})", body)


# ---------------------------------------------------------------- 5. export

def bench_export(a, pg=None):
    year = int(a.years.split("-")[-1])
    d = loaded_sqlite(a.area, a.years, a.seed)
    out = WORK / "books"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    r = oneplan("export", "tambon-books", "--year", year, "--out", out, data_dir=d)
    seconds = time.perf_counter() - t0
    files = list(out.glob("*.docx"))
    size = sum(f.stat().st_size for f in files)
    body = table(["books (.docx)", "total size", "time", "books/s"],
                 [(n(len(files)), f"{size / 1e6:,.0f} MB", f"{seconds:.1f} s", f"{len(files) / seconds:.0f}")])
    body += f"\n\n`oneplan export tambon-books --year {year}` on embedded SQLite, wall time including start-up.\n\n    {r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ''}"
    write_section(f"export-{key(a.area, a.years)}", f"5. Every tambon plan book to Word ({scale_name(a)})", body)


def search_queries(q, n):
    """Queries as officials type them, from projects spread over the whole country: a title's
    first word nationally, in the project's district and in its tambon, and the whole title."""
    total = q("SELECT MAX(id) FROM projects")[0][0]
    step = max(total // n, 1)
    rows = q(f"SELECT title, area_code FROM projects WHERE id % {step} = 0 ORDER BY id LIMIT {n}")
    out = []
    for title, area in rows:
        first = title.split(" ")[0][:12]
        out += [{"q": first}, {"q": first, "area": area[:4]}, {"q": first, "area": area[:6]}, {"q": title}]
    return out


def search_once(server, params):
    url = server.base + "/api/search?" + urllib.parse.urlencode(params)
    t = time.perf_counter()
    body = urllib.request.urlopen(urllib.request.Request(url, headers={"cookie": server.cookie})).read()
    return time.perf_counter() - t, json.loads(body)


def duplicate_pass(year, db=None, data_dir=None):
    out = WORK / f"duplicates-{year}.csv"
    pre = (["--database", str(db)] if db else []) + (["--data-dir", str(data_dir)] if data_dir else [])
    r = sh("/usr/bin/time", "-v", str(BIN), *pre, "duplicates", "--year", str(year), "--out", str(out))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    said = r.stdout.strip().splitlines()[-1]
    pairs = int(re.search(r"(\d+) คู่", said).group(1))
    seconds = float(re.search(r"ใน ([\d.]+) วินาที", said).group(1))
    return seconds, peak, pairs


def bench_search(a, pg=None):
    """Every query is asked of both engines and their answers compared before any is timed;
    then five rounds, the engines interleaved query by query."""
    year = int(a.years.split("-")[-1])
    d = loaded_sqlite(a.area, a.years, a.seed)
    engines = [("SQLite", Server(data_dir=d), None, d)]
    if pg:
        # ONEPLAN_BENCH_PG_URL: a database this command loaded before (a cluster left running)
        url = os.environ.get("ONEPLAN_BENCH_PG_URL") or pg.loaded("search", a.area, a.years, a.seed)
        engines.append((f"PostgreSQL {pg.version}", Server(db=url), url, None))
    qs = search_queries(sqlite_query(d), a.queries)
    for params in qs:
        answers = [json.dumps(search_once(s, params)[1], sort_keys=True) for _, s, _, _ in engines]
        assert len(set(answers)) == 1, f"the engines differ on {params}"
    times = {name: [] for name, *_ in engines}
    for _ in range(5):
        for params in qs:
            for name, s, _, _ in engines:
                times[name].append(search_once(s, params)[0])
    rows = []
    for name, s, url, data_dir in engines:
        t = sorted(times[name])
        s.stop()
        seconds, peak, pairs = duplicate_pass(year, db=url, data_dir=data_dir)
        rows.append([name, n(len(qs)), ms(t[len(t) // 2] * 1000), ms(t[int(len(t) * 0.99)] * 1000), ms(t[-1] * 1000),
                     f"{seconds:.1f} s", f"{peak:.0f} MB", n(pairs)])
        print(rows[-1], flush=True)
    body = table(["engine", "queries", "search p50 ms", "search p99 ms", "search max ms",
                  f"duplicate pass {year}", "pass peak RSS", "likely pairs"], rows)
    body += ("\n\nSearch: `GET /api/search` as the search page asks it, one request at a time on loopback, "
             f"{len(qs)} queries from projects spread over the country (a title's first word nationally, in its "
             "district and in its tambon, and the whole title), each answered alike by both engines before "
             "timing, five rounds with the engines interleaved. Duplicate pass: `oneplan duplicates --year` "
             "over the whole country, wall time and the process's peak RSS (`/usr/bin/time -v`).")
    write_section(f"search-{key(a.area, a.years)}", f"6. Thai search and the duplicate pass ({scale_name(a)})", body)

# ---------------------------------------------------------------- 7. Thai text

def venv_python(name, package):
    """A virtualenv of its own under ~/.cache/oneplan with `package` installed."""
    v = Path.home() / ".cache" / "oneplan" / name
    py = v / "bin" / "python"
    if not py.exists():
        sh(sys.executable, "-m", "venv", str(v), capture=False)
    if sh(str(py), "-c", f"import {package.split('==')[0]}", check=False).returncode != 0:
        sh(str(py), "-m", "pip", "install", "-q", package, capture=False)
    return str(py)


NEWMM = """
import sys, time, json
from pythainlp.tokenize import word_tokenize
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
t = time.perf_counter(); word_tokenize("ทดสอบ", engine="newmm"); load = time.perf_counter() - t
t = time.perf_counter()
cut = [word_tokenize(l, engine="newmm", keep_whitespace=True) for l in lines]
seg = time.perf_counter() - t
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for w in cut: f.write("|".join(w) + "\\n")
print(json.dumps({"load_seconds": load, "segment_seconds": seg}))
"""


def thai_breaks(line):
    """Where a line of words joined by | breaks between two Thai characters."""
    words = line.split("|")
    text = "".join(words)
    out, pos = set(), 0
    for w in words[:-1]:
        pos += len(w)
        if 0 < pos < len(text) and "\u0e00" <= text[pos - 1] <= "\u0e7f" and "\u0e00" <= text[pos] <= "\u0e7f":
            out.add(pos)
    return out


def bench_text(a, pg=None):
    """Both segmenters cut the same real titles and their Thai word breaks are compared before
    the times are read; each times its own cutting in-process, the word list loaded first."""
    src = Path(ROOT.parent / "shared" / "data" / "projects" / "budget2565_local_items.csv")
    if not src.exists():
        src = ROOT / "data" / "projects" / "budget2565_titles_sample.txt"
        titles = src.read_text().splitlines()
    else:
        with open(src, encoding="utf-8") as f:
            titles = [r["item_description"] for r in csv.DictReader(f) if r["item_description"].strip()]
    titles = [t.replace("\n", " ") for t in titles]
    path = WORK / "titles.txt"
    path.write_text("\n".join(titles) + "\n")
    chars = sum(len(t) for t in titles)
    ours_out, theirs_out = WORK / "words-oneplan.txt", WORK / "words-newmm.txt"
    r = sh(BIN, "words", str(path), "--timing")
    ours_out.write_text(r.stdout)
    ours = json.loads(r.stderr.strip().splitlines()[-1])
    py = venv_python("pythainlp-venv", "pythainlp==5.4.0")
    script = WORK / "newmm.py"
    script.write_text(NEWMM)
    theirs = json.loads(sh(py, str(script), str(path), str(theirs_out)).stdout.strip().splitlines()[-1])
    mine, other = ours_out.read_text().splitlines(), theirs_out.read_text().splitlines()
    assert len(mine) == len(other) == len(titles), (len(mine), len(other), len(titles))
    same = agree = only_ours = only_theirs = 0
    for x, y in zip(mine, other):
        bx, by = thai_breaks(x), thai_breaks(y)
        same += bx == by
        agree += len(bx & by)
        only_ours += len(bx - by)
        only_theirs += len(by - bx)
    per_m = lambda seconds: f"{seconds / chars * 1e6 * 1000:,.0f} ms"
    rows = [
        ["oneplan `thai::words` (nlpo3 1.4 newmm, Rust)", n(len(titles)), n(chars), f"{ours['load_seconds']:.2f} s",
         f"{ours['segment_seconds']:.2f} s", per_m(ours["segment_seconds"])],
        ["PyThaiNLP 5.4.0 `word_tokenize(engine=\"newmm\")`", n(len(titles)), n(chars), f"{theirs['load_seconds']:.2f} s",
         f"{theirs['segment_seconds']:.2f} s", per_m(theirs["segment_seconds"])],
        ["oneplan `thai::text::title` (normalisation and guards)", n(len(titles)), n(chars), "–",
         f"{ours['normalise_seconds']:.2f} s", per_m(ours["normalise_seconds"])],
    ]
    body = table(["what", "titles", "characters", "word list load", "time", "per million characters"], rows)
    body += (f"\n\nThe same {n(len(titles))} item descriptions of the FY2565 budget bill's local line items, as written. "
             f"Thai word breaks: the same in {same / len(titles):.1%} of titles ({n(agree)} breaks agree, "
             f"{n(only_ours)} only ours, {n(only_theirs)} only newmm's: oneplan adds the abbreviations of "
             "`src/thai/abbreviations.csv` to PyThaiNLP's word list, so คสล. stays one word). "
             "Both on one core, in-process, after loading the word list.")
    pairs = ROOT / "data" / "projects" / "duplicate_pairs.csv"
    j = json.loads(sh(BIN, "pairs", str(pairs)).stdout)
    rf = venv_python("rapidfuzz-venv", "rapidfuzz")
    base = json.loads(sh(rf, str(ROOT / "scripts" / "duplicates_baseline.py"), "--json", str(pairs)).stdout)
    best = max(base["scorers"], key=lambda s: s["f1"]) if isinstance(base, dict) and "scorers" in base else base
    rows = [["oneplan `thai::likeness` at 0.7 (fixed beforehand)", f"{j['precision']:.3f}", f"{j['recall']:.3f}", f"{j['f1']:.3f}"],
            [f"rapidfuzz {best.get('scorer', '')} {best.get('processor', '')}, threshold {best.get('threshold', '?')} chosen in hindsight",
             f"{best['precision']:.3f}", f"{best['recall']:.3f}", f"{best['f1']:.3f}"]]
    body += "\n\n" + table(["duplicate pairs (data/projects/duplicate_pairs.csv, " + n(j["pairs"]) + " pairs)",
                             "precision", "recall", "F1"], rows)
    write_section("text", "7. Thai words, normalisation and duplicate pairs", body)



def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bench", choices=["import", "rollups", "load", "memory", "export", "scales", "search", "text"])
    p.add_argument("--area", default="")
    p.add_argument("--years", default=None)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--seconds", type=int, default=10, help="wrk duration per row")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--no-postgres", action="store_true")
    p.add_argument("--queries", type=int, default=60, help="search: projects sampled (four queries each)")
    a = p.parse_args()
    a.years = a.years or ("2565-2569" if a.bench == "memory" else "2569")
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    if not a.no_build:
        build()
    pg = None if a.no_postgres or a.bench in ("load", "export", "text") else Postgres()
    if a.bench == "scales":
        # the whole country is the main run of `import` and `rollups`
        for area in ["56", "4"]:
            a.area = area
            bench_import(a, pg)
            bench_rollups(a, pg)
        return
    {"import": bench_import, "rollups": bench_rollups, "load": bench_load, "memory": bench_memory,
     "export": bench_export, "search": bench_search, "text": bench_text}[a.bench](a, pg)


if __name__ == "__main__":
    main()
