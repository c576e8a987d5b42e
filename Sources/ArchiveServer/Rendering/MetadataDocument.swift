import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage

/// The column descriptions of `$metadata`: per provider, an object keyed by column name with
/// the reference's `ArchiveColumnInfo` fields, plus the operators each column's restriction type
/// takes.
enum MetadataDocument {
    /// `{"<column>": {"Name": …, "DisplayName": …, …, "Operators": […]}, …}` (or the same as XML).
    static func columns(of catalog: ProviderCatalog, format: ResponseFormat) -> [UInt8] {
        switch format {
        case .json:
            var text = JSONText()
            writeColumnsJSON(catalog, into: &text)
            return text.bytes
        case .xml:
            var text = XMLText()
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
            writeColumnsXML(catalog, into: &text)
            text.raw("\n")
            return text.bytes
        }
    }

    /// Every provider's columns: `{"ChatSession": {…}}`, the document `odata.metadata` names.
    static func providers(_ catalogs: [ProviderCatalog], format: ResponseFormat) -> [UInt8] {
        switch format {
        case .json:
            var text = JSONText()
            text.raw("{")
            for (index, catalog) in catalogs.enumerated() {
                if index > 0 { text.raw(",") }
                text.key(catalog.name)
                writeColumnsJSON(catalog, into: &text)
            }
            text.raw("}")
            return text.bytes
        case .xml:
            var text = XMLText()
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArchiveProviders>")
            for catalog in catalogs {
                text.raw("<provider>")
                text.element("name", catalog.name)
                writeColumnsXML(catalog, into: &text)
                text.raw("</provider>")
            }
            text.raw("</ArchiveProviders>\n")
            return text.bytes
        }
    }

    private enum Field {
        case string(String)
        case bool(Bool)
        case strings([String])
    }

    private static func fields(_ column: ColumnDefinition) -> [(String, Field)] {
        [
            ("Name", .string(column.name)), ("DisplayName", .string(column.displayName)), ("DisplayTooltip", .string(column.tooltip)),
            ("RestrictionType", .string(column.restrictionType?.rawValue ?? "")), ("CanOrderBy", .bool(column.canOrderBy)),
            ("CanRestrictBy", .bool(column.restrictionType != nil)), ("IsVisible", .bool(column.isVisible)),
            ("Operators", .strings(column.restrictionType?.operatorNames ?? [])),
        ]
    }

    private static func writeColumnsJSON(_ catalog: ProviderCatalog, into text: inout JSONText) {
        text.raw("{")
        for (index, column) in catalog.columns.enumerated() {
            if index > 0 { text.raw(",") }
            text.key(column.name)
            text.raw("{")
            for (offset, (name, value)) in fields(column).enumerated() {
                if offset > 0 { text.raw(",") }
                text.key(name)
                switch value {
                case .string(let string): text.string(string)
                case .bool(let flag): text.bool(flag)
                case .strings(let strings):
                    text.raw("[")
                    for (position, string) in strings.enumerated() {
                        if position > 0 { text.raw(",") }
                        text.string(string)
                    }
                    text.raw("]")
                }
            }
            text.raw("}")
        }
        text.raw("}")
    }

    private static func writeColumnsXML(_ catalog: ProviderCatalog, into text: inout XMLText) {
        text.raw("<ArchiveColumns>")
        for column in catalog.columns {
            text.raw("<column>")
            for (name, value) in fields(column) {
                switch value {
                case .string(let string): text.element(name, string)
                case .bool(let flag): text.element(name, flag ? "true" : "false")
                case .strings(let strings):
                    text.raw("<\(name)>")
                    for string in strings { text.element("operator", string) }
                    text.raw("</\(name)>")
                }
            }
            text.raw("</column>")
        }
        text.raw("</ArchiveColumns>")
    }
}
