extension ChatSessionCatalog {
    /// `person/personExtra/…` and `contact/contactExtra/…`: the extra fields (`x_…`) of persons
    /// and companies and the extra tables (`y_…`) they point at, as the reference's database
    /// customisations name them. A time (`HH:MM`) can only be shown and ordered; a time span is
    /// seconds; relations show the related row's name and keep its id.
    static let extraFieldColumns: [ColumnDefinition] = personExtraColumns + companyExtraColumns

    private static let personExtraColumns: [ColumnDefinition] = {
        let extra = ExtraFieldSet(prefix: "person/personExtra/", relation: "person.extra", label: "Contact - ")
        return [
            extra.field("x_person_integer", .integer, .int, "Extra Integer"),
            extra.field("x_person_float", .decimal, .decimal, "Extra float"),
            extra.field("x_person_longtext", .text, .string, "Extra Long Text"),
            extra.date("x_person_date", "Extra date"),
            extra.field("x_person_datetime", .dateTime, .dateTime, "Extra DateTime"),
            extra.field("x_person_time", .text, nil, "Extra time"),
            extra.field("x_person_boolean", .bool, .bool, "Extra Boolean"),
            extra.field("x_person_timespan", .timeSpan, .timeSpan, "Extra timespan"),
            extra.field("x_person_shorttext", .text, .string, "Extra short text"),
            extraList("person/personExtra/x_person_shorttext_list", owner: "person.extra", idColumn: "x_person_shorttext_list", list: .extraDropdown, "Contact - Extra short dropdown: Extra short dropdown"),
            extra.related("x_person_user_relation", table: "associate", column: "name", .associate, "Extra user relation"),
            extra.related("x_person_category_relation", table: "category", column: nil, .listAny, "Extra category relation"),
            extra.related("x_person_priority_relation", table: "service_priority", column: nil, .listAny, "Extra priority relation"),
            extra.related("x_person_request_relation", table: "request", column: "title", .stringOrPK, "Extra request relation"),
            extra.related("x_person_appointment_relation", table: "appointment", column: "description", .stringOrPK, "Extra appointment relation"),
            extra.related("x_person_contact_relation", table: "contact", column: "name", .stringOrPK, "Extra company relation"),
            .field("person/personExtra/y_rental/id", "person.extra.rental", "id", .integer, .int, orderable: true, "Contact - Rental - id: Displays the row's primary key (y_rental)"),
            .field("person/personExtra/y_rental/x_start", "person.extra.rental", "x_start", .date, .date, orderable: true, calendar: true, "Contact - Rental - Start rental: Start rental"),
            .field("person/personExtra/y_rental/x_end", "person.extra.rental", "x_end", .date, .date, orderable: true, calendar: true, "Contact - Rental - End: End"),
            .field("person/personExtra/y_rental/x_amount", "person.extra.rental", "x_amount", .integer, .int, orderable: true, "Contact - Rental - Amount: Amount"),
            .lookupReference("person/personExtra/y_rental/x_contact", owner: "person.extra.rental", idColumn: "x_contact", text: .lookup("person.extra.rental", "x_contact", table: "contact", column: "name"), .stringOrPK, orderable: true, "Contact - Rental - Renter: Renter"),
            .field("person/personExtra/y_rental/y_equipment/x_name", "person.extra.rental.equipment", "x_name", .text, .string, orderable: true, "Contact - Rental - Equipment - Name: Name"),
            .field("person/personExtra/y_car/id", "person.extra.car", "id", .integer, .int, orderable: true, "Contact - Car - id: Displays the row's primary key (y_car)"),
        ]
    }()

    private static let companyExtraColumns: [ColumnDefinition] = {
        let extra = ExtraFieldSet(prefix: "contact/contactExtra/", relation: "contact.extra", label: "Company - ")
        return [
            extra.field("x_contact_boolean", .bool, .bool, "Extra boolean"),
            extra.related("x_contact_contact", table: "contact", column: "name", .stringOrPK, "Extra contact relation"),
            extra.related("x_contact_contact_relation", table: "contact", column: "name", .stringOrPK, "Extra Company"),
            extra.date("x_contact_date", "Extra date"),
            extra.field("x_contact_datetime", .dateTime, .dateTime, "Extra DateTime"),
            extra.field("x_contact_default_integer", .integer, .int, "Extra Default Integer"),
            extraList("contact/contactExtra/x_contact_dropdown", owner: "contact.extra", idColumn: "x_contact_dropdown", list: .extraDropdown, "Company - Extra Long Dropdown: Extra Long Dropdown"),
            extra.field("x_contact_float", .decimal, .decimal, "Extra Float"),
            extra.field("x_contact_integer", .integer, .int, "Extra Integer"),
            extra.field("x_contact_longtext", .text, .string, "Extra LongText"),
            extra.related("x_contact_request_relation", table: "request", column: "title", .stringOrPK, "Extra Request relation"),
            extraList("contact/contactExtra/x_contact_short_dropdown", owner: "contact.extra", idColumn: "x_contact_short_dropdown", list: .extraDropdown, "Company - Extra short dropdown: Extra short dropdown"),
            extra.field("x_contact_shorttext", .text, .string, "Extra short text"),
            extra.field("x_contact_time", .text, nil, "Extra time"),
            extra.field("x_contact_timespan", .timeSpan, .timeSpan, "Extra timespan"),
            .field("contact/contactExtra/y_organization/x_name", "contact.extra.organization", "x_name", .text, .string, orderable: true, "Company - Organization - Name: Name"),
        ]
    }()
}

/// Builds the columns of one owner's extra fields.
private struct ExtraFieldSet {
    let prefix: String
    let relation: String
    let label: String

    func field(_ name: String, _ type: FieldType, _ restriction: RestrictionType?, _ text: String) -> ColumnDefinition {
        .field(prefix + name, relation, name, type, restriction, orderable: true, zoned: type == .dateTime, label + text + ": " + text)
    }

    func date(_ name: String, _ text: String) -> ColumnDefinition {
        .field(prefix + name, relation, name, .date, .date, orderable: true, calendar: true, label + text + ": " + text)
    }

    /// A relation to another row: its id, shown as its name (`column`, or a list item's name).
    func related(_ name: String, table: String, column: String?, _ restriction: RestrictionType, _ text: String) -> ColumnDefinition {
        .lookupReference(prefix + name, owner: relation, idColumn: name, text: .lookup(relation, name, table: table, column: column), restriction, orderable: true, label + text + ": " + text)
    }
}
