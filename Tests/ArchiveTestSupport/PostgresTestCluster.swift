import ArchiveCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PostgreSQL cluster for the tests of a process: `initdb` in a temporary folder,
/// the server listening only on a socket in that folder, started on first use and stopped
/// (and the folder removed) when the process ends.
///
/// Needs the PostgreSQL server's programs (Debian: `postgresql`). Without them the PostgreSQL
/// tests are skipped, unless `ARCHIVE_REQUIRE_POSTGRES=1` (set by `.ci/run`), which makes
/// their absence a failure.
public enum PostgresTestCluster {
    /// The folder of `initdb`, `pg_ctl` and `createdb`, if installed.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let sorted = versions.compactMap { Int($0) }.sorted()
        for version in sorted.reversed() where FileManager.default.fileExists(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for folder in ["/usr/local/bin", "/opt/homebrew/bin"] where FileManager.default.fileExists(atPath: folder + "/initdb") {
            return folder
        }
        return nil
    }()

    /// True when the tests on PostgreSQL can run (or must: see ``isRequired``).
    public static var isAvailable: Bool { binaries != nil || isRequired }

    /// True when a missing server should fail the tests rather than skip them.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["ARCHIVE_REQUIRE_POSTGRES"] == "1" }

    /// The user every database belongs to.
    public static let user = "archive"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var folder: String?
    nonisolated(unsafe) private static var databaseCount = 0

    /// A new, empty database in the cluster (started on first use), as a `postgres://` URL.
    public static func createDatabase() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let folder = try startedFolder()
        databaseCount += 1
        let name = "test_\(getpid())_\(databaseCount)"
        try run("createdb", ["-h", folder, "-p", String(port), "-U", user, name])
        return url(database: name)
    }

    /// The URL of a database of the cluster.
    public static func url(database: String) -> String {
        "postgres://\(user)@/\(database)?host=\(folder ?? "")&port=\(port)"
    }

    /// The server's port: with no TCP listener, it only names the socket file.
    static let port = 5432

    private static func startedFolder() throws -> String {
        if let folder { return folder }
        guard binaries != nil else {
            throw ClusterError("no PostgreSQL server programs (initdb): install Debian's postgresql")
        }
        // Short: the socket's path must fit in 107 bytes.
        let created = "/tmp/archive-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: created, withIntermediateDirectories: true)
        if getuid() == 0 {
            // initdb refuses to run as root: the cluster then belongs to the postgres user.
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: created)
        }
        try run("initdb", ["-D", created + "/data", "-A", "trust", "-U", user, "--locale=C", "-E", "UTF8", "--no-sync"])
        try run("pg_ctl", [
            "-D", created + "/data", "-l", created + "/log", "-w",
            "-o", "-k \(created) -p \(port) -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start",
        ])
        folder = created
        atexit { PostgresTestCluster.stop() }
        return created
    }

    private static func stop() {
        guard let folder else { return }
        try? run("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs one of the server's programs, as the postgres user when this process is root
    /// (through ``ChildProcess``, not Foundation's `Process`).
    private static func run(_ program: String, _ arguments: [String]) throws {
        guard let binaries else { throw ClusterError("no PostgreSQL server programs") }
        let command: [String] = getuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", binaries + "/" + program] + arguments
            : [binaries + "/" + program] + arguments
        let outputPath = NSTemporaryDirectory() + "archive-pg-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(outputPath) }
        let status = try ChildProcess.run(command[0], Array(command.dropFirst()), input: "/dev/null", output: outputPath, error: outputPath)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw ClusterError("\(program) failed (status \(status)): \(output)")
        }
    }

    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
