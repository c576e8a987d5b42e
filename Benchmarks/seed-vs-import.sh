#!/usr/bin/env bash
# Seeding benchmark: `archive seed` against the sqlite3 shell loading the same rows from CSV
# into the same schema, in the same run. Prints both times and their ratio.
#
#   Benchmarks/seed-vs-import.sh                 # 1,000,000 chats, best of 3 runs each
#   CHATS=100000 RUNS=1 Benchmarks/seed-vs-import.sh
#
# The baseline does what the seeder does, minus generating the data: the same pragmas, tables
# first, rows imported, the same indexes built afterwards, the same sampled ANALYZE. CSV cannot
# hold NULL (it becomes ''), so the baseline's tables drop the CHECK constraints that '' would
# fail; generated columns are added after the import (the shell's .import cannot skip them).
# Both differences make the baseline do less work than the seeder, never more.
set -euo pipefail

CHATS=${CHATS:-1000000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-seed-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
(cd "$ROOT" && swift build -c release --product archive >/dev/null 2>&1)
ARCHIVE="$ROOT/.build/release/archive"
SCHEMA_DIR="$ROOT/Schema"

now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -n | head -1; }

echo "Seeding $CHATS chats with archive seed ($RUNS runs)..."
seed_times=()
for run in $(seq "$RUNS"); do
    start=$(now)
    "$ARCHIVE" seed --db "$WORK/seeded.sqlite" --chats "$CHATS" --seed 1 --end 2026-11-20 --force >/dev/null
    seed_times+=("$(echo "$(now) - $start" | bc)")
done

echo "Exporting the rows to CSV..."
tables=$(sqlite3 "$WORK/seeded.sqlite" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
for table in $tables; do
    columns=$(sqlite3 "$WORK/seeded.sqlite" "SELECT group_concat(name, ', ') FROM pragma_table_xinfo('$table') WHERE hidden = 0")
    sqlite3 -csv -noheader "$WORK/seeded.sqlite" "SELECT $columns FROM $table" > "$WORK/$table.csv"
done

python3 - "$SCHEMA_DIR" "$WORK" <<'PYTHON'
import glob, re, sys
# Every migration, in order: the tables of V001 and V002, the generated columns and indexes of later ones.
schema = "\n".join(open(path).read() for path in sorted(glob.glob(sys.argv[1] + "/V*.sql")))
work = sys.argv[2]

def strip_checks(text):
    out, i = [], 0
    while True:
        m = re.search(r",?\s*CHECK\s*\(", text[i:])
        if not m:
            out.append(text[i:]); return "".join(out)
        out.append(text[i:i + m.start()])
        j, depth = i + m.end(), 1
        while depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0); j += 1
        i = j

tables, generated, indexes = [], [], []
for statement in re.split(r";\s*\n", re.sub(r"--[^\n]*", "", schema)):
    statement = statement.strip()
    if statement.startswith("CREATE INDEX"):
        indexes.append(statement + ";")
    elif statement.startswith("ALTER TABLE"):
        # Later migrations' columns: generated ones after the import, stored ones with the tables.
        if "GENERATED" in statement:
            generated.append(statement + ";")
        else:
            tables.append(strip_checks(statement).strip() + ";")
    elif statement.startswith("CREATE TABLE"):
        name = re.match(r"CREATE TABLE (\w+)", statement).group(1)
        # A generated column definition runs from its name to VIRTUAL.
        for m in re.finditer(r"\n\s*(\w+\s+\w+(?:\s+COLLATE\s+\w+)?\s+GENERATED ALWAYS AS.*?VIRTUAL),?", statement, re.S):
            generated.append(f"ALTER TABLE {name} ADD COLUMN {m.group(1)};")
        statement = re.sub(r"\n\s*\w+\s+\w+(?:\s+COLLATE\s+\w+)?\s+GENERATED ALWAYS AS.*?VIRTUAL,?", "", statement, flags=re.S)
        statement = re.sub(r",(\s*\))\s*(WITHOUT ROWID)?$", r"\1 \2", strip_checks(statement).strip())
        tables.append(statement + ";")
open(f"{work}/tables.sql", "w").write("\n".join(tables) + "\n")
open(f"{work}/after-import.sql", "w").write("\n".join(generated + indexes) + "\n")
PYTHON

{
    echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
    echo "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -524288; PRAGMA threads = 2;"
    echo ".read $WORK/tables.sql"
    for table in $tables; do echo ".import --csv $WORK/$table.csv $table"; done
    echo ".read $WORK/after-import.sql"
    echo "PRAGMA analysis_limit = 0; ANALYZE;"
    echo "PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = DELETE; PRAGMA journal_mode = WAL;"
} > "$WORK/import.script"

echo "Importing the same rows with the sqlite3 shell ($RUNS runs)..."
import_times=()
for run in $(seq "$RUNS"); do
    rm -f "$WORK/imported.sqlite"
    start=$(now)
    sqlite3 "$WORK/imported.sqlite" < "$WORK/import.script" >/dev/null
    import_times+=("$(echo "$(now) - $start" | bc)")
done

seeded_rows=$(sqlite3 "$WORK/seeded.sqlite" "SELECT count(*) FROM chat_session")
imported_rows=$(sqlite3 "$WORK/imported.sqlite" "SELECT count(*) FROM chat_session")
[ "$seeded_rows" = "$imported_rows" ] || { echo "row counts differ: $seeded_rows vs $imported_rows" >&2; exit 1; }

seed_best=$(best "${seed_times[@]}")
import_best=$(best "${import_times[@]}")
printf '\n%-34s %10s\n' "$CHATS chat sessions" "best of $RUNS"
printf '%-34s %9.1fs   (runs: %s)\n' "archive seed" "$seed_best" "$(printf '%.1f ' "${seed_times[@]}")"
printf '%-34s %9.1fs   (runs: %s)\n' "sqlite3 .import (same schema)" "$import_best" "$(printf '%.1f ' "${import_times[@]}")"
printf '%-34s %9.2fx\n' "ratio (seed / import)" "$(echo "$seed_best / $import_best" | bc -l)"
