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
/// Lines are written in batches, one transaction each. A line that cannot be imported is
/// reported with its number; with `skipBad` it is left out (its batch goes on), otherwise the
/// import stops and nothing of that batch is written.
public final class ArchiveImporter {
    /// What an import did.
    public struct Report: Sendable, Equatable {
        public var lines = 0
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
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    private let database: any ArchiveDatabase
    private let mapping: ImportMapping
    private let clock: ZonedClock
    private let now: Int64
    private let batchSize: Int
    /// Whether the change feed records the chats the import creates and changes (in batches,
    /// as they commit); off only to restore a backup that no one is to be told of.
    private let writer: WriteContext
    // Look-ups made once per import.
    private var listItems: [String: [String: Int64]] = [:]
    private var associatesByName: [String: Int64] = [:]
    /// The values last written to each related row, so that a row repeated on many lines is
    /// compared in memory rather than written again.
    private var written: [String: [Int64: [String: DatabaseValue]]] = [:]
    /// Each table's foreign keys (column → table), and rows known to exist.
    private var foreignKeys: [String: [String: String]] = [:]
    private var knownRows: [String: Set<Int64>] = [:]
    /// Tables that got rows with their own ids since their identity last moved past them: the
    /// next row created there without one (on PostgreSQL, from the identity) must not collide.
    private var identitiesBehind: Set<String> = []
    /// What each key of the file is, by its spelling in the file: looked up once, not per line.
    private var keys: [String: Key] = [:]
    private var report = Report()

    private enum Key {
        case target(name: String, ImportMapping.Target)
        /// A derived column (a full name): read, not written.
        case derived
        case unknown
    }

    private func key(_ spelling: String) -> Key {
        if let known = keys[spelling] { return known }
        let lowercased = spelling.lowercased()
        let key: Key = mapping.targets[lowercased].map { .target(name: $0.name, $0.target) } ?? (mapping.derived.contains(lowercased) ? .derived : .unknown)
        keys[spelling] = key
        return key
    }

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
        self.mapping = try ImportMapping(catalog: catalog, database: database)
        self.clock = ZonedClock(zone: zone)
        self.now = now
        self.batchSize = max(1, batchSize)
    }

    /// Imports every record, then refreshes the planner's statistics.
    ///
    /// - Parameter progress: called after each batch, with the lines and the bytes read.
    /// - Throws: the first ``ImportFailure`` when `skipBad` is false (the lines before its batch
    ///   stay imported, and the report says how many); the database's ``DatabaseFailure`` when it fails.
    public func run(
        _ records: inout ImportRecords, skipBad: Bool, progress: (_ lines: Int, _ bytes: Int) -> Void = { _, _ in }
    ) throws -> Report {
        var batch: [ImportRecord] = []
        var ignored: Set<String> = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            try database.inTransaction(writingFor: writer) {
                for record in batch {
                    do {
                        try database.inTransaction {
                            let values = try record.values.get()
                            for spelling in values.keys { if case .derived = key(spelling) { ignored.insert(spelling) } }
                            try importRecord(values)
                        }
                    } catch let error as ImportLineError {
                        let failure = ImportFailure(line: record.line, message: error.message)
                        guard skipBad else { throw failure }
                        report.skipped.append(failure)
                        // The line's rows were rolled back: forget what it looked up or wrote.
                        forgetLookUps()
                    }
                }
                // Committed with the batch: a create after the import gets an id of its own.
                try advanceIdentities()
            }
            report.lines += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        do {
            while let record = records.next() {
                batch.append(record)
                if batch.count == batchSize {
                    try flush()
                    progress(report.lines, records.bytesRead)
                }
            }
            try flush()
        } catch {
            // The failed batch was rolled back: what it looked up or wrote is not there.
            forgetLookUps()
            report.ignoredColumns = ignored.sorted()
            throw error
        }
        report.lines -= report.skipped.count
        report.ignoredColumns = ignored.sorted()
        try database.refreshStatistics()
        return report
    }

