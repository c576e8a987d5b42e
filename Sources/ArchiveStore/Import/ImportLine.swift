import ArchiveCore

/// One line's values, by relation and slot of the ``ImportLayout``: first as the file has them,
/// then, relation by relation, as the archive stores them. A relation is converted only when it
/// is to be written: most lines repeat their person and company as an earlier line wrote them,
/// and those values are compared as they are, never converted. The arrays are kept from line to
/// line and emptied, not made anew.
struct ImportLine {
    /// The file's values by relation, by slot, and the key that gave each.
    private(set) var raw: [[ImportValue?]] = []
    private(set) var rawKey: [[Int]] = []
    /// A second key's value for a slot a key already gave (`personId` and `person/personId`),
    /// compared once both are converted.
    private(set) var repeated: [(relation: Int, slot: Int, key: Int, value: ImportValue)] = []
    /// The stored values of the relations converted so far, and the importer's own.
    private var stored: [[DatabaseValue?]] = []
    private var isConverted: [Bool] = []
    /// By link: the file's value for the owner's members, and its key.
    private(set) var rawMembers: [(key: Int, value: ImportValue)?] = []

    /// Empties every slot, sized to the layout (which may have grown since the last line).
    mutating func reset(to layout: ImportLayout) {
        resize(to: layout)
        // Through buffers: a subscript of a nested array checks that it is not shared per slot.
        for relation in raw.indices {
            raw[relation].withUnsafeMutableBufferPointer { slots in for slot in slots.indices { slots[slot] = nil } }
            stored[relation].withUnsafeMutableBufferPointer { slots in for slot in slots.indices { slots[slot] = nil } }
            isConverted[relation] = false
        }
        repeated.removeAll(keepingCapacity: true)
        for link in rawMembers.indices { rawMembers[link] = nil }
    }

    /// Grows to the layout (a relation or slot added mid-line), keeping the values.
    mutating func resize(to layout: ImportLayout) {
        while raw.count < layout.relations.count {
            raw.append([])
            rawKey.append([])
            stored.append([])
            isConverted.append(false)
        }
        for relation in layout.relations.indices where raw[relation].count < layout.relations[relation].columns.count {
            let missing = layout.relations[relation].columns.count - raw[relation].count
            raw[relation] += Array(repeating: nil, count: missing)
            rawKey[relation] += Array(repeating: -1, count: missing)
            stored[relation] += Array(repeating: nil, count: missing)
        }
        if rawMembers.count < layout.members.count { rawMembers += Array(repeating: nil, count: layout.members.count - rawMembers.count) }
    }

    /// Puts a value of the file into its slot (key `key` gave it).
    mutating func give(_ value: ImportValue, relation: Int, slot: Int, key: Int) {
        if raw[relation][slot] != nil {
            repeated.append((relation, slot, key, value))
        } else {
            raw[relation][slot] = value
            rawKey[relation][slot] = key
        }
    }

    mutating func give(members value: ImportValue, link: Int, key: Int) { rawMembers[link] = (key, value) }

    // MARK: Stored values

    /// Stores a relation's converted values (`convert` gives a slot's stored value from the
    /// file's), then checks that keys giving the same slot agree.
    mutating func convert(_ relation: Int, name: (_ key: Int) -> String, _ convert: (_ key: Int, ImportValue) throws -> DatabaseValue) throws {
        guard !isConverted[relation] else { return }
        for slot in raw[relation].indices {
            if let value = raw[relation][slot] { stored[relation][slot] = try convert(rawKey[relation][slot], value) }
        }
        for again in repeated where again.relation == relation {
            let value = try convert(again.key, again.value)
            if let earlier = stored[relation][again.slot], earlier != value {
                throw ImportLineError("\(name(again.key)) says \(value) where another column of the line says \(earlier)")
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
                raw[relation] += Array(repeating: nil, count: missing)
                rawKey[relation] += Array(repeating: -1, count: missing)
            }
            stored[relation][slot] = newValue
        }
    }

    /// Whether the relation's row has any stored value that is not null.
    func hasNonNullValues(_ relation: Int) -> Bool { stored[relation].contains { $0 != nil && !$0!.isNull } }

    /// Whether the file gives the relation any value that is not empty (before conversion).
    func givesValues(_ relation: Int) -> Bool { raw[relation].contains { $0 != nil && !$0!.isEmpty } }

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
