import ArchiveCore
import ArchiveAuth
@testable import ArchiveServer
import HTTPTypes
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing

/// Options, headers and response shapes.
@Suite("Responses")
struct ResponseTests {
    @Test func followingNextLinksReturnsEveryRowOnceInOrder() async throws {
        try await ServerFixture.withClient { client in
            // The expected rows: all matching chats, by date, newest first.
            let all = try rows(try await client.get("/api/v1/archive/ChatSession?$select=chatSessionId&$filter=rating%20ge%204&$orderBy=whenRequested%20desc,chatSessionId&$top=100000"))
            var seen: [Int] = []
            var next: String? = "/api/v1/archive/ChatSession?$select=chatSessionId&$filter=rating%20ge%204&$orderBy=whenRequested%20desc,chatSessionId"
            var pages = 0
            while let link = next {
                let response = try await client.get(link, headers: [HTTPField.Name("Prefer")!: "odata.maxpagesize=97"])
                #expect(response.status == .ok)
                let body = try json(response)
                let page = try #require(body["value"] as? [[String: Any]])
                #expect(page.count <= 97)
                seen += page.compactMap { $0["PrimaryKey"] as? Int }
                // Next links are absolute and carry a keyset token.
                next = (body["odata.nextLink"] as? String).map { link in
                    #expect(link.hasPrefix("http://") && link.contains("$skiptoken="))
                    return String(link[link.range(of: "/api/")!.lowerBound...])
                }
                pages += 1
            }
            #expect(pages > 1)
            #expect(seen == all.compactMap { $0["PrimaryKey"] as? Int })
        }
    }

    @Test func topLimitsTheRowsAcrossPages() async throws {
        try await ServerFixture.withClient(configure: { $0.pageSize = 40 }) { client in
            var next: String? = "/api/v1/ChatSession?$select=chatSessionId&$orderBy=chatSessionId&$top=100"
            var seen: [Int] = []
            while let link = next {
                let body = try json(try await client.get(link))
                seen += try #require(body["value"] as? [[String: Any]]).compactMap { $0["PrimaryKey"] as? Int }
                next = (body["odata.nextLink"] as? String).map { String($0[$0.range(of: "/api/")!.lowerBound...]) }
            }
            #expect(seen == Array(1...100))
        }
    }

    @Test func aTamperedSkipTokenIsA400() async throws {
        try await ServerFixture.withClient(configure: { $0.pageSize = 10 }) { client in
            let body = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId"))
            let link = try #require(body["odata.nextLink"] as? String)
            let tampered = link.replacingOccurrences(of: "$skiptoken=", with: "$skiptoken=x")
            let response = try await client.get(String(tampered[tampered.range(of: "/api/")!.lowerBound...]))
            #expect(response.status == .badRequest)
            #expect(try json(response)["ErrorSource"] as? String == "$skiptoken")
        }
    }

    @Test func inlineCountCountsAllMatchingRows() async throws {
        try await ServerFixture.withClient { client in
            let body = try json(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=3&$inlineCount=AllPages&$filter=rating%20eq%205"))
            let count = try #require(body["odata.count"] as? Int)
            let all = try rows(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=100000&$filter=rating%20eq%205"))
            #expect(count == all.count && count > 3)
        }
    }

    @Test func languageCultureAndTimeZoneHeadersApply() async throws {
        try await ServerFixture.withClient { client in
            let uri = "/api/v1/ChatSession?$select=status,whenRequested&$orderBy=chatSessionId&$top=1"
            let english = try #require(try rows(try await client.get(uri)).first)
            let norwegian = try #require(try rows(try await client.get(uri, headers: [RequestHeader.soLanguage: "no", .acceptLanguage: "sv"])).first)
            #expect(english["status"] as? String != norwegian["status"] as? String)
            let oslo = try #require(try rows(try await client.get(uri, headers: [RequestHeader.soTimeZone: "Europe/Oslo, includeTZOffset"])).first)
            let utc = try #require(english["whenRequested"] as? String)
            let local = try #require(oslo["whenRequested"] as? String)
            #expect(local.hasSuffix("+01:00") || local.hasSuffix("+02:00"))
            #expect(local.prefix(19) != utc.prefix(19))
        }
    }

    @Test(arguments: [
        ("SO-TimeZone", "Mars/Olympus", "UnknownTimeZone"),
        ("SO-TimeZone", "UTC, includeOffsets", "InvalidHeader"),
        ("SO-Language", "klingon", "UnsupportedLanguage"),
        // A tag of the documented shape only: no empty subtag, no leading separator.
        ("SO-Language", "-en", "UnsupportedLanguage"),
        ("SO-Language", "en--US", "UnsupportedLanguage"),
        ("SO-Culture", "xx-invalid-culture", "UnsupportedCulture"),
        ("Prefer", "odata.maxpagesize=0", "InvalidHeader"),
    ])
    func badHeadersAre400s(name: String, value: String, type: String) async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get("/api/v1/ChatSession?$top=1", headers: [HTTPField.Name(name)!: value])
            #expect(response.status == .badRequest)
            #expect(try json(response)["ErrorType"] as? String == type)
        }
    }

