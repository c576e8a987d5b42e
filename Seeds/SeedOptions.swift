import ArchiveCore
public import ArchiveAuth
import ArchiveSchema

/// What to seed.
public struct SeedOptions: Sendable {
    /// The number of chat sessions.
    public var chats: Int
    /// The seed of the random-number generator: the same seed, chat count and end date give the same rows.
    public var seed: UInt64
    /// The last day (UTC) on which chats are requested, as days since 1970-01-01. Chats span the
    /// five years that end with this day.
    public var endDay: Int64
    /// With the default end (today): the moment of seeding. Nothing is requested, started or
    /// ended after it, so that a demo archive seeded at 03:00 holds no chat of 17:45 that day.
    /// Nil with an explicit end day: chats then run to that day's end.
    public var cutoff: Int64?
    /// Replace an existing file.
    public var force: Bool
    /// The PBKDF2 cost of the demo user's password hash (lower only in tests).
    public var passwordIterations: Int

    /// The most chats one database may be seeded with.
    public static let maximumChats = 100_000_000

    /// The end days the generator accepts: 1980-01-01 to 9000-12-31, so that every date it
    /// derives (up to nine years earlier) has four digits.
    public static let endDays: ClosedRange<Int64> = StoredDateTime.days(year: 1980, month: 1, day: 1)...StoredDateTime.days(year: 9000, month: 12, day: 31)

    public init(
        chats: Int,
        seed: UInt64 = 1,
        endDay: Int64? = nil,
        force: Bool = false,
        passwordIterations: Int = PasswordHasher.defaultIterations
    ) {
        self.chats = chats
        self.seed = seed
        self.endDay = endDay ?? SeedOptions.today()
        self.cutoff = endDay == nil ? WallClock.secondsSince1970() : nil
        self.force = force
        self.passwordIterations = passwordIterations
    }

    /// Today's date in UTC, as days since 1970-01-01.
    public static func today() -> Int64 {
        StoredDateTime.floorDivide(WallClock.secondsSince1970(), 86_400).quotient
    }
}

/// How many rows of each table a seeded database of N chats gets.
public struct SeedPlan: Sendable, Equatable {
    public let chats: Int
    public let associates: Int
    public let companies: Int
    public let customers: Int
    public let topics: Int

    public init(chats: Int) {
        self.chats = chats
        associates = max(10, chats / 2_000)
        companies = max(5, chats / 50)
        customers = max(20, chats / 5)
        topics = min(24, 5 + chats / 40_000)
    }

    /// The archive owner's own company, where the associates' person records belong.
    public static let ownCompanyID = 1
    /// Customer companies are numbered after the own company.
    public var firstCustomerCompanyID: Int { 2 }
    /// Persons 1…associates are the associates' own records; customers follow.
    public var firstCustomerPersonID: Int { associates + 1 }
}
