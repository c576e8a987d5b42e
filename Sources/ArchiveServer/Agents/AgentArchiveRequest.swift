import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage
import Foundation
import HTTPTypes

/// The JSON body of the reference system's archive agent methods
/// (`POST /api/v1/Agents/Archive/GetArchiveListByColumns` and its variants), read into the same
/// ``ArchiveRequest`` the REST endpoint parses, with the same checks and errors (named after the
/// body's fields).
///
/// ```json
/// {"ProviderName": "ChatSession", "Columns": ["chatSessionId", "person/fullName"],
///  "SortOrder": [{"Name": "whenRequested", "Direction": "DESC"}],
///  "Restriction": [{"Name": "rating", "Operator": ">=", "Values": ["[I:4]"], "IsActive": true}],
///  "Entities": ["chat"], "Page": 0, "PageSize": 50}
/// ```
///
/// The methods ending in `2` send `Columns`, `SortOrder`, `Restrictions` and `Entities` as
/// strings (`"rating ge 4 and whenRequested thisYear"`); either form is read in either method.
/// Property names are matched without regard to case, as the reference's model binding does.
struct AgentArchiveRequest {
    let providerName: String
    var request: ArchiveRequest
    /// `rowcount=true` among the options (the methods with a header).
    let wantsRowCount: Bool

    /// The fields, as the reference names them, by the query option each becomes.
    static let fieldNames: [String: String] = [
        "$select": "Columns", "$orderBy": "SortOrder", "$filter": "Restriction", "$entities": "Entities", "$options": "Options",
        "$top": "PageSize", "$skip": "Page",
    ]

    /// Reads a body.
    ///
    /// - Parameters:
    ///   - urlOptions: the query string's options (`$options=GrandTotal=true`, as the reference's
    ///     own requests send it).
    ///   - pageSize: the rows of a page when the body gives no `PageSize`.
    /// - Throws: ``APIError`` 400 naming the field for a body that is not such an object or
    ///   has a field of the wrong type; ``ArchiveError`` (attributed to its field) for what the
    ///   query language or the provider refuses.
    init(json body: [UInt8], urlOptions: [(name: String, value: String)], catalog: ProviderCatalog, pageSize: Int) throws {
        guard let object = JSONValue.parse(body), case .object = object else {
            throw APIError(.badRequest, "InvalidBody", "the body must be a JSON object such as {\"ProviderName\": \"ChatSession\", \"Columns\": [\"chatSessionId\"]}", source: "Body")
        }
        providerName = try Self.providerName(object, catalog: catalog)
        let query = try Self.queryOptions(object, urlOptions: urlOptions, pageSize: pageSize)
        wantsRowCount = query.rowCount
        request = try Self.request(query.pairs, structured: query.structured, catalog: catalog)
        request.query.options.inlineCount = wantsRowCount
    }

    /// The catalog's own spelling of `ProviderName`, which must name it (in any case).
    private static func providerName(_ object: JSONValue, catalog: ProviderCatalog) throws -> String {
        guard let provider = object[member: "ProviderName"]?.string else { throw wrongType("ProviderName", "the provider's name, a string") }
        guard provider.caseInsensitiveCompare(catalog.name) == .orderedSame else {
            throw APIError(.badRequest, "UnknownProvider", "there is no archive provider '\(provider)'; this server has \(catalog.name)", source: "ProviderName")
        }
        return catalog.name
    }

    /// The body's fields as the REST endpoint's query options (`$select`, `$orderBy`, …), read
    /// in that order so that the first wrong field is the one named. Structured restriction
    /// items, which have no query-option form, and `rowcount` come beside them.
    private static func queryOptions(
        _ object: JSONValue, urlOptions: [(name: String, value: String)], pageSize: Int
    ) throws -> (pairs: [(name: String, value: String)], structured: [RestrictionList.Item]?, rowCount: Bool) {
        var pairs: [(name: String, value: String)] = []
        if let columns = try list("Columns", in: object) { pairs.append(("$select", columns)) }
        if let order = try sortOrder(object) { pairs.append(("$orderBy", order)) }
        let restrictions = try restriction(object)
        if let filter = restrictions.filter { pairs.append(("$filter", filter)) }
        // Entities: null, or none, means every entity.
        let entities = try list("Entities", in: object) ?? ""
        pairs.append(("$entities", entities.trimmingCharacters(in: .whitespaces).isEmpty ? "all" : entities))
        let (others, rowCount) = try options(object, urlOptions: urlOptions)
        if !others.isEmpty { pairs.append(("$options", others.joined(separator: ","))) }
        let (top, skip) = try page(object, pageSize: pageSize)
        pairs.append(("$top", String(top)))
        pairs.append(("$skip", String(skip)))
        return (pairs, restrictions.structured, rowCount)
    }

    /// `SortOrder` as an `$orderBy` text: a string as it is, or `{"Name", "Direction"}` items;
    /// nil when there is none.
    private static func sortOrder(_ object: JSONValue) throws -> String? {
        switch object[member: "SortOrder"] {
        case nil: return nil
        case .string(let text): return text
        case .array(let items):
            let terms = try items.map { item -> String in
                guard let name = item[member: "Name"]?.string else {
                    throw wrongType("SortOrder", "an array of {\"Name\": column, \"Direction\": \"ASC\" or \"DESC\"}, or a string")
                }
                switch item[member: "Direction"] {
                case nil: return name
                case .string(let text) where ["asc", "desc"].contains(text.lowercased()): return name + " " + text.lowercased()
                case .number(let number) where number == 0 || number == 1: return name + (number == 1 ? " desc" : " asc")
                default: throw wrongType("SortOrder", "Direction \"ASC\" or \"DESC\" (or 0 or 1) for \(name)")
                }
            }
            return terms.isEmpty ? nil : terms.joined(separator: ",")
        default: throw wrongType("SortOrder", "an array of {\"Name\", \"Direction\"}, or a string")
        }
    }

