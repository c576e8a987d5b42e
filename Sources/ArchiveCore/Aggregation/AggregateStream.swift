
/// Emits the row stream of an aggregate plan: headers, details with running values, footers,
/// and the grand total.
struct Stream {
    let plan: AggregatePlan
    let provider: ArchiveProvider
    let context: QueryContext
    let clock: ZonedClock

    /// The final values of one group.
    private struct Group {
        let keys: [DatabaseValue]
        let displays: [DatabaseValue]
        let finals: [DatabaseValue]
    }

    /// A running aggregate of detail rows.
    private struct Running {
        var rows = 0
        var values = 0
        var distinct = Set<DatabaseValue>()
        var sum: Double = 0
        var integerSum: Int64 = 0
        var sumIsInteger = true
        var minimum: DatabaseValue?
        var maximum: DatabaseValue?
    }

    func run(on database: some ArchiveDatabase, into emitter: inout Emitter) throws {
        let decoder = CellDecoder(context: context, clock: clock)
        // Plain columns are read as any page reads them: one compiled instruction each.
        var plainInstruction: [Int: Int] = [:]
        var plainReaders: [CellReader] = [], plainColumns: [ResultColumn] = []
        for (index, item) in plan.items.enumerated() {
            guard case .plain(let reader, let kind) = item else { continue }
            plainInstruction[index] = plainReaders.count
            plainReaders.append(reader)
            plainColumns.append(ResultColumn(key: "", column: "", kind: kind))
        }
        let plainReader = RowReader(
            program: RowReader.Program(readers: plainReaders, columns: plainColumns), catalog: provider.catalog, decoder: decoder,
            primaryKeyIndex: plan.primaryKeyIndex)
        let groupItems = plan.items.indices.filter { plan.items[$0].level != nil }
        let hasPercent = plan.items.contains { if case .aggregate(.percent, _, _, _, _, _, _) = $0 { true } else { false } }
        let innermost = plan.levels.last

        // Final values: of the groups each level needs, and of everything (the grand total).
        var groups: [Int: [[DatabaseValue]: Group]] = [:]
        var orderedInnermost: [Group] = []
        for level in plan.levels where plan.details == nil || needsFinals(level: level) || (hasPercent && level == innermost) {
            guard let statement = plan.groupStatements[level] else { continue }
            let keyCount = groupItems.filter { (plan.items[$0].level ?? 0) <= level }.count
            var byKey: [[DatabaseValue]: Group] = [:]
            try database.forEachRow(statement.sql, statement.values) { row in
                let values = row.values
                let group = Group(
                    keys: Array(values[0..<keyCount]), displays: Array(values[keyCount..<(2 * keyCount)]),
                    finals: Array(values[(2 * keyCount)...]))
                byKey[Self.normalized(group.keys)] = group
                if level == innermost { orderedInnermost.append(group) }
            }
            groups[level] = byKey
        }
        var total: [DatabaseValue]?
        if let statement = plan.grandTotal, provider.wantsGrandTotal(plan) || (hasPercent && plan.levels.isEmpty) || plan.details == nil {
            total = try database.allRows(statement.sql, statement.values).first
        }

        var headerNumber: Int64 = 0, footerNumber: Int64 = 0
        func aggregateRow(level: Int, keys: [DatabaseValue], footer: Bool) throws {
            guard let group = groups[level]?[Self.normalized(keys)] else { return }
            let number: Int64
            if footer { footerNumber += 1; number = footerNumber } else { headerNumber += 1; number = headerNumber }
            try emitter.emit(ArchiveRow(
                kind: footer ? .footer(level: level) : .header(level: level), primaryKey: number,
                entityName: "\(footer ? "footer" : "header"):\(level)", cells: summaryCells(level: level, group: group, decoder: decoder)))
        }
        func opens(_ level: Int, footer: Bool) -> Bool {
            plan.items.contains { if case .group(level, _, let header, let hasFooter, _, _, _) = $0 { footer ? hasFooter : header } else { false } }
        }

        // Walks groups level by level as keys change: closing the groups that ended (footers,
        // innermost first), then opening the new ones (headers, outermost first).
        var current: [[DatabaseValue]]? = nil
        func advance(to keys: [[DatabaseValue]]) throws {
            let changed = current.map { old in keys.indices.first { Self.normalized(old[$0]) != Self.normalized(keys[$0]) } ?? keys.count } ?? 0
            if let old = current, changed < keys.count {
                for index in stride(from: plan.levels.count - 1, through: changed, by: -1) where opens(plan.levels[index], footer: true) {
                    try aggregateRow(level: plan.levels[index], keys: old[index], footer: true)
                }
            }
            if current == nil || changed < keys.count {
                for index in changed..<keys.count where opens(plan.levels[index], footer: false) {
                    try aggregateRow(level: plan.levels[index], keys: keys[index], footer: false)
                }
            }
            current = keys
        }
        func close() throws {
            guard let old = current else { return }
            for index in stride(from: plan.levels.count - 1, through: 0, by: -1) where opens(plan.levels[index], footer: true) {
                try aggregateRow(level: plan.levels[index], keys: old[index], footer: true)
            }
            current = nil
        }
        /// The keys of every level, from the values of the group columns (in select order).
        func levelKeys(_ value: (Int) -> DatabaseValue) -> [[DatabaseValue]] {
            plan.levels.map { level in groupItems.filter { (plan.items[$0].level ?? 0) <= level }.map(value) }
        }

        if let details = plan.details {
            var running = Array(repeating: Running(), count: plan.items.count)
            var stop = false
            try database.forEachRow(details.sql, details.values) { row in
                guard !stop else { return }
                let keys = levelKeys { index in
                    if case .group(_, _, _, _, _, let valueIndex, _) = plan.items[index] { row.value(at: valueIndex) } else { .null }
                }
                if current == nil || keys.map(Self.normalized) != current!.map(Self.normalized) {
                    try advance(to: keys)
                    running = Array(repeating: Running(), count: plan.items.count)
                }
                let innermostGroup = innermost.flatMap { groups[$0]?[Self.normalized(keys.last ?? [])] }
                var cells: [ArchiveCell] = []
                for (index, item) in plan.items.enumerated() {
                    switch item {
                    case .plain:
                        cells.append(plainReader.cell(at: plainInstruction[index]!, row))
                    case .group(_, let argument, _, _, let hidden, let valueIndex, let displayIndex):
                        cells.append(hidden ? Self.blank : decoder.cell(row.value(at: valueIndex), kind: argument.kind, display: displayIndex.map { row.string(at: $0) ?? "" }))
                    case .aggregate(let function, _, let hidden, let valueIndex, _, let kind, let averaged):
                        let value = row.value(at: valueIndex)
                        Self.update(&running[index], function: function, value: value, averaged: averaged)
                        if hidden {
                            cells.append(Self.blank)
                        } else if function == .percent {
                            let position = plan.aggregateOrder.firstIndex(of: index)!
                            let whole = (innermostGroup?.finals ?? total ?? [])[safe: position]?.doubleValue ?? 0
                            let share: DatabaseValue = value.doubleValue.map { whole == 0 ? .null : .real($0 / whole * 100) } ?? .null
                            cells.append(decoder.cell(share, kind: .decimal))
                        } else {
                            cells.append(decoder.cell(Self.value(running[index], function: function), kind: kind))
                        }
                    case .scalar(let argument, let valueIndex):
                        cells.append(decoder.cell(row.value(at: valueIndex), kind: argument.kind))
                    }
                }
                let primaryKey = row.int64(at: plan.primaryKeyIndex)
                try emitter.emit(ArchiveRow(
                    kind: .detail, primaryKey: primaryKey, entityName: provider.catalog.defaultEntities.first ?? "",
                    cells: cells, linkHintKey: provider.catalog.rootHintKey))
                stop = emitter.isFull
            }
            if stop { return }
        } else {
            // Without detail rows, the innermost groups (already ordered) drive the stream.
            for group in orderedInnermost {
                let keys = plan.levels.map { level in
                    Array(group.keys[0..<groupItems.filter { (plan.items[$0].level ?? 0) <= level }.count])
                }
                try advance(to: keys)
                if emitter.isFull { return }
            }
        }
        try close()
        if emitter.isFull { return }
        if provider.wantsGrandTotal(plan) || (plan.levels.isEmpty && plan.details == nil), let total {
            var cells: [ArchiveCell] = []
            for (index, item) in plan.items.enumerated() {
                if case .aggregate(_, _, _, _, _, let kind, _) = item, let position = plan.aggregateOrder.firstIndex(of: index) {
                    cells.append(decoder.cell(total[position], kind: kind))
                } else {
                    cells.append(Self.blank)
                }
            }
            // Key 0: no chat has it, so a client keying rows by PrimaryKey keeps every row.
            try emitter.emit(ArchiveRow(kind: .grandTotal, primaryKey: 0, entityName: "grandtotal", cells: cells))
        }
    }

