
/// Emits the row stream of an aggregate plan: headers, details with running values, footers,
/// and the grand total.
struct AggregateRowStream {
    let plan: AggregatePlan
    let catalog: ProviderCatalog
    let context: QueryContext
    let clock: ZonedClock
    private let decoder: CellDecoder
    /// The GroupBy items, in select order.
    private let groupItems: [Int]

    init(plan: AggregatePlan, catalog: ProviderCatalog, context: QueryContext, clock: ZonedClock) {
        self.plan = plan
        self.catalog = catalog
        self.context = context
        self.clock = clock
        self.decoder = CellDecoder(context: context, clock: clock)
        self.groupItems = plan.items.indices.filter { plan.items[$0].level != nil }
    }

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

    /// The final values read before the stream starts: of the groups each level needs, and of
    /// everything (the grand total).
    private struct Finals {
        /// Per level, its groups by their normalized keys.
        var groups: [Int: [[DatabaseValue]: Group]] = [:]
        /// The innermost level's groups, in the order of its statement.
        var orderedInnermost: [Group] = []
        var total: [DatabaseValue]?
    }

    func run(on database: some ArchiveDatabase, into emitter: inout Emitter) throws {
        let finals = try readFinals(on: database)
        var walk = GroupWalk(stream: self, groups: finals.groups)
        if let details = plan.details {
            try emitDetails(details, on: database, finals: finals, walk: &walk, into: &emitter)
        } else {
            try emitGroups(finals.orderedInnermost, walk: &walk, into: &emitter)
        }
        // A full page ends the stream where it is: the groups still open get no footer rows.
        if emitter.isFull { return }
        try walk.close(into: &emitter)
        if emitter.isFull { return }
        if plan.wantsGrandTotal || (plan.levels.isEmpty && plan.details == nil), let total = finals.total {
            try emitter.emit(grandTotalRow(total))
        }
    }

    /// Reads the final values the stream needs: a level's groups when its header or footer rows
    /// show, when there are no detail rows, or when a Percent divides by the innermost groups'.
    private func readFinals(on database: some ArchiveDatabase) throws -> Finals {
        let hasPercent = plan.items.contains { if case .aggregate(.percent, _, _, _, _, _, _) = $0 { true } else { false } }
        let innermost = plan.levels.last
        var finals = Finals()
        for level in plan.levels where plan.details == nil || needsFinals(level: level) || (hasPercent && level == innermost) {
            guard let statement = plan.groupStatements[level] else { continue }
            let keyCount = keyItems(upTo: level).count
            var byKey: [[DatabaseValue]: Group] = [:]
            try database.forEachRow(statement.sql, statement.values) { row in
                let values = row.values
                let group = Group(
                    keys: Array(values[0..<keyCount]), displays: Array(values[keyCount..<(2 * keyCount)]),
                    finals: Array(values[(2 * keyCount)...]))
                byKey[Self.normalized(group.keys)] = group
                if level == innermost { finals.orderedInnermost.append(group) }
            }
            finals.groups[level] = byKey
        }
        if let statement = plan.grandTotal, plan.wantsGrandTotal || (hasPercent && plan.levels.isEmpty) || plan.details == nil {
            finals.total = try database.allRows(statement.sql, statement.values).first
        }
        return finals
    }

    /// The detail rows, as the database reads them, each after the header and footer rows its
    /// group keys call for; stops reading once the page is full.
    private func emitDetails(
        _ details: RenderedStatement, on database: some ArchiveDatabase, finals: Finals, walk: inout GroupWalk, into emitter: inout Emitter
    ) throws {
        var reader = DetailAccumulator(stream: self)
        var stop = false
        try database.forEachRow(details.sql, details.values) { row in
            guard !stop else { return }
            let keys = levelKeys { index in
                if case .group(_, _, _, _, _, let valueIndex, _) = plan.items[index] { row.value(at: valueIndex) } else { .null }
            }
            if walk.isNewGroup(keys) {
                try walk.advance(to: keys, into: &emitter)
                reader.startGroup()
            }
            let innermostGroup = plan.levels.last.flatMap { finals.groups[$0]?[Self.normalized(keys.last ?? [])] }
            let cells = reader.cells(of: row, wholes: innermostGroup?.finals ?? finals.total ?? [])
            let primaryKey = row.int64(at: plan.primaryKeyIndex)
            try emitter.emit(ArchiveRow(
                kind: .detail, primaryKey: primaryKey, entityName: catalog.defaultEntities.first ?? "",
                cells: cells, linkHintKey: catalog.rootHintKey))
            stop = emitter.isFull
        }
    }