    private func forgetLookUps() {
        written.removeAll()
        knownRows.removeAll()
        listItems.removeAll()
        associatesByName.removeAll()
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

    private func importRecord(_ values: [String: ImportValue]) throws {
        // The values by row: relation → column → value; the first ranked rows apart.
        var rows: [String: [String: DatabaseValue]] = [:]
        var ranked: [ImportMapping.RankedRows: [String: DatabaseValue]] = [:]
        var members: [ImportMapping.Members: [Int64]?] = [:]
        for (spelling, value) in values {
            let name: String, target: ImportMapping.Target
            switch key(spelling) {
            case .target(let targetName, let found): (name, target) = (targetName, found)
            case .derived: continue
            case .unknown: throw ImportLineError("'\(spelling)' is not a column of the archive (archive import --print-columns lists the ones it reads)")
            }
            let (relation, column, stored): (String, String, DatabaseValue)
            switch target {
            case .field(let fieldRelation, let fieldColumn, let type):
                (relation, column) = (fieldRelation, fieldColumn)
                stored = try convert(value, to: type, column: name)
            case .reference(let owner, let ownerColumn, let table, let rowName):
                (relation, column) = (owner, ownerColumn)
                stored = try resolve(value, in: table, by: rowName, column: name, values: values)
            case .ranked(let family, let rankedColumn, let type):
                ranked[family, default: [:]][rankedColumn] = try convert(value, to: type, column: name)
                continue
            case .members(let link):
                members[link] = try memberIDs(value, link: link, column: name)
                continue
            }
            if let earlier = rows[relation]?[column], earlier != stored {
                throw ImportLineError("\(name) says \(stored) where another column of the line says \(earlier)")
            }
            rows[relation, default: [:]][column] = stored
        }
        guard let chatID = rows[""]?["id"]?.integerValue else {
            throw ImportLineError("chatSessionId is missing: chats are matched by it, so that an import can be repeated")
        }
        // The rows the chat points at, then the chat.
        for table in mapping.tables where table.foreignKey != nil {
            let key = table.foreignKey!
            var own = rows[table.relation] ?? [:]
            // An id given as null: the chat has no such row (its other columns are the empty
            // values of a missing row, such as false for a flag).
            if let given = rows[""]?[key], given.isNull { continue }
            var id = rows[""]?[key]?.integerValue ?? own["id"]?.integerValue
            if id == nil, own.values.allSatisfy(\.isNull) { continue }
            if id == nil { id = try findByName(table, own) }
            if id == nil, table.table == "associate", own["name"] == nil {
                throw ImportLineError("the line names no agent to match by (associateId, the agent's short name)")
            }
            if let id { rows["", default: [:]][key] = .integer(id) }
            own["id"] = nil
            guard !own.isEmpty || id == nil else { continue }
            if let id { own["id"] = .integer(id) }
            let written = try upsert(table.table, own, required: try requiredColumns(table.table, own, values: values))
            rows["", default: [:]][key] = .integer(written)
            if table.table == "associate", let name = own["name"]?.textValue { associatesByName[name] = written }
        }
        var chat = rows[""] ?? [:]
        chat["id"] = .integer(chatID)
        _ = try upsert("chat_session", chat, required: try requiredColumns("chat_session", chat, values: values))
        try writeOwnedRows(rows, chat: chat)
        try writeAddresses(rows, chat: chat)
        for (family, row) in ranked.sorted(by: { "\($0.key)" < "\($1.key)" }) { try writeFirstRanked(family, row, chat: chat) }
        for (link, ids) in members.sorted(by: { $0.key.table < $1.key.table }) { try writeMembers(link, ids, chat: chat) }
    }

    /// The members a value names: a JSON array of ids, or text of comma-separated ids or names
    /// of the link's list (`Cloud, Security`, as exports write them); null or empty, none.
    private func memberIDs(_ value: ImportValue, link: ImportMapping.Members, column: String) throws -> [Int64]? {
        switch value {
        case .null: return nil
        case .ids(let ids): return ids
        case .integer(let id): return [id]
        case .text(let text):
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return try parts.map { part in
                if let id = Int64(part) { return id }
                guard let list = link.list else { throw ImportLineError("\(column) must be ids separated by commas, not '\(text)'") }
                return try listItem(part, in: list)
            }
        default: throw ImportLineError("\(column) must be a list of ids or names, not \(Self.describe(value))")
        }
    }

    /// Makes the owner's members exactly `ids`: the links it lacks written, the others removed.
    private func writeMembers(_ link: ImportMapping.Members, _ ids: [Int64]?, chat: [String: DatabaseValue]) throws {
        guard let ownerID = chat[Self.ownerKeys[link.owner]!]?.integerValue else { return }
        let wanted = Set(ids ?? [])
        let held = Set(try database.fetchAll("SELECT \(raw: link.memberColumn) FROM \(raw: link.table) WHERE \(raw: link.ownerColumn) = \(ownerID)").compactMap { $0[0].integerValue })
        guard wanted != held else { report.unchanged[link.table, default: 0] += 1; return }
        for id in held.subtracting(wanted) {
            try database.perform("DELETE FROM \(raw: link.table) WHERE \(raw: link.ownerColumn) = \(ownerID) AND \(raw: link.memberColumn) = \(id)")
        }
        for id in wanted.subtracting(held).sorted() {
            try explainingConstraints(link.table) {
                _ = try database.perform("INSERT INTO \(raw: link.table) (\(raw: link.ownerColumn), \(raw: link.memberColumn)) VALUES (\(ownerID), \(id))")
            }
        }
        report.changed[link.table, default: 0] += 1
    }

    /// The owner's id in the chat's row (`person` → `person_id`).
    private static let ownerKeys = ["person": "person_id", "contact": "contact_id", "associate": "associate_id"]

    /// The addresses of the chat's person and company: the one their detail row points at is
    /// updated, or a new one written and pointed at.
    private func writeAddresses(_ rows: [String: [String: DatabaseValue]], chat: [String: DatabaseValue]) throws {
        for address in ImportMapping.addressRelations {
            guard var row = rows[address.relation], row.values.contains(where: { !$0.isNull }),
                let ownerID = chat[Self.ownerKeys[address.detail.owner]!]?.integerValue
            else { continue }
            let detail = address.detail
            let current = try database.fetchValue("SELECT \(raw: address.foreignKey) FROM \(raw: detail.table) WHERE \(raw: detail.key) = \(ownerID)")?.integerValue
            if row["id"] == nil || row["id"]!.isNull { row["id"] = current.map { .integer($0) } ?? .null }
            if row["id"]!.isNull { row["id"] = nil }
            let id = try upsert("address", row, required: [:])
            if id != current { _ = try upsert(detail.table, ["id": .integer(ownerID), address.foreignKey: .integer(id)], required: [:], key: detail.key) }
        }
    }

    /// The first row by rank of a family (the person's first e-mail address): updated, or
    /// written as rank 1 when the owner has none and the line gives its value.
    private func writeFirstRanked(_ family: ImportMapping.RankedRows, _ values: [String: DatabaseValue], chat: [String: DatabaseValue]) throws {
        guard values.values.contains(where: { !$0.isNull }), let ownerKey = Self.ownerKeys[family.owner], let ownerID = chat[ownerKey]?.integerValue else { return }
        let kind: PortableSQL = family.kind.map { " AND kind = \($0)" } ?? ""
        let first = try database.fetchValue(
            "SELECT id FROM \(raw: family.table) WHERE \(raw: family.ownerColumn) = \(ownerID)\(kind) ORDER BY rank, id LIMIT 1")?.integerValue
        var row = values
        if let first { row["id"] = .integer(first) } else if row["id"]?.isNull == true { row["id"] = nil }
        if first == nil {
            // A new row needs what the table cannot do without: its address or number.
            let needed = family.table.hasSuffix("_phone") ? "formatted_number" : "address"
            guard let value = row[needed]?.textValue else { return }
            row[family.ownerColumn] = .integer(ownerID)
            row["rank"] = .integer(1)
            if let kind = family.kind { row["kind"] = .integer(kind) }
            if family.table.hasSuffix("_phone") { row["search_number"] = .text(String(value.filter(\.isNumber))) }
        }
        _ = try upsert(family.table, row, required: [:])
    }

    /// The rows keyed by the person, company or agent of the chat (details, user-defined and
    /// extra fields), once their owner is written; values of an owner the chat lacks are left.
    private func writeOwnedRows(_ rows: [String: [String: DatabaseValue]], chat: [String: DatabaseValue]) throws {
        for owned in ImportMapping.ownedTables {
            guard var row = rows[owned.relation], !row.isEmpty, let ownerKey = Self.ownerKeys[owned.owner],
                let ownerID = chat[ownerKey]?.integerValue
            else { continue }
            // Their id is their owner's (generated from the key).
            row["id"] = .integer(ownerID)
            _ = try upsert(owned.table, row, required: [:], key: owned.key)
        }
    }

    /// The columns a new row of `table` must have, filled in when the line lacks them.
    private func requiredColumns(_ table: String, _ row: [String: DatabaseValue], values: [String: ImportValue]) throws -> [String: DatabaseValue] {
        let registered = DatabaseValue.text(StoredDateTime.format(now))
        switch table {
        case "chat_topic": return ["registered": registered]
        case "contact": return ["registered": registered]
        case "person": return ["registered": registered]
        case "associate":
            // A login name no one has, and that a real one in a later line will not be: the short
            // name in lower case with a mark no login name of the reference has (numbered when
            // taken). A line with the agent's associate/userName replaces it.
            let base = (row["name"]?.textValue ?? "agent").lowercased() + "~imported"
            var userName = base, number = 1
            while try database.fetchOne("SELECT 1 FROM associate WHERE \(foldedColumn: "user_name") = \(folded: userName)") != nil {
                number += 1
                userName = base + String(number)
            }
            return ["registered": registered, "associate_type_id": .integer(1), "user_name": .text(userName)]
        default: return [:]
        }
    }

    /// A related row found by its name when the line gives no id.
    private func findByName(_ table: ImportMapping.Table, _ row: [String: DatabaseValue]) throws -> Int64? {
        func first(_ sql: PortableSQL) throws -> Int64? { try database.fetchValue(sql)?.integerValue }
        switch table.table {
        case "chat_topic":
            return try row["name"]?.textValue.flatMap { try first("SELECT id FROM chat_topic WHERE \(foldedColumn: "name") = \(folded: $0) ORDER BY id LIMIT 1") }
        case "associate":
            return try row["name"]?.textValue.flatMap { try first("SELECT id FROM associate WHERE \(foldedColumn: "name") = \(folded: $0)") }
        case "contact":
            guard let name = row["name"]?.textValue else { return nil }
            let department = row["department"]?.textValue
            return try first("""
                SELECT id FROM contact WHERE \(foldedColumn: "name") = \(folded: name)
                AND \(foldedColumn: "department") IS NOT DISTINCT FROM \(folded: department) ORDER BY id LIMIT 1
                """)
        case "person":
            if let email = row["email"]?.textValue { return try first("SELECT id FROM person WHERE \(foldedColumn: "email") = \(folded: email) ORDER BY id LIMIT 1") }
            guard row["first_name"] != nil, row["last_name"] != nil else { return nil }
            let (firstName, lastName) = (row["first_name"]?.textValue, row["last_name"]?.textValue)
            return try first("""
                SELECT id FROM person WHERE \(foldedColumn: "first_name") IS NOT DISTINCT FROM \(folded: firstName)
                AND \(foldedColumn: "last_name") IS NOT DISTINCT FROM \(folded: lastName) ORDER BY id LIMIT 1
                """)
        default:
            return nil
        }
    }

    /// Inserts the row, or updates the columns it has when they differ; returns its id. A table
    /// keyed by its owner (`key`) is written with the owner's id in that column (its `id` is
    /// generated from it).
    private func upsert(_ table: String, _ row: [String: DatabaseValue], required: [String: DatabaseValue], key: String = "id") throws -> Int64 {
        var row = try withoutDanglingReferences(table, row)
        let givenID = row["id"]?.integerValue
        if let givenID, written[table]?[givenID] == row.filter({ $0.key != "id" }) {
            report.unchanged[table, default: 0] += 1
            return givenID
        }
        let exists = try givenID.map { try database.fetchOne("SELECT 1 FROM \(raw: table) WHERE id = \($0)") != nil } ?? false
        let columns = row.keys.filter { $0 != "id" }.sorted()
        func value(_ column: String) -> PortableSQL { "\(row[column]!, as: mapping.storedType(table: table, column: column))" }
        let id: Int64
        if exists, let givenID {
            guard !columns.isEmpty else { return givenID }
            let assignments = PortableSQL(joining: columns.map { "\(raw: $0) = \(value($0))" }, separator: ", ")
            let differences = PortableSQL(joining: columns.map { "\(raw: $0) IS DISTINCT FROM \(value($0))" }, separator: " OR ")
            let changed = try explainingConstraints(table) {
                try database.perform("UPDATE \(raw: table) SET \(assignments) WHERE id = \(givenID) AND (\(differences))")
            }
            if changed > 0 { report.changed[table, default: 0] += 1 } else { report.unchanged[table, default: 0] += 1 }
            id = givenID
        } else {
            for (column, value) in required where row[column] == nil || row[column]!.isNull { row[column] = value }
            row["id"] = nil
            let names = [key] + row.keys.sorted()
            // A row that brings its id keeps it (a backup restored); another gets one the table never held.
            let values = PortableSQL(joining: [givenID.map { "\($0)" } ?? "\(newID: table)"] + names.dropFirst().map(value), separator: ", ")
            if givenID == nil, identitiesBehind.contains(table) { try advanceIdentities() }
            id = try explainingConstraints(table) {
                try database.insertReturningID("INSERT INTO \(raw: table) (\(raw: names.joined(separator: ", "))) VALUES (\(values)) RETURNING id")
            }
            report.created[table, default: 0] += 1
            if givenID != nil, key == "id" { identitiesBehind.insert(table) }
        }
        if table != "chat_session" { written[table, default: [:]][id] = row.filter { $0.key != "id" } }
        return id
    }

    /// The row with references to rows the archive does not have emptied (an agent's own person
    /// record, a person's company, when the file has no line with them), and counted in the
    /// report. The chat's own references are the line's rows, written before it.
    private func withoutDanglingReferences(_ table: String, _ row: [String: DatabaseValue]) throws -> [String: DatabaseValue] {
        if foreignKeys[table] == nil { foreignKeys[table] = try database.foreignKeys(of: table) }
        var row = row
        for (column, target) in foreignKeys[table]! {
            guard let id = row[column]?.integerValue else { continue }
            if knownRows[target]?.contains(id) == true { continue }
            if try database.fetchOne("SELECT 1 FROM \(raw: target) WHERE id = \(id)") != nil {
                knownRows[target, default: []].insert(id)
                continue
            }
            row[column] = .null
            report.emptiedReferences["\(table).\(column)", default: 0] += 1
        }
        return row
    }

    /// Moves the identities of the tables written with their own ids past those ids.
    private func advanceIdentities() throws {
        for table in identitiesBehind.sorted() { try database.advanceIdentity(of: table) }
        identitiesBehind.removeAll()
    }

    /// Runs a write of `table`, turning a broken rule of the schema into the line's problem.
    private func explainingConstraints<T>(_ table: String, _ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch let error as any DatabaseFailure where error.failureKind == .constraint {
            throw ImportLineError(Self.explain(error, table: table))
        }
    }

    /// A constraint failure said as the line's problem, in the same words on every engine.
    static func explain(_ error: any DatabaseFailure, table: String) -> String {
        let what: [String: String] = ["chat_session": "chat", "chat_topic": "topic", "associate": "agent", "contact": "company", "person": "person"]
        let row = what[table] ?? table
        let message = error.message.lowercased()
        let column = error.constraintColumn ?? "a column"
        if message.contains("not null") || message.contains("not-null") { return "a new \(row) needs \(column) (the line has no value for it)" }
        if message.contains("check constraint") { return "the \(row)'s values break a rule of the archive: \(error.message)" }
        if message.contains("unique") || message.contains("duplicate key") { return "another \(row) already has this \(column)" }
        if message.contains("foreign key") { return "the \(row) refers to a row the archive does not have" }
        return "the \(row) cannot be written: \(error.message)"
    }

    // MARK: - Values

    /// A file's value as the column's stored value.
    private func convert(_ value: ImportValue, to type: FieldType, column: String) throws -> DatabaseValue {
        func invalid(_ expected: String) -> ImportLineError { ImportLineError("\(column) must be \(expected), not \(Self.describe(value))") }
        if case .null = value { return .null }
        if case .text(let text) = value, text.isEmpty { return .null }
        if case .text(let text) = value, text.containsNUL { throw invalid("text without the NUL character (U+0000)") }
        switch type {
        case .text:
            switch value {
            case .text(let text): return .text(text)
            case .integer(let number): return .text(String(number))
            case .decimal(let number): return .text(String(number))
            case .bool(let flag): return .text(flag ? "true" : "false")
            case .null: return .null
            case .ids: throw invalid("a text")
            }
        case .integer, .timeSpan:
            switch value {
            case .integer(let number): return .integer(number)
            case .text(let text): guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw invalid("a whole number") }; return .integer(number)
            default: throw invalid("a whole number")
            }
        case .decimal:
            switch value {
            case .integer(let number): return .real(Double(number))
            case .decimal(let number): return .real(number)
            case .text(let text): guard let number = Double(text), number.isFinite else { throw invalid("a number") }; return .real(number)
            default: throw invalid("a number")
            }
        case .bool:
            switch value {
            case .bool(let flag): return .integer(flag ? 1 : 0)
            case .integer(let number) where number == 0 || number == 1: return .integer(number)
            case .text(let text):
                switch text.lowercased() {
                case "true", "1", "yes": return .integer(1)
                case "false", "0", "no": return .integer(0)
                default: throw invalid("true or false")
                }
            default: throw invalid("true or false")
            }
        case .date, .dateTime:
            guard case .text(let text) = value, let literal = DateLiteral(parsing: text) else {
                throw invalid(type == .date ? "a date such as 2026-11-20" : "a datetime such as 2026-11-20T13:05:09")
            }
            // A calendar date stays the day it says; a datetime is read in the file's zone.
            if type == .date { return .text(StoredDateTime.formatDate(literal.day * 86_400)) }
            return .text(StoredDateTime.format(literal.instant(in: clock)))
        }
    }

