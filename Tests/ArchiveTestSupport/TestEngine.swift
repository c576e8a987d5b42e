public import ArchiveEngines
import ArchivePostgres

/// The engines a test runs on: SQLite always, PostgreSQL when its server is installed (or
/// required, see ``PostgresTestCluster/isRequired``).
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    /// The engines that can run here.
    public static var available: [TestEngine] { PostgresTestCluster.isAvailable ? allCases : [.sqlite] }

    public var description: String { rawValue }

    /// An archive of this engine holding the rows of the SQLite archive at `path`: that file
    /// itself, or a new database of the test cluster loaded from it.
    public func archive(copying path: String) async throws -> ArchiveLocation {
        switch self {
        case .sqlite:
            return try ArchiveLocation(path)
        case .postgresql:
            let url = try PostgresTestCluster.createDatabase()
            let loader = PostgresPool(address: try PostgresAddress(url: url), maximumCount: 1, readOnly: false)
            defer { loader.close() }
            try await loader.withSession { _ = try PostgresLoader.load(sqlitePath: path, into: $0, replacing: false) }
            return try ArchiveLocation(url)
        }
    }
}
