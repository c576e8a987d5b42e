extension StringProtocol {
    /// The text as SQLite's NOCASE collation compares it, and as the PostgreSQL schema's
    /// `archive_fold` returns it: ASCII letters lower-cased, every other byte as it is (a byte
    /// of a multi-byte UTF-8 sequence is never ASCII, so the result is valid UTF-8 again).
    var nocaseUTF8: [UInt8] {
        utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
    }

    /// ``nocaseUTF8`` as a string.
    var nocaseFolded: String { String(decoding: nocaseUTF8, as: UTF8.self) }
}
