import ArchiveCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain HTTP/1.1 over loopback sockets, for tests of the built server: no client library in
/// between, so what the server sends is what the test sees.
enum RawHTTP {
    /// A port the kernel says is free now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Sends a GET, reads a little of the answer, and hangs up.
    static func abandon(port: Int, path: String) throws {
        // A small receive window, so that the server cannot hand the whole page to the kernel.
        let socket = try connected(port: port, receiveBuffer: 4_096)
        defer { close(socket) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Basic dGplMDpUamUw\r\n\r\n"
        _ = request.withCString { Glibc.send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 1_024)
        _ = recv(socket, &buffer, buffer.count, 0)
    }

    static func connected(port: Int, receiveBuffer: Int32? = nil) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer { setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let ok = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
        return socket
    }

    /// A plain HTTP/1.1 GET over a socket, read to the end.
    static func get(port: Int, path: String, authorization: String?, headers: [String: String] = [:]) throws -> (status: Int, body: String) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw POSIXError(.ECONNREFUSED) }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let authorization { request += "Authorization: \(authorization)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        _ = request.withCString { Glibc.send(socket, $0, strlen($0), 0) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first, let status = Int(statusLine.split(separator: " ")[1]),
            let split = text.range(of: "\r\n\r\n")
        else { throw POSIXError(.EBADMSG) }
        var body = String(text[split.upperBound...])
        // A streamed body comes chunked; a small one is one chunk.
        if text.lowercased().contains("transfer-encoding: chunked") { body = Self.unchunk(body) }
        return (status, body)
    }

    static func unchunk(_ body: String) -> String {
        var result = ""
        var rest = Substring(body)
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8.prefix(size))
            result += String(decoding: bytes, as: UTF8.self)
            rest = rest[rest.utf8.index(start, offsetBy: size)...].dropFirst(2)
        }
        return result
    }

    /// A request with a body (Connection: close), read to the end: the status and the body, or
    /// nil when the connection ended before a whole answer came (the server went away).
    static func exchange(
        port: Int, method: String, path: String, body: String, authorization: String, contentType: String = "application/json"
    ) -> (status: Int, body: String)? {
        guard let socket = try? connected(port: port) else { return nil }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(body.utf8)
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAuthorization: \(authorization)\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\n\r\n"
        let request = Array(head.utf8) + bytes
        guard request.withUnsafeBytes({ Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0 { return nil }
            if count == 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first, statusLine.hasPrefix("HTTP/1.1 "),
            let status = Int(statusLine.split(separator: " ")[1]), let split = text.range(of: "\r\n\r\n")
        else { return nil }
        var answer = String(text[split.upperBound...])
        if text.lowercased().contains("transfer-encoding: chunked") {
            // A chunked body is whole only when its last, empty chunk came.
            guard answer.hasSuffix("0\r\n\r\n") else { return nil }
            answer = unchunk(answer)
        } else if let length = text.lowercased().range(of: "content-length: ").map({ text[$0.upperBound...].prefix { $0.isNumber } }), let expected = Int(length) {
            guard answer.utf8.count == expected else { return nil }
        }
        return (status, answer)
    }
}
