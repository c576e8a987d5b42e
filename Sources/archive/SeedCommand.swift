import ArchiveCore
import ArchiveEngines
import ArchiveSeeds
import ArgumentParser
@preconcurrency import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Build a database of realistic, deterministic demo data.",
        discussion: """
            Creates FILE with N chat sessions and proportionate associates (N/2000), companies \
            (N/50), persons (N/5) and chat topics. The same --seed, --chats and --end give the same \
            rows on any machine. The demo user `tje0` has the password `Tje0`.

            The database is built in a temporary file beside FILE and moved into place when \
            complete: an interrupted run (Ctrl-C, SIGTERM) leaves FILE as it was.

            With a postgres:// URL, the same rows are seeded into a temporary SQLite file, then \
            copied into the PostgreSQL database with COPY, the indexes built after, in one \
            transaction (an interrupted run leaves the database as it was), then analyzed. The \
            database must exist; --force replaces an archive already in it.
            """
    )

    @OptionGroup var database: ArchiveLocationOption

    @Option(help: ArgumentHelp("The number of chat sessions.", valueName: "n"))
    var chats: Int

    @Option(help: ArgumentHelp("The seed of the random-number generator.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The last day chats are requested on, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var end: String?

    @Flag(help: "Replace FILE if it exists (or the archive in a PostgreSQL database).")
    var force = false

    @Flag(help: "Print how long each phase took, on standard error.")
    var verbose = false

    func validate() throws {
        guard (1...SeedOptions.maximumChats).contains(chats) else {
            throw ValidationError("--chats must be between 1 and \(SeedOptions.maximumChats), not \(chats).")
        }
        if let end {
            guard end.count == 10, let seconds = StoredDateTime.parse(end), SeedOptions.endDays.contains(seconds / 86_400) else {
                throw ValidationError("--end must be a date written YYYY-MM-DD between 1980-01-01 and 9000-12-31, not '\(end)'.")
            }
        }
    }

    func run() throws {
        let interrupted = InterruptFlag.watchingInterruptions()
        let bar = ProgressBar(enabled: Terminal.standardErrorIsTerminal)
        defer { bar.finish() }
        let start = ContinuousClock.now
        let location = try database.location
        var options = SeedOptions(chats: chats, seed: seed, force: force)
        if let end, let seconds = StoredDateTime.parse(end) {
            // An explicit end day runs to that day's end, whenever the seed runs.
            options.endDay = seconds / 86_400
            options.cutoff = nil
        }
        // The phase under way, timed with --verbose.
        var phase: (name: String, start: ContinuousClock.Instant)?
        func enter(_ name: String) {
            guard phase?.name != name else { return }
            endPhase()
            phase = (name, ContinuousClock.now)
        }
        func endPhase() {
            guard verbose, let phase else { return }
            bar.finish()
            Terminal.writeError("\(phase.name): \(Terminal.format(ContinuousClock.now - phase.start))\n")
        }
        let report = try Archives.seed(
            location, options: options,
            progress: { step in
                switch step {
                case .generating(let progress):
                    enter(progress.phase.rawValue)
                    bar.update(label: progress.phase.rawValue, completed: progress.completed, total: progress.total)
                case .copying(let table, let completed, let total):
                    enter("Copying to PostgreSQL, indexes, ANALYZE")
                    bar.update(label: table.map { "Copying \($0)" } ?? "Indexes and foreign keys", completed: completed, total: total)
                }
            },
            isCancelled: { interrupted.isSet })
        endPhase()
        bar.finish()
        print("Seeded \(location) in \(Terminal.format(ContinuousClock.now - start)): " + summary(report))
    }

    private func summary(_ report: SeedReport) -> String {
        "\(report.rowCounts["chat_session"] ?? 0) chat sessions, "
            + "\(report.rowCounts["person"] ?? 0) persons, \(report.rowCounts["contact"] ?? 0) companies, "
            + "\(report.rowCounts["associate"] ?? 0) associates, \(report.rowCounts["chat_topic"] ?? 0) chat topics "
            + "(--seed \(report.seed) --end \(StoredDateTime.formatDate(report.endDay * 86_400)))."
    }
}

/// Set when the user presses Ctrl-C, or the process is asked to end (SIGTERM, as `timeout` and
/// service managers send it), so that long work can stop cleanly instead of dying mid-write.
final class InterruptFlag: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .relaxed) }

    private func set() { flag.store(true, ordering: .relaxed) }

    /// Replaces the default behaviour of SIGINT and SIGTERM (exit at once) with setting the
    /// returned flag.
    static func watchingInterruptions() -> InterruptFlag {
        let interrupted = InterruptFlag()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { interrupted.set() }
            source.resume()
            signalSources.withLock { $0.append(source) }
        }
        return interrupted
    }

    /// Keeps signal sources alive for the life of the process.
    private static let signalSources = Mutex<[any DispatchSourceSignal]>([])
}
