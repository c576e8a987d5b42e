import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends deliveries over HTTP(S): one POST each, with the reference's headers; only a 2xx
/// answer counts (its body is not read beyond a small limit). Redirects are not followed: a
/// target checked as public could otherwise send the event on to an address that is not.
public struct WebhookSender: Sendable {
    private let client: HTTPClient
    /// How long one try may take.
    public let timeout: TimeAmount

    /// One client for every sender of the process, which follows no redirect.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(timeout: TimeAmount = .seconds(10)) {
        self.client = Self.client
        self.timeout = timeout
    }

    /// POSTs `delivery` to `url`; returns nil on a 2xx answer, else why it failed.
    public func send(_ delivery: WebhookDelivery, to url: String, secret: String?, retry: Int) async -> String? {
        do {
            let response = try await client.execute(Self.request(delivery, to: url, secret: secret, retry: retry), timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code) ? nil : "the target answered \(response.status.code)"
        } catch {
            return "the target could not be reached: \(Self.reason(error))"
        }
    }

    /// Why a request failed, in words: a system error by its own text (`connection refused`),
    /// a deadline as the time waited; anything else as the client describes it.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        // Every address of the host was tried: the first one's failure says it.
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first { return reason(first.error) }
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout {
            return "no answer within the time a try may take"
        }
        return "\(error)"
    }

    /// Whether `url` answers the `test` event with 200, as registration requires; nil when it
    /// does, else why not.
    public func test(_ delivery: WebhookDelivery, to url: String, secret: String?) async -> String? {
        do {
            let response = try await client.execute(Self.request(delivery, to: url, secret: secret, retry: 0), timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return response.status.code == 200 ? nil : "the target answered the test event \(response.status.code), not 200"
        } catch {
            return "the target could not be reached with the test event: \(Self.reason(error))"
        }
    }

    /// The POST of a delivery, with the reference's headers.
    private static func request(_ delivery: WebhookDelivery, to url: String, secret: String?, retry: Int) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "archive-engine/1.0")
        request.headers.add(name: "X-SuperOffice-Event", value: delivery.event)
        request.headers.add(name: "X-SuperOffice-EventId", value: delivery.eventID)
        request.headers.add(name: "X-SuperOffice-Retry", value: String(retry))
        if let secret { request.headers.add(name: "X-SuperOffice-Signature", value: delivery.signature(secret: secret)) }
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        return request
    }
}
