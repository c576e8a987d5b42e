import ArchiveCore
import ArchiveAuth
import ArchiveEngines
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The ChatSession entity endpoints: create, read, change and delete chats over HTTP, seen by
/// the archive query at once; on each engine.
@Suite("The ChatSession entity endpoints")
struct ChatSessionEntityTests {
    static let jsonHeaders: HTTPFields = [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"]

    func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = Self.jsonHeaders) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func entity(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(response.status == .ok, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try json(response)
    }

    static let newChat = """
        {"TopicId": 2, "User": {"AssociateId": 1}, "Person": {"PersonId": 40}, "Contact": null, "CustomerAlias": "Kari",
         "CustomerEmail": "kari@example.com", "CustomerConsented": true, "Status": "Finished", "FirstMessage": "Where is my parcel?",
         "LastMessage": "Thanks!", "WhenRequested": "2026-11-20T09:00:00", "WhenStarted": "2026-11-20T09:02:30",
         "WhenEnded": "2026-11-20T09:10:00", "InitialQueuePos": 3, "Flags": "None", "Rating": 4}
        """

    @Test(arguments: TestEngine.available)
    func createReadChangeAndDelete(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            defer { expectTheFeedNamesTheCaller(location) }
            let blank = try entity(try await send(client, .get, "/api/v1/ChatSession/default"))
            #expect(blank["ChatSessionId"] as? Int == 0 && blank["Status"] as? String == "RequestPosted")
            #expect(blank["WhenStarted"] as? String == "1753-01-01T00:00:00")

            let created = try await send(client, .post, "/api/v1/ChatSession", Self.newChat)
            let saved = try entity(created)
            let id = try #require(saved["ChatSessionId"] as? Int)
            #expect(id > 300)
            #expect(created.headers[.location]?.hasSuffix("/api/v1/ChatSession/\(id)") == true)
            #expect(created.headers[HTTPField.Name("Last-Modified")!]?.hasSuffix(" GMT") == true)
            #expect(saved["CustomerEmail"] as? String == "kari@example.com" && saved["Rating"] as? Int == 4)
            #expect((saved["User"] as? [String: Any])?["UserName"] as? String == "tje0")
            #expect((saved["Person"] as? [String: Any])?["PersonId"] as? Int == 40)
            #expect(saved["Contact"] is NSNull)
            #expect((saved["_Links"] as? [String: String])?["Self"]?.hasSuffix("/api/v1/ChatSession/\(id)") == true)

            // The archive sees it at once, with its duration.
            let listed = try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId,duration,status,firstMessage&$filter=chatSessionId%20eq%20\(id)"))
            #expect(listed.first?["duration"] as? Int == 450)
            #expect(listed.first?["firstMessage"] as? String == "Where is my parcel?")

            let read = try entity(try await send(client, .get, "/api/v1/ChatSession/\(id)"))
            #expect(read["WhenStarted"] as? String == "2026-11-20T09:02:30")

            // PUT replaces: fields left out take the defaults.
            let replaced = try entity(try await send(client, .put, "/api/v1/ChatSession/\(id)", #"{"TopicId": 3, "WhenRequested": "2026-11-19T10:00:00", "Status": "InQueue"}"#))
            #expect(replaced["TopicId"] as? Int == 3 && replaced["Status"] as? String == "InQueue")
            #expect(replaced["CustomerEmail"] as? String == "" && replaced["User"] is NSNull && replaced["Rating"] as? Int == 0)

            // JSON Patch: paths in any case, with or without the slash; a failed test changes nothing.
            let patched = try entity(try await send(
                client, .patch, "/api/v1/ChatSession/\(id)",
                #"[{"op": "test", "path": "/status", "value": "InQueue"}, {"op": "replace", "path": "Rating", "value": 5}, {"op": "add", "path": "/User/AssociateId", "value": 2}, {"op": "remove", "path": "/customerAlias"}]"#,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json-patch+json"]))
            #expect(patched["Rating"] as? Int == 5)
            #expect((patched["User"] as? [String: Any])?["AssociateId"] as? Int == 2)
            let conflict = try await send(
                client, .patch, "/api/v1/ChatSession/\(id)", #"[{"op": "replace", "path": "/Rating", "value": 1}, {"op": "test", "path": "/Rating", "value": 3}]"#,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json-patch+json"])
            #expect(conflict.status == .conflict)
            #expect(try entity(try await send(client, .get, "/api/v1/ChatSession/\(id)"))["Rating"] as? Int == 5)
            let required = try await send(
                client, .patch, "/api/v1/ChatSession/\(id)", #"[{"op": "remove", "path": "/TopicId"}]"#,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json-patch+json"])
            let source = try json(required)["ErrorSource"] as? String
            #expect(required.status == .badRequest && source == "TopicId")

            // Merge patch: a member sets a field, null empties it.
            let merged = try entity(try await send(
                client, .patch, "/api/v1/ChatSession/\(id)", #"{"LastMessage": "Bye", "User": null}"#,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/merge-patch+json"]))
            #expect(merged["LastMessage"] as? String == "Bye" && merged["User"] is NSNull && merged["Rating"] as? Int == 5)

            let deleted = try await send(client, .delete, "/api/v1/ChatSession/\(id)")
            #expect(deleted.status == .noContent)
            #expect(try await send(client, .get, "/api/v1/ChatSession/\(id)").status == .notFound)
            #expect(try await send(client, .delete, "/api/v1/ChatSession/\(id)").status == .notFound)
            #expect(try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$filter=chatSessionId%20eq%20\(id)")).isEmpty)
        }
    }

    /// The change feed has the test's writes in order (the refused ones left out), each made by
    /// the demo user's associate.
    func expectTheFeedNamesTheCaller(_ location: ArchiveLocation) {
        #expect(throws: Never.self) {
            try Archives.withDatabase(location, .read) { database in
                let changes = try ChangeFeed.changes(after: 0, limit: 100, in: database)
                let caller = try database.fetchValue("SELECT id FROM associate WHERE user_name = 'tje0'")?.integerValue
                #expect(changes.map(\.kind) == [.created, .changed, .changed, .changed, .deleted])
                #expect(caller != nil && changes.allSatisfy { $0.changedBy == caller })
                #expect(changes[3].changedColumns.sorted() == ["associate_id", "last_message"])
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func everyBadBodyIsA400NamingTheFieldAndWritesNothing(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            func count() throws -> Int64 {
                try Archives.withDatabase(location, .read) { try $0.fetchValue("SELECT count(*) FROM chat_session")?.integerValue ?? -1 }
            }
            let before = try count()
            let cases: [(String, String)] = [
                ("not json", "Body"),
                ("[1, 2]", "Body"),
                (#"{"TopicId": 2, "Colour": "red"}"#, "Colour"),
                (#"{"TopicId": "two"}"#, "TopicId"),
                (#"{"TopicId": 2.5}"#, "TopicId"),
                (#"{"TopicId": 9999}"#, "TopicId"),
                (#"{"TopicId": 2, "User": {"AssociateId": 99999}}"#, "User"),
                (#"{"TopicId": 2, "Person": 999999}"#, "Person"),
                (#"{"TopicId": 2, "Rating": 7}"#, "Rating"),
                (#"{"TopicId": 2, "Status": "Sleeping"}"#, "Status"),
                (#"{"TopicId": 2, "WhenRequested": "yesterday"}"#, "WhenRequested"),
                (#"{"TopicId": 2, "WhenRequested": "2026-11-20T10:00:00", "WhenStarted": "2026-11-20T09:00:00"}"#, "WhenStarted"),
                (#"{"TopicId": 2, "CustomerConsented": "yes"}"#, "CustomerConsented"),
                (#"{"TopicId": 2, "Ticket": {"TicketId": 5}}"#, "Ticket"),
                (#"{"TopicId": 2, "Flags": "Flying"}"#, "Flags"),
                (#"{"ChatSessionId": 17, "TopicId": 2}"#, "ChatSessionId"),
            ]
            for (body, field) in cases {
                let response = try await send(client, .post, "/api/v1/ChatSession", body)
                #expect(response.status == .badRequest, "\(body)")
                let error = try json(response)
                #expect(error["ErrorSource"] as? String == field, "\(body): \(error)")
                #expect((error["ErrorMessage"] as? String)?.isEmpty == false)
            }
            #expect(try count() == before)
            let misspelt = try json(try await send(client, .post, "/api/v1/ChatSession", #"{"TopicID": 2, "Ratng": 3}"#))
            #expect((misspelt["ErrorMessage"] as? String)?.contains("did you mean 'Rating'") == true)
            let form = try await send(client, .post, "/api/v1/ChatSession", "TopicId=2", headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try await send(client, .get, "/api/v1/ChatSession/abc").status == .notFound)
            // Percent-encoded digits are the digits (RFC 3986, 6.2.2.2).
            let encoded = try await send(client, .get, "/api/v1/ChatSession/%35")
            let encodedID = try json(encoded)["ChatSessionId"] as? Int
            #expect(encoded.status == .ok && encodedID == 5, "\(String(buffer: encoded.body))")
            #expect(try await send(client, .put, "/api/v1/ChatSession/999999", #"{"TopicId": 2}"#).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func writingNeedsTheWriteRole(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            let token = try Archives.withDatabase(location, .write) { database in
                try AccountStore(database: database, iterations: 1_000).addUser(userName: "reader", password: "read-only")
                return try TokenStore(database: database).create(userName: "reader", name: "test").token
            }
            let reader: HTTPFields = [.authorization: "Basic " + Data("reader:read-only".utf8).base64EncodedString(), .contentType: "application/json"]
            let refused = try await send(client, .post, "/api/v1/ChatSession", Self.newChat, headers: reader)
            #expect(refused.status == .forbidden)
            #expect((try json(refused)["ErrorMessage"] as? String)?.contains("archive user role reader write") == true)
            #expect(try await send(client, .delete, "/api/v1/ChatSession/5", headers: [.authorization: "Bearer " + token]).status == .forbidden)
            // Reading is for everybody.
            #expect(try await send(client, .get, "/api/v1/ChatSession/5", headers: reader).status == .ok)
            // A role given is seen on the next request, for passwords and tokens alike.
            try Archives.withDatabase(location, .write) { try AccountStore(database: $0).setRole(userName: "reader", role: .write) }
            #expect(try await send(client, .post, "/api/v1/ChatSession", Self.newChat, headers: reader).status == .ok)
            #expect(try await send(client, .delete, "/api/v1/ChatSession/5", headers: [.authorization: "Bearer " + token]).status == .noContent)
            #expect(try await send(client, .post, "/api/v1/ChatSession", Self.newChat, headers: [.contentType: "application/json"]).status == .unauthorized)
        }
    }

    @Test(arguments: TestEngine.available)
    func conditionalRequests(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            let created = try await send(client, .post, "/api/v1/ChatSession", Self.newChat)
            let id = try #require(try json(created)["ChatSessionId"] as? Int)
            let modified = try #require(created.headers[HTTPField.Name("Last-Modified")!])
            let unchanged = try await send(client, .get, "/api/v1/ChatSession/\(id)", headers: [.authorization: ServerFixture.demoAuthorization, HTTPField.Name("If-Modified-Since")!: modified])
            #expect(unchanged.status == .notModified)
            let older = "Mon, 01 Jan 2024 00:00:00 GMT"
            let changed = try await send(client, .get, "/api/v1/ChatSession/\(id)", headers: [.authorization: ServerFixture.demoAuthorization, HTTPField.Name("If-Modified-Since")!: older])
            #expect(changed.status == .ok)
            var headers = Self.jsonHeaders
            headers[HTTPField.Name("If-Unmodified-Since")!] = older
            let refused = try await send(client, .patch, "/api/v1/ChatSession/\(id)", #"{"Rating": 1}"#, headers: headers)
            #expect(refused.status == .preconditionFailed)
            headers[HTTPField.Name("If-Unmodified-Since")!] = modified
            #expect(try await send(client, .patch, "/api/v1/ChatSession/\(id)", #"{"Rating": 1}"#, headers: headers).status == .ok)

            // A chat has no entity tag: If-Match with one matches nothing, and nothing changes.
            var tagged = Self.jsonHeaders
            tagged[HTTPField.Name("If-Match")!] = #""v1""#
            for method: HTTPRequest.Method in [.patch, .put, .delete] {
                let conditional = try await send(client, method, "/api/v1/ChatSession/\(id)", method == .delete ? nil : #"{"Rating": 5}"#, headers: tagged)
                #expect(conditional.status == .preconditionFailed, "\(method)")
            }
            #expect(try json(try await send(client, .get, "/api/v1/ChatSession/\(id)"))["Rating"] as? Int == 1)
            tagged[HTTPField.Name("If-Match")!] = "*"
            #expect(try await send(client, .patch, "/api/v1/ChatSession/\(id)", #"{"Rating": 5}"#, headers: tagged).status == .ok)
        }
    }

    @Test(arguments: TestEngine.available)
    func datetimesFollowTheRequestsTimeZone(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            var headers = Self.jsonHeaders
            headers[HTTPField.Name("SO-TimeZone")!] = "Europe/Oslo"
            let saved = try json(try await send(client, .post, "/api/v1/ChatSession", #"{"TopicId": 2, "WhenRequested": "2026-11-20T10:00:00", "WhenStarted": "2026-11-20T09:30:00Z"}"#, headers: headers))
            let id = try #require(saved["ChatSessionId"] as? Int)
            // 10:00 in Oslo is 09:00 UTC; 09:30Z is 10:30 in Oslo.
            #expect(saved["WhenRequested"] as? String == "2026-11-20T10:00:00" && saved["WhenStarted"] as? String == "2026-11-20T10:30:00")
            let utc = try json(try await send(client, .get, "/api/v1/ChatSession/\(id)"))
            #expect(utc["WhenRequested"] as? String == "2026-11-20T09:00:00")
            let listed = try rows(try await client.get("/api/v1/ChatSession?$select=timeInQueue&$filter=chatSessionId%20eq%20\(id)"))
            #expect(listed.first?["timeInQueue"] as? Int == 1_800)
        }
    }

    /// A deleted chat's id is not given to the next chat: a link or an export that holds it
    /// must not come to name another chat. Ids of other rows deleted outside the API (the sqlite3
    /// shell, psql) are not reused either.
    @Test(arguments: TestEngine.available)
    func anIdIsNeverGivenTwice(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            let first = try #require(try json(try await send(client, .post, "/api/v1/ChatSession", Self.newChat))["ChatSessionId"] as? Int)
            #expect(try await send(client, .delete, "/api/v1/ChatSession/\(first)").status == .noContent)
            let second = try #require(try json(try await send(client, .post, "/api/v1/ChatSession", Self.newChat))["ChatSessionId"] as? Int)
            #expect(second > first)
            #expect(try await send(client, .get, "/api/v1/ChatSession/\(first)").status == .notFound)

            // The newest chat deleted by other means, then a create.
            let newest = try Archives.withDatabase(location, .write) { database in
                let newest = try #require(try database.fetchValue("SELECT max(id) FROM chat_session")?.integerValue)
                try database.perform("DELETE FROM chat_session WHERE id = \(newest)")
                return newest
            }
            let third = try #require(try json(try await send(client, .post, "/api/v1/ChatSession", Self.newChat))["ChatSessionId"] as? Int)
            #expect(Int64(third) > newest)
        }
    }
}

@Suite("Cursors while chats are written")
struct CursorWhileWritingTests {
    @Test(arguments: TestEngine.available, ["whenRequested%20desc", "person/lastName", "chatTopic/name%20desc"])
    func aCursorReturnsNoRowTwiceWhileRowsAreInserted(engine: TestEngine, order: String) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, _ in
            let headers: HTTPFields = [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"]
            let original = Set(try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=100000")).compactMap { $0["PrimaryKey"] as? Int })
            var next: String? = "/api/v1/ChatSession?$select=chatSessionId&$orderBy=\(order)"
            var seen: [Int] = []
            var inserted: [Int] = []
            var pages = 0
            while let link = next {
                let body = try json(try await client.get(link, headers: [HTTPField.Name("Prefer")!: "odata.maxpagesize=40"]))
                seen += try #require(body["value"] as? [[String: Any]]).compactMap { $0["PrimaryKey"] as? Int }
                next = (body["odata.nextLink"] as? String).map { String($0[$0.range(of: "/api/")!.lowerBound...]) }
                pages += 1
                // Between pages: chats that sort before the cursor and after it.
                for requested in ["2026-11-25T10:00:00", "2015-01-01T10:00:00"] {
                    let created = try await client.execute(
                        uri: "/api/v1/ChatSession", method: .post, headers: headers,
                        body: ByteBuffer(string: #"{"TopicId": \#(pages % 3 + 1), "WhenRequested": "\#(requested)", "Person": {"PersonId": \#(pages + 1)}}"#))
                    inserted.append(try #require(try json(created)["ChatSessionId"] as? Int))
                }
            }
            #expect(pages > 7)
            #expect(seen.count == Set(seen).count, "a row came twice")
            #expect(original.isSubset(of: Set(seen)), "a row of before the writes was missed")
            #expect(Set(seen).subtracting(original).isSubset(of: Set(inserted)))
        }
    }
}
