import ArchiveCore
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `POST /api/v1/Agents/Archive/GetArchiveListByColumns…`, with the bodies the reference's
/// own request collection sends.
@Suite("The archive agent endpoint")
struct AgentArchiveTests {
    static let path = "/api/v1/Agents/Archive/GetArchiveListByColumns"

    func post(_ client: some TestClientProtocol, _ body: String, to path: String = Self.path, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = ServerFixture.demoAuthorization
        fields[.contentType] = fields[.contentType] ?? "application/json"
        return try await client.execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    func items(_ response: TestResponse) throws -> [[String: Any]] {
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
    }

    /// The ids the REST endpoint answers for a query, to compare with.
    func restIDs(_ client: some TestClientProtocol, _ query: String) async throws -> [Int] {
        try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=100000&" + query)).compactMap { $0["PrimaryKey"] as? Int }
    }

    @Test func structuredRestrictionsWithParenthesesAndConnectives() async throws {
        try await ServerFixture.withClient { client in
            // (rating = 5 or rating = 1) and status in (7, 9), newest first, rows 11 to 30.
            let body = """
                {"ProviderName": "ChatSession", "Columns": ["chatSessionId", "rating", "status", "whenRequested", "person/fullName", "contactId"],
                 "SortOrder": [{"Name": "whenRequested", "Direction": "DESC"}],
                 "Restriction": [
                   {"Name": "rating", "Operator": "=", "Values": ["[I:5]"], "IsActive": true, "InterParenthesis": 1, "InterOperator": "Or"},
                   {"Name": "rating", "Operator": "=", "Values": ["1"], "IsActive": true, "InterParenthesis": -1, "InterOperator": "And"},
                   {"Name": "queueLength", "Operator": ">", "Values": ["1000"], "IsActive": false},
                   {"Name": "status", "Operator": "in", "Values": ["[A:7,9]"], "IsActive": true}],
                 "Entities": ["chat"], "Page": 1, "PageSize": 20}
                """
            let listed = try items(try await post(client, body))
            let expected = try await restIDs(client, "$filter=(rating%20eq%205%20or%20rating%20eq%201)%20and%20status%20oneOf%20(7,9)&$orderBy=whenRequested%20desc")
            #expect(listed.count == 20)
            #expect(listed.compactMap { $0["PrimaryKey"] as? Int } == Array(expected.dropFirst(20).prefix(20)))

            let first = try #require(listed.first)
            #expect(first["EntityName"] as? String == "chat")
            #expect(first["LinkHint"] as? String == "chat_session_id=\(first["PrimaryKey"] as? Int ?? 0)")
            #expect(first["TableRight"] is NSNull)
            let cells = try #require(first["ColumnData"] as? [String: [String: String]])
            // The agents' invariant encoding: [I:…], [DT:MM/dd/yyyy HH:mm:ss.fffffff]; names as text.
            #expect(cells["chatSessionId"]?["DisplayValue"] == "[I:\(first["PrimaryKey"] as? Int ?? 0)]")
            let rating = try #require(cells["rating"]?["DisplayValue"])
            #expect(rating == "[I:5]" || rating == "[I:1]")
            #expect(["Finished", "Closed"].contains(cells["status"]?["DisplayValue"] ?? ""))
            let when = try #require(cells["whenRequested"]?["DisplayValue"])
            #expect(when.hasPrefix("[DT:") && when.hasSuffix(".0000000]") && when.count == 32, "\(when)")
            #expect(cells["person/fullName"]?["TooltipHint"]?.hasPrefix("{person_id=") == true || cells["person/fullName"]?["DisplayValue"] == "")
        }
    }

    @Test func theStringFormOfTheSecondMethod() async throws {
        try await ServerFixture.withClient { client in
            let body = """
                {"ProviderName": "chatsession", "Columns": "chatSessionId,chatTopic/name", "SortOrder": "chatTopic/name desc, chatSessionId",
                 "Restrictions": "rating ge 4 and chatTopic/name begins 'S'", "Entities": "chat", "Page": 0, "PageSize": 1000000}
                """
            let listed = try items(try await post(client, body, to: Self.path + "2"))
            let expected = try await restIDs(client, "$filter=rating%20ge%204%20and%20chatTopic/name%20begins%20'S'&$orderBy=chatTopic/name%20desc,chatSessionId")
            #expect(!listed.isEmpty)
            #expect(listed.compactMap { $0["PrimaryKey"] as? Int } == expected)
        }
    }

    @Test func theGrandTotalSampleAndTheHeaderMethods() async throws {
        try await ServerFixture.withClient { client in
            // As the reference's request collection counts users, for chats.
            let body = """
                {"ProviderName": "ChatSession", "Columns": ["chatSessionId", "Count(chatSessionId):HideDetail:Footer"],
                 "SortOrder": [{"Name": "chatSessionId", "Direction": "ASC"}],
                 "Restriction": [{"Name": "chatSessionId", "Operator": ">", "Values": ["0"], "IsActive": true}],
                 "Entities": ["all"], "Page": 0, "PageSize": 1000000}
                """
            let listed = try items(try await post(client, body, to: Self.path + "?$options=GrandTotal=true"))
            #expect(listed.count == 2_001)
            let total = try #require(listed.last)
            #expect(total["EntityName"] as? String == "grandtotal")
            #expect((total["ColumnData"] as? [String: [String: String]])?["Count(chatSessionId):HideDetail:Footer"]?["DisplayValue"] == "[I:2000]")
            #expect((listed.first?["ColumnData"] as? [String: Any])?["Count(chatSessionId):HideDetail:Footer"] == nil)

            let headerBody = """
                {"ProviderName": "ChatSession", "Columns": "chatSessionId", "Restriction": "rating eq 5", "Page": 0, "PageSize": 10, "Options": "rowcount=true"}
                """
            let header = try await post(client, headerBody, to: Self.path + "WithHeader2")
            #expect(header.status == .ok)
            let result = try #require(try JSONSerialization.jsonObject(with: Data(header.body.readableBytesView)) as? [String: Any])
            #expect((result["Rows"] as? [Any])?.count == 10)
            #expect(result["RowCount"] as? Int == (try await restIDs(client, "$filter=rating%20eq%205")).count)
        }
    }

    @Test func badBodiesAre400sNamingTheField() async throws {
        try await ServerFixture.withClient { client in
            let cases: [(String, String, String)] = [
                ("not json", "Body", "InvalidBody"),
                (#"{"ProviderName": "Ticket", "Columns": ["ticketId"]}"#, "ProviderName", "UnknownProvider"),
                (#"{"ProviderName": "ChatSession", "Columns": 5}"#, "Columns", "InvalidBody"),
                (#"{"ProviderName": "ChatSession", "Columns": ["nope"]}"#, "Columns", "UnknownColumn"),
                (#"{"ProviderName": "ChatSession", "SortOrder": [{"Name": "rating", "Direction": "UP"}]}"#, "SortOrder", "InvalidBody"),
                (#"{"ProviderName": "ChatSession", "Restriction": [{"Name": "rating", "Operator": "=", "Values": ["x"]}]}"#, "Restriction", "InvalidValue"),
                (#"{"ProviderName": "ChatSession", "Restriction": [{"Name": "rating", "Operator": "=", "Values": ["1"], "InterParenthesis": 1}]}"#, "Restriction", "SyntaxError"),
                (#"{"ProviderName": "ChatSession", "Restriction": "rating eq"}"#, "Restriction", "SyntaxError"),
                (#"{"ProviderName": "ChatSession", "PageSize": "ten"}"#, "PageSize", "InvalidBody"),
                // Paging stays within 32 bits, so that Page × PageSize cannot overflow.
                (#"{"ProviderName": "ChatSession", "Page": 4000000000000, "PageSize": 10}"#, "Page", "InvalidBody"),
                (#"{"ProviderName": "ChatSession", "Entities": ["sed"]}"#, "Entities", "UnknownEntity"),
            ]
            for (body, source, type) in cases {
                let response = try await post(client, body)
                #expect(response.status == .badRequest, "\(body)")
                let error = try json(response)
                #expect(error["ErrorSource"] as? String == source, "\(body): \(error)")
                #expect(error["ErrorType"] as? String == type, "\(body): \(error)")
            }
            let get = try await client.get(Self.path)
            #expect(get.status == .methodNotAllowed)
            let unknown = try await post(client, "{}", to: "/api/v1/Agents/Archive/GetArchiveListByMagic")
            #expect(unknown.status == .notFound)
            let form = try await post(client, #"{"ProviderName": "ChatSession"}"#, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            var anonymous = try await client.execute(uri: Self.path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(anonymous.status == .unauthorized)
            anonymous = try await client.execute(uri: Self.path, method: .post, headers: [.authorization: "Basic dGplMDpXcm9uZw=="], body: ByteBuffer(string: "{}"))
            #expect(anonymous.status == .unauthorized)
        }
    }
}
