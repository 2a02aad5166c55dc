import Hummingbird
import PBXProtocol
import ReveilleCore

/// A bearer token from the configuration: its secret, the role it grants, a name for the audit log.
public struct APIToken: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var role: Role
    public var secret: String

    public init(name: String, role: Role, secret: String) {
        self.name = name
        self.role = role
        self.secret = secret
    }

    /// Never shows the secret.
    public var description: String { "\(role.rawValue):\(name)" }

    /// Reads `role:person:secret` (a secret of at least 16 characters); `nil` if it is not one.
    public init?(_ entry: String) {
        let parts = entry.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let role = Role(rawValue: parts[0]), !parts[1].isEmpty, parts[2].count >= 16,
            entry.isSafeForPBXWire
        else { return nil }
        self.init(name: parts[1], role: role, secret: parts[2])
    }
}

/// Who is asking: a bearer token's person, or a person signed in with their account.
public struct Caller: Hashable, Sendable, CustomStringConvertible {
    public var role: Role
    /// The person's name as the audit log and alert acknowledgements show it (an account's
    /// display name, a token's person).
    public var name: String
    /// The account's user name when signed in with a password (`nil` for a token).
    public var user: String?

    public init(role: Role, name: String, user: String? = nil) {
        self.role = role
        self.name = name
        self.user = user
    }

    public init(_ token: APIToken) {
        self.init(role: token.role, name: token.name)
    }

    /// `role:name`, for the audit log; never a secret.
    public var description: String { "\(role.rawValue):\(name)" }
}

/// The request context: who is asking, and the body size limit.
public struct ReveilleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``Authentication`` for a request with a known token or a live session.
    public var caller: Caller?
    /// The session cookie's id, when the caller came with one (signing out ends it).
    var sessionID: String?

    /// Request bodies are small JSON objects: 64 KiB is plenty and bounds memory.
    public var maxUploadSize: Int { 64 * 1024 }

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// `role:name`, for the audit log.
    public var actor: String { caller?.description ?? "anonymous" }

    /// Throws 403 unless the caller's role is one of `roles` (admin always may).
    public func require(_ roles: Role..., to action: String) throws {
        guard let caller else { throw APIError.unauthorized }
        guard caller.role == .admin || roles.contains(caller.role) else {
            throw APIError(
                status: .forbidden, code: .forbidden, params: ["role": caller.role.rawValue, "action": action],
                rule: "role \(caller.role.rawValue) may not \(action)")
        }
    }
}

/// The accounts that may use the API, by secret; replaced whole when the configuration is read
/// again (SIGHUP), without a restart.
public final class TokenBook: Sendable {
    private let tokens: Locked<[String: APIToken]>

    public init(_ tokens: [APIToken]) {
        self.tokens = Locked(Self.index(tokens))
    }

    /// Puts `tokens` in force (requests already authenticated finish as they are).
    public func replace(with tokens: [APIToken]) {
        let index = Self.index(tokens)
        self.tokens.withLock { $0 = index }
    }

    /// The account whose secret this is.
    public func token(secret: String) -> APIToken? { tokens.withLock { $0[secret] } }

    /// How many accounts are in force.
    public var count: Int { tokens.withLock { $0.count } }

    private static func index(_ tokens: [APIToken]) -> [String: APIToken] {
        Dictionary(tokens.map { ($0.secret, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
