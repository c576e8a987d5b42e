/// A piece of SQL written by the catalog, with references to joined tables left open until the
/// planner knows their aliases, and list-name columns left open until it knows the language.
///
/// Fragments are only ever built from the catalog's own text; nothing a client sends becomes part
/// of one (client values are bound parameters).
public struct SQLFragment: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case sql(String)
        /// A column of a relation: `"person"."last_name"`.
        case column(relation: String, name: String)
        /// The name column of a list relation in the request's language: `"person_position"."name_sv"`.
        case listName(relation: String)
        /// The name column of a table alias local to a subquery: `g.name_sv`.
        case localName(alias: String)
        /// The calendar date, in the request's time zone, of a stored UTC datetime column. In UTC
        /// it is the column `utcDate` (a generated `date(…)` column the schema indexes); in another
        /// zone, an expression (``resolvingLocalDates(_:)`` writes either).
        case localDate(relation: String, name: String, utcDate: String)
    }

    let parts: [Part]

    init(_ parts: [Part]) { self.parts = parts }

    /// Literal SQL text from the catalog.
    public static func sql(_ text: String) -> SQLFragment { SQLFragment([.sql(text)]) }

    /// A column of a relation (`""` is the provider's root table).
    public static func column(_ relation: String, _ name: String) -> SQLFragment {
        SQLFragment([.column(relation: relation, name: name)])
    }

    /// The name of a list item, in the request's language.
    public static func listName(_ relation: String) -> SQLFragment { SQLFragment([.listName(relation: relation)]) }

    /// The name column of a list table aliased inside a subquery, in the request's language.
    public static func localName(_ alias: String) -> SQLFragment { SQLFragment([.localName(alias: alias)]) }

    /// The local date of a stored UTC datetime (see ``Part/localDate(relation:name:utcDate:)``).
    public static func localDate(_ relation: String, _ name: String, utcDate: String) -> SQLFragment {
        SQLFragment([.localDate(relation: relation, name: name, utcDate: utcDate)])
    }

    public static func + (left: SQLFragment, right: SQLFragment) -> SQLFragment { SQLFragment(left.parts + right.parts) }

    /// The relations the fragment reads from.
    public var relations: Set<String> {
        Set(parts.compactMap {
            switch $0 {
            case .column(let relation, _), .listName(let relation), .localDate(let relation, _, _): relation
            case .sql, .localName: nil
            }
        })
    }

    /// The fragment with each local date written for `localTime`'s zone: the indexed UTC date
    /// column in UTC, `date(<local datetime>)` elsewhere.
    func resolvingLocalDates(_ localTime: LocalTimeSQL) -> SQLFragment {
        guard parts.contains(where: { if case .localDate = $0 { true } else { false } }) else { return self }
        return SQLFragment(parts.flatMap { part -> [Part] in
            guard case .localDate(let relation, let name, let utcDate) = part else { return [part] }
            if localTime.isUTC { return [.column(relation: relation, name: utcDate)] }
            return (SQLFragment.sql("date(") + localTime.local(.column(relation, name)) + .sql(")")).parts
        })
    }

    /// The SQL text, with relations replaced by their aliases.
    func render(alias: (String) -> String, language: Language) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .sql(let sql): text += sql
            case .column(let relation, let name): text += "\(alias(relation)).\(SQLIdentifier.quote(name))"
            case .listName(let relation): text += "\(alias(relation)).\(SQLIdentifier.quote("name_" + language.rawValue))"
            case .localName(let local): text += "\(local).\(SQLIdentifier.quote("name_" + language.rawValue))"
            case .localDate(let relation, let name, _):
                // Unresolved: the UTC date (callers that know the zone resolve it first).
                text += "date(\(alias(relation)).\(SQLIdentifier.quote(name)))"
            }
        }
        return text
    }
}

/// Quoting of identifiers that come from the catalog.
enum SQLIdentifier {
    /// `name` in double quotes, with embedded quotes doubled.
    static func quote(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
