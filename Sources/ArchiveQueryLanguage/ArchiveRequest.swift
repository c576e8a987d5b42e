public import ArchiveCore

/// A request to an archive provider as its query options describe it: the query, and how the
/// answer should be written.
///
/// ```swift
/// let request = try ArchiveRequest.parse(
///     [("$select", "chatSessionId,person/lastName"), ("$filter", "rating ge 4"), ("$top", "50")],
///     catalog: ChatSessionCatalog.catalog, defaultEntities: ["chat"])
/// let page = try provider.page(request.query, context: context, database: connection)
/// ```
public struct ArchiveRequest: Sendable, Equatable {
    /// Columns, restriction, order, entities, page and extras.
    public var query: ArchiveQuery
    /// `$mode`: Slim (default) or Full (`Wide` is read as Full).
    public var mode: ResponseMode
    /// `$output`: Logical (default) or Display.
    public var output: OutputStyle
    /// `$jsonSafe`: whether result keys have every character outside `[A-Za-z0-9_]` replaced by `_`.
    public var jsonSafe: Bool
    /// `$format`; nil when the server should choose from `Accept`.
    public var format: ResponseFormat?
    /// `$context`: accepted and kept; the ChatSession provider does not use it.
    public var context: String?
    /// `$metadata`: the answer is the provider's column descriptions instead of rows (the
    /// reference's default value `ALL`).
    public var metadata = false
    /// `$deltatoken`: the change-feed position a delta link carries (see
    /// ``ArchiveProvider/deltaToken(position:for:language:)``); nil when not tracking.
    public var deltaToken: String?
    /// The names `$select` gives its columns with `as` (`Count(chatSessionId) as chats`), by the
    /// key the provider gives the column (the spec as written). Writers use them as keys.
    public var columnNames: [String: String] = [:]

    /// The key a result column is written under: its `as` name, or the spec as written.
    public func name(of key: String) -> String { columnNames[key] ?? key }

    public init(
        query: ArchiveQuery = ArchiveQuery(), mode: ResponseMode = .slim, output: OutputStyle = .logical, jsonSafe: Bool = false,
        format: ResponseFormat? = nil, context: String? = nil
    ) {
        self.query = query
        self.mode = mode
        self.output = output
        self.jsonSafe = jsonSafe
        self.format = format
        self.context = context
    }

    /// Parses query options given as (name, value) pairs, already percent-decoded, in the order
    /// received (from a URL query string or a form-encoded POST body). Names are
    /// case-insensitive.
    ///
    /// Parameters whose name does not start with `$` are not options and are ignored. The
    /// columns of `$select` and `$orderBy` are checked against `catalog` here, so that their
    /// errors carry a position; `$filter` columns, operators and values, and `$entities` names,
    /// are checked by the provider when it runs the query.
    ///
    /// - Parameters:
    ///   - options: the parameters, in the order received.
    ///   - catalog: the provider the request is for.
    ///   - defaultEntities: the entities when `$entities` is absent or empty.
    /// - Throws: ``ArchiveError`` naming the option (`$filter`, `$top`, …): `invalidOption` for
    ///   an unknown or repeated option or a bad value, `syntax` for a malformed `$filter`,
    ///   `$select` or `$orderBy`, `unknownColumn` or `columnNotOrderable` for their columns.
    public static func parse(
        _ options: [(name: String, value: String)], catalog: ProviderCatalog, defaultEntities: [String] = []
    ) throws -> ArchiveRequest {
        // Names first: an unknown or repeated option is reported before any value.
        var given: [(option: QueryOption, value: String)] = []
        var spellings: [QueryOption: String] = [:]
        for (name, value) in options where name.hasPrefix("$") {
            guard let option = QueryOption(name: name) else { throw unknownOption(name) }
            if let first = spellings[option] {
                let how = first == name ? "" : " (as \(quoted(first)) and \(quoted(name)))"
                throw ArchiveError(.invalidOption, "'\(option.rawValue)' is given twice\(how); give each option once", option: option.rawValue)
            }
            spellings[option] = name
            given.append((option, value))
        }

        var request = ArchiveRequest()
        request.query.entities = defaultEntities
        var selectItems: [SelectParser.Item] = []
        var orderItems: [OrderByParser.Item] = []
        for (option, value) in given {
            switch option {
            case .select: selectItems = try SelectParser.items(value)
            case .filter: request.query.restriction = try FilterParser.parse(value)
            case .orderBy: orderItems = try OrderByParser.items(value)
            case .top: request.query.page.top = try OptionValues.count(value, option: .top)
            case .skip: request.query.page.skip = try OptionValues.count(value, option: .skip)
            case .skipToken: request.query.page.cursor = value.isEmpty ? nil : value
            case .mode: request.mode = try OptionValues.mode(value)
            case .output: request.output = try OptionValues.output(value)
            case .jsonSafe: request.jsonSafe = try OptionValues.bool(value, option: .jsonSafe)
            case .format: request.format = try OptionValues.format(value)
            case .inlineCount: request.query.options.inlineCount = try OptionValues.inlineCount(value)
            case .options: request.query.options.grandTotal = try ProviderOptions.grandTotal(in: value, provider: catalog.name)
            case .context: request.context = value
            case .entities:
                let names = try OptionValues.entities(value) ?? defaultEntities
                // `all` means every entity of the provider.
                request.query.entities = names.contains { $0.lowercased() == "all" } ? catalog.entities.map(\.name) : names
            case .metadata: request.metadata = try OptionValues.metadata(value)
            case .deltaToken: request.deltaToken = value.isEmpty ? nil : value
            }
        }

        // Columns last: ordering by an aggregate needs the whole of `$select`.
        let check = CatalogCheck(catalog: catalog)
        try check.checkSelect(selectItems)
        request.query.select = selectItems.map(\.spec)
        for item in selectItems { if let name = item.name { request.columnNames[item.spec.key] = name } }
        // `$orderBy` may name a column by its `as` name.
        orderItems = orderItems.map { item in
            guard let named = selectItems.first(where: { $0.name?.lowercased() == item.item.column.lowercased() }) else { return item }
            let isAggregate = if case .aggregate = named.spec { true } else { false }
            return OrderByParser.Item(item: OrderItem(named.spec.key, item.item.direction), position: item.position, isAggregate: isAggregate)
        }
        try check.checkOrderBy(orderItems, select: request.query.select)
        request.query.orderBy = orderItems.map(\.item)
        return request
    }

    private static func unknownOption(_ name: String) -> ArchiveError {
        let names = QueryOption.names(closestTo: name)
        let guess = names.first.flatMap { EditDistance.between(name.lowercased(), $0.lowercased()) <= 2 ? "; did you mean '\($0)'?" : nil }
        return ArchiveError(
            .invalidOption,
            "\(quoted(name)) is not a query option\(guess ?? ""); the options are \(QueryOption.allCases.map(\.rawValue).joined(separator: ", "))",
            option: name, suggestions: names)
    }
}
