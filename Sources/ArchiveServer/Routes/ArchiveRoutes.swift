import Hummingbird
import HTTPTypes

/// The API's routes on Hummingbird's router (paths compared without regard to case, as the
/// reference's are), and the middleware every request passes:
///
/// request log → CORS → gzip → error bodies → methods no route has (405) → limits, query
/// options and format → route;
/// the routes under `/api/v1` but the OpenAPI document then pass ``ApplicationTokenMiddleware``
/// (`SO-AppToken`) and ``AuthenticationMiddleware``.
///
/// | Path | Methods | Routes |
/// |---|---|---|
/// | `/`, `/assets/{name}` | GET | ``PageRoutes``: the page for browsers (no credentials needed) |
/// | `/api/v1/openapi.json` | GET | the OpenAPI document (no credentials needed) |
/// | `/api/v1/archive`, `/api/v1/archive/$metadata` | GET | ``ArchiveQueryRoutes``: the providers, every provider's columns |
/// | `/api/v1/archive/{provider}` | GET, POST (form body) | ``ArchiveQueryRoutes``: run the provider |
/// | `/api/v1/archive/{provider}/$metadata` | GET | ``ArchiveQueryRoutes``: the provider's columns |
/// | `/api/v1/ChatSession` | GET, POST | ``ChatSessionRoutes``: the provider with `$entities` `chat`; create a chat |
/// | `/api/v1/ChatSession/{id}`, `…/default` | GET, PUT, PATCH, DELETE | ``ChatSessionRoutes``: one chat |
/// | `/api/v1/Agents/Archive/{method}` | POST | ``AgentRoutes``: the reference's archive agent |
/// | `/api/v1/Webhook`, `/api/v1/Webhook/{id}` | GET, POST; GET, PUT, PATCH, DELETE | ``WebhookRoutes``: webhooks (write role) |
///
/// HEAD is answered wherever GET is; any other method of a known path is a 405 naming the allowed
/// ones. Every path is answered under a leading customer segment too (`/Cust12345/api/v1/…`), as
/// the reference's URLs and its SDK have them.
struct ArchiveRoutes {
    let service: ArchiveService
    /// The clock of `today`, `thisWeek`, …: the request's time unless a test fixes it.
    let now: @Sendable () -> Int64

    /// The router, with its middleware and every route.
    func router() -> Router<ArchiveRequestContext> {
        let router = Router(context: ArchiveRequestContext.self, options: .caseInsensitive)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: CORSMiddleware(policy: service.cors))
        router.add(middleware: CompressionMiddleware())
        router.add(middleware: NegotiationVaryMiddleware())
        router.add(middleware: ErrorBodyMiddleware())
        router.add(middleware: UnlistedMethodMiddleware(paths: Self.methods + PageRoutes.methods))
        router.add(middleware: RequestOptionsMiddleware(limits: service.configuration.requestLimits))

        // The reference's URLs carry the customer's id before `/api` (`/Cust12345/api/v1/…`, as its
        // SDK builds them): the same routes answer under any such segment.
        for prefix in ["", "/{tenant}"] {
            for (path, allowed) in Self.methods { refuse(RouterPath(prefix + path), allowing: allowed, on: router) }
            router.get(RouterPath(prefix + "/api/v1/openapi.json")) { _, _ in openAPIDocument() }
            router.head(RouterPath(prefix + "/api/v1/openapi.json")) { _, _ in openAPIDocument() }
            SessionRoutes(service: service).add(to: router, prefix: prefix)
            let api = router.group(RouterPath(prefix + "/api/v1"))
                .add(middleware: ApplicationTokenMiddleware(admitted: service.configuration.applicationTokens))
                .add(middleware: AuthenticationMiddleware(service: service))
            ArchiveQueryRoutes(service: service, now: now).add(to: api)
            ChatSessionRoutes(service: service, now: now).add(to: api)
            AgentRoutes(service: service, now: now).add(to: api)
            WebhookRoutes(service: service, now: now).add(to: api)
        }
        for (path, allowed) in PageRoutes.methods { refuse(RouterPath(path), allowing: allowed, on: router) }
        PageRoutes().add(to: router)
        return router
    }

    /// Every path and the methods it takes (HEAD wherever GET).
    static let methods: [(path: String, allowed: [HTTPRequest.Method])] = [
        ("/api/v1/openapi.json", [.get, .head]),
        ("/api/v1/archive", [.get, .head]),
        ("/api/v1/archive/$metadata", [.get, .head]),
        ("/api/v1/archive/{provider}", [.get, .head, .post]),
        ("/api/v1/archive/{provider}/$metadata", [.get, .head]),
        ("/api/v1/ChatSession", [.get, .head, .post]),
        ("/api/v1/ChatSession/default", [.get, .head]),
        ("/api/v1/ChatSession/{id}", [.get, .head, .put, .patch, .delete]),
        ("/api/v1/Agents/Archive/{method}", [.post]),
        ("/api/v1/Session", [.post, .delete]),
        ("/api/v1/Webhook", [.get, .head, .post]),
        ("/api/v1/Webhook/{id}", [.get, .head, .put, .patch, .delete]),
    ]

    /// Answers the methods a path does not take with 405 and `Allow`, before credentials are
    /// asked for (as a method a path never takes needs none).
    private func refuse(_ path: RouterPath, allowing allowed: [HTTPRequest.Method], on router: Router<ArchiveRequestContext>) {
        for method in UnlistedMethodMiddleware.routedMethods where !allowed.contains(method) {
            router.on(path, method: method) { request, _ -> Response in throw APIError.methodNotAllowed(request, allowed: allowed) }
        }
    }

    func openAPIDocument() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: service.openAPIDocument)))
    }
}
