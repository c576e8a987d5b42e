#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a new password: from standard input's first line with `--password-stdin` (for
/// scripts), or asked twice on the terminal without echo.
enum PasswordInput {
    static func read(fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else { throw CommandError("--password-stdin: standard input is empty") }
            return line
        }
        guard isatty(STDIN_FILENO) != 0 else {
            throw CommandError("there is no terminal to ask for the password on; pass it on standard input with --password-stdin")
        }
        let first = try prompt("New password: ")
        let second = try prompt("Repeat it: ")
        guard first == second else { throw CommandError("the two passwords differ; nothing was changed") }
        return first
    }

    /// One line from the terminal with echo off (restored even when reading fails).
    private static func prompt(_ text: String) throws -> String {
        Terminal.writeError(text)
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            Terminal.writeError("\n")
        }
        guard let line = readLine(strippingNewline: true) else { throw CommandError("no password was given") }
        return line
    }
}
