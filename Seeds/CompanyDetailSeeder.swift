import ArchiveCore
import ArchiveSQLite

/// Inserts each company's details: addresses, e-mail, phones, web address, interests, SAINT
/// figures, user-defined and extra fields.
enum CompanyDetailSeeder {
    /// What the persons' details need: each company's postal address (by company id), and the
    /// next free address id.
    struct Result {
        var postAddress: [Int64: Int64] = [:]
        var nextAddressID: Int64 = 1
    }

    private struct Company {
        let id: Int64
        let name: String
        let countryID: Int
        let hasInterests: Bool
    }

    static func seed(_ connection: Connection, _ context: SeedContext) throws -> Result {
        var random = context.random(.companyDetails)
        var writer = try ContactDetailWriter(connection, owner: "contact")
        let details = try TableWriter(connection, table: "contact_detail", columns: detailColumns)
        let udefs = try TableWriter(connection, table: "contact_udef", columns: ["contact_id", "text_1", "long_text_1", "number_1", "date_1", "unlimited_date_1", "checkbox_1", "list_1", "decimal_1", "text_2", "text_3", "text_4", "list_2", "list_3"])
        let extras = try TableWriter(connection, table: "contact_extra", columns: extraColumns)
        var result = Result()
        for company in try companies(connection) {
            let format = RegionalFormat.of(Region.all.first { $0.countryID == company.countryID } ?? Region.all[0])
            let domain = ASCIIFolding.fold(company.name, separator: "-") + ".example"
            let post = result.nextAddressID
            try writer.address(format.address(&random), id: post, countryID: company.countryID)
            let street: Int64? = random.chance(60) ? post + 1 : nil
            if let street { try writer.address(format.address(&random), id: street, countryID: company.countryID) }
            result.nextAddressID = (street ?? post) + 1
            result.postAddress[company.id] = post
            if random.chance(75) { try writer.email("post@" + domain, owner: company.id, rank: 1, context: context, &random) }
            if random.chance(20) { try writer.email("support@" + domain, owner: company.id, rank: 2, context: context, &random) }
            if random.chance(92) { try writer.phone(kind: PhoneKind.companyPhone, rank: 1, owner: company.id, format: format, &random) }
            if random.chance(25) { try writer.phone(kind: PhoneKind.companyFax, rank: 1, owner: company.id, format: format, &random) }
            if random.chance(65) { try writer.url("https://www." + domain, owner: company.id, &random) }
            if company.hasInterests { try writer.interests(owner: company.id, &random) }
            try details.insert(detailRow(company.id, post: post, street: street, context: context, &random))
            if random.chance(60) { try udefs.insert(udefRow(company.id, context: context, &random)) }
            if random.chance(30) { try extras.insert(extraRow(company.id, context: context, &random)) }
        }
        return result
    }

    private static func companies(_ connection: Connection) throws -> [Company] {
        try connection.rows("SELECT id, name, coalesce(country_id, 1), has_interests FROM contact ORDER BY id").map { row in
            Company(id: row[0].integerValue!, name: row[1].textValue!, countryID: Int(row[2].integerValue!), hasInterests: row[3].integerValue == 1)
        }
    }

    static let detailColumns = [
        "contact_id", "post_address_id", "street_address_id", "restriction_address_id", "saint_status1", "saint_status2",
        "number_of_activities", "number_of_activities_in_period", "number_of_not_completed_activities", "number_of_not_completed_activities_in_period",
        "number_of_sales", "number_of_sales_in_period", "number_of_not_completed_sales", "number_of_not_completed_sales_in_period",
        "number_of_tickets", "number_of_tickets_in_period", "number_of_not_completed_tickets", "number_of_not_completed_tickets_in_period",
        "last_activity", "last_completed_activity", "last_do_by_activity", "last_sale", "last_completed_sale", "last_do_by_sale",
        "last_ticket", "last_completed_ticket", "last_do_by_ticket",
        "saint_activity_type_id", "saint_amount_class_id", "saint_direction_id", "saint_intention_id", "saint_sale_status_id",
        "saint_ticket_category_id", "saint_ticket_status_id",
    ]

