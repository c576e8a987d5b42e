#!/usr/bin/env bash
# Where a PostgreSQL page's time goes: for each standard 50-row page (four joined paths), the
# statement `archive explain` prints, prepared in one psql session and run RUNS times with
# EXPLAIN (ANALYZE, SUMMARY); prints the median planning and execution time with a custom plan
# each time (what an unprepared statement gets), then with the generic plan as the engine's
# reader sessions run it (plan_cache_mode = force_generic_plan, enable_memoize and jit off: one
# plan, reused; see Sources/ArchivePostgres/PlanChoice.swift).
#
#   Benchmarks/postgres-planning.sh "postgres://archive@/big?host=/tmp/pg"   # a seeded archive
#   RUNS=20 Benchmarks/postgres-planning.sh URL
#
# Needs psql (Debian: postgresql-client). The first two runs of each are left out (cold caches).
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${1:?usage: Benchmarks/postgres-planning.sh postgres://user@host/database}"
RUNS="${RUNS:-12}"
command -v psql > /dev/null || { echo "psql is not installed (apt-get install postgresql-client)" >&2; exit 1; }
swift build -c release --product archive > /dev/null
ARCHIVE=.build/release/archive
SELECT="chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name"

# The median of the numbers on standard input, after the first two.
median() { tail -n +3 | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf "%-24s %12s %12s %16s %16s\n" "page (ms)" "planning" "execution" "generic: plan" "generic: exec"
for order in "whenRequested desc" "person/lastName" "associate/fullName" "chatTopic/name desc" "contact/name" "type"; do
    explained=$("$ARCHIVE" explain --db "$URL" --select "$SELECT" --order-by "$order" --top 50)
    sql=$(head -n 1 <<< "$explained")
    # The values as SQL literals (texts already quoted), in the placeholders' order.
    arguments=$(sed -n 's/^-- arguments: //p' <<< "$explained")
    script="PREPARE page AS $sql;"
    for _ in $(seq "$RUNS"); do script+=$'\n'"EXPLAIN (ANALYZE, SUMMARY) EXECUTE page($arguments);"; done
    # Prepared anew: the custom runs built a generic plan already (to weigh it), with Memoize.
    script+=$'\n'"DEALLOCATE page; SET plan_cache_mode = force_generic_plan; SET enable_memoize = off; SET jit = off;"
    script+=$'\n'"PREPARE page AS $sql;"
    for _ in $(seq "$RUNS"); do script+=$'\n'"EXPLAIN (ANALYZE, SUMMARY) EXECUTE page($arguments);"; done
    output=$(psql "$URL" -X -q -v ON_ERROR_STOP=1 <<< "$script")
    times() { awk -v what="$1" '$0 ~ what " Time" { print $3 }' <<< "$output"; }
    custom_planning=$(times Planning | head -n "$RUNS" | median)
    custom_execution=$(times Execution | head -n "$RUNS" | median)
    generic_planning=$(times Planning | tail -n "$RUNS" | median)
    generic_execution=$(times Execution | tail -n "$RUNS" | median)
    printf "%-24s %12s %12s %16s %16s\n" "by $order" "$custom_planning" "$custom_execution" "$generic_planning" "$generic_execution"
done
