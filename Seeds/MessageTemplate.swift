import ArchiveCore
/// A chat message with placeholders (`{order}`, `{product}`, `{n}`), split once so that filling it
/// in for a million chats is a few appends.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case orderNumber
        case product
        case smallNumber
    }

    let parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            switch rest[rest.index(after: open)..<close] {
            case "order": parts.append(.orderNumber)
            case "product": parts.append(.product)
            case "n": parts.append(.smallNumber)
            default: parts.append(.text(String(rest[open...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func fill(products: [String], _ random: inout SeedRandom) -> String {
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .orderNumber: result += String(100_000 + random.int(below: 900_000))
            case .product: result += random.pick(products)
            case .smallNumber: result += String(2 + random.int(below: 48))
            }
        }
        return result
    }
}
