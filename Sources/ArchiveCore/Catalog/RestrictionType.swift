/// The restriction type of a column: which operators it takes and what its values mean.
/// The names are the reference system's.
public enum RestrictionType: String, Sendable, CaseIterable {
    case int
    case decimal
    case string
    /// Text offering only positive match operators (`begins`, `contains`, `ends`, `is`).
    case positiveString
    /// Text that can also be matched by its row's primary key (`isPK`).
    case stringOrPK = "stringorPK"
    case bool
    /// Only the date part is compared.
    case date
    /// Date and time compared.
    case dateTime = "datetime"
    /// A duration in seconds.
    case timeSpan
    /// A list item id, matched against a set of ids.
    case listAny
    /// An associate (user) id.
    case associate
    /// A user group id.
    case userGroup
    /// A date without a time zone or a range limit (a user-defined field's unlimited date).
    case unlimitedDate
    /// Interest ids, several per row: matched when the row has any of the ids given.
    case listInterest
    /// A SAINT status of a company: signalled or not.
    case saintStatus
    /// A Service (eJournal) user id.
    case ejUser
}
