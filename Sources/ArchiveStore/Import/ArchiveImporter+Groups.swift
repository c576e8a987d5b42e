import ArchiveCore

/// Writing an owner's group: the row the chat points at (its person, say), then the rows keyed
/// by it (details, user-defined and extra fields), its addresses, its first ranked rows and its
/// members.
extension ArchiveImporter {
    /// Writes the owner's rows of the line and points the chat at the owner, unless the line
    /// repeats what an earlier line wrote of the same owner (`fingerprint`: of the line's values of
    /// the group, as the file has them). `place` puts the group's values into the line, which
    /// a repeated group never needs.
    func writeGroup(of owner: ImportLayout.Owner, fingerprint groupHash: Int, place: () -> Void) throws {
        let chat = ImportLayout.chat
        let relation = layout.ownerRelation[owner.rawValue]
        let chatSlot = layout.ownerSlotInChat[owner.rawValue]
        let reference = line[chat, chatSlot]
        // An id given as null: the chat has no such row (its other columns are the empty
        // values of a missing row, such as false for a flag).
        if let reference, reference.isNull { return }
        var isPlaced = false
        var id = reference?.integerValue
        if id == nil {
            place()
            isPlaced = true
            id = try ownID(relation)
            if id == nil, !line.givesValues(relation) { return }
        }
        // Kept, and compared, only for a group with an id.
        var hasher = ImportFingerprint()
        hasher.combine(UInt64(bitPattern: Int64(groupHash)))
        hasher.combine(UInt64(bitPattern: id ?? 0))
        let fingerprint = hasher.finalize()
        if let id, let written = writtenGroups[owner.rawValue][id], written.fingerprint == fingerprint, try !written.missing.contains(where: { try rows.has($0.0, $0.1) }) {
            line[chat, chatSlot] = .integer(id)
            countRepeated(owner, given: written.given)
            return
        }
        if !isPlaced { place() }
        let missingBefore = rows.missingRows.count
        for member in layout.groupRelations[owner.rawValue] { try convert(member) }
        let table = layout.relations[relation].table
        let (columns, values) = givenColumns(relation)
        if id == nil { id = try names.findByName(table, Dictionary(uniqueKeysWithValues: zip(columns, values))) }
        let name = columns.firstIndex(of: "name").flatMap { values[$0].textValue }
        if id == nil, owner == .associate, name == nil {
            throw ImportLineError("the line names no agent to match by (associateId, the agent's short name)")
        }
        if let id { line[chat, chatSlot] = .integer(id) }
        if id == nil || !columns.isEmpty {
            let written = try rows.upsert(table, id: id, columns: columns, values: values) { try self.names.requiredColumns(table, name: name) }
            line[chat, chatSlot] = .integer(written)
            if owner == .associate, let name { names.remember(associate: written, named: name) }
        }
        guard let ownerID = line[chat, chatSlot]?.integerValue else { return }
        for member in layout.groupRelations[owner.rawValue] {
            switch layout.relations[member].role {
            case .owned(let owned): try writeOwnedRow(member, owned, of: ownerID)
            case .address(let address): try writeAddress(member, address, of: ownerID)
            case .ranked(let family): try writeFirstRanked(member, family, of: ownerID)
            case .chat, .pointedAt: continue
            }
        }
        for link in layout.groupLinks[owner.rawValue] { try writeMembers(link, of: ownerID) }
        if ownerID == id {
            // References emptied for rows no line had brought yet (an agent's person): a later
            // line repeating the group writes it again once one of them exists.
            let missing = rows.missingRows[missingBefore...].map { ($0.table, $0.id) }
            writtenGroups[owner.rawValue][ownerID] = WrittenGroup(fingerprint: fingerprint, given: givenParts(of: owner), missing: missing)
        }
    }

    /// Which of the group's relations and links the line gives, as bits in the layout's order.
    private func givenParts(of owner: ImportLayout.Owner) -> UInt64 {
        var given: UInt64 = 0
        for (bit, member) in layout.groupRelations[owner.rawValue].enumerated() where bit < 48 && line.givesAny(member) {
            given |= 1 << UInt64(bit)
        }
        for (bit, link) in layout.groupLinks[owner.rawValue].enumerated() where bit < 16 && line.members(link) != nil {
            given |= 1 << UInt64(48 + bit)
        }
        return given
    }

    /// The id the line gives a relation's row, read without converting the rest of it.
    private func ownID(_ relation: Int) throws -> Int64? {
        switch line.rawValue(relation, ImportLayout.idSlot) {
        case nil: return nil
        case .integer(let id)?: return id
        default:
            try convert(relation)
            return line[relation, ImportLayout.idSlot]?.integerValue
        }
    }

    /// Notes a group a line repeats, to count its rows unchanged at the end (``countRepeatedRows()``):
    /// most lines repeat their person and company, and a count per table per line would cost
    /// a lookup by the table's name for each.
    private func countRepeated(_ owner: ImportLayout.Owner, given: UInt64) {
        repeatedGroups[owner.rawValue][given, default: 0] += 1
    }

