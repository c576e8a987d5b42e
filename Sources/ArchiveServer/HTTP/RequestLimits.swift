import HTTPTypes
import Hummingbird
import HummingbirdCore

/// How large a request the API reads: its URL, and its headers together.
///
/// A query too long for a URL goes in a POST form body instead (up to 1 MiB). The HTTP parser's
/// own limits are set above these (``parserConfiguration``), so that a request over them gets a
/// precise answer with an error body here rather than the parser's.
struct RequestLimits: Sendable {
    /// The longest URL (path and query string), in bytes.
    var maximumURLBytes = 80 * 1024
    /// The most bytes of header names and values together.
    var maximumHeaderBytes = 80 * 1024

    /// The parser's limits: a field (the URL counts as one) up to 4 times the API's limit, and
    /// all of them up to the URL's and the headers' limits together, with room to spare.
    var parserConfiguration: HTTP1Channel.Configuration.DecoderConfiguration {
        .init(
            maxHeaderFieldSize: 4 * max(maximumURLBytes, maximumHeaderBytes),
            maxHeaderListSize: 4 * (maximumURLBytes + maximumHeaderBytes), maxHeaderFieldCount: 1_000)
    }

    /// The answer to a request over the limits, or nil.
    func check(_ request: Request) -> APIError? {
        let urlBytes = request.head.path?.utf8.count ?? 0
        if urlBytes > maximumURLBytes {
            return APIError(
                .uriTooLong, "URITooLong",
                "the URL is \(urlBytes) bytes, more than the \(maximumURLBytes) the server reads; send the query options as a POST form body (application/x-www-form-urlencoded) to /api/v1/archive/{provider} instead",
                source: "URL")
        }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count }
        if headerBytes > maximumHeaderBytes {
            return APIError(
                .requestHeaderFieldsTooLarge, "RequestHeaderFieldsTooLarge",
                "the headers are \(headerBytes) bytes, more than the \(maximumHeaderBytes) the server reads", source: "HTTP")
        }
        return nil
    }
}
