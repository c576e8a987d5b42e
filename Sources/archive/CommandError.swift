/// A failure of a command at run time: printed as one line (`Error: …`), exit status 1.
///
/// ArgumentParser's `ValidationError` is for bad arguments and adds a usage hint; this is for
/// everything that goes wrong afterwards.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
