import ArchiveWebhooks
import ServiceLifecycle

/// Runs the webhook dispatcher beside the HTTP server, until the server shuts down.
struct WebhookDeliveryService: Service {
    let dispatcher: WebhookDispatcher

    func run() async throws {
        await cancelWhenGracefulShutdown { await dispatcher.run() }
    }
}
