internal import CSQLite

/// The SQLite library's process-wide settings, made once, before the first connection opens
/// (SQLite takes them only before it initializes).
public enum SQLiteLibrary {
    /// Applies the settings; every ``Connection`` calls it before opening, and so must code that
    /// opens SQLite through the C API itself (the benchmarks' floor), so that both run alike.
    /// Calls after the first do nothing.
    ///
    /// The one setting: no memory statistics. This project never reads them, and while they are
    /// kept, every allocation on every connection takes one mutex for the whole process, which
    /// readers on several threads then wait for.
    public static func prepare() { _ = prepared }

    private static let prepared: Bool = csqlite_disable_memory_statistics() == SQLITE_OK
}
