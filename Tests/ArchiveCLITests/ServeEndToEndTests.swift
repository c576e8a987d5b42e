import ArchiveCore
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
        let port = try RawHTTP.freePort()
        let process = Process()
        process.executableURL = CommandRunner.archiveBinary
        process.arguments = ["serve", "--db", path, "--port", String(port), "--page-size", "50"]
        process.environment = CommandRunner.environment
        // A file, not a pipe: a process another test starts meanwhile could hold a pipe open.
        let logs = try TemporaryDirectory()
        let logPath = logs.file("serve.log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Wait (up to 30 s) for the port to answer.
        var response: (status: Int, body: String)?
        for _ in 0..<300 {
            response = try? RawHTTP.get(port: port, path: "/api/v1/archive/ChatSession?$select=chatSessionId&$orderBy=chatSessionId", authorization: "Basic dGplMDpUamUw")
            if response != nil { break }
            usleep(100_000)
        }
        let ok = try #require(response)
        #expect(ok.status == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(ok.body.utf8)) as? [String: Any])
        // The server's page size (--page-size 50), then a link to the next page.
        #expect((body["value"] as? [[String: Any]])?.compactMap { $0["PrimaryKey"] as? Int } == Array(1...50))
        #expect((body["odata.nextLink"] as? String)?.hasPrefix("http://127.0.0.1:\(port)/api/v1/archive/ChatSession?") == true)
        #expect(try RawHTTP.get(port: port, path: "/api/v1/archive/ChatSession", authorization: nil).status == 401)

        // Clients that leave in the middle of a streamed page (2,000 Full rows, over a megabyte)
        // cost the server nothing lasting: it goes on answering.
        let wide = "chatSessionId,whenRequested,whenStarted,whenEnded,firstMessage,lastMessage,status,rating,person/fullName,person/email,"
            + "associate/fullName,associate/name,chatTopic/name,contact/name,contact/nameDepartment,duration,timeInQueue,queueLength"
        for _ in 0..<10 { try RawHTTP.abandon(port: port, path: "/api/v1/archive/ChatSession?$mode=Full&$top=2000&$select=" + wide) }
        #expect(try RawHTTP.get(port: port, path: "/api/v1/archive/ChatSession?$select=chatSessionId", authorization: "Basic dGplMDpUamUw").status == 200)

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let lines = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(lines.contains("GET /api/v1/archive/ChatSession 200"))
        #expect(lines.contains("GET /api/v1/archive/ChatSession 401"))
        #expect(!lines.contains("dGplMDpUamUw") && !lines.contains("Tje0"))  // never credentials
    }

    /// With its port taken, serve says so and prints no link (it would lead to the other server).
    @Test func aTakenPortIsSaidPlainlyAndNoLinkIsPrinted() throws {
        let path = try SeededDatabase.path(chats: 2_000, seed: 3)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(bound == 0 && listen(listener, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))

        let result = try CommandRunner.archive(["serve", "--db", path, "--port", String(port)])
        #expect(result.status == 1)
        #expect(result.standardError.hasSuffix("Error: cannot listen on 127.0.0.1:\(port): another program has that port (choose another port)\n"), "\(result.standardError)")
        #expect(!result.standardError.contains("CancellationError"), "\(result.standardError)")
        #expect(!result.standardOutput.contains("Open http"))
    }

    /// A delta link outlives a restart of the server: without --cursor-key-file, links are
    /// signed with a key kept in the data folder, made (readable by its owner only) on first use.
    @Test func aDeltaLinkWorksAfterTheServerRestarts() throws {
        let (directory, path) = try SeededDatabase.copy(chats: 200, seed: 3)
        let data = directory.file("data")
        let authorization = "Basic dGplMDpUamUw"
        var server = try ServerProcess.start(archive: path, environment: ["ARCHIVE_DATA_HOME": data])
        defer { server.kill() }
        let tracked = try RawHTTP.get(
            port: server.port, path: "/api/v1/archive/ChatSession?$select=chatSessionId,rating&$top=500", authorization: authorization,
            headers: ["Prefer": "odata.track-changes"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(tracked.body.utf8)) as? [String: Any])
        let link = try #require(body["odata.deltaLink"] as? String)
        let pathOfLink = String(link[try #require(link.range(of: "/api/"))!.lowerBound...])
        let key = try FileManager.default.attributesOfItem(atPath: data + "/cursor.key")
        #expect(key[.size] as? Int == 32 && (key[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)

        server.kill()
        server = try ServerProcess.start(archive: path, environment: ["ARCHIVE_DATA_HOME": data])
        let followed = try RawHTTP.get(port: server.port, path: pathOfLink, authorization: authorization)
        #expect(followed.status == 200, "\(followed.body)")
    }
}
