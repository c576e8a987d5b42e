import ArchiveBench
import ArchiveEngines
import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the standard queries through the engine and through the bare SQLite C API (and on PostgreSQL).",
        discussion: """
            Runs each query of the standard set on FILE: 50-row pages with four joined paths, \
            ordered by indexed columns, with and without restrictions; cursor pages at row \
            900,000 (90 % of a smaller archive) against the first page; the grand-total count \
            against a bare count(*). For each it prints the median time per run through the \
            engine, the median time of the same SQL through the bare C API with the same \
            connection settings, and their ratio; the two are run alternately so that both see \
            the same caches.

            With --postgres URL, runs the same set on that PostgreSQL archive too (seed it with \
            the same --chats, --seed and --end as FILE, so that both hold the same rows), the \
            floor there being the same SQL through PostgresNIO with every cell read once, and \
            prints the two side by side.

            The figures are meant for a release build on a seeded archive of a million chats:
              swift run -c release archive seed --db big.sqlite --chats 1000000
              swift run -c release archive bench --db big.sqlite
            """
    )

    @OptionGroup var database: DatabaseFileOption

    @Option(help: ArgumentHelp("A PostgreSQL archive with the same rows as --db, to run the set on too (postgres://user@host:port/database).", valueName: "url"))
    var postgres: String?

    @Option(help: ArgumentHelp("Runs per query (the median is reported).", valueName: "n"))
    var iterations = 200

    @Option(help: ArgumentHelp("Only the queries whose names contain this text.", valueName: "text"))
    var only: String?

    @Flag(help: "Print each query's SQL and SQLite's plan for it under its figures.")
    var showSQL = false

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1.") }
        if let postgres {
            let location: ArchiveLocation
            do { location = try ArchiveLocation(postgres) } catch let error as ArchiveLocationError { throw ValidationError("--postgres: \(error).") }
            guard !location.isFile else { throw ValidationError("--postgres takes a postgres:// URL, not '\(postgres)'.") }
        }
    }

    func run() throws {
        let benchmark = QueryBenchmark(path: database.db, iterations: iterations, only: only)
        // Which query runs, on a terminal only (one line, overwritten).
        let showProgress = Terminal.standardErrorIsTerminal
        let results = try benchmark.run { name in
            if showProgress { Terminal.writeError("\r\u{1B}[K\(name)…") }
        }
        if showProgress { Terminal.writeError("\r\u{1B}[K") }
        if results.isEmpty, let only {
            throw CommandError("no query of the standard set has '\(only)' in its name; run without --only to see them all")
        }
        guard let postgres else { return print(QueryBenchmark.table(results, statements: showSQL)) }
        let postgresResults = try benchmark.run(postgresURL: postgres) { name in
            if showProgress { Terminal.writeError("\r\u{1B}[KPostgreSQL: \(name)…") }
        }
        if showProgress { Terminal.writeError("\r\u{1B}[K") }
        print(QueryBenchmark.table(sqlite: results, postgres: postgresResults))
        if showSQL {
            print("\nSQLite:\n" + QueryBenchmark.table(results, statements: true))
            print("\nPostgreSQL:\n" + QueryBenchmark.table(postgresResults, statements: true))
        }
    }
}
