import ArchiveCore

/// Writes an import's rows: inserts a row the table lacks, updates one it has where the values
/// differ. Which rows a table has is read once (their keys, in memory), and each statement's
/// text is rendered once per table and set of columns, so that a line costs its writes only.
final class ImportRowWriter {
    private let database: any ArchiveDatabase
    private let storedType: (_ table: String, _ column: String) -> StoredType
    /// Keys of the rows each table has, read on first use.
    private var keys: [TableKey: Set<Int64>] = [:]
    /// Each table's foreign keys: column → table.
    private var foreignKeys: [String: [String: String]] = [:]
    /// By table and columns written: which of the columns are references, and to what table.
    private var referencesByColumns: [WrittenColumns: [(index: Int, table: String)]] = [:]
    private var statements: [StatementShape: String] = [:]
    /// Tables that got rows with their own ids since their identity last moved past them: the
    /// next row created there without one (on PostgreSQL, from the identity) must not collide.
    private var identitiesBehind: Set<String> = []

    private(set) var created: [String: Int] = [:]
    private(set) var changed: [String: Int] = [:]
    private(set) var unchanged: [String: Int] = [:]
    private(set) var emptiedReferences: [String: Int] = [:]
    /// The rows references were emptied for, in order (table and id).
    private(set) var missingRows: [(table: String, id: Int64)] = []

    private struct TableKey: Hashable {
        let table: String
        let key: String
    }

    /// A table and the columns a row of it is written with. Looked up once or more per row
    /// written, and a chat has some ninety columns: the hash takes their number and the last
    /// one, and equality (mostly of the layout's very strings, compared by identity) the rest.
    private struct WrittenColumns: Hashable {
        let table: String
        let columns: [String]

        func hash(into hasher: inout Hasher) {
            hasher.combine(table)
            hasher.combine(columns.count)
            hasher.combine(columns.last)
        }
    }

    /// A statement by what it writes.
    private struct StatementShape: Hashable {
        enum Kind: Hashable { case update, insertWithKey, insertWithNewID }
        let kind: Kind
        let key: String
        let written: WrittenColumns
        var table: String { written.table }
        var columns: [String] { written.columns }

        init(kind: Kind, table: String, key: String, columns: [String]) {
            (self.kind, self.key, self.written) = (kind, key, WrittenColumns(table: table, columns: columns))
        }
    }

    init(database: any ArchiveDatabase, storedType: @escaping (_ table: String, _ column: String) -> StoredType) {
        self.database = database
        self.storedType = storedType
    }

    /// Forgets which rows the tables have (after a rollback): read again when next needed. The
    /// identities still to move stay: rows of the batch before the rolled-back line keep their
    /// ids, and moving an identity past ids it need not is harmless.
    func forget() {
        keys.removeAll()
    }

    func count(unchanged table: String, by rows: Int = 1) { unchanged[table, default: 0] += rows }
    func count(changed table: String) { changed[table, default: 0] += 1 }
    func count(created table: String) { created[table, default: 0] += 1 }

    /// Whether `table` has a row keyed `id` (by `key`).
    func has(_ table: String, _ id: Int64, key: String = "id") throws -> Bool {
        try knownKeys(table, key).contains(id)
    }

    private func knownKeys(_ table: String, _ key: String) throws -> Set<Int64> {
        let name = TableKey(table: table, key: key)
        if let known = keys[name] { return known }
        var found = Set<Int64>()
        try database.forEachRow(try rendered("SELECT \(raw: key) FROM \(raw: table)"), []) { found.insert($0.int64(at: 0)) }
        keys[name] = found
        return found
    }

    /// Notes a row written outside ``upsert(_:key:id:columns:values:required:)`` (a list item).
    func remember(_ table: String, id: Int64, key: String = "id") throws {
        _ = try knownKeys(table, key)
        keys[TableKey(table: table, key: key)]!.insert(id)
    }

