import ArchiveCore
import ArchiveSQLite

/// Inserts each customer person's details: e-mail addresses (most one, some two, some none),
/// phones in their country's format, addresses, consents, interests, user-defined and extra
/// fields; and the associates' locations.
enum PersonDetailSeeder {
    private struct Person {
        let id: Int64
        let companyID: Int64?
        let email: String?
        let countryID: Int
        let hasInterests: Bool
        let mailbox: String
    }

    static func seed(_ connection: Connection, _ context: SeedContext, companies: CompanyDetailSeeder.Result) throws {
        var random = context.random(.personDetails)
        var writer = try ContactDetailWriter(connection, owner: "person")
        let details = try TableWriter(connection, table: "person_detail", columns: detailColumns)
        let udefs = try TableWriter(connection, table: "person_udef", columns: ["person_id", "text_1", "long_text_1", "number_1", "date_1", "unlimited_date_1", "checkbox_1", "list_1", "decimal_1", "text_2", "text_3", "text_4"])
        let extras = try TableWriter(connection, table: "person_extra", columns: extraColumns)
        var nextAddressID = companies.nextAddressID
        for person in try customers(connection, context) {
            let format = RegionalFormat.of(Region.all.first { $0.countryID == person.countryID } ?? Region.all[0])
            try contactDetails(person, writer: &writer, format: format, context: context, &random)
            var own: Int64?
            if random.chance(person.companyID == nil ? 70 : 25) {
                own = nextAddressID
                try writer.address(format.address(&random), id: nextAddressID, countryID: person.countryID)
                nextAddressID += 1
            }
            // A search by address finds a person by their own address, else their company's.
            let restriction = own ?? person.companyID.flatMap { companies.postAddress[$0] }
            try details.insert(detailRow(person.id, address: own, restriction: restriction, context: context, &random))
            if random.chance(50) { try udefs.insert(UserDefinedValues.row(person.id, context: context, &random)) }
            if random.chance(20) { try extras.insert(extraRow(person.id, context: context, &random)) }
        }
        try seedLocations(connection, &random)
    }

    /// E-mail addresses, phones, a web address now and then, interests.
    private static func contactDetails(
        _ person: Person, writer: inout ContactDetailWriter, format: RegionalFormat, context: SeedContext, _ random: inout SeedRandom
    ) throws {
        if let email = person.email {
            try writer.email(email, owner: person.id, rank: 1, context: context, &random)
            if random.chance(15) { try writer.email(person.mailbox + "@" + random.pick(PersonSeeder.consumerDomains), owner: person.id, rank: 2, context: context, &random) }
        }
        for (kind, percent) in [(PhoneKind.direct, 55), (PhoneKind.mobile, 75), (PhoneKind.privatePhone, 10), (PhoneKind.pager, 5), (PhoneKind.fax, 4)]
        where random.chance(percent) {
            try writer.phone(kind: kind, rank: 1, owner: person.id, format: format, &random)
            if kind == PhoneKind.mobile && random.chance(8) { try writer.phone(kind: kind, rank: 2, owner: person.id, format: format, &random) }
        }
        if random.chance(8) { try writer.url("https://www.linkedin.com/in/" + person.mailbox.replacingOccurrencesOfDots(), owner: person.id, &random) }
        if person.hasInterests { try writer.interests(owner: person.id, &random) }
    }

    private static func customers(_ connection: Connection, _ context: SeedContext) throws -> [Person] {
        let sql = "SELECT id, contact_id, email, coalesce(country_id, 1), has_interests, first_name, last_name FROM person WHERE id >= ? ORDER BY id"
        return try connection.rows(sql, [DatabaseValue.integer(Int64(context.plan.firstCustomerPersonID))]).map { row in
            Person(
                id: row[0].integerValue!, companyID: row[1].integerValue, email: row[2].textValue, countryID: Int(row[3].integerValue!),
                hasInterests: row[4].integerValue == 1, mailbox: ASCIIFolding.fold("\(row[5].textValue ?? "") \(row[6].textValue ?? "")"))
        }
    }

    static let detailColumns = [
        "person_id", "address_id", "restriction_address_id", "info_text_id", "is_mailing_recipient", "has_emarketing_consent",
        "has_store_consent", "withdrawn_emarketing_consent", "withdrawn_store_consent", "consent_source_emarketing_id",
        "consent_source_store_id", "legal_base_emarketing_id", "legal_base_store_id", "subscription_id", "created_by_form_id",
        "updated_by_workflow_id", "when_updated_by_workflow",
    ]

