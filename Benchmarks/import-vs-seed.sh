#!/usr/bin/env bash
# Import benchmark: `archive import` of an export against `archive seed` of the same rows, in the
# same run. Prints the times (wall and CPU) and the ratios of both imports to the seed.
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
# timed NAME OUTPUT COMMAND...: runs COMMAND with its standard output in OUTPUT and sets
# NAME_wall (seconds) and NAME_cpu (user + system seconds of it and its threads), from bash's own
# `time`. The CPU time moves less than the wall time when other work shares the machine.
timed() {
    local name=$1 output=$2 measured
    shift 2
    local TIMEFORMAT='%R %U %S'
    measured=$( { time "$@" > "$output"; } 2>&1 | tail -1 )
    read -r wall user system <<< "$measured"
    printf -v "${name}_wall" '%s' "$wall"
    printf -v "${name}_cpu" '%s' "$(echo "$user + $system" | bc)"
}

echo "Seeding $CHATS chats..."
timed seed /dev/null "$ARCHIVE" seed --db "$WORK/seeded.sqlite" --chats "$CHATS" --seed 1 --end 2026-11-20

echo "Exporting them..."
timed export "$WORK/chats.ndjson" "$ARCHIVE" query --db "$WORK/seeded.sqlite" --select "$("$ARCHIVE" import --print-columns)" --format ndjson

echo "Importing the export into an empty archive..."
timed import "$WORK/import.out" "$ARCHIVE" import --db "$WORK/imported.sqlite" "$WORK/chats.ndjson"

echo "Importing it again (every row already there)..."
timed again "$WORK/again.out" "$ARCHIVE" import --db "$WORK/imported.sqlite" "$WORK/chats.ndjson"

seeded=$(sqlite3 "$WORK/seeded.sqlite" "SELECT count(*) FROM chat_session")
imported=$(sqlite3 "$WORK/imported.sqlite" "SELECT count(*) FROM chat_session")
[ "$seeded" = "$imported" ] || { echo "chat counts differ: $seeded seeded, $imported imported" >&2; exit 1; }

ratio() { echo "$1 / $2" | bc -l; }
printf '\n%-40s %9s %9s\n' "$CHATS chat sessions" "seconds" "CPU s"
printf '%-40s %9.1f %9.1f\n' "archive seed" "$seed_wall" "$seed_cpu"
printf '%-40s %9.1f %9.1f   (%s MiB of NDJSON)\n' "archive query --format ndjson (export)" "$export_wall" "$export_cpu" "$(( $(stat -c %s "$WORK/chats.ndjson") / 1048576 ))"
printf '%-40s %9.1f %9.1f\n' "archive import, into an empty archive" "$import_wall" "$import_cpu"
printf '%-40s %9.1f %9.1f\n' "archive import, again (nothing changes)" "$again_wall" "$again_cpu"
printf '%-40s %9.2fx %8.2fx   (target: at most 3x, in seconds)\n' "ratio (import / seed)" "$(ratio "$import_wall" "$seed_wall")" "$(ratio "$import_cpu" "$seed_cpu")"
printf '%-40s %9.2fx %8.2fx   (target: at most 2x, in seconds)\n' "ratio (import again / seed)" "$(ratio "$again_wall" "$seed_wall")" "$(ratio "$again_cpu" "$seed_cpu")"