    @Test func errorsHaveTheirStatuses() async throws {
        try await ServerFixture.withClient { client in
            let missing = try await client.get("/api/v1/ChatSession", authorization: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Basic realm=\"Archive\"")
            let wrong = try await client.get("/api/v1/ChatSession", authorization: "Basic " + Data("tje0:wrong".utf8).base64EncodedString())
            #expect(wrong.status == .unauthorized && wrong.headers[.wwwAuthenticate] != nil)
            // A scheme the API does not take is named as such (it says nothing of any account).
            let digest = try await client.get("/api/v1/ChatSession", authorization: #"Digest username="tje0", realm="Archive""#)
            #expect(digest.status == .unauthorized)
            #expect((try json(digest)["ErrorMessage"] as? String)?.hasPrefix("Authorization: Digest is not a scheme this API takes") == true, "\(String(buffer: digest.body))")

            let unknown = try await client.get("/api/v1/archive/NoSuchProvider")
            #expect(unknown.status == .notFound)
            #expect(try json(unknown)["ErrorType"] as? String == "UnknownProvider")
            #expect(try await client.get("/nothing/here").status == .notFound)

            let put = try await client.execute(uri: "/api/v1/archive/ChatSession", method: .put, headers: [.authorization: ServerFixture.demoAuthorization])
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow]?.contains("GET") == true)
            // The default entity is read only.
            let putDefault = try await client.execute(uri: "/api/v1/ChatSession/DEFAULT", method: .put, headers: [.authorization: ServerFixture.demoAuthorization])
            #expect(putDefault.status == .methodNotAllowed && putDefault.headers[.allow] == "GET, HEAD")
            // A method no route knows is a 405 too on a known path (under a customer segment as
            // well), and a 404 elsewhere.
            let query = try await client.execute(uri: "/Cust1/api/v1/Agents/Archive/GetArchiveListByColumns", method: HTTPRequest.Method("QUERY")!, headers: [:])
            #expect(query.status == .methodNotAllowed && query.headers[.allow] == "POST")
            #expect(try await client.execute(uri: "/nothing/here", method: HTTPRequest.Method("QUERY")!, headers: [:]).status == .notFound)

            // An Accept that names nothing the server writes gets JSON, as from the reference.
            let html = try await client.get("/api/v1/ChatSession?$top=1", headers: [.accept: "text/html"])
            #expect(html.status == .ok && html.headers[.contentType]?.hasPrefix("application/json") == true)

            let option = try await client.get("/api/v1/ChatSession?$filtr=rating%20eq%201")
            #expect(option.status == .badRequest)
            #expect((try json(option)["ErrorMessage"] as? String)?.contains("$filter") == true)

            let syntax = try await client.get("/api/v1/ChatSession?$filter=rating%20eq%20(")
            let body = try json(syntax)
            #expect(syntax.status == .badRequest && body["ErrorSource"] as? String == "$filter")
            #expect((body["ErrorMessage"] as? String)?.contains("position") == true)
        }
    }

    @Test func xmlIsWellFormedAndCarriesTheValues() async throws {
        try await ServerFixture.withClient { client in
            let uri = "/api/v1/ChatSession?$select=chatSessionId,person/lastName,firstMessage&$orderBy=chatSessionId&$top=20"
            let jsonRows = try rows(try await client.get(uri))
            let requests: [(String, HTTPFields)] = [(uri + "&$format=xml", [:]), (uri, [.accept: "application/xml"])]
            for request in requests {
                let response = try await client.get(request.0, headers: request.1)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/xml") == true)
                let document = try XMLDocument(data: Data(response.body.readableBytesView))
                let rowsXML = try document.nodes(forXPath: "/ArchiveResult/value/row")
                #expect(rowsXML.count == 20)
                // Element names are the JSON-safe keys; values read back equal the JSON ones.
                for (xml, json) in zip(rowsXML, jsonRows) {
                    let element = try #require(xml as? XMLElement)
                    #expect(element.elements(forName: "person_lastName").first?.stringValue == json["person/lastName"] as? String)
                    #expect(element.elements(forName: "firstMessage").first?.stringValue == json["firstMessage"] as? String)
                }
            }
            // `$format` in a POST form body chooses the format as in the URL.
            let posted = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "$select=chatSessionId&$top=2&$format=xml"))
            #expect(posted.status == .ok && posted.headers[.contentType]?.hasPrefix("application/xml") == true)
            let error = try await client.get("/api/v1/ChatSession?$format=xml&$select=nope")
            #expect(error.status == .badRequest)
            #expect(String(buffer: error.body).contains("<ErrorType>UnknownColumn</ErrorType>"))
        }
    }

    @Test func postTakesTheOptionsAsAFormBody() async throws {
        try await ServerFixture.withClient { client in
            let form = "$select=chatSessionId%2Cperson%2FlastName&$filter=person/lastName+begins+'B'&$top=5&$orderBy=chatSessionId"
            let posted = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form))
            #expect(posted.status == .ok)
            let got = try rows(try await client.get("/api/v1/archive/ChatSession?" + form))
            #expect(try rows(posted).map { $0["PrimaryKey"] as? Int } == got.map { $0["PrimaryKey"] as? Int })
            #expect(!got.isEmpty && got.allSatisfy { ($0["person/lastName"] as? String)?.lowercased().hasPrefix("b") == true })
        }
    }

    @Test func aggregateRowsHaveTheirEntityNames() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.get("/api/v1/ChatSession?$select=GroupBy(status):Footer,HideDetail,Count(chatSessionId):Footer&$options=GrandTotal=true&$jsonSafe=true")
            #expect(response.status == .ok)
            let names = try rows(response).compactMap { $0["EntityName"] as? String }
            #expect(names.contains("footer:1") && names.last == "grandtotal")
            #expect(try rows(response).last?.keys.contains("Count_chatSessionId__Footer") == true)
        }
    }

    @Test func tokensAndTheCurrentAssociate() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("tokens.sqlite")
        try FileManager.default.copyItem(atPath: try SeededDatabase.path(chats: 2_000, seed: 3), toPath: path)
        let connection = try Connection(path: path)
        let (token, _) = try TokenStore(database: connection).create(userName: "tje0", name: "test")
        let tje0 = try #require(try connection.scalar("SELECT id FROM associate WHERE user_name = 'tje0'")?.integerValue)
        connection.close()
        let server = try await ServerFixture.server(at: path)
        try await server.application().test(.router) { client in
            let response = try await client.get("/api/v1/ChatSession?$select=associateId&$filter=associateId%20currentAssociate&$top=100000&$mode=Full", authorization: "Bearer " + token)
            #expect(response.status == .ok)
            let rows = try rows(response)
            #expect(rows.allSatisfy { (($0["Column"] as? [String: [String: Any]])?["associateId"]?["RawValue"] as? Int).map(Int64.init) == tje0 })
            #expect(try await client.get("/api/v1/ChatSession", authorization: "Bearer arc_forged").status == .unauthorized)
        }
    }

    @Test func providersMetadataAndTheOpenAPIDocument() async throws {
        try await ServerFixture.withClient { client in
            let providers = try json(try await client.get("/api/v1/archive"))
            #expect((providers["value"] as? [[String: String]])?.first?["name"] == "ChatSession")
            let metadata = try json(try await client.get("/api/v1/archive/chatsession/$metadata"))
            let column = try #require(metadata["person/lastName"] as? [String: Any])
            #expect(column["CanOrderBy"] as? Bool == true && column["RestrictionType"] as? String == "string")
            let openAPI = try await client.get("/api/v1/openapi.json", authorization: nil)
            #expect(openAPI.status == .ok)
            let document = try json(openAPI)
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(paths.keys.contains("/api/v1/archive/{provider}"))
            // The SO-TimeZone enum is filled in with every zone the server reads, and only those.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let zoneSchemas = try #require((schemas["TimeZoneHeader"] as? [String: Any])?["anyOf"] as? [[String: Any]])
            let zones = try #require(zoneSchemas.first?["enum"] as? [String])
            #expect(zones.contains("NO") && zones.contains("261") && zones.contains("Europe/Oslo, includeTZOffset") && zones.contains("UTC"))
            #expect(!zones.contains("@TIME_ZONES@") && !zones.contains("CET"))
            // The pattern takes the other spellings the server reads, and nothing it refuses.
            let pattern = try NSRegularExpression(pattern: try #require(zoneSchemas.last?["pattern"] as? String))
            let matches = { (text: String) in pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }
            for spelling in ["Tt", "no , INCLUDETZOFFSET", "0261", "America/Argentina/Buenos_Aires", "US-ny"] { #expect(matches(spelling), "\(spelling)") }
            for spelling in ["CET", "europe/oslo", "NO,", ",NO", "NO, other", "Europe/Oslox"] { #expect(!matches(spelling), "\(spelling)") }
            for spelling in ["Tt", "CET", "NO,", ",NO", "NO, other"] {
                let status = try await client.get("/api/v1/archive/ChatSession?$top=1", headers: [HTTPField.Name("SO-TimeZone")!: spelling]).status
                #expect((status == .ok) == matches(spelling), "\(spelling): \(status)")
            }
            // The columns' names are every column of the archive's catalog (its user-defined fields too).
            let columnInfo = try #require((schemas["ColumnInfo"] as? [String: Any])?["properties"] as? [String: Any])
            let names = try #require((columnInfo["Name"] as? [String: Any])?["enum"] as? [String])
            #expect(names == ChatSessionCatalog.catalog.columns.map(\.name))
            #expect(names.contains("person/personUdef/SuperOffice:1") && names.count == 439)
        }
    }

    @Test func aQueryPastTheTimeLimitIs503WhileOthersAreServed() async throws {
        try await ServerFixture.withClient(chats: 20_000, configure: { $0.queryTimeout = .milliseconds(150) }) { client in
            // 400 substring tests on every one of 20,000 chats: seconds of work, stopped at 150 ms.
            let terms = (0..<400).map { "firstMessage%20contains%20'zq\($0)x'" }.joined(separator: "%20or%20")
            let slow = try await client.get("/api/v1/ChatSession?$select=chatSessionId&$orderBy=firstMessage&$top=100000&$filter=" + terms)
            #expect(slow.status == .serviceUnavailable)
            #expect(try json(slow)["ErrorType"] as? String == "QueryTimeout")
            // The server goes on: a light query right after is answered.
            #expect(try await client.get("/api/v1/ChatSession?$select=chatSessionId&$top=1").status == .ok)
        }
    }
}

@Suite("Requests the server refuses or corrects")
struct RefusalTests {
    @Test func aBodyOverTheLimitIs413NotA500() async throws {
        try await ServerFixture.withClient { client in
            let response = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.authorization: ServerFixture.demoAuthorization, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "$filter=" + String(repeating: "a", count: 2 << 20)))
            #expect(response.status == .contentTooLarge)
            #expect(try json(response)["Error"] as? Bool == true)
        }
    }

    @Test func acceptNegotiationHonoursRefusalsAndPrefersJSON() async throws {
        try await ServerFixture.withClient { client in
            func type(_ accept: String) async throws -> String {
                let response = try await client.get("/api/v1/ChatSession?$top=1", headers: [.accept: accept])
                return response.status == .ok ? response.headers[.contentType] ?? "" : "\(response.status.code)"
            }
            let refusedJSON = try await type("application/json;q=0, */*")
            let tie = try await type("application/xml, application/json")
            let preferXML = try await type("application/json;q=0.5, text/xml")
            let nothing = try await type("*/*;q=0")
            #expect(refusedJSON.hasPrefix("application/xml"))
            #expect(tie.hasPrefix("application/json"))
            #expect(preferXML.hasPrefix("application/xml"))
            #expect(nothing == "406")
        }
    }

    @Test func providersAndMetadataNegotiateToo() async throws {
        try await ServerFixture.withClient { client in
            let xml = try await client.get("/api/v1/archive/ChatSession/$metadata", headers: [.accept: "application/xml"])
            #expect(xml.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(String(buffer: xml.body).contains("<Name>person/lastName</Name>"))
            let providers = try await client.get("/api/v1/archive?$format=xml")
            #expect(providers.headers[.contentType]?.hasPrefix("application/xml") == true)
            let png = try await client.get("/api/v1/archive", headers: [.accept: "image/png"])
            #expect(png.status == .ok && png.headers[.contentType]?.hasPrefix("application/json") == true)
            let refused = try await client.get("/api/v1/archive", headers: [.accept: "application/json;q=0, application/xml;q=0"])
            #expect(refused.status == .notAcceptable)
        }
    }

    @Test func aForgedHostDoesNotSteerLinks() {
        func base(_ authority: String) -> String {
            BaseURL(request: Request(head: HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/"), body: .init(buffer: ByteBuffer()))).string
        }
        #expect(base("archive.example:8080") == "http://archive.example:8080")
        #expect(base("[::1]:8080") == "http://[::1]:8080")
        #expect(base("evil.example/x?") == "http://127.0.0.1")
        #expect(base("a.example, b.example") == "http://127.0.0.1")
    }

    @Test func credentialsComeBeforeAnythingElse() async throws {
        try await ServerFixture.withClient { client in
            // An unknown provider, a bad option and a bad body type: without credentials, all 401.
            #expect(try await client.get("/api/v1/archive/Nope", authorization: nil).status == .unauthorized)
            #expect(try await client.get("/api/v1/ChatSession?$nope=1", authorization: nil).status == .unauthorized)
            let post = try await client.execute(uri: "/api/v1/archive/ChatSession", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x"))
            #expect(post.status == .unauthorized)
        }
    }
}

enum RequestHeader {
    static let soLanguage = HTTPField.Name("SO-Language")!
    static let soTimeZone = HTTPField.Name("SO-TimeZone")!
}
