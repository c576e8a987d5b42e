import ArchiveJSON
import Foundation

/// Writes XML elements with escaped text.
enum XMLText {
    /// `<name>text</name>`. Characters XML 1.0 cannot hold at all (control characters other than
    /// tab, newline and carriage return) would make the document ill-formed, so such a text is
    /// written as `<name encoding="base64">…</name>` instead: every value round-trips.
    static func element(_ name: String, _ text: String, into output: inout JSONText) {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0 == "\u{FFFE}" || $0 == "\u{FFFF}" }) {
            output.raw("<\(name) encoding=\"base64\">")
            output.raw(Data(text.utf8).base64EncodedString())
            output.raw("</\(name)>")
            return
        }
        output.raw("<\(name)>")
        escape(text, into: &output)
        output.raw("</\(name)>")
    }

    static func escape(_ text: String, into output: inout JSONText) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.raw("&amp;")
            case UInt8(ascii: "<"): output.raw("&lt;")
            case UInt8(ascii: ">"): output.raw("&gt;")
            case UInt8(ascii: "\""): output.raw("&quot;")
            case 0x0D: output.raw("&#xD;")  // a bare CR would be read back as a newline
            default: output.raw(byte)
            }
        }
    }
}