    /// Inserts the row (`columns` and `values` side by side; `id` its key when given), or
    /// updates the columns it has where they differ; returns its key. `required` gives what a
    /// new row cannot do without, when the line lacks it.
    func upsert(
        _ table: String, key: String = "id", id givenID: Int64?, columns: [String], values: [DatabaseValue],
        required: () throws -> [(String, DatabaseValue)] = { [] }
    ) throws -> Int64 {
        var values = try withoutDanglingReferences(table, columns, values)
        if let givenID, try has(table, givenID, key: key) {
            guard !columns.isEmpty else { return givenID }
            let shape = StatementShape(kind: .update, table: table, key: key, columns: columns)
            let changes = try explainingConstraints(table) {
                try database.execute(try statement(shape), arguments: values + [.integer(givenID)] + values)
            }
            if changes > 0 { count(changed: table) } else { count(unchanged: table) }
            return givenID
        }
        var columns = columns
        for (column, value) in try required() {
            if let index = columns.firstIndex(of: column) {
                if values[index].isNull { values[index] = value }
            } else {
                columns.append(column)
                values.append(value)
            }
        }
        if givenID == nil, identitiesBehind.contains(table) { try advanceIdentities() }
        let shape = StatementShape(kind: givenID == nil ? .insertWithNewID : .insertWithKey, table: table, key: key, columns: columns)
        var id = givenID
        try explainingConstraints(table) {
            if let givenID {
                _ = try database.execute(try statement(shape), arguments: [.integer(givenID)] + values)
            } else {
                try database.forEachRow(try statement(shape), values) { id = $0.int64(at: 0) }
            }
        }
        guard let id else { throw UnexpectedResult("the insert into \(table) returned no key") }
        count(created: table)
        try remember(table, id: id, key: key)
        // A row that brings its id keeps it (a backup restored); another gets one the table never held.
        if givenID != nil, key == "id" { identitiesBehind.insert(table) }
        return id
    }

    /// Moves the identities of the tables written with their own ids past those ids.
    func advanceIdentities() throws {
        for table in identitiesBehind.sorted() { try database.advanceIdentity(of: table) }
        identitiesBehind.removeAll()
    }

    /// The values with references to rows the archive does not have emptied (an agent's own
    /// person record, a person's company, when the file has no line with them), and counted.
    private func withoutDanglingReferences(_ table: String, _ columns: [String], _ values: [DatabaseValue]) throws -> [DatabaseValue] {
        let references = try self.references(table, columns)
        guard !references.isEmpty else { return values }
        var values = values
        for (index, target) in references {
            guard let id = values[index].integerValue, try !has(target, id) else { continue }
            values[index] = .null
            emptiedReferences["\(table).\(columns[index])", default: 0] += 1
            missingRows.append((target, id))
        }
        return values
    }

    /// Which of the columns are references, by their index, and the tables they point at.
    private func references(_ table: String, _ columns: [String]) throws -> [(index: Int, table: String)] {
        let written = WrittenColumns(table: table, columns: columns)
        if let known = referencesByColumns[written] { return known }
        if foreignKeys[table] == nil { foreignKeys[table] = try database.foreignKeys(of: table) }
        let targets = foreignKeys[table]!
        let references = columns.enumerated().compactMap { index, column in targets[column].map { (index, $0) } }
        referencesByColumns[written] = references
        return references
    }

    /// The statement's text, rendered once per shape; its values are bound in the order
    /// ``upsert(_:key:id:columns:values:required:)`` passes them.
    private func statement(_ shape: StatementShape) throws -> String {
        if let sql = statements[shape] { return sql }
        // The values here are placeholders: only the text is kept.
        func value(_ column: String) -> PortableSQL { "\(DatabaseValue.null, as: storedType(shape.table, column))" }
        let sql: PortableSQL
        switch shape.kind {
        case .update:
            let assignments = PortableSQL(joining: shape.columns.map { "\(raw: $0) = \(value($0))" }, separator: ", ")
            let differences = PortableSQL(joining: shape.columns.map { "\(raw: $0) IS DISTINCT FROM \(value($0))" }, separator: " OR ")
            sql = "UPDATE \(raw: shape.table) SET \(assignments) WHERE \(raw: shape.key) = \(Int64(0)) AND (\(differences))"
        case .insertWithKey, .insertWithNewID:
            let names = ([shape.key] + shape.columns).joined(separator: ", ")
            let key: PortableSQL = shape.kind == .insertWithKey ? "\(Int64(0))" : "\(newID: shape.table)"
            let values = PortableSQL(joining: [key] + shape.columns.map(value), separator: ", ")
            // Only a new id is returned: SQLite runs RETURNING as a trigger, which makes it keep a
            // statement journal for the insert.
            let returning: PortableSQL = shape.kind == .insertWithNewID ? " RETURNING \(raw: shape.key)" : ""
            sql = "INSERT INTO \(raw: shape.table) (\(raw: names)) VALUES (\(values))\(returning)"
        }
        let text = sql.rendered(in: database.dialect).sql
        statements[shape] = text
        return text
    }

    private func rendered(_ sql: PortableSQL) throws -> String { sql.rendered(in: database.dialect).sql }

    /// Runs a write of `table`, turning a broken rule of the schema into the line's problem.
    func explainingConstraints<T>(_ table: String, _ write: () throws -> T) throws -> T {
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
}
