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
        .library(name: "ArchiveSQLite", targets: ["ArchiveSQLite"]),
    ],
    targets: [
        // The system's libsqlite3 (Debian: libsqlite3-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Thin Swift layer over the C API: connections, statements, errors, transactions, pool.
        .target(name: "ArchiveSQLite", dependencies: ["CSQLite"], swiftSettings: swiftSettings),

        .testTarget(
            name: "ArchiveSQLiteTests",
            dependencies: ["ArchiveSQLite"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
