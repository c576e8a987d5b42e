extension ChatSessionCatalog {
    /// `associate/…`: the agent who handled the chat.
    static let associateColumns: [ColumnDefinition] = [
        .field("associate/firstName", "associate", "first_name", .text, .string, orderable: true, "Associate - First name: Displays the contact's first name"),
        .field("associate/lastName", "associate", "last_name", .text, .string, orderable: true, "Associate - Last name: Displays the contact's last name"),
        .field("associate/middleName", "associate", "middle_name", .text, .string, orderable: true, "Associate - Middle Name: Displays the contact's middle name."),
        .field("associate/fullName", "associate", "full_name", .text, .string, orderable: true, "Associate - Full name: Displays full name of user (first, middle, last - according to settings)"),
        .field("associate/contactId", "associate", "contact_id", .integer, .int, orderable: false, "Associate - Company ID: Database ID of the company the user belongs to"),
        .field("associate/personId", "associate", "person_id", .integer, .int, orderable: false, "Associate - Contact ID: Database ID of the contact row"),
        .field("associate/mrMrs", "associate", "mr_mrs", .text, .string, orderable: true, "Associate - Mr/Ms: Displays whether the contact is addressed as Mr or Ms"),
        .field("associate/title", "associate", "title", .text, .string, orderable: true, "Associate - Title: Displays whether the contact is addressed as Mr or Ms"),
        .field("associate/contactName", "associate.contact", "name", .text, .string, orderable: true, "Associate - Owning company: Name of the company the user belongs to"),
        .field("associate/contactDepartment", "associate.contact", "department", .text, .string, orderable: true, "Associate - Owning department: Name of the department at the company the user belongs to"),
        .reference("associate/usergroup", owner: "associate", idColumn: "user_group_id", target: "associate.userGroup", .userGroup, orderable: true, "Associate - Primary group: The user's primary user group"),
        .field("associate/contactFullName", "associate.contact", "name_department", .text, .string, orderable: true, "Associate - Owner: Name and department of the company the user belongs to"),
        .reference("associate/contactCategory", owner: "associate.contact", idColumn: "category_id", target: "associate.contact.category", .listAny, orderable: true, "Associate - Category: Category"),
        .reference("associate/role", owner: "associate", idColumn: "role_id", target: "associate.role", .listAny, orderable: true, "Associate - Role: Role"),
        .reference("associate/assocName", owner: "", idColumn: "associate_id", target: "associate", textColumn: "name", .associate, orderable: true, "Associate - User ID: User ID"),
        .field("associate/assocTooltip", "associate", "description", .text, .string, orderable: false, "Associate - Description: Description"),
        .reference("associate/assocType", owner: "associate", idColumn: "associate_type_id", target: "associate.type", .listAny, orderable: true, "Associate - Type: Type of user: associate, external user, system user, anonymous account"),
        .field("associate/ejUserId", "associate", "ej_user_id", .integer, .int, orderable: false, "Associate - Service user ID: The database ID of a Service user"),
        .field("associate/simultaneousEjUser", "associate", "simultaneous_ej_user", .bool, .bool, orderable: false, "Associate - Simultaneous Service user: If this flag is set, then the user will only have access if the maximum number of simultaneous users is not exceeded"),
        .field("associate/ejDisplayName", "associate", "ej_display_name", .text, .string, orderable: true, "Associate - Nick name: User's nick name in Service"),
        .field("associate/ejStatus", "associate", "ej_status", .integer, .int, orderable: false, "Associate - Service status: Status for Service user: Normal; Unavailable / holiday; Deleted; Read-only"),
        .field("associate/credentialType", "associate", "credential_type", .text, nil, orderable: true, "Associate - Auth. type: What type of credentials to use when this user logs in"),
        .field("associate/credentialDisplayValue", "associate", "credential_display_value", .text, nil, orderable: true, "Associate - Auth. value: Credential value (public, visible part) to be used when this user logs in"),
        .field("associate/isActive", "associate", "is_active", .bool, .bool, orderable: true, "Associate - Active: Is this user active, and should be able to log in?"),
        ColumnDefinition(
            name: "associate/isActiveText", displayName: "Associate - Active status",
            tooltip: "Is this user active, and should be able to log in?", restrictionType: .bool, canOrderBy: true,
            value: .flagText(.column("associate", "is_active"), whenTrue: .active, whenFalse: .inactive), hintRelation: "associate"),
        .field("associate/portraitThumbnail", "associate", "portrait_thumbnail", .text, nil, orderable: false, "Associate - Person image: Person image"),
        ColumnDefinition(
            name: "associate/otherGroups", displayName: "Associate - Other groups", tooltip: "Other groups",
            restrictionType: .userGroup, canOrderBy: false,
            value: .references(
                ids: .linkedIDs(table: "associate_other_group", owner: "associate", ownerColumn: "associate_id", memberColumn: "user_group_id"),
                texts: .linkedNames(table: "associate_other_group", owner: "associate", ownerColumn: "associate_id", memberColumn: "user_group_id", list: "user_group")),
            filter: .membership(table: "associate_other_group", ownerColumn: "associate_id", memberColumn: "user_group_id", owner: .column("associate", "id")),
            hintRelation: "associate"),
        .field("associate/userName", "associate", "user_name", .text, .string, orderable: true, "Associate - User name: User name"),
        .field("associate/personEmail", "associate", "email", .text, .string, orderable: true, "Associate - E-mail: E-mail"),
    ]
}
