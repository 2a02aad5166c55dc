import Hummingbird

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
}

/// The request context: who is asking, and the body size limit.
public struct ReveilleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthentication`` for `/api` requests.
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
            throw APIError(status: .forbidden, rule: "role \(token.role.rawValue) may not \(action)")
        }
    }
}

/// Checks `Authorization: Bearer <token>` on every `/api` request: 401 without a known token.
public struct BearerAuthentication: RouterMiddleware {
    public typealias Context = ReveilleRequestContext
    private let tokens: [String: APIToken]

    public init(tokens: [APIToken]) {
        self.tokens = Dictionary(tokens.map { ($0.secret, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" else {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let token = tokens[String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)]
        else {
            throw APIError.unauthorized
        }
        var context = context
        context.token = token
        context.logger[metadataKey: "actor"] = "\(token)"
        return try await next(request, context)
    }
}
