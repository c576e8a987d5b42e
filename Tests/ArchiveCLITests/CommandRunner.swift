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
        try run(archiveBinary, arguments, input: input, environment: environment)
    }

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
    /// Its input and output go through temporary files, not pipes: a process started meanwhile
    /// by another test (the PostgreSQL test cluster's server, which lives on) could inherit a
    /// pipe's writing end, and reading the pipe to its end would then wait for that process.
    static func run(_ executable: URL, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        let files = try TemporaryDirectory()
        let (inputPath, outputPath, errorPath) = (files.file("input"), files.file("output"), files.file("error"))
        // Standard input is a file, never the terminal: what is given, then end of file.
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: inputPath))
        for path in [outputPath, errorPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }
}
