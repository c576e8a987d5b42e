import ArchiveAuth
import ArchiveEngines
import ArchiveServer
import ArchiveTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Browser sessions: sign-in sets an HttpOnly, SameSite=Strict session cookie and a readable
/// XSRF-TOKEN cookie; a request signed in by the cookie must carry the token; sign-out, idleness
/// and a change of the account end the session; failed sign-ins are throttled.
@Suite("Browser sessions")
struct SessionTests {
    static let page = "/api/v1/ChatSession?$select=chatSessionId&$top=1"
    static let xsrfHeader = HTTPField.Name("X-XSRF-TOKEN")!

    /// Signs in; returns the answer, the session cookie (`name=value`) and the XSRF token.
    static func signIn(_ client: some TestClientProtocol, user: String = "tje0", password: String = "Tje0") async throws -> (TestResponse, String?, String?) {
        let response = try await client.execute(
            uri: "/api/v1/Session", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"UserName": "\#(user)", "Password": "\#(password)"}"#))
        let cookies = response.headers[values: .setCookie]
        let session = cookies.first { $0.hasPrefix("archive_session=") }?.split(separator: ";").first.map(String.init)
        let xsrf = cookies.first { $0.hasPrefix("XSRF-TOKEN=") }?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init)
        return (response, session, xsrf)
    }

    static func get(_ client: some TestClientProtocol, cookie: String, xsrf: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: cookie]
        if let xsrf { headers[xsrfHeader] = xsrf }
        return try await client.execute(uri: page, method: .get, headers: headers, body: nil)
    }

    @Test func theCookieNeedsItsTokenAndTheFlagsAreSet() async throws {
        try await ServerFixture.withWritableClient { client, _ in
            let (response, session, xsrf) = try await Self.signIn(client)
            #expect(response.status == .ok)
            let cookies = response.headers[values: .setCookie]
            let sessionCookie = try #require(cookies.first { $0.hasPrefix("archive_session=") })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Strict") && !sessionCookie.contains("Secure"))
            let xsrfCookie = try #require(cookies.first { $0.hasPrefix("XSRF-TOKEN=") })
            #expect(!xsrfCookie.contains("HttpOnly") && xsrfCookie.contains("SameSite=Strict"))
            let cookie = try #require(session), token = try #require(xsrf)

            let missing = try await Self.get(client, cookie: cookie, xsrf: nil)
            let missingMessage = try json(missing)["ErrorMessage"] as? String
            #expect(missing.status == .unauthorized && missingMessage?.contains("X-XSRF-TOKEN") == true)
            let wrong = try await Self.get(client, cookie: cookie, xsrf: token + "x")
            #expect(wrong.status == .unauthorized)
            let right = try await Self.get(client, cookie: cookie, xsrf: token)
            #expect(right.status == .ok)
            // An Authorization header needs no token.
            let authorized = try await client.get(Self.page, headers: [.cookie: cookie])
            #expect(authorized.status == .ok)
            // Every sign-in is a new session.
            let (_, again, _) = try await Self.signIn(client)
            #expect(again != nil && again != session)
        }
    }

    @Test func signOutAndIdlenessEndTheSession() async throws {
        try await ServerFixture.withWritableClient(configure: { $0.sessionIdleLimit = .milliseconds(400) }) { client, _ in
            var (_, session, xsrf) = try await Self.signIn(client)
            let signOut = try await client.execute(
                uri: "/api/v1/Session", method: .delete, headers: [.cookie: try #require(session), Self.xsrfHeader: try #require(xsrf)], body: nil)
            #expect(signOut.status == .noContent)
            let afterSignOut = try await Self.get(client, cookie: session!, xsrf: xsrf)
            #expect(afterSignOut.status == .unauthorized)

            (_, session, xsrf) = try await Self.signIn(client)
            try await Task.sleep(for: .milliseconds(600))
            let afterIdle = try await Self.get(client, cookie: session!, xsrf: xsrf)
            #expect(afterIdle.status == .unauthorized)
        }
    }

    /// With the default idle limit (so that a slow machine does not end it first), a change of
    /// the account's password ends its sessions.
    @Test func anAccountChangeEndsTheSession() async throws {
        try await ServerFixture.withWritableClient { client, location in
            let (_, session, xsrf) = try await Self.signIn(client)
            let fresh = try await Self.get(client, cookie: try #require(session), xsrf: xsrf)
            #expect(fresh.status == .ok)
            try Archives.withDatabase(location, .write) { try AccountStore(database: $0, iterations: 1_000).setPassword(userName: "tje0", password: "a new one") }
            let ended = try await Self.get(client, cookie: session!, xsrf: xsrf)
            let endedMessage = try json(ended)["ErrorMessage"] as? String
            #expect(ended.status == .unauthorized && endedMessage?.contains("changed") == true)
        }
    }

    @Test func failedSignInsAreThrottled() async throws {
        try await ServerFixture.withWritableClient { client, _ in
            for _ in 0..<5 {
                let (failed, _, _) = try await Self.signIn(client, password: "wrong")
                #expect(failed.status == .unauthorized)
            }
            let (throttled, _, _) = try await Self.signIn(client)
            #expect(throttled.status == .tooManyRequests)
        }
    }

    /// Behind a proxy named by `--trusted-proxy` that says the client came over TLS, the cookies
    /// are `Secure`; the same header from any other address changes nothing.
    @Test func cookiesAreSecureBehindATrustedTLSProxy() async throws {
        let forwarded = HTTPField.Name("X-Forwarded-Proto")!
        for (trusted, secure) in [(["127.0.0.1", "::1"], true), (["192.0.2.9"], false)] {
            try await ServerFixture.withWritableClient(over: .live, configure: { $0.trustedProxies = trusted }) { client, _ in
                let response = try await client.execute(
                    uri: "/api/v1/Session", method: .post, headers: [.contentType: "application/json", forwarded: "https"],
                    body: ByteBuffer(string: #"{"UserName": "tje0", "Password": "Tje0"}"#))
                #expect(response.status == .ok)
                let cookies = response.headers[values: .setCookie]
                #expect(cookies.count == 2)
                #expect(cookies.allSatisfy { $0.contains("; Secure") } == secure, "proxies \(trusted)")
            }
        }
    }

    /// A form post (a download) may carry the token in its `XSRF-TOKEN` field instead of the
    /// header; a wrong one is refused, and the field is not taken for a query option.
    @Test func aFormPostMayCarryTheTokenInAField() async throws {
        try await ServerFixture.withWritableClient { client, _ in
            let (_, session, xsrf) = try await Self.signIn(client)
            let cookie = try #require(session), token = try #require(xsrf)
            func post(_ field: String) async throws -> TestResponse {
                let body = "$select=chatSessionId&$top=2&$format=csv&XSRF-TOKEN=" + field
                return try await client.execute(
                    uri: "/api/v1/archive/ChatSession", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
            }
            let right = try await post(token)
            #expect(right.status == .ok)
            #expect(String(buffer: right.body) == "chatSessionId\n1\n2\n")
            let wrong = try await post(token + "x")
            #expect(wrong.status == .unauthorized)
            let missing = try await client.execute(
                uri: "/api/v1/archive/ChatSession", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "$top=1"))
            let missingMessage = try json(missing)["ErrorMessage"] as? String
            #expect(missing.status == .unauthorized && missingMessage?.contains("XSRF-TOKEN field") == true)
        }
    }
}
