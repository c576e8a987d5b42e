#!/usr/bin/env bash
# Checks the PostgreSQL schema against the SQLite one on the same seeded data: starts a
# throwaway cluster (initdb in a temporary folder, a socket in that folder), loads
# archive.sql in its two parts around a COPY of a seeded SQLite archive, and
# compares what both engines answer: the generated columns, and the case-insensitive and
# descending orders, which must also walk an index in PostgreSQL.
#
# Usage: Schema/PostgreSQL/verify-against-sqlite.sh [chats]   (default 20000: with fewer, PostgreSQL rightly scans the small tables)
# Needs: the PostgreSQL server (Debian: postgresql), sqlite3, and a built `archive`
# (.build/debug or .build/release; `swift build` first).
set -euo pipefail
cd "$(dirname "$0")/../.."
chats=${1:-20000}

bin=$(ls -t .build/release/archive .build/debug/archive 2>/dev/null | head -1 || true)
[ -n "$bin" ] || { echo "no built archive: run swift build first" >&2; exit 2; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$pgbin" ] || { echo "no PostgreSQL server: apt-get install postgresql" >&2; exit 2; }
export PATH="$pgbin:$PATH"

work=$(mktemp -d)
as_owner=()
# initdb refuses to run as root: the cluster then belongs to the postgres user.
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; as_owner=(runuser -u postgres -- env "PATH=$PATH"); fi
port=55432
stop() { "${as_owner[@]}" pg_ctl -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT
"${as_owner[@]}" initdb -D "$work/data" -A trust -U archive --locale=C -E UTF8 >/dev/null
"${as_owner[@]}" pg_ctl -D "$work/data" -o "-k $work -p $port -c listen_addresses=''" -l "$work/log" -w start >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U archive)
createdb -h "$work" -p "$port" -U archive archive

sqlite="$work/seeded.sqlite"
"$bin" seed --db "$sqlite" --chats "$chats" --end 2026-11-20 >/dev/null 2>&1
schema=Schema/PostgreSQL/archive.sql
marker='^-- Indexes and foreign keys'
sed "/$marker/,\$d" "$schema" | "${psql[@]}" archive
# archive_id_high_water is SQLite's own bookkeeping: PostgreSQL's sequences keep ids instead. The
# change feed's tables come with its migration (V006) and start empty. The baseline's tables are
# loaded before its indexes; the later migrations' tables (V008's) once they exist.
copy_table() {
    # Generated columns (hidden 2 or 3) are computed by PostgreSQL itself.
    local columns
    columns=$(sqlite3 "$sqlite" "SELECT group_concat(name, ',') FROM pragma_table_xinfo('$1') WHERE hidden = 0")
    sqlite3 -csv "$sqlite" "SELECT $columns FROM $1" | "${psql[@]}" archive -c "\\copy $1 ($columns) FROM stdin WITH (format csv)"
}
baseline=" $("${psql[@]}" archive -At -c "SELECT string_agg(table_name, ' ') FROM information_schema.tables WHERE table_schema = 'public'") "
later=()
for table in $(sqlite3 "$sqlite" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('archive_id_high_water', 'chat_change', 'archive_write_context', 'webhook', 'chat_change_pruned', 'chat_count') ORDER BY rowid"); do
    if [[ "$baseline" == *" $table "* ]]; then copy_table "$table"; else later+=("$table"); fi
done
sed -n "/$marker/,\$p" "$schema" | "${psql[@]}" archive
for migration in Schema/PostgreSQL/V[0-9]*.sql; do "${psql[@]}" archive < "$migration" > /dev/null; done
for table in "${later[@]}"; do copy_table "$table"; done
"${psql[@]}" archive -c "ANALYZE"

failures=0
same() {  # same "what" "SQLite query" "PostgreSQL query"
    local left right
    left=$(sqlite3 "$sqlite" "$2" | md5sum)
    right=$("${psql[@]}" archive -At -F'|' -c "$3" | md5sum)
    if [ "$left" = "$right" ]; then echo "same:      $1"; else echo "DIFFERENT: $1"; failures=$((failures + 1)); fi
}
walks_index() {  # walks_index "what" "PostgreSQL query"
    if "${psql[@]}" archive -At -c "EXPLAIN $2" | grep -q "Index"; then echo "index:     $1"
    else echo "NO INDEX:  $1"; failures=$((failures + 1)); fi
}
same "chat durations, queue times, request dates" \
    "SELECT count(*), sum(duration), sum(time_in_queue), count(DISTINCT requested_date) FROM chat_session" \
    "SELECT count(*), sum(duration), sum(time_in_queue), count(DISTINCT requested_date) FROM chat_session"
same "person full names and flags" \
    "SELECT id, full_name, has_info_text, has_company, birth_year, birth_month, birth_day FROM person ORDER BY id" \
    "SELECT id, full_name, has_info_text, has_company, birth_year, birth_month, birth_day FROM person ORDER BY id"
same "company names with department" \
    "SELECT id, name_department, has_info_text, registered_date FROM contact ORDER BY id" \
    "SELECT id, name_department, has_info_text, registered_date FROM contact ORDER BY id"
same "persons by last name (NOCASE, NULLs first)" \
    "SELECT id FROM person ORDER BY last_name, id" \
    "SELECT id FROM person ORDER BY archive_fold(last_name) NULLS FIRST, id"
same "associates by full name descending" \
    "SELECT id FROM associate ORDER BY full_name DESC, id" \
    "SELECT id FROM associate ORDER BY archive_fold(full_name) DESC NULLS LAST, id"
same "V008: e-mail addresses by rank, detail rows keyed by their owner (generated ids)" \
    "SELECT e.person_id, e.rank, e.address, d.id FROM person_email e JOIN person_detail d ON d.person_id = e.person_id ORDER BY e.person_id, e.rank, e.id" \
    "SELECT e.person_id, e.rank, e.address, d.id FROM person_email e JOIN person_detail d ON d.person_id = e.person_id ORDER BY e.person_id, e.rank, e.id"
same "V008: user-defined dates and texts" \
    "SELECT person_id, text_1, number_1, date_1, unlimited_date_1 FROM person_udef ORDER BY person_id" \
    "SELECT person_id, text_1, number_1, date_1, unlimited_date_1 FROM person_udef ORDER BY person_id"
same "chats by when ended descending (NULLs last)" \
    "SELECT id FROM chat_session ORDER BY when_ended DESC, id" \
    "SELECT id FROM chat_session ORDER BY when_ended DESC NULLS LAST, id"
same "last names beginning 'ber' in any case" \
    "SELECT id FROM person WHERE last_name LIKE 'ber%' ORDER BY id" \
    "SELECT id FROM person WHERE archive_fold(last_name) LIKE archive_fold('ber%') ORDER BY id"
walks_index "chats by when requested descending" "SELECT id FROM chat_session ORDER BY when_requested DESC NULLS LAST, id LIMIT 50"
walks_index "persons by last name" "SELECT id FROM person ORDER BY archive_fold(last_name) NULLS FIRST, id LIMIT 50"
walks_index "companies by name" "SELECT id FROM contact ORDER BY archive_fold(name) NULLS FIRST, id LIMIT 50"
# A chat inserted without an id gets one after the loaded ones (RETURNING sees the table as it
# was before the insert).
if [ "$("${psql[@]}" archive -At -c "BEGIN; INSERT INTO chat_session (topic_id, status, when_requested) SELECT min(id), 7, now() FROM chat_topic RETURNING id > (SELECT max(id) FROM chat_session); ROLLBACK;")" = t ]; then
    echo "same:      new ids follow the loaded ones"
else echo "DIFFERENT: new ids collide with loaded ones"; failures=$((failures + 1)); fi
# The change feed records a change of a chat's own fields, numbered when it commits.
if [ "$("${psql[@]}" archive -At -c "UPDATE chat_session SET rating = coalesce(rating, 0) % 5 + 1 WHERE id = 1" -c "SELECT count(*) FROM chat_change WHERE seq IS NOT NULL AND chat_id = 1 AND changes = 'rating'")" = 1 ]; then
    echo "same:      the change feed records a chat's change, numbered at commit"
else echo "DIFFERENT: the change feed did not record the change"; failures=$((failures + 1)); fi
[ "$failures" -eq 0 ] && echo "The PostgreSQL schema answers as the SQLite one." || { echo "$failures difference(s)"; exit 1; }
