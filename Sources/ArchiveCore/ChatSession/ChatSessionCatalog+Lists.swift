/// The smaller lists that columns added with the reference's current page choose from. Their
/// items share the table `list_item`, each list under its number; the seeder fills them and the
/// catalog reads their names without joining (``SQLFragment/lookup(_:_:table:column:list:)``).
public enum ExtraList: Int64, Sendable, CaseIterable {
    case consentSource = 1
    case legalBase = 2
    case subscription = 3
    case form = 4
    case workflow = 5
    case saintActivityType = 6
    case saintAmountClass = 7
    case saintDirection = 8
    case saintIntention = 9
    case saintSaleStatus = 10
    case saintTicketCategory = 11
    case saintTicketStatus = 12
    /// The dropdowns of extra fields (`x_person_shorttext_list`, `x_contact_dropdown`, …).
    case extraDropdown = 13
    /// The lists of user-defined fields (a definition names its list).
    case userDefinedList1 = 14
    case userDefinedList2 = 15
    case userDefinedList3 = 16
}

/// The kinds of phone numbers, as `person_phone.kind` and `contact_phone.kind` hold them.
public enum PhoneKind {
    /// A person's direct line.
    public static let direct: Int64 = 1
    /// A person's mobile phone.
    public static let mobile: Int64 = 2
    /// A person's private phone.
    public static let privatePhone: Int64 = 3
    /// A person's other number (the reference's pager).
    public static let pager: Int64 = 4
    /// A person's fax.
    public static let fax: Int64 = 5
    /// A company's telephone.
    public static let companyPhone: Int64 = 1
    /// A company's fax.
    public static let companyFax: Int64 = 2
}
