import ArchiveCore
import ArchiveAuth
import ArchivePostgres
import ArchiveSchema
import ArchiveEngines
import ArchiveServer
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The server on a PostgreSQL archive: the same rows as a SQLite file, served side by side, give
/// the same responses byte for byte; its own limit (the query time limit) answers as documented.
@Suite("The server on PostgreSQL", .enabled(if: PostgresTestCluster.isAvailable, "needs the PostgreSQL server (Debian: postgresql)"))
struct PostgresServerTests {
    /// A seeded archive with a token, as a SQLite file and loaded into a database of the cluster.
    struct Archive: Sendable {
        let sqlitePath: String
        let url: String
        let token: String
    }

    private static let loading = Task { () throws -> Archive in
        let path = try SeededDatabase.copyForProcess(chats: 2_000, seed: 3)
        let connection = try Connection(path: path)
        let token = try TokenStore(database: connection).create(userName: "tje0", name: "tests").token
        connection.close()
        let url = try PostgresTestCluster.createDatabase()
        let loader = PostgresPool(address: try PostgresAddress(url: url), maximumCount: 1, readOnly: false)
        try await loader.withSession { _ = try PostgresLoader.load(sqlitePath: path, into: $0, replacing: false) }
        loader.close()
        return Archive(sqlitePath: path, url: url, token: token)
    }

    /// One request, sent to both servers.
    struct Request: Sendable, CustomStringConvertible {
        var uri: String
        var method: HTTPRequest.Method = .get
        var headers: HTTPFields = [.authorization: ServerFixture.demoAuthorization]
        var body: String?
        var description: String { "\(method) \(uri)" }
    }

    /// The archive queries of the standard set (joined paths, cursors, every kind of restriction,
    /// periods in a zone, aggregates), the agents' methods, the other credentials, and refusals.
    static func requests(token: String) -> [Request] {
        func encoded(_ text: String) -> String {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+$,'")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        var requests = StandardQuery.all.map { query in
            var request = Request(uri: "/api/v1/archive/ChatSession?" + query.pairs.map { "\($0.0)=\(encoded($0.1))" }.joined(separator: "&"))
            request.headers[HTTPField.Name("SO-TimeZone")!] = query.timeZone
            return request
        }
        requests += [
            Request(uri: "/api/v1/ChatSession?$top=5&$orderBy=person/lastName"),
            Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId,person/fullName&$top=3", headers: [.authorization: "Bearer " + token]),
            Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId&$top=3", headers: [.authorization: "Basic dGplMDpXcm9uZw=="]),
            Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId&$top=3", headers: [.authorization: "Bearer arc_unknown"]),
            Request(uri: "/api/v1/archive/ChatSession?$select=noSuchColumn"),
            Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId,person/lastName&$filter=person/lastName%20begins%20'S'&$top=20&$format=xml"),
            Request(
                uri: "/api/v1/Agents/Archive/GetArchiveListByColumnsWithHeader2", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"],
                body: """
                    {"ProviderName": "ChatSession", "Columns": "chatSessionId,rating,status,whenRequested,person/fullName,contact/name",
                     "SortOrder": "contact/name desc,whenRequested", "Restrictions": "rating ge 3", "Options": "rowcount=true",
                     "Entities": "chat", "Page": 2, "PageSize": 25}
                    """),
        ]
        requests += nulRequests
        return requests
    }

    /// Values with the NUL character, which PostgreSQL refuses in text: checked before they reach
    /// an engine, with the same 400 on both.
    static let nulRequests: [Request] = [
        Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId&$filter=startswith(person/firstName,%20'x%00y')"),
        Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId&$filter=person/lastName%20oneOf%20('Berg',%20'%00')"),
        Request(
            uri: "/api/v1/ChatSession", method: .post,
            headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/json"],
            body: #"{"TopicId": 2, "WhenRequested": "2026-11-20T10:00:00", "FirstMessage": "a\u0000b"}"#),
        Request(uri: "/api/v1/archive/ChatSession?$select=chatSessionId&$top=1", headers: [.authorization: "Basic " + Data("tj\u{0}e0:Tje0".utf8).base64EncodedString()]),
    ]

    static func send(_ request: Request, to client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: request.uri, method: request.method, headers: request.headers, body: request.body.map { ByteBuffer(string: $0) })
    }