    /// Whether a level's header or footer rows are shown (they need the groups' final values).
    private func needsFinals(level: Int) -> Bool {
        plan.items.contains { if case .group(level, _, let header, let footer, _, _, _) = $0 { header || footer } else { false } }
    }

    /// The cells of a header or footer row of `level`.
    private func summaryCells(level: Int, group: Group, decoder: CellDecoder) -> [ArchiveCell] {
        var keyIndex = 0
        return plan.items.enumerated().map { index, item in
            switch item {
            case .group(let itemLevel, let argument, _, _, _, _, _):
                guard itemLevel <= level else { return Self.blank }
                defer { keyIndex += 1 }
                // A group of rows with no value says so, unlike a group whose value is "".
                let key = group.keys[keyIndex]
                let display = key.isNull ? LocalizedText.none.text(in: context.language) : group.displays[keyIndex].textValue
                return decoder.cell(key, kind: argument.kind, display: display)
            case .aggregate(_, _, _, _, _, let kind, _):
                let position = plan.aggregateOrder.firstIndex(of: index)!
                return decoder.cell(group.finals[position], kind: kind)
            case .plain, .scalar:
                return Self.blank
            }
        }
    }

    /// Aggregate rows and hidden columns leave out what does not apply to them.
    private static let blank = ArchiveCell.absent

