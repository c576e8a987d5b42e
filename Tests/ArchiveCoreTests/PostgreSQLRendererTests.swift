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

    @Test func globPatternsBecomeAnchoredRegularExpressions() {
        #expect(StatementRenderer.regularExpression(glob: "Ber*") == "^Ber.*$")
        #expect(StatementRenderer.regularExpression(glob: "a?c") == "^a.c$")
        #expect(StatementRenderer.regularExpression(glob: "[]x]1.5") == "^[]x]1\\.5$")
        #expect(StatementRenderer.regularExpression(glob: "(a+b)") == "^\\(a\\+b\\)$")
    }
}
