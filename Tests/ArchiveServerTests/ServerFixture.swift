import ArchiveCore
import ArchiveEngines
import ArchiveServer
import ArchiveTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A server over a shared seeded database, exercised in-process.
enum ServerFixture {
    /// `tje0:Tje0`, as the seed pages send it.
    static let demoAuthorization = "Basic dGplMDpUamUw"

    static func server(chats: Int = 2_000, configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ArchiveServer {
        try await server(at: try SeededDatabase.path(chats: chats, seed: 3), configure: configure)
    }

    /// A server of the archive at `location` (a file or a `postgres://` URL), opened as
    /// `archive serve` opens it.
    static func server(at location: String, configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ArchiveServer {
        try await server(at: try ArchiveLocation(location), configure: configure)
    }

    /// A server of the archive at `location`, opened as `archive serve` opens it.
    static func server(at location: ArchiveLocation, configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ArchiveServer {
        var configuration = ServerConfiguration()
        configure(&configuration)
        var options = Archives.ServingOptions()
        options.queryTimeout = configuration.queryTimeout
        let archive = try Archives.open(location, options: options)
        return try await ArchiveServer(archive: archive, configuration: configuration, logger: logger)
    }

    /// The servers' logger: warnings and worse, so that request lines do not fill the test
    /// output; `ARCHIVE_TEST_LOG_LEVEL=info swift test` shows them.
    static var logger: Logger {
        var logger = Logger(label: "archive-tests")
        let level = ProcessInfo.processInfo.environment["ARCHIVE_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .warning
        return logger
    }

    /// Runs `body` with a client of an in-process server over a copy of a seeded archive that the
    /// test may change, on `engine` (the archive's location is given too, to look at it with
    /// ``Archives/withDatabase(_:_:_:)``). Requests go to the router, or `over` real HTTP
    /// (`.live`: then the server sees the client's address).
    static func withWritableClient(
        engine: TestEngine = .sqlite, chats: Int = 300, over setup: TestingSetup = .router, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, ArchiveLocation) async throws -> Void
    ) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: chats, seed: 3)
        let location = try await engine.archive(copying: path)
        let server = try await server(at: location, configure: configure)
        try await server.application(now: { SeededDatabase.now }).test(setup) { client in try await body(client, location) }
        withExtendedLifetime(directory) {}
    }

    /// Runs `body` with a client of an in-process server.
    static func withClient(
        chats: Int = 2_000, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let server = try await server(chats: chats, configure: configure)
        try await server.application(now: { SeededDatabase.now }).test(.router, body)
    }
}

/// A response body as JSON.
func json(_ response: TestResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: response.body))")
}

/// The rows of a page response.
func rows(_ response: TestResponse) throws -> [[String: Any]] {
    try #require(try json(response)["value"] as? [[String: Any]])
}

extension TestClientProtocol {
    /// GET with the demo user's credentials and any extra headers.
    func get(_ uri: String, headers: HTTPFields = [:], authorization: String? = ServerFixture.demoAuthorization) async throws -> TestResponse {
        var fields = headers
        if let authorization { fields[.authorization] = authorization }
        return try await execute(uri: uri, method: .get, headers: fields)
    }
}
