import Foundation
import Hummingbird

/// Path segments are percent-decoded (a provider name never needs it, but a client may send it).
enum FormDecodingPath {
    static func decode(_ segment: Substring) -> String {
        (try? FormDecoding.decode(segment.replacingOccurrences(of: "+", with: "%2B"))) ?? String(segment)
    }
}

/// The scheme and host clients reached the server at, for absolute links.
struct BaseURL: Sendable {
    let string: String

    /// From the request's `Host`, when it is a plain host name or address with an optional port
    /// (anything else could turn a next link into a link elsewhere); otherwise the server's own
    /// address.
    init(request: Request, fallback: String = "127.0.0.1") {
        let host = request.head.authority ?? ""
        let allowed = host.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]": true
            default: false
            }
        }
        string = "http://" + (allowed && !host.isEmpty && host.count <= 255 ? host : fallback)
    }
}
