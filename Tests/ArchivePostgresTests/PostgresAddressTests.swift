import ArchiveCore
import ArchivePostgres
import Testing

@Suite("PostgreSQL URLs")
struct PostgresAddressTests {
    @Test func readsAHostPortUserPasswordAndDatabase() throws {
        let address = try PostgresAddress(url: "postgres://ann:s%40cret@db.example:6543/archive", environment: [:])
        #expect(address.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(address.user == "ann")
        #expect(address.password == "s@cret")
        #expect(address.database == "archive")
        // The password never shows in messages or cache keys.
        #expect(address.description == "postgres://ann@db.example:6543/archive")
    }

    @Test func readsASocketFolderAndTheDefaultPort() throws {
        let address = try PostgresAddress(url: "postgresql://ann@/archive?host=/run/postgresql", environment: ["PGPASSWORD": "from-env"])
        #expect(address.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(address.password == "from-env")
        #expect(address.description == "postgres://ann@/archive?host=/run/postgresql")
        let other = try PostgresAddress(url: "postgres://ann@/archive?host=/tmp/x&port=7000", environment: [:])
        #expect(other.endpoint == .socket(path: "/tmp/x/.s.PGSQL.7000"))
        #expect(other.description == "postgres://ann@/archive?host=/tmp/x&port=7000")
        #expect(try PostgresAddress(url: "postgres://ann@localhost/archive", environment: [:]).endpoint == .tcp(host: "localhost", port: 5432))
    }

    @Test(arguments: [
        ("postgres://localhost/archive", "names no user"),
        ("postgres://ann@localhost", "names no database"),
        ("postgres://ann@localhost/", "names no database"),
        ("postgres://ann@/archive", "names no host"),
        ("postgres://ann@localhost/archive?sslmode=require", "sslmode=require is not supported"),
        ("postgres://ann@localhost/archive?application=x", "does not read: application"),
        ("postgres://ann@/archive?host=/tmp&port=99999", "port=99999 is not a port number"),
        ("archive.sqlite", "is not a PostgreSQL URL"),
    ])
    func refusesWhatItCannotConnectTo(url: String, message: String) {
        let error = #expect(throws: PostgresError.self) { try PostgresAddress(url: url, environment: [:]) }
        #expect(error?.message.contains(message) == true, "\(url): \(error?.message ?? "")")
    }

    @Test func tellsURLsFromFiles() {
        #expect(PostgresAddress.isURL("postgres://a@b/c"))
        #expect(PostgresAddress.isURL("postgresql://a@b/c"))
        #expect(!PostgresAddress.isURL("postgres.sqlite"))
        #expect(!PostgresAddress.isURL("/var/lib/postgres://x"))
    }
}
