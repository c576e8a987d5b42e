import ArchiveJSON
import Foundation

/// A value of an imported record, as the file has it.
public enum ImportValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(Double)
    /// Text (every CSV value is text until its column's type reads it).
    case text(String)
    /// Ids (a person's interests: `[1, 4]`).
    case ids([Int64])

    /// A JSON value as an import value; nil for objects and for arrays of anything but whole
    /// numbers, which no column holds.
    init?(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            self = number == number.rounded() && abs(number) < 9e15 ? .integer(Int64(number)) : .decimal(number)
        case .string(let text): self = .text(text)
        case .array(let elements):
            var ids: [Int64] = []
            for element in elements {
                guard case .number(let number) = element, number == number.rounded(), abs(number) < 9e15 else { return nil }
                ids.append(Int64(number))
            }
            self = .ids(ids)
        case .object: return nil
        }
    }
}

/// One line (or element) of an import file: its column paths and values, or why it cannot be read.
public struct ImportRecord: Sendable {
    /// The 1-based line (NDJSON, CSV) or element (JSON array) number.
    public let line: Int
    public let values: Result<[String: ImportValue], ImportLineError>
}

/// Why a line cannot be imported.
public struct ImportLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The formats `archive import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`archive query --format ndjson`).
    case ndjson
    /// A JSON array of objects (`archive query --format json`).
    case json
    /// A header of column paths, then one row per line (RFC 4180; an empty field is empty).
    case csv

    /// The format a file's extension names (`.ndjson`, `.jsonl`, `.json`, `.csv`).
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "ndjson", "jsonl": self = .ndjson
        case "json": self = .json
        case "csv": self = .csv
        default: return nil
        }
    }
}

/// Reads an import file record by record, in constant memory for NDJSON and CSV (a JSON array is
/// read whole: use NDJSON for large files).
public struct ImportRecords: Sequence, IteratorProtocol {
    private let format: ImportFormat
    private var lines: LineReader
    private var header: [String]?
    private var jsonElements: IndexingIterator<[JSONValue]>?
    private var elementNumber = 0
    /// Bytes read so far, for progress.
    public var bytesRead: Int { lines.bytesRead }

    public init(path: String, format: ImportFormat) throws {
        self.format = format
        lines = try LineReader(path: path)
        if format == .json {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard case .array(let elements)? = JSONValue.parse(Array(data)) else {
                throw ImportLineError("\(path) is not a JSON array of objects (for one object per line, use .ndjson)")
            }
            jsonElements = elements.makeIterator()
            lines.skipToEnd()
        }
    }

    public mutating func next() -> ImportRecord? {
        switch format {
        case .json:
            guard let element = jsonElements?.next() else { return nil }
            elementNumber += 1
            return ImportRecord(line: elementNumber, values: Self.object(element))
        case .ndjson:
            while let (number, next) = lines.next() {
                var line = next
                if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                guard let value = line.withUTF8({ JSONValue.parse($0) }) else {
                    return ImportRecord(line: number, values: .failure(ImportLineError("not a JSON object")))
                }
                return ImportRecord(line: number, values: Self.object(value))
            }
            return nil
        case .csv:
            while let (number, fields) = nextCSVRow() {
                if fields == [""] { continue }
                guard let header else {
                    self.header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    continue
                }
                guard fields.count == header.count else {
                    return ImportRecord(line: number, values: .failure(ImportLineError("\(fields.count) fields, but the header has \(header.count)")))
                }
                var values: [String: ImportValue] = [:]
                for (name, field) in zip(header, fields) { values[name] = field.isEmpty ? .null : .text(field) }
                return ImportRecord(line: number, values: .success(values))
            }
            return nil
        }
    }

    private static func object(_ value: JSONValue) -> Result<[String: ImportValue], ImportLineError> {
        guard case .object(let members) = value else { return .failure(ImportLineError("not a JSON object")) }
        var values: [String: ImportValue] = [:]
        for (key, member) in members {
            guard let imported = ImportValue(json: member) else { return .failure(ImportLineError("\(key) holds an array or object, not a value")) }
            values[key] = imported
        }
        return .success(values)
    }

    /// The next CSV row and the line it starts on; a quoted field may span lines.
    private mutating func nextCSVRow() -> (Int, [String])? {
        guard let (start, first) = lines.next() else { return nil }
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(first)
        var index = 0
        while true {
            if index == characters.count {
                if quoted {
                    // The quoted field goes on on the next line.
                    guard let (_, more) = lines.next() else { fields.append(field); return (start, fields) }
                    field.append("\n")
                    characters = Array(more)
                    index = 0
                    continue
                }
                fields.append(field)
                return (start, fields)
            }
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index += 1
        }
    }
}

/// Reads a file line by line (`\n` or `\r\n`), counting lines and bytes.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lineNumber = 0
    private(set) var bytesRead = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportLineError("cannot read \(path)") }
        self.handle = handle
    }

    mutating func skipToEnd() { atEnd = true; buffer = []; position = 0 }

    mutating func next() -> (Int, String)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                bytesRead += newline + 1 - position
                position = newline + 1
                lineNumber += 1
                return (lineNumber, line)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = String(decoding: buffer[position...], as: UTF8.self)
                bytesRead += buffer.count - position
                position = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer += chunk }
        }
    }
}