    /// Group keys compared as SQLite's NOCASE grouping compares them.
    private static func normalized(_ keys: [DatabaseValue]) -> [DatabaseValue] {
        keys.map { value in
            if case .text(let text) = value { return .text(text.asciiLowercased()) }
            return value
        }
    }

    private static func update(_ running: inout Running, function: AggregateFunction, value: DatabaseValue, averaged: AggregatePlan.AveragedValues) {
        running.rows += 1
        guard !value.isNull else { return }
        switch function {
        case .count:
            running.distinct.insert(normalized([value])[0])
        case .sum, .percent, .average:
            guard let number = value.doubleValue else { return }
            if function == .average && (averaged == .positive && number <= 0 || averaged == .nonNegative && number < 0) { return }
            running.values += 1
            running.sum += number
            if case .integer(let integer) = value { running.integerSum &+= integer } else { running.sumIsInteger = false }
        case .minimum:
            if running.minimum.map({ compare(value, $0) < 0 }) ?? true { running.minimum = value }
        case .maximum:
            if running.maximum.map({ compare(value, $0) > 0 }) ?? true { running.maximum = value }
        case .countAll, .groupBy, .datePart:
            break
        }
    }

    private static func value(_ running: Running, function: AggregateFunction) -> DatabaseValue {
        switch function {
        case .count: .integer(Int64(running.distinct.count))
        case .countAll: .integer(Int64(running.rows))
        case .sum, .percent: running.values == 0 ? .null : running.sumIsInteger ? .integer(running.integerSum) : .real(running.sum)
        case .average: running.values == 0 ? .null : .real(running.sum / Double(running.values))
        case .minimum: running.minimum ?? .null
        case .maximum: running.maximum ?? .null
        case .groupBy, .datePart: .null
        }
    }

    /// SQLite's order of two values (numbers before text; text compared without ASCII case).
    private static func compare(_ left: DatabaseValue, _ right: DatabaseValue) -> Int {
        switch (left, right) {
        case (.text(let a), .text(let b)):
            let (x, y) = (a.asciiLowercased(), b.asciiLowercased())
            return x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
        default:
            if let a = left.doubleValue, let b = right.doubleValue { return a == b ? 0 : (a < b ? -1 : 1) }
            if left.doubleValue != nil { return -1 }
            return 1
        }
    }
}

extension ArchiveProvider {
    func wantsGrandTotal(_ plan: AggregatePlan) -> Bool { plan.wantsGrandTotal }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension String {
    /// Lower-cases ASCII letters only, as SQLite's NOCASE collation does.
    func asciiLowercased() -> String {
        String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
