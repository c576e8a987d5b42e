import ArchiveAuth
import ArchiveCore
import ArchiveQueryLanguage
import Hummingbird
import HTTPTypes

/// `POST /api/v1/Agents/Archive/{method}`: the reference system's RPC-style archive methods,
/// which its own client tools call.
///
/// | Method | Body | Answer |
/// |---|---|---|
/// | `GetArchiveListByColumns` | `Columns`, `SortOrder`, `Restriction` as arrays | `[ArchiveListItem]` |
/// | `GetArchiveListByColumns2` | the same as strings (`Restrictions`: a `$filter`) | `[ArchiveListItem]` |
/// | `GetArchiveListByColumnsWithHeader`, `…WithHeader2` | the same, plus `Options` (`rowcount=true`) | `{Rows, RowCount, …}` |
///
/// The query is the REST endpoint's: same columns, operators, language, headers and limits.
enum AgentArchiveEndpoint {
    /// The methods, by their lower-cased names: whether each answers with a header.
    static let methods: [String: Bool] = [
        "getarchivelistbycolumns": false, "getarchivelistbycolumns2": false,
        "getarchivelistbycolumnswithheader": true, "getarchivelistbycolumnswithheader2": true,
    ]

    static func respond(
        to request: Request, withHeader: Bool, caller: Caller, service: ArchiveService, now: Int64
    ) async throws -> Response {
        let settings = try RequestSettings(headers: request.headers)
        guard ContentNegotiation.format(requested: nil, accept: request.headers[.accept]) != nil,
            ContentNegotiation.accepts(.json, accept: request.headers[.accept])
        else {
            throw APIError(.notAcceptable, "NotAcceptable", "the archive agents answer application/json, and Accept does not allow it: \(request.headers[.accept] ?? "")", source: "Accept")
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.isEmpty || type.hasPrefix("application/json") || type.hasPrefix("text/json") else {
            throw APIError(.unsupportedMediaType, "UnsupportedMediaType", "the archive agents take a JSON body (application/json), not \(type)", source: "Content-Type")
        }
        var body = request
        let bytes = try await body.collectBody(atMost: 1 << 20)
        let provider = service.provider
        var parsed = try AgentArchiveRequest(
            json: Array(bytes.readableBytesView), urlOptions: try FormDecoding.pairs(request.uri.query ?? ""), catalog: provider.catalog,
            pageSize: service.configuration.pageSize)
        if let top = parsed.request.query.page.top, let maximum = service.configuration.maximumTop { parsed.request.query.page.top = min(top, maximum) }
        let query = parsed.request.query
        let names = parsed.request.columnNames
        let context = settings.context(now: now, currentAssociateID: caller.associateID)
        do {
            return try await StreamedResponse.make(service: service, contentType: ResponseFormat.json.contentType) { database, emit in
                let writer = ArchiveListWriter(withHeader: withHeader, names: { names[$0] ?? $0 }, emit: emit)
                _ = try provider.streamPage(query, context: context, database: database, start: writer.start, row: writer.row)
                try writer.finish()
            }
        } catch var error as ArchiveError {
            // The provider names query options; this body has fields.
            error.option = error.option.flatMap { AgentArchiveRequest.fieldNames[$0] } ?? error.option
            throw error
        }
    }
}
