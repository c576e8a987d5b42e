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

    /// Writes out what `print` has buffered (`fflush`).
    ///
    /// - Throws: ``CommandError`` when it could not all be written (a full disk, a closed
    ///   output, a reader that stopped reading).
    static func flushOutput() throws {
        guard fflush(nil) != 0 else { return }
        throw CommandError("cannot write the output: \(String(cString: strerror(errno)))")
    }

    /// Writes `text` to standard output now, unbuffered (after what `print` buffered).
    ///
    /// - Throws: ``CommandError`` when it could not all be written.
    static func writeOutput(_ text: String) throws {
        try flushOutput()
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw CommandError("cannot write the output: \(String(cString: strerror(errno)))") }
                offset += written
            }
        }
    }

    /// True when standard error is a terminal (so progress bars make sense).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A duration as seconds with one decimal, such as `12.3 s`.
    static func format(_ duration: Duration) -> String {
        let tenths = Int((Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10) s"
    }
}

extension String {
    /// The string padded with spaces on the left to `width` characters.
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    /// The string padded with spaces on the right to `width` characters.
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
