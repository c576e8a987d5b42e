public import ArchiveCore
import ArchiveSchema
import NIOCore
import PostgresNIO

/// A PostgreSQL result row in SQLite's storage classes, as the provider's row reader expects:
/// integers (`bigint`, `integer`, `smallint`, `boolean` as 0/1, `numeric` without a fraction:
/// `sum(bigint)` is numeric), reals (`double precision`, `real`, other `numeric`), text
/// (timestamps as `YYYY-MM-DD HH:MM:SS`, dates as `YYYY-MM-DD`) and NULL.
public struct PostgresResultRow: ResultRow {
    let cells: [DatabaseValue]

    /// - Parameter format: The format of every cell, when not the one the row says.
    init(_ row: PostgresRow, format: PostgresFormat? = nil) throws {
        var cells: [DatabaseValue] = []
        cells.reserveCapacity(row.count)
        for var cell in row {
            if let format { cell.format = format }
            cells.append(try Self.value(of: cell))
        }
        self.cells = cells
    }

    public var count: Int { cells.count }

    public func int64(at index: Int) -> Int64 { optionalInt64(at: index) ?? 0 }

    public func optionalInt64(at index: Int) -> Int64? {
        switch cells[index] {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value.rounded(.towardZero))
        case .text(let text): Int64(text)
        case .null, .blob: nil
        }
    }

    public func optionalDouble(at index: Int) -> Double? { cells[index].doubleValue }

    public func string(at index: Int) -> String? {
        switch cells[index] {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    public func withUTF8<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        guard var text = string(at: index) else { return try body(nil) }
        return try text.withUTF8 { try body($0) }
    }

    public func value(at index: Int) -> DatabaseValue { cells[index] }

    /// Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let epochOffsetSeconds: Int64 = 946_684_800

    /// One cell's value. PostgresNIO asks for results in the binary format.
    static func value(of cell: PostgresCell) throws -> DatabaseValue {
        guard var bytes = cell.bytes else { return .null }
        guard cell.format == .binary else { return .text(bytes.readString(length: bytes.readableBytes) ?? "") }
        switch cell.dataType {
        case .int8: return .integer(try read(Int64.self, &bytes, cell))
        case .int4: return .integer(Int64(try read(Int32.self, &bytes, cell)))
        case .int2: return .integer(Int64(try read(Int16.self, &bytes, cell)))
        case .oid: return .integer(Int64(try read(UInt32.self, &bytes, cell)))
        case .bool: return .integer(Int64(try read(UInt8.self, &bytes, cell)))
        case .float8: return .real(Double(bitPattern: try read(UInt64.self, &bytes, cell)))
        case .float4: return .real(Double(Float(bitPattern: try read(UInt32.self, &bytes, cell))))
        case .numeric: return try numeric(&bytes, cell)
        case .timestamp, .timestamptz:
            // Microseconds since 2000-01-01 (UTC for timestamptz); the archive keeps whole seconds.
            let micros = try read(Int64.self, &bytes, cell)
            let seconds = StoredDateTime.floorDivide(micros, 1_000_000).quotient + epochOffsetSeconds
            return .text(StoredDateTime.format(seconds))
        case .date:
            let days = Int64(try read(Int32.self, &bytes, cell))
            return .text(StoredDateTime.formatDate((days * 86_400) + epochOffsetSeconds))
        case .bytea: return .blob(Array(bytes.readableBytesView))
        default: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
    }

    private static func read<I: FixedWidthInteger>(_ type: I.Type, _ bytes: inout ByteBuffer, _ cell: PostgresCell) throws -> I {
        guard bytes.readableBytes == MemoryLayout<I>.size, let value = bytes.readInteger(as: I.self) else {
            throw PostgresError("column \(cell.columnName) (\(cell.dataType)) has \(bytes.readableBytes) bytes, not \(MemoryLayout<I>.size)", sqlState: PostgresError.internalState)
        }
        return value
    }

    /// A binary `numeric`: digit count, weight (of the first base-10,000 digit), sign, display
    /// scale, then the digits. Written out in decimal and read back, so no precision is lost on
    /// the way to an integer or the nearest double.
    static func numeric(_ bytes: inout ByteBuffer, _ cell: PostgresCell) throws -> DatabaseValue {
        guard let count = bytes.readInteger(as: Int16.self), let weight = bytes.readInteger(as: Int16.self),
            let sign = bytes.readInteger(as: UInt16.self), let scale = bytes.readInteger(as: Int16.self), count >= 0,
            bytes.readableBytes == Int(count) * 2
        else { throw PostgresError("column \(cell.columnName) is not a well-formed numeric", sqlState: PostgresError.internalState) }
        if sign == 0xC000 { return .real(.nan) }
        var digits: [Int16] = []
        for _ in 0..<count { digits.append(bytes.readInteger(as: Int16.self) ?? 0) }
        // The integer part: the base-10,000 digits of weight 0 and above.
        var integer = ""
        if weight >= 0 {
            for position in 0...Int(weight) {
                let digit = position < digits.count ? Int(digits[position]) : 0
                integer += integer.isEmpty ? String(digit) : pad(digit)
            }
        }
        if integer.isEmpty { integer = "0" }
        var fraction = ""
        if scale > 0 {
            // Digits of negative weight, with the leading zero groups the weight implies.
            let leadingZeroGroups = max(0, -Int(weight) - 1)
            fraction = String(repeating: "0000", count: leadingZeroGroups)
            let firstFractional = max(0, Int(weight) + 1)
            if firstFractional < digits.count { for digit in digits[firstFractional...] { fraction += pad(Int(digit)) } }
            fraction = String(fraction.prefix(Int(scale)))
            if fraction.count < Int(scale) { fraction += String(repeating: "0", count: Int(scale) - fraction.count) }
        }
        let negative = sign == 0x4000
        if fraction.allSatisfy({ $0 == "0" }), let value = Int64((negative ? "-" : "") + integer) { return .integer(value) }
        return .real(Double((negative ? "-" : "") + integer + "." + (fraction.isEmpty ? "0" : fraction)) ?? .nan)
    }

    private static func pad(_ digit: Int) -> String {
        let text = String(digit)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
