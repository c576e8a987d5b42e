import ArchiveJSON
import ArchiveAuth
import ArchiveCore
import ArchiveQueryLanguage
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
        /// `/api/v1/archive/$metadata`, where every page's `odata.metadata` points.
        case allMetadata
        /// `/api/v1/Agents/Archive/GetArchiveListByColumns…`.
        case agent(withHeader: Bool)
        /// `/api/v1/ChatSession`: GET runs the provider, POST creates an entity.
        case chatSessions
        /// `/api/v1/ChatSession/default`, `/api/v1/ChatSession/{id}`.
        case chatSession(ChatSessionEndpoint.Target)
        case openAPI
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var (response, user) = await answer(request, context: context)
        service.cors.decorate(&response, for: request)
        ResponseCompression.apply(to: &response, acceptEncoding: request.headers[.acceptEncoding])
        let elapsed = ContinuousClock.now - started
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(Self.milliseconds(elapsed)) ms user=\(user)")
        return response
    }

    /// The response to a request (before the headers every response gets), and who asked.
    private func answer(_ request: Request, context: Context) async -> (Response, user: String) {
        if let preflight = service.cors.preflight(request) { return (preflight, "-") }
        if let tooLarge = service.configuration.requestLimits.check(request) { return (tooLarge.response(format: .json), "-") }
        let negotiated = ContentNegotiation.format(requested: Self.requestedFormat(request), accept: request.headers[.accept])
        let format = negotiated ?? .json
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
                guard negotiated != nil else { throw Self.notAcceptable(request) }
                response = providers(request, format: format)
            case .metadata(let name):
                user = try await authenticate(request).userName
                let provider = try provider(name)
                guard negotiated != nil else { throw Self.notAcceptable(request) }
                response = Self.document(MetadataDocument.columns(of: provider.catalog, format: format), format: format)
            case .chatSessions where request.method == .post:
                let caller = try await authenticate(request)
                user = caller.userName
                response = try await ChatSessionEndpoint.respond(to: request, target: .collection, caller: caller, service: service, now: now())
            case .chatSession(let target):
                let caller = try await authenticate(request)
                user = caller.userName
                response = try await ChatSessionEndpoint.respond(to: request, target: target, caller: caller, service: service, now: now())
            case .agent(let withHeader):
                let caller = try await authenticate(request)
                user = caller.userName
                response = try await AgentArchiveEndpoint.respond(to: request, withHeader: withHeader, caller: caller, service: service, now: now())
            case .allMetadata:
                user = try await authenticate(request).userName
                guard negotiated != nil else { throw Self.notAcceptable(request) }
                response = Self.document(MetadataDocument.providers([service.provider.catalog], format: format), format: format)
            case .run(let name, let entityEndpoint):
                (response, user) = try await run(request, provider: name, entityEndpoint: entityEndpoint, context: context)
            case .chatSessions:
                (response, user) = try await run(request, provider: "ChatSession", entityEndpoint: true, context: context)
            }
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(describing: error))")
            }
            // An error is written in the format asked for, where the request says one.
            let errorFormat = Self.requestedFormat(request) ?? format
            response = apiError.response(format: errorFormat)
        }
        return (response, user)
    }

    /// Runs a provider for a request: its page of rows, and who asked.
    private func run(_ request: Request, provider name: String, entityEndpoint: Bool, context: Context) async throws -> (Response, String) {
        // Credentials first: a client without them learns nothing else, and sends no body.
        let caller = try await authenticate(request)
        let provider = try provider(name)
        var body = request
        let options = try await Self.options(of: &body, context: context)
        let run = try await PageResponse.make(
            request: request, options: options, provider: provider, entityEndpoint: entityEndpoint, caller: caller, service: service, now: now())
        return (run.response, run.user)
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
            return (.chatSessions, [.get, .head, .post])
        case 4 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "chatsession":
            if lower[3] == "default" { return (.chatSession(.defaults), [.get, .head]) }
            guard let id = Int64(segments[3]), id > 0 else {
                throw APIError(.notFound, "NotFound", "there is nothing at \(path): '\(segments[3])' is not a chat session id (a whole number above 0) or 'default'", source: "URL")
            }
            return (.chatSession(.entity(id)), [.get, .head, .put, .patch, .delete])
        case 4 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive" && lower[3] == "$metadata":
            return (.allMetadata, [.get, .head])
        case 4 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive":
            // `archive/findcontact$metadata` is the reference's other spelling of the metadata path.
            if lower[3].hasSuffix("$metadata") && lower[3] != "$metadata" {
                return (.metadata(provider: String(segments[3].dropLast("$metadata".count))), [.get, .head])
            }
            return (.run(provider: segments[3], entityEndpoint: false), [.get, .head, .post])
        case 5 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "archive" && lower[4] == "$metadata":
            return (.metadata(provider: segments[3]), [.get, .head])
        case 5 where lower[0] == "api" && lower[1] == "v1" && lower[2] == "agents" && lower[3] == "archive":
            guard let withHeader = AgentArchiveEndpoint.methods[lower[4]] else {
                throw APIError(.notFound, "NotFound", "the archive agent has no method '\(segments[4])'; it has GetArchiveListByColumns, GetArchiveListByColumns2, GetArchiveListByColumnsWithHeader and GetArchiveListByColumnsWithHeader2", source: "URL")
            }
            return (.agent(withHeader: withHeader), [.post])
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
        try await service.caller(authorization: request.headers[.authorization])
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

    static func notAcceptable(_ request: Request) -> APIError {
        APIError(.notAcceptable, "NotAcceptable",
                 "the server writes application/json or application/xml, and Accept allows neither: \(request.headers[.accept] ?? "")", source: "Accept")
    }

    private func providers(_ request: Request, format: ResponseFormat) -> Response {
        let metadataURL = BaseURL(request: request).string + "/api/v1/archive/$metadata"
        let name = service.provider.catalog.name
        var text = JSONText()
        switch format {
        case .json:
            text.raw("{")
            text.key("odata.metadata"); text.string(metadataURL); text.raw(",")
            text.key("value"); text.raw("[{")
            text.key("name"); text.string(name); text.raw(",")
            text.key("url"); text.string(name)
            text.raw("}]}")
        case .xml:
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArchiveProviders>")
            XMLText.element("odata.metadata", metadataURL, into: &text)
            text.raw("<value><provider>")
            XMLText.element("name", name, into: &text)
            XMLText.element("url", name, into: &text)
            text.raw("</provider></value></ArchiveProviders>\n")
        }
        return Self.document(text, format: format)
    }

    /// A whole document as a response; JSON ends with a newline, as XML does.
    static func document(_ text: JSONText, format: ResponseFormat, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var bytes = text.bytes
        if format == .json, bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var fields = headers
        fields[.contentType] = format == .json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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

    /// From the request's `Host`, when it is a plain host name or address with an optional port
    /// (anything else could turn a next link into a link elsewhere); otherwise the server's own
    /// address.
    init(request: Request, fallback: String = "127.0.0.1") {
        let host = request.head.authority ?? ""
        let allowed = host.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]": true
            default: false
            }
        }
        string = "http://" + (allowed && !host.isEmpty && host.count <= 255 ? host : fallback)
    }
}
