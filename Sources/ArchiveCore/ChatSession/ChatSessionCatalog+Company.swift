extension ChatSessionCatalog {
    /// `contact/…`: the customer's company ("company" in the reference system's vocabulary).
    static let companyColumns: [ColumnDefinition] = [
        .field("contact/contactId", "", "contact_id", .integer, .int, orderable: true, sortKey: .column("contact", "id"), "Company - Company ID: Database ID of company"),
        .textOrKey("contact/name", "contact", "name", key: .column("", "contact_id"), "Company - Company name: Company name"),
        .field("contact/department", "contact", "department", .text, .string, orderable: true, "Company - Department: Department"),
        .field("contact/nameDepartment", "contact", "name_department", .text, nil, orderable: true, "Company - Company: Displays the company an activity is linked to"),
        .field("contact/hasInfoText", "contact", "has_info_text", .bool, .bool, orderable: true, "Company - Has note: Displays an icon indicating if there is additional information available about the contact"),
        .field("contact/hasInterests", "contact", "has_interests", .bool, .bool, orderable: true, "Company - Has interests: Displays an Icon indicating if the contact has active interests"),
        .reference("contact/associateId", owner: "contact", idColumn: "associate_id", target: "contact.ourContact", textColumn: "name", .associate, orderable: true, "Company - Our contact: Displays our contact"),
        .reference("contact/category", owner: "contact", idColumn: "category_id", target: "contact.category", .listAny, orderable: true, "Company - Category: Category"),
        .reference("contact/business", owner: "contact", idColumn: "business_id", target: "contact.business", .listAny, orderable: true, "Company - Business: Business"),
        .reference("contact/country", owner: "contact", idColumn: "country_id", target: "contact.country", .listAny, orderable: true, "Company - Country: This criterion corresponds to the Country field on the Company card."),
        .field("contact/number", "contact", "number", .text, .string, orderable: true, "Company - Number: Number"),
        .field("contact/code", "contact", "code", .text, .string, orderable: true, "Company - Code: Code"),
        .field("contact/orgnr", "contact", "orgnr", .text, .string, orderable: true, "Company - VAT No.: VAT No."),
        .field("contact/stop", "contact", "stop", .bool, .bool, orderable: true, "Company - Stop: Stop"),
        .field("contact/contactNoMail", "contact", "no_mailings", .bool, .bool, orderable: true, "Company - No mailings (company): No mailings (company)"),
        .reference("contact/updatedBy", owner: "contact", idColumn: "updated_by", target: "contact.updatedBy", textColumn: "name", .associate, orderable: true, "Company - Updated by: The user who last updated the data"),
        .field("contact/updatedDate", "contact", "updated", .date, .date, orderable: true, sortKey: .column("contact", "updated_date"), "Company - Updated: The date/time the data was last updated in UTC."),
        .reference("contact/registeredBy", owner: "contact", idColumn: "registered_by", target: "contact.registeredBy", textColumn: "name", .associate, orderable: true, "Company - Registered by: The user who registered the data"),
        .field("contact/registeredDate", "contact", "registered", .date, .date, orderable: true, sortKey: .column("contact", "registered_date"), "Company - Registered date: The date/time the data was registered in UTC."),
        .reference("contact/contactSource", owner: "contact", idColumn: "source_id", target: "contact.source", .listAny, orderable: true, "Company - Source: Source (Company)"),
        .field("contact/contactDeleted", "contact", "is_deleted", .bool, .bool, orderable: true, "Company - Deleted: Deleted"),
        .field("contact/activeErpLinks", "contact", "active_erp_links", .bool, .bool, orderable: true, "Company - ERP connected: Is there an active ERP Sync?"),
        .field("contact/deletedDate", "contact", "deleted_date", .dateTime, .dateTime, orderable: false, "Company - Deleted date: Deleted date"),
        .reference("contact/mainContact", owner: "contact", idColumn: "main_person_id", target: "contact.mainPerson", textColumn: "full_name", nil, orderable: true, "Company - Main contact: Main contact for this company"),
    ]
}
