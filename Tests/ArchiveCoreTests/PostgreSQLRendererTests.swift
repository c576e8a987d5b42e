import ArchiveSQLite
import Testing

@testable import ArchiveCore

/// The PostgreSQL renderer where it must write something other than SQLite's text for the same
/// plan to give the same rows.
@Suite("The PostgreSQL renderer")
struct PostgreSQLRendererTests {
    /// `SELECT … ORDER BY last_name, when_requested DESC LIMIT <page rows>` on one table.
    static let ordered = SQLSelect(
        columns: [.column(.relation("chat_session"), "id")],
        from: SQLFrom(SQLTableReference("chat_session", as: .relation("chat_session"))),
        orderBy: [
            SQLOrderKey(.column(.relation("chat_session"), "last_message")),
            SQLOrderKey(.column(.relation("chat_session"), "when_requested"), descending: true),
        ],
        limit: .slot(.pageRows))

    @Test func nullsSortWhereSQLitePutsThem() {
        // SQLite: NULL first ascending, last descending; PostgreSQL's default is the reverse.
        let sqlite = StatementRenderer(dialect: .sqlite).render(Self.ordered).sql
        let postgres = StatementRenderer(dialect: .postgresql).render(Self.ordered).sql
        #expect(!sqlite.contains("NULLS"))
        #expect(postgres.contains("\"last_message\" NULLS FIRST"), "\(postgres)")
        #expect(postgres.contains("\"when_requested\" DESC NULLS LAST"), "\(postgres)")
    }

    @Test func noLimitIsNullNotMinusOne() {
        let sqlite = StatementRenderer(dialect: .sqlite).render(Self.ordered)
        let postgres = StatementRenderer(dialect: .postgresql).render(Self.ordered)
        #expect(sqlite.values(pageRows: -1, pageSkip: 0, partRows: -1) == [.integer(-1)])
        #expect(postgres.values(pageRows: -1, pageSkip: 0, partRows: -1) == [.null])
        #expect(postgres.values(pageRows: 51, pageSkip: 0, partRows: -1) == [.integer(51)])
        #expect(postgres.sql.contains("$1"), "\(postgres.sql)")
    }

    /// A page ordered by `person/lastName`, walked: persons in name order, each person's chats
    /// by id (`INNER` ordered join), an agent's name joined, from a cursor.
    static let walked = SQLSelect(
        columns: [.column(.relation("chat"), "id"), .column(.relation("person"), "last_name"), .column(.relation("associate"), "full_name")],
        from: SQLFrom(SQLTableReference("person", as: .relation("person")), joins: [
            SQLJoin(.ordered, SQLTableReference("chat_session", as: .relation("chat")),
                    on: .equal(.column(.relation("person"), "id"), .column(.relation("chat"), "person_id"))),
            SQLJoin(.left, SQLTableReference("associate", as: .relation("associate")),
                    on: .equal(.column(.relation("associate"), "id"), .column(.relation("chat"), "associate_id"))),
        ]),
        filter: .and([
            .comparison(.column(.relation("chat"), "status"), .greater, .value(.integer(2))),
            .and([
                .comparison(.row([.textKey(.column(.relation("person"), "last_name")), .column(.relation("person"), "id")]),
                            .greaterOrEqual, .row([.textKey(.value(.text("Berg"))), .value(.integer(7))])),
                .comparison(.column(.relation("chat"), "id"), .greater, .value(.integer(90))),
            ]),
        ]),
        orderBy: [
            SQLOrderKey(.textKey(.column(.relation("person"), "last_name"))),
            SQLOrderKey(.column(.relation("person"), "id"), nonNull: true),
            SQLOrderKey(.column(.relation("chat"), "id"), nonNull: true),
        ],
        limit: .slot(.pageRows), offset: .slot(.pageSkip))

