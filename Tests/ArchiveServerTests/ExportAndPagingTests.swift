import ArchiveServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `$format=csv|ndjson` exports every row of a query as a download, with the values `archive
/// query` writes; pages reached through a cursor link back with `odata.previousLink`.
@Suite("Exports and previous links")
struct ExportAndPagingTests {
    static let select = "$select=chatSessionId,person/fullName,rating,whenRequested&$orderBy=whenRequested%20desc"

    @Test func csvHasEveryRowNotAPage() async throws {
        try await ServerFixture.withClient(chats: 2_000, configure: { $0.pageSize = 100 }) { client in
            let response = try await client.get("/api/v1/archive/ChatSession?\(Self.select)&$format=csv")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            #expect(response.headers[HTTPField.Name("Content-Disposition")!] == "attachment; filename=\"ChatSession.csv\"")
            let lines = String(buffer: response.body).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "chatSessionId,person/fullName,rating,whenRequested")
            #expect(lines.count == 2_000 + 2)  // the header, every chat, and the last line's end
            // The same rows as the JSON pages, in the same order; an empty rating is an empty field.
            let page = try rows(try await client.get("/api/v1/archive/ChatSession?\(Self.select)&$top=3&$output=Typed"))
            let firstIDs = lines.dropFirst().prefix(3).map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
            #expect(firstIDs == page.map { "\($0["chatSessionId"]!)"[...] })
            let ratings = page.map { ($0["rating"] as? Int).map(String.init) ?? "" }
            #expect(lines.dropFirst().prefix(3).map { String($0.split(separator: ",", omittingEmptySubsequences: false)[2]) } == ratings)
        }
    }

    @Test func ndjsonIsOneTypedObjectPerLine() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get("/api/v1/archive/ChatSession?\(Self.select)&$top=5&$format=ndjson")
            #expect(response.headers[.contentType] == "application/x-ndjson")
            let lines = String(buffer: response.body).split(separator: "\n")
            #expect(lines.count == 5)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["chatSessionId"] is Int && object["whenRequested"] is String)
            }
        }
    }

    @Test func previousLinksLeadBack() async throws {
        try await ServerFixture.withClient { client in
            let prefer: HTTPFields = [HTTPField.Name("Prefer")!: "odata.maxpagesize=9"]
            var pages = [try json(try await client.get("/api/v1/archive/ChatSession?\(Self.select)", headers: prefer))]
            #expect(pages[0]["odata.previousLink"] == nil)
            for _ in 0..<3 {
                let next = try #require(pages.last!["odata.nextLink"] as? String)
                pages.append(try json(try await client.get(Self.relative(next), headers: prefer)))
            }
            var page = pages.last!
            for expected in pages.dropLast().reversed() {
                let previous = try #require(page["odata.previousLink"] as? String)
                page = try json(try await client.get(Self.relative(previous), headers: prefer))
                let ids = (page["value"] as? [[String: Any]])?.map { $0["chatSessionId"] as? Int }
                #expect(ids == (expected["value"] as? [[String: Any]])?.map { $0["chatSessionId"] as? Int })
            }
            #expect(page["odata.previousLink"] == nil, "back at the first page")
        }
    }

    /// A link's path and query, for the test client.
    static func relative(_ link: String) -> String {
        let url = URL(string: link)!
        return url.path + "?" + (url.query(percentEncoded: true) ?? "")
    }
}
