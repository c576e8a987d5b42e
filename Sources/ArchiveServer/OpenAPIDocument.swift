import ArchiveCore
import ArchiveJSON

/// The OpenAPI 3.0 document of the API (`Sources/ArchiveServer/openapi.json`), served at
/// `/api/v1/openapi.json`.
///
/// The file holds one placeholder, the only value of the enum of `SO-TimeZone`
/// (`"@TIME_ZONES@"`): it is filled in here from the same tables the server reads zones with, so
/// that the document lists exactly the values the server takes.
enum OpenAPIDocument {
    static let bytes: [UInt8] = filled(PackageResources.openapi_json)

    static let timeZonePlaceholder = Array("\"@TIME_ZONES@\"".utf8)

    /// `document` with the placeholder replaced by every accepted `SO-TimeZone` value.
    static func filled(_ document: [UInt8]) -> [UInt8] {
        guard let start = document.firstRange(of: timeZonePlaceholder) else { return document }
        return Array(document[..<start.lowerBound]) + timeZoneEnum() + Array(document[start.upperBound...])
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
