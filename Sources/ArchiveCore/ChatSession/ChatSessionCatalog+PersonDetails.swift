extension ChatSessionCatalog {
    /// The person's columns added with the reference's current page: contact details,
    /// addresses, consents, interests and the associates.
    static let personDetailColumns: [ColumnDefinition] = personContactColumns + personConsentColumns + personAssociateColumns

    private static let personContactColumns: [ColumnDefinition] =
        phoneColumns(prefix: "person/personDirectPhone", owner: "person", kind: PhoneKind.direct, label: "Contact - Direct")
        + phoneColumns(prefix: "person/personMobilePhone", owner: "person", kind: PhoneKind.mobile, label: "Contact - Mobile")
        + phoneColumns(prefix: "person/personPrivate", owner: "person", kind: PhoneKind.privatePhone, label: "Contact - Private")
        + phoneColumns(prefix: "person/personPager", owner: "person", kind: PhoneKind.pager, label: "Contact - Other")
        + phoneColumns(prefix: "person/personDirectFax", owner: "person", kind: PhoneKind.fax, label: "Contact - Fax")
        + anyPhoneColumns(prefix: "person", owner: "person", label: "Contact")
        + emailColumns(prefix: "person", owner: "person", label: "Contact")
        + urlColumns(prefix: "person/personUrl", owner: "person", label: "Contact")
        + addressColumns(prefix: "person/personAddress", relation: "person.detail.address", label: "Contact - Contact address")
        + addressColumns(prefix: "person/restrictionAddress", relation: "person.detail.restrictionAddress", label: "Contact - Search address")
        + [
            .field("person/personInfo/textId", "person.detail", "info_text_id", .integer, .int, orderable: true, "Contact - Text ID: Database ID of the information text"),
            .field("person/personInfo/infoText", "person", "info_text", .text, .positiveString, orderable: true, "Contact - Information: The contact's information text"),
            interestColumn("person/personInterestIds", owner: "person", label: "Contact - Contact interest"),
            .field("person/personCountryId", "person", "country_id", .integer, .int, orderable: true, "Contact - Country ID: Database ID of the contact's country"),
        ]

    private static let personConsentColumns: [ColumnDefinition] = [
        .field("person/isMailingRecipient", "person.detail", "is_mailing_recipient", .bool, .bool, orderable: true, "Contact - Is mailing recipient: Receives mailings"),
        .field("person/hasStoreConsent", "person.detail", "has_store_consent", .bool, .bool, orderable: false, "Contact - Consent - Sales and service: Has consented to storing for sales and service"),
        .field("person/withdrawnStoreConsent", "person.detail", "withdrawn_store_consent", .bool, .bool, orderable: false, "Contact - Consent is withdrawn - Sales and service: Withdrew the consent for sales and service"),
        .field("person/hasEmarketingConsent", "person.detail", "has_emarketing_consent", .bool, .bool, orderable: false, "Contact - Consent - E-marketing: Has consented to e-marketing"),
        .field("person/withdrawnEmarketingConsent", "person.detail", "withdrawn_emarketing_consent", .bool, .bool, orderable: false, "Contact - Consent is withdrawn - E-marketing: Withdrew the consent to e-marketing"),
        extraList("person/legalBaseStore", owner: "person.detail", idColumn: "legal_base_store_id", list: .legalBase, "Contact - Legal basis - Sales and service: Legal basis for sales and service"),
        extraList("person/legalBaseEmarketing", owner: "person.detail", idColumn: "legal_base_emarketing_id", list: .legalBase, "Contact - Legal basis - E-marketing: Legal basis for e-marketing"),
        extraList("person/consentSourceStore", owner: "person.detail", idColumn: "consent_source_store_id", list: .consentSource, "Contact - Source - Sales and service: Where the consent for sales and service came from"),
        extraList("person/consentSourceEmarketing", owner: "person.detail", idColumn: "consent_source_emarketing_id", list: .consentSource, "Contact - Source - E-marketing: Where the consent to e-marketing came from"),
        extraList("person/subscription", owner: "person.detail", idColumn: "subscription_id", list: .subscription, "Contact - Subscription: Subscription"),
        extraList("person/createdByForm", owner: "person.detail", idColumn: "created_by_form_id", list: .form, "Contact - Created by form: The form that created the contact"),
        extraList("person/updatedByWorkflow", owner: "person.detail", idColumn: "updated_by_workflow_id", list: .workflow, "Contact - Updated by flow: The flow that last updated the contact"),
        .field("person/whenUpdatedByWorkflow", "person.detail", "when_updated_by_workflow", .dateTime, .dateTime, orderable: true, zoned: true, "Contact - When updated by flow: When a flow last updated the contact"),
        .reference("person/personUpdatedByFullName", owner: "person", idColumn: "updated_by", target: "person.updatedBy", textColumn: "full_name", .associate, orderable: true, "Contact - Updated by - Full name: The user who last updated the data"),
        .reference("person/personRegisteredByFullName", owner: "person", idColumn: "registered_by", target: "person.registeredBy", textColumn: "full_name", .associate, orderable: true, "Contact - Registered by - Full name: The user who registered the data"),
        .reference("person/personAssociateFullName", owner: "person", idColumn: "associate_id", target: "person.ourContact", textColumn: "full_name", .associate, orderable: true, "Contact - Our contact - Full name: Our contact's full name"),
        .reference("person/supportAssociateFullName", owner: "person", idColumn: "support_associate_id", target: "person.supportAssociate", textColumn: "full_name", .associate, orderable: true, "Contact - Our service contact - Full name: Default service contact for this contact"),
    ]

    private static let personAssociateColumns: [ColumnDefinition] =
        associateSet(prefix: "person/personAssociate", relation: "person.ourContact", label: "Contact - Our contact")
        + associateSet(prefix: "person/correspondingAssociate", relation: "person.user", label: "Contact - User")

    /// The relations the person's added columns read through.
    static let personDetailRelations: [Relation] = [
        Relation("person.detail", table: "person_detail", join: .sharedKey("person_id"), isOptional: true),
        Relation("person.detail.address", table: "address", join: .parentColumn("address_id"), isOptional: true),
        Relation("person.detail.restrictionAddress", table: "address", join: .parentColumn("restriction_address_id"), isOptional: true),
        Relation("person.udef", table: "person_udef", join: .sharedKey("person_id"), isOptional: true),
        Relation("person.extra", table: "person_extra", join: .sharedKey("person_id"), isOptional: true),
        Relation("person.extra.rental", table: "y_rental", join: .parentColumn("y_rental_id"), isOptional: true),
        Relation("person.extra.rental.equipment", table: "y_equipment", join: .parentColumn("y_equipment_id"), isOptional: true),
        Relation("person.extra.car", table: "y_car", join: .parentColumn("y_car_id"), isOptional: true),
    ] + associateSetRelations("person.ourContact") + associateSetRelations("person.user")
}
