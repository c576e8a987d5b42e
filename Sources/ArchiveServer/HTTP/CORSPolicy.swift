import HTTPTypes
import Hummingbird

/// Cross-origin access for web pages served from the configured origins (`--cors-origin`).
///
/// A request from an allowed origin gets `Access-Control-Allow-Origin` naming that origin (never
/// `*`, since requests carry credentials) and the headers a script may read; a preflight
/// (`OPTIONS` with `Access-Control-Request-Method`) is answered 204 with the methods and headers
/// the API takes. A request from any other origin gets no CORS headers, so the browser keeps its
/// answer from the page. With no origins configured, nothing changes.
struct CORSPolicy: Sendable {
    /// The allowed origins, as browsers send them (`https://reports.example.com`), lower-cased.
    let origins: Set<String>

    init(origins: [String]) {
        self.origins = Set(origins.map { $0.lowercased() })
    }

    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    static let allowedHeaders =
        "Authorization, Accept, Accept-Language, Accept-Encoding, Content-Type, Prefer, SO-Language, SO-Culture, SO-TimeZone, SO-AppToken, If-Modified-Since, If-Unmodified-Since, If-Match, If-None-Match"
    static let exposedHeaders = "Preference-Applied, Content-Encoding, Last-Modified, ETag, Location, WWW-Authenticate, Retry-After"

    private static let requestMethod = HTTPField.Name("Access-Control-Request-Method")!
    private static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    private static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    private static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    private static let exposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    private static let allowCredentials = HTTPField.Name("Access-Control-Allow-Credentials")!
    private static let maxAge = HTTPField.Name("Access-Control-Max-Age")!
    private static let origin = HTTPField.Name("Origin")!

    /// The origin of a cross-origin request that may be answered, or nil.
    func allowedOrigin(of request: Request) -> String? {
        guard !origins.isEmpty, let origin = request.headers[Self.origin], origins.contains(origin.lowercased()) else { return nil }
        return origin
    }

    /// The answer to a preflight request from an allowed origin; nil when the request is not one.
    func preflight(_ request: Request) -> Response? {
        guard request.method == .options, request.headers[Self.requestMethod] != nil, let origin = allowedOrigin(of: request) else { return nil }
        var headers: HTTPFields = [
            Self.allowOrigin: origin, Self.allowMethods: Self.allowedMethods, Self.allowHeaders: Self.allowedHeaders,
            Self.allowCredentials: "true", Self.maxAge: "600",
        ]
        headers[values: .vary].append("Origin")
        return Response(status: .noContent, headers: headers)
    }

    /// Adds the CORS headers of an answer to an allowed origin.
    func decorate(_ response: inout Response, for request: Request) {
        guard !origins.isEmpty else { return }
        response.headers[values: .vary].append("Origin")
        guard let origin = allowedOrigin(of: request) else { return }
        response.headers[Self.allowOrigin] = origin
        response.headers[Self.allowCredentials] = "true"
        response.headers[Self.exposeHeaders] = Self.exposedHeaders
    }
}