    @Test func aWalkedOrderReadsEachOuterRowsChatsInALimitedLateralSubquery() {
        // PostgreSQL keeps only the outer order through a nested loop: the chats of each person
        // are a LATERAL read of at most the page's reach, in id order; the outer scan is bounded
        // by the conditions on persons alone (the cursor's seek), repeated outside. The seek's
        // text is folded before it is bound ("Berg" is bound as "berg").
        let postgres = StatementRenderer(dialect: .postgresql).render(Self.walked)
        #expect(postgres.sql == """
            SELECT walk1."c0", walk1."c1", walk1."c2" FROM "person" AS "person" CROSS JOIN LATERAL (\
            SELECT "chat"."id", "person"."last_name", "associate"."full_name", "chat"."id" FROM (SELECT * FROM "chat_session" AS "chat" \
            WHERE ("person"."id" = "chat"."person_id" AND "chat"."status" > $1 \
            AND (archive_fold("person"."last_name"), "person"."id") >= ($2 COLLATE "C", $3) AND "chat"."id" > $4) \
            ORDER BY "chat"."id" LIMIT $5) AS "chat" \
            LEFT JOIN "associate" AS "associate" ON "associate"."id" = "chat"."associate_id" \
            ORDER BY "chat"."id" LIMIT $6) AS walk1("c0", "c1", "c2", "k0") \
            WHERE (archive_fold("person"."last_name"), "person"."id") >= ($2 COLLATE "C", $3) \
            ORDER BY archive_fold("person"."last_name") NULLS FIRST, "person"."id", walk1."k0" LIMIT $7 OFFSET $8
            """)
        // The inner limit is every row the page can reach; the outer one the page's own. Each
        // person's chats are chosen before their agents are joined (page-first).
        #expect(postgres.values(pageRows: 51, pageSkip: 10, partRows: 61) == [
            .integer(2), .text("berg"), .integer(7), .integer(90), .integer(61), .integer(61), .integer(51), .integer(10),
        ])
        // Without an offset, an outer row reaches at most the limit; with another slice, any row.
        var first = Self.walked
        first.offset = nil
        first.limit = .slot(.partRows)
        #expect(StatementRenderer.innerLimit(first) == .slot(.partRows))
        first.offset = .integer(3)
        #expect(StatementRenderer.innerLimit(first) == nil)
        // SQLite loops in the order written and needs none of it.
        let sqlite = StatementRenderer(dialect: .sqlite).render(Self.walked).sql
        #expect(!sqlite.contains("LATERAL") && sqlite.contains("CROSS JOIN"), "\(sqlite)")
    }

    @Test func aWalkInsideAWalkSeeksItsTableByTheJoinThatLedThere() {
        // Companies by name, each company's agents, each agent's chats: the middle walk repeats
        // the join to the company outside, so it reads the agents by company, not all of them.
        let contact = SQLTable.relation("contact"), associate = SQLTable.relation("associate"), chat = SQLTable.relation("chat")
        let nested = SQLSelect(
            columns: [.column(chat, "id")],
            from: SQLFrom(SQLTableReference("contact", as: contact), joins: [
                SQLJoin(.ordered, SQLTableReference("associate", as: associate), on: .equal(.column(contact, "id"), .column(associate, "contact_id"))),
                SQLJoin(.ordered, SQLTableReference("chat_session", as: chat), on: .equal(.column(associate, "id"), .column(chat, "associate_id"))),
            ]),
            orderBy: [
                SQLOrderKey(.textKey(.column(contact, "name"))), SQLOrderKey(.column(contact, "id"), nonNull: true),
                SQLOrderKey(.column(associate, "id"), nonNull: true), SQLOrderKey(.column(chat, "id"), nonNull: true),
            ],
            limit: .slot(.partRows))
        let postgres = StatementRenderer(dialect: .postgresql).render(nested).sql
        #expect(postgres.contains(
            #"AS walk2("c0", "c1", "c2", "k0") WHERE "contact"."id" = "associate"."contact_id" ORDER BY "associate"."id", walk2."k0" LIMIT $2) AS walk1("c0", "k0", "k1")"#),
            "\(postgres)")
        #expect(postgres.hasSuffix(#"ORDER BY archive_fold("contact"."name") NULLS FIRST, "contact"."id", walk1."k0", walk1."k1" LIMIT $3"#), "\(postgres)")
    }

    @Test func aPageChosenByItsFirstTableAloneIsChosenBeforeTheJoins() {
        // Ordered and restricted by the chat's own columns: the chats' page first, then their
        // lookups, each by the joined table's key (at most one row per chat).
        let chat = SQLTable.relation("chat"), person = SQLTable.relation("person")
        var page = SQLSelect(
            columns: [.column(chat, "id"), .column(person, "last_name")],
            from: SQLFrom(SQLTableReference("chat_session", as: chat), joins: [
                SQLJoin(.left, SQLTableReference("person", as: person), on: .equal(.column(person, "id"), .column(chat, "person_id"))),
            ]),
            filter: .and([.comparison(.column(chat, "rating"), .greater, .value(.integer(2)))]),
            orderBy: [SQLOrderKey(.column(chat, "when_requested"), descending: true), SQLOrderKey(.column(chat, "id"), nonNull: true)],
            limit: .slot(.pageRows), offset: .slot(.pageSkip))
        let postgres = StatementRenderer(dialect: .postgresql).render(page)
        #expect(postgres.sql == """
            SELECT "chat"."id", "person"."last_name" FROM (SELECT * FROM "chat_session" AS "chat" WHERE "chat"."rating" > $1 \
            ORDER BY "chat"."when_requested" DESC NULLS LAST, "chat"."id" LIMIT $2) AS "chat" \
            LEFT JOIN "person" AS "person" ON "person"."id" = "chat"."person_id" \
            ORDER BY "chat"."when_requested" DESC NULLS LAST, "chat"."id" LIMIT $3 OFFSET $4
            """)
        #expect(postgres.values(pageRows: 51, pageSkip: 10, partRows: 61) == [.integer(2), .integer(61), .integer(51), .integer(10)])
        // A restriction on a joined table chooses rows by the join: written as it is.
        page.filter = .and([.comparison(.column(person, "last_name"), .equal, .value(.text("Berg")))])
        let restricted = StatementRenderer(dialect: .postgresql).render(page).sql
        #expect(restricted.hasPrefix(#"SELECT "chat"."id", "person"."last_name" FROM "chat_session" AS "chat" LEFT JOIN"#), "\(restricted)")
        #expect(!StatementRenderer(dialect: .sqlite).render(page).sql.contains("SELECT *"))
        // An aggregate over the rows is over all of them, not a page chosen first.
        page.filter = nil
        page.columns = [.function(.count, [.column(person, "id")])]
        let counted = StatementRenderer(dialect: .postgresql).render(page).sql
        #expect(counted.hasPrefix(#"SELECT count("person"."id") FROM "chat_session" AS "chat" LEFT JOIN"#), "\(counted)")
    }

    @Test func rowsOfANullForeignKeyAreOrderedByItToo() {
        // `person_id IS NULL ORDER BY id` reads the index on (person_id, id) only when the order
        // names person_id; the key of the table itself is never NULL, so it has no NULLS clause.
        let chat = SQLTable.relation("chat")
        let segment = SQLSelect(
            columns: [.column(chat, "id")],
            from: SQLFrom(SQLTableReference("chat_session", as: chat)),
            filter: .and([.isNull(.column(chat, "rating")), .isNull(.column(chat, "person_id"))]),
            orderBy: [SQLOrderKey(.column(chat, "id"), descending: true, nonNull: true)],
            limit: .slot(.partRows))
        let postgres = StatementRenderer(dialect: .postgresql).render(segment).sql
        #expect(postgres.hasSuffix(#"ORDER BY "chat"."person_id" DESC NULLS LAST, "chat"."id" DESC LIMIT $1"#), "\(postgres)")
        let sqlite = StatementRenderer(dialect: .sqlite).render(segment).sql
        #expect(sqlite.hasSuffix(#"ORDER BY "chat"."id" DESC LIMIT ?"#), "\(sqlite)")
    }

    @Test func aBoundTextIsFoldedBeforeItIsBoundNotByTheServer() {
        // A generic plan would run archive_fold on a bound value at every row it tests; the
        // value is folded here instead (ASCII letters only, as NOCASE), under the column's "C".
        let name = SQLExpression.column(.relation("person"), "last_name")
        let like = StatementRenderer(dialect: .postgresql).render(.like(name, .value(.text("ÅsBERG\\_%"))))
        #expect(like.sql == #"archive_fold("person"."last_name") LIKE $1 COLLATE "C" ESCAPE '\'"#)
        #expect(like.values(pageRows: 0, pageSkip: 0, partRows: 0) == [.text("Åsberg\\_%")])
        let seek = StatementRenderer(dialect: .postgresql).render(.comparison(.textKey(name), .greater, .textKey(.value(.text("Berg")))))
        #expect(seek.sql == #"archive_fold("person"."last_name") > $1 COLLATE "C""#)
        #expect(seek.values(pageRows: 0, pageSkip: 0, partRows: 0) == [.text("berg")])
        // A value that is not a bound text is folded by the server, as before.
        let column = StatementRenderer(dialect: .postgresql).render(.textKey(name))
        #expect(column.sql == #"archive_fold("person"."last_name")"#)
    }

    @Test func globPatternsBecomeAnchoredRegularExpressions() {
        #expect(StatementRenderer.regularExpression(glob: "Ber*") == "^Ber.*$")
        #expect(StatementRenderer.regularExpression(glob: "a?c") == "^a.c$")
        #expect(StatementRenderer.regularExpression(glob: "[]x]1.5") == "^[]x]1\\.5$")
        #expect(StatementRenderer.regularExpression(glob: "(a+b)") == "^\\(a\\+b\\)$")
    }
}
