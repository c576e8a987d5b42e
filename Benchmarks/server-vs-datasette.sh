#!/usr/bin/env bash
# The server against its floor and against Datasette: `archive serve` and a pinned Datasette
# serving the same SQLite archive, one after the other (never both at once), driven by wrk with
# the same 50-row page with four joined paths (Datasette gets the SQL that `archive explain`
# prints for that page). For each: requests/s, p50 and p99, and the CPU time the server's own
# process spent per request (utime + stime from /proc, read just before and after the wrk run, so
# wrk's share of the cores does not count). Beside them the floor, the same SQL through the bare
# SQLite C API (`archive bench`), and the ratios: floor ÷ server CPU per request (target ≥ 0.5)
# and the server's requests/s ÷ Datasette's (target ≥ 10×). Then the HTTP floor: `http-floor`
# (Benchmarks/HTTPFloor), a bare Hummingbird server answering every request with the archive
# server's own response bytes, measured the same way: what HTTP/1.1 on Hummingbird and NIO costs
# before any work of the archive's; and what of the server's CPU the two floors leave unexplained.
#
#   Benchmarks/server-vs-datasette.sh [DB]      # DB: a SQLite archive (default /tmp/big.sqlite;
#                                               # 1,000,000 chats seeded there if absent)
#   DURATION=30 CONNECTIONS=16 Benchmarks/server-vs-datasette.sh /tmp/big.sqlite   # per wrk run (default 15 s, 16)
#   ARCHIVE=.build/release/archive Benchmarks/server-vs-datasette.sh   # prebuilt binaries (default: swift build -c release);
#                                               # HTTP_FLOOR defaults to http-floor beside ARCHIVE
#   DATASETTE_VERSION=0.65.5 PORT=18093 FLOOR_ITERATIONS=2000 Benchmarks/server-vs-datasette.sh
#
# Needs wrk (Debian: apt-get install wrk), curl, python3 with venv, and access to PyPI the first
# time a Datasette version is asked for: it is installed once into a virtual environment under
# ${XDG_CACHE_HOME:-~/.cache}/archive-bench/datasette-VERSION and reused. Datasette serves the file
# read-only (-i, immutable) on 127.0.0.1, at PORT + 1 (DATASETTE_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:-/tmp/big.sqlite}"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18093}"
DATASETTE_PORT="${DATASETTE_PORT:-$((PORT + 1))}"
DATASETTE_VERSION="${DATASETTE_VERSION:-0.65.5}"   # the newest 0.65.x on PyPI (2026-12-06)
FLOOR_ITERATIONS="${FLOOR_ITERATIONS:-2000}"
AUTH="Authorization: Basic dGplMDpUamUw"   # the demo user tje0:Tje0
SELECT='chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name'
ORDER='whenRequested desc'
TOP=50
PAGE="/api/v1/archive/ChatSession?\$select=$SELECT&\$orderBy=whenRequested%20desc&\$top=$TOP"
# The query of `archive bench`'s standard set that is this page (the same columns and order).
FLOOR_QUERY='page by whenRequested desc'
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/archive-bench/datasette-$DATASETTE_VERSION"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-vs-datasette.XXXXXX")

fail() { echo "server-vs-datasette: $*" >&2; exit 1; }
for tool in wrk curl python3; do command -v "$tool" > /dev/null || fail "$tool is not installed"; done
case "$DB" in postgres://* | postgresql://*) fail "Datasette serves SQLite files only: give a SQLite archive" ;; esac
if [ -z "${ARCHIVE:-}" ]; then
    swift build -c release --product archive > /dev/null
    swift build -c release --product http-floor > /dev/null
    ARCHIVE=.build/release/archive
fi
HTTP_FLOOR="${HTTP_FLOOR:-$(dirname "$ARCHIVE")/http-floor}"
[ -x "$ARCHIVE" ] || fail "no archive binary at $ARCHIVE"
[ -x "$HTTP_FLOOR" ] || fail "no http-floor binary at $HTTP_FLOOR (swift build -c release --product http-floor)"
if [ ! -f "$DB" ]; then
    echo "Seeding $DB with 1,000,000 chats..."
    "$ARCHIVE" seed --db "$DB" --chats 1000000 --seed 1 > /dev/null
fi
migrated=$("$ARCHIVE" migrate --db "$DB")   # nothing on a current archive; an older one is upgraded (backed up beside it)
case "$migrated" in *"nothing to do"*) ;; *) echo "$migrated" ;; esac

