public import ArchiveCore
public import Logging
import Dispatch

/// Delivers the change feed to the active webhooks: each webhook on its own task (a slow or dead
/// target holds up no other, nor the API), its events in commit order, at least once.
///
/// A webhook's position in the feed moves only after its target answered 2xx, so a server
/// killed between a commit and a delivery, or during one, delivers the event after it starts
/// again (with the same `EventId`). Each event is tried as the reference tries it: at once,
/// after 1 s, after 4 s (`X-SuperOffice-Retry` 0, 1, 2); then the cycle has failed, and the
/// webhook tries the same event again after ``Timing/afterFailedCycle``. After 9 failed cycles in
/// a row it is set to `TooManyErrors` and keeps its events (the reference discards them) until a
/// user sets it active again.
public actor WebhookDispatcher {
    /// How long the dispatcher waits, between tries and between looks at the feed.
    public struct Timing: Sendable {
        /// Before each try of one cycle (the reference's: at once, 1 s, 4 s).
        public var retries: [Duration] = [.zero, .seconds(1), .seconds(4)]
        /// After a failed cycle, before the same event is tried again.
        public var afterFailedCycle: Duration = .seconds(10)
        /// Between looks at the feed when there is nothing to deliver.
        public var poll: Duration = .milliseconds(500)
        /// How long the feed keeps a change (for delta links, and for webhooks set aside): it is
        /// pruned once older than this and delivered to every active webhook.
        public var retention: Duration = .seconds(30 * 86_400)
        /// Between prunings of the feed.
        public var pruneEvery: Duration = .seconds(60)

        public init() {}
    }

    private let archive: any DatabaseWriter
    private let sender: WebhookSender
    private let sealer: SecretSealer?
    private let policy: WebhookTargetPolicy
    /// `ContextIdentifier`: the tenant, empty on-site.
    private let context: String
    private let timing: Timing
    private let logger: Logger
    private var running: [Int64: Task<Void, Never>] = [:]

    public init(
        archive: any DatabaseWriter, sender: WebhookSender = WebhookSender(), sealer: SecretSealer?, policy: WebhookTargetPolicy,
        context: String = "", timing: Timing = Timing(), logger: Logger
    ) {
        self.archive = archive
        self.sender = sender
        self.sealer = sealer
        self.policy = policy
        self.context = context
        self.timing = timing
        self.logger = logger
    }

    /// Delivers until the task is cancelled.
    public func run() async {
        var lastPruned = ContinuousClock.now - timing.pruneEvery
        while !Task.isCancelled {
            await startDueWebhooks()
            if ContinuousClock.now - lastPruned >= timing.pruneEvery {
                await pruneFeed()
                lastPruned = .now
            }
            try? await Task.sleep(for: timing.poll)
        }
        for task in running.values { task.cancel() }
        for task in running.values { await task.value }
    }

    /// Starts a delivery task for each active webhook that has none.
    private func startDueWebhooks() async {
        guard let webhooks = try? await archive.read({ try WebhookStore(database: $0).all() }) else { return }
        for webhook in webhooks where webhook.state == .active && running[webhook.id] == nil {
            let worker = WebhookWorker(
                webhookID: webhook.id, archive: archive, sender: sender, sealer: sealer, policy: policy, context: context, timing: timing, logger: logger)
            running[webhook.id] = Task { [weak self] in
                await worker.deliverWhatWaits()
                await self?.finished(webhook.id)
            }
        }
    }

    private func finished(_ id: Int64) { running[id] = nil }

    /// Prunes the feed's changes older than the retention that every active webhook has.
    /// A webhook set aside does not hold them: it loses what is older than the retention.
    private func pruneFeed() async {
        let cutoff = QueryContext.currentTime() - timing.retention.components.seconds
        do {
            let removed = try await archive.write { database in
                let active = try WebhookStore(database: database).all().filter { $0.state == .active }
                let through = active.map(\.deliveredPosition).min() ?? Int64.max
                return try ChangeFeed.prune(before: cutoff, through: through, in: database)
            }
            if removed > 0 { logger.info("change feed pruned", metadata: ["changes": "\(removed)"]) }
        } catch is CancellationError {
            // The server is stopping (or could not start): nothing went wrong with the feed.
        } catch {
            logger.warning("the change feed could not be pruned", metadata: ["error": "\(error)"])
        }
    }
}

/// Delivers one webhook's waiting events, in order, until none waits or a cycle fails.
struct WebhookWorker: Sendable {
    /// What a cycle cut short by the server's stop returns.
    static let stopped = "the server stopped"

    let webhookID: Int64
    let archive: any DatabaseWriter
    let sender: WebhookSender
    let sealer: SecretSealer?
    let policy: WebhookTargetPolicy
    let context: String
    let timing: WebhookDispatcher.Timing
    let logger: Logger

