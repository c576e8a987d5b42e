import Foundation

/// Short constructors for catalogs: a column is one line.
extension ColumnDefinition {
    /// Splits the reference's "Label: tooltip" documentation.
    private static func documentation(_ text: String) -> (String, String) {
        guard let colon = text.range(of: ": ") else { return (text, text) }
        return (String(text[..<colon.lowerBound]), String(text[colon.upperBound...]))
    }

    /// A stored or generated column of a relation (`""` is the root table). A date or datetime
    /// is a UTC moment, shown in the request's zone when `zoned` and in UTC otherwise, unless it
    /// is a `calendar` date (a birth date), which no zone moves.
    static func field(
        _ name: String, _ relation: String, _ column: String, _ type: FieldType, _ restriction: RestrictionType?,
        orderable: Bool, zoned: Bool = false, calendar: Bool = false, sortKey: SQLFragment? = nil, _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: restriction, canOrderBy: orderable,
            value: .field(.column(relation, column), type, zoned: zoned), sortKey: sortKey, hintRelation: relation, isCalendarDate: calendar)
    }

    /// A reference to another row: the raw value is `idColumn` of `owner`, the text comes from the
    /// `target` relation (a list item's name, or a named column).
    static func reference(
        _ name: String, owner: String, idColumn: String, target: String, textColumn: String? = nil,
        _ restriction: RestrictionType?, orderable: Bool, primaryKey: Bool = false, _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        let text: SQLFragment = textColumn.map { .column(target, $0) } ?? .listName(target)
        let id: SQLFragment = .column(owner, idColumn)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: restriction, canOrderBy: orderable,
            value: .reference(id: id, text: text), filter: restriction == .stringOrPK ? .expression(text) : nil,
            primaryKey: primaryKey ? id : nil, hintRelation: target)
    }

    /// The id of another row, shown as the id; the row's name (`nameColumn` of `target`) is its
    /// tooltip. The reference system's `contactId` and `personId` are these.
    static func identifier(
        _ name: String, owner: String, idColumn: String, target: String, nameColumn: String, _ restriction: RestrictionType?,
        orderable: Bool, _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: restriction, canOrderBy: orderable,
            value: .identifier(id: .column(owner, idColumn), name: .column(target, nameColumn)), hintRelation: target)
    }

    /// A text column that can also be matched by its row's key (`stringorPK`).
    static func textOrKey(
        _ name: String, _ relation: String, _ column: String, key: SQLFragment, _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: .stringOrPK, canOrderBy: true,
            value: .field(.column(relation, column), .text, zoned: false), primaryKey: key, hintRelation: relation)
    }

    /// A reference whose text is read by `text` (a lookup: no join); a `stringorPK` one is
    /// restricted by its text and matched by its id with `isPK`.
    static func lookupReference(
        _ name: String, owner: String, idColumn: String, text: SQLFragment, _ restriction: RestrictionType?, orderable: Bool, _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        let id: SQLFragment = .column(owner, idColumn)
        let byText = restriction == .stringOrPK
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: restriction, canOrderBy: orderable,
            value: .reference(id: id, text: text), filter: byText ? .expression(text) : nil, primaryKey: byText ? id : nil, hintRelation: owner)
    }

    /// A value of the first row by rank of a child table (a person's e-mail address); a
    /// restriction compares that value, or with `matchesAnyRow`, any of the owner's rows.
    static func ranked(
        _ name: String, _ rows: ChildRows, _ type: FieldType, _ restriction: RestrictionType?, orderable: Bool, matchesAnyRow: Bool,
        _ documentation: String
    ) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        let value = SQLFragment.firstRanked(
            rows.owner, table: rows.table, ownerColumn: rows.ownerColumn, kind: rows.kind, kindFirst: rows.kindFirst, value: rows.valueColumn)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: restriction, canOrderBy: orderable,
            value: .field(value, type, zoned: type == .dateTime), filter: matchesAnyRow ? .anyRow(rows) : nil, hintRelation: rows.owner)
    }

    /// The same value on every row.
    static func constant(_ name: String, raw: String, display: LocalizedText, hintRelation: String = "", _ documentation: String) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: nil, canOrderBy: true,
            value: .constant(raw: raw, display: display), hintRelation: hintRelation)
    }

    /// `getAllRows` or `getNoRows`.
    static func pseudo(_ name: String, matchesAllWhenTrue: Bool, _ documentation: String) -> ColumnDefinition {
        let (label, tooltip) = Self.documentation(documentation)
        return ColumnDefinition(
            name: name, displayName: label, tooltip: tooltip, restrictionType: .bool, canOrderBy: false, isVisible: false,
            value: .pseudo, filter: .pseudo(matchesAllWhenTrue: matchesAllWhenTrue), hintRelation: "")
    }
}
