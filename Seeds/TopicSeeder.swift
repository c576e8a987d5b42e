import ArchiveCore
import ArchiveSQLite

/// Inserts the chat topics (channels) from `Data/topics.tsv`.
enum TopicSeeder {
    static func seed(_ connection: Connection, _ context: SeedContext) throws -> Int {
        var random = context.random(.topics)
        let writer = try TableWriter(
            connection, table: "chat_topic", columns: ["id", "name", "description", "badge_header", "language_id", "registered", "updated"])
        let topics = context.data.topics.prefix(context.plan.topics)
        for (offset, topic) in topics.enumerated() {
            let registered = context.moment(before: context.endSeconds - Int64(5 * 365 * 86_400), withinDays: 365, &random)
            let updated: Int64? = random.chance(60) ? context.moment(between: registered, and: context.endSeconds, &random) : nil
            try writer.insert([
                .integer(Int64(offset + 1)), .text(topic.name),
                // A few channels have no description or badge, so that empty values show up.
                .text(offset % 7 == 6 ? nil : topic.description), .text(offset % 5 == 4 ? nil : topic.badgeHeader),
                .integer(Int64(topic.languageID)), .datetime(registered), .datetime(updated),
            ])
        }
        return topics.count
    }
}
