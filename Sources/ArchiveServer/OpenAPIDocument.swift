import ArchiveCore
import ArchiveJSON

/// The OpenAPI 3.0 document of the API (`Sources/ArchiveServer/openapi.json`), served at
/// `/api/v1/openapi.json`.
///
/// The file holds three placeholders: `SO-TimeZone`'s enum (`"@TIME_ZONES@"`) and pattern
/// (`"@TIME_ZONE_PATTERN@"`), filled in from the same tables the server reads zones with, and
/// the columns' names (`"@COLUMNS@"`), filled in from the served archive's catalog (its own
/// user-defined fields included), so that the document lists exactly what the server takes.
enum OpenAPIDocument {
    static let timeZonePlaceholder = Array("\"@TIME_ZONES@\"".utf8)
    static let timeZonePatternPlaceholder = Array("\"@TIME_ZONE_PATTERN@\"".utf8)
    static let columnsPlaceholder = Array("\"@COLUMNS@\"".utf8)

    /// The document of a server of `catalog`'s provider.
    static func bytes(catalog: ProviderCatalog) -> [UInt8] {
        var pattern = JSONText()
        pattern.string(ReferenceTimeZones.namePattern(followedBy: ReferenceTimeZones.caseless("includeTZOffset")))
        let withPattern = replacing(timeZonePatternPlaceholder, in: PackageResources.openapi_json, with: pattern.bytes)
        let withZones = replacing(timeZonePlaceholder, in: withPattern, with: timeZoneEnum())
        var names = JSONText()
        for (index, column) in catalog.columns.enumerated() {
            if index > 0 { names.raw(", ") }
            names.string(column.name)
        }
        return replacing(columnsPlaceholder, in: withZones, with: names.bytes)
    }

    /// `document` with `placeholder` replaced by `values` (the members of a JSON array).
    static func replacing(_ placeholder: [UInt8], in document: [UInt8], with values: [UInt8]) -> [UInt8] {
        guard let start = document.firstRange(of: placeholder) else { return document }
        return Array(document[..<start.lowerBound]) + values + Array(document[start.upperBound...])
    }

    /// Each zone name, alone and with `, includeTZOffset`, as the members of a JSON array.
    static func timeZoneEnum() -> [UInt8] {
        var text = JSONText()
        for (index, name) in ReferenceTimeZones.acceptedNames.enumerated() {
            if index > 0 { text.raw(", ") }
            text.string(name)
            text.raw(", ")
            text.string(name + ", includeTZOffset")
        }
        return text.bytes
    }
}
