import ArchiveTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A seed stopped by Ctrl-C or by SIGTERM (as `timeout` and service managers stop a process)
/// says so, and leaves nothing behind: neither the database nor its temporary file.
@Suite("archive seed, interrupted")
struct SeedInterruptionTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedSeedLeavesNothingBehind(signalNumber: Int32) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("demo.sqlite")
        try Data().write(to: URL(fileURLWithPath: directory.file("input")))
        let child = try ChildProcess.start(
            CommandRunner.archiveBinary.path, ["seed", "--db", path, "--chats", "500000"],
            input: directory.file("input"), output: directory.file("output"), error: directory.file("error"))
        // Once the temporary file is there, the seed is under way.
        func temporaryFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains(".seeding-") }
        }
        for _ in 0..<3_000 where temporaryFiles().isEmpty { usleep(10_000) }
        #expect(!temporaryFiles().isEmpty, "the seed did not start within 30 s")
        kill(child, signalNumber)
        let status = ChildProcess.waitForExit(child)
        let errors = (try? String(contentsOfFile: directory.file("error"), encoding: .utf8)) ?? ""
        #expect(status == 1 && errors.contains("cancelled"), "status \(status): \(errors)")
        #expect(temporaryFiles().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
