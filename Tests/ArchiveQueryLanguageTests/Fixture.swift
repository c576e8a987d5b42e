import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation

// The hand-made archive of ArchiveTestSupport (`HandMadeArchive`), whose comment lists its twelve
// chats: filters parsed here run against the rows whose answers the operator-semantics tests
// worked out by hand.

enum Fixture {
    /// Tue 2019-10-15 12:00:00 UTC.
    static let now = HandMadeArchive.now

    static let provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog)

    /// Oslo time, "now" as above, and the request made by associate 2 (TJE).
    static let context = QueryContext(now: now, timeZone: TimeZone(identifier: "Europe/Oslo")!, language: .english, currentAssociateID: 2)

    static func connection() throws -> Connection { try HandMadeArchive.connection() }
}
