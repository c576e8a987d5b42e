import ArchiveAuth
import ArchiveCore
import ArchiveQueryLanguage
import Foundation
import Hummingbird
import HTTPTypes

/// `$format=csv` or `$format=ndjson` on a provider's rows: every row of the query (up to `$top`,
/// and the server's `--max-top`), not a page, streamed as a download with the values `archive
/// query` writes (``ExportRowWriter``): typed, or display strings with `$output=Display`.
enum ExportResponse {
    /// The export `$format` asks for; nil for a document format (JSON, XML) or none.
    static func requestedFormat(_ options: [(name: String, value: String)]) -> ExportRowWriter.Format? {
        guard let value = options.first(where: { $0.name.lowercased() == "$format" })?.value else { return nil }
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "csv", "text/csv": return .csv
        case "ndjson", "application/x-ndjson": return .ndjson
        default: return nil
        }
    }

    static func make(
        request: Request, options: [(name: String, value: String)], format: ExportRowWriter.Format, provider: ArchiveProvider,
        entityEndpoint: Bool, caller: Caller, service: ArchiveService, now: Int64
    ) async throws -> Response {
        let settings = try RequestSettings(headers: request.headers)
        let rest = options.filter { $0.name.lowercased() != "$format" }
        var parsed = try ArchiveRequest.parse(rest, catalog: provider.catalog, defaultEntities: entityEndpoint ? provider.catalog.defaultEntities : [])
        guard !parsed.metadata else {
            throw APIError(.badRequest, "InvalidOption", "$metadata describes the columns; an export ($format=\(format.rawValue)) writes rows", source: "$metadata")
        }
        if let maximum = service.configuration.maximumTop { parsed.query.page.top = min(parsed.query.page.top ?? maximum, maximum) }
        let (query, names, display) = (parsed.query, parsed.columnNames, parsed.output == .display)
        let context = settings.context(now: now, currentAssociateID: caller.associateID)
        let headers: HTTPFields = [
            HTTPField.Name("Content-Disposition")!: "attachment; filename=\"\(provider.catalog.name).\(format.rawValue)\"",
            .cacheControl: "no-store",
        ]
        return try await StreamedResponse.make(service: service, contentType: format.contentType, headers: headers) { database, emit in
            var writer: ExportRowWriter?
            var buffer: [UInt8] = []
            try provider.stream(query, context: context, database: database, columns: { columns in
                writer = ExportRowWriter(format: format, columns: columns, names: columns.map { names[$0.key] ?? $0.key }, display: display)
                buffer = writer!.header()
            }, row: { row in
                writer!.append(row, to: &buffer)
                // Sent in chunks of about 64 KiB: few hand-offs, and constant memory.
                if buffer.count >= 1 << 16 {
                    try emit(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            })
            try emit(buffer)
        }
    }
}