    /// Counts the rows of the groups lines repeated as unchanged (`given`: as ``givenParts(of:)``).
    func countRepeatedRows() {
        for owner in ImportLayout.Owner.allCases {
            for (given, lines) in repeatedGroups[owner.rawValue] {
                for (bit, member) in layout.groupRelations[owner.rawValue].enumerated() where bit < 48 && given & (1 << UInt64(bit)) != 0 {
                    rows.count(unchanged: layout.relations[member].table, by: lines)
                }
                for (bit, link) in layout.groupLinks[owner.rawValue].enumerated() where bit < 16 && given & (1 << UInt64(48 + bit)) != 0 {
                    rows.count(unchanged: layout.members[link].table, by: lines)
                }
            }
            repeatedGroups[owner.rawValue].removeAll()
        }
    }

    /// The line's columns of a relation other than its id, and their values.
    func givenColumns(_ relation: Int) -> (columns: [String], values: [DatabaseValue]) {
        line.given(relation, columns: layout.relations[relation].columns, except: ImportLayout.idSlot)
    }

    /// A row keyed by its owner (details, user-defined and extra fields).
    private func writeOwnedRow(_ relation: Int, _ owned: ImportMapping.OwnedTable, of ownerID: Int64) throws {
        let (columns, values) = givenColumns(relation)
        guard !columns.isEmpty else { return }
        _ = try rows.upsert(owned.table, key: owned.key, id: ownerID, columns: columns, values: values)
    }

    /// An address of the owner: the one its detail row points at is updated, or a new one
    /// written and pointed at.
    private func writeAddress(_ relation: Int, _ address: ImportMapping.AddressRelation, of ownerID: Int64) throws {
        guard line.hasNonNullValues(relation) else { return }
        let current = try ownerRows.address(address, of: ownerID)
        let givenID = line[relation, ImportLayout.idSlot]?.integerValue
        let (columns, values) = givenColumns(relation)
        let id = try rows.upsert("address", id: givenID ?? current, columns: columns, values: values)
        guard id != current else { return }
        let detail = address.detail
        _ = try rows.upsert(detail.table, key: detail.key, id: ownerID, columns: [address.foreignKey], values: [.integer(id)])
        try ownerRows.setAddress(address, of: ownerID, to: id)
    }

    /// The first row by rank of a family (the person's first e-mail address): updated, or
    /// written as rank 1 when the owner has none and the line gives its value.
    private func writeFirstRanked(_ relation: Int, _ family: ImportMapping.RankedRows, of ownerID: Int64) throws {
        guard line.hasNonNullValues(relation) else { return }
        let first = try ownerRows.firstRanked(family, of: ownerID)
        var (columns, values) = givenColumns(relation)
        if first != nil {
            _ = try rows.upsert(family.table, id: first, columns: columns, values: values)
            return
        }
        // A new row needs what the table cannot do without: its address or number.
        let isPhone = family.table.hasSuffix("_phone")
        guard let index = columns.firstIndex(of: isPhone ? "formatted_number" : "address"), let text = values[index].textValue else { return }
        columns += [family.ownerColumn, "rank"]
        values += [.integer(ownerID), .integer(1)]
        if let kind = family.kind { columns.append("kind"); values.append(.integer(kind)) }
        if isPhone { columns.append("search_number"); values.append(.text(String(text.filter(\.isNumber)))) }
        let givenID = line[relation, ImportLayout.idSlot]?.integerValue
        let id = try rows.upsert(family.table, id: givenID, columns: columns, values: values)
        try ownerRows.setFirstRanked(family, of: ownerID, to: id)
    }

    /// Makes the owner's members exactly the line's: the links it lacks written, the others removed.
    private func writeMembers(_ link: Int, of ownerID: Int64) throws {
        guard let field = line.members(link) else { return }
        let members = layout.members[link]
        let ids = try names.memberIDs(field.value, link: members, column: keyNames[field.key])
        let wanted = Set(ids ?? [])
        let held = try ownerRows.members(members, of: ownerID)
        guard wanted != held else { rows.count(unchanged: members.table); return }
        for id in held.subtracting(wanted) {
            try database.perform("DELETE FROM \(raw: members.table) WHERE \(raw: members.ownerColumn) = \(ownerID) AND \(raw: members.memberColumn) = \(id)")
        }
        for id in wanted.subtracting(held).sorted() {
            try rows.explainingConstraints(members.table) {
                _ = try database.perform("INSERT INTO \(raw: members.table) (\(raw: members.ownerColumn), \(raw: members.memberColumn)) VALUES (\(ownerID), \(id))")
            }
        }
        try ownerRows.setMembers(members, of: ownerID, to: wanted)
        rows.count(changed: members.table)
    }
}
