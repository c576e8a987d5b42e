import ArchiveCore
import Crypto
import Foundation
import Hummingbird
import HTTPTypes

/// The reference's `SO-AppToken` header: which application calls. Every call may carry it; the
/// log line names the application (by its name in `--app-tokens`, else by a digest of the token,
/// never the token). When the server is given a list of tokens, a call without one of them is
/// answered 401 naming the header.
struct ApplicationTokenMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext
    static let header = HTTPField.Name("SO-AppToken")!
    /// Token → application name; nil admits every call.
    let admitted: [String: String]?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let token = request.headers[Self.header].map { String($0.trimmingBlanks()) }
        if let admitted {
            guard let token, let name = admitted[token] else {
                throw APIError(
                    .unauthorized, "Unauthorized",
                    "this server admits only the applications it was given: send one's token in SO-AppToken", source: "SO-AppToken")
            }
            context.record.application = name
        } else if let token, !token.isEmpty {
            context.record.application = Self.digest(token)
        }
        return try await next(request, context)
    }

    /// `sha256:` and the first 12 hex digits of the token's SHA-256: tells applications apart in
    /// the log without writing their secret.
    static func digest(_ token: String) -> String {
        "sha256:" + SHA256.hash(data: Array(token.utf8)).prefix(6).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
