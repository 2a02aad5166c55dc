import Hummingbird
import PBXProtocol

/// Polling that costs nothing when nothing changed: a reply is named by a tag made of what it is
/// built from (the store's change count, the minute, the link …). A poll that sends the tag back
/// (`If-None-Match`) gets `304 Not Modified` without the reply being built; any poll with the
/// same tag gets the bytes built last time. Ten reception PCs polling every 3 s cost one build
/// per change.
final class PollCache: Sendable {
    private let last = Locked<(tag: String, body: ByteBuffer)?>(nil)

    /// The reply for `tag`: 304 when the request already has it, the cached bytes when they were
    /// built for it, else `build()`'s JSON (cached).
    func reply(to request: Request, tag: String, build: () throws -> ByteBuffer) rethrows -> Response {
        let etag = "\"\(tag)\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        if let sent = request.headers[.ifNoneMatch], sent.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        let body = try self.body(tag: tag, build: build)
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The bytes built for `tag`: the cached ones, else `build()`'s (cached).
    func body(tag: String, build: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        if let cached = last.withLock({ $0?.tag == tag ? $0?.body : nil }) { return cached }
        let body = try build()
        last.withLock { $0 = (tag, body) }
        return body
    }
}
