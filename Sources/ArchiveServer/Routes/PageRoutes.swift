import ArchiveCore
import Crypto
import Foundation
import Hummingbird
import HTTPTypes

/// The archive's page for people in a browser: `GET /` is its HTML, `GET /assets/{name}` its
/// styles and scripts. The files (`Sources/ArchiveServer/Page/`) are compiled into the binary, so
/// the page needs nothing installed and asks no other host for anything; the policy header says
/// so to the browser too.
///
/// Each answer carries a strong `ETag` (a digest of the file) and `Cache-Control: no-cache`: a
/// browser asks again each time and gets a 304 until the server's files change.
struct PageRoutes {
    /// The page's files by the name they are served under, with their types.
    static let assets: [String: PageAsset] = [
        "index.html": PageAsset(PackageResources.index_html, type: "text/html; charset=utf-8"),
        "app.css": PageAsset(PackageResources.app_css, type: "text/css; charset=utf-8"),
        "app.js": PageAsset(PackageResources.app_js, type: "text/javascript; charset=utf-8"),
        "dom.js": PageAsset(PackageResources.dom_js, type: "text/javascript; charset=utf-8"),
        "api.js": PageAsset(PackageResources.api_js, type: "text/javascript; charset=utf-8"),
        "state.js": PageAsset(PackageResources.state_js, type: "text/javascript; charset=utf-8"),
        "catalog.js": PageAsset(PackageResources.catalog_js, type: "text/javascript; charset=utf-8"),
        "filterlang.js": PageAsset(PackageResources.filterlang_js, type: "text/javascript; charset=utf-8"),
        "filterbox.js": PageAsset(PackageResources.filterbox_js, type: "text/javascript; charset=utf-8"),
        "table.js": PageAsset(PackageResources.table_js, type: "text/javascript; charset=utf-8"),
        "picker.js": PageAsset(PackageResources.picker_js, type: "text/javascript; charset=utf-8"),
        "chat.js": PageAsset(PackageResources.chat_js, type: "text/javascript; charset=utf-8"),
        "signin.js": PageAsset(PackageResources.signin_js, type: "text/javascript; charset=utf-8"),
        "charts.js": PageAsset(PackageResources.charts_js, type: "text/javascript; charset=utf-8"),
        "analytics.js": PageAsset(PackageResources.analytics_js, type: "text/javascript; charset=utf-8"),
        "export.js": PageAsset(PackageResources.export_js, type: "text/javascript; charset=utf-8"),
        "favicon.svg": PageAsset(PackageResources.favicon_svg, type: "image/svg+xml"),
    ]

    /// The paths the page answers, and their methods.
    static let methods: [(path: String, allowed: [HTTPRequest.Method])] = [
        ("/", [.get, .head]),
        ("/assets/{name}", [.get, .head]),
    ]

    /// Only this server's own files, scripts and styles; no framing by other sites.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func add(to router: Router<ArchiveRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/", method: method) { request, _ in try Self.serve("index.html", request) }
            router.on("/assets/{name}", method: method) { request, context in try Self.serve(try context.parameters.require("name"), request) }
        }
    }

    /// One file, or 304 when the browser has it.
    static func serve(_ name: String, _ request: Request) throws -> Response {
        guard let asset = asset(named: name) else {
            throw APIError(.notFound, "NotFound", "the page has no file '\(name)'", source: "URL")
        }
        var headers: HTTPFields = [
            .contentType: asset.type, .eTag: asset.entityTag, .cacheControl: "no-cache",
            HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        if let sent = request.headers[.ifNoneMatch], matches(sent, asset.entityTag) {
            // What the 200 would have said of its variants (RFC 9110, 15.4.5).
            if asset.bytes.count >= ResponseCompression.minimumSize { headers[values: .vary].append("Accept-Encoding") }
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// Whether an `If-None-Match` value names the entity tag, compared weakly as that header's
    /// are (`W/"x"` matches `"x"`), or is `*` (RFC 9110, 13.1.2).
    static func matches(_ ifNoneMatch: String, _ entityTag: String) -> Bool {
        func opaque(_ tag: Substring) -> Substring { tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingBlanks() }
        return tags == ["*"] || tags.contains { opaque($0) == opaque(Substring(entityTag)) }
    }

    /// The file to serve: the compiled-in one, or in a debug build with `ARCHIVE_PAGE_DIR` set,
    /// the file of that folder (so that the page can be edited without rebuilding the server).
    private static func asset(named name: String) -> PageAsset? {
        #if DEBUG
        if let folder = ProcessInfo.processInfo.environment["ARCHIVE_PAGE_DIR"], !name.contains("/"), !name.hasPrefix("."),
            let data = FileManager.default.contents(atPath: folder + "/" + name) {
            return PageAsset(Array(data), type: assets[name]?.type ?? type(ofFileNamed: name))
        }
        #endif
        return assets[name]
    }

    private static func type(ofFileNamed name: String) -> String {
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        return "text/html; charset=utf-8"
    }
}

/// A file of the page, its type and its entity tag.
struct PageAsset: Sendable {
    let bytes: [UInt8]
    let type: String
    let entityTag: String

    init(_ bytes: [UInt8], type: String) {
        self.bytes = bytes
        self.type = type
        entityTag = "\"" + SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
