#!/usr/bin/env bash
# Import benchmark: `archive import` of an export against `archive seed` of the same rows, in the
# same run. Prints the times and the ratios of both imports to the seed.
#
#   Benchmarks/import-vs-seed.sh                  # 1,000,000 chats
#   CHATS=100000 Benchmarks/import-vs-seed.sh     # quick check
#
# The seed generates CHATS chats (with their persons, companies, agents and topics) into a new
# file; `archive query --select "$(archive import --print-columns)" --format ndjson` exports them;
# `archive import` reads the export into a new, empty file (then a second time, when every row
# is already there and nothing changes). Both end with a full ANALYZE.
set -euo pipefail

CHATS=${CHATS:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-import-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && swift build -c release --product archive > /dev/null)
ARCHIVE="$ROOT/.build/release/archive"
now() { date +%s.%N; }

echo "Seeding $CHATS chats..."
start=$(now)
"$ARCHIVE" seed --db "$WORK/seeded.sqlite" --chats "$CHATS" --seed 1 --end 2026-11-20 > /dev/null
seed=$(echo "$(now) - $start" | bc)

echo "Exporting them..."
start=$(now)
"$ARCHIVE" query --db "$WORK/seeded.sqlite" --select "$("$ARCHIVE" import --print-columns)" --format ndjson > "$WORK/chats.ndjson"
export_time=$(echo "$(now) - $start" | bc)

echo "Importing the export into an empty archive..."
start=$(now)
"$ARCHIVE" import --db "$WORK/imported.sqlite" "$WORK/chats.ndjson" > "$WORK/import.out"
import_time=$(echo "$(now) - $start" | bc)

echo "Importing it again (every row already there)..."
start=$(now)
"$ARCHIVE" import --db "$WORK/imported.sqlite" "$WORK/chats.ndjson" > "$WORK/again.out"
again=$(echo "$(now) - $start" | bc)

seeded=$(sqlite3 "$WORK/seeded.sqlite" "SELECT count(*) FROM chat_session")
imported=$(sqlite3 "$WORK/imported.sqlite" "SELECT count(*) FROM chat_session")
[ "$seeded" = "$imported" ] || { echo "chat counts differ: $seeded seeded, $imported imported" >&2; exit 1; }

printf '\n%-40s %9s\n' "$CHATS chat sessions" "seconds"
printf '%-40s %9.1f\n' "archive seed" "$seed"
printf '%-40s %9.1f   (%s MiB of NDJSON)\n' "archive query --format ndjson (export)" "$export_time" "$(( $(stat -c %s "$WORK/chats.ndjson") / 1048576 ))"
printf '%-40s %9.1f\n' "archive import, into an empty archive" "$import_time"
printf '%-40s %9.1f\n' "archive import, again (nothing changes)" "$again"
printf '%-40s %9.2fx   (target: at most 3x)\n' "ratio (import / seed)" "$(echo "$import_time / $seed" | bc -l)"
printf '%-40s %9.2fx   (target: at most 2x)\n' "ratio (import again / seed)" "$(echo "$again / $seed" | bc -l)"
