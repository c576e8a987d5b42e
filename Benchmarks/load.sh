#!/usr/bin/env bash
# Load benchmark of `archive serve`: requests per second and latency for a 50-row page with four
# joined paths at 1, 16 and 64 connections (wrk on loopback); a cold start (a new server, 64
# connections opening at once with credentials it has not verified yet: p99.9, the maximum and
# wrk's timeouts); a valid user's first sign-in while another address floods wrong passwords;
# the server's memory at start and after two 60-second runs, and its peak memory while a
# 100,000-row response streams.
#
#   Benchmarks/load.sh [DB]      # DB: an archive of 1,000,000 chats (seeded into /tmp if absent)
#   DURATION=15 Benchmarks/load.sh /tmp/big.sqlite
#   SOAK=0 Benchmarks/load.sh /tmp/big.sqlite   # seconds of each of the two memory runs (default 60; 0 skips them)
#   Benchmarks/load.sh postgres://archive@/big?host=/tmp/pg   # a PostgreSQL archive (seeded beforehand)
#
# Needs wrk (Debian: apt-get install wrk) and python3. Everything stays on loopback (the flood
# comes from 127.0.0.2).
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:-/tmp/archive-load.sqlite}"
DURATION="${DURATION:-15}"
SOAK="${SOAK:-60}"
PORT="${PORT:-18090}"
AUTH="Authorization: Basic dGplMDpUamUw"   # the demo user tje0:Tje0
PAGE='/api/v1/archive/ChatSession?$select=chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name&$orderBy=whenRequested%20desc&$top=50'
BIG='/api/v1/archive/ChatSession?$select=chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name&$orderBy=chatSessionId&$top=100000'

command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product archive > /dev/null
ARCHIVE=.build/release/archive
case "$DB" in
postgres://* | postgresql://*)
    # The archive must be there (archive seed --db URL …): migrate refuses nothing else.
    "$ARCHIVE" migrate --db "$DB" > /dev/null ;;
*)
    if [ ! -f "$DB" ]; then
        echo "Seeding $DB with 1,000,000 chats..."
        "$ARCHIVE" seed --db "$DB" --chats 1000000 --seed 1 > /dev/null
    fi
    "$ARCHIVE" migrate --db "$DB" > /dev/null ;;
esac

# Resident memory, split: anonymous (the heap: what the server itself holds) and file-backed
# (pages of the database file mapped into memory, which the kernel can drop at any time).
rss() { awk '/RssAnon/ {anon=int($2/1024)} /RssFile/ {file=int($2/1024)} END {print anon " MiB anonymous + " file " MiB of the mapped file"}' "/proc/$1/status"; }
anon() { awk '/RssAnon/ {print int($2/1024)}' "/proc/$1/status"; }

start_server() {
    "$ARCHIVE" serve --db "$DB" --port "$PORT" --page-size 100000 --log-level warning &
    SERVER=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break; sleep 0.1; done
}
stop_server() { kill "$SERVER" 2> /dev/null || true; wait "$SERVER" 2> /dev/null || true; }
trap stop_server EXIT

# A new server remembers no verification: 64 connections open at once with the same credentials.
start_server
echo "Cold start: a new server, 64 connections at once with credentials not yet verified (30 s; the maximum is the first verification):"
wrk -t2 -c64 -d30s --latency -s Benchmarks/percentiles.lua -H "$AUTH" "http://127.0.0.1:$PORT$PAGE" > /tmp/wrk.out
printf "  %8s req/s   p50 %8s   p99 %8s   %s\n" "$(awk '/Requests\/sec/ {print $2}' /tmp/wrk.out)" \
    "$(awk '$1 == "50%" {print $2}' /tmp/wrk.out)" "$(awk '$1 == "99%" {print $2}' /tmp/wrk.out)" "$(sed -n 's/^tail: //p' /tmp/wrk.out)"
stop_server

# A user's first sign-in (a hash) while another address floods wrong passwords.
start_server
python3 Benchmarks/flood.py "$PORT" 8 > /tmp/flood.out &
FLOOD=$!
sleep 2
first=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' -H "$AUTH" "http://127.0.0.1:$PORT$PAGE")
wait $FLOOD
echo "A first sign-in while 127.0.0.2 floods wrong passwords for names no one has: $first ($(cat /tmp/flood.out))"
stop_server

start_server
# The first request verifies the password (a slow hash, then remembered).
curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$PORT$PAGE"
echo "server memory at start: $(rss $SERVER)"

echo
echo "50-row page, four joined paths, by whenRequested desc (${DURATION} s each):"
for connections in 1 16 64; do
    threads=$(( connections < 2 ? 1 : 2 ))
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s Benchmarks/percentiles.lua -H "$AUTH" "http://127.0.0.1:$PORT$PAGE" > /tmp/wrk.out
    rps=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk.out)
    p50=$(awk '$1 == "50%" {print $2}' /tmp/wrk.out)
    p99=$(awk '$1 == "99%" {print $2}' /tmp/wrk.out)
    errors=$(awk '/Non-2xx/ {print $5}' /tmp/wrk.out)
    printf "  %2d connections: %8s req/s   p50 %8s   p99 %8s   %s %s\n" "$connections" "$rps" "$p50" "$p99" "$(sed -n 's/^tail: //p' /tmp/wrk.out)" "${errors:+non-2xx: $errors}"
done

echo
for run in 1 2; do
    [ "$SOAK" -gt 0 ] || break
    echo "${SOAK}-second run $run at 16 connections..."
    wrk -t2 -c16 -d"${SOAK}s" -H "$AUTH" "http://127.0.0.1:$PORT$PAGE" > /dev/null
    echo "server memory after it: $(rss $SERVER)"
done

# Peak anonymous memory while one 100,000-row response streams, sampled every 20 ms.
before=$(anon $SERVER)
( peak=0; while kill -0 $SERVER 2> /dev/null && [ ! -f /tmp/archive-load.done ]; do
      now=$(anon $SERVER); [ "$now" -gt "$peak" ] && peak=$now; echo $peak > /tmp/archive-load.peak; sleep 0.02
  done ) &
SAMPLER=$!
rm -f /tmp/archive-load.done
start=$(date +%s.%N)
bytes=$(curl -s -H "$AUTH" "http://127.0.0.1:$PORT$BIG" | wc -c)
end=$(date +%s.%N)
touch /tmp/archive-load.done; wait $SAMPLER 2> /dev/null || true
echo
echo "one 100,000-row response: $((bytes / 1024 / 1024)) MiB in $(echo "$end - $start" | bc) s;" \
     "anonymous memory $before MiB before, at most $(cat /tmp/archive-load.peak) MiB while it streamed"
rm -f /tmp/archive-load.done /tmp/archive-load.peak
