import ArchiveCore
/// The word lists in `Seeds/Data/`, parsed from the copies compiled into the binary.
struct SeedData: Sendable {
    struct ListItem: Sendable {
        let list: String
        let id: Int
        let names: [String]  // English, Norwegian, Swedish, German
    }

    struct GivenName: Sendable {
        let isFemale: Bool
        let name: String
        let kana: String?
    }

    struct FamilyName: Sendable {
        let name: String
        let kana: String?
    }

    struct Salutation: Sendable {
        let isFemale: Bool
        let text: String
    }

    struct Topic: Sendable {
        let name: String
        let description: String
        let badgeHeader: String
        let languageID: Int
    }

    let listItems: [ListItem]
    /// Given and family names by region code (`no`, `se`, …, `jp`).
    let givenNames: [String: [GivenName]]
    let familyNames: [String: [FamilyName]]
    let companyFirstWords: [String]
    let companySecondWords: [String]
    let legalSuffixes: [String: [String]]
    let departments: [String]
    let jobTitles: [String]
    let salutations: [Salutation]
    let topics: [Topic]
    let firstMessages: [MessageTemplate]
    let lastMessages: [MessageTemplate]
    let products: [String]

    static let shared = SeedData()

    private init() {
        listItems = Self.rows(PackageResources.lists_tsv).map {
            ListItem(list: $0[0], id: Int($0[1])!, names: Array($0[2...5]))
        }
        var given: [String: [GivenName]] = [:]
        for row in Self.rows(PackageResources.first_names_tsv) {
            given[row[0], default: []].append(GivenName(isFemale: row[1] == "F", name: row[2], kana: row.count > 3 ? row[3] : nil))
        }
        givenNames = given
        var family: [String: [FamilyName]] = [:]
        for row in Self.rows(PackageResources.last_names_tsv) {
            family[row[0], default: []].append(FamilyName(name: row[1], kana: row.count > 2 ? row[2] : nil))
        }
        familyNames = family
        let companyRows = Self.rows(PackageResources.companies_tsv)
        companyFirstWords = companyRows.filter { $0[0] == "first" }.map { $0[1] }
        companySecondWords = companyRows.filter { $0[0] == "second" }.map { $0[1] }
        departments = companyRows.filter { $0[0] == "department" }.map { $0[1] }
        var suffixes: [String: [String]] = [:]
        for row in companyRows where row[0] == "suffix" { suffixes[row[1], default: []].append(row[2]) }
        legalSuffixes = suffixes
        let peopleRows = Self.rows(PackageResources.people_tsv)
        jobTitles = peopleRows.filter { $0[0] == "title" }.map { $0[1] }
        salutations = peopleRows.filter { $0[0] == "mrmrs" }.map { Salutation(isFemale: $0[1] == "F", text: $0[2]) }
        topics = Self.rows(PackageResources.topics_tsv).map {
            Topic(name: $0[0], description: $0[1], badgeHeader: $0[2], languageID: Int($0[3])!)
        }
        let messageRows = Self.rows(PackageResources.messages_tsv)
        firstMessages = messageRows.filter { $0[0] == "first" }.map { MessageTemplate($0[1]) }
        lastMessages = messageRows.filter { $0[0] == "last" }.map { MessageTemplate($0[1]) }
        products = Self.rows(PackageResources.products_txt).map { $0[0] }
    }

    /// The tab-separated fields of every line that is neither blank nor a `#` comment.
    private static func rows(_ bytes: [UInt8]) -> [[String]] {
        // Split on scalars so that a file checked out with CRLF line ends still parses.
        String(decoding: bytes, as: UTF8.self).unicodeScalars
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { Substring(String($0)) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
