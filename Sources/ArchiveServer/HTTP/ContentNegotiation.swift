import Foundation
import ArchiveQueryLanguage

/// Chooses the response format from `$format` and the `Accept` header.
enum ContentNegotiation {
    /// The media types the server writes, by what they mean.
    private static let types: [(String, ResponseFormat)] = [
        ("application/json", .json), ("text/json", .json), ("application/json-patch+json", .json),
        ("application/merge-patch+json", .json), ("application/xml", .xml), ("text/xml", .xml),
        ("application/atom+xml", .xml),
    ]

    /// `$format` wins; otherwise the acceptable type with the highest quality (JSON on ties and
    /// for `*/*` or no header). Nil when `Accept` allows nothing the server writes (a 406).
    static func format(requested: ResponseFormat?, accept: String?) -> ResponseFormat? {
        if let requested { return requested }
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        var best: (format: ResponseFormat, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0 else { continue }
            let formats: [ResponseFormat]
            switch type {
            case "*/*", "application/*": formats = [.json, .xml]
            case "text/*": formats = [.json, .xml]
            default: formats = types.filter { $0.0 == type }.map(\.1)
            }
            for format in formats where best == nil || quality > best!.quality {
                best = (format, quality)
            }
        }
        return best?.format
    }
}
