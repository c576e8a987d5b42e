import ArchiveAuth
import Hummingbird

/// Names the caller of every route behind it from the `Authorization` header, with the schemes
/// the service's ``Authenticator`` accepts (Basic, Bearer, SOTicket), or from the browser
/// session's cookie with its XSRF token (``SessionStore``), or answers 401. The archive is read
/// on a reader and a password hashed on a queue of its own, never on the event loops.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext
    let service: ArchiveService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // An `Authorization` header wins; without one, a session cookie (with its XSRF token).
        let caller: Caller
        var request = request
        do {
            if request.headers[.authorization] == nil, let session = try await service.sessionCaller(&request) {
                caller = session
            } else {
                caller = try await service.caller(authorization: request.headers[.authorization], clientAddress: context.clientAddress)
            }
        } catch let error as APIError where APIError.comesFromAPage(request) {
            throw error.challengingSession
        }
        context.record.userName = caller.userName
        var context = context
        context.caller = caller
        return try await next(request, context)
    }
}
