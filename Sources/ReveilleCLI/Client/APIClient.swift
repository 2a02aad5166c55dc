import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ReveilleAPIContract

// The HTTP side of the client commands: requests as values, a small async client over
// AsyncHTTPClient, and the errors a reply can carry (docs/API.md, "Errors"). No printing here.
//
// Not URLSession: on Linux it is FoundationNetworking, which links libcurl and two dozen libraries
// (LDAP, RTMP, SSH, Kerberos, GnuTLS …) into the one `reveille` binary, so `reveille serve`
// loaded them too: 6 MiB of its resident memory, and more for a security scan to flag.

/// One call of the API: method, path (already percent-encoded) and JSON body. A value, so tests can
/// check what a command would send without a server.
struct APIRequest: Sendable, Equatable, CustomStringConvertible {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
    }

    var method: Method
    /// From the root of the service, e.g. `/api/rooms/1208/wakeups`.
    var path: String
    /// UTF-8 JSON, sorted keys; nil for a request without a body.
    var body: Data?

    static func get(_ path: String) -> APIRequest { APIRequest(method: .get, path: path) }
    static func delete(_ path: String) -> APIRequest { APIRequest(method: .delete, path: path) }

    static func post(_ path: String, json: some Encodable) -> APIRequest {
        APIRequest(method: .post, path: path, body: JSONText.encode(json))
    }

    /// A POST without a body (`POST /api/resync`).
    static func post(_ path: String) -> APIRequest { APIRequest(method: .post, path: path) }

    /// The body as text (for tests and `--json` dry runs).
    var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    var description: String { "\(method.rawValue) \(path)" + (bodyText.map { " \($0)" } ?? "") }
}

/// Builds `/api/…` paths; each parameter is percent-encoded as one path segment.
enum APIPath {
    static func api(_ segments: String...) -> String {
        "/api/" + segments.map(segment).joined(separator: "/")
    }

    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A successful reply: status and body.
struct APIReply: Sendable {
    var status: Int
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Something a client command reports on standard error, ending with exit code 1.
protocol ClientFailure: Error, CustomStringConvertible {
    var message: String { get }
}

extension ClientFailure {
    var description: String { message }
}

/// An error reply of the API: `{"error":{"field":…,"rule":…,"lateRooms":[…]}}` with its status.
struct APIError: ClientFailure, Equatable {
    var status: Int
    var field: String?
    var rule: String
    /// For a group that cannot be pushed before its first wake-up (400).
    var lateRooms: [String]

    init(status: Int, field: String? = nil, rule: String, lateRooms: [String] = []) {
        self.status = status
        self.field = field
        self.rule = rule
        self.lateRooms = lateRooms
    }

    /// `time: "24:00" is not a real time HH:mm`, or the rule alone when no field is named.
    var message: String {
        let text = field.map { "\($0): \(rule)" } ?? rule
        switch status {
        case 401: return "\(text) (give a valid --token or set REVEILLE_TOKEN)"
        default: return text
        }
    }

    /// The error of a non-2xx reply: the JSON error body when there is one, else the status and a
    /// short excerpt of whatever came back (a proxy's HTML page, say).
    static func from(status: Int, body: Data) -> APIError {
        if let decoded = try? API.decoder().decode(API.ErrorReply.self, from: body) {
            return APIError(status: status, field: decoded.error.field, rule: decoded.error.rule, lateRooms: decoded.error.lateRooms ?? [])
        }
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        var excerpt = String(decoding: body.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        if body.count > 200 { excerpt += "…" }
        return APIError(status: status, rule: "HTTP \(status) \(reason)" + (excerpt.isEmpty ? "" : ": \(excerpt)"))
    }
}

/// The service could not be reached at all, or answered with something that is not the API.
struct ConnectionError: ClientFailure, Equatable {
    var url: String
    var reason: String

    var message: String { "cannot reach Reveille at \(url): \(reason)" }

    /// A readable reason for a transport error.
    static func reason(for error: any Error) -> String {
        if let failure = error as? TransportFailure { return failure.reason }
        if let error = error as? HTTPClientError {
            if [.connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded].contains(error) { return "no answer (timed out)" }
            if error == .remoteConnectionClosed { return "the connection was lost" }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) || "\(error)".contains("unsupportedScheme") {
                return "not a usable URL"
            }
            return "\(error)"
        }
        if error is NIOTooManyBytesError { return "the reply is larger than \(AsyncHTTPTransport.replyLimit >> 20) MiB" }
        if let error = error as? NIOConnectionError {
            if !error.connectionErrors.isEmpty { return Self.reason(for: error.connectionErrors[0].error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "unknown host" : "\(error)"
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused (is `reveille serve` running?)"
            case ECONNRESET, EPIPE: return "the connection was lost"
            case ENETUNREACH, EHOSTUNREACH: return "no network"
            case ETIMEDOUT: return "no answer (timed out)"
            default: return "\(error)"
            }
        }
        if error is ChannelError { return "the connection was lost (\(error))" }
        if let error = error as? SocketAddressError, case .unknown = error { return "unknown host" }
        let text = "\(error)"
        return text.localizedCaseInsensitiveContains("ssl") || text.localizedCaseInsensitiveContains("tls") ? "TLS failed (\(text))" : text
    }
}

/// A transport failure told in the client's own words (the fake transport of the tests throws it).
struct TransportFailure: Error, Equatable {
    var reason: String
}

/// A 2xx reply whose body is not what the API documents.
struct UnexpectedReply: ClientFailure, Equatable {
    var request: String
    var detail: String

