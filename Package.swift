// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode plus the upcoming features
/// that keep existentials explicit and imports deliberate.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "archive-engine",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "archive", targets: ["archive"]),
        .library(name: "ArchiveSQLite", targets: ["ArchiveSQLite"]),
        .library(name: "ArchiveCore", targets: ["ArchiveCore"]),
        .library(name: "ArchiveQueryLanguage", targets: ["ArchiveQueryLanguage"]),
        .library(name: "ArchiveServer", targets: ["ArchiveServer"]),
        .library(name: "ArchivePostgres", targets: ["ArchivePostgres"]),
        .library(name: "ArchiveEngines", targets: ["ArchiveEngines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The system's libsqlite3 (Debian: libsqlite3-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // The SQLite adapter: a thin Swift layer over the C API (connections, statements, errors,
        // transactions, the pool) that conforms to the core's database protocols.
        .target(name: "ArchiveSQLite", dependencies: ["CSQLite", "ArchiveCore"], swiftSettings: swiftSettings),

        // The numbered migrations in Schema/ and the migrator that applies them.
        .target(
            name: "ArchiveSchema",
            dependencies: ["ArchiveSQLite", "ArchiveCore"],
            path: "Schema",
            exclude: ["SCHEMA.md", "PostgreSQL/README.md", "PostgreSQL/verify-against-sqlite.sh"],
            resources: [
                .embedInCode("V001__create_archive.sql"), .embedInCode("V002__api_tokens.sql"), .embedInCode("V003__date_sort_keys.sql"),
                .embedInCode("V004__chat_entity_and_roles.sql"), .embedInCode("V005__ids_never_reused.sql"),
                .embedInCode("V006__change_feed.sql"), .embedInCode("PostgreSQL/V006__change_feed_in_commit_order.sql"),
                .embedInCode("V007__webhooks.sql"), .embedInCode("PostgreSQL/V007__webhooks_and_field_values.sql"),
                .embedInCode("V008__every_column.sql"), .embedInCode("PostgreSQL/V008__details_lists_and_extra_tables.sql"),
                .embedInCode("V009__chat_count.sql"), .embedInCode("PostgreSQL/V009__chat_count_in_slots.sql"),
                .embedInCode("V010__chat_field_values.sql"), .embedInCode("PostgreSQL/V010__chat_count_after_truncate.sql"),
                .embedInCode("PostgreSQL/archive.sql"), .embedInCode("PostgreSQL/V005__identities_past_every_id.sql"),
            ],
            swiftSettings: swiftSettings
        ),

        // Password and token hashing, and the associate/token stores.
        .target(
            name: "ArchiveAuth",
            dependencies: [
                "ArchiveCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // The deterministic generator of seeded databases and its word lists.
        .target(
            name: "ArchiveSeeds",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveAuth"],
            path: "Seeds",
            exclude: ["README.md"],
            resources: [
                .embedInCode("Data/lists.tsv"),
                .embedInCode("Data/first-names.tsv"),
                .embedInCode("Data/last-names.tsv"),
                .embedInCode("Data/companies.tsv"),
                .embedInCode("Data/people.tsv"),
                .embedInCode("Data/topics.tsv"),
                .embedInCode("Data/messages.tsv"),
                .embedInCode("Data/products.txt"),
            ],
            swiftSettings: swiftSettings
        ),

        // JSON text written byte by byte, and JSON documents read without a fixed shape.
        .target(name: "ArchiveJSON", swiftSettings: swiftSettings),

        // The provider layer: catalog, query model, planner, values, aggregation.
        .target(
            name: "ArchiveCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.embedInCode("Resources/reference-time-zones.tsv")],
            swiftSettings: swiftSettings
        ),

        // The query-language layer: OData-style query options (`$filter`, `$select`, `$orderBy`, …)
        // parsed into ArchiveCore's query model, with positioned errors.
        .target(
            name: "ArchiveQueryLanguage",
            dependencies: ["ArchiveCore"],
            exclude: ["QUERY-LANGUAGE.md"],
            swiftSettings: swiftSettings
        ),

        // The ChatSession entities (read, create, change, delete) and the importer.
        .target(
            name: "ArchiveStore",
            dependencies: ["ArchiveCore", "ArchiveJSON"],
            swiftSettings: swiftSettings
        ),

        // The provider on a PostgreSQL server: sessions, the schema, statistics, loading by COPY.
        .target(
            name: "ArchivePostgres",
            dependencies: [
                "ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The composition: the one place that opens an archive of either engine from a path or a
        // URL, as the core's reader, writer or connection.
        .target(
            name: "ArchiveEngines",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchivePostgres", "ArchiveSeeds"],
            swiftSettings: swiftSettings
        ),

        // The benchmarks behind `archive bench`: the engine against the bare C API.
        .target(name: "ArchiveBench", dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchivePostgres", "CSQLite"], swiftSettings: swiftSettings),

        // The REST API on Hummingbird: routes, authentication, negotiation, streamed pages.
        .target(
            name: "ArchiveServer",
            dependencies: [
                "ArchiveCore", "ArchiveQueryLanguage", "ArchiveAuth", "ArchiveJSON", "ArchiveStore", "ArchiveWebhooks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("openapi.json"),
                // The browser page (PageRoutes lists them).
                .embedInCode("Page/index.html"), .embedInCode("Page/app.css"), .embedInCode("Page/app.js"), .embedInCode("Page/dom.js"), .embedInCode("Page/api.js"), .embedInCode("Page/state.js"), .embedInCode("Page/catalog.js"), .embedInCode("Page/filterlang.js"), .embedInCode("Page/filterbox.js"), .embedInCode("Page/table.js"), .embedInCode("Page/picker.js"), .embedInCode("Page/chat.js"), .embedInCode("Page/signin.js"), .embedInCode("Page/charts.js"), .embedInCode("Page/analytics.js"), .embedInCode("Page/export.js"), .embedInCode("Page/favicon.svg"),
            ],
            swiftSettings: swiftSettings
        ),

        // Webhooks: their store, sealed secrets, target checks, payloads and delivery from the
        // change feed.
        .target(
            name: "ArchiveWebhooks",
            dependencies: [
                "ArchiveCore", "ArchiveJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The `archive` command-line tool.
        .executableTarget(
            name: "archive",
            dependencies: [
                "ArchiveEngines", "ArchiveSeeds", "ArchiveAuth", "ArchiveCore", "ArchiveBench",
                "ArchiveQueryLanguage", "ArchiveServer", "ArchiveJSON", "ArchiveStore", "ArchiveWebhooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The HTTP floor of Benchmarks/server-vs-datasette.sh: Hummingbird answering fixed bytes.
        .executableTarget(
            name: "http-floor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/HTTPFloor",
            swiftSettings: swiftSettings
        ),

        // Helpers the test targets share (temporary directories, fixture databases).
        .target(
            name: "ArchiveTestSupport",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds", "ArchiveEngines", "ArchivePostgres"],
            path: "Tests/ArchiveTestSupport",
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "ArchiveServerTests",
            dependencies: [
                "ArchiveServer", "ArchiveEngines", "ArchiveCore", "ArchiveAuth", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds", "ArchiveTestSupport", "ArchiveJSON", "ArchivePostgres",
                "ArchiveWebhooks",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchivePostgresTests",
            dependencies: [
                "ArchivePostgres", "ArchiveCore", "ArchiveQueryLanguage", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds", "ArchiveTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveStoreTests",
            dependencies: ["ArchiveStore", "ArchiveCore", "ArchiveEngines", "ArchiveSeeds", "ArchiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveJSONTests",
            dependencies: ["ArchiveJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveSQLiteTests",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveCoreTests",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds", "ArchiveTestSupport"],
            exclude: ["Fixtures"],
            // The reference model of the property tests sorts thousands of rows per query; built
            // unoptimized it takes most of the suite's time.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]
        ),
        .testTarget(
            name: "ArchiveQueryLanguageTests",
            dependencies: ["ArchiveQueryLanguage", "ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveCLITests",
            dependencies: [
                "archive", "ArchiveCore", "ArchiveEngines", "ArchiveSQLite", "ArchiveSchema", "ArchiveTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveFoundationTests",
            dependencies: ["ArchiveCore", "ArchiveSQLite", "ArchiveSchema", "ArchiveSeeds", "ArchiveAuth", "ArchiveTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
