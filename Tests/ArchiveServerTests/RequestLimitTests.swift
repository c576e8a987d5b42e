import ArchiveCore
@testable import ArchiveServer
import ArchivePostgres
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Requests too large to read are answered with a status that says why and an error body,
/// not with the HTTP parser's empty 400.
@Suite("Requests over the size limits")
struct RequestLimitTests {
    /// A filter of `count` conditions, about 40 bytes each.
    static func longFilter(bytes: Int) -> String {
        let condition = "person/lastName%20ne%20'Abcdefghij'%20and%20"
        return "/api/v1/ChatSession?$select=chatSessionId&$filter=" + String(repeating: condition, count: bytes / condition.utf8.count) + "rating%20ge%201"
    }

    @Test func aLongURLIs414NamingThePostForm() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get(Self.longFilter(bytes: 100 * 1024))
            #expect(response.status == .uriTooLong)
            let error = try json(response)
            #expect(error["ErrorType"] as? String == "URITooLong")
            #expect((error["ErrorMessage"] as? String)?.contains("POST form body") == true)
            // Just under the limit, the same kind of query is answered.
            let fits = try await client.get(Self.longFilter(bytes: 60 * 1024))
            #expect(fits.status == .ok)
        }
    }

    @Test func largeHeadersAre431() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get("/api/v1/ChatSession?$top=1", headers: [HTTPField.Name("X-Padding")!: String(repeating: "x", count: 100 * 1024)])
            #expect(response.status == .requestHeaderFieldsTooLarge)
            #expect(try json(response)["ErrorType"] as? String == "RequestHeaderFieldsTooLarge")
        }
    }

    /// Past even the parser's limits, the connection's handler answers (a live server: the
    /// in-process client has no parser).
    @Test func pastTheParsersLimitsTheAnswerHasABodyToo() async throws {
        let server = try await ServerFixture.server()
        try await server.application(now: { SeededDatabase.now }).test(.live) { client in
            let long = try await client.get(Self.longFilter(bytes: 120 * 1024))
            #expect(long.status == .uriTooLong)
            #expect(try json(long)["ErrorType"] as? String == "URITooLong")
            let huge = try await client.get(Self.longFilter(bytes: 400 * 1024))
            #expect(huge.status == .requestHeaderFieldsTooLarge)
            let error = try json(huge)
            #expect(error["Error"] as? Bool == true)
            #expect((error["ErrorMessage"] as? String)?.contains("POST form body") == true)
        }
    }
}

@Suite("Queries over the database's limits")
struct QuerySizeTests {
    @Test func thousandsOfConditionsOrValuesAreAnsweredNot500() async throws {
        try await ServerFixture.withClient { client in
            // 3,000 conditions joined by and: deeper than SQLite's expression limit if chained.
            let conditions = Array(repeating: "rating%20ne%209", count: 3_000).joined(separator: "%20and%20")
            let many = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "$select=chatSessionId&$top=1&$filter=" + conditions))
            #expect(many.status == .ok)
            // 40,000 values: more parameters than SQLite binds.
            let values = (1...40_000).map(String.init).joined(separator: ",")
            let tooMany = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "$select=chatSessionId&$top=1&$filter=chatSessionId%20oneOf%20(" + values + ")"))
            let type = try json(tooMany)["ErrorType"] as? String
            #expect(tooMany.status == .ok || type == "QueryTooLarge")
        }
    }

    @Test func sqliteSizeLimitsAre400s() {
        for message in ["too many SQL variables", "Expression tree is too large (maximum depth 1000)"] {
            let error = APIError.from(SQLiteError(code: .error, message: message))
            #expect(error.status == .badRequest && error.type == "QueryTooLarge", "\(message)")
        }
        #expect(APIError.from(SQLiteError(code: .tooBig, message: "string or blob too big")).status == .badRequest)
        #expect(APIError.from(SQLiteError(code: .error, message: "no such table: x")).status == .internalServerError)
    }

    /// A write to an archive that takes none (a read-only file, a read replica) says so, on either engine.
    @Test func aReadOnlyArchiveIsA503ThatSaysSo() {
        for error: any Error in [
            SQLiteError(code: .readOnly, message: "attempt to write a readonly database"),
            PostgresError("cannot execute INSERT in a read-only transaction", sqlState: "25006"),
        ] {
            let answer = APIError.from(error)
            #expect(answer.status == .serviceUnavailable && answer.type == "DatabaseReadOnly", "\(error)")
        }
    }
}