    func deliverWhatWaits() async {
        while !Task.isCancelled {
            let batch: (Webhook, String?, [ChatChange])?
            do {
                batch = try await nextBatch()
            } catch {
                // A secret sealed with another key file, say: said in the webhook's state.
                return await failedCycle("\(error)")
            }
            guard let (webhook, secret, changes) = batch, webhook.state == .active, !changes.isEmpty else { return }
            // Changes of events the webhook is not sent are passed over, noted once per batch.
            let sent = changes.filter { webhook.events.contains(WebhookEvent($0.kind)) }
            for change in sent {
                if let failure = await deliver(change, to: webhook, secret: secret) {
                    // The server stopping mid-cycle is no failure of the target.
                    if failure != Self.stopped && !Task.isCancelled { await failedCycle(failure) }
                    return
                }
            }
            if let last = changes.last, last.position != sent.last?.position {
                try? await note { [webhookID] in try $0.delivered(webhookID, through: last.position, at: nil) }
            }
            if !sent.isEmpty {
                logger.info("webhook delivered", metadata: [
                    "webhook": "\(webhookID)", "events": "\(sent.count)", "position": "\(changes.last?.position ?? 0)",
                    "oldest": "\(sent.first?.at ?? "")",
                ])
            }
        }
    }

    /// The webhook as stored now (a user may have stopped it), its secret, and its next changes.
    private func nextBatch() async throws -> (Webhook, String?, [ChatChange])? {
        let id = webhookID
        let (webhook, sealed, changes) = try await archive.read { database -> (Webhook?, String?, [ChatChange]) in
            let store = WebhookStore(database: database)
            guard let webhook = try store.load(id) else { return (nil, nil, []) }
            return (webhook, try store.sealedSecret(of: id), try ChangeFeed.changes(after: webhook.deliveredPosition, limit: 100, in: database))
        }
        guard let webhook else { return nil }
        try await noteLossIfPruned(webhook)
        // Opened only for something to send: with nothing waiting, no cycle can fail.
        guard !changes.isEmpty, webhook.state == .active else { return (webhook, nil, changes) }
        let secret = try sealed.map { sealed in
            guard let sealer else { throw SecretSealerError.noKey }
            return try sealer.open(sealed)
        }
        return (webhook, secret, changes)
    }

    /// Tries one event as the reference does; nil once delivered (and noted), else why not.
    private func deliver(_ change: ChatChange, to webhook: Webhook, secret: String?) async -> String? {
        let delivery = WebhookDelivery(change: change, to: webhook, context: context)
        var failure: String?
        for (retry, delay) in timing.retries.enumerated() {
            if delay > .zero { try? await Task.sleep(for: delay) }
            if Task.isCancelled { return Self.stopped }
            // Checked again at every try: a host may resolve elsewhere than at registration.
            // Resolving blocks: off the cooperative threads.
            let (policy, url) = (policy, webhook.targetURL)
            let refusal = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: policy.refusal(of: url)) }
            }
            if let refusal { return refusal }
            failure = await sender.send(delivery, to: webhook.targetURL, secret: secret, retry: retry)
            if failure == nil { break }
        }
        if let failure { return failure }
        try? await note { try $0.delivered(webhookID, through: change.position, at: QueryContext.currentTime()) }
        logger.debug("webhook delivered", metadata: ["webhook": "\(webhookID)", "event": "\(delivery.event)", "chat": "\(change.chatID)"])
        return nil
    }

    /// Notes a failed cycle (perhaps setting the webhook aside), then waits before the next.
    private func failedCycle(_ failure: String) async {
        let id = webhookID
        let state = try? await archive.write { try WebhookStore(database: $0).failed(id, at: QueryContext.currentTime(), message: failure) }
        logger.warning("webhook delivery failed", metadata: ["webhook": "\(webhookID)", "error": "\(failure)", "state": "\((state ?? nil)?.rawValue ?? "")"])
        try? await Task.sleep(for: timing.afterFailedCycle)
    }

    /// A webhook set aside longer than the feed keeps changes has lost those pruned meanwhile:
    /// said in its last error and the log, and it goes on from the oldest change kept.
    private func noteLossIfPruned(_ webhook: Webhook) async throws {
        let pruned = try await archive.read { try ChangeFeed.prunedThrough(in: $0) }
        guard webhook.deliveredPosition < pruned else { return }
        let message = "changes \(webhook.deliveredPosition + 1) to \(pruned) were pruned before this webhook was sent them (it was set aside longer than the feed keeps changes)"
        logger.warning("webhook missed pruned changes", metadata: ["webhook": "\(webhookID)", "through": "\(pruned)"])
        let id = webhookID
        try await archive.write { database in
            _ = try database.perform("UPDATE webhook SET last_error_message = \(message), delivered_position = \(pruned) WHERE id = \(id) AND delivered_position < \(pruned)")
        }
    }

    private func note(_ change: @escaping @Sendable (WebhookStore) throws -> Void) async throws {
        try await archive.write { try change(WebhookStore(database: $0)) }
    }
}
