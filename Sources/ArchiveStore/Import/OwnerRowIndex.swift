import ArchiveCore

/// What the archive holds of owners' other rows, read once per table and kept up to date as the
/// import writes: the address each detail row points at, the first ranked row of each family
/// (an owner's first e-mail address), each owner's members of a link table.
final class OwnerRowIndex {
    private let database: any ArchiveDatabase
    private var addresses: [String: [Int64: Int64]] = [:]
    private var firstRanked: [ImportMapping.RankedRows: [Int64: Int64]] = [:]
    private var members: [String: [Int64: Set<Int64>]] = [:]

    init(database: any ArchiveDatabase) { self.database = database }

    /// Forgets everything (after a rollback): read again when next needed.
    func forget() {
        addresses.removeAll()
        firstRanked.removeAll()
        members.removeAll()
    }

    // MARK: Addresses

    /// The address the owner's detail row points at through `address.foreignKey`.
    func address(_ address: ImportMapping.AddressRelation, of owner: Int64) throws -> Int64? {
        try addressMap(address)[owner]
    }

    func setAddress(_ address: ImportMapping.AddressRelation, of owner: Int64, to id: Int64) throws {
        _ = try addressMap(address)
        addresses[Self.name(address)]![owner] = id
    }

    private static func name(_ address: ImportMapping.AddressRelation) -> String { address.detail.table + "." + address.foreignKey }

    private func addressMap(_ address: ImportMapping.AddressRelation) throws -> [Int64: Int64] {
        let name = Self.name(address)
        if let map = addresses[name] { return map }
        var map: [Int64: Int64] = [:]
        let detail = address.detail
        try pairs("SELECT \(raw: detail.key), \(raw: address.foreignKey) FROM \(raw: detail.table) WHERE \(raw: address.foreignKey) IS NOT NULL") { map[$0] = $1 }
        addresses[name] = map
        return map
    }

    // MARK: First ranked rows

    /// The id of the owner's first row of the family, by rank (then id).
    func firstRanked(_ family: ImportMapping.RankedRows, of owner: Int64) throws -> Int64? {
        try rankedMap(family)[owner]
    }

    func setFirstRanked(_ family: ImportMapping.RankedRows, of owner: Int64, to id: Int64) throws {
        _ = try rankedMap(family)
        firstRanked[family]![owner] = id
    }

    private func rankedMap(_ family: ImportMapping.RankedRows) throws -> [Int64: Int64] {
        if let map = firstRanked[family] { return map }
        var map: [Int64: Int64] = [:]
        let kind: PortableSQL = family.kind.map { " WHERE kind = \($0)" } ?? ""
        // Read last to first: the owner's first row is the one written last.
        try pairs("SELECT \(raw: family.ownerColumn), id FROM \(raw: family.table)\(kind) ORDER BY rank DESC, id DESC") { map[$0] = $1 }
        firstRanked[family] = map
        return map
    }

    // MARK: Members

    /// The owner's members in the link table.
    func members(_ link: ImportMapping.Members, of owner: Int64) throws -> Set<Int64> {
        try membersMap(link)[owner] ?? []
    }

    func setMembers(_ link: ImportMapping.Members, of owner: Int64, to ids: Set<Int64>) throws {
        _ = try membersMap(link)
        members[link.table]![owner] = ids
    }

    private func membersMap(_ link: ImportMapping.Members) throws -> [Int64: Set<Int64>] {
        if let map = members[link.table] { return map }
        var map: [Int64: Set<Int64>] = [:]
        try pairs("SELECT \(raw: link.ownerColumn), \(raw: link.memberColumn) FROM \(raw: link.table)") { map[$0, default: []].insert($1) }
        members[link.table] = map
        return map
    }

    /// Each row of two integer columns.
    private func pairs(_ statement: PortableSQL, _ body: (Int64, Int64) -> Void) throws {
        let (sql, arguments) = statement.rendered(in: database.dialect)
        try database.forEachRow(sql, arguments) { body($0.int64(at: 0), $0.int64(at: 1)) }
    }
}