    @Test func everyRequestIsAnsweredAsOnSQLite() async throws {
        let archive = try await Self.loading.value
        // Responses of at most 7 rows, so that most queries link to a next page, and one cursor
        // secret, as servers behind one address share.
        func configure(_ configuration: inout ServerConfiguration) {
            configuration.maximumTop = 7
            configuration.cursorKey = Array(repeating: 9, count: 32)
        }
        let sqlite = try await ServerFixture.server(at: archive.sqlitePath, configure: configure)
        let postgres = try await ServerFixture.server(at: archive.url, configure: configure)
        try await sqlite.application(now: { SeededDatabase.now }).test(.router) { sqliteClient in
            try await postgres.application(now: { SeededDatabase.now }).test(.router) { postgresClient in
                var pages = 0
                for request in Self.requests(token: archive.token) {
                    let expected = try await Self.send(request, to: sqliteClient)
                    let found = try await Self.send(request, to: postgresClient)
                    #expect(found.status == expected.status, "\(request)")
                    #expect(String(buffer: found.body) == String(buffer: expected.body), "\(request)")
                    // The next page, through the link SQLite gave: the cursors are the same.
                    guard expected.status == .ok, request.method == .get, !request.uri.contains("$format=xml"),
                        let link = try? json(expected)["odata.nextLink"] as? String, let next = URLComponents(string: link)
                    else { continue }
                    var nextRequest = request
                    nextRequest.uri = next.percentEncodedPath + "?" + (next.percentEncodedQuery ?? "")
                    let expectedNext = try await Self.send(nextRequest, to: sqliteClient)
                    let foundNext = try await Self.send(nextRequest, to: postgresClient)
                    #expect(expectedNext.status == .ok, "\(nextRequest)")
                    #expect(String(buffer: foundNext.body) == String(buffer: expectedNext.body), "\(nextRequest)")
                    pages += 1
                }
                #expect(pages > 10, "most standard queries have a next page")
                for request in Self.nulRequests {
                    let status = try await Self.send(request, to: postgresClient).status
                    #expect(status == (request.uri.hasSuffix("$top=1") ? .unauthorized : .badRequest), "\(request)")
                }
            }
        }
    }

    @Test func aQueryPastTheTimeLimitIs503() async throws {
        let archive = try await Self.loading.value
        let server = try await ServerFixture.server(at: archive.url) { $0.queryTimeout = .milliseconds(300) }
        try await server.application(now: { SeededDatabase.now }).test(.router) { client in
            // 400 substring tests on each of 2,000 chats: seconds of work, stopped at 300 ms.
            let terms = (0..<400).map { "firstMessage%20contains%20'zq\($0)x'" }.joined(separator: "%20or%20")
            let slow = try await client.get("/api/v1/ChatSession?$select=chatSessionId&$orderBy=firstMessage&$top=100000&$filter=" + terms)
            #expect(slow.status == .serviceUnavailable)
            #expect(try json(slow)["ErrorType"] as? String == "QueryTimeout")
            // The session that was stopped serves the next query.
            #expect(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=1").status == .ok)
        }
    }

    @Test func aDatabaseThatIsNotAnArchiveIsRefusedAtStart() throws {
        let empty = try ArchiveLocation(try PostgresTestCluster.createDatabase())
        #expect(throws: SchemaError.self) { try Archives.open(empty) }
        let nowhere = try ArchiveLocation("postgres://archive@/archive?host=/nonexistent")
        #expect(throws: PostgresError.self) { try Archives.open(nowhere) }
    }
}
