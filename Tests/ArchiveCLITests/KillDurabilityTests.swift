import ArchiveCore
import ArchiveEngines
import ArchiveTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An acknowledged write survives `kill -9` of the server at any moment, on each engine: the built
/// server is killed during bursts of writes, again and again, and every write it answered is in
/// the archive (a SQLite file also passes `PRAGMA integrity_check`).
@Suite("Writes survive kill -9", .serialized)
struct KillDurabilityTests {
    static let rounds = 8
    static let writers = 4

    @Test(arguments: TestEngine.available)
    func everyAcknowledgedWriteIsThereAfterKillMinus9(engine: TestEngine) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 300, seed: 3)
        defer { withExtendedLifetime(directory) {} }
        let archive = try await engine.archive(copying: path).description
        var generator = SplitMix64(state: 20_261_203)
        var acknowledged: [Int: String] = [:]

        for round in 0..<Self.rounds {
            let server = try ServerProcess.start(archive: archive)
            defer { server.kill() }
            let port = server.port

            // Writers post until the server is gone; each keeps what was answered 200.
            let answered = Mutex<[Int: String]>([:])
            let group = DispatchGroup()
            for writer in 0..<Self.writers {
                DispatchQueue.global().async(group: group) {
                    var number = 0
                    while true {
                        number += 1
                        let marker = "round \(round) writer \(writer) chat \(number)"
                        let body = #"{"TopicId": 1, "WhenRequested": "2026-11-20T10:00:00", "FirstMessage": "\#(marker)", "Rating": \#(number % 5 + 1)}"#
                        guard let answer = RawHTTP.exchange(port: port, method: "POST", path: "/api/v1/ChatSession", body: body, authorization: "Basic dGplMDpUamUw") else { return }
                        guard answer.status == 200,
                            let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                            let id = object["ChatSessionId"] as? Int
                        else { continue }
                        answered.withLock { $0[id] = marker }
                    }
                }
            }
            // Kill it at a moment of the burst, somewhere between 50 ms and 800 ms after the first
            // write was answered (on a loaded machine the first answer may take a while).
            for _ in 0..<1_000 where answered.withLock({ $0.isEmpty }) { usleep(10_000) }
            usleep(UInt32(50_000 + generator.int(0...750_000)))
            server.kill()
            group.wait()
            let answeredNow = answered.withLock { $0 }
            #expect(!answeredNow.isEmpty, "round \(round): no write was answered before the kill")
            acknowledged.merge(answeredNow) { first, _ in first }

            // Every write answered so far, in this round or an earlier one, is in the archive.
            let found = try Self.storedMarkers(archive)
            for (id, marker) in acknowledged { #expect(found[id] == marker, "round \(round): chat \(id) ('\(marker)') was answered but is not in the archive") }
            if engine == .sqlite {
                let integrity = try CommandRunner.run(try #require(CommandRunner.sqlite3), [path, "PRAGMA integrity_check"])
                #expect(integrity.standardOutput == "ok\n", "round \(round): \(integrity.standardOutput)")
            }
        }
        #expect(acknowledged.count > Self.rounds * 5)
        if ProcessInfo.processInfo.environment["ARCHIVE_TEST_VERBOSE"] != nil { print("acknowledged writes over \(Self.rounds) kills: \(acknowledged.count)") }
    }

    /// The chats the writers made, by id, read with `archive query` (so the same on either engine).
    static func storedMarkers(_ archive: String) throws -> [Int: String] {
        let stored = try CommandRunner.archive([
            "query", "--db", archive, "--select", "chatSessionId,firstMessage", "--filter", "firstMessage begins 'round '", "--format", "csv",
        ])
        #expect(stored.status == 0, "\(stored.standardError)")
        var found: [Int: String] = [:]
        for line in stored.standardOutput.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",", maxSplits: 1)
            if parts.count == 2, let id = Int(parts[0]) { found[id] = String(parts[1]) }
        }
        return found
    }
}
