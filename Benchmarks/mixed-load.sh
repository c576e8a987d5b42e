#!/usr/bin/env bash
# Readers and writers at once: `archive serve` under 16 connections reading 50-row pages and 4
# connections creating chats (POST /api/v1/ChatSession), both from wrk on loopback, for DURATION
# seconds. Prints reads/s and writes/s with their p50 and p99, and the same reads alone.
#
#   Benchmarks/mixed-load.sh [DB]           # DB: an archive (copied; 1,000,000 chats seeded if absent)
#   DURATION=20 READERS=16 WRITERS=4 Benchmarks/mixed-load.sh /tmp/big.sqlite
#
# Needs wrk (Debian: apt-get install wrk). Writes are acknowledged only once on disk
# (synchronous=FULL, the server's default), so their rate is bound by the disk's flushes.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:-/tmp/archive-load.sqlite}"
DURATION="${DURATION:-15}"
READERS="${READERS:-16}"
WRITERS="${WRITERS:-4}"
PORT="${PORT:-18091}"
AUTH="Authorization: Basic dGplMDpUamUw"   # the demo user tje0:Tje0, who may write
PAGE='/api/v1/archive/ChatSession?$select=chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name&$orderBy=whenRequested%20desc&$top=50'
WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-mixed.XXXXXX")

command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product archive > /dev/null
ARCHIVE=.build/release/archive
if [ ! -f "$DB" ]; then
    echo "Seeding $DB with 1,000,000 chats..."
    "$ARCHIVE" seed --db "$DB" --chats 1000000 --seed 1 > /dev/null
fi
cp "$DB" "$WORK/archive.sqlite"
"$ARCHIVE" migrate --db "$WORK/archive.sqlite" > /dev/null

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic dGplMDpUamUw"
wrk.body = '{"TopicId": 1, "WhenRequested": "2026-11-20T10:00:00", "FirstMessage": "load test", "Status": "Finished", "Rating": 4}'
LUA

"$ARCHIVE" serve --db "$WORK/archive.sqlite" --port "$PORT" --log-level warning &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break; sleep 0.1; done
curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$PORT$PAGE"   # the password's slow hash, once

summary() {  # file label
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$1")
    p50=$(awk '$1 == "50%" {print $2}' "$1")
    p99=$(awk '$1 == "99%" {print $2}' "$1")
    errors=$(awk '/Non-2xx/ {print $5}' "$1")
    printf "  %-28s %9s/s   p50 %8s   p99 %8s   %s\n" "$2" "$rps" "$p50" "$p99" "${errors:+non-2xx: $errors}"
}

echo "Reads alone ($READERS connections, $DURATION s):"
wrk -t2 -c"$READERS" -d"${DURATION}s" --latency -H "$AUTH" "http://127.0.0.1:$PORT$PAGE" > "$WORK/alone.out"
summary "$WORK/alone.out" "reads"

echo "Reads and writes at once ($READERS + $WRITERS connections, $DURATION s):"
wrk -t1 -c"$WRITERS" -d"${DURATION}s" --latency -s "$WORK/post.lua" "http://127.0.0.1:$PORT/api/v1/ChatSession" > "$WORK/writes.out" &
WRITING=$!
wrk -t1 -c"$READERS" -d"${DURATION}s" --latency -H "$AUTH" "http://127.0.0.1:$PORT$PAGE" > "$WORK/reads.out"
wait $WRITING
summary "$WORK/reads.out" "reads"
summary "$WORK/writes.out" "writes (POST /ChatSession)"
echo "  chats created: $(sqlite3 "$WORK/archive.sqlite" "SELECT count(*) FROM chat_session WHERE first_message = 'load test'")"
