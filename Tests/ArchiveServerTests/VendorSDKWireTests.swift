import ArchiveAuth
import ArchiveCore
import ArchiveEngines
import ArchiveServer
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The requests of the reference vendor's Python SDK (`superoffice-python-sdk` 0.2.8,
/// `superofficesdk/rest.py`), as it sends them: `Authorization: SOTicket <ticket>`, its
/// `SO-AppToken`, `Content-Type: application/json` and, on entity calls, `Accept: aplication/json`
/// (sic); its URLs start with the customer's id (`/{cust}/api/v1/`); `query` GETs
/// `{entity}?$select=…&$format=json&$filter=…&$top=…`, `get`, `update` and `delete` go to
/// `{entity}/{id}`, `create` POSTs to `{entity}/`.
@Suite("The reference SDK's requests")
struct VendorSDKWireTests {
    static func headers(ticket: String, entityCall: Bool) -> HTTPFields {
        var headers: HTTPFields = [
            .authorization: "SOTicket " + ticket, HTTPField.Name("SO-AppToken")!: "sdk-application-token", .contentType: "application/json",
        ]
        if entityCall { headers[.accept] = "aplication/json" }
        return headers
    }

    @Test(arguments: TestEngine.available)
    func queryGetCreateUpdateAndDeleteWork(engine: TestEngine) async throws {
        try await ServerFixture.withWritableClient(engine: engine) { client, location in
            let ticket = try Archives.withDatabase(location, .write) { try TokenStore(database: $0).create(userName: "tje0", name: "sdk").token }
            let query = try await client.get(
                "/Cust12345/api/v1/ChatSession?$select=chatSessionId,person/fullName&$format=json&$filter=rating%20ge%203&$top=5",
                headers: Self.headers(ticket: ticket, entityCall: false), authorization: nil)
            #expect(query.status == .ok)
            #expect(try rows(query).count == 5)

            let entity = Self.headers(ticket: ticket, entityCall: true)
            let read = try await client.execute(uri: "/Cust12345/api/v1/ChatSession/5", method: .get, headers: entity)
            #expect(read.status == .ok && read.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = #"{"TopicId": 2, "WhenRequested": "2026-11-20T09:00:00", "FirstMessage": "From the SDK"}"#
            let created = try await client.execute(uri: "/Cust12345/api/v1/ChatSession/", method: .post, headers: entity, body: ByteBuffer(string: body))
            #expect(created.status == .ok, "\(String(buffer: created.body))")
            let id = try #require(try json(created)["ChatSessionId"] as? Int)
            let updated = try await client.execute(
                uri: "/Cust12345/api/v1/ChatSession/\(id)", method: .put, headers: entity,
                body: ByteBuffer(string: #"{"TopicId": 3, "WhenRequested": "2026-11-20T09:00:00", "Rating": 5}"#))
            #expect(updated.status == .ok)
            #expect(try json(updated)["Rating"] as? Int == 5)
            #expect(try await client.execute(uri: "/Cust12345/api/v1/ChatSession/\(id)", method: .delete, headers: entity).status == .noContent)

            // The scheme's name in any case; a revoked ticket no more.
            var lower = entity
            lower[.authorization] = "soticket " + ticket
            #expect(try await client.execute(uri: "/api/v1/ChatSession/5", method: .get, headers: lower).status == .ok)
            lower[.authorization] = "SOTicket arc_not-a-ticket"
            #expect(try await client.execute(uri: "/api/v1/ChatSession/5", method: .get, headers: lower).status == .unauthorized)
        }
    }

    /// With a list of admitted applications, a call without one of their tokens is a 401 that
    /// names the header, before its credentials are looked at.
    @Test func onlyTheListedApplicationsAreAdmitted() async throws {
        try await ServerFixture.withClient(configure: { $0.applicationTokens = ["sdk-application-token": "SDK"] }) { client in
            let admitted = try await client.get("/api/v1/ChatSession?$top=1", headers: [HTTPField.Name("SO-AppToken")!: "sdk-application-token"])
            #expect(admitted.status == .ok)
            for token in [nil, "someone-else"] {
                var headers: HTTPFields = [:]
                if let token { headers[HTTPField.Name("SO-AppToken")!] = token }
                let refused = try await client.get("/api/v1/ChatSession?$top=1", headers: headers)
                #expect(refused.status == .unauthorized)
                #expect(try json(refused)["ErrorSource"] as? String == "SO-AppToken")
            }
        }
    }
}