    /// Addresses, then SAINT: counts (those in the last 90 days, and the open ones, fewer),
    /// the dates of the last ones, and the classes counted.
    private static func detailRow(_ id: Int64, post: Int64, street: Int64?, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        var row: [DatabaseValue] = [.integer(id), .integer(post), street.map { .integer($0) } ?? .null, .integer(post)]
        let neglected = random.chance(15)
        row += [.flag(neglected), .flag(random.chance(30))]
        for _ in 0..<3 {
            let total = neglected ? random.int(in: 0...5) : random.int(in: 0...80)
            let recent = neglected ? 0 : random.int(in: 0...min(total, 20))
            let open = random.int(in: 0...min(total, 10))
            row += [.integer(Int64(total)), .integer(Int64(recent)), .integer(Int64(open)), .integer(Int64(min(open, recent)))]
        }
        for _ in 0..<9 {
            let daysAgo = neglected ? random.int(in: 180...900) : random.int(in: 0...200)
            row.append(random.chance(80) ? .text(StoredDateTime.formatDate((context.options.endDay - Int64(daysAgo)) * 86_400)) : .null)
        }
        for list in [ExtraList.saintActivityType, .saintAmountClass, .saintDirection, .saintIntention, .saintSaleStatus, .saintTicketCategory, .saintTicketStatus] {
            row.append(random.chance(50) ? .integer(Int64(random.int(in: 1...(ExtraListSeeder.items[list]?.count ?? 1)))) : .null)
        }
        return row
    }

    private static func udefRow(_ id: Int64, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        UserDefinedValues.row(id, context: context, &random) + [
            random.chance(50) ? .integer(Int64(random.int(in: 1...3))) : .null, random.chance(50) ? .integer(Int64(random.int(in: 1...3))) : .null,
        ]
    }

    static let extraColumns = [
        "contact_id", "x_contact_boolean", "x_contact_contact", "x_contact_contact_relation", "x_contact_date", "x_contact_datetime",
        "x_contact_default_integer", "x_contact_dropdown", "x_contact_float", "x_contact_integer", "x_contact_longtext",
        "x_contact_request_relation", "x_contact_short_dropdown", "x_contact_shorttext", "x_contact_time", "x_contact_timespan", "y_organization_id",
    ]

    private static func extraRow(_ id: Int64, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        let companies = context.plan.companies, first = Int64(context.plan.firstCustomerCompanyID)
        func company() -> DatabaseValue { random.chance(50) ? .integer(first + Int64(random.int(below: companies))) : .null }
        return [
            .integer(id), .flag(random.chance(50)), company(), company(),
            .text(StoredDateTime.formatDate((context.options.endDay - Int64(random.int(below: 1_000))) * 86_400)),
            .datetime(context.moment(before: context.endSeconds, withinDays: 400, &random)), .integer(Int64(random.int(in: 0...100))),
            .integer(Int64(random.int(in: 1...3))), .real(Double(random.int(below: 100_000)) / 100), .integer(Int64(random.int(in: -50...500))),
            .text(random.chance(50) ? "Notes from the last partner meeting." : nil), .integer(Int64(random.int(in: 1...ExtraListSeeder.requestCount))),
            .integer(Int64(random.int(in: 1...3))), .text(random.pick(["A", "B", "C", "VIP"])),
            .text(String(format2(random.int(in: 7...17))) + ":" + String(format2(random.int(below: 4) * 15))),
            .integer(Int64(random.int(in: 1...32) * 15 * 60)), .integer(Int64(random.int(in: 1...ExtraListSeeder.organizations.count))),
        ]
    }

    /// Two digits.
    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

/// Values of the standard user-defined fields (``UserDefinedField/standard``), common to persons
/// and companies: `text_1`, `long_text_1`, `number_1`, `date_1`, `unlimited_date_1`, `checkbox_1`,
/// `list_1`, `decimal_1`, `text_2`, `text_3`, `text_4`.
enum UserDefinedValues {
    static let texts = ["Gold partner", "Prefers mornings", "Met at the Oslo fair", "Renewal due", "Reference customer"]

    static func row(_ id: Int64, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        [
            .integer(id), .text(random.chance(70) ? random.pick(texts) : nil),
            .text(random.chance(30) ? "Long note: " + random.pick(texts).lowercased() + ", see the last meeting." : nil),
            random.chance(60) ? .integer(Int64(random.int(in: 1...1_000))) : .null,
            random.chance(50) ? .text(StoredDateTime.formatDate((context.options.endDay - Int64(random.int(below: 2_000))) * 86_400)) : .null,
            // An unlimited date may lie far outside the usual range.
            random.chance(30) ? .text(String(random.int(in: 1800...2200)) + "-0" + String(random.int(in: 1...9)) + "-1" + String(random.int(in: 0...9))) : .null,
            random.chance(80) ? .flag(random.chance(40)) : .null,
            random.chance(60) ? .integer(Int64(random.int(in: 1...4))) : .null,
            random.chance(50) ? .real(Double(random.int(below: 1_000_000)) / 100) : .null,
            .text(random.chance(20) ? "Sales only" : nil), .text(random.chance(15) ? "Marketing only" : nil),
            .text(random.chance(10) ? "Administration only" : nil),
        ]
    }
}
