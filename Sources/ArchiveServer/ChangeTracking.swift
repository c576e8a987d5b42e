import ArchiveCore
import ArchiveQueryLanguage
import Foundation
import Hummingbird
import HTTPTypes

/// How an archive request follows changes: `Prefer: odata.track-changes` asks for a delta link
/// with the last page; `$deltatoken` (in the delta link, and in the next links of a tracked
/// answer) carries the change-feed position it goes on from.
///
/// - A tracked answer reads the feed's last position before its first page, and its last page
///   gives `odata.deltaLink`: the same query from that position. Changes made while the client
///   pages come again in the delta (at least once, never missed).
/// - A delta (`$deltatoken` without `$skiptoken`) answers, of the chats created, changed or
///   deleted since, the rows that match the query now, and an entry with `odata.removed` for
///   each that does not; then a new `odata.deltaLink`, and `odata.nextLink` (the same link)
///   when more changes wait than one answer takes.
struct ChangeTracking {
    enum Mode {
        /// The pages of a tracked answer: from the position given, or the feed's last one.
        case tracked(from: Int64?)
        /// A delta after a position.
        case delta(after: Int64)
    }

    let mode: Mode

    /// The tracking a request asks for; nil when it asks for none.
    ///
    /// - Throws: ``APIError`` 400 for a token that is not this query's, and for what cannot be
    ///   tracked: aggregates (groups are not chats), XML.
    init?(request: Request, parsed: ArchiveRequest, format: ResponseFormat, provider: ArchiveProvider, language: Language) throws {
        let preferred = Self.prefersTracking(request.headers[PageResponse.preferName])
        guard preferred || parsed.deltaToken != nil else { return nil }
        let source = parsed.deltaToken != nil ? "$deltatoken" : "Prefer"
        if parsed.query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            throw APIError(.badRequest, "InvalidOption", "changes are tracked for chats, not for groups and totals: leave the aggregates out of $select", source: source)
        }
        guard format == .json else {
            throw APIError(.badRequest, "InvalidOption", "deltas are written in JSON only: leave out $format=xml, or ask with Accept: application/json", source: source)
        }
        guard let token = parsed.deltaToken else {
            mode = .tracked(from: nil)
            return
        }
        let position = try provider.deltaPosition(token, for: parsed.query, language: language)
        mode = parsed.query.page.cursor == nil ? .delta(after: position) : .tracked(from: position)
    }

    /// Whether `Prefer` holds `odata.track-changes` (other preferences are not this type's).
    static func prefersTracking(_ header: String?) -> Bool {
        header?.split(separator: ",").contains { $0.trimmingBlanks().lowercased() == "odata.track-changes" } ?? false
    }

    /// The request's options for a link that carries `token`: without paging, with `$deltatoken`.
    static func options(_ options: [(name: String, value: String)], token: String) -> [(name: String, value: String)] {
        options.filter { !["$skip", "$skiptoken", "$top", "$deltatoken"].contains($0.name.lowercased()) } + [("$deltatoken", token)]
    }

    /// The delta link of `token`: the same query, from the position it stands for.
    static func deltaLink(base: BaseURL, path: String, options: [(name: String, value: String)], token: String) -> String {
        base.string + path + "?" + Self.options(options, token: token).map { FormDecoding.encode($0.name) + "=" + FormDecoding.encode($0.value) }.joined(separator: "&")
    }
}
