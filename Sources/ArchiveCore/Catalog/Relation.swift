/// A to-one join edge from one table of a provider to another.
///
/// Relations form a tree under the provider's root table; each is named by its path
/// (`person`, `person.position`, `associate.contact.category`) and joined under an alias derived
/// from that path, so the same table can be joined several times (a person's country and a
/// company's country).
public struct Relation: Sendable {
    /// How the joined row is found.
    public enum Join: Sendable {
        /// The parent holds the key: `joined.id = parent.<column>`.
        case parentColumn(String)
        /// The joined table holds the key: `joined.<column> = parent.id` (at most one row).
        case childColumn(String)
        /// The joined table's primary key is the parent's id (`person_detail.person_id`): one row
        /// at most, `joined.<column> = parent.id`.
        case sharedKey(String)
    }

    /// The path of the relation, its name in column paths and SQL aliases.
    public let path: String
    /// The table joined.
    public let table: String
    /// How the joined row is found from its parent's.
    public let join: Join
    /// True when the parent may have no such row (LEFT JOIN); false when it always has one.
    public let isOptional: Bool
    /// The key used in tooltip and link hints for this table's rows (`person_id`).
    public let hintKey: String?

    /// A relation at `path` (its parent is the path before the last dot) that joins `table`.
    public init(_ path: String, table: String, join: Join, isOptional: Bool, hintKey: String? = nil) {
        self.path = path
        self.table = table
        self.join = join
        self.isOptional = isOptional
        self.hintKey = hintKey
    }

    /// The path of the parent relation; `""` is the root.
    public var parent: String {
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }
}
