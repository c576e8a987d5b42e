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
        var taken = TakenNames()
        for id in 1...context.plan.associates {
            let associate = draw(id, context, &taken, &random)
            try writer.insert(row(associate, context, &random))
            try insertOtherGroups(associate, into: groupWriter, &random)
            record(associate, in: &result)
        }
        return result
    }

    private static let typeChoice = WeightedChoice([85, 7, 5, 3])  // associate, external, system, anonymous
    private static let groupChoice = WeightedChoice([25, 50, 8, 7, 6, 4])
    private static let roleChoice = WeightedChoice([55, 8, 10, 5, 22])
    private static let groupNames = ["Sales", "Support", "Marketing", "Administration", "Management", "Partners"]

    /// One associate as drawn, before it becomes rows.
    private struct DrawnAssociate {
        let id: Int
        let isDemo: Bool
        let region: Region
        let given: SeedData.GivenName
        let middle: String?
        let family: SeedData.FamilyName
        /// 1 associate, 2 external, 3 system, 4 anonymous.
        let type: Int
        let isActive: Bool
        let name: String
        let userName: String
        let group: Int
        let role: Int
        let isServiceUser: Bool
        let ejStatus: Int?
        /// The credential's type and display value; none for anonymous users.
        let credential: (String, String)?
        let registered: Int64
        let updated: Int64?
        let companyID: Int
        let salutation: String?
        let title: String

        var email: String? { type == 4 ? nil : "\(userName)@nordlys.example" }
    }

    /// The short names and user names given so far.
    private struct TakenNames {
        var names = Set<String>()
        var userNames = Set<String>()

        /// Short name: initials, numbered when taken; user name: the initials in lower-case ASCII plus a digit.
        mutating func claim(given: String, family: String, isDemo: Bool) -> (name: String, userName: String) {
            let initials = (String(given.prefix(1)) + String(family.prefix(2))).uppercased()
            var name = isDemo ? "TJE" : initials
            var suffix = 2
            while names.contains(name) { name = initials + String(suffix); suffix += 1 }
            names.insert(name)
            let userBase = isDemo ? "tje" : ASCIIFolding.fold(initials, separator: "_")
            var userNumber = 0
            var userName = isDemo ? demoUserName : "\(userBase)\(userNumber)"
            while userNames.contains(userName) { userNumber += 1; userName = "\(userBase)\(userNumber)" }
            userNames.insert(userName)
            return (name, userName)
        }
    }

    /// Draws associate `id`. The draws are in the order the seeded rows depend on: the same seed
    /// must give the same rows (the tests pin them by a digest), so no draw may move.
    private static func draw(_ id: Int, _ context: SeedContext, _ taken: inout TakenNames, _ random: inout SeedRandom) -> DrawnAssociate {
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
        let (name, userName) = taken.claim(given: given.name, family: family.name, isDemo: isDemo)
        let group = isDemo ? 2 : groupChoice.draw(&random) + 1
        let role = isDemo ? 2 : roleChoice.draw(&random) + 1
        let isServiceUser = type <= 2 && (isDemo || random.chance(80))
        let ejStatus: Int? = isServiceUser ? (isActive ? (random.chance(6) ? 2 : random.chance(2) ? 4 : 1) : 3) : nil
        let credential = Self.credential(type: type, userName: userName, isDemo: isDemo, &random)
        let registered = context.moment(before: context.endSeconds - Int64(400 * 86_400), withinDays: 6 * 365, &random)
        let updated: Int64? = random.chance(60) ? context.moment(between: registered, and: context.endSeconds, &random) : nil
        // External users belong to a partner company; everybody else to the owner's own company.
        let companyID = type == 2 ? context.plan.firstCustomerCompanyID + random.int(below: context.plan.companies) : SeedPlan.ownCompanyID
        let salutation = random.chance(50) ? (given.isFemale ? "Ms" : "Mr") : nil
        let title = type == 3 ? "Integration" : random.pick(["Support agent", "Senior support agent", "Sales representative", "Team lead", "Consultant", "Key account manager"])
        return DrawnAssociate(
            id: id, isDemo: isDemo, region: region, given: given, middle: middle, family: family, type: type, isActive: isActive,
            name: name, userName: userName, group: group, role: role, isServiceUser: isServiceUser, ejStatus: ejStatus,
            credential: credential, registered: registered, updated: updated, companyID: companyID, salutation: salutation, title: title)
    }

    /// How the associate signs in: none for anonymous users, the user name for system users, and
    /// mostly a password for the others.
    private static func credential(type: Int, userName: String, isDemo: Bool, _ random: inout SeedRandom) -> (String, String)? {
        switch type {
        case 4: return nil
        case 3: return ("System", userName)
        default:
            if isDemo || random.chance(70) { return ("Password", userName) }
            return random.chance(80) ? ("Active Directory", "NORDLYS\\\(userName)") : ("SAML", "\(userName)@nordlys.example")
        }
    }

    /// The `associate` row, in ``columns`` order. It draws the last two chances (simultaneous
    /// use, portrait) itself, in that order, after everything ``draw(_:_:_:_:)`` draws.
    private static func row(_ associate: DrawnAssociate, _ context: SeedContext, _ random: inout SeedRandom) -> [DatabaseValue] {
        let id = associate.id, given = associate.given, family = associate.family, userName = associate.userName
        let isServiceUser = associate.isServiceUser
        let passwordHash: String? = associate.isDemo ? demoPasswordHash(context) : nil
        return [
            .integer(Int64(id)), .text(associate.name), .text(userName), .text(given.name), .text(associate.middle), .text(family.name),
            .text(associate.salutation), .text(associate.title), .text(associate.email),
            .integer(Int64(id)), .integer(Int64(associate.companyID)), .integer(Int64(associate.group)), .integer(Int64(associate.role)),
            .integer(Int64(associate.type)), .text("\(associate.title), \(groupNames[associate.group - 1])"),
            .integer(isServiceUser ? 1_000 + id : nil), .flag(isServiceUser && random.chance(20)),
            .text(isServiceUser ? "\(given.name) \(family.name.prefix(1))." : nil), .integer(associate.ejStatus),
            .text(associate.credential?.0), .text(associate.credential?.1), .flag(associate.isActive),
            .text(random.chance(40) ? "portraits/associate-\(id).jpg" : nil), .text(passwordHash),
            .datetime(associate.registered), .datetime(associate.updated), .text(associate.isDemo ? "write" : "read"),
        ]
    }

    /// Up to two secondary groups, other than the associate's own.
    private static func insertOtherGroups(_ associate: DrawnAssociate, into writer: TableWriter, _ random: inout SeedRandom) throws {
        var otherGroups = Set<Int>()
        for _ in 0..<random.int(below: 3) {
            let other = random.int(in: 1...groupNames.count)
            if other != associate.group && otherGroups.insert(other).inserted {
                try writer.insert([.integer(Int64(associate.id)), .integer(Int64(other))])
            }
        }
    }

    /// What later generators need of the associate: whether it is active, how often it chats
    /// (support agents chat most), and its own person record, inserted with the customers.
    private static func record(_ associate: DrawnAssociate, in result: inout SeededAssociates) {
        let id = associate.id
        if associate.isActive { result.active.append(id) } else { result.inactive.append(id) }
        if associate.type <= 2 {
            result.agentIDs.append(id)
            result.agentWeights.append((associate.isActive ? 5 : 1) * (associate.group == 2 ? 4 : 1))
        }
        result.personRows.append(PersonSeeder.employeeRow(
            id: id, companyID: associate.companyID, given: associate.given, middle: associate.middle, family: associate.family,
            salutation: associate.salutation, title: associate.title, email: associate.email, region: associate.region,
            registered: associate.registered))
    }

    /// The demo user's hash, with a salt derived from the seed so that the same seed gives the same file.
    private static func demoPasswordHash(_ context: SeedContext) -> String {
        var random = context.random(.passwordSalt)
        let salt = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return PasswordHasher.hash(demoPassword, salt: salt, iterations: context.options.passwordIterations)
    }
}
