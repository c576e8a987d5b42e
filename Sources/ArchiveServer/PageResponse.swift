import ArchiveAuth
import ArchiveCore
import ArchiveQueryLanguage
import Foundation
import Hummingbird
import HTTPTypes

/// Runs a provider for one request and streams the page as the response.
///
/// The query runs on a reader connection of the pool; its rows are rendered there and handed to
/// the response in chunks through a ``ChunkChannel``, so a large page is never held in memory.
/// Everything that can fail before the first byte (credentials, options, columns, a timeout)
/// fails before the status is sent, and is answered with its error status.
enum PageResponse {
    static let preferName = HTTPField.Name("Prefer")!
    static let preferenceApplied = HTTPField.Name("Preference-Applied")!

    static func make(
        request: Request, options: [(name: String, value: String)], format: ResponseFormat, provider: ArchiveProvider, entityEndpoint: Bool,
        caller: Caller, service: ArchiveService, now: Int64
    ) async throws -> Response {
        let settings = try RequestSettings(headers: request.headers)
        var parsed = try ArchiveRequest.parse(options, catalog: provider.catalog, defaultEntities: entityEndpoint ? provider.catalog.defaultEntities : [])

        // `$metadata` asks for the column descriptions instead of rows.
        if parsed.metadata {
            return DocumentResponse.make(MetadataDocument.columns(of: provider.catalog, format: format), format: format)
        }

        // The page: with `$top`, that many rows (the reference's clients ask for everything with a
        // large `$top` and never follow next links), up to the server's `--max-top`; without it,
        // a page of the server's page size, or less when `Prefer: odata.maxpagesize` asks.
        let clientTop = parsed.query.page.top
        var headers: HTTPFields = [:]
        let preferred = try maxPageSize(request.headers[preferName])
        if let clientTop {
            parsed.query.page.top = min(clientTop, service.configuration.maximumTop ?? Int.max)
        } else {
            let pageSize = min(service.configuration.pageSize, preferred ?? Int.max)
            parsed.query.page.top = pageSize
            if let preferred, preferred == pageSize { headers[preferenceApplied] = "odata.maxpagesize=\(preferred)" }
        }

        let base = BaseURL(request: request)
        let shape = ResponseShape(
            format: format, mode: parsed.mode, output: parsed.output, jsonSafe: parsed.jsonSafe,
            includeTimeZoneOffset: settings.includeTimeZoneOffset, metadataURL: base.string + "/api/v1/archive/$metadata",
            columnNames: parsed.columnNames)
        let path = request.uri.path
        let query = parsed.query
        let context = settings.context(now: now, currentAssociateID: caller.associateID)
        let response = try await StreamedResponse.make(service: service, format: format, headers: headers) { database, emit in
            let writer = PageWriter(shape: shape, emit: emit)
            var delivered = 0
            let end = try provider.streamPage(query, context: context, database: database, start: writer.start) { row in
                try writer.row(row)
                delivered += 1
            }
            let link = nextLink(base: base, path: path, options: options, cursor: end.nextCursor, clientTop: clientTop, delivered: delivered)
            try writer.finish(nextLink: link)
        }
        return response
    }

    /// `Prefer: odata.maxpagesize=N` (other preferences are ignored, as RFC 7240 says).
    static func maxPageSize(_ header: String?) throws -> Int? {
        guard let header else { return nil }
        for preference in header.split(separator: ",") {
            let parts = preference.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == "odata.maxpagesize" else { continue }
            guard let size = Int(parts[1]), size > 0 else {
                throw APIError(.badRequest, "InvalidHeader", "Prefer: odata.maxpagesize must be a whole number above 0, not '\(parts[1])'", source: "Prefer")
            }
            return size
        }
        return nil
    }

    /// The URL of the next page: the same request with `$skiptoken` for the cursor (and no
    /// `$skip`), and, when the client limited the rows with `$top`, the rows still to come.
    static func nextLink(
        base: BaseURL, path: String, options: [(name: String, value: String)], cursor: String?, clientTop: Int?, delivered: Int
    ) -> String? {
        guard let cursor else { return nil }
        var remaining: Int?
        if let clientTop {
            remaining = clientTop - delivered
            guard remaining! > 0 else { return nil }
        }
        var kept = options.filter { option in
            let name = option.name.lowercased()
            return name != "$skip" && name != "$skiptoken" && name != "$top"
        }
        if let remaining { kept.append(("$top", String(remaining))) }
        kept.append(("$skiptoken", cursor))
        let query = kept.map { FormDecoding.encode($0.name) + "=" + FormDecoding.encode($0.value) }.joined(separator: "&")
        return base.string + path + "?" + query
    }
}
