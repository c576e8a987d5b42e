public import Foundation

/// The time zones a request may name: the reference system's codes (`NO`, `US-NY`), its
/// numeric ids (`261`), and IANA names (`Europe/Oslo`, `UTC`).
///
/// The codes and ids are those of `Resources/reference-time-zones.tsv`, each mapped to the IANA
/// zone it means; a code is matched without regard to case.
///
/// ```swift
/// ReferenceTimeZones.zone(named: "US-NY")?.identifier   // "America/New_York"
/// ReferenceTimeZones.zone(named: "261")?.identifier     // "Europe/Oslo"
/// ```
public enum ReferenceTimeZones {
    /// One row of the table.
    public struct Entry: Sendable {
        /// The reference's code, such as `NO` or `US-NY`.
        public let code: String
        /// The reference's numeric id, where its documentation gives one.
        public let id: Int?
        /// The IANA identifier of the zone the code means, such as `Europe/Oslo`.
        public let zone: String
        /// The place the code stands for, in English, such as `Norway` or `United States - NY`.
        public let name: String
    }

    /// Every code of the table, in its order.
    public static let entries: [Entry] = {
        let text = String(decoding: PackageResources.reference_time_zones_tsv, as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("code\t") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return Entry(code: fields[0], id: Int(fields[1]), zone: fields[2], name: fields[3])
        }
    }()

    private static let byCode = Dictionary(entries.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    private static let byID = Dictionary(entries.compactMap { entry in entry.id.map { ($0, entry) } }, uniquingKeysWith: { first, _ in first })

    /// The zone a request names, or nil when it names none this table or the zone database knows.
    public static func zone(named name: String) -> TimeZone? {
        let trimmed = String(name.trimmingBlanks())
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy(\.isNumber) {
            return Int(trimmed).flatMap { byID[$0] }.flatMap { TimeZone(identifier: $0.zone) }
        }
        if let entry = byCode[trimmed.uppercased()] { return TimeZone(identifier: entry.zone) }
        // An IANA name, as the zone database spells it. Foundation would also read
        // abbreviations (CET) and offsets (GMT+2); the API takes only what it documents.
        return ianaNames.contains(trimmed) || isZoneDatabasePath(trimmed) ? TimeZone(identifier: trimmed) : nil
    }

    /// Whether `name` has the form of the zone database's names, `Area/Location`: its links and
    /// newer spellings (`Asia/Kolkata`, `Etc/UTC`, `US/Eastern`) are missing from Foundation's
    /// list of known identifiers on Linux, though Foundation reads them.
    private static func isZoneDatabasePath(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-+".unicodeScalars.contains($0)) }
        }
    }

    /// The IANA names a request may use: the zone database's, and `UTC`.
    private static let ianaNames: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// A regular expression (ECMA-262, anchored) of every value ``zone(named:)`` reads: the
    /// codes in any case, the ids (with any leading zeros, as `Int` reads them), the IANA names
    /// as spelled, each between optional spaces and tabs. `flag` is what may follow after commas
    /// (itself a pattern, such as `includeTZOffset` in any case), any number of times.
    public static func namePattern(followedBy flag: String) -> String {
        let codes = entries.map { caseless($0.code) }
        let ids = "0*(?:" + entries.compactMap(\.id).map(String.init).joined(separator: "|") + ")"
        let names = ianaNames.sorted().map(escaped)
        let blank = "[ \\t]*"
        return "^" + blank + "(?:" + (codes + [ids] + names).joined(separator: "|") + ")" + blank + "(?:," + blank + flag + blank + ")*$"
    }

    /// `text` as a pattern that matches it in any case.
    public static func caseless(_ text: String) -> String {
        text.map { character in
            let lower = character.lowercased(), upper = character.uppercased()
            return lower == upper ? escaped(String(character)) : "[" + upper + lower + "]"
        }.joined()
    }

    private static func escaped(_ text: String) -> String {
        text.map { "\\^$.|?*+()[]{}/".contains($0) ? "\\" + String($0) : String($0) }.joined()
    }

    /// Every name ``zone(named:)`` reads, as documented (codes in their table's case), sorted:
    /// the reference's codes and ids, then the IANA names.
    public static let acceptedNames: [String] = {
        let references = entries.map(\.code) + entries.compactMap(\.id).map(String.init)
        var seen = Set<String>()
        return (references + ianaNames.sorted()).filter { seen.insert($0).inserted }
    }()
}
