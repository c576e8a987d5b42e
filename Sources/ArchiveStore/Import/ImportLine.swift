import ArchiveCore

/// One line's values, by relation and slot of the ``ImportLayout``: first as the file has them,
/// then, relation by relation, as the archive stores them. A relation is converted only when it
/// is to be written: most lines repeat their person and company as an earlier line wrote them,
/// and those values are compared as they are, never converted. The arrays are kept from line to
/// line and emptied, not made anew.
struct ImportLine {
    /// The line's fields, as the file has them; the slots hold positions in it.
    private var fields: [ImportField] = []
    /// By relation, by slot: the position of the field that gives it (-1: none). Positions,
    /// not copies of the values: a line has hundreds, and most are never converted.
    private var raw: [[Int32]] = []
    /// A second key's value for a slot a key already gave (`personId` and `person/personId`),
    /// compared once both are converted.
    private var repeated: [(relation: Int, slot: Int, position: Int32)] = []
    /// The stored values of the relations converted so far, and the importer's own.
    private var stored: [[DatabaseValue?]] = []
    private var isConverted: [Bool] = []
    /// By link: the position of the field with the owner's members (-1: none).
    private var rawMembers: [Int32] = []

    /// Empties every slot for the line with `fields`, sized to the layout (which may have grown
    /// since the last line).
    mutating func reset(to layout: ImportLayout, fields: [ImportField]) {
        self.fields = fields
        resize(to: layout)
        // Through buffers: a subscript of a nested array checks that it is not shared per slot.
        for relation in raw.indices {
            raw[relation].withUnsafeMutableBufferPointer { slots in slots.update(repeating: -1) }
            stored[relation].withUnsafeMutableBufferPointer { slots in for slot in slots.indices { slots[slot] = nil } }
            isConverted[relation] = false
        }
        repeated.removeAll(keepingCapacity: true)
        rawMembers.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
    }

    /// Grows to the layout (a relation or slot added mid-line), keeping the values.
    mutating func resize(to layout: ImportLayout) {
        while raw.count < layout.relations.count {
            raw.append([])
            stored.append([])
            isConverted.append(false)
        }
        for relation in layout.relations.indices where raw[relation].count < layout.relations[relation].columns.count {
            let missing = layout.relations[relation].columns.count - raw[relation].count
            raw[relation] += Array(repeating: -1, count: missing)
            stored[relation] += Array(repeating: nil, count: missing)
        }
        if rawMembers.count < layout.members.count { rawMembers += Array(repeating: -1, count: layout.members.count - rawMembers.count) }
    }

    /// Puts the field at `position` of the line into its slot.
    mutating func give(_ position: Int, relation: Int, slot: Int) {
        if raw[relation][slot] >= 0 {
            repeated.append((relation, slot, Int32(position)))
        } else {
            raw[relation][slot] = Int32(position)
        }
    }

    /// Puts the field at `position`, an owner's members, into its link.
    mutating func give(members position: Int, link: Int) { rawMembers[link] = Int32(position) }

    /// The file's value for a slot, nil when the line has none.
    func rawValue(_ relation: Int, _ slot: Int) -> ImportValue? {
        let position = raw[relation][slot]
        return position < 0 ? nil : fields[Int(position)].value
    }

    /// Whether the line gives the relation any value (before conversion).
    func givesAny(_ relation: Int) -> Bool { raw[relation].contains { $0 >= 0 } }

    /// The file's value of the owner's members in a link, and its key; nil when the line has none.
    func members(_ link: Int) -> ImportField? {
        let position = rawMembers[link]
        return position < 0 ? nil : fields[Int(position)]
    }

    // MARK: Stored values

    /// Stores a relation's converted values (`convert` gives a slot's stored value from the
    /// file's), then checks that keys giving the same slot agree.
    mutating func convert(_ relation: Int, name: (_ key: Int) -> String, _ convert: (_ key: Int, ImportValue) throws -> DatabaseValue) throws {
        guard !isConverted[relation] else { return }
        for (slot, position) in raw[relation].enumerated() where position >= 0 {
            let field = fields[Int(position)]
            stored[relation][slot] = try convert(field.key, field.value)
        }
        for again in repeated where again.relation == relation {
            let field = fields[Int(again.position)]
            let value = try convert(field.key, field.value)
            if let earlier = stored[relation][again.slot], earlier != value {
                throw ImportLineError("\(name(field.key)) says \(value) where another column of the line says \(earlier)")
            }
        }
        isConverted[relation] = true
    }

    /// A stored value (nil: not given). Only converted relations and the importer's own values
    /// have them.
    subscript(relation: Int, slot: Int) -> DatabaseValue? {
        get { slot < stored[relation].count ? stored[relation][slot] : nil }
        set {
            if slot >= stored[relation].count {
                let missing = slot + 1 - stored[relation].count
                stored[relation] += Array(repeating: nil, count: missing)
                raw[relation] += Array(repeating: -1, count: missing)
            }
            stored[relation][slot] = newValue
        }
    }

    /// Whether the relation's row has any stored value that is not null.
    func hasNonNullValues(_ relation: Int) -> Bool { stored[relation].contains { $0 != nil && !$0!.isNull } }

    /// Whether the file gives the relation any value that is not empty (before conversion).
    func givesValues(_ relation: Int) -> Bool { raw[relation].contains { $0 >= 0 && !fields[Int($0)].value.isEmpty } }

    /// The relation's given columns (their names from `columns`, by slot) other than the slot
    /// `except`, and their stored values, side by side.
    func given(_ relation: Int, columns: [String], except: Int) -> (columns: [String], values: [DatabaseValue]) {
        var names: [String] = [], values: [DatabaseValue] = []
        names.reserveCapacity(stored[relation].count)
        values.reserveCapacity(stored[relation].count)
        for (slot, value) in stored[relation].enumerated() where slot != except {
            guard let value else { continue }
            names.append(columns[slot])
            values.append(value)
        }
        return (names, values)
    }
}

extension ImportValue {
    /// Null, or text that is empty: a value that stores as NULL.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .text(let text): text.isEmpty
        default: false
        }
    }
}
