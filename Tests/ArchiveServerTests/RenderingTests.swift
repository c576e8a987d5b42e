import ArchiveCore
import ArchiveJSON
@testable import ArchiveServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The text a response is written in: every value must read back as it was.
@Suite("JSON and XML text")
struct RenderingTests {
    static let awkward = ["plain", "quote \" backslash \\ slash /", "tab\tnew\nline\rcarriage", "bell \u{7} nul \u{0} esc \u{1B}", "Østby 東京 😀", ""]

    @Test func everyStringReadsBackFromJSON() throws {
        for text in Self.awkward {
            var json = JSONText()
            json.raw("[")
            json.string(text)
            json.raw("]")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String])
            #expect(parsed == [text], "\(text.debugDescription)")
        }
    }

    @Test func everyStringReadsBackFromXML() throws {
        for text in Self.awkward {
            var xml = XMLText()
            xml.raw("<r>")
            xml.element("v", text)
            xml.raw("</r>")
            let element = try #require(try XMLDocument(data: Data(xml.bytes)).rootElement()?.elements(forName: "v").first)
            let read = element.attribute(forName: "encoding")?.stringValue == "base64"
                ? String(decoding: Data(base64Encoded: element.stringValue ?? "") ?? Data(), as: UTF8.self)
                : element.stringValue ?? ""
            #expect(read == text, "\(text.debugDescription)")
        }
    }

    @Test func jsonSafeNamesFollowTheDecisionsPage() {
        #expect(ColumnNames.jsonSafe("person/firstName") == "person_firstName")
        #expect(ColumnNames.jsonSafe("Count(chatSessionId):Footer") == "Count_chatSessionId__Footer")
        #expect(ColumnNames.xmlElement("2fa") == "_2fa")
    }

    @Test func numbersAreWrittenAsJSONReadsThem() {
        var json = JSONText()
        json.value(.decimal(3.5)); json.raw(","); json.value(.decimal(4)); json.raw(","); json.value(.decimal(.infinity))
        #expect(String(decoding: json.bytes, as: UTF8.self) == "3.5,4,null")
        #expect(CellValue.list([1, 2]).plainText == "1,2")
    }
}
