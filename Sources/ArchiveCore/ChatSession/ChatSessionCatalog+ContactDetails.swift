/// The column families a person and a company share: e-mail addresses, phone numbers, web
/// addresses and postal addresses.
///
/// A person or company has several e-mail addresses, phones and URLs. As the reference does
/// (Schema/SCHEMA.md, "To-many values"), a column shows the first by rank (a phone column: the
/// first of its kind); a restriction on an e-mail or URL column matches any of the owner's, one
/// on a kind of phone its first, and `searchPhone` any phone of any kind.
extension ChatSessionCatalog {
    /// `…/email/…`: the eight e-mail columns of `owner` (`person` or `contact`).
    static func emailColumns(prefix: String, owner: String, label: String) -> [ColumnDefinition] {
        let table = owner + "_email", key = owner + "_id"
        func column(_ name: String, _ value: String, _ type: FieldType, _ restriction: RestrictionType, _ text: String) -> ColumnDefinition {
            .ranked(prefix + "/email/" + name, ChildRows(owner, table, ownerColumn: key, value: value), type, restriction,
                    orderable: true, matchesAnyRow: true, label + " - " + text)
        }
        return [
            column("emailProtocol", "protocol", .text, .string, "Protocol: E-mail protocol, such as SMTP"),
            column("emailAddress", "address", .text, .string, "E-mail: E-mail address"),
            column("emailDescription", "description", .text, .string, "Description: E-mail address description"),
            column("emailId", "id", .integer, .int, "ID: Database ID of the e-mail address"),
            column("emailLastSent", "last_sent", .dateTime, .dateTime, "Last sent: When an e-mail was last sent to this address"),
            column("emailBounceCount", "bounce_count", .integer, .int, "Bounce count: How many e-mails to this address bounced"),
            column("emailLastBounce", "last_bounce", .dateTime, .dateTime, "Last bounce: When an e-mail to this address last bounced"),
            column("emailHasBounced", "has_bounced", .bool, .bool, "Has bounced: Has an e-mail to this address bounced?"),
        ]
    }

    /// A kind of phone (`personDirectPhone`, `contactFax`, …): its first number and description.
    static func phoneColumns(prefix: String, owner: String, kind: Int64, label: String) -> [ColumnDefinition] {
        let rows = { (value: String) in ChildRows(owner, owner + "_phone", ownerColumn: owner + "_id", kind: kind, value: value) }
        return [
            .ranked(prefix + "/formattedNumber", rows("formatted_number"), .text, .string, orderable: false, matchesAnyRow: false, label + " - Phone: Phone number"),
            .ranked(prefix + "/description", rows("description"), .text, .string, orderable: true, matchesAnyRow: false, label + " - Description: Phone number description"),
        ]
    }

    /// `…/phone/formattedNumber` (the first number of the first kind) and `…/searchPhone/…`
    /// (shown as that number; a restriction matches any phone of any kind).
    static func anyPhoneColumns(prefix: String, owner: String, label: String) -> [ColumnDefinition] {
        let rows = { (value: String) in ChildRows(owner, owner + "_phone", ownerColumn: owner + "_id", kindFirst: true, value: value) }
        return [
            .ranked(prefix + "/phone/formattedNumber", rows("formatted_number"), .text, .string, orderable: false, matchesAnyRow: false, label + " - Phone: The first phone number"),
            .ranked(prefix + "/searchPhone/formattedNumber", rows("formatted_number"), .text, .string, orderable: false, matchesAnyRow: true,
                    label + " - Searchphone - Phone: Any phone number (a restriction matches any of them)"),
            .ranked(prefix + "/searchPhone/description", rows("description"), .text, .string, orderable: true, matchesAnyRow: true,
                    label + " - Searchphone - Description: Any phone number's description"),
        ]
    }

    /// `…/URLAddress` and `…/URLDescription` of the first web address.
    static func urlColumns(prefix: String, owner: String, label: String) -> [ColumnDefinition] {
        let rows = { (value: String) in ChildRows(owner, owner + "_url", ownerColumn: owner + "_id", value: value) }
        return [
            .ranked(prefix + "/URLAddress", rows("address"), .text, .string, orderable: true, matchesAnyRow: true, label + " - URL: Web address"),
            .ranked(prefix + "/URLDescription", rows("description"), .text, .string, orderable: true, matchesAnyRow: true, label + " - Description: Web address description"),
        ]
    }

    /// The twelve columns of an address (`relation` joins the `address` row).
    static func addressColumns(prefix: String, relation: String, label: String) -> [ColumnDefinition] {
        func field(_ name: String, _ column: String, _ type: FieldType, _ restriction: RestrictionType?, orderable: Bool = true, _ text: String) -> ColumnDefinition {
            .field(prefix + "/" + name, relation, column, type, restriction, orderable: orderable, label + " - " + text)
        }
        return [
            field("addressId", "id", .integer, .int, "Address ID: Database ID of the address"),
            field("line1", "line1", .text, .string, "Address 1: First line of the address"),
            field("line2", "line2", .text, .string, "Address 2: Second line of the address"),
            field("line3", "line3", .text, .string, "Address 3: Third line of the address"),
            field("county", "county", .text, .string, "County: County"),
            field("city", "city", .text, .string, "City: City"),
            field("zip", "zip", .text, .string, "Postcode: Postcode"),
            field("state", "state", .text, .string, "State: State"),
            field("wgs84latitude", "latitude", .decimal, .decimal, "Latitude: Latitude (WGS 84)"),
            field("wgs84longitude", "longitude", .decimal, .decimal, "Longitude: Longitude (WGS 84)"),
            field("formattedAddress", "formatted", .text, nil, orderable: false, "{formattedAddress}: The address on one line, in its country's layout"),
            field("formattedMultiLineAddress", "formatted_multi_line", .text, nil, orderable: false, "{formattedAddress}: The address on several lines, in its country's layout"),
        ]
    }

    /// Interests: several per person or company; a restriction matches any of them.
    static func interestColumn(_ name: String, owner: String, label: String) -> ColumnDefinition {
        let table = owner + "_interest", key = owner + "_id"
        return ColumnDefinition(
            name: name, displayName: label, tooltip: label, restrictionType: .listInterest, canOrderBy: false,
            value: .references(
                ids: .linkedIDs(table: table, owner: owner, ownerColumn: key, memberColumn: "interest_id"),
                texts: .linkedNames(table: table, owner: owner, ownerColumn: key, memberColumn: "interest_id", list: "interest")),
            filter: .membership(table: table, ownerColumn: key, memberColumn: "interest_id", owner: .column(owner, "id")),
            hintRelation: owner)
    }

    /// A list item of the shared `list_item` table, read without a join.
    static func extraList(
        _ name: String, owner: String, idColumn: String, list: ExtraList, orderable: Bool = true, _ documentation: String
    ) -> ColumnDefinition {
        .lookupReference(name, owner: owner, idColumn: idColumn, text: .lookup(owner, idColumn, table: "list_item", list: list.rawValue), .listAny,
                         orderable: orderable, documentation)
    }
}
