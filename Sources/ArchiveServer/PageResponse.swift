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
        var parsed = try service.parsedRequests.parse(options, provider: provider, entityEndpoint: entityEndpoint)

        // `$metadata` asks for the column descriptions instead of rows.
        if parsed.metadata {
            return DocumentResponse.make(MetadataDocument.columns(of: provider.catalog, format: format), format: format)
        }
        let tracking = try ChangeTracking(request: request, parsed: parsed, format: format, provider: provider, language: settings.language)
        var headers: HTTPFields = [:]
        let clientTop = try limitPage(&parsed, request: request, service: service, headers: &headers)
        let page = Page(
            provider: provider, query: parsed.query, options: options, base: BaseURL(request: request), path: request.uri.path,
            shape: ResponseShape(
                format: format, mode: parsed.mode, output: parsed.output, jsonSafe: parsed.jsonSafe,
                includeTimeZoneOffset: settings.includeTimeZoneOffset,
                metadataURL: BaseURL(request: request).string + "/api/v1/archive/$metadata", columnNames: parsed.columnNames),
            context: settings.context(now: now, currentAssociateID: caller.associateID), language: settings.language, clientTop: clientTop)
        switch tracking?.mode {
        case .delta(let position):
            return try await StreamedResponse.make(service: service, contentType: format.contentType, headers: headers) { database, emit in
                try page.writeDelta(after: position, database: database, emit: emit)
            }
        case .tracked(let position):
            headers[preferenceApplied] = [headers[preferenceApplied], "odata.track-changes"].compactMap { $0 }.joined(separator: ", ")
            return try await StreamedResponse.make(service: service, contentType: format.contentType, headers: headers) { database, emit in
                try page.writeRows(database: database, trackingFrom: try position ?? ChangeFeed.lastPosition(in: database), emit: emit)
            }
        case nil:
            return try await StreamedResponse.make(service: service, contentType: format.contentType, headers: headers) { database, emit in
                try page.writeRows(database: database, trackingFrom: nil, emit: emit)
            }
        }
    }

    /// Sets the rows of the page: with `$top`, that many (the reference's clients ask for
    /// everything with a large `$top` and never follow next links), up to the server's
    /// `--max-top`; without it, the server's page size, or less when `Prefer:
    /// odata.maxpagesize` asks (then said in `Preference-Applied`). Returns the client's `$top`.
    private static func limitPage(_ parsed: inout ArchiveRequest, request: Request, service: ArchiveService, headers: inout HTTPFields) throws -> Int? {
        let clientTop = parsed.query.page.top
        let preferred = try maxPageSize(request.headers[preferName])
        if let clientTop {
            parsed.query.page.top = min(clientTop, service.configuration.maximumTop ?? Int.max)
        } else {
            let pageSize = min(service.configuration.pageSize, preferred ?? Int.max)
            parsed.query.page.top = pageSize
            if let preferred, preferred == pageSize { headers[preferenceApplied] = "odata.maxpagesize=\(preferred)" }
        }
        return clientTop
    }

    /// One page's query and how it is written, run on a reader.
    private struct Page: Sendable {
        let provider: ArchiveProvider
        let query: ArchiveQuery
        let options: [(name: String, value: String)]
        let base: BaseURL
        let path: String
        let shape: ResponseShape
        let context: QueryContext
        let language: Language
        let clientTop: Int?

        /// The query's rows; when tracking from a position, its links carry the position's token
        /// and the last page the delta link.
        func writeRows(database: any ArchiveDatabase, trackingFrom position: Int64?, emit: @escaping ([UInt8]) throws -> Void) throws {
            let writer = PageWriter(shape: shape, emit: emit)
            var delivered = 0
            let end = try provider.streamPage(query, context: context, database: database, start: writer.start) { row in
                try writer.row(row)
                delivered += 1
            }
            let token = position.map { provider.deltaToken(position: $0, for: query, language: language) }
            let linkOptions = token.map { options.filter { $0.name.lowercased() != "$deltatoken" } + [("$deltatoken", $0)] } ?? options
            let link = pageLink(base: base, path: path, options: linkOptions, cursor: end.nextCursor, clientTop: clientTop, delivered: delivered)
            // Paging back is for pages of the server's size; a client's `$top` counts rows from its first page.
            let previous = clientTop == nil
                ? pageLink(base: base, path: path, options: linkOptions, cursor: end.previousCursor, clientTop: nil, delivered: 0) : nil
            let deltaLink = link == nil ? token.map { ChangeTracking.deltaLink(base: base, path: path, options: options, token: $0) } : nil
            try writer.finish(nextLink: link, previousLink: previous, deltaLink: deltaLink)
        }

        /// The delta after `position`: the changed chats that match, the ones that left, and the
        /// link to the next delta.
        func writeDelta(after position: Int64, database: any ArchiveDatabase, emit: @escaping ([UInt8]) throws -> Void) throws {
            let writer = PageWriter(shape: shape, emit: emit)
            let limit = min(query.page.top ?? 1_000, 10_000)
            let end = try provider.delta(query, after: position, limit: limit, context: context, database: database, start: writer.start, row: writer.row)
            let entityName = provider.catalog.defaultEntities.first ?? provider.catalog.name
            for (id, reason) in end.removed { try writer.removed(id, entityName: entityName, reason: reason) }
            let token = provider.deltaToken(position: end.position, for: query, language: language)
            let link = ChangeTracking.deltaLink(base: base, path: path, options: options, token: token)
            try writer.finish(nextLink: end.hasMore ? link : nil, deltaLink: link)
        }
    }

    /// `Prefer: odata.maxpagesize=N` (other preferences are ignored, as RFC 7240 says).
    static func maxPageSize(_ header: String?) throws -> Int? {
        guard let header else { return nil }
        for preference in header.split(separator: ",") {
            let parts = preference.split(separator: "=", maxSplits: 1).map { String($0.trimmingBlanks()) }
            guard parts.count == 2, parts[0].lowercased() == "odata.maxpagesize" else { continue }
            guard let size = Int(parts[1]), size > 0 else {
                throw APIError(.badRequest, "InvalidHeader", "Prefer: odata.maxpagesize must be a whole number above 0, not '\(parts[1])'", source: "Prefer")
            }
            return size
        }
        return nil
    }

    /// The URL of the next (or previous) page: the same request with `$skiptoken` for the
    /// cursor (and no `$skip`), and, when the client limited the rows with `$top`, the rows
    /// still to come.
    static func pageLink(
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
