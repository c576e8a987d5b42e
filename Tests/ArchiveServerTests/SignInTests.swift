import ArchiveAuth
import ArchiveCore
import ArchiveEngines
@testable import ArchiveServer
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Signing in under load: one hashing for a burst of requests carrying the same new
/// credentials, and failed sign-ins throttled per account and per address (429 with
/// `Retry-After`), without telling which accounts exist.
@Suite("Signing in")
struct SignInTests {
    static func basic(_ user: String, _ password: String) -> String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    @Test func aBurstWithTheSameNewCredentialsHashesOnce() async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 50, seed: 3)
        defer { withExtendedLifetime(directory) {} }
        _ = try Archives.withDatabase(try ArchiveLocation(path), .write) {
            try AccountStore(database: $0).addUser(userName: "burst", password: "a long passphrase")
        }
        let server = try await ServerFixture.server(at: path)
        let before = server.service.authenticator.hashingCount
        try await server.application().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await client.get("/api/v1/ChatSession?$top=1", authorization: Self.basic("burst", "a long passphrase")).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 16 && statuses.allSatisfy { $0 == .ok })
        }
        #expect(server.service.authenticator.hashingCount - before == 1)
    }

    @Test func failuresAreThrottledPerAccountAndTellNothingOfIt() async throws {
        try await ServerFixture.withWritableClient { client, location in
            _ = try Archives.withDatabase(location, .write) {
                try AccountStore(database: $0, iterations: 1_000).addUser(userName: "reader", password: "read-only")
            }
            for name in ["tje0", "nobody-at-all"] {
                for _ in 0..<ServerConfiguration().failedSignInsPerAccount {
                    #expect(try await client.get("/api/v1/ChatSession?$top=1", authorization: Self.basic(name, "wrong")).status == .unauthorized)
                }
                // Now even the right password waits; the answer is the same for a name no one has.
                let throttled = try await client.get("/api/v1/ChatSession?$top=1", authorization: Self.basic(name, name == "tje0" ? "Tje0" : "x"))
                #expect(throttled.status == .tooManyRequests)
                #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
                #expect(
                    try json(throttled)["ErrorMessage"] as? String
                        == "too many failed sign-ins from this address or for this user name; try again in \(throttled.headers[.retryAfter] ?? "") s")
            }
            // The account in another case is the same account.
            #expect(try await client.get("/api/v1/ChatSession?$top=1", authorization: Self.basic("TJE0", "Tje0")).status == .tooManyRequests)
            // Another account, from the same address (not past the address's limit), signs in.
            #expect(try await client.get("/api/v1/ChatSession?$top=1", authorization: Self.basic("reader", "read-only")).status == .ok)
        }
    }
}

/// The order password hashes run in: one address's flood does not hold up another's sign-in.
@Suite("Password hashing turns")
struct PasswordHashingTests {
    /// Records the order works ran in.
    final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    /// How many works run at once, and the most that ever did.
    final class Concurrency: Sendable {
        private let counts = Mutex((now: 0, most: 0))
        func enter() { counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { counts.withLock { $0.now -= 1 } }
        var most: Int { counts.withLock { $0.most } }
    }

    @Test func anotherAddressGetsTheNextTurnBeforeAFloodsNextHash() async throws {
        let hashing = PasswordHashing(width: 1)
        let log = Log()
        let gate = DispatchSemaphore(value: 0)
        // A's first hash holds the only slot until the gate opens.
        let first = Task { await hashing.run(address: "A") { log.append("A1"); gate.wait() } }
        while log.all.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        var queued: [Task<Void?, Never>] = []
        for index in 2...4 { queued.append(Task { await hashing.run(address: "A") { log.append("A\(index)") } }) }
        try await Task.sleep(for: .milliseconds(50))
        queued.append(Task { await hashing.run(address: "B") { log.append("B1") } })
        try await Task.sleep(for: .milliseconds(50))
        gate.signal()
        _ = await first.value
        for task in queued { _ = await task.value }
        #expect(log.all.prefix(2) == ["A1", "B1"], "\(log.all)")
        #expect(log.all.count == 5)
    }

    @Test func oneAddressHashesOneAtATimeAndATurnCanBeDeclined() async throws {
        let hashing = PasswordHashing(width: 4)
        let running = Concurrency()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    _ = await hashing.run(address: "A") {
                        running.enter()
                        usleep(2_000)
                        running.leave()
                    }
                }
            }
        }
        #expect(running.most == 1)
        // A throttle that closed while the request waited: no hash, nil.
        let declined = await hashing.run(address: "A", stillWanted: { false }) { 42 }
        #expect(declined == nil)
    }
}