    /// `Restriction` (…ByColumns2 sends `Restrictions`): a `$filter` string, or
    /// ArchiveRestrictionInfo items.
    private static func restriction(_ object: JSONValue) throws -> (filter: String?, structured: [RestrictionList.Item]?) {
        switch object[member: "Restrictions"] ?? object[member: "Restriction"] {
        case nil: return (nil, nil)
        case .string(let text): return (text, nil)
        case .array(let items): return (nil, try items.map(Self.restrictionItem))
        default: throw wrongType("Restriction", "an array of ArchiveRestrictionInfo, or a string such as \"rating ge 4\"")
        }
    }

    /// The URL's `$options` and the body's `Options` (`name=value` pairs joined by `&`), less
    /// `rowcount`, which is not a query option but asks for the row count in a header.
    private static func options(_ object: JSONValue, urlOptions: [(name: String, value: String)]) throws -> (others: [String], rowCount: Bool) {
        var options = urlOptions.filter { $0.name.lowercased() == "$options" }.map(\.value)
        var rowCount = false
        if let value = object[member: "Options"] {
            guard let text = value.string else { throw wrongType("Options", "a string of name=value pairs joined by &") }
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                if parts.first?.lowercased() == "rowcount" { rowCount = parts.count == 2 && parts[1].lowercased() == "true"; continue }
                options.append(String(pair))
            }
        }
        return (options, rowCount)
    }

    /// `PageSize` and `Page` as `$top` and `$skip`. Page is 0-based; a negative page is a number
    /// of rows to skip.
    private static func page(_ object: JSONValue, pageSize: Int) throws -> (top: Int, skip: Int) {
        let size = try integer("PageSize", in: object).map { $0 > 0 ? $0 : pageSize } ?? pageSize
        let page = try integer("Page", in: object) ?? 0
        return (size, page >= 0 ? min(Int(Int32.max), page * size) : -page)
    }

    /// The query options parsed as the REST endpoint parses them, with the structured
    /// restriction set; an error names the body's field rather than the query option.
    private static func request(
        _ pairs: [(name: String, value: String)], structured: [RestrictionList.Item]?, catalog: ProviderCatalog
    ) throws -> ArchiveRequest {
        do {
            var request = try ArchiveRequest.parse(pairs, catalog: catalog, defaultEntities: catalog.defaultEntities)
            if let structured { request.query.restriction = try RestrictionList.restriction(structured) }
            return request
        } catch var error as ArchiveError {
            error.option = error.option.flatMap { Self.fieldNames[$0] } ?? error.option
            throw error
        }
    }

    private static func wrongType(_ name: String, _ expected: String) -> APIError {
        APIError(.badRequest, "InvalidBody", "\(name) must be \(expected)", source: name)
    }

    /// A list sent as an array of strings or as one comma-separated string.
    private static func list(_ name: String, in object: JSONValue) throws -> String? {
        switch object[member: name] {
        case nil: return nil
        case .string(let text): return text
        case .array(let items):
            return try items.map { item -> String in
                guard let text = item.string else { throw wrongType(name, "an array of strings, or a string") }
                return text
            }.joined(separator: ",")
        default: throw wrongType(name, "an array of strings, or a string")
        }
    }

    /// A whole number of 32 bits (as the reference's `int` fields), so that paging arithmetic
    /// cannot overflow.
    private static func integer(_ name: String, in object: JSONValue) throws -> Int? {
        guard let value = object[member: name] else { return nil }
        guard let number = value.integer, (Int(Int32.min)...Int(Int32.max)).contains(number) else {
            throw wrongType(name, "a whole number from \(Int32.min) to \(Int32.max)")
        }
        return number
    }

    /// One `ArchiveRestrictionInfo`.
    private static func restrictionItem(_ value: JSONValue) throws -> RestrictionList.Item {
        let invalid = APIError(
            .badRequest, "InvalidBody",
            "each Restriction must be {\"Name\": column, \"Operator\": operator, \"Values\": [strings], \"IsActive\": true, \"InterParenthesis\": 0, \"InterOperator\": \"And\"}",
            source: "Restriction")
        guard let name = value[member: "Name"]?.string, let op = value[member: "Operator"]?.string else { throw invalid }
        var values: [String] = []
        switch value[member: "Values"] {
        case nil: break
        case .array(let items):
            values = try items.map { item in
                switch item {
                case .string(let text): return text
                case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
                case .bool(let flag): return flag ? "true" : "false"
                default: throw invalid
                }
            }
        default: throw invalid
        }
        var isActive = true
        switch value[member: "IsActive"] {
        case nil: break
        case .bool(let flag): isActive = flag
        default: throw invalid
        }
        let parenthesis: Int
        switch value[member: "InterParenthesis"] {
        case nil: parenthesis = 0
        case let number?: guard let whole = number.integer else { throw invalid }; parenthesis = whole
        }
        let connective: RestrictionList.Connective
        switch value[member: "InterOperator"] {
        case nil: connective = .and
        case .string(let text): guard let parsed = RestrictionList.Connective(name: text) else { throw invalid }; connective = parsed
        case let number?: guard let whole = number.integer, let parsed = RestrictionList.Connective(name: String(whole)) else { throw invalid }; connective = parsed
        }
        return RestrictionList.Item(name: name, operator: op, values: values, isActive: isActive, interParenthesis: parenthesis, interOperator: connective)
    }
}
