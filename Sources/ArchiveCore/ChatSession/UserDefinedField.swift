/// A user-defined field of persons or companies, as an archive defines it in `udef_field`: the
/// name clients select it by (`SuperOffice:3` is `person/personUdef/SuperOffice:3`), its label,
/// type and position, and the column of `person_udef` or `contact_udef` that holds its values.
///
/// Each archive holds its own definitions; ``ChatSessionCatalog/catalog(userDefinedFields:)``
/// turns them into columns. ``standard`` are the reference's demo definitions, which the seeder
/// writes and the catalog has when no archive is at hand.
public struct UserDefinedField: Sendable, Hashable {
    /// Whose field it is.
    public enum Owner: String, Sendable, CaseIterable {
        case person
        case contact
    }

    /// What a field holds.
    public enum Kind: String, Sendable, CaseIterable {
        case text, longText, number, decimal, date, unlimitedDate, checkbox, list

        /// The value columns of this kind (`text_1` …), in `person_udef` and `contact_udef`.
        public var valueColumns: [String] {
            switch self {
            case .text: (1...8).map { "text_\($0)" }
            case .longText: (1...2).map { "long_text_\($0)" }
            case .number: (1...4).map { "number_\($0)" }
            case .decimal: (1...2).map { "decimal_\($0)" }
            case .date: (1...2).map { "date_\($0)" }
            case .unlimitedDate: (1...2).map { "unlimited_date_\($0)" }
            case .checkbox: (1...2).map { "checkbox_\($0)" }
            case .list: (1...4).map { "list_\($0)" }
            }
        }
    }

    /// Whose field it is.
    public let owner: Owner
    /// `SuperOffice:N`: the last segment of the column's name.
    public let progID: String
    /// The label people see (the column's `DisplayName`).
    public let label: String
    /// What the field holds.
    public let kind: Kind
    /// Its place among the owner's fields.
    public let position: Int
    /// One of ``Kind/valueColumns``.
    public let valueColumn: String
    /// For a list: the `list_item` list its values are items of.
    public let listID: Int64?

    /// A definition as `udef_field` holds it.
    public init(owner: Owner, progID: String, label: String, kind: Kind, position: Int, valueColumn: String, listID: Int64? = nil) {
        self.owner = owner
        self.progID = progID
        self.label = label
        self.kind = kind
        self.position = position
        self.valueColumn = valueColumn
        self.listID = listID
    }

    /// The column's path.
    public var columnName: String { owner == .person ? "person/personUdef/" + progID : "contact/contactUdef/" + progID }

    /// The reference's demo definitions: eleven person fields and thirteen company fields.
    public static let standard: [UserDefinedField] = standardFields(.person, labelPrefix: "contact") + standardFields(.contact, labelPrefix: "company") + [
        UserDefinedField(owner: .contact, progID: "SuperOffice:12", label: "Udlist one", kind: .list, position: 12, valueColumn: "list_2", listID: ExtraList.userDefinedList2.rawValue),
        UserDefinedField(owner: .contact, progID: "SuperOffice:13", label: "Udlist two", kind: .list, position: 13, valueColumn: "list_3", listID: ExtraList.userDefinedList3.rawValue),
    ]

    private static func standardFields(_ owner: Owner, labelPrefix: String) -> [UserDefinedField] {
        let fields: [(String, Kind, String)] = [
            ("shorttext", .text, "text_1"), ("longtext", .longText, "long_text_1"), ("number", .number, "number_1"),
            ("date", .date, "date_1"), ("unlimiteddate", .unlimitedDate, "unlimited_date_1"), ("checkbox", .checkbox, "checkbox_1"),
            ("dropdownlistbox", .list, "list_1"), ("decimal", .decimal, "decimal_1"),
        ]
        let pages: [(String, String)] = [("page1saleonly", "text_2"), ("page1marketingonly", "text_3"), ("page1adminonly", "text_4")]
        let typed = fields.enumerated().map { index, field in
            UserDefinedField(
                owner: owner, progID: "SuperOffice:\(index + 1)", label: labelPrefix + field.0, kind: field.1, position: index + 1,
                valueColumn: field.2, listID: field.1 == .list ? ExtraList.userDefinedList1.rawValue : nil)
        }
        return typed + pages.enumerated().map { index, page in
            UserDefinedField(owner: owner, progID: "SuperOffice:\(index + 9)", label: page.0, kind: .text, position: index + 9, valueColumn: page.1)
        }
    }

    /// The column clients select.
    var column: ColumnDefinition {
        let relation = owner == .person ? "person.udef" : "contact.udef"
        let text = (owner == .person ? "Contact - " : "Company - ") + label + ": " + label
        switch kind {
        case .text, .longText: return .field(columnName, relation, valueColumn, .text, .string, orderable: true, text)
        case .number: return .field(columnName, relation, valueColumn, .integer, .int, orderable: true, text)
        case .decimal: return .field(columnName, relation, valueColumn, .decimal, .decimal, orderable: true, text)
        case .date: return .field(columnName, relation, valueColumn, .date, .date, orderable: true, calendar: true, text)
        case .unlimitedDate: return .field(columnName, relation, valueColumn, .date, .unlimitedDate, orderable: true, calendar: true, text)
        case .checkbox: return .field(columnName, relation, valueColumn, .bool, .bool, orderable: true, text)
        case .list:
            return .lookupReference(
                columnName, owner: relation, idColumn: valueColumn, text: .lookup(relation, valueColumn, table: "list_item", list: listID ?? 0), .listAny,
                orderable: true, text)
        }
    }
}
