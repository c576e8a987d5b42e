import ArchiveCore
import ArchiveEngines
import ArchiveStore
import ArchiveTestSupport
import Foundation
import Testing

/// Reading an import file: a file that cannot be read to its end stops the import with why.
@Suite("Import records")
struct ImportRecordsTests {
    @Test func aFileThatCannotBeReadFailsItsFirstRecordAndStopsTheImport() throws {
        let directory = try TemporaryDirectory()
        // A directory opens for reading, but read(2) fails on it (EISDIR).
        let unreadable = directory.file("lines.ndjson")
        try FileManager.default.createDirectory(atPath: unreadable, withIntermediateDirectories: false)
        var records = try ImportRecords(path: unreadable, format: .ndjson)
        let next = records.next()
        let first = try #require(next)
        guard case .failure(let error) = first.fields else {
            Issue.record("a record was read from a directory")
            return
        }
        #expect(error.stopsTheImport && error.message.contains("cannot read the file"))
        let after = records.next()
        #expect(after == nil)

        // Even an import that leaves bad lines out stops at it.
        let archive = try ArchiveLocation(directory.file("archive.sqlite"))
        _ = try Archives.migrate(archive, backup: false)
        try Archives.withDatabase(archive, .write) { database in
            let importer = try ArchiveImporter(
                database: database, catalog: ChatSessionCatalog.catalog, zone: TimeZone(identifier: "UTC")!, now: 1_763_632_800)
            #expect(throws: ArchiveImporter.ImportFailure.self) {
                _ = try importer.run(try ImportRecords(path: unreadable, format: .ndjson), skipBad: true)
            }
        }
    }

    /// The records of `bytes` written to a file of `format`: each line's number and its
    /// fields (key and value as text), or its problem.
    static func read(_ bytes: [UInt8], as format: ImportFormat) throws -> [(line: Int, result: Result<[String: String], ImportLineError>)] {
        let directory = try TemporaryDirectory()
        let path = directory.file("lines.\(format.rawValue)")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var records = try ImportRecords(path: path, format: format)
        var read: [(line: Int, result: Result<[String: String], ImportLineError>)] = []
        while let record = records.next() {
            let keys = records.keys
            read.append((record.line, record.fields.map { fields in
                Dictionary(fields.map { field in
                    let text: String = switch field.value {
                    case .text(let text): text
                    case .integer(let number): String(number)
                    default: "\(field.value)"
                    }
                    return (keys.spelling(of: field.key), text)
                }, uniquingKeysWith: { $1 })
            }))
        }
        return read
    }

    @Test func aQuotedCSVFieldKeepsTheLineBreaksOfTheFile() throws {
        let records = try Self.read(Array("chatSessionId,firstMessage\r\n1,\"a\r\nb\nc\"\r\n2,d\r\n".utf8), as: .csv)
        #expect(records.map(\.line) == [2, 5])
        #expect(try records[0].result.get() == ["chatSessionId": "1", "firstMessage": "a\r\nb\nc"])
        #expect(try records[1].result.get() == ["chatSessionId": "2", "firstMessage": "d"])
    }

    @Test func aQuotedCSVFieldOpenAtTheEndOfTheFileIsTheRowsProblemNotItsValue() throws {
        let records = try Self.read(Array("chatSessionId,firstMessage\n1,ok\n7,\"open\n2,x\n3,y\n".utf8), as: .csv)
        #expect(records.count == 2)
        #expect(try records[0].result.get() == ["chatSessionId": "1", "firstMessage": "ok"])
        guard case .failure(let problem) = records[1].result else {
            Issue.record("the rest of the file was read as one value: \(records[1].result)")
            return
        }
        #expect(records[1].line == 3 && problem.message == "a quoted field opened on line 3 is not closed by the end of the file")
    }

    @Test func aLineThatIsNotUTF8IsRefusedInEveryFormatNotRepaired() throws {
        let csv = try Self.read(Array("chatSessionId,text\n1,Bj".utf8) + [0xF8] + Array("rn\n2,ok\n".utf8), as: .csv)
        #expect(csv.count == 2)
        if case .failure(let problem) = csv[0].result { #expect(problem.message.hasPrefix("the line is not UTF-8 text")) } else { Issue.record("\(csv[0])") }
        #expect(try csv[1].result.get()["text"] == "ok")
        let ndjson = try Self.read(Array(#"{"chatSessionId": 1, "text": "Bj"#.utf8) + [0xF8] + Array("rn\"}\n".utf8), as: .ndjson)
        if case .failure(let problem) = ndjson[0].result { #expect(problem.message.hasPrefix("the line is not UTF-8 text")) } else { Issue.record("\(ndjson[0])") }
    }

    @Test func aCutOffNDJSONLineIsSaidToBeNotJSON() throws {
        let records = try Self.read(Array((#"{"chatSessionId": 9999, "rating": "# + "\n[1]\n").utf8), as: .ndjson)
        let messages = records.map { record -> String in
            if case .failure(let problem) = record.result { return problem.message }
            return "read"
        }
        #expect(messages == ["the line is not valid JSON (cut off, or written wrongly)", "not a JSON object"])
    }

    @Test(arguments: [ImportFormat.csv, .ndjson, .json])
    func aByteOrderMarkAtTheStartIsNotPartOfTheFirstKey(format: ImportFormat) throws {
        let text = switch format {
        case .csv: "chatSessionId,rating\n4,5\n"
        case .ndjson: #"{"chatSessionId": 4, "rating": 5}"# + "\n"
        case .json: #"[{"chatSessionId": 4, "rating": 5}]"#
        }
        let records = try Self.read([0xEF, 0xBB, 0xBF] + Array(text.utf8), as: format)
        #expect(records.count == 1)
        #expect(try records.first?.result.get() == ["chatSessionId": "4", "rating": "5"])
    }

    @Test func aChatIdBelowOneIsRefused() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("zero.ndjson")
        try (#"{"chatSessionId": 0, "chatTopic/name": "Support", "whenRequested": "2026-01-01T10:00:00", "status": "Closed"}"# + "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let archive = try ArchiveLocation(directory.file("archive.sqlite"))
        _ = try Archives.migrate(archive, backup: false)
        try Archives.withDatabase(archive, .write) { database in
            let importer = try ArchiveImporter(
                database: database, catalog: ChatSessionCatalog.catalog, zone: TimeZone(identifier: "UTC")!, now: 1_763_632_800)
            let report = try importer.run(try ImportRecords(path: file, format: .ndjson), skipBad: true)
            #expect(report.lines == 0 && report.skipped.map(\.message) == ["chatSessionId must be 1 or more, not 0"])
        }
    }
}
