/// A short text in every language the archive speaks.
public struct LocalizedText: Sendable, Hashable {
    /// The text in English.
    public let english: String
    /// The text in Norwegian.
    public let norwegian: String
    /// The text in Swedish.
    public let swedish: String
    /// The text in German.
    public let german: String

    /// A text with its translations: `LocalizedText("Yes", no: "Ja", sv: "Ja", de: "Ja")`.
    public init(_ english: String, no norwegian: String, sv swedish: String, de german: String) {
        self.english = english
        self.norwegian = norwegian
        self.swedish = swedish
        self.german = german
    }

    /// The text in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .english: english
        case .norwegian: norwegian
        case .swedish: swedish
        case .german: german
        }
    }

    static let yes = LocalizedText("Yes", no: "Ja", sv: "Ja", de: "Ja")
    static let no = LocalizedText("No", no: "Nei", sv: "Nej", de: "Nein")
    static let active = LocalizedText("Active", no: "Aktiv", sv: "Aktiv", de: "Aktiv")
    static let inactive = LocalizedText("Inactive", no: "Inaktiv", sv: "Inaktiv", de: "Inaktiv")
    static let chat = LocalizedText("Chat", no: "Chat", sv: "Chatt", de: "Chat")
    /// The name of a group of rows that have no value.
    static let none = LocalizedText("(none)", no: "(ingen)", sv: "(ingen)", de: "(keine)")
}
