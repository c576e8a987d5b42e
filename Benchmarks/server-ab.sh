#!/usr/bin/env bash
# Two (or more) builds of `archive serve` against each other: each serves the same SQLite archive
# in turn, ROUNDS times over, under the same wrk load (the 50-row page of server-vs-datasette.sh
# unless URL says otherwise), and the script prints, per build, the median and range of
# requests/s and of the CPU time its process spent per request (utime + stime from /proc, read
# before and after each wrk run). Alternating the builds spreads the machine's drift over all of
# them, which one run of each would not.
#
#   Benchmarks/server-ab.sh BINARY BINARY [BINARY...]      # e.g. two copies of .build/release/archive
#   ROUNDS=4 DURATION=8 CONNECTIONS=16 DB=/tmp/big.sqlite Benchmarks/server-ab.sh /tmp/archive-a /tmp/archive-b
#   URL='/api/v1/archive/ChatSession?$top=1' Benchmarks/server-ab.sh /tmp/archive-a /tmp/archive-b
#
# To compare commits: build one, copy .build/release/archive aside, check out the other, build,
# copy. Needs wrk and curl; DB must be an archive every build can serve (default /tmp/big.sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] || { echo "usage: $0 BINARY BINARY [BINARY...]" >&2; exit 64; }
DB="${DB:-/tmp/big.sqlite}"
ROUNDS="${ROUNDS:-4}"
DURATION="${DURATION:-8}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18096}"
URL="${URL:-/api/v1/archive/ChatSession?\$select=chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name&\$orderBy=whenRequested%20desc&\$top=50}"
AUTH="Authorization: Basic dGplMDpUamUw"   # the demo user tje0:Tje0
fail() { echo "server-ab: $*" >&2; exit 1; }
for tool in wrk curl python3; do command -v "$tool" > /dev/null || fail "$tool is not installed"; done
[ -f "$DB" ] || fail "no archive at $DB (seed one: archive seed --db $DB --chats 1000000)"
for binary in "$@"; do [ -x "$binary" ] || fail "no binary at $binary"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-ab.XXXXXX")
SERVER=""
cleanup() { [ -z "$SERVER" ] || { kill "$SERVER" 2> /dev/null; wait "$SERVER" 2> /dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT
TICKS=$(getconf CLK_TCK)
# utime + stime of PID: fields 14 and 15 of /proc/PID/stat, counted after the name in parentheses.
cpu_ticks() { local stat fields; stat=$(cat /proc/"$1"/stat); read -r -a fields <<< "${stat##*) }"; echo $((fields[11] + fields[12])); }

# One wrk run against BINARY: writes "requests/s CPU-ms-per-request" to $WORK/figures. Run in
# this shell, not in $(...), so that SERVER is this shell's and the cleanup stops it on failure.
measure() {
    local binary=$1 before after requests status
    "$binary" serve --db "$DB" --port "$PORT" --log-level warning > "$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break; sleep 0.1; done
    # The first request verifies the password (a slow hash, then remembered).
    status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT$URL")
    [ "$status" = 200 ] || fail "$binary answered $status: $(head -c 300 "$WORK/answer") $(cat "$WORK/server.log")"
    before=$(cpu_ticks "$SERVER")
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -H "$AUTH" "http://127.0.0.1:$PORT$URL" > "$WORK/wrk.out"
    after=$(cpu_ticks "$SERVER")
    kill "$SERVER" 2> /dev/null || true
    wait "$SERVER" 2> /dev/null || true
    SERVER=""
    requests=$(awk '/ requests in / {print $1}' "$WORK/wrk.out")
    [ "${requests:-0}" -gt 0 ] || fail "wrk made no request: $(cat "$WORK/wrk.out")"
    ! grep -q "Non-2xx" "$WORK/wrk.out" || fail "$binary answered with other than 2xx: $(cat "$WORK/wrk.out")"
    echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") $(python3 -c "import sys; print((int(sys.argv[2]) - int(sys.argv[1])) * 1000 / int(sys.argv[3]) / int(sys.argv[4]))" "$before" "$after" "$TICKS" "$requests")" > "$WORK/figures"
}

echo "Archive $DB; $CONNECTIONS connections, $DURATION s a run, $ROUNDS rounds; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    for index in $(seq $#); do
        binary=${!index}
        measure "$binary"
        read -r rps cpu < "$WORK/figures"
        echo "$index $rps $cpu" >> "$WORK/runs"
        printf '  round %s, %s: %.0f requests/s, %.3f ms of CPU a request\n' "$round" "$binary" "$rps" "$cpu"
    done
done
python3 - "$WORK/runs" "$@" <<'PY'
import statistics, sys
runs = [line.split() for line in open(sys.argv[1])]
for index, binary in enumerate(sys.argv[2:], 1):
    rps = [float(r[1]) for r in runs if int(r[0]) == index]
    cpu = [float(r[2]) for r in runs if int(r[0]) == index]
    print(f"{binary}: requests/s median {statistics.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}), "
          f"CPU a request median {statistics.median(cpu):.3f} ms ({min(cpu):.3f}–{max(cpu):.3f})")
PY
