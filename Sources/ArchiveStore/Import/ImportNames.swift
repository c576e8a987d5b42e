import ArchiveCore
import Foundation

/// Rows an import finds by name: list items (created when a list lacks the name), agents by
/// their short name, and the rows a line gives no id for (a topic by its name, a person by
/// e-mail or name); and what a new row of a table cannot do without.
final class ImportNames {
    private let database: any ArchiveDatabase
    private let rows: ImportRowWriter
    private let now: Int64
    /// Each list's items by name, by the list's table, read on first use.
    private var listItems: [String: ListNames] = [:]
    /// The same for the lists of the shared `list_item` table, by list.
    private var sharedListItems: [Int64: ListNames] = [:]
    /// Called before a table is searched by name (a bulk load builds its dropped indexes again
    /// then, rather than have every such line read the whole table).
    var willSearch: (_ table: String) throws -> Void = { _ in }
    private var associatesByName: [String: Int64] = [:]

    init(database: any ArchiveDatabase, rows: ImportRowWriter, now: Int64) {
        (self.database, self.rows, self.now) = (database, rows, now)
    }

    /// Forgets what was read and written (after a rollback).
    func forget() {
        listItems.removeAll()
        sharedListItems.removeAll()
        associatesByName.removeAll()
    }

    /// The id of the row a value names: a list item by its name (created when missing), an
    /// associate by its short name; a number is the id itself.
    func resolve(_ value: ImportValue, in table: String, by rowName: ColumnStorage.RowName, column: String) throws -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let id): return .integer(id)
        case .text(let text) where text.isEmpty: return .null
        case .text(let text) where text.containsNUL: throw ImportLineError("\(column) must be a name without the NUL character (U+0000)")
        case .text(let text):
            switch rowName {
            case .listItem:
                return .integer(try listItem(text, in: table))
            case .sharedListItem(let list):
                return .integer(try sharedListItem(text, list: list))
            case .column(let name):
                guard table == "associate", name == "name" else { throw ImportLineError("\(column) cannot be imported") }
                return .integer(try associate(named: text))
            }
        default:
            throw ImportLineError("\(column) must be a name or an id, not \(ImportValueConverter.describe(value))")
        }
    }

    /// An agent by short name; one the archive does not have yet is added by name (a later line,
    /// or this one's associate/ columns, fill in the rest).
    private func associate(named name: String) throws -> Int64 {
        if let id = associatesByName[name] { return id }
        try willSearch("associate")
        if let id = try database.fetchValue("SELECT id FROM associate WHERE \(foldedColumn: "name") = \(folded: name)")?.integerValue {
            associatesByName[name] = id
            return id
        }
        let id = try rows.upsert("associate", id: nil, columns: ["name"], values: [.text(name)]) { try self.requiredColumns("associate", name: name) }
        associatesByName[name] = id
        return id
    }

    /// Remembers an agent written under its short name.
    func remember(associate id: Int64, named name: String) { associatesByName[name] = id }

    /// The members a value names: a JSON array of ids, or text of comma-separated ids or names
    /// of the link's list (`Cloud, Security`, as exports write them); null or empty, none.
    func memberIDs(_ value: ImportValue, link: ImportMapping.Members, column: String) throws -> [Int64]? {
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
        default: throw ImportLineError("\(column) must be a list of ids or names, not \(ImportValueConverter.describe(value))")
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

    /// A list's items by name, matched without regard to case. The spellings a file has used
    /// are kept as written too: most lines repeat the same few (a status), which then need no
    /// lower-casing.
    private struct ListNames {
        var byLowercasedName: [String: Int64]
        var bySpelling: [String: Int64] = [:]

        /// The item `name` names in any case, or nil.
        mutating func id(of name: String) -> Int64? {
            if let id = bySpelling[name] { return id }
            guard let id = byLowercasedName[name.lowercased()] else { return nil }
            bySpelling[name] = id
            return id
        }

        mutating func add(_ name: String, id: Int64) {
            byLowercasedName[name.lowercased()] = id
            bySpelling[name] = id
        }
    }

    /// An item's id in a list of the shared `list_item` table, by its name in any language,
    /// created (numbered after the list's last) when the list has none.
    private func sharedListItem(_ name: String, list: Int64) throws -> Int64 {
        if sharedListItems[list] == nil {
            let rows = try database.fetchAll("SELECT id, name_en, name_no, name_sv, name_de FROM list_item WHERE list_id = \(list) ORDER BY id DESC")
            sharedListItems[list] = ListNames(byLowercasedName: Self.idsByName(rows))
        }
        if let id = sharedListItems[list]!.id(of: name) { return id }
        if let id = Int64(name) { return id }
        let id = (try database.fetchValue("SELECT coalesce(max(id), 0) + 1 FROM list_item WHERE list_id = \(list)")?.integerValue) ?? 1
        try database.perform("INSERT INTO list_item (list_id, id, name_en, name_no, name_sv, name_de) VALUES (\(list), \(id), \(name), \(name), \(name), \(name))")
        sharedListItems[list]!.add(name, id: id)
        return id
    }

    /// A list item's id by its name in any language, creating the item when the list has none.
    private func listItem(_ name: String, in table: String) throws -> Int64 {
        if listItems[table] == nil {
            let rows = try database.fetchAll("SELECT id, name_en, name_no, name_sv, name_de FROM \(raw: table) ORDER BY id DESC")
            listItems[table] = ListNames(byLowercasedName: Self.idsByName(rows))
        }
        if let id = listItems[table]!.id(of: name) { return id }
        if let id = Int64(name) { return id }
        let id = try database.insertReturningID(
            "INSERT INTO \(raw: table) (name_en, name_no, name_sv, name_de) VALUES (\(name), \(name), \(name), \(name)) RETURNING id")
        listItems[table]!.add(name, id: id)
        rows.count(created: table)
        // References to it are references to a row the archive has.
        try rows.remember(table, id: id)
        return id
    }

    /// A related row found by its name when the line gives no id (`row`: its values by column).
    func findByName(_ table: String, _ row: [String: DatabaseValue]) throws -> Int64? {
        func first(_ sql: PortableSQL) throws -> Int64? { try database.fetchValue(sql)?.integerValue }
        try willSearch(table)
        switch table {
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

    /// The columns a new row of `table` must have, filled in when the line lacks them (`name`:
    /// the new row's short name, for an agent).
    func requiredColumns(_ table: String, name: String?) throws -> [(String, DatabaseValue)] {
        let registered = DatabaseValue.text(StoredDateTime.format(now))
        switch table {
        case "chat_topic", "contact", "person": return [("registered", registered)]
        case "associate":
            // A login name no one has, and that a real one in a later line will not be: the short
            // name in lower case with a mark no login name of the reference has (numbered when
            // taken). A line with the agent's associate/userName replaces it.
            try willSearch("associate")
            let base = (name ?? "agent").lowercased() + "~imported"
            var userName = base, number = 1
            while try database.fetchOne("SELECT 1 FROM associate WHERE \(foldedColumn: "user_name") = \(folded: userName)") != nil {
                number += 1
                userName = base + String(number)
            }
            return [("registered", registered), ("associate_type_id", .integer(1)), ("user_name", .text(userName))]
        default: return []
        }
    }
}
