import Hummingbird
import PBXProtocol

/// Who may do what through the API (see docs/API.md).
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    case reception, housekeeping, admin
}

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

/// The request context: who is asking, and the body size limit.
public struct ReveilleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthentication`` for a request with a known token.
    public var token: APIToken?

    /// Request bodies are small JSON objects: 64 KiB is plenty and bounds memory.
    public var maxUploadSize: Int { 64 * 1024 }

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// `role:name`, for the audit log.
    public var actor: String { token?.description ?? "anonymous" }

    /// Throws 403 unless the caller's role is one of `roles` (admin always may).
    public func require(_ roles: Role..., to action: String) throws {
        guard let token else { throw APIError.unauthorized }
        guard token.role == .admin || roles.contains(token.role) else {
            throw APIError(
                status: .forbidden, code: .forbidden, params: ["role": token.role.rawValue, "action": action],
                rule: "role \(token.role.rawValue) may not \(action)")
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

/// Deny by default: every request needs a known bearer token (`Authorization: Bearer <token>`;
/// the scheme is case-insensitive, RFC 7235 §2.1) unless the route it resolves to is on the
/// short public list (the page's files: nothing that names a guest or a room). The decision is
/// taken on the matched route (Hummingbird sets `endpointPath` before route middleware runs),
/// or for a request that matched none on the route its path resolves to in ``RouteTable``; an
/// unknown path without a token is a 401 too, so nothing is learned without one.
struct BearerAuthentication: RouterMiddleware {
    typealias Context = ReveilleRequestContext
    let tokens: TokenBook
    let routes: RouteTable
    let publicPaths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let route = context.endpointPath ?? routes.route(for: request.uri.path)?.path
        let secret = request.headers[.authorization].flatMap(Self.bearerSecret)
        guard let secret, let token = tokens.token(secret: secret) else {
            if let route, publicPaths.contains(route) { return try await next(request, context) }
            throw APIError.unauthorized
        }
        var context = context
        context.token = token
        context.logger[metadataKey: "actor"] = "\(token)"
        return try await next(request, context)
    }

    /// The credentials of a `Bearer` authorization header, whatever the scheme's case.
    static func bearerSecret(_ header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " "), trimmed[..<space].lowercased() == "bearer" else { return nil }
        let secret = trimmed[space...].trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }
}
