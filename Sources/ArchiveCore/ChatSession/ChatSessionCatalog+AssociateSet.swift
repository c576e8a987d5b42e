extension ChatSessionCatalog {
    /// The whole associate column set of an associate other than the chat's agent: the
    /// person's our contact (`person/personAssociate/…`), the user the person is
    /// (`person/correspondingAssociate/…`), the company's our contact (`contact/contactAssociate/…`).
    ///
    /// The associate's row and its company are joined; its lists (group, role, type, category)
    /// are read by lookups, so that a statement selecting every column stays within SQLite's 64
    /// tables.
    static func associateSet(prefix: String, relation: String, label: String) -> [ColumnDefinition] {
        let company = relation + ".contact", detail = relation + ".detail"
        func field(_ name: String, _ owner: String, _ column: String, _ type: FieldType, _ restriction: RestrictionType?, orderable: Bool, _ text: String) -> ColumnDefinition {
            .field(prefix + "/" + name, owner, column, type, restriction, orderable: orderable, label + " - " + text)
        }
        func list(_ name: String, _ owner: String, _ idColumn: String, table: String, _ restriction: RestrictionType, _ text: String) -> ColumnDefinition {
            .lookupReference(prefix + "/" + name, owner: owner, idColumn: idColumn, text: .lookup(owner, idColumn, table: table), restriction, orderable: true, label + " - " + text)
        }
        return [
            field("firstName", relation, "first_name", .text, .string, orderable: true, "First name: Displays the contact's first name"),
            field("lastName", relation, "last_name", .text, .string, orderable: true, "Last name: Displays the contact's last name"),
            field("middleName", relation, "middle_name", .text, .string, orderable: true, "Middle Name: Displays the contact's middle name."),
            field("fullName", relation, "full_name", .text, .string, orderable: true, "Full name: Displays full name of user (first, middle, last - according to settings)"),
            field("contactId", relation, "contact_id", .integer, .int, orderable: false, "Company ID: Database ID of the company the user belongs to"),
            field("personId", relation, "person_id", .integer, .int, orderable: false, "Contact ID: Database ID of the contact row"),
            field("mrMrs", relation, "mr_mrs", .text, .string, orderable: true, "Mr/Ms: Displays whether the contact is addressed as Mr or Ms"),
            field("title", relation, "title", .text, .string, orderable: true, "Title: Displays the user's job title"),
            .reference(prefix + "/associateDbId", owner: relation, idColumn: "id", target: relation, textColumn: "name", .associate, orderable: true, label + " - ID: Displays the login ID of the associate"),
            field("contactName", company, "name", .text, .string, orderable: true, "Owning company: Name of the company the user belongs to"),
            field("contactDepartment", company, "department", .text, .string, orderable: true, "Owning department: Name of the department at the company the user belongs to"),
            list("usergroup", relation, "user_group_id", table: "user_group", .userGroup, "Primary group: The user's primary user group"),
            field("contactFullName", company, "name_department", .text, .string, orderable: true, "Owner: Name and department of the company the user belongs to"),
            list("contactCategory", company, "category_id", table: "category", .listAny, "Category: Category"),
            list("role", relation, "role_id", table: "role", .listAny, "Role: Role"),
            .reference(prefix + "/assocName", owner: relation, idColumn: "id", target: relation, textColumn: "name", .associate, orderable: true, label + " - User ID: User ID"),
            field("assocTooltip", relation, "description", .text, .string, orderable: false, "Description: Description"),
            list("assocType", relation, "associate_type_id", table: "associate_type", .listAny, "Type: Type of user: associate, external user, system user, anonymous account"),
            field("ejUserId", relation, "ej_user_id", .integer, .int, orderable: false, "Service user ID: The database ID of a Service user"),
            field("simultaneousEjUser", relation, "simultaneous_ej_user", .bool, .bool, orderable: false, "Simultaneous Service user: If this flag is set, then the user will only have access if the maximum number of simultaneous users is not exceeded"),
            field("ejDisplayName", relation, "ej_display_name", .text, .string, orderable: true, "Nick name: User's nick name in Service"),
            field("ejStatus", relation, "ej_status", .integer, .int, orderable: false, "Service status: Status for Service user: Normal; Unavailable / holiday; Deleted; Read-only"),
            field("credentialType", relation, "credential_type", .text, nil, orderable: true, "Auth. type: What type of credentials to use when this user logs in"),
            field("credentialDisplayValue", relation, "credential_display_value", .text, nil, orderable: true, "Auth. value: Credential value (public, visible part) to be used when this user logs in"),
            field("isActive", relation, "is_active", .bool, .bool, orderable: true, "Active: Is this user active, and should be able to log in?"),
            ColumnDefinition(
                name: prefix + "/isActiveText", displayName: label + " - Active status",
                tooltip: "Is this user active, and should be able to log in?", restrictionType: .bool, canOrderBy: true,
                value: .flagText(.column(relation, "is_active"), whenTrue: .active, whenFalse: .inactive), hintRelation: relation),
            field("portraitThumbnail", relation, "portrait_thumbnail", .text, nil, orderable: false, "Person image: Person image"),
            otherGroups(prefix + "/otherGroups", relation: relation, label: label),
            field("userName", relation, "user_name", .text, .string, orderable: true, "User name: User name"),
            field("personEmail", relation, "email", .text, .string, orderable: true, "E-mail: E-mail"),
        ] + locationColumns(prefix: prefix, detail: detail, label: label)
    }

    /// `…/locationAddress` and `…/isLocation`: an associate that is a place (a meeting room).
    static func locationColumns(prefix: String, detail: String, label: String) -> [ColumnDefinition] {
        [
            .field(prefix + "/locationAddress", detail, "location_address", .text, .string, orderable: true, label + " - Location: Location address"),
            .field(prefix + "/isLocation", detail, "is_location", .bool, .bool, orderable: true, label + " - Is a location: Is this associate a location (a meeting room, a car)?"),
        ]
    }

    /// An associate's secondary user groups.
    static func otherGroups(_ name: String, relation: String, label: String) -> ColumnDefinition {
        ColumnDefinition(
            name: name, displayName: label + " - Other groups", tooltip: "Other groups",
            restrictionType: .userGroup, canOrderBy: false,
            value: .references(
                ids: .linkedIDs(table: "associate_other_group", owner: relation, ownerColumn: "associate_id", memberColumn: "user_group_id"),
                texts: .linkedNames(table: "associate_other_group", owner: relation, ownerColumn: "associate_id", memberColumn: "user_group_id", list: "user_group")),
            filter: .membership(table: "associate_other_group", ownerColumn: "associate_id", memberColumn: "user_group_id", owner: .column(relation, "id")),
            hintRelation: relation)
    }

    /// The relations an associate set reads through, under the associate's relation.
    static func associateSetRelations(_ relation: String) -> [Relation] {
        [
            Relation(relation + ".contact", table: "contact", join: .parentColumn("contact_id"), isOptional: true, hintKey: "contact_id"),
            Relation(relation + ".detail", table: "associate_detail", join: .sharedKey("associate_id"), isOptional: true),
        ]
    }
}
