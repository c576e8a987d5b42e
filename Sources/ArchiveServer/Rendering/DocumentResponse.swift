import ArchiveQueryLanguage
import ArchiveJSON
import Hummingbird
import HTTPTypes

/// A whole document (not a streamed page) as a response.
enum DocumentResponse {
    /// The document with its content type; JSON ends with a newline, as XML does.
    static func make(_ document: [UInt8], format: ResponseFormat, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var bytes = document
        if format == .json, bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var fields = headers
        fields[.contentType] = format.contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension ResponseFormat {
    /// The media type of a document or page in this format.
    var contentType: String { self == .json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8" }
}
