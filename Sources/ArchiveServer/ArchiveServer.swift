public import ArchiveCore
public import Hummingbird
public import Logging
import ArchiveWebhooks

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

    /// The Hummingbird application, for running or for in-process tests.
    public func application(now: (@Sendable () -> Int64)? = nil) -> some ApplicationProtocol {
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
    public func run() async throws {
        defer { service.close() }
        try await application().runService()
    }
}
