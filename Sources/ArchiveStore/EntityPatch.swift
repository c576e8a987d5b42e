public import ArchiveCore
public import ArchiveJSON

/// The changes of a PATCH request: a JSON Patch (RFC 6902: `add`, `replace`, `remove`, `test`)
/// or a JSON Merge Patch (RFC 7396), applied to an entity's fields.
///
/// Paths name a field (`/Rating`, `rating`: the case does not matter and the leading slash is
/// optional, as the reference says); `/User/AssociateId` names the id of a related row. `remove`
/// empties a field. A `test` that does not hold is ``EntityError/testFailed(path:_:)`` and no
/// change is made.
public enum EntityPatch {
    public enum Kind: Sendable {
        /// `application/json-patch+json`, or an array.
        case jsonPatch
        /// `application/merge-patch+json`, or an object.
        case mergePatch
    }

    /// The stored entity with the patch applied. `current` is the entity as the API writes it
    /// (what `test` compares with).
    public static func apply(
        _ patch: JSONValue, kind: Kind, to stored: ChatSessionEntity, current: JSONValue, clock: ZonedClock
    ) throws -> ChatSessionEntity {
        switch kind {
        case .mergePatch:
            guard case .object = patch else { throw EntityError.invalid(field: "Body", "a merge patch is a JSON object of the fields to change") }
            // A merge patch sets each member it has; null empties the field.
            return try ChatSessionEntityJSON.read(patch, onto: stored, clock: clock)
        case .jsonPatch:
            guard case .array(let operations) = patch else {
                throw EntityError.invalid(field: "Body", "a JSON Patch is an array of operations such as [{\"op\": \"replace\", \"path\": \"/Rating\", \"value\": 5}]")
            }
            var entity = stored
            for (index, operation) in operations.enumerated() {
                let step = "operation \(index + 1)"
                guard let op = operation[member: "op"]?.string?.lowercased() else { throw EntityError.invalid(field: "Body", "\(step) has no \"op\"") }
                guard let path = operation[member: "path"]?.string else { throw EntityError.invalid(field: "Body", "\(step) has no \"path\"") }
                let (field, member) = try target(path, operation: step)
                switch op {
                case "add", "replace":
                    guard case .object(let members) = operation, let value = members.first(where: { $0.key.lowercased() == "value" })?.value else {
                        throw EntityError.invalid(field: "Body", "\(step) (\(op) \(path)) has no \"value\"")
                    }
                    // `/User/AssociateId`: the related row's id.
                    let set: JSONValue = member.map { .object([$0: value]) } ?? value
                    try ChatSessionEntityJSON.set(field, set, on: &entity, clock: clock)
                case "remove":
                    try ChatSessionEntityJSON.set(field, .null, on: &entity, clock: clock)
                case "test":
                    let expected = operation[member: "value"] ?? .null
                    var actual = current[member: field] ?? .null
                    if let member { actual = actual[member: member] ?? .null }
                    guard equal(actual, expected) else {
                        throw EntityError.testFailed(path: path, "\(path) is \(describe(actual)), not \(describe(expected))")
                    }
                case "move", "copy":
                    throw EntityError.invalid(field: "Body", "\(step): '\(op)' is not supported; use add, replace, remove or test")
                default:
                    throw EntityError.invalid(field: "Body", "\(step): '\(op)' is not an operation; use add, replace, remove or test")
                }
            }
            return entity
        }
    }

    /// The field (canonical name) and, for a related row, the member a path names.
    private static func target(_ path: String, operation: String) throws -> (String, String?) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first, let field = ChatSessionEntityJSON.canonicalName(first) else {
            throw EntityError.invalid(field: parts.first ?? "Body", "\(operation): '\(path)' is not a field of ChatSessionEntity")
        }
        switch parts.count {
        case 1: return (field, nil)
        case 2 where ["User", "Person", "Contact", "TransferTo"].contains(field):
            return (field, parts[1])
        default:
            throw EntityError.invalid(field: field, "\(operation): '\(path)' goes deeper than the fields and the ids of related rows")
        }
    }

    /// JSON equality, numbers by value and member names without regard to case.
    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { key, value in b[member: key].map { equal(value, $0) } ?? (value == .null) }
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default: return a == b
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): "\"\(text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
