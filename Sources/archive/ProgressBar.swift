/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var lastLine = ""
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(enabled: Bool) { self.enabled = enabled }

    func update(label: String, completed: Int, total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        // Redraw at most ten times a second, and always when a phase completes.
        guard completed == total || now - lastDraw > .milliseconds(100) else { return }
        lastDraw = now
        let fraction = total > 0 ? Double(min(completed, total)) / Double(total) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r[\(bar)] \(String(Int(fraction * 100)).leftPadded(3))% \(label) \(completed)/\(total)"
        guard line != lastLine else { return }
        lastLine = line
        Terminal.writeError(line + "\u{1B}[K")
    }

    func finish() {
        guard enabled, !lastLine.isEmpty else { return }
        Terminal.writeError("\r\u{1B}[K")
    }
}
