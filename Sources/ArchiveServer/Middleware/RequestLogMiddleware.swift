import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path, status, time and user (never credentials).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        // Formatted only when the line is written (the log level may leave it out).
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code) \(Self.milliseconds(elapsed)) ms user=\(context.record.userName)\(Self.application(context))")
        return response
    }

    /// ` app=NAME` for a request an application token admitted, else nothing.
    static func application(_ context: Context) -> String {
        context.record.application.map { " app=\($0)" } ?? ""
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f", value)
    }
}
