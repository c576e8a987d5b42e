import ArchiveCore
import ArchiveAuth
import ArchiveSQLite

/// What later generators need to know about the seeded associates.
struct SeededAssociates: Sendable {
    /// Associate ids by whether they are active.
    var active: [Int] = []
    var inactive: [Int] = []
    /// Weights for choosing the agent of a chat (support agents chat most).
    var agentIDs: [Int] = []
    var agentWeights: [Int] = []
    /// The associates' own person records, inserted with the customers.
    var personRows: [[DatabaseValue]] = []
}

/// Inserts associates, their secondary groups, and (returned) their own person records.
///
/// Associate 1 is always the demo user `tje0` with password `Tje0`, who may also write through the
/// API (the others may read).
enum AssociateSeeder {
    static let demoUserName = "tje0"
    static let demoPassword = "Tje0"

    static let columns = [
        "id", "name", "user_name", "first_name", "middle_name", "last_name", "mr_mrs", "title", "email",
        "person_id", "contact_id", "user_group_id", "role_id", "associate_type_id", "description", "ej_user_id",
        "simultaneous_ej_user", "ej_display_name", "ej_status", "credential_type", "credential_display_value",
        "is_active", "portrait_thumbnail", "password_hash", "registered", "updated", "api_role",
    ]

    static func seed(_ connection: Connection, _ context: SeedContext) throws -> SeededAssociates {
        var random = context.random(.associates)
        let writer = try TableWriter(connection, table: "associate", columns: columns)
        let groupWriter = try TableWriter(connection, table: "associate_other_group", columns: ["associate_id", "user_group_id"])
        var result = SeededAssociates()
        var takenNames = Set<String>(), takenUserNames = Set<String>()
        let typeChoice = WeightedChoice([85, 7, 5, 3])  // associate, external, system, anonymous
        let groupChoice = WeightedChoice([25, 50, 8, 7, 6, 4])
        let roleChoice = WeightedChoice([55, 8, 10, 5, 22])
        let groupNames = ["Sales", "Support", "Marketing", "Administration", "Management", "Partners"]

        for id in 1...context.plan.associates {
            let isDemo = id == 1
            let region = random.pick(Region.nordic)
            var (given, family) = context.personName(in: region, &random)
            if isDemo {
                given = SeedData.GivenName(isFemale: false, name: "Tor", kana: nil)
                family = SeedData.FamilyName(name: "Jenssen", kana: nil)
            }
            let middle: String? = !isDemo && random.chance(6) ? random.pick(context.data.givenNames[region.namesCode]!).name : nil
            // Associates 2 to 5 cover every type and an inactive user, whatever the scale.
            let type = isDemo ? 1 : id <= 5 ? [1, 2, 3, 4][id - 2] : typeChoice.draw(&random) + 1
            let isActive = isDemo || type == 3 || (id != 2 && !random.chance(10))

            // Short name: initials, numbered when taken; user name: the initials in lower-case ASCII plus a digit.
            let initials = (String(given.name.prefix(1)) + String(family.name.prefix(2))).uppercased()
            var name = isDemo ? "TJE" : initials
            var suffix = 2
            while takenNames.contains(name) { name = initials + String(suffix); suffix += 1 }
            takenNames.insert(name)
            let userBase = isDemo ? "tje" : ASCIIFolding.fold(initials, separator: "_")
            var userNumber = 0
            var userName = isDemo ? demoUserName : "\(userBase)\(userNumber)"
            while takenUserNames.contains(userName) { userNumber += 1; userName = "\(userBase)\(userNumber)" }
            takenUserNames.insert(userName)

            let group = isDemo ? 2 : groupChoice.draw(&random) + 1
            let role = isDemo ? 2 : roleChoice.draw(&random) + 1
            let isServiceUser = type <= 2 && (isDemo || random.chance(80))
            let ejStatus: Int? = isServiceUser ? (isActive ? (random.chance(6) ? 2 : random.chance(2) ? 4 : 1) : 3) : nil
            let credential: (String, String)? = {
                switch type {
                case 4: return nil
                case 3: return ("System", userName)
                default:
                    if isDemo || random.chance(70) { return ("Password", userName) }
                    return random.chance(80) ? ("Active Directory", "NORDLYS\\\(userName)") : ("SAML", "\(userName)@nordlys.example")
                }
            }()
            let registered = context.moment(before: context.endSeconds - Int64(400 * 86_400), withinDays: 6 * 365, &random)
            let updated: Int64? = random.chance(60) ? context.moment(between: registered, and: context.endSeconds, &random) : nil
            let passwordHash: String? = isDemo ? demoPasswordHash(context) : nil
            // External users belong to a partner company; everybody else to the owner's own company.
            let companyID = type == 2 ? context.plan.firstCustomerCompanyID + random.int(below: context.plan.companies) : SeedPlan.ownCompanyID
            let salutation = random.chance(50) ? (given.isFemale ? "Ms" : "Mr") : nil
            let title = type == 3 ? "Integration" : random.pick(["Support agent", "Senior support agent", "Sales representative", "Team lead", "Consultant", "Key account manager"])
            let email = type == 4 ? nil : "\(userName)@nordlys.example"

            try writer.insert([
                .integer(Int64(id)), .text(name), .text(userName), .text(given.name), .text(middle), .text(family.name),
                .text(salutation), .text(title), .text(email),
                .integer(Int64(id)), .integer(Int64(companyID)), .integer(Int64(group)), .integer(Int64(role)),
                .integer(Int64(type)), .text("\(title), \(groupNames[group - 1])"),
                .integer(isServiceUser ? 1_000 + id : nil), .flag(isServiceUser && random.chance(20)),
                .text(isServiceUser ? "\(given.name) \(family.name.prefix(1))." : nil), .integer(ejStatus),
                .text(credential?.0), .text(credential?.1), .flag(isActive),
                .text(random.chance(40) ? "portraits/associate-\(id).jpg" : nil), .text(passwordHash),
                .datetime(registered), .datetime(updated), .text(isDemo ? "write" : "read"),
            ])
            var otherGroups = Set<Int>()
            for _ in 0..<random.int(below: 3) {
                let other = random.int(in: 1...groupNames.count)
                if other != group && otherGroups.insert(other).inserted {
                    try groupWriter.insert([.integer(Int64(id)), .integer(Int64(other))])
                }
            }

            if isActive { result.active.append(id) } else { result.inactive.append(id) }
            if type <= 2 {
                result.agentIDs.append(id)
                result.agentWeights.append((isActive ? 5 : 1) * (group == 2 ? 4 : 1))
            }
            // The associate's own person record, inserted with the customers.
            result.personRows.append(PersonSeeder.employeeRow(
                id: id, companyID: companyID, given: given, middle: middle, family: family,
                salutation: salutation, title: title, email: email, region: region, registered: registered))
        }
        return result
    }

    /// The demo user's hash, with a salt derived from the seed so that the same seed gives the same file.
    private static func demoPasswordHash(_ context: SeedContext) -> String {
        var random = context.random(.passwordSalt)
        let salt = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return PasswordHasher.hash(demoPassword, salt: salt, iterations: context.options.passwordIterations)
    }
}
