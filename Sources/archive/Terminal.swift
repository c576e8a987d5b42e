#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small helpers for talking to the terminal.
enum Terminal {
    /// Writes text to standard error, unbuffered.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }

    /// True when standard error is a terminal (so progress bars make sense).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A duration as seconds with one decimal, such as `12.3 s`.
    static func format(_ duration: Duration) -> String {
        let tenths = Int((Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