SERVER=""
DATASETTE=""
BARE=""
stop() {   # stop PID: ends a server this script started, and waits for it
    [ -n "$1" ] || return 0
    kill "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
}
cleanup() { stop "$SERVER"; stop "$DATASETTE"; stop "$BARE"; rm -rf "$WORK"; }
trap cleanup EXIT

TICKS=$(getconf CLK_TCK)
# Every process under PID (its children, theirs, ...), one a line.
descendants() {
    local child
    for child in $(cat /proc/"$1"/task/*/children 2> /dev/null || true); do echo "$child"; descendants "$child"; done
}
# CPU time of PID and every process under it, in clock ticks: utime + stime (fields 14 and 15 of
# /proc/PID/stat) of each, and the root's cutime + cstime (16, 17: children it has waited for).
# The threads of a process are in its own figures.
cpu_ticks() {
    local total=0 pid stat fields
    for pid in "$1" $(descendants "$1"); do
        stat=$(cat /proc/"$pid"/stat 2> /dev/null) || continue
        read -r -a fields <<< "${stat##*) }"   # the fields after the name: field 3 is fields[0]
        total=$((total + fields[11] + fields[12]))
        [ "$pid" = "$1" ] && total=$((total + fields[13] + fields[14]))
    done
    echo "$total"
}
threads() { awk '/^Threads:/ {print $2}' /proc/"$1"/status; }

# wrk against URL (with the extra wrk arguments after it), while reading PID's CPU time; writes
# NAME's figures into $WORK/NAME.*: requests/s, p50, p99, requests, CPU ms per request.
measure() {
    local name=$1 pid=$2 url=$3 before after requests errors socket
    shift 3
    before=$(cpu_ticks "$pid")
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Benchmarks/percentiles.lua "$@" "$url" > "$WORK/$name.wrk"
    after=$(cpu_ticks "$pid")
    requests=$(awk '/ requests in / {print $1}' "$WORK/$name.wrk")
    [ "${requests:-0}" -gt 0 ] || { cat "$WORK/$name.wrk" >&2; fail "$name: wrk made no request"; }
    errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.wrk")
    [ -z "$errors" ] || { cat "$WORK/$name.wrk" >&2; fail "$name answered $errors requests with other than 2xx"; }
    awk '/Requests\/sec/ {print $2}' "$WORK/$name.wrk" > "$WORK/$name.rps"
    awk '$1 == "50%" {print $2}' "$WORK/$name.wrk" > "$WORK/$name.p50"
    awk '$1 == "99%" {print $2}' "$WORK/$name.wrk" > "$WORK/$name.p99"
    socket=$(sed -n 's/^ *Socket errors: //p' "$WORK/$name.wrk")
    echo "$requests" > "$WORK/$name.requests"
    python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) * 1000 / int(sys.argv[3]) / int(sys.argv[4]):.3f}')" \
        "$before" "$after" "$TICKS" "$requests" > "$WORK/$name.cpu"
    echo "  $(cat "$WORK/$name.rps") requests/s, p50 $(cat "$WORK/$name.p50"), p99 $(cat "$WORK/$name.p99"), $(sed -n 's/^tail: //p' "$WORK/$name.wrk");" \
        "$requests requests, $(((after - before) * 1000 / TICKS)) ms of CPU${socket:+; socket errors: $socket}"
}

# The rows of a response body (a JSON object), under KEY: the server's "value", Datasette's "rows".
rows() { python3 -c 'import json, sys; print(len(json.load(sys.stdin)[sys.argv[1]]))' "$1"; }

echo "Archive $DB; $CONNECTIONS connections, ${DURATION} s per run; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The floor, while neither server runs: `archive bench` prints, per query of its standard set,
# the engine's median ms, the bare C API's (the floor) and the ratio. --only matches by substring,
# so several queries run (the slow surname-prefix one among them); take the exact name's line.
echo "The floor: archive bench --only '$FLOOR_QUERY' --iterations $FLOOR_ITERATIONS..."
"$ARCHIVE" bench --db "$DB" --only "$FLOOR_QUERY" --iterations "$FLOOR_ITERATIONS" > "$WORK/bench.out"
read -r ENGINE_MS FLOOR_MS < <(awk -v name="$FLOOR_QUERY" '
    substr($0, 1, length(name)) == name && substr($0, length(name) + 1) ~ /^  +[0-9]/ {
        split(substr($0, length(name) + 1), f, " "); print f[1], f[2] }' "$WORK/bench.out") || true
[ -n "${FLOOR_MS:-}" ] || { cat "$WORK/bench.out" >&2; fail "no line for '$FLOOR_QUERY' in archive bench's output"; }
echo "  engine $ENGINE_MS ms, floor $FLOOR_MS ms"

# The SQL of the page, as `archive explain` prints it: the statement's first line, then
# "-- arguments: 51, 0". Datasette's ?sql= binds named parameters only: each ? (outside quotes)
# becomes :p1, :p2, ... and the values go in the query string. _shape=arrays, not array: the
# statement has five columns named "id" and two named "name", and array's objects would keep one
# of each, 6 of the 11 values.
"$ARCHIVE" explain --db "$DB" --select "$SELECT" --order-by "$ORDER" --top "$TOP" > "$WORK/explain.out"
DATASETTE_QUERY=$(python3 - "$WORK/explain.out" <<'PY'
import re, sys, urllib.parse
lines = open(sys.argv[1]).read().splitlines()
sql, arguments = lines[0], []
for line in lines[1:]:
    if line.startswith("-- arguments: "):
        arguments = [a.strip() for a in line[len("-- arguments: "):].split(",")]
    elif not line.startswith("-- "):
        sys.exit(f"explain printed more than one statement or a statement over several lines: {line!r}")
for value in arguments:
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        sys.exit(f"an argument that is not a number: {value!r} (only numbers pass through as they are)")
named, count, quote = [], 0, None
for index, ch in enumerate(sql):
    if quote:
        if ch == quote:
            quote = None
    elif ch in "'\"`":
        quote = ch
    elif ch == "[":
        quote = "]"
    elif ch == "?":
        if sql[index + 1:index + 2].isdigit():
            sys.exit("numbered parameters (?NNN) are not rewritten")
        count += 1
        named.append(f":p{count}")
        continue
    named.append(ch)
if count != len(arguments):
    sys.exit(f"{count} placeholders but {len(arguments)} arguments")
pairs = [("sql", "".join(named))] + [(f"p{n}", v) for n, v in enumerate(arguments, 1)] + [("_shape", "arrays")]
print(urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote))
PY
) || fail "could not turn archive explain's output into a Datasette query: $(cat "$WORK/explain.out")"
echo "  the SQL: $(head -1 "$WORK/explain.out")"
echo "  $(grep '^-- arguments' "$WORK/explain.out" || echo '-- no arguments')"

# archive serve.
echo "archive serve (--db $DB --port $PORT)..."
"$ARCHIVE" serve --db "$DB" --port "$PORT" --log-level warning > "$WORK/server.log" &
SERVER=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break; sleep 0.1; done
# The first request verifies the password (a slow hash, then remembered).
curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$PORT$PAGE"
status=$(curl -s -o "$WORK/server.json" -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT$PAGE")
[ "$status" = 200 ] || fail "archive serve answered $status: $(head -c 500 "$WORK/server.json")"
count=$(rows value < "$WORK/server.json")
[ "$count" = "$TOP" ] || fail "archive serve answered $count rows, not $TOP"
measure server "$SERVER" "http://127.0.0.1:$PORT$PAGE" -H "$AUTH"
echo "  $(threads "$SERVER") threads, $(descendants "$SERVER" | wc -l) child processes"
stop "$SERVER"
SERVER=""

# Datasette, pinned, in a virtual environment of its own (made once).
if [ ! -f "$VENV/.installed" ]; then
    echo "Installing Datasette $DATASETTE_VERSION into $VENV..."
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "datasette==$DATASETTE_VERSION"
    touch "$VENV/.installed"
fi
version="Datasette $("$VENV/bin/datasette" --version | awk '{print $NF}')"
echo "$version (serve -i $DB -p $DATASETTE_PORT)..."
"$VENV/bin/datasette" serve -i "$DB" -h 127.0.0.1 -p "$DATASETTE_PORT" --setting sql_time_limit_ms 10000 > "$WORK/datasette.log" 2>&1 &
DATASETTE=$!
for _ in $(seq 600); do   # it hashes an immutable file first: a few seconds for 1M chats
    curl -s -o /dev/null "http://127.0.0.1:$DATASETTE_PORT/-/versions.json" && break
    kill -0 "$DATASETTE" 2> /dev/null || fail "Datasette ended: $(cat "$WORK/datasette.log")"
    sleep 0.1
done
# The database's name in URLs (the file's name without its extension), tilde-encoded as Datasette
# does: every byte but letters, digits, _ and - as ~XX, a space as +.
route=$(curl -s "http://127.0.0.1:$DATASETTE_PORT/-/databases.json" | python3 -c '
import json, string, sys
d = json.load(sys.stdin)[0]
safe = string.ascii_letters + string.digits + "_-"
print("".join(chr(b) if chr(b) in safe else "+" if b == 32 else f"~{b:02X}" for b in (d.get("route") or d["name"]).encode()))')
DATASETTE_URL="http://127.0.0.1:$DATASETTE_PORT/$route.json?$DATASETTE_QUERY"
curl -s -o /dev/null "$DATASETTE_URL"
status=$(curl -s -o "$WORK/datasette.json" -w '%{http_code}' "$DATASETTE_URL")
[ "$status" = 200 ] || fail "Datasette answered $status: $(head -c 500 "$WORK/datasette.json")"
count=$(rows rows < "$WORK/datasette.json")
[ "$count" = $((TOP + 1)) ] || fail "Datasette answered $count rows, not $((TOP + 1)) (the page and one more, to know that there is a next)"
# The same chats in the same order: Datasette's first column against the server's chatSessionId.
python3 - "$WORK/server.json" "$WORK/datasette.json" <<'PY' || fail "Datasette's rows are not the server's"
import json, sys
server = [row["chatSessionId"] for row in json.load(open(sys.argv[1]))["value"]]
answer = json.load(open(sys.argv[2]))
datasette = [row[0] for row in answer["rows"]][:len(server)]
widths = {len(row) for row in answer["rows"]}
if datasette != server or widths != {len(answer["columns"])}:
    sys.exit(f"server {server[:3]}..., Datasette {datasette[:3]}..., row widths {widths}")
PY
measure datasette "$DATASETTE" "$DATASETTE_URL"
echo "  $(threads "$DATASETTE") threads, $(descendants "$DATASETTE" | wc -l) child processes"
stop "$DATASETTE"
DATASETTE=""

# The HTTP floor: bare Hummingbird answering the server's own bytes for the page (same length,
# same Content-Type), with no middleware, credentials or database.
BARE_PORT=$((PORT + 2))
echo "HTTP floor: $HTTP_FLOOR (--port $BARE_PORT, the server's $(wc -c < "$WORK/server.json") bytes)..."
"$HTTP_FLOOR" --body "$WORK/server.json" --port "$BARE_PORT" > "$WORK/bare.log" 2>&1 &
BARE=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" && break; sleep 0.1; done
cmp -s "$WORK/server.json" <(curl -s "http://127.0.0.1:$BARE_PORT$PAGE") || fail "http-floor does not answer the server's bytes: $(cat "$WORK/bare.log")"
measure bare "$BARE" "http://127.0.0.1:$BARE_PORT$PAGE" -H "$AUTH"
stop "$BARE"
BARE=""

echo
python3 - "$WORK" "$version" "$ENGINE_MS" "$FLOOR_MS" "$CONNECTIONS" "$DURATION" <<'PY'
import sys
work, version, engine, floor, connections, duration = sys.argv[1:]
def read(name, figure):
    return open(f"{work}/{name}.{figure}").read().strip()
rows = [("archive serve", "server"), (version, "datasette"), ("HTTP floor (bare Hummingbird)", "bare")]
print(f"{f'{connections} connections, {duration} s each':<32} {'requests/s':>10}   {'p50':<10} {'p99':<10} CPU per request")
for label, name in rows:
    print(f"{label:<32} {read(name, 'rps'):>10}   {read(name, 'p50'):<10} {read(name, 'p99'):<10} {float(read(name, 'cpu')):.3f} ms")
print(f"{'engine, in process (bench)':<32} {'':>10}   {'':<10} {'':<10} {float(engine):.3f} ms")
print(f"{'SQL floor (bare C API)':<32} {'':>10}   {'':<10} {'':<10} {float(floor):.3f} ms")
server_cpu = float(read("server", "cpu"))
speedup = float(read("server", "rps")) / float(read("datasette", "rps"))
print(f"floor ÷ server CPU per request: {float(floor) / server_cpu:.2f}   (target ≥ 0.5)")
print(f"archive ÷ Datasette requests/s: {speedup:.1f}×  (target ≥ 10×)")
bare_cpu = float(read("bare", "cpu"))
both = float(floor) + bare_cpu
print(f"(SQL floor + HTTP floor) ÷ server CPU per request: {both / server_cpu:.2f}; "
      f"the server's own work beyond both floors: {server_cpu - both:.3f} ms a request")
PY
