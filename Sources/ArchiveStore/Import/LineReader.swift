import Foundation

/// Reads a file line by line (`\n` or `\r\n`), counting lines and bytes. A byte order mark at
/// the start of the file (as spreadsheet programs write UTF-8) is not part of the first line.
///
/// The file is read with `read(2)` straight into one buffer that lines are handed out of: an
/// import reads gigabytes, and a copy per megabyte read (as `FileHandle` makes) is a measurable
/// part of the reading thread's work.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = Array(repeating: 0, count: 1 << 20)
    /// The bytes not yet handed out: `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var lineNumber = 0
    private(set) var bytesRead = 0
    /// How many lines were handed out.
    var lineCount: Int { lineNumber }
    /// Why the file could not be read to its end (`errno`'s text), once it could not.
    private(set) var failure: String?
    /// The line break that ended the last line handed out, as the file has it (`\r\n`, `\n`, or
    /// nothing at the end of the file): a quoted CSV field that spans lines keeps it.
    private(set) var lastLineBreak = ""

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportLineError("cannot read \(path)") }
        self.handle = handle
    }

    mutating func skipToEnd() { atEnd = true; start = 0; end = 0 }

    /// The next line as text (nil when it is not UTF-8), with its number.
    mutating func next() -> (number: Int, text: String?)? {
        nextLine { number, bytes in (number, String(validating: bytes, as: UTF8.self)) }
    }

    /// Hands the next line's bytes (without its line break) and number to `body`, without making
    /// a `String`; nil at the end of the file (or where it could not be read: see ``failure``).
    /// The bytes are valid only during the call.
    mutating func nextLine<T>(_ body: (Int, UnsafeBufferPointer<UInt8>) -> T) -> T? {
        while true {
            if let newline = nextLineBreak() {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                lastLineBreak = lineEnd < newline ? "\r\n" : "\n"
                return takeLine(upTo: lineEnd, consumed: newline + 1, body)
            }
            if atEnd {
                guard start < end else { return nil }
                lastLineBreak = ""
                return takeLine(upTo: end, consumed: end, body)
            }
            fill()
        }
    }

    /// Where the next `\n` is, if the buffer has one.
    private func nextLineBreak() -> Int? {
        buffer.withUnsafeBufferPointer { all -> Int? in
            guard start < end, let base = all.baseAddress else { return nil }
            // memchr scans a word at a time; a line of an export is some 10 KB.
            guard let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return nil }
            return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads more of the file after the bytes not yet handed out (moved to the front first; the
    /// buffer doubles for a line longer than it).
    private mutating func fill() {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { all in
                if end > start { _ = memmove(all.baseAddress!, all.baseAddress! + start, end - start) }
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += Array(repeating: 0, count: buffer.count) }
        let descriptor = handle.fileDescriptor
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { all in read(descriptor, all.baseAddress! + end, all.count - end) }
            if count > 0 { end += count; return }
            if count == 0 { atEnd = true; return }
            if errno == EINTR { continue }
            // The line read so far is incomplete: it is not handed out.
            failure = "cannot read the file after byte \(bytesRead): \(String(cString: strerror(errno)))"
            (start, end, atEnd) = (0, 0, true)
            return
        }
    }

    private mutating func takeLine<T>(upTo lineEnd: Int, consumed: Int, _ body: (Int, UnsafeBufferPointer<UInt8>) -> T) -> T {
        lineNumber += 1
        bytesRead += consumed - start
        var lineStart = start
        start = consumed
        if lineNumber == 1, lineEnd - lineStart >= 3, buffer[lineStart] == 0xEF, buffer[lineStart + 1] == 0xBB, buffer[lineStart + 2] == 0xBF {
            lineStart += 3
        }
        return buffer.withUnsafeBufferPointer { body(lineNumber, UnsafeBufferPointer(rebasing: $0[lineStart..<lineEnd])) }
    }
}
