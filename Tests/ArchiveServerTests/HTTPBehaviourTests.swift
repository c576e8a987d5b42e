import ArchiveCore
@testable import ArchiveServer
import ArchiveTestSupport
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What HTTP clients expect besides the rows: compression, CORS, preferences, links that answer,
/// documents that end with a newline.
@Suite("HTTP behaviour")
struct HTTPBehaviourTests {
    static let page = "/api/v1/ChatSession?$select=chatSessionId,firstMessage,person/fullName&$orderBy=chatSessionId&$top=200"

    @Test func gzipWhenTheClientAcceptsIt() async throws {
        try await ServerFixture.withClient { client in
            let plain = try await client.get(Self.page)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[values: .vary].joined(separator: ",").contains("Accept-Encoding"))

            let zipped = try await client.get(Self.page, headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"])
            #expect(zipped.status == .ok)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            var compressed = zipped.body
            let inflated = try compressed.decompress(with: .gzip)
            #expect(inflated == plain.body)
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)

            // Refused explicitly, or not offered: the body goes as it is.
            let refused = try await client.get(Self.page, headers: [.acceptEncoding: "gzip;q=0, *"])
            #expect(refused.headers[.contentEncoding] == nil)
            #expect(refused.body == plain.body)
        }
    }

    @Test func gzipCoversStreamedPagesAndErrors() async throws {
        try await ServerFixture.withClient { client in
            // A page larger than the writer's buffer streams in several chunks.
            let uri = "/api/v1/ChatSession?$select=chatSessionId,firstMessage,lastMessage,person/fullName,associate/fullName&$top=2000"
            let plain = try await client.get(uri)
            let zipped = try await client.get(uri, headers: [.acceptEncoding: "gzip"])
            var compressed = zipped.body
            #expect(try compressed.decompress(with: .gzip) == plain.body)
            #expect(plain.body.readableBytes > 256 * 1024)

            // Small bodies (a short error) are not worth compressing.
            let error = try await client.get("/api/v1/ChatSession?$top=x", headers: [.acceptEncoding: "gzip"])
            #expect(error.status == .badRequest)
            #expect(error.headers[.contentEncoding] == nil)
        }
    }

    @Test func aBodyThatFitsTheWritersBufferIsSentWholeWithItsLength() async throws {
        try await ServerFixture.withClient { client in
            let small = try await client.get("/api/v1/ChatSession?$select=chatSessionId,person/lastName&$top=5")
            #expect(small.status == .ok)
            #expect(small.headers[.contentLength] == String(small.body.readableBytes))
            #expect(try rows(small).count == 5)
            let export = try await client.get("/api/v1/archive/ChatSession?$select=chatSessionId&$top=5&$format=csv")
            #expect(export.headers[.contentLength] == String(export.body.readableBytes))
            // A page past the buffer streams: its length is not known when it starts.
            let large = try await client.get("/api/v1/ChatSession?$select=chatSessionId,firstMessage,lastMessage,person/fullName&$top=2000")
            #expect(large.headers[.contentLength] == nil)
            #expect(large.body.readableBytes > 256 * 1024)
            #expect(try rows(large).count == 2000)
        }
    }

    /// An answer that depends on the request's headers says which (a cache must not hand a
    /// JSON answer to a request for XML, or English errors to a German client).
    @Test func apiAnswersVaryByTheHeadersTheyDependOn() async throws {
        try await ServerFixture.withClient { client in
            let page = try await client.get(Self.page)
            let error = try await client.get("/api/v1/archive/ChatSession?$select=noSuchColumn")
            for response in [page, error] {
                let vary = Set(response.headers[values: .vary].flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
                #expect(vary.isSuperset(of: ["Accept", "Accept-Language", "SO-Language", "SO-Culture", "SO-TimeZone"]), "\(vary)")
            }
        }
    }

    /// A form body that is not UTF-8 is refused, as the same bytes percent-encoded in the URL are
    /// (repaired, the filter looked for U+FFFD and found nothing: a 200 with no rows).
    @Test func aFormBodyThatIsNotUTF8IsRefused() async throws {
        try await ServerFixture.withClient { client in
            var body = ByteBuffer(string: "$filter=contact/name%20contains%20'")
            body.writeBytes([0xF6])
            body.writeString("'&$top=1")
            let response = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"], body: body)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("the form body is not UTF-8"), "\(String(buffer: response.body))")
        }
    }

    /// A form post (the page's export, a download that carries no headers of its own) gives the
    /// time zone and language as fields: the file then has the values the page shows.
    @Test func aFormPostGivesItsSettingsAsFields() async throws {
        try await ServerFixture.withClient { client in
            func export(_ body: String, headers: HTTPFields = [:]) async throws -> String {
                var all: HTTPFields = [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"]
                all.append(contentsOf: headers)
                let response = try await client.execute(uri: "/api/v1/archive/ChatSession", method: .post, headers: all, body: ByteBuffer(string: body))
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                return String(buffer: response.body)
            }
            let query = "$select=chatSessionId,whenRequested,status&$filter=chatSessionId%20eq%201&$format=csv"
            let viaHeaders = try await export(query, headers: [HTTPField.Name("SO-TimeZone")!: "America/New_York", HTTPField.Name("SO-Language")!: "de"])
            let viaFields = try await export(query + "&SO-TimeZone=America%2FNew_York&SO-Language=de")
            let utc = try await export(query)
            #expect(viaFields == viaHeaders && viaFields != utc, "\(viaFields) \(utc)")
        }
    }

    /// A body over what an endpoint reads is a 413 that says how much that is.
    @Test func aBodyTooLargeIsRefusedWithTheLimit() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "$top=1&$filter=" + String(repeating: "a", count: 1 << 20)))
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("the request body is over 1 MiB"), "\(String(buffer: response.body))")
        }
    }

    @Test func corsForAConfiguredOrigin() async throws {
        let origin = HTTPField.Name("Origin")!
        let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
        try await ServerFixture.withClient(configure: { $0.corsOrigins = ["https://reports.example.com"] }) { client in
            let allowed = try await client.get(Self.page, headers: [origin: "https://reports.example.com"])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[allowOrigin] == "https://reports.example.com")
            #expect(allowed.headers[HTTPField.Name("Access-Control-Expose-Headers")!]?.contains("Preference-Applied") == true)

            let other = try await client.get(Self.page, headers: [origin: "https://evil.example.net"])
            #expect(other.status == .ok)
            #expect(other.headers[allowOrigin] == nil)

            // A preflight needs no credentials and is answered before routing.
            let preflight = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .options,
                headers: [origin: "https://reports.example.com", HTTPField.Name("Access-Control-Request-Method")!: "GET",
                          HTTPField.Name("Access-Control-Request-Headers")!: "authorization, so-timezone, so-apptoken"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[allowOrigin] == "https://reports.example.com")
            let allowHeaders = preflight.headers[HTTPField.Name("Access-Control-Allow-Headers")!]?.lowercased() ?? ""
            // Every header the API reads, the application token's too (--app-tokens needs it).
            for header in ["authorization", "so-timezone", "so-apptoken", "if-none-match", "if-match"] {
                #expect(allowHeaders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(header), "\(header)")
            }
            #expect(allowed.headers[HTTPField.Name("Access-Control-Expose-Headers")!]?.contains("Retry-After") == true)

            let refusedPreflight = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .options,
                headers: [origin: "https://evil.example.net", HTTPField.Name("Access-Control-Request-Method")!: "GET"])
            #expect(refusedPreflight.status == .methodNotAllowed)
        }
        // Without configured origins, no CORS header at all.
        try await ServerFixture.withClient { client in
            let response = try await client.get(Self.page, headers: [origin: "https://reports.example.com"])
            #expect(response.headers[allowOrigin] == nil)
        }
    }

    @Test func preferenceAppliedWhenTheMaximumPageSizeIsHonoured() async throws {
        let prefer = HTTPField.Name("Prefer")!, applied = HTTPField.Name("Preference-Applied")!
        try await ServerFixture.withClient(configure: { $0.pageSize = 100 }) { client in
            let honoured = try await client.get("/api/v1/ChatSession?$select=chatSessionId", headers: [prefer: "odata.maxpagesize=30"])
            #expect(honoured.headers[applied] == "odata.maxpagesize=30")
            #expect(try rows(honoured).count == 30)
            // Larger than the server's own page size: the server's size applies, not the preference.
            let larger = try await client.get("/api/v1/ChatSession?$select=chatSessionId", headers: [prefer: "odata.maxpagesize=500"])
            #expect(larger.headers[applied] == nil)
            #expect(try rows(larger).count == 100)
        }
    }

    @Test func headersReadTheirValuesWithoutTheSpacesAndTabsAroundThem() async throws {
        // HTTP's optional whitespace, around a value and around its parts; nothing else is trimmed.
        let prefer = HTTPField.Name("Prefer")!, applied = HTTPField.Name("Preference-Applied")!, language = HTTPField.Name("SO-Language")!
        try await ServerFixture.withClient(configure: { $0.pageSize = 100 }) { client in
            let padded = try await client.get(
                "/api/v1/ChatSession?$select=chatSessionId,status", headers: [prefer: " odata.maxpagesize =\t7 ", language: "\tsv ", .accept: " application/json "])
            #expect(padded.status == .ok)
            #expect(padded.headers[applied] == "odata.maxpagesize=7")
            #expect(try rows(padded).count == 7)
            // The padded language is Swedish: the statuses read as they do in Swedish, not in English.
            let statuses = { (response: TestResponse) in try rows(response).prefix(7).map { $0["status"] as? String } }
            let swedish = try await client.get("/api/v1/ChatSession?$select=chatSessionId,status", headers: [language: "sv"])
            let english = try await client.get("/api/v1/ChatSession?$select=chatSessionId,status", headers: [language: "en"])
            #expect(try statuses(padded) == statuses(swedish))
            #expect(try statuses(padded) != statuses(english))
            let nonBreaking = try await client.get("/api/v1/ChatSession?$top=1", headers: [language: "sv\u{A0}"])
            #expect(nonBreaking.status == .badRequest)
        }
    }

    @Test func jsonBodiesEndWithANewline() async throws {
        try await ServerFixture.withClient { client in
            for uri in [Self.page, "/api/v1/archive", "/api/v1/archive/ChatSession/$metadata", "/api/v1/ChatSession?$top=x"] {
                let response = try await client.get(uri)
                #expect(response.body.readableBytesView.last == UInt8(ascii: "\n"), "\(uri)")
                #expect(response.body.readableBytesView.dropLast().last == UInt8(ascii: "}"), "\(uri)")
            }
        }
    }

    @Test func theMetadataLinkOfEveryPageAnswers() async throws {
        try await ServerFixture.withClient { client in
            let body = try json(try await client.get(Self.page))
            let link = try #require(body["odata.metadata"] as? String)
            let metadata = try await client.get(String(link[link.range(of: "/api/")!.lowerBound...]))
            #expect(metadata.status == .ok)
            let providers = try json(metadata)
            let columns = try #require(providers["ChatSession"] as? [String: [String: Any]])
            #expect(columns["person/lastName"]?["CanOrderBy"] as? Bool == true)
        }
    }

    @Test func metadataListsTheOperatorsOfEachColumn() async throws {
        try await ServerFixture.withClient { client in
            let columns = try json(try await client.get("/api/v1/archive/ChatSession/$metadata"))
            let rating = try #require(columns["rating"] as? [String: Any])
            let ratingOperators = try #require(rating["Operators"] as? [String])
            #expect(ratingOperators.contains("between") && ratingOperators.contains("greater") && !ratingOperators.contains("begins"))
            let text = try #require((columns["text"] as? [String: Any])?["Operators"] as? [String])
            // positiveString: no negative operators.
            #expect(text.contains("begins") && !text.contains("notBegins"))
            let icon = try #require((columns["icon"] as? [String: Any])?["Operators"] as? [String])
            #expect(icon.isEmpty)
        }
    }

    @Test func theTestServersDoNotLogEveryRequest() {
        // Request lines are info; the fixture's servers log warnings and worse unless asked.
        if ProcessInfo.processInfo.environment["ARCHIVE_TEST_LOG_LEVEL"] == nil {
            #expect(ServerFixture.logger.logLevel == .warning)
        }
    }
}
