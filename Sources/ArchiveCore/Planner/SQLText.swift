import ArchiveSQLite

/// SQL text with the values of its `?` parameters, in order.
struct SQLText: Sendable {
    var sql: String
    var arguments: [SQLiteValue]

    init(_ sql: String, _ arguments: [SQLiteValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    static let alwaysTrue = SQLText("1")
    /// The most parts ``joined(_:by:)`` puts in one parenthesis.
    private static let groupSize = 32
    static let alwaysFalse = SQLText("0")

    static func + (left: SQLText, right: SQLText) -> SQLText {
        SQLText(left.sql + right.sql, left.arguments + right.arguments)
    }

    static func += (left: inout SQLText, right: SQLText) { left = left + right }

    /// The parts joined by `separator`, each in parentheses when there is more than one.
    ///
    /// SQLite parses `a AND b AND c …` as a chain as deep as it is long, and refuses chains
    /// deeper than 1000; so long lists are joined in groups of groups, about log₃₂(n) deep.
    static func joined(_ parts: [SQLText], by separator: String) -> SQLText {
        guard parts.count > 1 else { return parts.first ?? .alwaysTrue }
        if parts.count > groupSize {
            let groups = stride(from: 0, to: parts.count, by: groupSize).map { joined(Array(parts[$0..<min($0 + groupSize, parts.count)]), by: separator) }
            return joined(groups, by: separator)
        }
        var result = SQLText("(")
        for (offset, part) in parts.enumerated() {
            if offset > 0 { result.sql += " \(separator) " }
            result += part
        }
        result.sql += ")"
        return result
    }

    /// `?, ?, ?` for the values.
    static func list(_ values: [SQLiteValue]) -> SQLText {
        SQLText(Array(repeating: "?", count: values.count).joined(separator: ", "), values)
    }
}
