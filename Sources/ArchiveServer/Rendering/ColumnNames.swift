/// The names of result columns as a response writes them.
enum ColumnNames {
    /// `$jsonSafe`: every character outside `[A-Za-z0-9_]` becomes `_`
    /// (`person/firstName` → `person_firstName`, `Count(chatSessionId):Footer` → `Count_chatSessionId__Footer`).
    static func jsonSafe(_ key: String) -> String {
        String(key.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_": Character(scalar)
            default: "_"
            }
        })
    }

    /// An XML element name: the JSON-safe name, with `_` in front if it would start with a digit.
    static func xmlElement(_ key: String) -> String {
        let safe = jsonSafe(key)
        guard let first = safe.unicodeScalars.first, !("0"..."9").contains(first) else { return "_" + safe }
        return safe
    }
}
