import ArchiveTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `archive serve`, started on a free loopback port, called over HTTP and stopped.
@Suite("archive serve, end to end")
struct ServeEndToEndTests {
    @Test func serveAnswersOverHTTPAndStopsOnSIGTERM() throws {
        let path = try SeededDatabase.path(chats: 2_000, seed: 3)
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = CommandRunner.archiveBinary
        process.arguments = ["serve", "--db", path, "--port", String(port), "--page-size", "50"]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Wait (up to 30 s) for the port to answer.
        var response: (status: Int, body: String)?
        for _ in 0..<300 {
            response = try? Self.get(port: port, path: "/api/v1/archive/ChatSession?$select=chatSessionId&$orderBy=chatSessionId", authorization: "Basic dGplMDpUamUw")
            if response != nil { break }
            usleep(100_000)
        }
        let ok = try #require(response)
        #expect(ok.status == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(ok.body.utf8)) as? [String: Any])
        // The server's page size (--page-size 50), then a link to the next page.
        #expect((body["value"] as? [[String: Any]])?.compactMap { $0["PrimaryKey"] as? Int } == Array(1...50))
        #expect((body["odata.nextLink"] as? String)?.hasPrefix("http://127.0.0.1:\(port)/api/v1/archive/ChatSession?") == true)
        #expect(try Self.get(port: port, path: "/api/v1/archive/ChatSession", authorization: nil).status == 401)

        // Clients that leave in the middle of a streamed page (2,000 Full rows, over a megabyte)
        // cost the server nothing lasting: it goes on answering.
        let wide = "chatSessionId,whenRequested,whenStarted,whenEnded,firstMessage,lastMessage,status,rating,person/fullName,person/email,"
            + "associate/fullName,associate/name,chatTopic/name,contact/name,contact/nameDepartment,duration,timeInQueue,queueLength"
        for _ in 0..<10 { try Self.abandon(port: port, path: "/api/v1/archive/ChatSession?$mode=Full&$top=2000&$select=" + wide) }
        #expect(try Self.get(port: port, path: "/api/v1/archive/ChatSession?$select=chatSessionId", authorization: "Basic dGplMDpUamUw").status == 200)

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let lines = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(lines.contains("GET /api/v1/archive/ChatSession 200"))
        #expect(lines.contains("GET /api/v1/archive/ChatSession 401"))
        #expect(!lines.contains("dGplMDpUamUw") && !lines.contains("Tje0"))  // never credentials
    }

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
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
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
    static func get(port: Int, path: String, authorization: String?) throws -> (status: Int, body: String) {
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
        request += "\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
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
}
