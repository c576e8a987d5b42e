/// How much each cell carries (`$mode`).
public enum ResponseMode: String, Sendable, Hashable, CaseIterable {
    /// One value per column (the default).
    case slim
    /// Raw value, display value and hints per column. `$mode=Wide` means this too.
    case full
}

/// How Slim rows write their values (`$output`).
public enum OutputStyle: String, Sendable, Hashable, CaseIterable {
    /// Typed JSON values: numbers, booleans, ISO dates (the default).
    case logical
    /// Every value as its display string.
    case display
    /// As Logical, but an empty value is null rather than a stand-in (0, `""`,
    /// `0001-01-01T00:00:00`): for data that is counted and averaged. Not in the reference
    /// system, whose Logical output this engine keeps as it is.
    case typed
}

/// The body's format (`$format`); absent when the server should negotiate it from `Accept`.
public enum ResponseFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case xml
}