    /// Without detail rows, the innermost groups (already ordered) drive the stream.
    private func emitGroups(_ innermostGroups: [Group], walk: inout GroupWalk, into emitter: inout Emitter) throws {
        for group in innermostGroups {
            let keys = plan.levels.map { level in Array(group.keys[0..<keyItems(upTo: level).count]) }
            try walk.advance(to: keys, into: &emitter)
            if emitter.isFull { return }
        }
    }

    /// The GroupBy items of `level` and of the levels outside it, in select order: the keys of its groups.
    private func keyItems(upTo level: Int) -> [Int] {
        groupItems.filter { (plan.items[$0].level ?? 0) <= level }
    }

    /// The keys of every level, from the values of the group columns (in select order).
    private func levelKeys(_ value: (Int) -> DatabaseValue) -> [[DatabaseValue]] {
        plan.levels.map { level in keyItems(upTo: level).map(value) }
    }

    /// The grand-total row: the aggregates' final values over every row.
    private func grandTotalRow(_ total: [DatabaseValue]) -> ArchiveRow {
        var cells: [ArchiveCell] = []
        for (index, item) in plan.items.enumerated() {
            if case .aggregate(_, _, _, _, _, let kind, _) = item, let position = plan.aggregateOrder.firstIndex(of: index) {
                cells.append(decoder.cell(total[position], kind: kind))
            } else {
                cells.append(Self.blank)
            }
        }
        // Key 0: no chat has it, so a client keying rows by PrimaryKey keeps every row.
        return ArchiveRow(kind: .grandTotal, primaryKey: 0, entityName: "grandtotal", cells: cells)
    }

    /// Whether a level's header or footer rows are shown (they need the groups' final values).
    private func needsFinals(level: Int) -> Bool {
        plan.items.contains { if case .group(level, _, let header, let footer, _, _, _) = $0 { header || footer } else { false } }
    }

