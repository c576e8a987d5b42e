import ArchiveCore
import Foundation
import Testing

/// Which names a request may give its time zone in.
@Suite("Time zone names")
struct ReferenceTimeZonesTests {
    /// The zone database's links and newer spellings, which Foundation reads but does not list
    /// on Linux (Asia/Kolkata, while the reference's table maps IN to it).
    @Test(arguments: ["Asia/Kolkata", "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Europe/Oslo", "America/Argentina/Buenos_Aires", "UTC", "IN", "NO"])
    func zoneDatabaseNamesAndTheReferencesCodesAreRead(name: String) {
        #expect(ReferenceTimeZones.zone(named: name) != nil, "\(name)")
    }

    /// Abbreviations and offsets Foundation would read are not names the API documents.
    @Test(arguments: ["CEST", "GMT+2", "Mars/Olympus", "Europe/", "/Oslo", "Europe//Oslo", "Europe/Os lo", ""])
    func otherNamesAreNot(name: String) {
        #expect(ReferenceTimeZones.zone(named: name) == nil, "\(name)")
    }
}
