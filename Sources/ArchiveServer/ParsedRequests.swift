import ArchiveCore
import ArchiveQueryLanguage
import Synchronization

/// The requests parsed lately, by their options: a client that asks the same thing again (a
/// dashboard, a poller, a list refreshed) is answered without parsing its `$select`, `$filter`
/// and `$orderBy` again. (A next page differs by its `$skiptoken`: a parse of its own.)
///
/// A parse reads nothing but the options and the provider's catalog, which a server keeps for
/// its life: relative periods (`today`, `thisWeek`) stay words until the query is planned for
/// the request's own time, time zone, language and caller. So a cached parse is the parse.
final class ParsedRequests: Sendable {
    private struct Key: Hashable {
        let provider: String
        let entityEndpoint: Bool
        let options: [String]
    }

    private let entries = Mutex<[Key: ArchiveRequest]>([:])
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The request the options make for `provider` (its default entities at an entity
    /// endpoint), parsed once. Options that fail to parse are not kept.
    func parse(_ options: [(name: String, value: String)], provider: ArchiveProvider, entityEndpoint: Bool) throws -> ArchiveRequest {
        let key = Key(provider: provider.catalog.name, entityEndpoint: entityEndpoint, options: options.flatMap { [$0.name, $0.value] })
        if let known = entries.withLock({ $0[key] }) { return known }
        let parsed = try ArchiveRequest.parse(options, catalog: provider.catalog, defaultEntities: entityEndpoint ? provider.catalog.defaultEntities : [])
        entries.withLock { entries in
            // Many different requests: start again rather than keep track of which came last.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = parsed
        }
        return parsed
    }
}
