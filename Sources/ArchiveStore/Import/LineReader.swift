import Foundation

/// Reads a file line by line (`\n` or `\r\n`), counting lines and bytes.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lineNumber = 0
    private(set) var bytesRead = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportLineError("cannot read \(path)") }
        self.handle = handle
    }

    mutating func skipToEnd() { atEnd = true; buffer = []; position = 0 }

    /// The next line as text, with its number.
    mutating func next() -> (Int, String)? {
        nextLine { number, bytes in (number, String(decoding: bytes, as: UTF8.self)) }
    }

    /// Hands the next line's bytes (without its line break) and number to `body`, without making
    /// a `String`; nil at the end of the file. The bytes are valid only during the call.
    mutating func nextLine<T>(_ body: (Int, UnsafeBufferPointer<UInt8>) -> T) -> T? {
        while true {
            let found = buffer.withUnsafeBufferPointer { all -> Int? in
                guard position < all.count, let base = all.baseAddress else { return nil }
                // memchr scans a word at a time; a line of an export is some 10 KB.
                guard let newline = memchr(base + position, Int32(UInt8(ascii: "\n")), all.count - position) else { return nil }
                return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            if let newline = found {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                return takeLine(upTo: end, consumed: newline + 1, body)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                return takeLine(upTo: buffer.count, consumed: buffer.count, body)
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer += chunk }
        }
    }

    private mutating func takeLine<T>(upTo end: Int, consumed: Int, _ body: (Int, UnsafeBufferPointer<UInt8>) -> T) -> T {
        lineNumber += 1
        bytesRead += consumed - position
        let start = position
        position = consumed
        return buffer.withUnsafeBufferPointer { body(lineNumber, UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
