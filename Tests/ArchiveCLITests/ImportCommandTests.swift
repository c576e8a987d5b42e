import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// `archive import`: an export of one archive imports into an empty one with the same answers,
/// importing twice changes nothing, and bad lines are reported by number.
@Suite("archive import")
struct ImportCommandTests {
    static let source: String = try! SeededDatabase.path(chats: 600, seed: 13)

    func archive(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try CommandRunner.archive(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    /// The answers compared between the source and the imported archive.
    static let queries: [[String]] = [
        ["--select", "chatSessionId,whenRequested,whenStarted,whenEnded,firstMessage,lastMessage,status,rating,queueLength,duration", "--order-by", "chatSessionId"],
        ["--select", "chatSessionId,chatTopic/name,person/fullName,person/personCountry,person/title,contact/name,contact/country,associate/fullName,associateId", "--order-by", "chatSessionId"],
        ["--select", "GroupBy(chatTopic/name):HideDetail,Count(chatSessionId),Avg(rating),Sum(duration)", "--order-by", "chatTopic/name"],
        ["--select", "chatSessionId", "--filter", "person/lastName begins 'B' and rating ge 3 and whenRequested thisYear", "--order-by", "person/lastName,chatSessionId"],
        ["--select", "chatSessionId,status", "--filter", "status oneOf (7, 9) and contact/country oneOf (1, 2)", "--order-by", "whenRequested desc"],
        // V008: the first e-mail address, phone and web address; addresses; items of the shared lists.
        ["--select", "chatSessionId,person/email/emailAddress,person/email/emailBounceCount,person/email/emailLastSent,person/personMobilePhone/formattedNumber,person/personDirectPhone/description,person/personUrl/URLAddress,contact/email/emailAddress,contact/contactPhone/formattedNumber,person/personAddress/city,person/personAddress/formattedAddress,contact/postAddress/zip,contact/streetAddress/line1,person/restrictionAddress/city,person/legalBaseStore,person/personUdef/SuperOffice:7,contact/contactExtra/x_contact_dropdown,contact/saintDirection,person/personInterestIds,contact/contactInterestIds", "--order-by", "chatSessionId"],
        // The details, user-defined and extra fields of V008.
        ["--select", "chatSessionId,person/isMailingRecipient,person/hasStoreConsent,person/personUdef/SuperOffice:1,person/personUdef/SuperOffice:5,person/personUdef/SuperOffice:8,person/personExtra/x_person_timespan,person/personExtra/x_person_category_relation,person/personExtra/x_person_user_relation,contact/NumberOfSales,contact/LastSale,contact/SaintStatus1,contact/contactUdef/SuperOffice:3,contact/contactExtra/x_contact_datetime", "--order-by", "chatSessionId"],
    ]

    @Test func anExportImportsIntoAnEmptyArchiveWithTheSameAnswers() throws {
        let directory = try TemporaryDirectory()
        let columns = try archive(["import", "--print-columns"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(columns.hasPrefix("chatSessionId,") && columns.contains("person/lastName") && !columns.contains("person/fullName"))
        #expect(columns.contains("person/personUdef/SuperOffice:8") && columns.contains("contact/NumberOfSales") && columns.contains("person/email/emailAddress"))
        #expect(!columns.contains("person/searchPhone/") && columns.contains("person/personInterestIds"))
        let export = directory.file("chats.ndjson")
        let exported = try archive(["query", "--db", Self.source, "--select", columns, "--format", "ndjson"])
        try exported.standardOutput.write(toFile: export, atomically: true, encoding: .utf8)

        let target = directory.file("imported.sqlite")
        let first = try archive(["import", "--db", target, export])
        #expect(first.standardOutput.contains("Imported 600 lines"))
        #expect(first.standardOutput.contains("chat_session: 600 created, 0 changed, 0 unchanged"))
        for query in Self.queries {
            let expected = try archive(["query", "--db", Self.source, "--format", "csv"] + query).standardOutput
            let actual = try archive(["query", "--db", target, "--format", "csv"] + query).standardOutput
            #expect(actual == expected, "\(query)")
            #expect(expected.split(separator: "\n").count > 1, "\(query) found nothing to compare")
        }

        // Twice: nothing changes, to the byte of every row.
        let dump = try #require(CommandRunner.sqlite3)
        let before = try CommandRunner.run(dump, [target, ".dump chat_session person contact associate chat_topic person_email person_phone address person_detail contact_detail list_item person_interest"]).standardOutput
        let second = try archive(["import", "--db", target, export])
        #expect(second.standardOutput.contains("chat_session: 0 created, 0 changed, 600 unchanged"))
        #expect(try CommandRunner.run(dump, [target, ".dump chat_session person contact associate chat_topic person_email person_phone address person_detail contact_detail list_item person_interest"]).standardOutput == before)
    }

    @Test func csvAndJSONImportToo() throws {
        let directory = try TemporaryDirectory()
        let columns = "chatSessionId,whenRequested,status,rating,firstMessage,chatTopic/chatTopicId,chatTopic/name,personId,person/firstName,person/lastName"
        for format in ["csv", "json"] {
            let file = directory.file("chats.\(format)")
            try archive(["query", "--db", Self.source, "--select", columns, "--top", "50", "--format", format]).standardOutput.write(toFile: file, atomically: true, encoding: .utf8)
            let target = directory.file("\(format).sqlite")
            #expect(try archive(["import", "--db", target, file]).standardOutput.contains("Imported 50 lines"))
            let query = ["--select", "chatSessionId,status,rating,firstMessage,chatTopic/name,person/lastName", "--top", "50", "--format", "csv"]
            #expect(try archive(["query", "--db", target] + query).standardOutput == (try archive(["query", "--db", Self.source] + query).standardOutput), "\(format)")
        }
    }

    /// A list item a line names that the archive lacks is created, and the line's row points at
    /// it, also after the import has read which rows the list's table has (for an earlier line's
    /// reference): it is not emptied as a reference to a row the archive does not have.
    @Test func aNewListItemIsCreatedAndReferenced() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("target.sqlite")
        let first = directory.file("first.ndjson")
        try (#"{"chatSessionId": 1, "whenRequested": "2026-11-01T10:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "chatTopic/name": "Sales"}"# + "\n")
            .write(toFile: first, atomically: true, encoding: .utf8)
        _ = try archive(["import", "--db", target, first])
        let lines = [
            #"{"chatSessionId": 2, "whenRequested": "2026-11-01T11:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "personId": 900, "person/lastName": "Quist", "person/personBusiness": "Consulting"}"#,
            #"{"chatSessionId": 3, "whenRequested": "2026-11-01T12:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "personId": 901, "person/lastName": "Quint", "person/personBusiness": "Quantum Brewing"}"#,
        ]
        let file = directory.file("people.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try archive(["import", "--db", target, file])
        #expect(!result.standardOutput.contains("person.business_id"), "\(result.standardOutput)")
        let rows = try archive(["query", "--db", target, "--select", "chatSessionId,person/personBusiness", "--filter", "chatSessionId eq 3", "--format", "csv"]).standardOutput
        #expect(rows == "chatSessionId,person/personBusiness\n3,Quantum Brewing\n", "\(rows)")
    }

    @Test func listItemsAreFoundByNameInAnyCaseAlsoInMemberLists() throws {
        // A list item is found by its name in any case, whether the line names it in a column of
        // its own or among a member list; one created by an earlier line is found so too.
        let directory = try TemporaryDirectory()
        let target = directory.file("target.sqlite")
        let lines = [
            #"{"chatSessionId": 1, "whenRequested": "2026-11-01T10:00:00", "status": "finished", "chatTopic/chatTopicId": 1, "chatTopic/name": "Sales", "personId": 900, "person/lastName": "Quist", "person/personBusiness": "Quantum Brewing", "person/personInterestIds": "Hiking, Chess"}"#,
            #"{"chatSessionId": 2, "whenRequested": "2026-11-01T11:00:00", "status": "FINISHED", "chatTopic/chatTopicId": 1, "personId": 901, "person/lastName": "Quint", "person/personBusiness": "QUANTUM BREWING", "person/personInterestIds": "chess, HIKING"}"#,
        ]
        let file = directory.file("lists.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try archive(["import", "--db", target, file])
        // The same status, the same business and the same two interests for both chats.
        let rows = try archive([
            "query", "--db", target, "--select", "chatSessionId,status,person/personBusiness", "--format", "csv", "--order-by", "chatSessionId",
        ]).standardOutput
        #expect(rows == "chatSessionId,status,person/personBusiness\n1,Finished,Quantum Brewing\n2,Finished,Quantum Brewing\n", "\(rows)")
        let interests = try archive(["query", "--db", target, "--select", "person/personInterestIds", "--format", "csv", "--order-by", "chatSessionId"]).standardOutput
        let lists = interests.split(separator: "\n").dropFirst().map { Set($0.replacingOccurrences(of: "\"", with: "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        #expect(lists.count == 2 && lists[0] == lists[1] && lists[0].count == 2, "\(interests)")
    }

    /// Lines without ids match their rows by name also in a bulk load (an archive without
    /// chats, its indexes dropped): the table searched gets its indexes back first, and every
    /// index is there at the end.
    @Test func aBulkLoadMatchesRowsByName() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("target.sqlite")
        let lines = (1...3).map { number in
            #"{"chatSessionId": \#(number), "whenRequested": "2026-11-0\#(number)T10:00:00", "status": "Finished", "chatTopic/name": "Sales", "person/firstName": "Ada", "person/lastName": "Quist", "contact/name": "Quist AS"}"#
        }
        let file = directory.file("by-name.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try archive(["import", "--db", target, file])
        #expect(result.standardOutput.contains("person: 1 created"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("contact: 1 created") && result.standardOutput.contains("chat_topic: 1 created"), "\(result.standardOutput)")
        let rows = try archive(["query", "--db", target, "--select", "chatSessionId,personId,contactId,chatTopic/chatTopicId", "--format", "csv"]).standardOutput
        #expect(Set(rows.split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropFirst().joined(separator: ",") }).count == 1, "\(rows)")
        let indexes = "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
        let fresh = directory.file("fresh.sqlite")
        _ = try archive(["migrate", "--db", fresh])
        #expect(try Connection(path: target).scalar(indexes) == Connection(path: fresh).scalar(indexes))
    }

    @Test func aBadLineIsReportedByNumberAndStopsItsBatch() throws {
        let directory = try TemporaryDirectory()
        let lines = [
            #"{"chatSessionId": 1, "whenRequested": "2026-11-01T10:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "chatTopic/name": "Sales"}"#,
            #"{"chatSessionId": 2, "whenRequested": "2026-11-01T11:00:00", "status": "Finished", "chatTopic/chatTopicId": 1}"#,
            #"{"chatSessionId": 3, "whenRequested": "not a date", "status": "Finished", "chatTopic/chatTopicId": 1}"#,
            #"{"chatSessionId": 4, "whenRequested": "2026-11-01T12:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "rating": 9}"#,
            "this is not json",
            #"{"chatSessionId": 6, "whenRequested": "2026-11-01T13:00:00", "status": "Finished", "chatTopic/chatTopicId": 1, "colour": "red"}"#,
            #"{"whenRequested": "2026-11-01T14:00:00", "status": "Finished", "chatTopic/chatTopicId": 1}"#,
            #"{"chatSessionId": 8, "whenRequested": "2026-11-01T15:00:00", "status": "Finished", "chatTopic/chatTopicId": 1}"#,
        ]
        let file = directory.file("bad.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        // Without --skip-bad: the first bad line stops it. Into an archive without chats the
        // import is one transaction: nothing is written, whatever the batch size.
        let target = directory.file("target.sqlite")
        let stopped = try CommandRunner.archive(["import", "--db", target, file, "--batch-size", "2"])
        #expect(stopped.status != 0)
        #expect(stopped.standardError.contains("line 3: whenRequested must be a datetime"), "\(stopped.standardError)")
        #expect(stopped.standardError.contains("nothing of the file was written"), "\(stopped.standardError)")
        let count = ["query", "--db", target, "--select", "chatSessionId", "--format", "csv"]
        #expect(try archive(count).standardOutput == "chatSessionId\n")
        // The indexes it dropped came back with the rollback.
        let indexes = "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
        let fresh = directory.file("fresh.sqlite")
        _ = try archive(["migrate", "--db", fresh])
        #expect(try Connection(path: target).scalar(indexes) == Connection(path: fresh).scalar(indexes))

        // Into an archive with chats, batches of 2: the lines before the bad line's batch stay.
        let last = directory.file("first.ndjson")
        try (lines[0] + "\n").write(toFile: last, atomically: true, encoding: .utf8)
        _ = try archive(["import", "--db", target, last])
        let batched = try CommandRunner.archive(["import", "--db", target, file, "--batch-size", "2"])
        #expect(batched.status != 0)
        #expect(batched.standardError.contains("nothing of its batch was written"), "\(batched.standardError)")
        #expect(try archive(count).standardOutput == "chatSessionId\n1\n2\n")

        // With --skip-bad: every bad line reported, the good ones imported.
        let skipped = try archive(["import", "--db", target, file, "--skip-bad"])
        for (number, words) in [(3, "whenRequested"), (4, "rating"), (5, "not valid JSON"), (6, "'colour' is not a column"), (7, "chatSessionId is missing")] {
            #expect(skipped.standardError.contains("skipped line \(number): ") && skipped.standardError.contains(words), "line \(number): \(skipped.standardError)")
        }
        #expect(skipped.standardOutput.contains("Imported 3 lines") && skipped.standardOutput.contains("skipped 5"))
        #expect(try archive(count).standardOutput == "chatSessionId\n1\n2\n8\n")
    }
}
