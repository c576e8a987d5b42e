import ArchiveJSON
import ArchiveQueryLanguage
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers requests that NIO's HTTP parser refuses, with a status that says why and the API's
/// error body, instead of Hummingbird's bare `400` with an empty body.
///
/// The parser's limits are set well above the API's own (``RequestLimits``), which the responder
/// checks with precise answers (414 for a long URL, 431 for large headers); this handler only
/// sees what goes past even those: NIO raises the same error for a URL and for headers then,
/// so it answers 431, naming both. Every other parse error is a 400. The connection is closed
/// after the answer, since the parser cannot find the next request in it.
final class ParserErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose responses have not ended yet.
    private var unanswered = 0
    /// An answer waiting for the responses before it (pipelined requests).
    private var pending: (HTTPResponse.Status, ByteBuffer)?
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        guard isEnd else { return }
        unanswered -= 1
        if unanswered == 0, let (status, body) = pending {
            pending = nil
            send(context, status, body)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Whatever follows a parse error (data the decoder can no longer read) needs no answer.
        if answered { return }
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let (status, type, message): (HTTPResponse.Status, String, String)
        switch parserError {
        case .headerOverflow:
            (status, type, message) = (
                .requestHeaderFieldsTooLarge, "RequestTooLarge",
                "the request's URL or headers are larger than the server reads; send long queries as a POST form body (application/x-www-form-urlencoded) to /api/v1/archive/{provider}")
        default:
            (status, type, message) = (.badRequest, "InvalidRequest", "the request is not valid HTTP/1.1 (\(parserError))")
        }
        let body = ByteBuffer(bytes: APIError(status, type, message, source: "HTTP").body(.json) + [UInt8(ascii: "\n")])
        if unanswered == 0 { send(context, status, body) } else { pending = (status, body) }
    }

    private func send(_ context: ChannelHandlerContext, _ status: HTTPResponse.Status, _ body: ByteBuffer) {
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
