import ArchiveCore
import ArchiveEngines
@testable import ArchiveServer
import ArchiveTestSupport
import ArchiveWebhooks
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Webhooks with a receiver on loopback: registration with its test event, signed events for
/// every chat created, changed and deleted in commit order, the reference's retry rhythm,
/// `TooManyErrors` and a resume that loses nothing; on each engine.
@Suite("Webhooks")
struct WebhookTests {
    static let key = Array(repeating: UInt8(7), count: 32)
    static let write: HTTPFields = [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"]

    /// What the receiver was sent, and how it answers.
    actor Inbox {
        struct Delivery {
            let headers: HTTPFields
            let body: [UInt8]
            var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
            func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
        }
        private(set) var deliveries: [Delivery] = []
        /// Answers with this status until told otherwise.
        var status: HTTPResponse.Status = .ok
        /// Fails this many more tries before answering `status`.
        var failures = 0

        func receive(_ headers: HTTPFields, _ body: [UInt8]) -> HTTPResponse.Status {
            deliveries.append(Delivery(headers: headers, body: body))
            if failures > 0 {
                failures -= 1
                return .internalServerError
            }
            return status
        }

        func answer(_ status: HTTPResponse.Status, failing failures: Int = 0) {
            self.status = status
            self.failures = failures
        }

        var events: [Delivery] { deliveries.filter { $0.header("X-SuperOffice-Event") != "test" } }
    }

    /// A receiver on a loopback port, running while `body` runs.
    static func withReceiver(_ inbox: Inbox, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            var request = request
            let bytes = try await request.collectBody(upTo: 1 << 20)
            return Response(status: await inbox.receive(request.headers, Array(bytes.readableBytesView)))
        }
        try await Application(router: router, logger: { var logger = Logger(label: "receiver"); logger.logLevel = .warning; return logger }()).test(.live) { client in
            // The test framework binds `localhost`, which may be either loopback address.
            try await body("http://localhost:\(try #require(client.port))/hook")
        }
    }

    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.webhookKey = key
        configuration.allowsLoopbackWebhooks = true
        configuration.deliversWebhooks = false
        configuration.webhookTiming.retries = [.zero, .milliseconds(20), .milliseconds(40)]
        configuration.webhookTiming.afterFailedCycle = .milliseconds(20)
        configuration.webhookTiming.poll = .milliseconds(20)
    }

    /// Runs the server's dispatcher until `done` says so (or 20 s pass).
    static func deliver(_ server: ArchiveServer, until done: @escaping @Sendable () async -> Bool) async throws {
        let dispatcher = server.webhookDispatcher()
        let running = Task { await dispatcher.run() }
        defer { running.cancel() }
        let deadline = ContinuousClock.now + .seconds(20)
        while !(await done()), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        running.cancel()
        await running.value
    }

    /// A server of a writable copy of a seeded archive, its in-process client, and the server.
    static func withServer(
        engine: TestEngine, configure: @escaping (inout ServerConfiguration) -> Void = Self.configure,
        _ body: @escaping @Sendable (any TestClientProtocol, ArchiveServer) async throws -> Void
    ) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 100, seed: 3)
        defer { withExtendedLifetime(directory) {} }
        let location = try await engine.archive(copying: path)
        let server = try await ServerFixture.server(at: location, configure: configure)
        try await server.application(now: { SeededDatabase.now }).test(.router) { client in try await body(client, server) }
    }

    static func register(_ client: some TestClientProtocol, target: String, secret: String = "s3cret") async throws -> (TestResponse, Int) {
        let body = #"{"Name": "sync", "Events": ["chatsession.created", "chatsession.changed", "chatsession.deleted"], "TargetUrl": "\#(target)", "Secret": "\#(secret)", "State": "Active", "Type": "Webhook"}"#
        let response = try await client.execute(uri: "/api/v1/Webhook", method: .post, headers: write, body: ByteBuffer(string: body))
        return (response, (try? json(response)["WebhookId"] as? Int) ?? 0)
    }

    /// The events waiting for a webhook, as the API says.
    static func queueLength(_ client: some TestClientProtocol, _ id: Int) async -> Int? {
        let state = try? json(try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .get, headers: write, body: nil))
        return (state?["Delivery"] as? [String: Any])?["QueueLength"] as? Int
    }

    static func signature(_ body: [UInt8], secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))).base64EncodedString()
    }

    @Test(arguments: TestEngine.available)
    func everyChatChangeArrivesSignedInCommitOrder(engine: TestEngine) async throws {
        let inbox = Inbox()
        try await Self.withReceiver(inbox) { target in
            try await Self.withServer(engine: engine) { client, server in
                let (registered, id) = try await Self.register(client, target: target)
                #expect(registered.status == .ok, "\(String(buffer: registered.body))")
                let listed = try json(registered)
                #expect(listed["Secret"] as? String == "" && listed["HasSecret"] as? Bool == true)
                #expect(!String(buffer: registered.body).contains("s3cret"))
                // The test event came first, signed.
                let test = try #require(await inbox.deliveries.first)
                #expect(test.header("X-SuperOffice-Event") == "test" && test.header("X-SuperOffice-Signature") == Self.signature(test.body, secret: "s3cret"))

                let created = try json(try await client.execute(
                    uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1, "Rating": 3}"#)))
                let chat = try #require(created["ChatSessionId"] as? Int)
                _ = try await client.execute(uri: "/api/v1/ChatSession/\(chat)", method: .patch, headers: Self.write, body: ByteBuffer(string: #"{"Rating": 5}"#))
                _ = try await client.execute(uri: "/api/v1/ChatSession/\(chat)", method: .delete, headers: Self.write, body: nil)

                try await Self.deliver(server) { await Self.queueLength(client, id) == 0 }
                let events = await inbox.events
                // Required, not expected: the checks below index the three events.
                try #require(events.map { $0.header("X-SuperOffice-Event") } == ["chatsession.created", "chatsession.changed", "chatsession.deleted"])
                for event in events {
                    #expect(event.header("X-SuperOffice-Signature") == Self.signature(event.body, secret: "s3cret"))
                    #expect(event.header("X-SuperOffice-Retry") == "0" && event.header("X-SuperOffice-EventId")?.count == 36)
                    #expect(event.json["PrimaryKey"] as? Int == chat && event.json["Entity"] as? String == "chatsession")
                    #expect(event.json["ChangedByAssociateId"] as? Int == 1 && event.json["WebhookName"] as? String == "sync")
                }
                #expect(events[1].json["Changes"] as? [String] == ["rating"])
                #expect((events[1].json["FieldValues"] as? [String: Any])?["rating"] as? Int == 5)
                #expect((events[2].json["FieldValues"] as? [String: Any])?["rating"] as? Int == 5)

                // The API says where delivery stands; the secret is never shown.
                let state = try json(try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .get, headers: Self.write, body: nil))
                let delivery = try #require(state["Delivery"] as? [String: Any])
                #expect(delivery["QueueLength"] as? Int == 0 && delivery["ConsecutiveErrors"] as? Int == 0 && delivery["LastSuccess"] is String)
            }
        }
    }

    /// A server started without the key that seals a webhook's secret fails no cycle while
    /// nothing waits (it used to, until the webhook was set aside with nothing queued), and once
    /// an event waits it says what is missing.
    @Test func aServerWithoutTheWebhookKeyFailsOnlyWhenSomethingWaits() async throws {
        let inbox = Inbox()
        try await Self.withReceiver(inbox) { target in
            let (directory, path) = try SeededDatabase.copy(chats: 100, seed: 3)
            defer { withExtendedLifetime(directory) {} }
            let location = try await TestEngine.sqlite.archive(copying: path)
            let keyed = try await ServerFixture.server(at: location, configure: Self.configure)
            try await keyed.application(now: { SeededDatabase.now }).test(.router) { client in
                let (registered, _) = try await Self.register(client, target: target)
                #expect(registered.status == .ok)
            }
            let keyless = try await ServerFixture.server(at: location) { configuration in
                Self.configure(&configuration)
                configuration.webhookKey = nil
            }
            try await keyless.application(now: { SeededDatabase.now }).test(.router) { client in
                @Sendable func state() async throws -> [String: Any] {
                    try json(try await client.execute(uri: "/api/v1/Webhook/1", method: .get, headers: Self.write, body: nil))
                }
                let quiet = ContinuousClock.now + .milliseconds(300)
                try await Self.deliver(keyless) { ContinuousClock.now > quiet }
                let idle = try await state()
                #expect(idle["State"] as? String == "Active" && (idle["Delivery"] as? [String: Any])?["ConsecutiveErrors"] as? Int == 0, "\(idle)")

                _ = try await client.execute(uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1, "Rating": 3}"#))
                try await Self.deliver(keyless) { ((try? await state())?["Delivery"] as? [String: Any])?["ConsecutiveErrors"] as? Int ?? 0 > 0 }
                let failed = try #require(try await state()["Delivery"] as? [String: Any])
                #expect((failed["LastErrorMessage"] as? String)?.contains("started without the webhook key file") == true, "\(failed)")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func retriesThenTooManyErrorsThenAResumeThatLosesNothing(engine: TestEngine) async throws {
        let inbox = Inbox()
        try await Self.withReceiver(inbox) { target in
            try await Self.withServer(engine: engine) { client, server in
                let (_, id) = try await Self.register(client, target: target)
                // Two failed tries, then the third of the cycle gets through.
                await inbox.answer(.ok, failing: 2)
                _ = try await client.execute(uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1}"#))
                try await Self.deliver(server) { await Self.queueLength(client, id) == 0 }
                var events = await inbox.events
                #expect(events.map { $0.header("X-SuperOffice-Retry") } == ["0", "1", "2"])
                #expect(Set(events.map { $0.header("X-SuperOffice-EventId") }).count == 1)

                // A dead target: nine failed cycles set the webhook aside, and its events wait.
                await inbox.answer(.serviceUnavailable)
                for rating in 1...2 {
                    _ = try await client.execute(uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1, "Rating": \#(rating)}"#))
                }
                try await Self.deliver(server) {
                    let state = try? json(try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .get, headers: Self.write, body: nil))["State"] as? String
                    return state == "TooManyErrors"
                }
                let aside = try json(try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .get, headers: Self.write, body: nil))
                #expect(aside["State"] as? String == "TooManyErrors")
                #expect((aside["Delivery"] as? [String: Any])?["QueueLength"] as? Int == 2)
                #expect(await inbox.events.count == 3 + 9 * 3)
                // An edit that does not name the state leaves the webhook set aside.
                let renamed = try json(try await client.execute(
                    uri: "/api/v1/Webhook/\(id)", method: .patch, headers: Self.write, body: ByteBuffer(string: #"{"Name": "renamed"}"#)))
                #expect(renamed["State"] as? String == "TooManyErrors" && renamed["Name"] as? String == "renamed")

                // Back: set active, and both waiting events arrive, in order.
                await inbox.answer(.ok)
                let resumed = try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .patch, headers: Self.write, body: ByteBuffer(string: #"{"State": "Active"}"#))
                #expect(resumed.status == .ok, "\(String(buffer: resumed.body))")
                try await Self.deliver(server) { await Self.queueLength(client, id) == 0 }
                events = await inbox.events
                let delivered = events.suffix(2).map { ($0.json["FieldValues"] as? [String: Any])?["rating"] as? Int }
                #expect(delivered == [1, 2])
            }
        }
    }

    @Test func targetsAreRefusedWithAReason() async throws {
        let inbox = Inbox()
        try await Self.withReceiver(inbox) { target in
            // Without --allow-loopback-webhooks, loopback is refused.
            try await Self.withServer(engine: .sqlite, configure: { $0.webhookKey = Self.key }) { client, _ in
                for (url, reason) in [
                    (target, "loopback"), ("https://10.1.2.3/hook", "private"), ("http://93.184.216.34/hook", "https"),
                    ("https://169.254.169.254/latest", "link-local"), ("not a url", "absolute URL"),
                    ("https://198.18.0.1/hook", "private"), ("https://[64:ff9b::a00:1]/hook", "private"), ("https://[::ffff:127.0.0.1]/hook", "loopback"),
                ] {
                    let (response, _) = try await Self.register(client, target: url)
                    #expect(response.status == .badRequest, "\(url)")
                    let message = try json(response)["ErrorMessage"] as? String ?? ""
                    let source = try json(response)["ErrorSource"] as? String
                    #expect(message.contains(reason) && source == "TargetUrl", "\(url): \(message)")
                }
            }
            // A target that does not answer the test event with 200 is refused.
            try await Self.withServer(engine: .sqlite) { client, _ in
                await inbox.answer(.notFound)
                let (refused, _) = try await Self.register(client, target: target)
                let message = try json(refused)["ErrorMessage"] as? String
                #expect(refused.status == .badRequest && message?.contains("404") == true, "\(message ?? "")")
                // A redirect is not followed (it could lead anywhere): it is a refusal too.
                await inbox.answer(.temporaryRedirect)
                let (redirected, _) = try await Self.register(client, target: target)
                let redirectMessage = try json(redirected)["ErrorMessage"] as? String
                #expect(redirected.status == .badRequest && redirectMessage?.contains("307") == true, "\(redirectMessage ?? "")")
                await inbox.answer(.ok)
                let reader = try await client.execute(uri: "/api/v1/Webhook", method: .get, headers: [.authorization: "Basic " + Data("nobody:x".utf8).base64EncodedString()], body: nil)
                #expect(reader.status == .unauthorized)

                // Nothing listening: said in words, not as the client library's description.
                let closedPort = target.replacingOccurrences(of: #":\d+/"#, with: ":1/", options: .regularExpression)
                let (unreachable, _) = try await Self.register(client, target: closedPort)
                let unreachableMessage = try json(unreachable)["ErrorMessage"] as? String ?? ""
                #expect(unreachable.status == .badRequest && unreachableMessage.hasSuffix("with the test event: connection refused"), "\(unreachableMessage)")
                // Another scheme than HTTP's, on loopback.
                let (ftp, _) = try await Self.register(client, target: closedPort.replacingOccurrences(of: "http://", with: "ftp://"))
                #expect((try json(ftp)["ErrorMessage"] as? String)?.contains("must be https:// or http://, not ftp://") == true)
            }
        }
    }

    /// Events: at least one, each kept once; a secret this server cannot keep is refused before
    /// the target hears of it.
    @Test func eventsAndSecretsAreCheckedBeforeTheTargetIsCalled() async throws {
        let inbox = Inbox()
        try await Self.withReceiver(inbox) { target in
            try await Self.withServer(engine: .sqlite) { client, _ in
                func register(_ body: String) async throws -> TestResponse {
                    try await client.execute(uri: "/api/v1/Webhook", method: .post, headers: Self.write, body: ByteBuffer(string: body))
                }
                let none = try await register(#"{"Name": "x", "Events": [], "TargetUrl": "\#(target)"}"#)
                #expect((try json(none)["ErrorMessage"] as? String)?.hasPrefix("Events must name at least one event") == true)
                let twice = try await register(#"{"Name": "x", "Events": ["chatsession.created", "ChatSession.Created"], "TargetUrl": "\#(target)"}"#)
                #expect(try json(twice)["Events"] as? [String] == ["chatsession.created"], "\(String(buffer: twice.body))")
                // A webhook has no entity tag either: a change conditional on one is refused, and not made.
                let id = try #require(try json(twice)["WebhookId"] as? Int)
                var tagged = Self.write
                tagged[HTTPField.Name("If-Match")!] = #""v1""#
                let patched = try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .patch, headers: tagged, body: ByteBuffer(string: #"{"Name": "y"}"#))
                #expect(patched.status == .preconditionFailed)
                let deleted = try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .delete, headers: tagged, body: nil)
                #expect(deleted.status == .preconditionFailed)
                let kept = try json(try await client.execute(uri: "/api/v1/Webhook/\(id)", method: .get, headers: Self.write, body: nil))
                #expect(kept["Name"] as? String == "x")
            }
            let before = await inbox.deliveries.count
            try await Self.withServer(engine: .sqlite, configure: { Self.configure(&$0); $0.webhookKey = nil }) { client, _ in
                let (refused, _) = try await Self.register(client, target: target)
                #expect(refused.status == .badRequest)
            }
            #expect(await inbox.deliveries.count == before, "the target was called for a webhook the server refused")
        }
    }
}
