import ArchiveCore
import ArchiveServer
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What the reference system's own clients send, answered as they expect: `$top` as a row
/// count, ids as ids, the reference's time-zone codes, `$metadata` and `$entities=all`.
@Suite("Requests of the reference's clients")
struct ReferenceClientTests {
    @Test func topIsHonouredBeyondThePageSize() async throws {
        try await ServerFixture.withClient { client in
            let large = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$orderBy=chatSessionId&$top=1500"))
            let page = try #require(large["value"] as? [[String: Any]])
            #expect(page.count == 1_500)
            #expect(page.compactMap { $0["PrimaryKey"] as? Int } == Array(1...1_500))
            // The client asked for 1,500 and got them: there is no next page to follow.
            #expect(large["odata.nextLink"] is NSNull)

            // "Everything", as the reference's samples ask for it.
            let everything = try json(try await client.get("/api/v1/archive/ChatSession?$select=chatSessionId&$top=50000000"))
            #expect((everything["value"] as? [[String: Any]])?.count == 2_000)
            #expect(everything["odata.nextLink"] is NSNull)

            // Without $top, the page size still applies.
            let paged = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId"))
            #expect((paged["value"] as? [[String: Any]])?.count == 1_000)
            #expect(paged["odata.nextLink"] is String)

            // The grand total arrives with the rows it totals.
            let totalled = try rows(try await client.get(
                "/api/v1/ChatSession?$select=chatSessionId,Count(chatSessionId):HideDetail&$options=GrandTotal=true&$top=50000000"))
            #expect(totalled.count == 2_001)
            #expect(totalled.last?["EntityName"] as? String == "grandtotal")
            #expect(totalled.last?["Count(chatSessionId):HideDetail"] as? Int == 2_000)
        }
    }

    @Test func maxTopCapsTheRowsAndLinksToTheRest() async throws {
        try await ServerFixture.withClient(configure: { $0.maximumTop = 700 }) { client in
            let first = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$orderBy=chatSessionId&$top=1500"))
            #expect((first["value"] as? [[String: Any]])?.count == 700)
            let link = try #require(first["odata.nextLink"] as? String)
            #expect(link.contains("$top=800"))
            let second = try json(try await client.get(String(link[link.range(of: "/api/")!.lowerBound...])))
            let keys = (second["value"] as? [[String: Any]])?.compactMap { $0["PrimaryKey"] as? Int }
            #expect(keys == Array(701...1_400))
        }
    }

    @Test func contactIdAndPersonIdAreIds() async throws {
        try await ServerFixture.withClient { client in
            let filter = "$filter=contactId%20isNotNull%20and%20personId%20isNotNull&$orderBy=chatSessionId&$top=1"
            let logical = try #require(try rows(try await client.get("/api/v1/ChatSession?$select=contactId,personId,contact/name,person/fullName&" + filter)).first)
            let contact = try #require(logical["contactId"] as? Int)
            let person = try #require(logical["personId"] as? Int)
            #expect(contact > 0 && person > 0)
            let display = try #require(try rows(try await client.get("/api/v1/ChatSession?$select=contactId,personId&$output=Display&" + filter)).first)
            #expect(display["contactId"] as? String == String(contact))
            #expect(display["personId"] as? String == String(person))
            let full = try #require(try rows(try await client.get("/api/v1/ChatSession?$select=contactId,personId&$mode=Full&" + filter)).first)
            let cells = try #require(full["Column"] as? [String: [String: Any]])
            #expect(cells["contactId"]?["RawValue"] as? Int == contact)
            #expect(cells["contactId"]?["DisplayValue"] as? String == String(contact))
            #expect(cells["contactId"]?["TooltipHint"] as? String == logical["contact/name"] as? String)
            #expect(cells["personId"]?["TooltipHint"] as? String == logical["person/fullName"] as? String)
            #expect(cells["contactId"]?["LinkHint"] as? String == "contact_id=\(contact)")

            // Ordered by the id, and restricted by it.
            let ordered = try rows(try await client.get("/api/v1/ChatSession?$select=contactId&$filter=contactId%20isNotNull&$orderBy=contactId&$top=300"))
            let ids = ordered.compactMap { $0["contactId"] as? Int }
            #expect(ids.count == 300 && ids == ids.sorted())
            let one = try rows(try await client.get("/api/v1/ChatSession?$select=contactId&$filter=contactId%20eq%20\(contact)&$top=100000"))
            #expect(!one.isEmpty && one.allSatisfy { $0["contactId"] as? Int == contact })
        }
    }

