public import Foundation

/// What a query is evaluated against besides the data: the time, the time zone, the language and
/// the caller.
public struct QueryContext: Sendable {
    /// The moment of the request, in seconds since 1970 (UTC). Relative periods such as `today`
    /// are computed from it: inject a fixed value to make them testable.
    public var now: Int64
    /// The zone datetimes are shown in and date literals are read in.
    public var timeZone: TimeZone
    /// Whether datetimes carry their UTC offset (`2018-12-24T07:34:45-05:00`, RFC 3339).
    public var includeTimeZoneOffset: Bool
    /// The language of list names and texts.
    public var language: Language
    /// How numbers and dates are written inside display strings.
    public var culture: Culture
    /// The associate making the request (`currentAssociate`); nil when unknown.
    public var currentAssociateID: Int64?

    /// A context; by default the current time, UTC, no offsets, English, the language's culture, no associate.
    public init(
        now: Int64 = QueryContext.currentTime(),
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        includeTimeZoneOffset: Bool = false,
        language: Language = .english,
        culture: Culture? = nil,
        currentAssociateID: Int64? = nil
    ) {
        self.now = now
        self.timeZone = timeZone
        self.includeTimeZoneOffset = includeTimeZoneOffset
        self.language = language
        self.culture = culture ?? Culture(language: language)
        self.currentAssociateID = currentAssociateID
    }

    /// The system clock, in seconds since 1970.
    public static func currentTime() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

/// The languages list items are named in.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case norwegian = "no"
    case swedish = "sv"
    case german = "de"

    /// Reads an ISO 639 code or a language tag (`sv`, `nb-NO`, `de-AT`, `en-US`); nil for a
    /// language the archive has no names in.
    public init?(code: String) {
        guard let primary = LanguageTag.subtags(of: code)?.first else { return nil }
        switch primary {
        case "en": self = .english
        case "no", "nb", "nn": self = .norwegian
        case "sv": self = .swedish
        case "de": self = .german
        default: return nil
        }
    }
}

/// How numbers and dates are written in display strings.
public struct Culture: Sendable, Hashable {
    /// How dates are written.
    public enum DateStyle: Sendable, Hashable {
        /// `2020-05-28`
        case iso
        /// `28.05.2020`
        case dayMonthYearDots
        /// `5/28/2020`
        case monthDayYearSlashes
    }

    /// How dates are written.
    public var dateStyle: DateStyle
    /// The character between a number's integer and fractional parts (`.` or `,`).
    public var decimalSeparator: Character

    /// A culture that writes dates in `dateStyle` and decimals with `decimalSeparator`.
    public init(dateStyle: DateStyle, decimalSeparator: Character) {
        self.dateStyle = dateStyle
        self.decimalSeparator = decimalSeparator
    }

    /// The customary culture of a language.
    public init(language: Language) {
        switch language {
        case .english: self.init(dateStyle: .iso, decimalSeparator: ".")
        case .norwegian, .german: self.init(dateStyle: .dayMonthYearDots, decimalSeparator: ",")
        case .swedish: self.init(dateStyle: .iso, decimalSeparator: ",")
        }
    }

    /// Reads a culture tag (`en-US`, `nb-NO`, `de`, `sv-SE`, `da`, `fi`); nil when unknown.
    public init?(code: String) {
        guard let parts = LanguageTag.subtags(of: code), let primary = parts.first else { return nil }
        switch primary {
        case "en": self.init(dateStyle: parts.count > 1 && parts[1] == "us" ? .monthDayYearSlashes : .iso, decimalSeparator: ".")
        case "no", "nb", "nn", "da", "de", "fi": self.init(dateStyle: .dayMonthYearDots, decimalSeparator: ",")
        case "sv": self.init(dateStyle: .iso, decimalSeparator: ",")
        default: return nil
        }
    }
}

/// The shape of a language tag as the API reads it (`sv`, `nb-NO`, `en_US`): a primary language
/// of two or three letters, then subtags of one to eight letters or digits, each after `-` or `_`.
/// The OpenAPI document's patterns for `SO-Language` and `SO-Culture` say the same.
enum LanguageTag {
    /// The tag's subtags, lower-cased; nil when `code` is not a tag of that shape.
    static func subtags(of code: String) -> [String]? {
        let parts = code.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        for subtag in parts.dropFirst() where !(1...8).contains(subtag.count) || !subtag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return nil
        }
        return parts.map(String.init)
    }
}