    /// The cells of a header or footer row of `level`.
    private func summaryCells(level: Int, group: Group) -> [ArchiveCell] {
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

// MARK: - Walking the groups

extension AggregateRowStream {
    /// Walks the groups level by level as the keys change: closing the groups that ended (their
    /// footer rows, innermost first), then opening the new ones (their header rows, outermost
    /// first). Header and footer rows are numbered apart, each from 1.
    private struct GroupWalk {
        let stream: AggregateRowStream
        /// Per level, its groups by their normalized keys.
        let groups: [Int: [[DatabaseValue]: Group]]
        /// The keys of every level of the group being read; nil before the first and after the last.
        private var current: [[DatabaseValue]]? = nil
        private var headerNumber: Int64 = 0, footerNumber: Int64 = 0

        init(stream: AggregateRowStream, groups: [Int: [[DatabaseValue]: Group]]) {
            self.stream = stream
            self.groups = groups
        }

        /// Whether `keys` are not those of the group being read (or no group is).
        func isNewGroup(_ keys: [[DatabaseValue]]) -> Bool {
            current.map { keys.map(AggregateRowStream.normalized) != $0.map(AggregateRowStream.normalized) } ?? true
        }

        mutating func advance(to keys: [[DatabaseValue]], into emitter: inout Emitter) throws {
            let levels = stream.plan.levels
            let changed = current.map { old in keys.indices.first { AggregateRowStream.normalized(old[$0]) != AggregateRowStream.normalized(keys[$0]) } ?? keys.count } ?? 0
            if let old = current, changed < keys.count {
                for index in stride(from: levels.count - 1, through: changed, by: -1) where hasRows(levels[index], footer: true) {
                    try emitRow(level: levels[index], keys: old[index], footer: true, into: &emitter)
                }
            }
            if current == nil || changed < keys.count {
                for index in changed..<keys.count where hasRows(levels[index], footer: false) {
                    try emitRow(level: levels[index], keys: keys[index], footer: false, into: &emitter)
                }
            }
            current = keys
        }

        /// Closes every group still open (after the last row).
        mutating func close(into emitter: inout Emitter) throws {
            guard let old = current else { return }
            let levels = stream.plan.levels
            for index in stride(from: levels.count - 1, through: 0, by: -1) where hasRows(levels[index], footer: true) {
                try emitRow(level: levels[index], keys: old[index], footer: true, into: &emitter)
            }
            current = nil
        }

        /// Whether the groups of `level` have header rows (or, with `footer`, footer rows).
        private func hasRows(_ level: Int, footer: Bool) -> Bool {
            stream.plan.items.contains { if case .group(level, _, let header, let hasFooter, _, _, _) = $0 { footer ? hasFooter : header } else { false } }
        }

        /// The header or footer row of a group, with its final values.
        private mutating func emitRow(level: Int, keys: [DatabaseValue], footer: Bool, into emitter: inout Emitter) throws {
            guard let group = groups[level]?[AggregateRowStream.normalized(keys)] else { return }
            let number: Int64
            if footer { footerNumber += 1; number = footerNumber } else { headerNumber += 1; number = headerNumber }
            try emitter.emit(ArchiveRow(
                kind: footer ? .footer(level: level) : .header(level: level), primaryKey: number,
                entityName: "\(footer ? "footer" : "header"):\(level)", cells: stream.summaryCells(level: level, group: group)))
        }
    }
}

// MARK: - Detail rows

extension AggregateRowStream {
    /// Reads the cells of detail rows: plain columns as any page reads them (one compiled
    /// instruction each), group values, and the running values of the aggregates, which start
    /// again with each group.
    private struct DetailAccumulator {
        let stream: AggregateRowStream
        let plainReader: RowDecoder
        /// The plain reader's instruction of each plain item, by item index.
        let plainInstruction: [Int: Int]
        private var running: [Running]

        init(stream: AggregateRowStream) {
            var plainInstruction: [Int: Int] = [:]
            var plainReaders: [CellSource] = [], plainColumns: [ResultColumn] = []
            for (index, item) in stream.plan.items.enumerated() {
                guard case .plain(let reader, let kind) = item else { continue }
                plainInstruction[index] = plainReaders.count
                plainReaders.append(reader)
                plainColumns.append(ResultColumn(key: "", column: "", kind: kind))
            }
            self.stream = stream
            self.plainInstruction = plainInstruction
            self.plainReader = RowDecoder(
                program: RowDecoder.Program(sources: plainReaders, columns: plainColumns), catalog: stream.catalog,
                decoder: stream.decoder, primaryKeyIndex: stream.plan.primaryKeyIndex)
            self.running = Array(repeating: Running(), count: stream.plan.items.count)
        }

        mutating func startGroup() {
            running = Array(repeating: Running(), count: stream.plan.items.count)
        }

        /// The cells of one detail row, taking its values into the running aggregates. `wholes`
        /// are the finals a Percent divides by: its innermost group's, or the grand total's.
        mutating func cells(of row: some ResultRow, wholes: [DatabaseValue]) -> [ArchiveCell] {
            let decoder = stream.decoder
            var cells: [ArchiveCell] = []
            for (index, item) in stream.plan.items.enumerated() {
                switch item {
                case .plain:
                    cells.append(plainReader.cell(at: plainInstruction[index]!, row))
                case .group(_, let argument, _, _, let hidden, let valueIndex, let displayIndex):
                    cells.append(hidden ? AggregateRowStream.blank : decoder.cell(row.value(at: valueIndex), kind: argument.kind, display: displayIndex.map { row.string(at: $0) ?? "" }))
                case .aggregate(let function, _, let hidden, let valueIndex, _, let kind, let averaged):
                    let value = row.value(at: valueIndex)
                    AggregateRowStream.update(&running[index], function: function, value: value, averaged: averaged)
                    if hidden {
                        cells.append(AggregateRowStream.blank)
                    } else if function == .percent {
                        cells.append(stream.percentCell(value, item: index, wholes: wholes))
                    } else {
                        cells.append(decoder.cell(AggregateRowStream.value(running[index], function: function), kind: kind))
                    }
                case .scalar(let argument, let valueIndex):
                    cells.append(decoder.cell(row.value(at: valueIndex), kind: argument.kind))
                }
            }
            return cells
        }
    }

    /// A Percent's cell: the row's value as a share of the whole its aggregate sums to.
    private func percentCell(_ value: DatabaseValue, item index: Int, wholes: [DatabaseValue]) -> ArchiveCell {
        let position = plan.aggregateOrder.firstIndex(of: index)!
        let whole = wholes[safe: position]?.doubleValue ?? 0
        let share: DatabaseValue = value.doubleValue.map { whole == 0 ? .null : .real($0 / whole * 100) } ?? .null
        return decoder.cell(share, kind: .field(.decimal))
    }
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
