import ArchiveAuth
import ArchiveJSON
import Foundation
import Hummingbird
import HTTPTypes
import ArchiveCore

/// `POST /api/v1/Session` signs in with a user name and password (JSON `{"UserName",
/// "Password"}`, or a form with `username` and `password`) and sets the session cookie and the
/// `XSRF-TOKEN` cookie; `DELETE /api/v1/Session` signs out. Failed sign-ins are throttled as for
/// every scheme.
struct SessionRoutes {
    let service: ArchiveService

    static let sessionCookie = "archive_session"
    static let xsrfCookie = "XSRF-TOKEN"
    static let xsrfHeader = HTTPField.Name("X-XSRF-TOKEN")!

    func add(to router: Router<ArchiveRequestContext>, prefix: String) {
        router.post(RouterPath(prefix + "/api/v1/Session")) { request, context in try await signIn(request, context: context) }
        router.delete(RouterPath(prefix + "/api/v1/Session")) { request, context in try await signOut(request, context: context) }
    }

    private func signIn(_ request: Request, context: ArchiveRequestContext) async throws -> Response {
        let (userName, password) = try await Self.credentials(request)
        let basic = "Basic " + Data("\(userName):\(password)".utf8).base64EncodedString()
        let caller: Caller
        do {
            caller = try await service.caller(authorization: basic, clientAddress: context.clientAddress)
        } catch let error as APIError {
            // The page shows its own form again: no browser prompt for a wrong password.
            throw error.challengingSession
        }
        guard let login = try await service.archive.read({ try AccountStore(database: $0).login(userName: userName) }) else {
            throw APIError.unauthorized("the credentials were not accepted")
        }
        let (id, xsrf) = service.sessions.start(for: caller, stamp: SessionStore.stamp(of: login))
        context.record.userName = caller.userName
        var text = JSONText()
        text.raw("{\"UserName\":"); text.string(caller.userName)
        text.raw(",\"Role\":"); text.string(caller.role.rawValue)
        text.raw(",\"IdleMinutes\":"); text.integer(service.sessions.idleLimit.components.seconds / 60)
        text.raw("}\n")
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        let secure = service.isSecure(request, context: context) ? "; Secure" : ""
        headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=\(id); Path=/; HttpOnly; SameSite=Strict\(secure)"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.xsrfCookie)=\(xsrf); Path=/; SameSite=Strict\(secure)"))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: text.bytes)))
    }

    private func signOut(_ request: Request, context: ArchiveRequestContext) async throws -> Response {
        if let id = Self.cookie(Self.sessionCookie, in: request), let session = service.sessions.session(id) {
            var request = request
            try Self.checkXSRF(try await Self.sentXSRFToken(&request), session: session)
            service.sessions.end(id)
        }
        var headers: HTTPFields = [:]
        headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.xsrfCookie)=; Path=/; SameSite=Strict; Max-Age=0"))
        return Response(status: .noContent, headers: headers)
    }

    /// The user name and password of a sign-in body.
    private static func credentials(_ request: Request) async throws -> (String, String) {
        var body = request
        let bytes = try await body.collectBody(atMost: 64 * 1024)
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let pairs = try FormDecoding.pairs(body: bytes.readableBytesView)
            if let user = pairs.first(where: { $0.name.lowercased() == "username" })?.value, let password = pairs.first(where: { $0.name.lowercased() == "password" })?.value {
                return (user, password)
            }
        } else if let object = JSONValue.parse(Array(bytes.readableBytesView)), let user = object[member: "UserName"]?.string,
            let password = object[member: "Password"]?.string {
            return (user, password)
        }
        throw APIError(.badRequest, "InvalidBody", "sign in with {\"UserName\": …, \"Password\": …}, or a form with username and password", source: "Body")
    }

    /// A cookie's value in the request.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0.trimmingBlanks()) }
                if parts.count == 2, parts[0] == name { return parts[1] }
            }
        }
        return nil
    }

    /// The name of the hidden form field that may carry the XSRF token (a download or a plain
    /// form post cannot set headers).
    static let xsrfField = "XSRF-TOKEN"

    /// The XSRF token a request sends: its `X-XSRF-TOKEN` header, or for a form post without
    /// one, the form's `XSRF-TOKEN` field (the body is read and put back for the route).
    static func sentXSRFToken(_ request: inout Request) async throws -> String? {
        if let header = request.headers[xsrfHeader] { return header }
        guard request.method == .post, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return nil
        }
        let body = try await request.collectBody(atMost: 1 << 20)
        request.body = RequestBody(buffer: body)
        let pairs = try FormDecoding.pairs(body: body.readableBytesView)
        return pairs.first { $0.name == xsrfField }?.value
    }

    /// A request authenticated by the session cookie carries the session's XSRF token.
    static func checkXSRF(_ sent: String?, session: SessionStore.Session) throws {
        guard let sent, !sent.isEmpty else {
            throw APIError.unauthorized(
                "a request signed in by the session cookie must carry its token in the X-XSRF-TOKEN header, or in a form post's XSRF-TOKEN field (from the XSRF-TOKEN cookie)")
        }
        guard Array(sent.utf8).count == Array(session.xsrfToken.utf8).count, zip(sent.utf8, session.xsrfToken.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw APIError.unauthorized("the XSRF token does not match this session's token")
        }
    }
}
