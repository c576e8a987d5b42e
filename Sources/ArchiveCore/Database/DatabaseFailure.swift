/// What went wrong in a database, in terms every engine's errors map to.
public enum DatabaseFailureKind: Sendable, Equatable {
    /// The database is locked by another writer; the same call may succeed later.
    case busy
    /// A statement broke a rule of the schema (unique, foreign key, check, not null).
    case constraint
    /// A statement ran past its time limit and was stopped.
    case timeout
    /// The database cannot be reached (a server that is down, a lost connection).
    case unavailable
    /// A statement is larger than the engine takes (too many values or terms).
    case tooLarge
    /// A write to a database that takes none (a read-only file, a read replica).
    case readOnly
    /// Anything else: the detail is for the log, not for a client.
    case other
}

/// An engine's error, classified: each adapter's error type conforms, so that the layers above
/// the core answer failures without naming an engine.
public protocol DatabaseFailure: Error, CustomStringConvertible {
    /// What kind of failure this is.
    var failureKind: DatabaseFailureKind { get }
    /// The engine's message (it may name paths, tables or SQL: for logs).
    var message: String { get }
    /// For a constraint failure, the `table.column` it is on, when the engine says.
    var constraintColumn: String? { get }
}
