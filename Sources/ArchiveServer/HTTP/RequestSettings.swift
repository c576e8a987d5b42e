import ArchiveCore
import Foundation
import Hummingbird
import HTTPTypes

/// What the request's headers say about language, culture and time zone.
struct RequestSettings: Sendable {
    var language: Language = .english
    var culture: Culture?
    var timeZone = TimeZone(identifier: "UTC")!
    var includeTimeZoneOffset = false

    static let soLanguage = HTTPField.Name("SO-Language")!
    static let soCulture = HTTPField.Name("SO-Culture")!
    static let soTimeZone = HTTPField.Name("SO-TimeZone")!

    /// The headers a form post may give as fields: a download (the page's export) posts a form,
    /// which carries no headers of its own choosing.
    static let formFields = [soLanguage, soCulture, soTimeZone]

    /// `request` with the settings a form post gave as fields (`SO-TimeZone=Europe/Oslo`) as its
    /// headers: a field overrides the header of its name.
    static func withFormFields(_ fields: [(name: String, value: String)], of request: Request) -> Request {
        var head = request.head
        var changed = false
        for name in formFields {
            guard let value = fields.last(where: { $0.name.caseInsensitiveCompare(name.rawName) == .orderedSame })?.value else { continue }
            head.headerFields[name] = value
            changed = true
        }
        return changed ? Request(head: head, body: request.body) : request
    }

    /// Reads `SO-Language` (which overrides `Accept-Language`), `SO-Culture` and `SO-TimeZone`.
    ///
    /// - Throws: ``APIError`` (400) for a language, culture or zone the server does not know, so
    ///   that a misspelt header is not silently ignored. `Accept-Language`, which browsers fill
    ///   in on their own, falls back to English instead.
    init(headers: HTTPFields) throws {
        if let value = headers[Self.soLanguage].map({ String($0.trimmingBlanks()) }), !value.isEmpty {
            // `*` and `x` switch translation off in the reference system; names are then English.
            if value == "*" || value.lowercased() == "x" {
                language = .english
            } else if let chosen = Language(code: value) {
                language = chosen
            } else {
                throw APIError(.badRequest, "UnsupportedLanguage",
                               "SO-Language: '\(value)' is not a language the archive has names in; use en, no, sv or de", source: "SO-Language")
            }
        } else if let value = headers[.acceptLanguage] {
            language = Self.preferredLanguage(value) ?? .english
        }
        if let value = headers[Self.soCulture].map({ String($0.trimmingBlanks()) }), !value.isEmpty {
            guard let chosen = Culture(code: value) else {
                throw APIError(.badRequest, "UnsupportedCulture", "SO-Culture: '\(value)' is not a culture the server formats for; use a language code such as en, nb-NO, sv or de", source: "SO-Culture")
            }
            culture = chosen
        }
        if let value = headers[Self.soTimeZone] {
            // Every part counts: an empty one (`NO,` or `,NO`) is an error, as the schema says.
            let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingBlanks()) }
            guard let name = parts.first, !name.isEmpty, let zone = ReferenceTimeZones.zone(named: name) else {
                throw APIError(.badRequest, "UnknownTimeZone",
                               "SO-TimeZone: '\(parts.first ?? "")' is not a time zone; use a code such as NO or US-NY, an id such as 261, or an IANA name such as Europe/Oslo or UTC", source: "SO-TimeZone")
            }
            timeZone = zone
            for flag in parts.dropFirst() {
                guard flag.caseInsensitiveCompare("includeTZOffset") == .orderedSame else {
                    throw APIError(.badRequest, "InvalidHeader", "SO-TimeZone: '\(flag)' is not understood; the only flag is includeTZOffset", source: "SO-TimeZone")
                }
                includeTimeZoneOffset = true
            }
        }
    }

    /// The supported language with the highest quality in an `Accept-Language` value.
    static func preferredLanguage(_ header: String) -> Language? {
        var best: (Language, Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { String($0.trimmingBlanks()) }
            guard let tag = parts.first, let language = Language(code: tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") { quality = Double(parameter.dropFirst(2)) ?? 0 }
            if quality > 0, best == nil || quality > best!.1 { best = (language, quality) }
        }
        return best?.0
    }

    /// The provider's request context for a caller at `now`.
    func context(now: Int64, currentAssociateID: Int64?) -> QueryContext {
        QueryContext(
            now: now, timeZone: timeZone, includeTimeZoneOffset: includeTimeZoneOffset, language: language,
            culture: culture, currentAssociateID: currentAssociateID)
    }
}
