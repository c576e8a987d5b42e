import ArchiveJSON
import Foundation

/// A value of an imported record, as the file has it.
public enum ImportValue: Sendable, Hashable {
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

extension ImportValue {
    /// Feeds the value to a fingerprint: text as its UTF-8 bytes, without the Unicode
    /// normalization of `hash(into:)`. Equal values feed equal bytes, except text that is equal
    /// only once normalized (`é` written as one code point, then as two): those fingerprints
    /// differ, and a line repeating such a group writes it again, with the later spelling.
    func fingerprint(into fingerprint: inout ImportFingerprint) {
        switch self {
        case .null: fingerprint.combine(0)
        case .bool(let flag): fingerprint.combine(flag ? 2 : 1)
        case .integer(let number): fingerprint.combine(3); fingerprint.combine(UInt64(bitPattern: number))
        case .decimal(let number): fingerprint.combine(4); fingerprint.combine(number.bitPattern)
        case .text(var text):
            fingerprint.combine(5)
            text.withUTF8 { fingerprint.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .ids(let ids):
            fingerprint.combine(6)
            fingerprint.combine(UInt64(ids.count))
            for id in ids { fingerprint.combine(UInt64(bitPattern: id)) }
        }
    }
}

/// One line (or element) of an import file: its column paths and values, or why it cannot be read.
public struct ImportRecord: Sendable {
    /// The 1-based line (NDJSON, CSV) or element (JSON array) number.
    public let line: Int
    /// The line's values in the order written, each under its key's number in ``ImportKeys``.
    public let fields: Result<[ImportField], ImportLineError>
}

/// A value of a record under its key (``ImportKeys/spelling(of:)`` gives the key's text).
public struct ImportField: Sendable {
    /// The key's number in the file's ``ImportKeys``.
    public let key: Int
    /// The value as the file has it.
    public let value: ImportValue
}

/// The keys of an import file, each numbered once: lines of an export repeat the same keys in
/// the same order, so a key is recognized by comparing its bytes with the key at the same place
/// on the line before, and looked up by its text only when that differs.
public struct ImportKeys: Sendable {
    private var spellings: [String] = []
    private var bytes: [[UInt8]] = []
    private var numbers: [String: Int] = [:]
    /// The keys of the previous line, by position.
    private var previousLine: [Int] = []

    /// How many keys the file has shown so far.
    public var count: Int { spellings.count }

    /// The text of key `number`.
    public func spelling(of number: Int) -> String { spellings[number] }

    mutating func number(of spelling: String) -> Int {
        if let known = numbers[spelling] { return known }
        numbers[spelling] = spellings.count
        spellings.append(spelling)
        bytes.append(Array(spelling.utf8))
        return spellings.count - 1
    }

    /// The number of the key written with `keyBytes` as a line's `position`-th member.
    mutating func number(at position: Int, _ keyBytes: UnsafeBufferPointer<UInt8>) -> Int {
        if position < previousLine.count {
            let candidate = previousLine[position]
            let known = bytes[candidate]
            if known.count == keyBytes.count, known.isEmpty || known.withUnsafeBufferPointer({ memcmp($0.baseAddress!, keyBytes.baseAddress!, known.count) == 0 }) {
                return candidate
            }
        }
        let number = number(of: String(decoding: keyBytes, as: UTF8.self))
        if position < previousLine.count { previousLine[position] = number } else { previousLine.append(number) }
        return number
    }
}

/// Why a line cannot be imported.
public struct ImportLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// True when the file itself failed (it could not be read on): the import stops, even one
    /// that leaves bad lines out.
    public let stopsTheImport: Bool
    public init(_ message: String, stopsTheImport: Bool = false) {
        self.message = message
        self.stopsTheImport = stopsTheImport
    }
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
    private var header: [Int]?
    /// The keys seen so far, numbered.
    public private(set) var keys = ImportKeys()
    private var jsonElements: IndexingIterator<[JSONValue]>?
    private var elementNumber = 0
    private var reportedReadFailure = false
    /// Bytes read so far, for progress.
    public var bytesRead: Int { lines.bytesRead }

