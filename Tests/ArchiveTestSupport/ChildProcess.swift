import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to its end with POSIX calls (`posix_spawn`, `waitpid`) rather than
/// Foundation's `Process`, whose `waitUntilExit` can hang on Linux when called from the tests'
/// concurrent threads. Standard input, output and error are files, never pipes: a long-lived
/// process another test starts meanwhile could inherit a pipe and hold it open.
public enum ChildProcess {
    /// Runs `executable` with `arguments`, reading standard input from `input` and writing
    /// standard output and error to the files at `output` and `error` (`error` may be `output`).
    ///
    /// - Parameter environment: Replaces the test process's environment when given.
    /// - Returns: The exit status, or 128 plus the signal that ended it.
    public static func run(
        _ executable: String, _ arguments: [String], input: String, output: String, error: String, environment: [String: String]? = nil
    ) throws -> Int32 {
        waitForExit(try start(executable, arguments, input: input, output: output, error: error, environment: environment))
    }

    /// Starts `executable` as ``run(_:_:input:output:error:environment:)`` does, and returns
    /// its process id at once: ``waitForExit(_:)`` must collect it.
    public static func start(
        _ executable: String, _ arguments: [String], input: String, output: String, error: String, environment: [String: String]? = nil
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if error == output {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned: Int32
        if let environment {
            var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { envp.forEach { free($0) } }
            spawned = posix_spawn(&child, executable, &actions, nil, &argv, &envp)
        } else {
            spawned = posix_spawn(&child, executable, &actions, nil, &argv, environ)
        }
        guard spawned == 0 else { throw SpawnError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return child
    }

    /// Waits for a started process to end.
    ///
    /// - Returns: The exit status, or 128 plus the signal that ended it.
    public static func waitForExit(_ child: Int32) -> Int32 {
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED, WEXITSTATUS and WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// A program that could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
