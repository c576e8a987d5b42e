import ArchiveCore
import ArchiveSQLite
import ArchiveSchema

/// What the chat generator needs to know about the seeded customers.
struct SeededPersons: Sendable {
    /// The company of each customer person (nil for consumers), indexed by `id - firstCustomerPersonID`.
    var companyIDs: [Int32] = []
    /// The given name of each customer, same indexing (the chat's customer alias).
    var givenNames: [String] = []
    /// The first person of each customer company (its main contact), by `companyID - firstCustomerCompanyID`.
    var firstPersonOfCompany: [Int32] = []
}

/// Inserts the associates' person records and the customer persons, then sets each company's main contact.
enum PersonSeeder {
    static let columns = [
        "id", "contact_id", "first_name", "middle_name", "last_name", "mr_mrs", "title", "person_number",
        "kana_first_name", "kana_last_name", "email", "position_id", "country_id", "source_id", "category_id",
        "business_id", "ticket_priority_id", "support_language_id", "support_associate_id", "associate_id",
        "info_text", "has_interests", "no_mailings", "use_as_mailing_address", "retired", "active_erp_links",
        "is_project_member", "is_stakeholder", "rank", "birth_date", "portrait_thumbnail", "deleted_date",
        "registered", "registered_by", "updated", "updated_by",
    ]

    static let infoTexts = [
        "Prefers English.", "Decision maker for licences.", "Met at the Oslo trade fair.", "On parental leave until spring.",
        "Likes a call before the invoice is sent.", "Contact for all technical questions.",
    ]

    static let consumerDomains = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "online.no", "telia.se", "icloud.com"]

    /// The person record of an associate (employee of the owner, or of a partner for external users).
    static func employeeRow(
        id: Int, companyID: Int, given: SeedData.GivenName, middle: String?, family: SeedData.FamilyName,
        salutation: String?, title: String, email: String?, region: Region, registered: Int64
    ) -> [DatabaseValue] {
        [
            .integer(Int64(id)), .integer(Int64(companyID)), .text(given.name), .text(middle), .text(family.name),
            .text(salutation), .text(title), .text(String(100_000 + id)), .null, .null, .text(email),
            .integer(7), .integer(Int64(region.countryID)), .null, .null, .null, .null, .integer(Int64(region.languageID)),
            .null, .null, .null, .flag(false), .flag(false), .flag(true), .flag(false), .flag(false), .flag(false),
            .flag(false), .null, .null, .null, .null, .datetime(registered), .integer(1), .null, .null,
        ]
    }

    static func seed(
        _ connection: Connection, _ context: SeedContext, _ associates: SeededAssociates, _ companies: SeededCompanies,
        progress: (Int) throws -> Void
    ) throws -> SeededPersons {
        var random = context.random(.persons)
        let writer = try TableWriter(connection, table: "person", columns: columns)
        for row in associates.personRows { try writer.insert(row) }

        let plan = context.plan
        var result = SeededPersons()
        result.companyIDs.reserveCapacity(plan.customers)
        result.givenNames.reserveCapacity(plan.customers)
        result.firstPersonOfCompany = Array(repeating: 0, count: plan.companies)
        let allAssociates = associates.active + associates.inactive

        for offset in 0..<plan.customers {
            let id = plan.firstCustomerPersonID + offset
            // The first customer has no company and the second is retired, whatever the scale.
            let companyOffset: Int? = offset == 0 ? nil : offset == 1 || random.chance(85) ? random.int(below: plan.companies) : nil
            let region = companyOffset.map { random.chance(90) ? companies.regions[$0] : Region.all[Region.choice.draw(&random)] }
                ?? Region.all[Region.choice.draw(&random)]
            let (given, family) = context.personName(in: region, &random)
            let middle: String? = random.chance(8) ? random.pick(context.data.givenNames[region.namesCode]!.filter { $0.isFemale == given.isFemale }).name : nil
            let salutation: String? = random.chance(60)
                ? (random.chance(3) ? "Dr" : random.pick(context.data.salutations.filter { $0.isFemale == given.isFemale }).text) : nil
            let mailbox = ASCIIFolding.fold("\(given.name) \(family.name)")
            let email: String? = random.chance(85)
                ? "\(mailbox)@\(companyOffset.map { companies.domains[$0] } ?? random.pick(consumerDomains))" : nil
            let isEmployee = companyOffset != nil
            let registered = context.moment(before: context.endSeconds - Int64(7 * 86_400), withinDays: 7 * 365, &random)
            let updated: Int64? = random.chance(65) ? context.moment(between: registered, and: context.endSeconds, &random) : nil
            let birthDate: String? = random.chance(55) ? {
                let year = random.int(in: 1945...2005), month = random.int(in: 1...12)
                let day = random.int(in: 1...StoredDateTime.daysInMonth(year: year, month: month))
                return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            }() : nil
            let isDeleted = random.chance(perMille: 8)

            try writer.insert([
                .integer(Int64(id)), .integer(companyOffset.map { plan.firstCustomerCompanyID + $0 }),
                .text(given.name), .text(middle), .text(family.name), .text(salutation),
                .text(isEmployee && random.chance(55) ? random.pick(context.data.jobTitles) : nil),
                .text(random.chance(70) ? String(100_000 + id) : nil), .text(given.kana), .text(family.kana), .text(email),
                .integer(isEmployee && random.chance(65) ? random.int(in: 1...10) : nil),
                .integer(random.chance(95) ? region.countryID : nil), .integer(random.chance(70) ? random.int(in: 1...7) : nil),
                .integer(random.chance(20) ? random.int(in: 1...8) : nil), .integer(random.chance(20) ? random.int(in: 1...10) : nil),
                .integer(random.chance(30) ? random.int(in: 1...4) : nil), .integer(random.chance(40) ? region.languageID : nil),
                .integer(random.chance(15) ? random.pick(associates.active) : nil),
                .integer(random.chance(50) ? random.pick(allAssociates) : nil),
                .text(random.chance(20) ? random.pick(infoTexts) : nil), .flag(random.chance(35)), .flag(random.chance(10)),
                .flag(random.chance(15)), .flag(offset == 1 || (isEmployee && random.chance(5))), .flag(random.chance(8)),
                .flag(random.chance(12)), .flag(random.chance(8)), .integer(random.chance(40) ? random.int(in: 1...10) : nil),
                .text(birthDate), .text(random.chance(8) ? "portraits/person-\(id).jpg" : nil),
                .datetime(isDeleted ? context.moment(between: registered, and: context.endSeconds, &random) : nil),
                .datetime(registered), .integer(random.pick(allAssociates)),
                .datetime(updated), .integer(updated == nil ? nil : random.pick(allAssociates)),
            ])
            result.companyIDs.append(Int32(companyOffset.map { plan.firstCustomerCompanyID + $0 } ?? 0))
            result.givenNames.append(given.name)
            if let companyOffset, result.firstPersonOfCompany[companyOffset] == 0 {
                result.firstPersonOfCompany[companyOffset] = Int32(id)
            }
            if offset % 10_000 == 9_999 { try progress(offset + 1) }
        }

        // Most companies name their first person as main contact; some have none.
        let update = try connection.prepare("UPDATE contact SET main_person_id = ? WHERE id = ?")
        for (companyOffset, personID) in result.firstPersonOfCompany.enumerated() where personID != 0 && random.chance(80) {
            try update.bind(.integer(Int64(personID)), at: 1)
            try update.bind(.integer(Int64(plan.firstCustomerCompanyID + companyOffset)), at: 2)
            try update.runToCompletion()
        }
        return result
    }
}
