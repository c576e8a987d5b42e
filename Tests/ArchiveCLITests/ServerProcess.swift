import ArchiveTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `archive serve`, started as a process on a free port, for tests that kill it.
struct ServerProcess {
    let process: Process
    let port: Int

    /// Starts `archive serve` on `archive` with `arguments`, and waits (up to 20 s) until it answers.
    static func start(archive: String, arguments: [String] = [], environment: [String: String] = [:]) throws -> ServerProcess {
        let port = try RawHTTP.freePort()
        let process = Process()
        process.executableURL = CommandRunner.archiveBinary
        process.arguments = ["serve", "--db", archive, "--port", String(port), "--log-level", "error"] + arguments
        process.environment = CommandRunner.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = ServerProcess(process: process, port: port)
        for _ in 0..<200 {
            if (try? RawHTTP.get(port: port, path: "/api/v1/ChatSession/default", authorization: "Basic dGplMDpUamUw"))?.status == 200 { return server }
            usleep(100_000)
        }
        server.kill()
        throw ServerProcessError.didNotStart
    }

    /// `kill -9`, and waits for the process to end.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    enum ServerProcessError: Error { case didNotStart }
}
