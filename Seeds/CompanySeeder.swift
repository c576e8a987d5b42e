import ArchiveCore
import ArchiveSQLite

/// What later generators need to know about the seeded companies.
struct SeededCompanies: Sendable {
    /// The region of each customer company, indexed by `id - firstCustomerCompanyID`.
    var regions: [Region] = []
    /// The e-mail domain of each customer company, same indexing.
    var domains: [String] = []
}

/// Inserts the owner's own company and the customer companies.
enum CompanySeeder {
    static let columns = [
        "id", "name", "department", "number", "code", "orgnr", "info_text", "has_interests", "associate_id",
        "category_id", "business_id", "country_id", "source_id", "stop", "no_mailings", "active_erp_links",
        "is_deleted", "deleted_date", "registered", "registered_by", "updated", "updated_by",
    ]

    static let infoTexts = [
        "Key account since the first contract.", "Prefers contact by e-mail.", "Invoices go to the head office.",
        "Has a framework agreement; check the price list before quoting.", "Important: only call before noon.",
        "Merged with a competitor last year.", "Uses the Enterprise plan with 24/7 support.",
    ]

    static func seed(_ connection: Connection, _ context: SeedContext, _ associates: SeededAssociates) throws -> SeededCompanies {
        var random = context.random(.companies)
        let writer = try TableWriter(connection, table: "contact", columns: columns)
        let categoryChoice = WeightedChoice([50, 20, 8, 8, 3, 2, 6, 3])
        let data = context.data
        var result = SeededCompanies()

        // The archive owner's own company: where the associates work.
        try writer.insert([
            .integer(Int64(SeedPlan.ownCompanyID)), .text("Nordlys Software AS"), .text("Customer service"), .text("10001"),
            .text("NORDLYS"), .text("NO 912 345 678 MVA"), .text("This is our own company."), .flag(false),
            .integer(1), .integer(4), .integer(1), .integer(1), .null, .flag(false), .flag(true), .flag(false),
            .flag(false), .null, .datetime(context.endSeconds - Int64(9 * 365 * 86_400)), .integer(1), .null, .null,
        ])

        for offset in 0..<context.plan.companies {
            let id = context.plan.firstCustomerCompanyID + offset
            let region = Region.all[Region.choice.draw(&random)]
            let first = random.pick(data.companyFirstWords)
            let suffix = random.pick(data.legalSuffixes[region.code] ?? ["AS"])
            let name: String
            switch random.int(below: 20) {
            case 0..<12: name = "\(first) \(random.pick(data.companySecondWords)) \(suffix)"
            case 12..<17: name = "\(first) \(suffix)"
            default:
                let family = random.pick(data.familyNames[region.namesCode]!).name
                name = "\(family) & \(random.pick(data.familyNames[region.namesCode]!).name) \(suffix)"
            }
            let department: String? = random.chance(25) ? random.pick(data.departments) : nil
            let domain = ASCIIFolding.fold(name.split(separator: " ").dropLast().joined(separator: " "), separator: "-") + "." + region.emailDomain
            let registered = context.moment(before: context.endSeconds - Int64(30 * 86_400), withinDays: 8 * 365, &random)
            let updated: Int64? = random.chance(70) ? context.moment(between: registered, and: context.endSeconds, &random) : nil
            // The first customer company is always deleted, so that the state exists at any scale.
            let isDeleted = offset == 0 || random.chance(2)
            let ourContact: Int? = random.chance(85) ? random.pick(associates.active) : nil
            try writer.insert([
                .integer(Int64(id)), .text(name), .text(department), .text(String(10_000 + id)),
                .text(random.chance(70) ? "\(ASCIIFolding.fold(first, separator: "-").uppercased())-\(id)" : nil),
                .text(random.chance(80) ? organizationNumber(region, &random) : nil),
                .text(random.chance(30) ? random.pick(infoTexts) : nil), .flag(random.chance(40)),
                .integer(ourContact), .integer(random.chance(95) ? categoryChoice.draw(&random) + 1 : nil),
                .integer(random.chance(90) ? random.int(in: 1...10) : nil),
                .integer(random.chance(98) ? region.countryID : nil), .integer(random.chance(80) ? random.int(in: 1...7) : nil),
                .flag(random.chance(3)), .flag(random.chance(10)), .flag(random.chance(15)),
                .flag(isDeleted), .datetime(isDeleted ? context.moment(between: registered, and: context.endSeconds, &random) : nil),
                .datetime(registered), .integer(random.pick(associates.active)),
                .datetime(updated), .integer(updated == nil ? nil : random.pick(associates.active + associates.inactive)),
            ])
            result.regions.append(region)
            result.domains.append(domain)
        }
        return result
    }

    /// A VAT or organization number in the style of the region.
    private static func organizationNumber(_ region: Region, _ random: inout SeedRandom) -> String {
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(random.int(below: 10))) }) }
        switch region.code {
        case "no": return "NO \(random.int(in: 8...9))\(digits(2)) \(digits(3)) \(digits(3)) MVA"
        case "se": return "SE55\(digits(8))01"
        case "dk": return "DK\(digits(8))"
        case "fi": return "FI\(digits(8))"
        case "de", "at", "ch": return "DE\(digits(9))"
        case "uk": return "GB\(digits(9))"
        case "nl": return "NL\(digits(9))B01"
        case "fr": return "FR\(digits(11))"
        case "es": return "ES\(digits(9))"
        case "pl": return "PL\(digits(10))"
        default: return digits(9)
        }
    }
}
