extension ChatSessionCatalog {
    /// The company's columns added with the reference's current page: contact details,
    /// addresses, SAINT figures, interests and its associate.
    static let companyDetailColumns: [ColumnDefinition] =
        phoneColumns(prefix: "contact/contactPhone", owner: "contact", kind: PhoneKind.companyPhone, label: "Company - Telephone")
        + phoneColumns(prefix: "contact/contactFax", owner: "contact", kind: PhoneKind.companyFax, label: "Company - Fax")
        + anyPhoneColumns(prefix: "contact", owner: "contact", label: "Company")
        + emailColumns(prefix: "contact", owner: "contact", label: "Company")
        + urlColumns(prefix: "contact/url", owner: "contact", label: "Company")
        + addressColumns(prefix: "contact/postAddress", relation: "contact.detail.postAddress", label: "Company - Postal address")
        + addressColumns(prefix: "contact/streetAddress", relation: "contact.detail.streetAddress", label: "Company - Street address")
        + addressColumns(prefix: "contact/restrictionAddress", relation: "contact.detail.restrictionAddress", label: "Company - Search address")
        + [
            interestColumn("contact/contactInterestIds", owner: "contact", label: "Company - Company Interest"),
            .field("contact/countryId", "contact", "country_id", .integer, .int, orderable: true, "Company - Country ID: Database ID of the company's country"),
            .reference("contact/updatedByFullName", owner: "contact", idColumn: "updated_by", target: "contact.updatedBy", textColumn: "full_name", .associate, orderable: true, "Company - Updated by - Full name: The user who last updated the data"),
            .reference("contact/registeredByFullName", owner: "contact", idColumn: "registered_by", target: "contact.registeredBy", textColumn: "full_name", .associate, orderable: true, "Company - Registered by - Full name: The user who registered the data"),
        ]
        + saintColumns
        + associateSet(prefix: "contact/contactAssociate", relation: "contact.ourContact", label: "Company - Our contact")

    /// SAINT: status flags, activity figures, and the classes they count by.
    private static let saintColumns: [ColumnDefinition] = {
        func count(_ name: String, _ column: String, _ text: String) -> ColumnDefinition {
            .field("contact/" + name, "contact.detail", column, .integer, .int, orderable: false, "Company - " + text)
        }
        func date(_ name: String, _ column: String, _ text: String) -> ColumnDefinition {
            .field("contact/" + name, "contact.detail", column, .date, .date, orderable: false, calendar: true, "Company - " + text)
        }
        func saintList(_ name: String, _ column: String, _ list: ExtraList, _ text: String) -> ColumnDefinition {
            extraList("contact/" + name, owner: "contact.detail", idColumn: column, list: list, orderable: false, "Company - " + text)
        }
        return [
            .field("contact/SaintStatus1", "contact.detail", "saint_status1", .bool, .saintStatus, orderable: false, "Company - Neglected customer: SAINT status: no activity for a long time"),
            .field("contact/SaintStatus2", "contact.detail", "saint_status2", .bool, .saintStatus, orderable: false, "Company - C-company: SAINT status: a C-company"),
            count("NumberOfActivities", "number_of_activities", "Number of activities: Number of activities"),
            count("NumberOfActivitiesInPeriod", "number_of_activities_in_period", "Number of activities in last 90 days: Number of activities in the last 90 days"),
            count("NumberOfNotCompletedActivities", "number_of_not_completed_activities", "Number of non-completed activities: Number of non-completed activities"),
            count("NumberOfNotCompletedActivitiesInPeriod", "number_of_not_completed_activities_in_period", "Number of non-completed activities in last 90 days: Number of non-completed activities in the last 90 days"),
            date("LastActivity", "last_activity", "Date of last activity: Date of last activity"),
            date("LastCompletedActivity", "last_completed_activity", "Date of last completed activity: Date of last completed activity"),
            date("LastDoByActivity", "last_do_by_activity", "Date of last non-completed activity: Date of last non-completed activity"),
            count("NumberOfSales", "number_of_sales", "Number of sales: Number of sales"),
            count("NumberOfSalesInPeriod", "number_of_sales_in_period", "Number of sales in last 90 days: Number of sales in the last 90 days"),
            count("NumberOfNotCompletedSales", "number_of_not_completed_sales", "Number of non-completed sales: Number of non-completed sales"),
            count("NumberOfNotCompletedSalesInPeriod", "number_of_not_completed_sales_in_period", "Number of non-completed sales in last 90 days: Number of non-completed sales in the last 90 days"),
            date("LastSale", "last_sale", "Date of last sale: Date of last sale"),
            date("LastCompletedSale", "last_completed_sale", "Date of last completed sale: Date of last completed sale"),
            date("LastDoBySale", "last_do_by_sale", "Date of last non-completed sale: Date of last non-completed sale"),
            count("NumberOfTickets", "number_of_tickets", "Number of requests: Number of requests"),
            count("NumberOfTicketsInPeriod", "number_of_tickets_in_period", "Number of requests in last 90 days: Number of requests in the last 90 days"),
            count("NumberOfNotCompletedTickets", "number_of_not_completed_tickets", "Number of non-completed requests: Number of non-completed requests"),
            count("NumberOfNotCompletedTicketsInPeriod", "number_of_not_completed_tickets_in_period", "Number of non-completed requests in last 90 days: Number of non-completed requests in the last 90 days"),
            date("LastTicket", "last_ticket", "Date of last request: Date of last request"),
            date("LastCompletedTicket", "last_completed_ticket", "Date of last completed request: Date of last completed request"),
            date("LastDoByTicket", "last_do_by_ticket", "Date of last non-completed request: Date of last non-completed request"),
            saintList("saintActivityType", "saint_activity_type_id", .saintActivityType, "SAINT type: The activity type SAINT counts"),
            saintList("saintDirection", "saint_direction_id", .saintDirection, "Direction: Incoming or outgoing"),
            saintList("saintIntention", "saint_intention_id", .saintIntention, "Intention: The intention of the activities counted"),
            saintList("saintAmountClass", "saint_amount_class_id", .saintAmountClass, "Amount class: The amount class of the sales counted"),
            saintList("saintSaleStatus", "saint_sale_status_id", .saintSaleStatus, "With status: The status of the sales counted"),
            saintList("saintTicketStatus", "saint_ticket_status_id", .saintTicketStatus, "Status: The status of the requests counted"),
            saintList("saintTicketCategory", "saint_ticket_category_id", .saintTicketCategory, "Category: The category of the requests counted"),
        ]
    }()

    /// The relations the company's added columns read through.
    static let companyDetailRelations: [Relation] = [
        Relation("contact.detail", table: "contact_detail", join: .sharedKey("contact_id"), isOptional: true),
        Relation("contact.detail.postAddress", table: "address", join: .parentColumn("post_address_id"), isOptional: true),
        Relation("contact.detail.streetAddress", table: "address", join: .parentColumn("street_address_id"), isOptional: true),
        Relation("contact.detail.restrictionAddress", table: "address", join: .parentColumn("restriction_address_id"), isOptional: true),
        Relation("contact.udef", table: "contact_udef", join: .sharedKey("contact_id"), isOptional: true),
        Relation("contact.extra", table: "contact_extra", join: .sharedKey("contact_id"), isOptional: true),
        Relation("contact.extra.organization", table: "y_organization", join: .parentColumn("y_organization_id"), isOptional: true),
    ] + associateSetRelations("contact.ourContact")
}
