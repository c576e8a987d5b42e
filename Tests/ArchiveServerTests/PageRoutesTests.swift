import ArchiveServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The page is served from the binary at `/` and `/assets/…`, without credentials, with a
/// same-origin content policy and entity tags.
@Suite("The page's files")
struct PageRoutesTests {
    @Test func thePageAndItsFilesAreServed() async throws {
        try await ServerFixture.withClient { client in
            let page = try await client.get("/", authorization: nil)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
            let html = String(buffer: page.body)
            #expect(html.contains("/assets/app.js") && html.contains("/assets/app.css"))

            let script = try await client.get("/assets/app.js", authorization: nil)
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            let tag = try #require(script.headers[.eTag])
            let again = try await client.get("/assets/app.js", headers: [.ifNoneMatch: tag], authorization: nil)
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            // Compared weakly, as If-None-Match is; `*` matches any; the 304 names the 200's variants.
            for sent in ["W/" + tag, #""other", "# + tag, "*"] {
                let cached = try await client.get("/assets/app.js", headers: [.ifNoneMatch: sent], authorization: nil)
                #expect(cached.status == .notModified, "\(sent)")
                #expect(cached.headers[values: .vary].contains("Accept-Encoding"), "\(sent)")
            }
            #expect(try await client.get("/assets/app.js", headers: [.ifNoneMatch: #""other""#], authorization: nil).status == .ok)

            let missing = try await client.get("/assets/nothing.js", authorization: nil)
            #expect(missing.status == .notFound)
            let wrongMethod = try await client.execute(uri: "/", method: .post, headers: [:], body: nil)
            #expect(wrongMethod.status == .methodNotAllowed)
        }
    }
}
