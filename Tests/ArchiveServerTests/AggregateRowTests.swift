import ArchiveCore
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The rows aggregate queries answer: groups without detail rows, empty group keys, columns that
/// have no place in a row, names given with `as`.
@Suite("Aggregate rows")
struct AggregateRowTests {
    @Test func groupingWithHideDetailAloneAnswersOneRowPerGroup() async throws {
        try await ServerFixture.withClient { client in
            // The example of QUERY-LANGUAGE.md, as written there.
            let groups = try rows(try await client.get(
                "/api/v1/archive/ChatSession?$select=GroupBy(type):HideDetail,Count(chatSessionId)&$orderBy=Count(chatSessionId)%20desc"))
            #expect(groups.count > 2)
            #expect(groups.allSatisfy { $0["EntityName"] as? String == "footer:1" })
            let counts = groups.compactMap { $0["Count(chatSessionId)"] as? Int }
            #expect(counts == counts.sorted(by: >))
            let total = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$inlineCount=true&$top=0"))["odata.count"] as? Int
            #expect(counts.reduce(0, +) == total)
            #expect(Set(groups.compactMap { $0["GroupBy(type):HideDetail"] as? String }).count == groups.count)
        }
    }

    @Test func aGroupWithNoValueSaysSo() async throws {
        try await ServerFixture.withClient { client in
            // Unrated chats form a group of their own.
            let groups = try rows(try await client.get(
                "/api/v1/ChatSession?$select=GroupBy(rating):HideDetail,Count(chatSessionId)&$output=Display&$orderBy=rating"))
            let keys = groups.compactMap { $0["GroupBy(rating):HideDetail"] as? String }
            #expect(keys.first == "(none)")
            #expect(Array(keys.dropFirst()) == ["1", "2", "3", "4", "5"])
            let norwegian = try rows(try await client.get(
                "/api/v1/ChatSession?$select=GroupBy(rating):HideDetail,Count(chatSessionId)&$output=Display&$orderBy=rating",
                headers: [HTTPField.Name("SO-Language")!: "no"]))
            #expect(norwegian.first?["GroupBy(rating):HideDetail"] as? String == "(ingen)")
            // Typed output keeps the key null, Logical the reference's stand-in.
            let typed = try rows(try await client.get(
                "/api/v1/ChatSession?$select=GroupBy(rating):HideDetail,Count(chatSessionId)&$output=Typed&$orderBy=rating"))
            #expect(typed.first?["GroupBy(rating):HideDetail"] is NSNull)
        }
    }

    @Test func hiddenAndPlainColumnsAreLeftOutOfRowsTheyDoNotApplyTo() async throws {
        try await ServerFixture.withClient { client in
            let page = try rows(try await client.get(
                "/api/v1/ChatSession?$select=chatSessionId,Count(chatSessionId):HideDetail,Sum(rating):HideDetail&$options=GrandTotal=true&$orderBy=chatSessionId&$top=5000"))
            let details = page.filter { $0["EntityName"] as? String == "chat" }
            let total = try #require(page.last)
            #expect(details.count == 2_000)
            // Detail rows: no hidden aggregate at all (not 0).
            #expect(details.allSatisfy { $0["Count(chatSessionId):HideDetail"] == nil && $0["Sum(rating):HideDetail"] == nil && $0["chatSessionId"] != nil })
            // The grand total: the aggregates only, and a key no chat has.
            #expect(total["EntityName"] as? String == "grandtotal")
            #expect(total["chatSessionId"] == nil)
            #expect(total["Count(chatSessionId):HideDetail"] as? Int == 2_000)
            let keys = Set(details.compactMap { $0["PrimaryKey"] as? Int })
            #expect(!keys.contains(total["PrimaryKey"] as? Int ?? -1))

            // Full mode leaves them out of Column as well.
            let full = try rows(try await client.get(
                "/api/v1/ChatSession?$select=chatSessionId,Count(chatSessionId):HideDetail&$options=GrandTotal=true&$mode=Full&$top=3&$orderBy=chatSessionId"))
            let first = try #require(full.first?["Column"] as? [String: Any])
            #expect(Set(first.keys) == ["chatSessionId"])
        }
    }

    @Test func columnsCanBeNamed() async throws {
        try await ServerFixture.withClient { client in
            let named = try rows(try await client.get(
                "/api/v1/ChatSession?$select=GroupBy(chatTopic/name):HideDetail%20as%20topic,Count(chatSessionId)%20as%20chats&$orderBy=chats%20desc"))
            #expect(named.count > 2)
            #expect(named.allSatisfy { $0["topic"] is String && $0["chats"] is Int && $0["Count(chatSessionId)"] == nil })
            let counts = named.compactMap { $0["chats"] as? Int }
            #expect(counts == counts.sorted(by: >))

            let plain = try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId%20as%20id,person/fullName%20as%20customer&$top=2&$orderBy=id%20desc"))
            #expect(plain.first?["id"] as? Int == 2_000)
            #expect(plain.first?["customer"] is String)

            let clash = try await client.get("/api/v1/ChatSession?$select=chatSessionId%20as%20rating,rating")
            #expect(clash.status == .badRequest)
            let message = try json(clash)["ErrorMessage"] as? String ?? ""
            #expect(message.contains("'rating' is selected twice (again at position 25)"), "\(message)")
            let badName = try await client.get("/api/v1/ChatSession?$select=chatSessionId%20as%201x")
            #expect(badName.status == .badRequest)
            #expect((try json(badName)["ErrorMessage"] as? String ?? "").contains("position 18"))
        }
    }

    @Test func typedOutputWritesEmptyValuesAsNull() async throws {
        try await ServerFixture.withClient { client in
            let uri = "/api/v1/ChatSession?$select=chatSessionId,rating,whenEnded,person/lastName&$filter=rating%20isNull&$top=5"
            let logical = try #require(try rows(try await client.get(uri)).first)
            #expect(logical["rating"] as? Int == 0)
            let typed = try #require(try rows(try await client.get(uri + "&$output=Typed")).first)
            #expect(typed["rating"] is NSNull)
            #expect(typed["chatSessionId"] as? Int == logical["chatSessionId"] as? Int)
            let ended = try rows(try await client.get("/api/v1/ChatSession?$select=whenEnded&$filter=whenEnded%20isNull&$top=1&$output=Typed"))
            #expect(ended.first?["whenEnded"] is NSNull)
        }
    }
}
