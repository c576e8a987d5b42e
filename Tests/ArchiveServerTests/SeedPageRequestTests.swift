import ArchiveCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The sample requests of both seed pages, sent as written there.
@Suite("The seed pages' sample requests")
struct SeedPageRequestTests {
    @Test func theEntityListSampleAnswersWithTheDefaultColumns() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get(
                "/api/v1/ChatSession", headers: [.accept: "application/json; charset=utf-8", .acceptLanguage: "*"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try json(response)
            #expect((body["odata.metadata"] as? String)?.hasSuffix("/api/v1/archive/$metadata") == true)
            #expect(body.keys.contains("odata.nextLink"))
            let rows = try #require(body["value"] as? [[String: Any]])
            #expect(rows.count == 1_000)  // the server's page size; the rest through the next link
            #expect((body["odata.nextLink"] as? String)?.contains("$skiptoken=") == true)
            let first = try #require(rows.first)
            #expect(first["PrimaryKey"] is Int)
            #expect(first["EntityName"] as? String == "chat")
            for column in ["chatSessionId", "whenRequested", "chatTopic/name", "associate/fullName", "person/fullName", "contact/name", "firstMessage"] {
                #expect(first.keys.contains(column), "\(column)")
            }
        }
    }

    @Test func theProviderPageSampleAnswersInSwedish() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get(
                "/api/v1/archive/ChatSession?$select=person/personNoMail,associate/ejUserId,person/hasInterests",
                headers: [.accept: "application/json; charset=utf-8", .acceptLanguage: "sv"])
            #expect(response.status == .ok)
            let row = try #require(try rows(response).first)
            #expect(Set(row.keys) == ["PrimaryKey", "EntityName", "person/personNoMail", "associate/ejUserId", "person/hasInterests"])
            #expect(row["person/hasInterests"] is Bool)
        }
    }

    /// The query-string examples of the endpoint page: columns of another provider are 400s that
    /// name the column; the rest answer 200.
    @Test(arguments: [
        ("$select=name,department,category/id", 400, "'name'"),
        ("$filter=name%20begins%20'S'", 400, "'name'"),
        ("$orderBy=name%20asc", 400, "'name'"),
        ("$entities=sed", 400, "'sed'"),
        ("$top=973", 200, ""),
        ("$skip=403", 200, ""),
        ("$mode=Full", 200, ""),
        ("$options=GrandTotal=true", 200, ""),
        ("$context=accusantium", 200, ""),
        ("$format=JSON", 200, ""),
        ("$jsonSafe=True", 200, ""),
        ("$output=Display", 200, ""),
    ])
    func endpointPageExamples(query: String, status: Int, named: String) async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get("/api/v1/ChatSession?" + query)
            #expect(Int(response.status.code) == status, "\(query): \(String(buffer: response.body))")
            if status == 400 {
                let body = try json(response)
                #expect(body["Error"] as? Bool == true)
                #expect((body["ErrorMessage"] as? String)?.contains(named) == true, "\(query): \(body)")
                #expect((body["ErrorSource"] as? String)?.hasPrefix("$") == true)
            }
        }
    }

    @Test func theExamplesShapeTheirAnswers() async throws {
        try await ServerFixture.withClient { client in
            #expect(try rows(try await client.get("/api/v1/ChatSession?$top=973")).count == 973)
            let skipped = try rows(try await client.get("/api/v1/ChatSession?$skip=403&$top=1&$orderBy=chatSessionId"))
            #expect(skipped.first?["PrimaryKey"] as? Int == 404)

            let full = try #require(try rows(try await client.get("/api/v1/ChatSession?$mode=Full&$top=1&$select=chatSessionId,status")).first)
            #expect(full["LinkHint"] as? String == "chat_session_id=\(full["PrimaryKey"] as? Int ?? -1)")
            let cells = try #require(full["Column"] as? [String: [String: Any]])
            #expect(cells["status"]?["RawValue"] is Int)
            #expect(cells["status"]?["DisplayValue"] is String)

            let safe = try #require(try rows(try await client.get("/api/v1/ChatSession?$jsonSafe=True&$top=1&$select=person/firstName")).first)
            #expect(safe.keys.contains("person_firstName"))

            let display = try #require(try rows(try await client.get("/api/v1/ChatSession?$output=Display&$top=1&$select=chatSessionId,person/hasInterests")).first)
            #expect(display["chatSessionId"] is String && display["person/hasInterests"] is String)
        }
    }
}