    /// Consents: most have agreed to be kept for sales and service, fewer to e-marketing, and a
    /// few withdrew.
    private static func detailRow(_ id: Int64, address: Int64?, restriction: Int64?, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        let store = random.chance(85), marketing = random.chance(45)
        let withdrawnMarketing = !marketing && random.chance(10)
        func list(_ list: ExtraList, _ percent: Int) -> DatabaseValue {
            random.chance(percent) ? .integer(Int64(random.int(in: 1...(ExtraListSeeder.items[list]?.count ?? 1)))) : .null
        }
        let flowed = random.chance(20)
        return [
            .integer(id), address.map { .integer($0) } ?? .null, restriction.map { .integer($0) } ?? .null,
            random.chance(20) ? .integer(id * 10 + 1) : .null, .flag(random.chance(60)), .flag(marketing), .flag(store),
            .flag(withdrawnMarketing), .flag(!store && random.chance(5)), marketing ? list(.consentSource, 90) : .null,
            store ? list(.consentSource, 90) : .null, marketing ? list(.legalBase, 95) : .null, store ? list(.legalBase, 95) : .null,
            list(.subscription, 30), list(.form, 15), flowed ? list(.workflow, 100) : .null,
            .datetime(flowed ? context.moment(before: context.endSeconds - 86_400, withinDays: 300, &random) : nil),
        ]
    }

    static let extraColumns = [
        "person_id", "x_person_integer", "x_person_float", "x_person_longtext", "x_person_date", "x_person_datetime", "x_person_time",
        "x_person_boolean", "x_person_timespan", "x_person_shorttext", "x_person_shorttext_list", "x_person_user_relation",
        "x_person_category_relation", "x_person_priority_relation", "x_person_request_relation", "x_person_appointment_relation",
        "x_person_contact_relation", "y_rental_id", "y_car_id",
    ]

    private static func extraRow(_ id: Int64, context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        let plan = context.plan
        func maybe(_ percent: Int, _ value: @autoclosure () -> Int) -> DatabaseValue { random.chance(percent) ? .integer(Int64(value())) : .null }
        return [
            .integer(id), maybe(70, random.int(in: 0...1_000)), .real(Double(random.int(below: 10_000)) / 100),
            .text(random.chance(30) ? "Asked about the new licence model." : nil),
            .text(StoredDateTime.formatDate((context.options.endDay - Int64(random.int(below: 800))) * 86_400)),
            .datetime(context.moment(before: context.endSeconds - 86_400, withinDays: 400, &random)),
            .text(CompanyDetailSeeder.format2(random.int(in: 7...18)) + ":" + CompanyDetailSeeder.format2(random.int(below: 4) * 15)),
            .flag(random.chance(50)), .integer(Int64(random.int(in: 1...16) * 30 * 60)), .text(random.pick(["A", "B", "C"])),
            maybe(60, random.int(in: 1...3)), maybe(40, random.int(in: 1...plan.associates)), maybe(40, random.int(in: 1...8)),
            maybe(40, random.int(in: 1...4)), maybe(30, random.int(in: 1...ExtraListSeeder.requestCount)),
            maybe(30, random.int(in: 1...ExtraListSeeder.appointmentCount)), maybe(30, plan.firstCustomerCompanyID + random.int(below: plan.companies)),
            maybe(25, random.int(in: 1...ExtraListSeeder.rentalCount)), maybe(10, random.int(in: 1...ExtraListSeeder.carCount)),
        ]
    }

    /// A few associates are places: meeting rooms and a car.
    private static func seedLocations(_ connection: Connection, _ random: inout SeedRandom) throws {
        let writer = try TableWriter(connection, table: "associate_detail", columns: ["associate_id", "is_location", "location_address"])
        let ids = try connection.rows("SELECT id FROM associate ORDER BY id").compactMap { $0[0].integerValue }
        for id in ids {
            // The last associate is a meeting room, whatever the scale; a few others are places too.
            let isLocation = id == ids.last || random.chance(5)
            try writer.insert([.integer(id), .flag(isLocation), .text(isLocation ? random.pick(["Room Fjord, 2nd floor", "Room Nord", "Pool car EL 12345"]) : nil)])
        }
    }
}

extension String {
    /// `ola.nordmann` as `ola-nordmann`.
    fileprivate func replacingOccurrencesOfDots() -> String { String(map { $0 == "." ? "-" : $0 }) }
}