    var message: String { "unexpected reply to \(request): \(detail)" }
}

/// One HTTP request as the transport sends it.
struct HTTPExchange: Sendable {
    var method: String
    var url: String
    var headers: [String: String]
    var body: Data?
    /// Seconds to wait for the whole answer.
    var timeout: TimeInterval
}

/// Sends one HTTP request. AsyncHTTPClient in the product, a recording fake in tests.
protocol HTTPTransport: Sendable {
    func send(_ request: HTTPExchange) async throws -> (status: Int, body: Data)
}

struct AsyncHTTPTransport: HTTPTransport {
    /// The largest reply read (the whole hotel's rooms are a few MB).
    static let replyLimit = 256 << 20

    /// One client for the process, never shut down (a command runs once and exits). It does not
    /// retry a refused connection: reception is told at once that the service is not running.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()

    func send(_ request: HTTPExchange) async throws -> (status: Int, body: Data) {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.client.execute(outgoing, timeout: .milliseconds(Int64(request.timeout * 1000)))
        let body = try await response.body.collect(upTo: Self.replyLimit)
        return (Int(response.status.code), Data(buffer: body))
    }
}

/// The Reveille API at a base URL, with a bearer token. The token goes into the Authorization
/// header and nowhere else: not into descriptions, errors or logs.
struct APIClient: Sendable, CustomStringConvertible, CustomReflectable {
    let baseURL: URL
    private let token: String
    let transport: any HTTPTransport
    /// Seconds to wait for an answer.
    var timeout: TimeInterval = 15

    init(baseURL: URL, token: String, transport: any HTTPTransport = AsyncHTTPTransport()) {
        self.baseURL = baseURL
        self.token = token
        self.transport = transport
    }

    var description: String { "APIClient(\(displayURL), token: <redacted>)" }

    /// `dump` and debuggers see the URL, not the token.
    var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL, "token": "<redacted>", "timeout": timeout]) }

    /// The base URL as the user gave it, without a trailing slash.
    var displayURL: String {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The HTTP request for `request`: base URL + path, JSON headers and the bearer token.
    func exchange(for request: APIRequest) -> HTTPExchange {
        // String concatenation keeps a base path (`https://hotel/reveille` + `/api/…`).
        var headers = ["Accept": "application/json", "Authorization": "Bearer \(token)"]
        if request.body != nil { headers["Content-Type"] = "application/json; charset=utf-8" }
        return HTTPExchange(method: request.method.rawValue, url: displayURL + request.path, headers: headers, body: request.body, timeout: timeout)
    }

    /// Sends `request`; a non-2xx reply throws its ``APIError``, a transport failure a ``ConnectionError``.
    func send(_ request: APIRequest) async throws -> APIReply {
        let status: Int
        let data: Data
        do {
            (status, data) = try await transport.send(exchange(for: request))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ConnectionError(url: displayURL, reason: ConnectionError.reason(for: error))
        }
        guard (200..<300).contains(status) else {
            throw APIError.from(status: status, body: data)
        }
        return APIReply(status: status, body: data)
    }

    /// Sends `request` and decodes the reply as `T`.
    func send<T: Decodable>(_ request: APIRequest, as type: T.Type) async throws -> (T, APIReply) {
        let reply = try await send(request)
        return (try decode(type, from: reply, of: request), reply)
    }

    func decode<T: Decodable>(_ type: T.Type, from reply: APIReply, of request: APIRequest) throws -> T {
        do {
            return try API.decoder().decode(type, from: reply.body)
        } catch {
            throw UnexpectedReply(request: "\(request.method.rawValue) \(request.path)", detail: JSONText.describe(error))
        }
    }
}

/// JSON text helpers shared by requests and tests.
enum JSONText {
    /// `value` as the API writes it (``API/encoder()``, the server's encoder).
    static func encode(_ value: some Encodable) -> Data {
        // Request bodies are plain structs of strings, numbers and arrays: encoding cannot fail.
        (try? API.encoder().encode(value)) ?? Data("{}".utf8)
    }

    /// A decoding error in words: which key, what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is null"
        case .dataCorrupted(let context): return "\(path(context.codingPath)) is not JSON"
        @unknown default: return "\(error)"
        }
    }
}
