public import ArchiveCore
public import Foundation

/// Imports chat sessions, with their topics, agents, persons and companies, from records whose
/// keys are the provider's column paths (what `archive query` exports).
///
/// Rows are matched so that importing a file twice changes nothing: chats by `chatSessionId`
/// (required), persons, companies and topics by their ids (`personId`, `contactId`,
/// `chatTopic/chatTopicId`) or, without one, by name (a topic's name, a company's name, a
/// person's e-mail or first and last name); agents by their short name (`associateId`); list
/// items by their name in any language (or their id), created when the archive has none. A row is
/// written only with the columns the file has, and only when they change.
///
/// Lines are written in batches, one transaction each (into an archive without chats, one
/// transaction for all, see ``run(_:skipBad:progress:)``). A line that cannot be imported is
/// reported with its number; with `skipBad` it is left out (its batch goes on), otherwise the
/// import stops and nothing of that batch is written.
public final class ArchiveImporter {
    /// What an import did.
    public struct Report: Sendable, Equatable {
        /// Lines imported (skipped ones not counted).
        public var lines = 0
        /// The lines left out (with `skipBad`), and why.
        public var skipped: [ImportFailure] = []
        /// Rows created, changed and left as they were, by table.
        public var created: [String: Int] = [:]
        public var changed: [String: Int] = [:]
        public var unchanged: [String: Int] = [:]
        /// Columns of the file that the import does not write (derived, such as full names).
        public var ignoredColumns: [String] = []
        /// References to rows neither the archive nor the file has, left empty: by `table.column`.
        public var emptiedReferences: [String: Int] = [:]
    }

