import ArchiveEngines
import ArchiveSeeds
import ArchiveServer
import ArchiveWebhooks
import ArgumentParser
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the archive's REST API (GET /api/v1/archive/ChatSession?$select=…).",
        discussion: """
            Without --db, serves a demo database at \(DemoDatabase.path) (override the folder \
            with ARCHIVE_DATA_HOME), creating and seeding it with \(DemoDatabase.chats) chats on \
            the first run. The demo user is tje0 with password Tje0:

              curl -u tje0:Tje0 'http://127.0.0.1:8080/api/v1/archive/ChatSession?$top=5'

            With --db postgres://…, serves a PostgreSQL archive (made with `archive seed`, \
            `archive migrate` or `archive import`), on a pool of --readers read-only sessions and \
            one writing session. A read replica's URL serves the same answers and leaves the \
            primary alone (writes there fail: the replica refuses them).

            One log line per request on standard error (method, path, status, time, user). \
            SIGINT or SIGTERM stops the server after the requests under way.
            """
    )

    @Option(help: ArgumentHelp("The archive: a SQLite database file (default: the demo database), or a PostgreSQL database as postgres://user[:password]@host[:port]/database.", valueName: "file|url"))
    var db: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The rows of a response when the request has no $top; more are reached through odata.nextLink.", valueName: "n"))
    var pageSize = 1_000

    @Option(help: ArgumentHelp("The most rows a response holds when the request gives $top (default: no limit); the rest is reached through odata.nextLink.", valueName: "n"))
    var maxTop: Int?

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("An origin whose web pages may call the API from a browser (such as https://reports.example.com); repeat for several.", valueName: "origin"))
    var corsOrigins: [String] = []

    @Option(help: ArgumentHelp("How long one query may run before it is stopped with 503 QueryTimeout.", valueName: "ms"))
    var queryTimeoutMs = 10_000

    @Option(help: ArgumentHelp("A file holding the secret that signs next and delta links (at least 32 bytes); give servers behind one address the same file, so that a link works on any of them (default: cursor.key in the folder of the demo database, made on first use, so that links outlive a restart).", valueName: "file"))
    var cursorKeyFile: String?

    @Option(
        name: .customLong("app-tokens"),
        help: ArgumentHelp(
            "A file of the applications admitted by their SO-AppToken header, one per line: a name and the token (or the token alone); lines starting with # are comments. Without it, every call is admitted, with or without the header.",
            valueName: "file"))
    var appTokensFile: String?

    @Option(help: ArgumentHelp("A file holding the key that seals webhook secrets (at least 32 bytes; keep it as safe as the archive): without it, webhooks cannot have secrets.", valueName: "file"))
    var webhookKeyFile: String?

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("The address of a proxy in front of the server whose X-Forwarded-Proto: https is believed (the browser session's cookie is then Secure); repeat for several.", valueName: "address"))
    var trustedProxies: [String] = []

    @Option(help: ArgumentHelp("How many days the change feed keeps a change, for delta links and for webhooks set aside; older changes that every active webhook has are pruned (a delta link from before them answers 410).", valueName: "days"))
    var changeRetentionDays = 30

    @Flag(help: "Admit webhook targets on loopback addresses, over HTTP too (for a local receiver and tests); others must be https:// on public addresses.")
    var allowLoopbackWebhooks = false

    @Option(help: ArgumentHelp("Failed sign-ins allowed within a minute for one user name; past them, that name is answered 429 Too Many Requests until the minute is over.", valueName: "n"))
    var failedSignInsPerAccount = 5

    @Option(help: ArgumentHelp("Failed sign-ins allowed within a minute from one client address (raise it when many users sign in through one proxy); past them, 429 as for an account.", valueName: "n"))
    var failedSignInsPerAddress = 20

    @Option(help: ArgumentHelp("How many queries run at once (read-only connections).", valueName: "n"))
    var readers = 8

    @Option(help: ArgumentHelp("When a write is acknowledged: full (on disk, survives a power cut) or normal (survives a crash of the server, not of the machine; faster commits).", valueName: "full|normal"))
    var synchronous = "full"

    @Option(help: ArgumentHelp("The log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        if let db {
            do { _ = try ArchiveLocation(db) } catch let error as ArchiveLocationError { throw ValidationError("--db: \(error).") }
        }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port).") }
        guard (1...Int(Int32.max)).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and \(Int32.max).") }
        if let maxTop, !(1...Int(Int32.max)).contains(maxTop) { throw ValidationError("--max-top must be between 1 and \(Int32.max).") }
        for origin in corsOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            throw ValidationError("--cors-origin takes an origin such as https://reports.example.com (scheme and host, no path), not '\(origin)'.")
        }
        guard queryTimeoutMs >= 1 else { throw ValidationError("--query-timeout-ms must be at least 1.") }
        guard (1...3650).contains(changeRetentionDays) else { throw ValidationError("--change-retention-days must be between 1 and 3650.") }
        guard failedSignInsPerAccount >= 1 else { throw ValidationError("--failed-sign-ins-per-account must be at least 1.") }
        guard failedSignInsPerAddress >= 1 else { throw ValidationError("--failed-sign-ins-per-address must be at least 1.") }
        guard (1...256).contains(readers) else { throw ValidationError("--readers must be between 1 and 256.") }
        guard Archives.Durability(rawValue: synchronous.lowercased()) != nil else {
            throw ValidationError("--synchronous must be full or normal, not '\(synchronous)'.")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; not '\(logLevel)'.")
        }
    }

    func run() async throws {
        let location = try ArchiveLocation(try db ?? DemoDatabase.ensure())
        var options = Archives.ServingOptions()
        options.readerCount = readers
        options.queryTimeout = .milliseconds(queryTimeoutMs)
        options.durability = Archives.Durability(rawValue: synchronous.lowercased()) ?? .full
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.pageSize = pageSize
        configuration.maximumTop = maxTop
        configuration.corsOrigins = corsOrigins
        configuration.queryTimeout = .milliseconds(queryTimeoutMs)
        configuration.failedSignInsPerAccount = failedSignInsPerAccount
        configuration.failedSignInsPerAddress = failedSignInsPerAddress
        configuration.cursorKey = try cursorKeyFile.map { try Self.keyFile($0, option: "--cursor-key-file") } ?? DefaultCursorKey.load()
        configuration.webhookKey = try webhookKeyFile.map { try Self.keyFile($0, option: "--webhook-key-file") }
        configuration.allowsLoopbackWebhooks = allowLoopbackWebhooks
        configuration.trustedProxies = trustedProxies
        configuration.webhookTiming.retention = .seconds(changeRetentionDays * 86_400)
        if let appTokensFile { configuration.applicationTokens = try Self.applicationTokens(appTokensFile) }
        var logger = Logger(label: "archive")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let archive = try Archives.open(location, options: options)
        let server = try await ArchiveServer(archive: archive, configuration: configuration, logger: logger)
        let (host, port, announcer) = (self.host, self.port, logger)
        try await server.run {
            // Printed, not only logged: the first thing a new user needs is where to point the
            // browser. Once listening: with the port taken, the link would lead to another server.
            print("Open http://\(host):\(port)/ in a browser (the API: http://\(host):\(port)/api/v1/archive/ChatSession)")
            fflush(nil)
            announcer.info("serving \(location) at http://\(host):\(port)/")
        }
    }

    /// A key file's bytes: at least 32.
    static func keyFile(_ path: String, option: String) throws -> [UInt8] {
        guard let secret = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(option) \(path)") }
        guard secret.count >= 32 else { throw CommandError("\(option) \(path) holds \(secret.count) bytes; a key needs at least 32 (head -c 32 /dev/urandom > FILE)") }
        return Array(secret)
    }

    /// The `--app-tokens` file: token → application name (a token alone is named by its place).
    static func applicationTokens(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandError("cannot read --app-tokens \(path)") }
        var tokens: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count <= 2 else { throw CommandError("--app-tokens \(path), line \(number + 1): a name and a token, or a token alone") }
            tokens[String(fields.last!)] = fields.count == 2 ? String(first) : "application \(tokens.count + 1)"
        }
        guard !tokens.isEmpty else { throw CommandError("--app-tokens \(path) lists no token; leave the option out to admit every application") }
        return tokens
    }
}

