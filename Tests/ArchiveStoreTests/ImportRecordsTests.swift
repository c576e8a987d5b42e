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
}
