import ArchiveAuth
import ArchiveCore
import ArchiveQueryLanguage
import ArchiveSQLite
import Foundation
import Hummingbird
import Logging
import HTTPTypes

/// The REST API: routes requests by path and method, and turns every failure into an error
/// body with the right status (never a 500 for anything a client sends).
///
/// | Path | Methods |
/// |---|---|
/// | `/api/v1/archive` | GET: the providers |
/// | `/api/v1/archive/{provider}` | GET, POST (form body): run the provider |
/// | `/api/v1/archive/{provider}/$metadata` | GET: the provider's columns |
/// | `/api/v1/ChatSession` | GET: the ChatSession provider, `$entities` defaulting to `chat` |
/// | `/api/v1/openapi.json` | GET: the OpenAPI document (no credentials needed) |
struct ArchiveAPI: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: ArchiveService
    /// The clock of `today`, `thisWeek`, …: the request's time unless a test fixes it.
    var now: @Sendable () -> Int64 = { RequestContext.currentTime() }

    private enum Route {
        case providers
        case run(provider: String, entityEndpoint: Bool)
        case metadata(provider: String)
        case openAPI
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let format = ContentNegotiation.format(requested: nil, accept: request.headers[.accept]) ?? .json
        var response: Response
        var user = "-"
        do {
            let (route, allowed) = try Self.route(request.uri.path)
            guard allowed.contains(request.method) else {
                throw APIError(.methodNotAllowed, "MethodNotAllowed", "\(request.method) is not allowed on \(request.uri.path); use \(allowed.map(\.rawValue).joined(separator: " or "))",
                               source: "URL", headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
            }
            switch route {
            case .openAPI:
                response = Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
            case .providers:
                user = try await authenticate(request).userName
                response = try providers(request, format: format)
            case .metadata(let name):
                user = try await authenticate(request).userName
                response = try metadata(request, provider: try provider(name), format: format)
            case .run(let name, let entityEndpoint):
                let provider = try provider(name)
                var body = request
                let options = try await Self.options(of: &body, context: context)
                let run = try await PageResponse.make(
                    request: request, options: options, provider: provider, entityEndpoint: entityEndpoint, service: service, now: now())
                user = run.user
                response = run.response
            }
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            // An error is written in the format asked for, where the request says one.
            let errorFormat = Self.requestedFormat(request) ?? format
            response = apiError.response(format: errorFormat)
        }
        let elapsed = ContinuousClock.now - started
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(Self.milliseconds(elapsed)) ms user=\(user)")
        return response
    }

    /// The route for a path, and the methods it allows. Fixed segments are case-insensitive, as
    /// in the reference system (`/api/v1/Archive/chatsession`).
    private static func route(_ path: String) throws -> (Route, [HTTPRequest.Method]) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { FormDecodingPath.decode($0) }
        let lower = segments.map { $0.lowercased() }
        switch lower.count {
        case 3 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive":
            return (.providers, [.get, .head])
        case 3 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "openapi.json":
            return (.openAPI, [.get, .head])
        case 3 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "chatsession":
            return (.run(provider: "ChatSession", entityEndpoint: true), [.get, .head])
        case 4 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive":
            // `archive/findcontact$metadata` is the reference's other spelling of the metadata path.
            if lower[3].hasSuffix("$metadata") && lower[3] != "$metadata" {
                return (.metadata(provider: String(segments[3].dropLast("$metadata".count))), [.get, .head])
            }
            return (.run(provider: segments[3], entityEndpoint: false), [.get, .head, .post])
        case 5 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive" && lower[4] == "$metadata":
            return (.metadata(provider: segments[3]), [.get, .head])
        default:
            throw APIError(.notFound, "NotFound", "there is nothing at \(path); the archive is at /api/v1/archive/{provider}", source: "URL")
        }
    }

    private func provider(_ name: String) throws -> ArchiveProvider {
        guard let provider = service.provider(named: name) else {
            throw APIError(.notFound, "UnknownProvider", "there is no archive provider '\(name)'; this server has \(service.provider.catalog.name)", source: "URL")
        }
        return provider
    }

    private func authenticate(_ request: Request) async throws -> Caller {
        let header = request.headers[.authorization]
        let service = service
        return try await service.pool.read { try service.caller(authorization: header, connection: $0) }
    }

    /// The query options: the URL's, and for POST the form body's too.
    private static func options(of request: inout Request, context: Context) async throws -> [(name: String, value: String)] {
        var options = try FormDecoding.pairs(request.uri.query ?? "")
        if request.method == .post {
            let type = request.headers[.contentType]?.lowercased() ?? ""
            guard type.hasPrefix("application/x-www-form-urlencoded") || type.isEmpty else {
                throw APIError(.unsupportedMediaType, "UnsupportedMediaType", "POST takes the query options as application/x-www-form-urlencoded, not \(type)", source: "Content-Type")
            }
            let body = try await request.collectBody(upTo: 1 << 20)
            options += try FormDecoding.pairs(String(decoding: body.readableBytesView, as: UTF8.self))
        }
        return options
    }

    /// The `$format` of the URL, read leniently for error answers.
    private static func requestedFormat(_ request: Request) -> ResponseFormat? {
        guard let pairs = try? FormDecoding.pairs(request.uri.query ?? "") else { return nil }
        for (name, value) in pairs where name.lowercased() == "$format" {
            switch value.lowercased() {
            case "xml", "application/xml", "text/xml": return .xml
            case "json", "application/json", "text/json": return .json
            default: return nil
            }
        }
        return nil
    }

    // MARK: - Providers and metadata

    private func providers(_ request: Request, format: ResponseFormat) throws -> Response {
        let base = BaseURL(request: request)
        let name = service.provider.catalog.name
        var text = JSONText()
        text.raw("{")
        text.key("odata.metadata"); text.string(base.string + "/api/v1/archive/$metadata"); text.raw(",")
        text.key("value"); text.raw("[{")
        text.key("name"); text.string(name); text.raw(",")
        text.key("url"); text.string(name)
        text.raw("}]}")
        return Self.json(text)
    }

    private func metadata(_ request: Request, provider: ArchiveProvider, format: ResponseFormat) throws -> Response {
        var text = JSONText()
        text.raw("{")
        for (index, column) in provider.catalog.columns.enumerated() {
            if index > 0 { text.raw(",") }
            text.key(column.name)
            text.raw("{")
            text.key("Name"); text.string(column.name); text.raw(",")
            text.key("DisplayName"); text.string(column.displayName); text.raw(",")
            text.key("DisplayTooltip"); text.string(column.tooltip); text.raw(",")
            text.key("RestrictionType"); text.string(column.restrictionType?.rawValue ?? ""); text.raw(",")
            text.key("CanOrderBy"); text.bool(column.canOrderBy); text.raw(",")
            text.key("CanRestrictBy"); text.bool(column.restrictionType != nil); text.raw(",")
            text.key("IsVisible"); text.bool(column.isVisible)
            text.raw("}")
        }
        text.raw("}")
        return Self.json(text)
    }

    private static func json(_ text: JSONText) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: text.bytes)))
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f", value)
    }
}

/// Path segments are percent-decoded (a provider name never needs it, but a client may send it).
enum FormDecodingPath {
    static func decode(_ segment: Substring) -> String {
        (try? FormDecoding.decode(segment.replacingOccurrences(of: "+", with: "%2B"))) ?? String(segment)
    }
}

/// The scheme and host clients reached the server at, for absolute links.
struct BaseURL: Sendable {
    let string: String

    init(request: Request) {
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" ? "https" : "http"
        let host = request.headers[HTTPField.Name("X-Forwarded-Host")!] ?? request.head.authority ?? "localhost"
        string = "\(proto)://\(host)"
    }
}
