public import ArchiveCore
public import Hummingbird
public import Logging
import ArchiveWebhooks
import Foundation
import NIOCore

/// The archive's HTTP server.
///
/// ```swift
/// let archive = try Archives.open(ArchiveLocation("demo.sqlite"))   // ArchiveEngines
/// let server = try await ArchiveServer(archive: archive)
/// try await server.run()   // until SIGINT or SIGTERM
/// ```
public struct ArchiveServer: Sendable {
    let service: ArchiveService
    let logger: Logger

    /// A server of `archive`, which must be a current archive; the server closes it when it stops.
    public init(archive: any DatabaseWriter, configuration: ServerConfiguration = ServerConfiguration(), logger: Logger = Logger(label: "archive")) async throws {
        service = try await ArchiveService(archive: archive, configuration: configuration)
        self.logger = logger
    }

    /// The Hummingbird application, for running or for in-process tests; `onListening` runs once
    /// the server listens on its address.
    public func application(
        now: (@Sendable () -> Int64)? = nil, onListening: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        let routes = ArchiveRoutes(service: service, now: now ?? { QueryContext.currentTime() })
        let configuration = service.configuration
        return Application(
            router: routes.router(),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ParserErrorResponder()],
                // A connection idle for two minutes (a client that neither sends nor reads) is closed.
                idleTimeout: .seconds(120),
                httpDecoderConfiguration: configuration.requestLimits.parserConfiguration)),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "archive"),
            services: configuration.deliversWebhooks ? [WebhookDeliveryService(dispatcher: webhookDispatcher())] : [],
            onServerRunning: { _ in await onListening() },
            logger: logger)
    }

    /// The dispatcher that delivers this server's webhooks from the change feed.
    func webhookDispatcher() -> WebhookDispatcher {
        let configuration = service.configuration
        return WebhookDispatcher(
            archive: service.archive, sender: service.webhookSender, sealer: service.webhookSealer, policy: service.webhookPolicy,
            context: configuration.webhookContext, timing: configuration.webhookTiming, logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests under way and closes the archive.
    /// `onListening` runs once the server listens (not when its address is taken).
    ///
    /// - Throws: ``ListenError`` when the address is taken.
    public func run(onListening: @escaping @Sendable () async -> Void = {}) async throws {
        defer { service.close() }
        do {
            try await application(onListening: onListening).runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            let configuration = service.configuration
            throw ListenError(description: "cannot listen on \(configuration.host):\(configuration.port): another program has that port (choose another port)")
        }
    }
}

/// Why the server could not start listening.
public struct ListenError: Error, CustomStringConvertible {
    /// What went wrong and what to do, in one line.
    public let description: String
}
