import Foundation

/// Signed-in sessions by key, each ending after ``idle`` without a request. Pure: `now` is passed
/// in. The key is whatever the caller indexes by (the HTTP edge uses the SHA-256 of the cookie's
/// random id, never the id itself).
public struct SessionTable<Key: Hashable & Sendable>: Sendable {
    /// One signed-in session.
    public struct Session: Hashable, Sendable {
        /// The account's id in the store.
        public var account: Int64
        public var started: Date
        public var lastUsed: Date
    }

    /// How long a session lasts without a request.
    public var idle: TimeInterval
    private var sessions: [Key: Session] = [:]

    public init(idle: TimeInterval) {
        self.idle = idle
    }

    /// Starts a session for `account` (expired sessions are forgotten first).
    public mutating func open(_ key: Key, account: Int64, now: Date) {
        pruneExpired(now: now)
        sessions[key] = Session(account: account, started: now, lastUsed: now)
    }

    /// The session's account when it is still alive, its idle time starting again; an expired
    /// session is forgotten and `nil`.
    public mutating func use(_ key: Key, now: Date) -> Session? {
        guard var session = sessions[key] else { return nil }
        guard !isExpired(session, now: now) else {
            sessions[key] = nil
            return nil
        }
        session.lastUsed = now
        sessions[key] = session
        return session
    }

    /// Ends one session (signing out).
    public mutating func close(_ key: Key) {
        sessions[key] = nil
    }

    /// Ends every session of `account` (disabled); returns how many.
    @discardableResult
    public mutating func close(account: Int64) -> Int {
        let before = sessions.count
        sessions = sessions.filter { $0.value.account != account }
        return before - sessions.count
    }

    /// Forgets every expired session.
    public mutating func pruneExpired(now: Date) {
        sessions = sessions.filter { !isExpired($0.value, now: now) }
    }

    /// Sessions held (expired ones included until they are pruned).
    public var count: Int { sessions.count }

    func isExpired(_ session: Session, now: Date) -> Bool {
        now.timeIntervalSince(session.lastUsed) >= idle
    }
}
