import ArchiveCore

/// One numbered step of the archive's schema.
public struct Migration: Sendable {
    /// The schema version this migration brings the database to (its `PRAGMA user_version`).
    public let version: Int
    /// The SQL file's name, such as `V001__create_archive.sql`.
    public let fileName: String
    /// The SQL that the migration runs.
    public let sql: String

    public init(version: Int, fileName: String, sql: String) {
        self.version = version
        self.fileName = fileName
        self.sql = sql
    }

    init(version: Int, fileName: String, bytes: [UInt8]) {
        self.init(version: version, fileName: fileName, sql: String(decoding: bytes, as: UTF8.self))
    }
}

/// The archive's schema: the migrations in `Schema/`, embedded in the binary in the order they apply.
public enum ArchiveSchema {
    /// Every migration, oldest first. A new `Schema/Vnnn__name.sql` file is added here and in
    /// `Package.swift`; a test checks that the two lists and the folder agree.
    public static let migrations: [Migration] = [
        Migration(version: 1, fileName: "V001__create_archive.sql", bytes: PackageResources.V001__create_archive_sql),
        Migration(version: 2, fileName: "V002__api_tokens.sql", bytes: PackageResources.V002__api_tokens_sql),
        Migration(version: 3, fileName: "V003__date_sort_keys.sql", bytes: PackageResources.V003__date_sort_keys_sql),
        Migration(version: 4, fileName: "V004__chat_entity_and_roles.sql", bytes: PackageResources.V004__chat_entity_and_roles_sql),
        Migration(version: 5, fileName: "V005__ids_never_reused.sql", bytes: PackageResources.V005__ids_never_reused_sql),
        Migration(version: 6, fileName: "V006__change_feed.sql", bytes: PackageResources.V006__change_feed_sql),
        Migration(version: 7, fileName: "V007__webhooks.sql", bytes: PackageResources.V007__webhooks_sql),
        Migration(version: 8, fileName: "V008__every_column.sql", bytes: PackageResources.V008__every_column_sql),
        Migration(version: 9, fileName: "V009__chat_count.sql", bytes: PackageResources.V009__chat_count_sql),
        Migration(version: 10, fileName: "V010__chat_field_values.sql", bytes: PackageResources.V010__chat_field_values_sql),
    ]

    /// The schema version this build of the engine creates and understands.
    public static var currentVersion: Int { migrations.last?.version ?? 0 }

    /// The `PRAGMA application_id` that marks a file as an archive database ("ARCH").
    public static let applicationID: Int64 = 0x4152_4348
}
