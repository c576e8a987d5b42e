import ArchiveCore
import ArchiveSQLite

/// Writes the e-mail addresses, phones, web addresses, addresses and interests of a person or a
/// company (`owner`): the tables of both have the same shape.
struct ContactDetailWriter {
    let owner: String
    private let emails: TableWriter
    private let phones: TableWriter
    private let urls: TableWriter
    private let interests: TableWriter
    private let addresses: TableWriter
    /// The next id of each table's rows, shared by persons and companies for addresses.
    private(set) var nextEmailID: Int64 = 1
    private(set) var nextPhoneID: Int64 = 1
    private(set) var nextURLID: Int64 = 1

    static let descriptions = ["Work", "Private", "Invoices", "Support", "Sales"]

    init(_ connection: Connection, owner: String) throws {
        self.owner = owner
        let key = owner + "_id"
        emails = try TableWriter(connection, table: owner + "_email", columns: [
            "id", key, "rank", "protocol", "address", "description", "last_sent", "bounce_count", "last_bounce", "has_bounced",
        ])
        phones = try TableWriter(connection, table: owner + "_phone", columns: ["id", key, "kind", "rank", "formatted_number", "search_number", "description"])
        urls = try TableWriter(connection, table: owner + "_url", columns: ["id", key, "rank", "address", "description"])
        interests = try TableWriter(connection, table: owner + "_interest", columns: [key, "interest_id"])
        addresses = try TableWriter(connection, table: "address", columns: [
            "id", "line1", "line2", "line3", "county", "city", "zip", "state", "country_id", "latitude", "longitude", "formatted", "formatted_multi_line",
        ])
    }

    /// An e-mail address of rank `rank`, sent to (and bounced) now and then.
    mutating func email(_ address: String, owner id: Int64, rank: Int, context: SeedContext, _ random: inout SeedRandom) throws {
        let sent: Int64? = random.chance(60) ? context.moment(before: context.endSeconds, withinDays: 365, &random) : nil
        let bounces = sent != nil && random.chance(10) ? random.int(in: 1...4) : 0
        try emails.insert([
            .integer(nextEmailID), .integer(id), .integer(Int64(rank)), .text("SMTP"), .text(address),
            .text(random.chance(40) ? random.pick(Self.descriptions) : nil), .datetime(sent), .integer(Int64(bounces)),
            .datetime(bounces > 0 ? sent : nil), .flag(bounces > 0),
        ])
        nextEmailID += 1
    }

    /// A phone number of `kind` in the region's format.
    mutating func phone(kind: Int64, rank: Int, owner id: Int64, format: RegionalFormat, _ random: inout SeedRandom) throws {
        let (formatted, digits) = format.phoneNumber(&random)
        try phones.insert([
            .integer(nextPhoneID), .integer(id), .integer(kind), .integer(Int64(rank)), .text(formatted), .text(digits),
            .text(random.chance(40) ? random.pick(Self.descriptions) : nil),
        ])
        nextPhoneID += 1
    }

    mutating func url(_ address: String, owner id: Int64, _ random: inout SeedRandom) throws {
        try urls.insert([.integer(nextURLID), .integer(id), .integer(1), .text(address), .text(random.chance(50) ? "Home page" : nil)])
        nextURLID += 1
    }

    /// One to three interests.
    func interests(owner id: Int64, _ random: inout SeedRandom) throws {
        var chosen: Set<Int> = []
        for _ in 0..<random.int(in: 1...3) { chosen.insert(random.int(in: 1...ExtraListSeeder.interests.count)) }
        for interest in chosen.sorted() { try interests.insert([.integer(id), .integer(Int64(interest))]) }
    }

    /// An address row with id `id`.
    func address(_ address: SeededAddress, id: Int64, countryID: Int) throws {
        try addresses.insert([
            .integer(id), .text(address.line1), .text(address.line2), .text(address.line3), .text(address.county), .text(address.city), .text(address.zip), .text(address.state),
            .integer(countryID), .real(address.latitude), .real(address.longitude), .text(address.formatted), .text(address.formattedMultiLine),
        ])
    }
}
