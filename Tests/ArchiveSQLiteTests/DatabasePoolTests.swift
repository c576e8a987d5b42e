import ArchiveCore
import ArchiveSQLite
import Foundation
import Dispatch
import ArchiveTestSupport
import Testing

@Suite("The reader pool")
struct DatabasePoolTests {
    func makePool(_ directory: TemporaryDirectory, readers: Int) async throws -> DatabasePool {
        let pool = try DatabasePool(path: directory.file("pool.sqlite"), maximumReaderCount: readers)
        try await pool.write { connection in
            try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);")
        }
        return pool
    }

    @Test func readersRunConcurrently() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 2)
        defer { pool.close() }
        // Each read waits until the other has started: this only finishes if both run at once.
        let entered = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<2 {
                group.addTask {
                    try await pool.read { connection in
                        entered[index].signal()
                        let other = entered[1 - index].wait(timeout: .now() + .seconds(10))
                        _ = try connection.scalar("SELECT count(*) FROM t")
                        return other == .success
                    }
                }
            }
            for try await sawTheOther in group { #expect(sawTheOther) }
        }
        #expect(pool.openReaderCount == 2)
    }

    @Test func readersWaitForAFreeConnectionBeyondTheMaximum() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 1)
        defer { pool.close() }
        let sums = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<8 {
                group.addTask { try await pool.read { try $0.scalar("SELECT sum(x) FROM t")?.integerValue ?? 0 } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sums == Array(repeating: 6, count: 8))
        #expect(pool.openReaderCount == 1)
    }

    @Test func readersCannotWriteAndSeeTheWritersCommits() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 2)
        defer { pool.close() }
        await #expect(throws: SQLiteError.self) {
            try await pool.read { try $0.execute("INSERT INTO t VALUES (4)") }
        }
        try await pool.write { try $0.execute("INSERT INTO t VALUES (10)") }
        let sum = try await pool.read { try $0.scalar("SELECT sum(x) FROM t") }
        #expect(sum == .integer(16))
    }

    @Test func cancellingTheTaskInterruptsTheQuery() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 1)
        defer { pool.close() }
        let task = Task {
            try await pool.read { connection in
                try connection.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        // Interrupted while running, or stopped before it started: either way it ends.
        let error = try #require(throws: (any Error).self) { try result.get() }
        #expect((error as? SQLiteError)?.isInterruption == true || error is CancellationError)
        // The reader is usable again afterwards.
        #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(3))
    }

    @Test func aClosedPoolRefusesWork() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 1)
        _ = try await pool.read { try $0.scalar("SELECT 1") }
        pool.close()
        await #expect(throws: SQLiteError.self) { try await pool.read { try $0.scalar("SELECT 1") } }
        await #expect(throws: SQLiteError.self) { try await pool.write { try $0.scalar("SELECT 1") } }
        pool.close()  // closing twice is harmless
    }

    @Test func aReaderThatCannotOpenDoesNotStrandTheOthers() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("pool.sqlite")
        let pool = try await makePool(directory, readers: 1)
        defer { pool.close() }
        // The writer keeps the file open, but readers open it by name: gone, they cannot.
        try FileManager.default.removeItem(atPath: path)
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { (try? await pool.read { try $0.scalar("SELECT 1") }) == nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 4)
    }

    @Test func anUnfinishedStatementDoesNotPinASnapshot() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 1)
        defer { pool.close() }
        // Step a cached statement once and leave it unfinished.
        _ = try await pool.read { connection -> Bool in
            let statement = try connection.cachedStatement("SELECT x FROM t ORDER BY x")
            return try statement.step()
        }
        try await pool.write { try $0.execute("INSERT INTO t VALUES (100)") }
        #expect(try await pool.read { try $0.scalar("SELECT sum(x) FROM t") } == .integer(106))
    }

    @Test func readsOnTheCallingThreadShareTheReadersAndLeaveNoSnapshot() async throws {
        let directory = try TemporaryDirectory()
        let pool = try await makePool(directory, readers: 1)
        defer { pool.close() }
        // Eight reads of both kinds through one reader: each waits its turn.
        let sums = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let sum: @Sendable (Connection) throws -> Int64 = { try $0.scalar("SELECT sum(x) FROM t")?.integerValue ?? 0 }
                    return index.isMultiple(of: 2) ? try await pool.readOnCallingThread(sum) : try await pool.read(sum)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sums == Array(repeating: 6, count: 8))
        #expect(pool.openReaderCount == 1)
        // Read-only, and an unfinished statement is reset: the writer's next commit is seen.
        await #expect(throws: SQLiteError.self) { try await pool.readOnCallingThread { try $0.execute("INSERT INTO t VALUES (4)") } }
        _ = try await pool.readOnCallingThread { try $0.cachedStatement("SELECT x FROM t ORDER BY x").step() }
        try await pool.write { try $0.execute("INSERT INTO t VALUES (100)") }
        #expect(try await pool.readOnCallingThread { try $0.scalar("SELECT sum(x) FROM t") } == .integer(106))
    }

    @Test func anInMemoryPoolIsRefused() {
        #expect(throws: SQLiteError.self) { try DatabasePool(path: ":memory:", maximumReaderCount: 2) }
    }
}
