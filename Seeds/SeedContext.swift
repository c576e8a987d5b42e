import ArchiveCore
import ArchiveSchema

/// What every generator shares: the options, the plan, the word lists and the time span.
struct SeedContext: Sendable {
    let options: SeedOptions
    let plan: SeedPlan
    let data: SeedData

    /// The streams of random numbers, one per generator, so that each table's rows depend only on
    /// the seed and that table's own counts.
    enum Stream: UInt64 {
        case associates = 1, companies, persons, topics, chats, chatTimes, passwordSalt, details, personDetails, companyDetails
    }

    init(options: SeedOptions) {
        self.options = options
        self.plan = SeedPlan(chats: options.chats)
        self.data = SeedData.shared
    }

    func random(_ stream: Stream) -> SeedRandom { SeedRandom(seed: options.seed, stream: stream.rawValue) }

    /// The first second after the `--end` day: no chat is requested at or after it.
    var endSeconds: Int64 { (options.endDay + 1) * 86_400 }

    /// The first day of the five years of chats.
    var firstChatDay: Int64 { options.endDay - 5 * 365 }

    /// A moment in the `days` days before `end`, at a uniformly random second.
    func moment(before end: Int64, withinDays days: Int, _ random: inout SeedRandom) -> Int64 {
        end - 1 - Int64(random.int(below: days * 86_400))
    }

    /// A moment between two others (inclusive of `start`).
    func moment(between start: Int64, and end: Int64, _ random: inout SeedRandom) -> Int64 {
        guard end > start else { return start }
        return start + Int64(random.int(below: Int(end - start)))
    }

    /// A given name and a family name from a region's lists.
    func personName(in region: Region, _ random: inout SeedRandom) -> (given: SeedData.GivenName, family: SeedData.FamilyName) {
        let given = random.pick(data.givenNames[region.namesCode]!)
        let family = random.pick(data.familyNames[region.namesCode]!)
        return (given, family)
    }
}
