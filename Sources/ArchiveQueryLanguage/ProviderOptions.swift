import ArchiveCore

/// Reads `$options`, the provider-specific options: `name=value` pairs separated by `,` or `;`.
///
/// The ChatSession provider has one, `GrandTotal=true|false` (name and value in any case), which
/// adds the grand-total row of the aggregate columns.
enum ProviderOptions {
    static let grandTotal = "GrandTotal"

    /// Whether the grand total is asked for.
    static func grandTotal(in value: String, provider: String) throws -> Bool {
        let option = QueryOption.options.rawValue
        let characters = Array(value)
        var grandTotal: Bool?
        var start = 0
        // Each pair, with its offset in the value; empty pieces (`GrandTotal=true;`) are ignored.
        for end in characters.indices.filter({ characters[$0] == "," || characters[$0] == ";" }) + [characters.count] {
            let piece = characters[start..<end]
            defer { start = end + 1 }
            guard let first = piece.firstIndex(where: { !$0.isWhitespace }) else { continue }
            guard let equals = piece.firstIndex(of: "=") else {
                throw ArchiveError(
                    .invalidOption,
                    "\(quoted(String(piece).trimmingWhitespace())) at position \(first + 1) is not name=value; expected \(Self.grandTotal)=true or \(Self.grandTotal)=false",
                    option: option, position: first + 1)
            }
            let name = String(piece[..<equals]).trimmingWhitespace()
            let text = String(piece[(equals + 1)...]).trimmingWhitespace()
            guard name.lowercased() == Self.grandTotal.lowercased() else {
                throw ArchiveError(
                    .invalidOption,
                    "\(quoted(name)) at position \(first + 1) is not an option of the \(provider) provider; its only option is \(Self.grandTotal) (true or false)",
                    option: option, position: first + 1, suggestions: [Self.grandTotal])
            }
            guard grandTotal == nil else {
                throw ArchiveError(.invalidOption, "\(Self.grandTotal) is given twice, the second time at position \(first + 1)", option: option, position: first + 1)
            }
            switch text.lowercased() {
            case "true": grandTotal = true
            case "false": grandTotal = false
            default:
                let valueStart = piece[(equals + 1)...].firstIndex(where: { !$0.isWhitespace }) ?? equals + 1
                throw ArchiveError(
                    .invalidOption, "\(Self.grandTotal) must be true or false, not \(quoted(text))", option: option, position: valueStart + 1)
            }
        }
        return grandTotal ?? false
    }
}
