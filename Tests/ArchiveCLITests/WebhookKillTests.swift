import ArchiveEngines
import ArchiveTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Webhook events survive `kill -9`: the built server is killed during bursts of writes with
/// deliveries in flight, again and again, then started once more; every write it acknowledged
/// reaches the receiver as a `chatsession.created` event at least once, on each engine. (In the
/// kill suite, whose tests run one at a time: each loads both cores.)
extension KillDurabilityTests {
    static let webhookRounds = 3

    /// The chats the receiver was told of.
    final class Received: Sendable {
        private let ids = Mutex(Set<Int>())
        func insert(_ id: Int) { _ = ids.withLock { $0.insert(id) } }
        var all: Set<Int> { ids.withLock { $0 } }
    }

    @Test(arguments: TestEngine.available)
    func everyAcknowledgedWritesEventArrivesAfterKillMinus9(engine: TestEngine) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 100, seed: 3)
        defer { withExtendedLifetime(directory) {} }
        let archive = try await engine.archive(copying: path).description
        let received = Received()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            if let event = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
                event["Event"] as? String == "chatsession.created", let id = event["PrimaryKey"] as? Int {
                received.insert(id)
            }
            return .ok
        }
        try await Application(router: router, logger: { var logger = Logger(label: "receiver"); logger.logLevel = .warning; return logger }()).test(.live) { client in
            let target = "http://localhost:\(try #require(client.port))/hook"
            var acknowledged = Set<Int>()
            for round in 0..<Self.webhookRounds {
                // Blocking calls run off the cooperative threads, which the receiver's handler needs.
                let server = try await offThePool { try ServerProcess.start(archive: archive, arguments: ["--allow-loopback-webhooks"]) }
                defer { server.kill() }
                if round == 0 {
                    // Registered through the API, as a client would.
                    let body = #"{"Name": "kill", "Events": ["chatsession.created"], "TargetUrl": "\#(target)"}"#
                    let registered = await offThePool {
                        RawHTTP.exchange(port: server.port, method: "POST", path: "/api/v1/Webhook", body: body, authorization: "Basic dGplMDpUamUw")
                    }
                    #expect(registered?.status == 200, "\(registered?.body ?? "no answer")")
                }
                acknowledged.formUnion(await offThePool { Self.writeUntilKilled(server, after: .milliseconds(400)) })
            }
            // Started again, the server delivers what waits.
            let server = try await offThePool { try ServerProcess.start(archive: archive, arguments: ["--allow-loopback-webhooks"]) }
            defer { server.kill() }
            let deadline = ContinuousClock.now + .seconds(60)
            while !acknowledged.isSubset(of: received.all), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            let missing = acknowledged.subtracting(received.all)
            #expect(missing.isEmpty, "acknowledged chats whose created event never arrived: \(missing.sorted().prefix(20))")
            #expect(acknowledged.count > Self.webhookRounds * 3)
        }
    }

    /// Two writers create chats until the server is killed, `after` from now; the ids answered 200.
    static func writeUntilKilled(_ server: ServerProcess, after delay: Duration) -> Set<Int> {
        let answered = Mutex(Set<Int>())
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                while let answer = RawHTTP.exchange(
                    port: server.port, method: "POST", path: "/api/v1/ChatSession", body: #"{"TopicId": 1}"#, authorization: "Basic dGplMDpUamUw") {
                    guard answer.status == 200, let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                        let id = object["ChatSessionId"] as? Int
                    else { continue }
                    _ = answered.withLock { $0.insert(id) }
                }
            }
        }
        usleep(UInt32(delay.components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000))
        server.kill()
        group.wait()
        return answered.withLock { $0 }
    }
}

/// Runs blocking work (a child process, a burst of requests) on a thread of its own, so that it
/// does not hold one of the few threads async code runs on.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
