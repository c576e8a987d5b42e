import ArgumentParser
import Foundation
import Hummingbird

/// The HTTP floor of `server-vs-datasette.sh`: a bare Hummingbird server that answers every GET
/// with the same bytes, read once from a file (the archive server's answer to the benchmark's
/// page). Its CPU per request is what HTTP/1.1 on Hummingbird and NIO costs before any work of
/// the archive's own: no middleware, no authentication, no database.
@main
struct HTTPFloor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-floor",
        abstract: "Answer every GET with one file's bytes, as JSON (the HTTP floor of server-vs-datasette.sh).")

    @Option(help: ArgumentHelp("The file whose bytes every answer carries.", valueName: "file"))
    var body: String

    @Option(help: "The port to listen on (on 127.0.0.1).")
    var port = 18_095

    func run() async throws {
        guard let bytes = FileManager.default.contents(atPath: body) else {
            throw ValidationError("cannot read --body \(body)")
        }
        let answer = ByteBuffer(bytes: bytes)
        let router = Router()
        router.get("**") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: answer))
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await application.runService()
    }
}
