import ArchiveTestSupport
import Foundation
import Testing

/// A command whose output cannot be written fails, rather than exiting 0 with the output lost;
/// a token that no one could receive is revoked.
@Suite("Output that cannot be written", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
struct LostOutputTests {
    /// Runs `archive` with its standard output on `/dev/full`, where every write fails (ENOSPC).
    static func archiveIntoAFullDisk(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let files = try TemporaryDirectory()
        try Data().write(to: URL(fileURLWithPath: files.file("input")))
        let status = try ChildProcess.run(
            CommandRunner.archiveBinary.path, arguments, input: files.file("input"), output: "/dev/full", error: files.file("error"))
        return (status, (try? String(contentsOfFile: files.file("error"), encoding: .utf8)) ?? "")
    }

    @Test func aTokenThatCannotBePrintedIsRevoked() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("archive.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "20"]).status == 0)
        let created = try Self.archiveIntoAFullDisk(["token", "create", "--db", path, "tje0", "--name", "lost"])
        #expect(created.status != 0)
        #expect(created.standardError.contains("cannot write the output") && created.standardError.contains("was revoked"), "\(created.standardError)")
        let listed = try CommandRunner.archive(["token", "list", "--db", path]).standardOutput
        let line = try #require(listed.split(separator: "\n").first { $0.hasSuffix("lost") })
        #expect(line.contains("revoked"), "\(listed)")
    }

    @Test func aCommandWhoseOutputIsLostFails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("archive.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "20"]).status == 0)
        for arguments in [["info", "--db", path], ["import", "--print-columns"], ["query", "--db", path, "--select", "chatSessionId"]] {
            let result = try Self.archiveIntoAFullDisk(arguments)
            #expect(result.status != 0 && result.standardError.contains("cannot write the output"), "\(arguments): \(result.standardError)")
        }
    }
}
