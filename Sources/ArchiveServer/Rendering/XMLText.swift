import Foundation

/// XML text written byte by byte: markup as it is, element text escaped.
struct XMLText {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Markup, written as it is.
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `<name>text</name>`. Characters XML 1.0 cannot hold at all (control characters other than
    /// tab, newline and carriage return) would make the document ill-formed, so such a text is
    /// written as `<name encoding="base64">…</name>` instead: every value round-trips.
    mutating func element(_ name: String, _ text: String) {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0 == "\u{FFFE}" || $0 == "\u{FFFF}" }) {
            raw("<\(name) encoding=\"base64\">")
            raw(Data(text.utf8).base64EncodedString())
            raw("</\(name)>")
            return
        }
        raw("<\(name)>")
        escape(text)
        raw("</\(name)>")
    }

    /// Text with `&`, `<`, `>`, `"` and carriage returns escaped.
    mutating func escape(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case 0x0D: raw("&#xD;")  // a bare CR would be read back as a newline
            default: bytes.append(byte)
            }
        }
    }
}
