import ArchiveCore
import NIOCore
import PostgresNIO

/// The type a statement's value is bound as: what an unnamed statement declares for it, and
/// what a prepared statement's text pins it to.
enum ParameterType: UInt8, Hashable, Sendable {
    /// A NULL: left for the server to infer from where it stands, as for an unnamed statement.
    case unspecified
    case bigint, double, text, bytea

    init(_ value: DatabaseValue) {
        switch value {
        case .null: self = .unspecified
        case .integer: self = .bigint
        case .real: self = .double
        case .text: self = .text
        case .blob: self = .bytea
        }
    }

    /// The SQL name of the type, nil for ``unspecified``.
    var sqlName: String? {
        switch self {
        case .unspecified: nil
        case .bigint: "bigint"
        case .double: "double precision"
        case .text: "text"
        case .bytea: "bytea"
        }
    }

    /// `value` in PostgreSQL's binary format, as PostgresNIO binds it for an unnamed statement.
    static func data(_ value: DatabaseValue) -> PostgresData {
        var buffer = ByteBuffer()
        switch value {
        case .null: return PostgresData(type: .null)
        case .integer(let integer):
            buffer.writeInteger(integer)
            return PostgresData(type: .int8, value: buffer)
        case .real(let real):
            buffer.writeInteger(real.bitPattern)
            return PostgresData(type: .float8, value: buffer)
        case .text(let text):
            buffer.writeString(text)
            return PostgresData(type: .text, value: buffer)
        case .blob(let bytes):
            buffer.writeBytes(bytes)
            return PostgresData(type: .bytea, value: buffer)
        }
    }

    /// `sql` with each placeholder `$n` cast to its value's type, `($n::bigint)`.
    ///
    /// PostgresNIO's named statements (`prepare(query:)`) declare no parameter types, so the
    /// server would infer them: `$3::timestamp` would make `$3` a timestamp where an unnamed
    /// statement binds text and casts it. A parameter of undeclared type cast explicitly takes
    /// the cast's type, so the cast pins each one to what an unnamed statement declares, and
    /// the statement means the same. Placeholders inside quotes and comments are left alone.
    static func pinning(_ sql: String, to types: [ParameterType]) -> String {
        let bytes = Array(sql.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + types.count * 12)
        var scanner = SQLScanner(bytes)
        while let token = scanner.next() {
            if case .placeholder(let number) = token.kind, types.indices.contains(number - 1),
                let name = types[number - 1].sqlName
            {
                result += Array("($\(number)::\(name))".utf8)
            } else {
                result += bytes[token.range]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Splits SQL text into placeholders (`$1`) and everything else, skipping quoted strings,
/// quoted identifiers, dollar-quoted strings and comments, where a `$1` is no placeholder.
struct SQLScanner {
    struct Token {
        enum Kind: Equatable { case placeholder(Int), other }
        let kind: Kind
        let range: Range<Int>
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token? {
        guard position < bytes.count else { return nil }
        let start = position
        if let number = placeholder() { return Token(kind: .placeholder(number), range: start..<position) }
        skipOne()
        // Everything up to the next `$` is one token.
        while position < bytes.count, bytes[position] != UInt8(ascii: "$") { skipOne() }
        return Token(kind: .other, range: start..<position)
    }

    /// A `$n` at the position (not inside an identifier such as `a$1`), read past.
    private mutating func placeholder() -> Int? {
        guard bytes[position] == UInt8(ascii: "$"), position == 0 || !Self.isIdentifier(bytes[position - 1]) else { return nil }
        var end = position + 1
        var number = 0
        while end < bytes.count, let digit = Self.digit(bytes[end]) {
            number = number * 10 + digit
            end += 1
        }
        guard end > position + 1 else { return nil }
        position = end
        return number
    }

    /// Reads past one character, or a whole quoted string, identifier or comment.
    private mutating func skipOne() {
        let byte = bytes[position]
        let following = position + 1 < bytes.count ? bytes[position + 1] : 0
        switch byte {
        case UInt8(ascii: "'"):
            let escapes = position > 0 && (bytes[position - 1] | 0x20) == UInt8(ascii: "e")
                && (position < 2 || !Self.isIdentifier(bytes[position - 2]))
            skipQuoted(UInt8(ascii: "'"), backslashEscapes: escapes)
        case UInt8(ascii: "\""): skipQuoted(UInt8(ascii: "\""), backslashEscapes: false)
        case UInt8(ascii: "-") where following == UInt8(ascii: "-"):
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        case UInt8(ascii: "/") where following == UInt8(ascii: "*"): skipBlockComment()
        case UInt8(ascii: "$") where position == 0 || !Self.isIdentifier(bytes[position - 1]): skipDollarQuoted()
        default: position += 1
        }
    }

    /// `'…'` or `"…"`, a doubled quote standing for itself.
    private mutating func skipQuoted(_ quote: UInt8, backslashEscapes: Bool) {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                position += 1
            } else if byte == quote {
                guard position < bytes.count, bytes[position] == quote else { return }
                position += 1
            }
        }
    }

    /// `/* … */`, nested as PostgreSQL nests them.
    private mutating func skipBlockComment() {
        var depth = 0
        repeat {
            if bytes[position] == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if bytes[position] == UInt8(ascii: "*"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                depth -= 1
                position += 2
            } else {
                position += 1
            }
        } while depth > 0 && position < bytes.count
    }

    /// `$tag$ … $tag$` (the tag may be empty); a lone `$` is read as itself.
    private mutating func skipDollarQuoted() {
        var end = position + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "$"), Self.isIdentifier(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else {
            position += 1
            return
        }
        let tag = bytes[position...end]
        position = end + 1
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "$"), bytes[position...].starts(with: tag) {
                position += tag.count
                return
            }
            position += 1
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// A byte that may continue an identifier (letters, digits, `_`, `$`, and any byte of a
    /// non-ASCII character).
    private static func isIdentifier(_ byte: UInt8) -> Bool {
        byte >= 0x80 || digit(byte) != nil || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }
}