    /// The id of the row a value names: a list item by its name (created when missing), an
    /// associate by its short name; a number is the id itself.
    private func resolve(
        _ value: ImportValue, in table: String, by rowName: ColumnStorage.RowName, column: String, values: [String: ImportValue]
    ) throws -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let id): return .integer(id)
        case .text(let text) where text.isEmpty: return .null
        case .text(let text) where text.containsNUL: throw ImportLineError("\(column) must be a name without the NUL character (U+0000)")
        case .text(let text):
            switch rowName {
            case .listItem: return .integer(try listItem(text, in: table))
            case .sharedListItem(let list): return .integer(try sharedListItem(text, list: list))
            case .column(let name):
                guard table == "associate", name == "name" else { throw ImportLineError("\(column) cannot be imported") }
                if let id = associatesByName[text] { return .integer(id) }
                if let id = try database.fetchValue("SELECT id FROM associate WHERE \(foldedColumn: "name") = \(folded: text)")?.integerValue {
                    associatesByName[text] = id
                    return .integer(id)
                }
                // An agent the archive does not have yet: added by name (a later line, or this
                // one's associate/ columns, fill in the rest).
                let id = try upsert("associate", ["name": .text(text)], required: try requiredColumns("associate", ["name": .text(text)], values: [:]))
                associatesByName[text] = id
                return .integer(id)
            }
        default:
            throw ImportLineError("\(column) must be a name or an id, not \(Self.describe(value))")
        }
    }

    /// List items' ids by each of their names (rows of id and four names), lower-cased; where two
    /// items share a name, the one read last (the lowest id) wins.
    static func idsByName(_ rows: [[DatabaseValue]]) -> [String: Int64] {
        var byName: [String: Int64] = [:]
        for row in rows {
            guard let id = row[0].integerValue else { continue }
            for index in 1...4 { if let text = row[index].textValue { byName[text.lowercased()] = id } }
        }
        return byName
    }

    /// An item's id in a list of the shared `list_item` table, by its name in any language,
    /// created (numbered after the list's last) when the list has none.
    private func sharedListItem(_ name: String, list: Int64) throws -> Int64 {
        let key = "list_item:\(list)"
        if listItems[key] == nil {
            listItems[key] = Self.idsByName(try database.fetchAll("SELECT id, name_en, name_no, name_sv, name_de FROM list_item WHERE list_id = \(list) ORDER BY id DESC"))
        }
        if let id = listItems[key]![name.lowercased()] { return id }
        if let id = Int64(name) { return id }
        let id = (try database.fetchValue("SELECT coalesce(max(id), 0) + 1 FROM list_item WHERE list_id = \(list)")?.integerValue) ?? 1
        try database.perform("INSERT INTO list_item (list_id, id, name_en, name_no, name_sv, name_de) VALUES (\(list), \(id), \(name), \(name), \(name), \(name))")
        listItems[key]![name.lowercased()] = id
        return id
    }

    /// A list item's id by its name in any language, creating the item when the list has none.
    private func listItem(_ name: String, in table: String) throws -> Int64 {
        if listItems[table] == nil {
            listItems[table] = Self.idsByName(try database.fetchAll("SELECT id, name_en, name_no, name_sv, name_de FROM \(raw: table) ORDER BY id DESC"))
        }
        if let id = listItems[table]![name.lowercased()] { return id }
        if let id = Int64(name) { return id }
        let id = try database.insertReturningID(
            "INSERT INTO \(raw: table) (name_en, name_no, name_sv, name_de) VALUES (\(name), \(name), \(name), \(name)) RETURNING id")
        listItems[table]![name.lowercased()] = id
        report.created[table, default: 0] += 1
        return id
    }

    static func describe(_ value: ImportValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .decimal(let number): String(number)
        case .text(let text): "'\(text.count > 40 ? text.prefix(40) + "…" : text)'"
        case .ids(let ids): "[" + ids.map(String.init).joined(separator: ", ") + "]"
        }
    }
}
