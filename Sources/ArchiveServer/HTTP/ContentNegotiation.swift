import ArchiveCore
import Foundation
import ArchiveQueryLanguage

/// Chooses the response format from `$format` and the `Accept` header.
///
/// As the reference's stack does, an `Accept` that names no format the server writes (not even
/// through `*/*`), such as `text/html` or the reference SDK's misspelt `aplication/json`, is
/// answered in JSON. 406 is left for an `Accept` that names the server's formats and refuses
/// them all (`*/*;q=0`, `application/json;q=0, application/xml;q=0`).
enum ContentNegotiation {
    /// The media types the server writes, by what they mean.
    private static let types: [(String, ResponseFormat)] = [
        ("application/json", .json), ("text/json", .json), ("application/json-patch+json", .json),
        ("application/merge-patch+json", .json), ("application/xml", .xml), ("text/xml", .xml),
        ("application/atom+xml", .xml),
    ]

    /// Whether `Accept` allows `format` at all (a quality above 0).
    static func accepts(_ format: ResponseFormat, accept: String?) -> Bool {
        guard let accept, !accept.trimmingBlanks().isEmpty else { return true }
        let quality = qualities(accept)
        guard !quality.isEmpty else { return format == .json }
        return quality[format].map { $0.value > 0 } ?? false
    }

    /// `$format` wins; otherwise the acceptable type with the highest quality (JSON on ties and
    /// for `*/*` or no header). Nil when `Accept` allows nothing the server writes (a 406).
    static func format(requested: ResponseFormat?, accept: String?) -> ResponseFormat? {
        if let requested { return requested }
        guard let accept, !accept.trimmingBlanks().isEmpty else { return .json }
        let quality = qualities(accept)
        // Nothing the server writes is named: JSON, as the reference answers.
        guard !quality.isEmpty else { return .json }
        // JSON wins ties.
        let acceptable = [ResponseFormat.json, .xml].filter { (quality[$0]?.value ?? 0) > 0 }
        return acceptable.max { (quality[$0]?.value ?? 0) < (quality[$1]?.value ?? 0) }
    }

    /// The quality of each format: the most specific range that names it decides (so an
    /// explicit `application/json;q=0` refuses JSON even after `*/*`), the best of equals.
    private static func qualities(_ accept: String) -> [ResponseFormat: (specificity: Int, value: Double)] {
        var quality: [ResponseFormat: (specificity: Int, value: Double)] = [:]
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingBlanks().lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            var value = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                value = Double(parameter.dropFirst(2)) ?? 0
            }
            let (formats, specificity): ([ResponseFormat], Int)
            switch type {
            case "*/*": (formats, specificity) = ([.json, .xml], 0)
            case "application/*", "text/*": (formats, specificity) = ([.json, .xml], 1)
            default: (formats, specificity) = (types.filter { $0.0 == type }.map(\.1), 2)
            }
            for format in formats {
                if let known = quality[format], known.specificity > specificity || (known.specificity == specificity && known.value >= value) { continue }
                quality[format] = (specificity, value)
            }
        }
        return quality
    }
}
