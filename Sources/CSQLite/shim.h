#ifndef ARCHIVE_CSQLITE_SHIM_H
#define ARCHIVE_CSQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot call C variadic functions, and it cannot import the SQLITE_TRANSIENT /
// SQLITE_STATIC macros (they are casts of integer constants to function pointers).
// These inline wrappers give Swift a typed entry point to each.

/// Binds text that SQLite copies before returning (SQLITE_TRANSIENT).
static inline int csqlite_bind_text_transient(sqlite3_stmt *stmt, int index, const char *text, int byteCount) {
    return sqlite3_bind_text(stmt, index, text, byteCount, SQLITE_TRANSIENT);
}

/// Binds a blob that SQLite copies before returning (SQLITE_TRANSIENT).
static inline int csqlite_bind_blob_transient(sqlite3_stmt *stmt, int index, const void *bytes, int byteCount) {
    return sqlite3_bind_blob(stmt, index, bytes, byteCount, SQLITE_TRANSIENT);
}

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which this project never
/// reads: with them on, every allocation of every connection takes one process-wide mutex.
/// Only effective before SQLite initializes (the first connection opened); SQLITE_MISUSE after.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
