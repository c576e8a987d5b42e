import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret that signs next and delta links when `serve` is given no `--cursor-key-file`:
/// `cursor.key` in the data folder (``DemoDatabase/folder(environment:)``), 32 random bytes made
/// on first use. A random secret per run would void every link a client holds, delta links
/// above all, at each restart of the server.
enum DefaultCursorKey {
    static let fileName = "cursor.key"

    /// The key, read, or made and kept (readable by its owner only) when there is none yet.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        let folder = DemoDatabase.folder(environment: environment)
        let path = folder + "/" + fileName
        if FileManager.default.fileExists(atPath: path) { return try ServeCommand.keyFile(path, option: "the cursor key") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // O_EXCL: two servers starting at once keep the same key, whichever wrote it.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return try ServeCommand.keyFile(path, option: "the cursor key") }
            throw CommandError("cannot make the cursor key \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard key.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == key.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw CommandError("cannot write the cursor key \(path): \(reason)")
        }
        return key
    }
}