/// The database `archive serve` uses when given none.
enum DemoDatabase {
    static let chats = 100_000

    /// `$ARCHIVE_DATA_HOME/demo.sqlite`, else `$XDG_DATA_HOME/archive-engine/demo.sqlite`, else
    /// `$HOME/.local/share/archive-engine/demo.sqlite`.
    static var path: String { path(environment: ProcessInfo.processInfo.environment) }

    static func path(environment: [String: String]) -> String { folder(environment: environment) + "/demo.sqlite" }

    /// `$ARCHIVE_DATA_HOME`, else `$XDG_DATA_HOME/archive-engine`, else
    /// `$HOME/.local/share/archive-engine`: where the command keeps what it makes for itself.
    static func folder(environment: [String: String]) -> String {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let folder = value("ARCHIVE_DATA_HOME") { return folder }
        // HOME as the shell has it (Foundation's home directory on Linux reads the password file).
        let data = value("XDG_DATA_HOME") ?? ((value("HOME") ?? NSHomeDirectory()) + "/.local/share")
        return data + "/archive-engine"
    }

    /// The demo database's path, seeding it first if it does not exist yet.
    static func ensure() throws -> String {
        let path = self.path
        guard !FileManager.default.fileExists(atPath: path) else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Terminal.writeError("Creating the demo database at \(path) (\(chats) chats; a one-time step)…\n")
        let bar = ProgressBar(enabled: Terminal.standardErrorIsTerminal)
        defer { bar.finish() }
        let interrupted = InterruptFlag.watchingInterruptions()
        try Archives.seed(
            // Chats up to yesterday: a chat of today could otherwise lie later than now.
            try ArchiveLocation(path), options: SeedOptions(chats: chats, seed: 1),
            progress: { step in
                if case .generating(let progress) = step { bar.update(label: progress.phase.rawValue, completed: progress.completed, total: progress.total) }
            },
            isCancelled: { interrupted.isSet })
        return path
    }
}
