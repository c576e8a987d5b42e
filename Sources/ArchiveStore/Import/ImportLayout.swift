import ArchiveCore

/// The rows one line of an import can write, laid out once per import: the chat, the rows it
/// points at (its topic, agent, company and person), their owned rows, addresses and first ranked
/// rows, each a relation with a numbered slot per column. A line's values go into slots by number
/// (``ImportLine``), not into dictionaries by name: an import reads millions of values.
struct ImportLayout {
    /// The rows a chat points at, in the order an import writes them; each with the rows that
    /// belong to it (an owner's group).
    enum Owner: Int, CaseIterable {
        case chatTopic, associate, contact, person

        /// Its relation path, which is also the catalog's (`person`).
        var path: String {
            switch self {
            case .chatTopic: "chatTopic"
            case .associate: "associate"
            case .contact: "contact"
            case .person: "person"
            }
        }

        init?(path: String) {
            guard let owner = Self.allCases.first(where: { $0.path == path }) else { return nil }
            self = owner
        }
    }

    /// What a relation's row is to the chat.
    enum Role {
        case chat
        /// A row the chat points at through its column `foreignKey`.
        case pointedAt(foreignKey: String)
        /// A row keyed by its owner's id (details, user-defined and extra fields).
        case owned(ImportMapping.OwnedTable)
        /// An address an owned detail row points at.
        case address(ImportMapping.AddressRelation)
        /// The first row by rank of an owner's child rows (its first e-mail address).
        case ranked(ImportMapping.RankedRows)
    }

    /// A row of the line: a table and the columns a line may give it.
    struct Relation {
        let path: String
        let table: String
        let role: Role
        /// The group it belongs to; nil for the chat.
        let owner: Owner?
        private(set) var columns: [String] = []
        private var slots: [String: Int] = [:]

        init(path: String, table: String, role: Role, owner: Owner?) {
            (self.path, self.table, self.role, self.owner) = (path, table, role, owner)
        }

        /// The slot of `column`, added when the relation has none yet.
        mutating func slot(_ column: String) -> Int {
            if let slot = slots[column] { return slot }
            slots[column] = columns.count
            columns.append(column)
            return columns.count - 1
        }
    }

    /// What a key of the file writes (no text in it: it is read for every value of a file).
    enum KeyTarget {
        /// A column of a relation's row, converted to `type`.
        case field(relation: Int, slot: Int, type: FieldType)
        /// The id of the row a name stands for (``references``), in a relation's column.
        case reference(relation: Int, slot: Int, reference: Int)
        /// An owner's members in a link table (``members``).
        case members(link: Int)
        /// A derived column (a full name): read, not written.
        case derived
        case unknown
    }

    /// The rows names stand for: a table, and how a name finds its row.
    private(set) var references: [(table: String, rowName: ColumnStorage.RowName)] = []

    private(set) var relations: [Relation] = []
    /// The link tables of owners' members (interests).
    private(set) var members: [ImportMapping.Members] = []
    private var relationsByPath: [String: Int] = [:]
    /// Each owner's relation, and the relations and links of its group.
    private(set) var ownerRelation: [Int] = []
    private(set) var groupRelations: [[Int]] = Array(repeating: [], count: Owner.allCases.count)
    private(set) var groupLinks: [[Int]] = Array(repeating: [], count: Owner.allCases.count)
    /// The chat's slot of each owner's id (`person_id`).
    private(set) var ownerSlotInChat: [Int] = []

    static let chat = 0

    init(mapping: ImportMapping) {
        add(Relation(path: "", table: "chat_session", role: .chat, owner: nil))
        for table in mapping.tables {
            guard let foreignKey = table.foreignKey, let owner = Owner(path: table.relation) else { continue }
            ownerSlotInChat.append(relations[Self.chat].slot(foreignKey))
            ownerRelation.append(add(Relation(path: table.relation, table: table.table, role: .pointedAt(foreignKey: foreignKey), owner: owner)))
        }
        precondition(ownerRelation.count == Owner.allCases.count, "the mapping writes every owner")
        for owned in ImportMapping.ownedTables {
            add(Relation(path: owned.relation, table: owned.table, role: .owned(owned), owner: Owner(path: owned.owner)))
        }
        for address in ImportMapping.addressRelations {
            add(Relation(path: address.relation, table: "address", role: .address(address), owner: Owner(path: address.detail.owner)))
        }
    }

