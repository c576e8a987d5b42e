import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path, status, time and user (never credentials).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = Self.milliseconds(ContinuousClock.now - started)
        let application = context.record.application.map { " app=\($0)" } ?? ""
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(elapsed) ms user=\(context.record.userName)\(application)")
        return response
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f", value)
    }
}
