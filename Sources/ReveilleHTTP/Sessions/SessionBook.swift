import Crypto
import Foundation
import ReveilleCore
import PBXProtocol

/// The signed-in sessions of this process, in memory (a restart signs everyone out: sessions
/// last minutes, and keeping them out of SQLite spares the one writer a write on every request).
/// Each is known by the SHA-256 of its cookie's random id, never by the id itself; it ends after
/// ``idle`` without a request (``SessionTable``), when its person signs out, or when its account
/// is disabled (the account is read again on every request, so a `reveille users disable` run
/// in another process ends it at its next request).
public final class SessionBook: Sendable {
    private let table: Locked<SessionTable<String>>
    /// How long a session lasts without a request (`http.sessionIdle`).
    public let idle: Duration

    public init(idle: Duration) {
        self.idle = idle
        table = Locked(SessionTable(idle: TimeInterval(idle.components.seconds)))
    }

    /// Starts a session for `account`; returns the id for the cookie (32 random bytes, base64url).
    public func open(account: Int64, now: Date) -> String {
        let id = Self.newID()
        let key = Self.key(of: id)
        table.withLock { $0.open(key, account: account, now: now) }
        return id
    }

    /// The account of the session with this cookie id while it is alive (its idle time starts again).
    public func account(forID id: String, now: Date) -> Int64? {
        let key = Self.key(of: id)
        return table.withLock { $0.use(key, now: now)?.account }
    }

    /// Ends the session with this cookie id.
    public func close(id: String) {
        let key = Self.key(of: id)
        table.withLock { $0.close(key) }
    }

    /// Ends every session of `account`.
    public func close(account: Int64) {
        table.withLock { _ = $0.close(account: account) }
    }

    /// Sessions held now (expired ones until they are pruned).
    public var count: Int { table.withLock { $0.count } }

    /// 32 bytes from the system's secure generator, base64url without padding (43 characters).
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func key(of id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
