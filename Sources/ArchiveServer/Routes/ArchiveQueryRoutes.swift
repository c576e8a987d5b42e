import ArchiveQueryLanguage
import ArchiveCore
import ArchiveJSON
import Hummingbird

/// The archive's query routes: the providers, their columns, and a provider's rows.
struct ArchiveQueryRoutes {
    let service: ArchiveService
    let now: @Sendable () -> Int64

    func add(to api: RouterGroup<ArchiveRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            api.on("archive", method: method) { request, context in try providers(request, context: context) }
            api.on("archive/$metadata", method: method) { request, context in try allColumns(request, context: context) }
            api.on("archive/{provider}/$metadata", method: method) { request, context in
                try columns(of: try provider(FormDecodingPath.decode(context.parameters.require("provider")[...])), request, context: context)
            }
        }
        for method in [HTTPRequest.Method.get, .head, .post] {
            api.on("archive/{provider}", method: method) { request, context in try await runOrDescribe(request, context: context) }
        }
    }

    /// `archive/{provider}`: the provider's rows; `archive/{provider}$metadata`, the reference's
    /// other spelling of the metadata path, its columns.
    private func runOrDescribe(_ request: Request, context: ArchiveRequestContext) async throws -> Response {
        let name = FormDecodingPath.decode(try context.parameters.require("provider")[...])
        guard name.lowercased().hasSuffix("$metadata") else {
            return try await run(request, provider: try provider(name), entityEndpoint: false, context: context, service: service, now: now())
        }
        guard request.method == .get || request.method == .head else { throw APIError.methodNotAllowed(request, allowed: [.get, .head]) }
        return try columns(of: try provider(String(name.dropLast("$metadata".count))), request, context: context)
    }

    private func provider(_ name: String) throws -> ArchiveProvider {
        guard let provider = service.provider(named: name) else {
            throw APIError(.notFound, "UnknownProvider", "there is no archive provider '\(name)'; this server has \(service.provider.catalog.name)", source: "URL")
        }
        return provider
    }

    private func columns(of provider: ArchiveProvider, _ request: Request, context: ArchiveRequestContext) throws -> Response {
        let format = try context.acceptableFormat(request)
        return DocumentResponse.make(MetadataDocument.columns(of: provider.catalog, format: format), format: format)
    }

    private func allColumns(_ request: Request, context: ArchiveRequestContext) throws -> Response {
        let format = try context.acceptableFormat(request)
        return DocumentResponse.make(MetadataDocument.providers([service.provider.catalog], format: format), format: format)
    }

    /// The providers this server has, with the metadata document's address.
    private func providers(_ request: Request, context: ArchiveRequestContext) throws -> Response {
        let format = try context.acceptableFormat(request)
        let metadataURL = BaseURL(request: request).string + "/api/v1/archive/$metadata"
        let name = service.provider.catalog.name
        switch format {
        case .json:
            var text = JSONText()
            text.raw("{")
            text.key("odata.metadata"); text.string(metadataURL); text.raw(",")
            text.key("value"); text.raw("[{")
            text.key("name"); text.string(name); text.raw(",")
            text.key("url"); text.string(name)
            text.raw("}]}")
            return DocumentResponse.make(text.bytes, format: format)
        case .xml:
            var text = XMLText()
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArchiveProviders>")
            text.element("odata.metadata", metadataURL)
            text.raw("<value><provider>")
            text.element("name", name)
            text.element("url", name)
            text.raw("</provider></value></ArchiveProviders>\n")
            return DocumentResponse.make(text.bytes, format: format)
        }
    }
}

/// Runs a provider for a request and streams its page: the URL's options (decoded once, by
/// ``RequestOptionsMiddleware``) and, for POST, the form body's too.
func run(
    _ request: Request, provider: ArchiveProvider, entityEndpoint: Bool, context: ArchiveRequestContext, service: ArchiveService, now: Int64
) async throws -> Response {
    var request = request
    var options = try context.queryOptions ?? FormDecoding.pairs(request.uri.query ?? "")
    var format = context.negotiatedFormat
    if request.method == .post {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") || type.isEmpty else {
            throw APIError(.unsupportedMediaType, "UnsupportedMediaType", "POST takes the query options as application/x-www-form-urlencoded, not \(type)", source: "Content-Type")
        }
        var body = request
        let bytes = try await body.collectBody(atMost: 1 << 20)
        options += try FormDecoding.pairs(body: bytes.readableBytesView)
        request = RequestSettings.withFormFields(options, of: request)
        // The body may carry `$format`, which the middleware could not see.
        format = ContentNegotiation.format(requested: RequestOptionsMiddleware.requestedFormat(options), accept: request.headers[.accept])
    }
    if let export = ExportResponse.requestedFormat(options) {
        return try await ExportResponse.make(
            request: request, options: options, format: export, provider: provider, entityEndpoint: entityEndpoint,
            caller: try context.authenticatedCaller(), service: service, now: now)
    }
    guard let format else { throw APIError.notAcceptable(request) }
    return try await PageResponse.make(
        request: request, options: options, format: format, provider: provider, entityEndpoint: entityEndpoint,
        caller: try context.authenticatedCaller(), service: service, now: now)
}