    /// Which group each key of the mapping writes, by its lower-cased name: 0 for the chat's own
    /// columns, 1 + ``Owner/rawValue`` for an owner's group, ``derivedGroup`` for a derived column
    /// (read, not written). A key that is absent is no column.
    static func groups(of mapping: ImportMapping) -> [String: Int] {
        func group(ofPath path: String) -> Int? {
            let first = path.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            if first.isEmpty { return 0 }
            return Owner(path: first).map { 1 + $0.rawValue }
        }
        var groups: [String: Int] = [:]
        for (key, (_, target)) in mapping.targets {
            let found: Int? = switch target {
            case .field(let path, _, _), .reference(let path, _, _, _): group(ofPath: path)
            case .ranked(let family, _, _): group(ofPath: family.owner)
            case .members(let members): group(ofPath: members.owner)
            }
            if let found { groups[key] = found }
        }
        for key in mapping.derived { groups[key] = derivedGroup }
        return groups
    }

    /// The group of derived columns, in ``groups(of:)``: after the chat's and the owners', so
    /// that a reader of the groups counts them apart (``groupCount`` of them are written).
    static let derivedGroup = groupCount

    /// How many groups of written columns there are: the chat's, and one per owner.
    static let groupCount = 1 + Owner.allCases.count

    /// The slot of a relation's `id`: every relation has one, its first (``add(_:)`` gives it).
    static let idSlot = 0

    @discardableResult
    private mutating func add(_ relation: Relation) -> Int {
        let index = relations.count
        var relation = relation
        let idSlot = relation.slot("id")
        precondition(idSlot == Self.idSlot, "a relation's id takes its first slot")
        relations.append(relation)
        relationsByPath[relation.path] = index
        if let owner = relation.owner { groupRelations[owner.rawValue].append(index) }
        return index
    }

    /// The relation of a first ranked row, added on its first use.
    private mutating func rankedRelation(_ family: ImportMapping.RankedRows) -> Int {
        let path = "ranked:\(family.table):\(family.kind.map(String.init) ?? "")"
        if let index = relationsByPath[path] { return index }
        return add(Relation(path: path, table: family.table, role: .ranked(family), owner: Owner(path: family.owner)))
    }

    private mutating func link(_ members: ImportMapping.Members) -> Int {
        if let index = self.members.firstIndex(of: members) { return index }
        self.members.append(members)
        if let owner = Owner(path: members.owner) { groupLinks[owner.rawValue].append(self.members.count - 1) }
        return self.members.count - 1
    }

    /// Where a key of the file writes (`spelling` as the file has it), and the catalog's name
    /// of its column.
    mutating func target(of spelling: String, in mapping: ImportMapping) -> (KeyTarget, name: String) {
        let lowercased = spelling.lowercased()
        guard let (name, target) = mapping.targets[lowercased] else { return (mapping.derived.contains(lowercased) ? .derived : .unknown, spelling) }
        switch target {
        case .field(let path, let column, let type):
            guard let relation = relationsByPath[path] else { return (.unknown, spelling) }
            return (.field(relation: relation, slot: relations[relation].slot(column), type: type), name)
        case .reference(let path, let column, let table, let rowName):
            guard let relation = relationsByPath[path] else { return (.unknown, spelling) }
            references.append((table, rowName))
            return (.reference(relation: relation, slot: relations[relation].slot(column), reference: references.count - 1), name)
        case .ranked(let family, let column, let type):
            let relation = rankedRelation(family)
            return (.field(relation: relation, slot: relations[relation].slot(column), type: type), name)
        case .members(let members):
            return (.members(link: link(members)), name)
        }
    }

}
