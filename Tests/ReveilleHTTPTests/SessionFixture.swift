import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ReveilleCore
import ReveilleHTTP
import ReveilleServices
import ReveilleStore
import Synchronization

/// A service with people's accounts (bcrypt at the test cost), a clock the test moves, and every
/// log line kept: for the session tests.
struct SessionFixture {
    final class Clock: Sendable {
        let date = Mutex(APITests.now)
        func now() -> Date { date.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
    }

    /// Every log line's message and metadata, as text.
    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    struct Capture: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            lines.lines.withLock { $0.append("\(event.level) \(event.message) \(all)") }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
    }

    static let password = "correct horse battery"
    let base: APITests.Fixture
    let clock = Clock()
    let logs = LogLines()
    var api: ReveilleAPI
    let accounts: StaffAccounts

    /// Accounts: `wang.fang` (reception, 王芳) and `li.na` (housekeeping, 李娜), both with ``password``.
    init(secureCookies: Bool = false) async throws {
        base = try APITests.Fixture()
        let clock = clock
        var api = base.api
        api = ReveilleAPI(
            store: base.store, desk: api.desk, importer: api.importer, settings: api.settings,
            tokens: [APIToken(name: "desk", role: .reception, secret: APITests.reception)],
            linkState: { .up }, resync: {}, now: { clock.now() }, sessionIdle: .seconds(900))
        accounts = StaffAccounts(store: base.store, hasher: PasswordHasher(cost: PasswordHasher.testCost), now: { clock.now() })
        api.accounts = accounts
        api.secureCookies = secureCookies
        self.api = api
        _ = try await accounts.add(userName: "wang.fang", displayName: "王芳", role: "reception", password: Self.password, actor: "test")
        _ = try await accounts.add(userName: "li.na", displayName: "李娜", role: "housekeeping", password: Self.password, actor: "test")
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let logs = logs
        let logger = Logger(label: "test") { _ in Capture(lines: logs) }
        let app = Application(router: api.router(), logger: logger)
        try await app.test(.router, body)
    }

    /// Headers of a request from the page: the session cookie (if any) and `X-Reveille`.
    static func page(cookie: String?, header: Bool = true) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let cookie { headers[.cookie] = "reveille_session=\(cookie)" }
        if header { headers[HTTPFields.Element.Name("X-Reveille")!] = "1" }
        return headers
    }

    /// Signs `user` in; returns the answer.
    static func signIn(_ client: any TestClientProtocol, _ user: String, _ password: String = SessionFixture.password) async throws -> TestResponse {
        try await client.executeRequest(
            uri: "/api/session", method: .post, headers: page(cookie: nil),
            body: ByteBuffer(string: #"{"user":"\#(user)","password":"\#(password)"}"#))
    }

    /// The session id of a sign-in's `Set-Cookie`.
    static func cookie(of response: TestResponse) -> String? {
        guard let header = response.headers[.setCookie], header.hasPrefix("reveille_session=") else { return nil }
        let value = header.dropFirst("reveille_session=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    static func send(
        _ client: any TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, cookie: String?, header: Bool = true, body: String? = nil
    ) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: method, headers: page(cookie: cookie, header: header), body: body.map { ByteBuffer(string: $0) })
    }
}