    @Test func theReferencesTimeZoneCodesAndIds() async throws {
        let zone = HTTPField.Name("SO-TimeZone")!
        try await ServerFixture.withClient { client in
            let uri = "/api/v1/ChatSession?$select=whenRequested,registeredDate&$orderBy=chatSessionId&$top=1"
            func first(_ value: String) async throws -> [String: Any] {
                let response = try await client.get(uri, headers: [zone: value])
                #expect(response.status == .ok, "SO-TimeZone: \(value)")
                return try #require(try rows(response).first)
            }
            let oslo = try await first("Europe/Oslo")["whenRequested"] as? String
            for name in ["NO", "no", "261", " NO , includeTZOffset"] {
                let local = try await first(name)["whenRequested"] as? String
                #expect(local?.prefix(19) == oslo?.prefix(19), "\(name)")
            }
            let newYork = try await first("America/New_York")["whenRequested"] as? String
            #expect(try await first("US-NY")["whenRequested"] as? String == newYork)
            #expect(try await first("460")["whenRequested"] as? String == newYork)
            #expect(newYork != oslo)

            // With offsets, zoned datetimes carry the zone's; the always-UTC dates are tagged UTC.
            let tagged = try await first("NO, includeTZOffset")
            let when = try #require(tagged["whenRequested"] as? String)
            #expect(when.hasSuffix("+01:00") || when.hasSuffix("+02:00"))
            #expect((tagged["registeredDate"] as? String)?.hasSuffix("T00:00:00Z") == true)

            // What the document does not list is refused, although Foundation would read it.
            for bad in ["XX-ZZ", "999999", "Mars/Olympus", "CET", "GMT+2", "europe/oslo"] {
                let response = try await client.get(uri, headers: [zone: bad])
                #expect(response.status == .badRequest, "\(bad)")
                #expect(try json(response)["ErrorType"] as? String == "UnknownTimeZone")
            }
        }
    }

    @Test func metadataOptionAndAllEntities() async throws {
        try await ServerFixture.withClient { client in
            for uri in ["/api/v1/archive/ChatSession?$metadata", "/api/v1/archive/ChatSession?$metadata=ALL&$select=chatSessionId", "/api/v1/ChatSession?$metadata=all"] {
                let columns = try json(try await client.get(uri))
                #expect(columns["value"] == nil, "\(uri)")
                #expect((columns["person/lastName"] as? [String: Any])?["RestrictionType"] as? String == "string", "\(uri)")
            }
            let all = try rows(try await client.get("/api/v1/archive/ChatSession?$select=chatSessionId&$entities=all&$top=3"))
            #expect(all.count == 3 && all.allSatisfy { $0["EntityName"] as? String == "chat" })
            let bad = try await client.get("/api/v1/archive/ChatSession?$metadata=columns")
            #expect(bad.status == .badRequest)
            #expect(try json(bad)["ErrorSource"] as? String == "$metadata")
        }
    }

    @Test func datetimeOperatorsOnADateColumn() async throws {
        try await ServerFixture.withClient { client in
            let instant = "2026-11-01T12:30:00"
            for op in ["beforeTime", "afterTime"] {
                let byDate = try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=100000&$filter=date%20\(op)%20'\(instant)'"))
                let byMoment = try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=100000&$filter=whenRequested%20\(op)%20'\(instant)'"))
                #expect(!byDate.isEmpty && byDate.count == byMoment.count, "\(op)")
            }
            let exact = try await client.get("/api/v1/ChatSession?$select=chatSessionId&$filter=date%20dateTime%20'\(instant)'")
            #expect(exact.status == .ok)
        }
    }
}