    /// A line that could not be imported.
    public struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line's number in the file (1-based).
        public let line: Int
        /// What is wrong with it.
        public let message: String
        /// True when the import was one transaction (a bulk load): nothing of it was written.
        public var undidTheWholeImport = false
        public var description: String { "line \(line): \(message)" }
    }

    let database: any ArchiveDatabase
    private let mapping: ImportMapping
    private let converter: ImportValueConverter
    private let batchSize: Int
    /// Whether the change feed records the chats the import creates and changes (in batches,
    /// as they commit); off only to restore a backup that no one is to be told of.
    private let writer: WriteContext
    var layout: ImportLayout
    /// What each key of the file writes, and the catalog's name of its column, by the key's
    /// number in the file's ``ImportKeys``.
    private var targets: [ImportLayout.KeyTarget?] = []
    private(set) var keyNames: [String] = []
    private let groups: [String: Int]
    var line = ImportLine()
    let rows: ImportRowWriter
    let ownerRows: OwnerRowIndex
    let names: ImportNames
    /// By owner, by id: what the owner's group said on the line that last wrote it. A line that
    /// repeats it (a person's next chat) writes nothing of it. (A 64-bit hash: two different
    /// groups of one owner would have to collide.)
    var writtenGroups: [[Int64: WrittenGroup]] = Array(repeating: [:], count: ImportLayout.Owner.allCases.count)
    /// By owner: how many lines repeated a group, by the parts they gave (``givenParts(of:)``),
    /// since the rows were last counted.
    var repeatedGroups: [[UInt64: Int]] = Array(repeating: [:], count: ImportLayout.Owner.allCases.count)

    struct WrittenGroup {
        let fingerprint: Int
        /// Which of the group's relations and links the line gave (bits in the layout's order), to
        /// count them unchanged when a line repeats it.
        let given: UInt64
        /// Rows its references named that the archive did not have (table, id).
        let missing: [(String, Int64)]
    }
    private var ignored: Set<String> = []
    private var report = Report()

    /// - Parameters:
    ///   - zone: the time zone of datetimes in the file (as exported with `--time-zone`).
    ///   - now: the time of the import, for the registered dates of new rows.
    ///   - recordsChanges: false leaves the imported chats out of the change feed (no webhook
    ///     events, no delta-link entries): for restoring a backup.
    public init(
        database: any ArchiveDatabase, catalog: ProviderCatalog, zone: TimeZone, now: Int64, batchSize: Int = 5_000,
        recordsChanges: Bool = true
    ) throws {
        self.database = database
        self.writer = WriteContext(changedBy: nil, recordsChanges: recordsChanges)
        let mapping = try ImportMapping(catalog: catalog, database: database)
        self.mapping = mapping
        self.layout = ImportLayout(mapping: mapping)
        self.groups = ImportLayout.groups(of: mapping)
        self.converter = ImportValueConverter(clock: ZonedClock(zone: zone))
        self.batchSize = max(1, batchSize)
        rows = ImportRowWriter(database: database) { mapping.storedType(table: $0, column: $1) }
        ownerRows = OwnerRowIndex(database: database)
        names = ImportNames(database: database, rows: rows, now: now)
    }

    /// How far an import has come.
    public enum Progress: Sendable, Equatable {
        /// Lines imported, and bytes of the file read.
        case lines(Int, bytes: Int)
        /// Indexes built again after a bulk load (of `total`).
        case indexes(built: Int, total: Int)
    }

    /// Imports every record, then refreshes the planner's statistics.
    ///
    /// Into an archive with chats, lines are written in batches, one transaction each. Into an
    /// archive without chats (a new one), the import is one transaction: the indexes that only
    /// speed reads are dropped first and each built once at the end (keeping them up to date
    /// row by row costs several times more), the engine may set the chat table's per-row
    /// triggers aside and do their work for every chat at the end
    /// (``ArchiveDatabase/loadingChatsInBulk(_:)``), and a failure leaves the archive as it was.
    ///
    /// - Parameters:
    ///   - records: read on a thread of the import's own, ahead of the writes (a copy shares the
    ///     file: read it no further).
    ///   - progress: called after each batch, and as indexes are built.
    /// - Throws: the first ``ImportFailure`` when `skipBad` is false (the lines before its batch
    ///   stay imported, except in a bulk load, and the report says how many); the database's
    ///   ``DatabaseFailure`` when it fails.
    public func run(_ records: ImportRecords, skipBad: Bool, progress: (Progress) -> Void = { _ in }) throws -> Report {
        do {
            if try isWithoutChats() {
                try Self.undoingTheWholeImport { try bulkLoad(records, skipBad: skipBad, progress: progress) }
            } else {
                try importBatches(records, skipBad: skipBad, inTransactions: true, progress: progress)
            }
        } catch {
            // The failed batch was rolled back: what it looked up or wrote is not there.
            forgetLookUps()
            finishReport()
            throw error
        }
        finishReport()
        report.lines -= report.skipped.count
        try database.refreshStatistics()
        return report
    }

    /// Imports into an archive without chats in one transaction, building the secondary indexes
    /// once at the end.
    private func bulkLoad(_ records: ImportRecords, skipBad: Bool, progress: (Progress) -> Void) throws {
        try database.inTransaction(writingFor: writer) {
            let dropped = try database.secondaryIndexes()
            try database.drop(dropped)
            // A line without ids is matched by name: its table gets its indexes back first (and
            // again at the end, should a skipped line's rollback have undone them).
            var searched: Set<String> = []
            names.willSearch = { [database] table in
                guard searched.insert(table).inserted else { return }
                for index in dropped where index.table == table { try database.create(index) }
            }
            defer { names.willSearch = { _ in } }
            try database.loadingChatsInBulk {
                try importBatches(records, skipBad: skipBad, inTransactions: false, progress: progress)
            }
            for (built, index) in dropped.enumerated() {
                progress(.indexes(built: built, total: dropped.count))
                try database.create(index)
            }
            progress(.indexes(built: dropped.count, total: dropped.count))
            try rows.advanceIdentities()
        }
    }

    /// Runs a bulk load, marking a line's failure as having undone all of it (a database's
    /// failure undoes it all too).
    private static func undoingTheWholeImport(_ load: () throws -> Void) throws {
        do { try load() } catch var failure as ImportFailure {
            failure.undidTheWholeImport = true
            throw failure
        }
    }

    /// Whether the archive has no chat yet (a bulk load).
    private func isWithoutChats() throws -> Bool {
        try database.fetchOne("SELECT 1 FROM chat_session LIMIT 1") == nil
    }

    /// Imports the records batch by batch (each in a transaction of its own, or in the caller's),
    /// as a second thread reads them ahead.
    private func importBatches(_ records: ImportRecords, skipBad: Bool, inTransactions: Bool, progress: (Progress) -> Void) throws {
        let pipe = RecordPipe(records, groups: groups, groupCount: ImportLayout.groupCount)
        defer { pipe.cancel() }
        var batch: [ArrangedRecord] = []
        var keys = ImportKeys()
        var bytesRead = 0
        func flush() throws {
            resolveNewKeys(keys)
            if inTransactions {
                try database.inTransaction(writingFor: writer) {
                    try importLines(batch, skipBad: skipBad)
                    // Committed with the batch: a create after the import gets an id of its own.
                    try rows.advanceIdentities()
                }
            } else {
                try importLines(batch, skipBad: skipBad)
            }
            report.lines += batch.count
            pipe.discard(batch)
            batch = []
            // Not more: a batch size may be far larger than the file.
            batch.reserveCapacity(min(batchSize, 10_000))
            progress(.lines(report.lines - report.skipped.count, bytes: bytesRead))
        }
        while let chunk = pipe.next() {
            (keys, bytesRead) = (chunk.keys, chunk.bytesRead)
            for record in chunk.records {
                batch.append(record)
                if batch.count == batchSize { try flush() }
            }
        }
        if !batch.isEmpty { try flush() }
    }

    /// Finds what each key the file has shown so far writes (derived columns are noted then).
    private func resolveNewKeys(_ keys: ImportKeys) {
        for number in targets.count..<keys.count { _ = target(of: number, keys: keys) }
    }

    /// The lines of a batch, inside its transaction.
    private func importLines(_ batch: [ArrangedRecord], skipBad: Bool) throws {
        for arranged in batch {
            do {
                let fields = try arranged.record.fields.get()
                // A line that may fail alone gets a savepoint, so that its rows go with it.
                if skipBad {
                    try database.inTransaction { try importRecord(fields, arranged) }
                } else {
                    try importRecord(fields, arranged)
                }
            } catch let error as ImportLineError {
                let failure = ImportFailure(line: arranged.record.line, message: error.message)
                guard skipBad, !error.stopsTheImport else { throw failure }
                report.skipped.append(failure)
                // The line's rows were rolled back: forget what it looked up or wrote.
                forgetLookUps()
            }
        }
    }

    private func forgetLookUps() {
        rows.forget()
        ownerRows.forget()
        names.forget()
        for owner in writtenGroups.indices { writtenGroups[owner].removeAll() }
    }

    private func finishReport() {
        countRepeatedRows()
        report.created = rows.created
        report.changed = rows.changed
        report.unchanged = rows.unchanged
        report.emptiedReferences = rows.emptiedReferences
        report.ignoredColumns = ignored.sorted()
    }

    /// Gives an archive without user-defined fields the reference's demo definitions (those
    /// `archive seed` writes), so that an export of a seeded archive imports whole: a file names
    /// its fields (`person/personUdef/SuperOffice:3`) but cannot say how they are defined.
    public static func defineStandardFieldsIfNone(_ database: any ArchiveDatabase) throws {
        guard try UserDefinedField.load(from: database).isEmpty else { return }
        try database.inTransaction {
            for field in UserDefinedField.standard {
                try database.perform("""
                    INSERT INTO udef_field (owner, prog_id, label, field_type, position, value_column, list_id)
                    VALUES (\(field.owner.rawValue), \(field.progID), \(field.label), \(field.kind.rawValue), \(Int64(field.position)), \(field.valueColumn), \(field.listID.map { DatabaseValue.integer($0) } ?? .null))
                    """)
            }
        }
    }

    // MARK: - One record

    private func importRecord(_ fields: [ImportField], _ arranged: ArrangedRecord) throws {
        line.reset(to: layout, fields: fields)
        place(0, of: arranged, fields)
        let chat = ImportLayout.chat
        try convert(chat)
        let idSlot = ImportLayout.idSlot
        guard let chatID = line[chat, idSlot]?.integerValue else {
            throw ImportLineError("chatSessionId is missing: chats are matched by it, so that an import can be repeated")
        }
        // 0 is the grand-total row's key, which no chat may have.
        guard chatID > 0 else { throw ImportLineError("chatSessionId must be 1 or more, not \(chatID)") }
        // The rows the chat points at, with theirs, then the chat.
        for owner in ImportLayout.Owner.allCases {
            let group = 1 + owner.rawValue
            try writeGroup(of: owner, fingerprint: arranged.fingerprints[group]) { place(group, of: arranged, fields) }
        }
        let (columns, values) = givenColumns(chat)
        _ = try rows.upsert("chat_session", id: chatID, columns: columns, values: values)
    }

    /// Puts a group's fields into their slots, as the file has them.
    private func place(_ group: Int, of arranged: ArrangedRecord, _ fields: [ImportField]) {
        arranged.forEachPosition(of: group) { position in
            switch targets[fields[position].key]! {
            case .field(let relation, let slot, _), .reference(let relation, let slot, _):
                line.give(position, relation: relation, slot: slot)
            case .members(let link):
                line.give(members: position, link: link)
            case .derived, .unknown:
                return
            }
        }
    }

    /// Converts a relation's values of the line to what the archive stores (list items' names
    /// to their ids, datetimes read in the file's zone).
    func convert(_ relation: Int) throws {
        try line.convert(relation, name: { keyNames[$0] }) { key, value in
            switch targets[key]! {
            case .field(_, _, let type):
                return try converter.convert(value, to: type, column: keyNames[key])
            case .reference(_, _, let reference):
                let (table, rowName) = layout.references[reference]
                return try names.resolve(value, in: table, by: rowName, column: keyNames[key])
            case .members, .derived, .unknown:
                return .null
            }
        }
    }

    /// What key `number` writes, found once per import.
    private func target(of number: Int, keys: ImportKeys) -> ImportLayout.KeyTarget {
        if number < targets.count, let known = targets[number] { return known }
        if number >= targets.count {
            targets += Array(repeating: nil, count: number + 1 - targets.count)
            keyNames += Array(repeating: "", count: number + 1 - keyNames.count)
        }
        let spelling = keys.spelling(of: number)
        let (target, name) = layout.target(of: spelling, in: mapping)
        if case .derived = target { ignored.insert(spelling) }
        targets[number] = target
        keyNames[number] = name
        // A relation may have gained a slot.
        line.resize(to: layout)
        return target
    }
}
