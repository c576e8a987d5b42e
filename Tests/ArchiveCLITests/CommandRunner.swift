import ArchiveCore
import ArchiveTestSupport
import Foundation

/// Runs the built `archive` binary (or the sqlite3 shell) and captures what it prints.
struct CommandResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum CommandRunner {
    /// The `archive` binary beside the test bundle in the build folder (`swift test` builds it).
    static var archiveBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("archive")
    }

    static func archive(_ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        try run(archiveBinary, arguments, input: input, environment: environment ?? Self.environment)
    }

    /// The tests' environment, with the command's own files (a server's cursor key) kept in a
    /// folder of the tests rather than the user's data folder.
    static let environment = ProcessInfo.processInfo.environment.merging(
        ["ARCHIVE_DATA_HOME": NSTemporaryDirectory() + "archive-tests-data"]) { $1 }

    /// The sqlite3 shell, when it is installed.
    static var sqlite3: URL? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("sqlite3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs a program; `environment` replaces the test process's environment when given.
    ///
    /// Through ``ChildProcess``: files rather than pipes, and `waitpid` rather than
    /// `Process.waitUntilExit`, neither of which can then hang.
    static func run(_ executable: URL, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        let files = try TemporaryDirectory()
        let (inputPath, outputPath, errorPath) = (files.file("input"), files.file("output"), files.file("error"))
        // Standard input is a file, never the terminal: what is given, then end of file.
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: inputPath))
        let status = try ChildProcess.run(
            executable.path, arguments, input: inputPath, output: outputPath, error: errorPath, environment: environment)
        return CommandResult(
            status: status,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }
}