    public init(path: String, format: ImportFormat) throws {
        self.format = format
        lines = try LineReader(path: path)
        if format == .json {
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard case .array(let elements)? = JSONValue.parse(bytes) else {
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
            return ImportRecord(line: elementNumber, fields: fields(of: element))
        case .ndjson:
            // The keys move out while the reader lends its buffer, and back (no copy).
            var keys = self.keys
            self.keys = ImportKeys()
            defer { self.keys = keys }
            while let record = lines.nextLine({ number, line in Self.ndjsonRecord(number, line, keys: &keys) }) {
                if let record { return record }
            }
            return readFailure()
        case .csv:
            while let (number, row) = nextCSVRow() {
                let fields: [String]
                switch row {
                case .success(let read): fields = read
                case .failure(let problem):
                    // Without its header, no row of the file can be read.
                    let failure = header == nil ? ImportLineError("the header: \(problem.message)", stopsTheImport: true) : problem
                    return ImportRecord(line: number, fields: .failure(failure))
                }
                if fields == [""] { continue }
                guard let header else {
                    self.header = fields.map { keys.number(of: $0.trimmingCharacters(in: .whitespaces)) }
                    continue
                }
                guard fields.count == header.count else {
                    return ImportRecord(line: number, fields: .failure(ImportLineError("\(fields.count) fields, but the header has \(header.count)")))
                }
                let values = zip(header, fields).map { ImportField(key: $0, value: $1.isEmpty ? .null : .text($1)) }
                return ImportRecord(line: number, fields: .success(values))
            }
            return readFailure()
        }
    }

    /// Where the file could not be read to its end: a record that fails with why, once; nil at
    /// its real end.
    private mutating func readFailure() -> ImportRecord? {
        guard let failure = lines.failure, !reportedReadFailure else { return nil }
        reportedReadFailure = true
        return ImportRecord(line: lines.lineCount + 1, fields: .failure(ImportLineError(failure, stopsTheImport: true)))
    }

    /// A line's record; nil for a blank line.
    private static func ndjsonRecord(_ number: Int, _ line: UnsafeBufferPointer<UInt8>, keys: inout ImportKeys) -> ImportRecord? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        var fields: [ImportField] = []
        fields.reserveCapacity(keys.count)
        var problem: ImportLineError?
        let isObject = JSONValue.forEachMember(ofObject: line) { keyBytes, member in
            guard problem == nil else { return }
            let key = keys.number(at: fields.count, keyBytes)
            guard let value = ImportValue(json: member) else {
                problem = ImportLineError("\(keys.spelling(of: key)) holds an array or object, not a value")
                return
            }
            fields.append(ImportField(key: key, value: value))
        }
        guard isObject else { return ImportRecord(line: number, fields: .failure(ImportLineError(whyNotAnObject(line)))) }
        if let problem { return ImportRecord(line: number, fields: .failure(problem)) }
        return ImportRecord(line: number, fields: .success(fields))
    }

    /// Why a line is not one JSON object: its bytes are not UTF-8, it is not JSON (cut off, say),
    /// or it is another JSON value.
    private static func whyNotAnObject(_ line: UnsafeBufferPointer<UInt8>) -> String {
        guard String(validating: line, as: UTF8.self) != nil else { return "the line is not UTF-8 text (save the file as UTF-8)" }
        guard JSONValue.parse(line) != nil else { return "the line is not valid JSON (cut off, or written wrongly)" }
        return "not a JSON object"
    }

    private mutating func fields(of value: JSONValue) -> Result<[ImportField], ImportLineError> {
        guard case .object(let members) = value else { return .failure(ImportLineError("not a JSON object")) }
        var fields: [ImportField] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            guard let imported = ImportValue(json: member) else { return .failure(ImportLineError("\(key) holds an array or object, not a value")) }
            fields.append(ImportField(key: keys.number(of: key), value: imported))
        }
        return .success(fields)
    }

    /// The next CSV row and the line it starts on, or why it cannot be read: a line that is not
    /// UTF-8, or a quoted field still open at the end of the file. A quoted field may span
    /// lines, and keeps their line breaks as the file has them.
    private mutating func nextCSVRow() -> (Int, Result<[String], ImportLineError>)? {
        guard let (start, first) = lines.next() else { return nil }
        var fields: [String] = []
        var field = ""
        var quoted = false
        var text = first
        while true {
            guard let characters = text?.unicodeScalars else {
                let which = lines.lineCount == start ? "the line" : "line \(lines.lineCount), inside a quoted field,"
                return (start, .failure(ImportLineError("\(which) is not UTF-8 text (save the file as UTF-8)")))
            }
            var index = characters.startIndex
            while index < characters.endIndex {
                let character = characters[index]
                index = characters.index(after: index)
                if quoted {
                    if character != "\"" {
                        field.unicodeScalars.append(character)
                    } else if index < characters.endIndex, characters[index] == "\"" {
                        field.append("\"")
                        index = characters.index(after: index)
                    } else {
                        quoted = false
                    }
                } else if character == "\"" && field.isEmpty {
                    quoted = true
                } else if character == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.unicodeScalars.append(character)
                }
            }
            guard quoted else {
                fields.append(field)
                return (start, .success(fields))
            }
            // The quoted field goes on on the next line.
            let lineBreak = lines.lastLineBreak
            guard let (_, more) = lines.next() else {
                // Cut off by a read failure: not a row (the failure is reported instead).
                if lines.failure != nil { return nil }
                return (start, .failure(ImportLineError("a quoted field opened on line \(start) is not closed by the end of the file")))
            }
            field += lineBreak
            text = more
        }
    }
}
