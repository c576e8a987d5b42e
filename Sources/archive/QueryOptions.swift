import ArchiveCore
import ArchiveEngines
import ArchiveQueryLanguage
import ArgumentParser
import Foundation

/// The query options `archive query` and `archive explain` share: the API's options, written as
/// command-line options, read by the same parser (so the same language and the same errors).
struct QueryArguments: ParsableArguments {
    @OptionGroup var database: ArchiveLocationOption

    @Option(help: ArgumentHelp("Columns, as $select: chatSessionId,person/lastName,Count(chatSessionId):Footer (default: the provider's default columns).", valueName: "columns"))
    var select: String?

    @Option(help: ArgumentHelp("Rows, as $filter: \"person/lastName begins 'Ber' and whenRequested thisYear\".", valueName: "expression"))
    var filter: String?

    @Option(name: .customLong("order-by"), help: ArgumentHelp("The order, as $orderBy: \"whenRequested desc,chatSessionId\".", valueName: "columns"))
    var orderBy: String?

    @Option(help: ArgumentHelp("The most rows (default: all).", valueName: "n"))
    var top: String?

    @Option(help: ArgumentHelp("Rows to skip first.", valueName: "n"))
    var skip: String?

    @Option(help: ArgumentHelp("Provider options, as $options: GrandTotal=true.", valueName: "options"))
    var options: String?

    @Option(help: ArgumentHelp("The language of list names: en, no, sv or de.", valueName: "code"))
    var language = "en"

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The time zone of datetimes and of dates in --filter: an IANA name, or the reference's code (NO, US-NY) or id (261).", valueName: "zone"))
    var timeZone = "UTC"

    @Option(name: .customLong("as"), help: ArgumentHelp("The user that 'currentAssociate' means.", valueName: "user-name"))
    var user: String?

    /// The parsed request for the provider of `catalog`, or the same one-line error the API gives.
    func request(catalog: ProviderCatalog) throws -> ArchiveRequest {
        var pairs: [(name: String, value: String)] = []
        if let select { pairs.append(("$select", select)) }
        if let filter { pairs.append(("$filter", filter)) }
        if let orderBy { pairs.append(("$orderBy", orderBy)) }
        if let top { pairs.append(("$top", top)) }
        if let skip { pairs.append(("$skip", skip)) }
        if let options { pairs.append(("$options", options)) }
        return try ArchiveRequest.parse(pairs, catalog: catalog, defaultEntities: catalog.defaultEntities)
    }

    /// The request context: language, zone, and the `--as` user.
    func context(database: some ArchiveDatabase) throws -> QueryContext {
        guard let language = Language(code: language) else {
            throw ValidationError("--language must be one of en, no, sv, de; not '\(self.language)'.")
        }
        guard let zone = ReferenceTimeZones.zone(named: timeZone) else {
            throw ValidationError("--time-zone must be a time zone such as Europe/Oslo, UTC, a code such as NO or US-NY, or an id such as 261; not '\(timeZone)'.")
        }
        var associate: Int64?
        if let user {
            associate = try database.fetchValue("SELECT id FROM associate WHERE \(foldedColumn: "user_name") = \(folded: user)")?.integerValue
            guard associate != nil else { throw CommandError("--as: there is no user '\(user)'") }
        }
        return QueryContext(timeZone: zone, language: language, currentAssociateID: associate)
    }

    /// Runs `body` on the archive, read-only; it must be a current archive.
    func withDatabase<T>(_ body: (any ArchiveDatabase) throws -> T) throws -> T {
        try Archives.withDatabase(try database.location, .read, body)
    }
}
