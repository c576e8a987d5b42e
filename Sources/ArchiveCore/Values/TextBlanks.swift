extension StringProtocol {
    /// The text without the spaces and tabs around it: HTTP's optional whitespace (RFC 9110's
    /// OWS), which every header the server reads ignores around a value or its parts.
    public func trimmingBlanks() -> SubSequence {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
