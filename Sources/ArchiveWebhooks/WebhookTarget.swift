import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a webhook's target URL: HTTPS, and a host that resolves to public addresses only, so
/// that no one can make the server call into its own network. Loopback targets (over HTTP or
/// HTTPS) are admitted only when the server allows them (`--allow-loopback-webhooks`, for local
/// receivers and tests).
public struct WebhookTargetPolicy: Sendable {
    /// Whether loopback targets are admitted.
    public let allowsLoopback: Bool

    public init(allowsLoopback: Bool) {
        self.allowsLoopback = allowsLoopback
    }

    /// Why `url` may not be called, or nil when it may. Resolves the host (blocking: call off
    /// the event loops).
    public func refusal(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else { return "'\(url)' is not an absolute URL such as https://hooks.example.com/archive" }
        guard components.user == nil, components.password == nil else { return "the target may not carry credentials in its URL" }
        let addresses = Self.resolve(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: components.port ?? (scheme == "https" ? 443 : 80))
        guard !addresses.isEmpty else { return "the target's host '\(host)' does not resolve" }
        let kinds = Set(addresses.map(AddressKind.init))
        if kinds == [.loopback] && allowsLoopback {
            return scheme == "https" || scheme == "http" ? nil : "a loopback target must be https:// or http://, not \(scheme)://"
        }
        if let kind = kinds.first(where: { $0 != .public }) {
            let allowance = kind == .loopback ? " (a server started with --allow-loopback-webhooks admits loopback targets)" : ""
            return "the target's host '\(host)' resolves to a \(kind.rawValue) address, which a webhook may not call\(allowance)"
        }
        return scheme == "https" ? nil : "the target must be https://, not \(scheme)://"
    }

    /// The kinds of address a host may resolve to.
    enum AddressKind: String, Hashable {
        case `public`, loopback, `private`, linkLocal = "link-local", unspecified

        init(_ address: [UInt8]) {
            if address.count == 4 { self = Self.ipv4(address) } else { self = Self.ipv6(address) }
        }

        private static func ipv4(_ a: [UInt8]) -> AddressKind {
            switch (a[0], a[1]) {
            case (127, _): .loopback
            case (0, _): .unspecified
            case (10, _), (172, 16...31), (192, 168), (100, 64...127), (198, 18...19): .private
            case (192, 0) where a[2] == 0 || a[2] == 2: .private
            case (169, 254): .linkLocal
            default: a[0] >= 224 ? .private : .public
            }
        }

        private static func ipv6(_ a: [UInt8]) -> AddressKind {
            if a.dropLast().allSatisfy({ $0 == 0 }) { return a[15] == 1 ? .loopback : .unspecified }
            // An IPv4 address mapped or embedded in IPv6 (also IPv4-compatible and NAT64's
            // 64:ff9b::/96) is that address.
            if a.prefix(10).allSatisfy({ $0 == 0 }) && a[10] == 0xFF && a[11] == 0xFF { return ipv4(Array(a[12...])) }
            if a.prefix(12).allSatisfy({ $0 == 0 }) { return ipv4(Array(a[12...])) }
            if a.prefix(12) == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return ipv4(Array(a[12...])) }
            if a[0] & 0xFE == 0xFC || a[0] == 0xFF { return .private }
            if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return .linkLocal }
            return .public
        }
    }

    /// The host's addresses (4 or 16 bytes each), by the system's resolver.
    static func resolve(_ host: String, port: Int) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0 else { return [] }
        defer { freeaddrinfo(results) }
        var addresses: [[UInt8]] = []
        var next = results
        while let info = next {
            if let address = info.pointee.ai_addr {
                switch Int32(info.pointee.ai_family) {
                case AF_INET:
                    var ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(withUnsafeBytes(of: &ip) { Array($0) })
                case AF_INET6:
                    var ip = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(withUnsafeBytes(of: &ip) { Array($0) })
                default: break
                }
            }
            next = info.pointee.ai_next
        }
        return addresses
    }
}
