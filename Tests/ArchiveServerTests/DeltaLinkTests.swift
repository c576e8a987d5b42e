import ArchiveCore
import ArchiveEngines
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Delta links on each engine: `Prefer: odata.track-changes` gives one with the last page, and
/// following it gives the chats created or changed since that match, the ids of those that left,
/// and the next link; under concurrent writes a client that applies them ends with the answer.
@Suite("Delta links")
struct DeltaLinkTests {
    static let query = "/api/v1/ChatSession?$select=chatSessionId,rating,lastMessage&$filter=rating%20eq%205&$orderBy=chatSessionId"
    static let track: HTTPFields = [HTTPField.Name("Prefer")!: "odata.track-changes, odata.maxpagesize=10"]
    static let write: HTTPFields = [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"]

    /// A link's path and query, for the test client.
    static func relative(_ link: String) -> String {
        guard let scheme = link.range(of: "://"), let slash = link[scheme.upperBound...].firstIndex(of: "/") else { return link }
        return String(link[slash...])
    }

    /// What a client holds after reading an answer or a delta: rows by id.
    struct Mirror {
        var ids = Set<Int>()
        var removed: [Int: String] = [:]

        /// Applies one answer's entries; returns its next and delta links.
        mutating func apply(_ body: [String: Any]) -> (next: String?, delta: String?) {
            removed = [:]
            for entry in body["value"] as? [[String: Any]] ?? [] {
                guard let id = entry["PrimaryKey"] as? Int else { continue }
                if let removal = entry["odata.removed"] as? [String: Any] {
                    ids.remove(id)
                    removed[id] = removal["reason"] as? String
                } else {
                    ids.insert(id)
                }
            }
            return (body["odata.nextLink"] as? String, body["odata.deltaLink"] as? String)
        }

        /// Reads every page from `uri`; returns the delta link of the last, when tracking.
        @discardableResult
        mutating func follow(_ uri: String, headers: HTTPFields = [:], client: some TestClientProtocol) async throws -> String? {
            var next: String? = uri
            var delta: String?
            while let link = next {
                let response = try await client.get(relative(link), headers: headers)
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                (next, delta) = apply(try json(response))
            }
            return delta
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeltaGivesWhatMatchesNowAndWhatLeft(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            var mirror = Mirror()
            let first = try await client.get(Self.query, headers: Self.track)
            #expect(first.headers[HTTPField.Name("Preference-Applied")!]?.contains("odata.track-changes") == true)
            let deltaLink = try #require(try await mirror.follow(Self.query, headers: Self.track, client: client))
            let before = mirror.ids.sorted()
            #expect(before.count > 3)

            func send(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws {
                let response = try await client.execute(uri: path, method: method, headers: Self.write, body: body.map { ByteBuffer(string: $0) })
                #expect(response.status.code < 300, "\(String(buffer: response.body))")
            }
            let created = try json(try await client.execute(
                uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1, "Rating": 5}"#)))
            let newID = try #require(created["ChatSessionId"] as? Int)
            let unrated = try #require(try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$filter=rating%20eq%203&$top=1")).first?["chatSessionId"] as? Int)
            try await send(.patch, "/api/v1/ChatSession/\(before[0])", #"{"Rating": 4}"#)
            try await send(.patch, "/api/v1/ChatSession/\(unrated)", #"{"Rating": 5}"#)
            try await send(.delete, "/api/v1/ChatSession/\(before[1])")
            try await send(.patch, "/api/v1/ChatSession/\(before[2])", #"{"LastMessage": "Still five"}"#)

            let delta = try json(try await client.get(Self.relative(deltaLink)))
            let nextDelta = try #require(delta["odata.deltaLink"] as? String)
            #expect(delta["odata.nextLink"] is NSNull)
            var applied = Mirror(ids: Set(before))
            _ = applied.apply(delta)
            let rowsIDs = (delta["value"] as? [[String: Any]] ?? []).filter { $0["odata.removed"] == nil }.compactMap { $0["PrimaryKey"] as? Int }
            #expect(Set(rowsIDs) == [newID, unrated, before[2]])
            #expect(applied.removed == [before[0]: "changed", before[1]: "deleted"])
            // The mirror now holds exactly what the query answers.
            var now = Mirror()
            try await now.follow(Self.query, client: client)
            #expect(applied.ids == now.ids)

            // Nothing changed since: an empty delta, and a link to go on with.
            let quiet = try json(try await client.get(Self.relative(nextDelta)))
            #expect((quiet["value"] as? [Any])?.isEmpty == true && quiet["odata.deltaLink"] is String)

            // A token changed by hand, or used with another query, is refused naming it.
            for link in [nextDelta.replacingOccurrences(of: "deltatoken=", with: "deltatoken=x"), nextDelta.replacingOccurrences(of: "eq%205", with: "eq%204")] {
                let refused = try await client.get(Self.relative(link))
                let source = try json(refused)["ErrorSource"] as? String
                #expect(refused.status == .badRequest && source == "$deltatoken", "\(link)")
            }
            // Groups are not tracked.
            let grouped = try await client.get("/api/v1/ChatSession?$select=GroupBy(status):HideDetail,Count(chatSessionId)", headers: Self.track)
            #expect(grouped.status == .badRequest)
        }
    }

    /// A chat changed, then deleted in a change a later delta page takes in, is reported
    /// deleted on the first page too: the reason is what the chat is now.
    @Test(arguments: TestEngine.available)
    func aChatDeletedAfterItsChangeIsReportedDeleted(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            var mirror = Mirror()
            let deltaLink = try #require(try await mirror.follow(Self.query, headers: Self.track, client: client))
            let rated = mirror.ids.sorted()
            try #require(rated.count > 12)
            func send(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws {
                let response = try await client.execute(uri: path, method: method, headers: Self.write, body: body.map { ByteBuffer(string: $0) })
                #expect(response.status.code < 300, "\(String(buffer: response.body))")
            }
            try await send(.patch, "/api/v1/ChatSession/\(rated[0])", #"{"Rating": 4}"#)
            for id in rated[1...11] { try await send(.patch, "/api/v1/ChatSession/\(id)", #"{"LastMessage": "Again"}"#) }
            try await send(.delete, "/api/v1/ChatSession/\(rated[0])")

            var reasons: [String] = []
            var next: String? = deltaLink
            while let link = next {
                let page = try json(try await client.get(Self.relative(link), headers: Self.track))
                for entry in page["value"] as? [[String: Any]] ?? [] where entry["PrimaryKey"] as? Int == rated[0] {
                    reasons.append(((entry["odata.removed"] as? [String: Any])?["reason"] as? String) ?? "row")
                }
                next = page["odata.nextLink"] as? String
            }
            #expect(!reasons.isEmpty && reasons.allSatisfy { $0 == "deleted" }, "\(reasons)")
        }
    }

    @Test(arguments: TestEngine.available)
    func followingDeltasWhileChatsAreWrittenMissesNothing(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            var mirror = Mirror()
            // Writers change chats while the client pages and then follows deltas.
            let writing = Task {
                for index in 0..<60 {
                    let rating = [5, 4, 5, 3][index % 4]
                    let body = index % 3 == 0 ? #"{"TopicId": 1, "Rating": \#(rating)}"# : #"{"Rating": \#(rating)}"#
                    let (method, path): (HTTPRequest.Method, String) = index % 3 == 0 ? (.post, "/api/v1/ChatSession") : (.patch, "/api/v1/ChatSession/\(1 + index * 4)")
                    _ = try await client.execute(uri: path, method: method, headers: Self.write, body: ByteBuffer(string: body))
                    if index % 10 == 9 { _ = try await client.execute(uri: "/api/v1/ChatSession/\(200 + index)", method: .delete, headers: Self.write, body: nil) }
                }
            }
            var deltaLink = try #require(try await mirror.follow(Self.query, headers: Self.track, client: client))
            for _ in 0..<5 { deltaLink = try #require(try await mirror.follow(deltaLink, client: client)) }
            try await writing.value
            _ = try #require(try await mirror.follow(deltaLink, client: client))
            var now = Mirror()
            try await now.follow(Self.query, client: client)
            #expect(mirror.ids == now.ids)
            #expect(now.ids.count > 10)
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeltaLinkOlderThanTheFeedKeepsIsGone(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            var mirror = Mirror()
            let deltaLink = try #require(try await mirror.follow(Self.query, headers: Self.track, client: client))
            _ = try await client.execute(uri: "/api/v1/ChatSession", method: .post, headers: Self.write, body: ByteBuffer(string: #"{"TopicId": 1, "Rating": 5}"#))
            // The feed is pruned past the link's position (as after --change-retention-days).
            try Archives.withDatabase(location, .write) { database in
                #expect(try ChangeFeed.prune(before: QueryContext.currentTime() + 86_400, through: Int64.max, in: database) == 1)
                let last = try ChangeFeed.lastPosition(in: database)
                #expect(try ChangeFeed.prunedThrough(in: database) == last)
            }
            let gone = try await client.get(Self.relative(deltaLink))
            #expect(gone.status == .gone)
            #expect(try json(gone)["ErrorType"] as? String == "DeltaLinkExpired")
            // A new tracked read gives a link that works.
            var fresh = Mirror()
            let renewed = try #require(try await fresh.follow(Self.query, headers: Self.track, client: client))
            #expect(try await client.get(Self.relative(renewed)).status == .ok)
        }
    }
}
