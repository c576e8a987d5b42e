import ArchiveCore
/// Where seeded people and companies come from: the name lists to draw from, the country and the
/// support language of each region.
struct Region: Sendable {
    /// The code used in `Data/first-names.tsv` and `Data/last-names.tsv`.
    let code: String
    /// The code of the name lists (Austria and Switzerland use German names).
    let namesCode: String
    let countryID: Int
    let languageID: Int
    let emailDomain: String
    let weight: Int

    static let all: [Region] = [
        Region(code: "no", namesCode: "no", countryID: 1, languageID: 2, emailDomain: "no", weight: 300),
        Region(code: "se", namesCode: "se", countryID: 2, languageID: 3, emailDomain: "se", weight: 200),
        Region(code: "dk", namesCode: "dk", countryID: 3, languageID: 4, emailDomain: "dk", weight: 100),
        Region(code: "fi", namesCode: "fi", countryID: 4, languageID: 6, emailDomain: "fi", weight: 80),
        Region(code: "is", namesCode: "is", countryID: 5, languageID: 1, emailDomain: "is", weight: 20),
        Region(code: "de", namesCode: "de", countryID: 6, languageID: 5, emailDomain: "de", weight: 100),
        Region(code: "uk", namesCode: "uk", countryID: 7, languageID: 1, emailDomain: "co.uk", weight: 60),
        Region(code: "nl", namesCode: "nl", countryID: 8, languageID: 1, emailDomain: "nl", weight: 40),
        Region(code: "us", namesCode: "us", countryID: 9, languageID: 1, emailDomain: "com", weight: 40),
        Region(code: "fr", namesCode: "fr", countryID: 10, languageID: 1, emailDomain: "fr", weight: 20),
        Region(code: "es", namesCode: "es", countryID: 11, languageID: 1, emailDomain: "es", weight: 10),
        Region(code: "jp", namesCode: "jp", countryID: 12, languageID: 7, emailDomain: "jp", weight: 10),
        Region(code: "pl", namesCode: "pl", countryID: 13, languageID: 1, emailDomain: "pl", weight: 10),
        Region(code: "at", namesCode: "de", countryID: 14, languageID: 5, emailDomain: "at", weight: 5),
        Region(code: "ch", namesCode: "de", countryID: 15, languageID: 5, emailDomain: "ch", weight: 5),
    ]

    static let choice = WeightedChoice(all.map(\.weight))

    /// Regions that the archive owner's associates come from.
    static let nordic: [Region] = Array(all.prefix(4))
}

/// Turns a name into lower-case ASCII for user names and e-mail addresses
/// ("Øystein Håland" → "oystein.haland").
enum ASCIIFolding {
    private static let replacements: [Character: String] = [
        "æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ð": "d", "þ": "th",
        "é": "e", "è": "e", "ê": "e", "á": "a", "à": "a", "â": "a", "í": "i", "ì": "i", "î": "i",
        "ó": "o", "ò": "o", "ô": "o", "ú": "u", "ù": "u", "ñ": "n", "ç": "c", "ł": "l", "ś": "s",
        "ź": "z", "ż": "z", "ć": "c", "ń": "n", "ą": "a", "ę": "e", "œ": "oe",
    ]

    static func fold(_ text: String, separator: Character = ".") -> String {
        var result = ""
        var pendingSeparator = false
        for character in text.lowercased() {
            if let replacement = replacements[character] {
                if pendingSeparator && !result.isEmpty { result.append(separator) }
                pendingSeparator = false
                result += replacement
            } else if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingSeparator && !result.isEmpty { result.append(separator) }
                pendingSeparator = false
                result.append(character)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }
}
