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
}

/// The body's format (`$format`); absent when the server should negotiate it from `Accept`.
public enum ResponseFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case xml
}
