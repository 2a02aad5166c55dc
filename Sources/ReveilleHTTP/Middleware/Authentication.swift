import Foundation
import Hummingbird
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// Deny by default: every request needs a known bearer token (`Authorization: Bearer <token>`;
/// the scheme is case-insensitive, RFC 7235 §2.1) or a live session cookie, unless the route it
/// resolves to is on the short public list (the page's files: nothing that names a guest or a
/// room) or is one of the open endpoints (`POST /api/session`, signing in). The decision is
/// taken on the matched route (Hummingbird sets `endpointPath` before route middleware runs),
/// or for a request that matched none on the route its path resolves to in ``RouteTable``; an
/// unknown path without credentials is a 401 too, so nothing is learned without them.
///
/// A change (anything but GET and HEAD) made under the cookie needs the page's `X-Reveille`
/// header: the browser sends the cookie with another site's form too, but no other site can add
/// that header (CSRF). A bearer token is never sent by a browser on its own and needs no header.
struct Authentication: RouterMiddleware {
    typealias Context = ReveilleRequestContext
    let tokens: TokenBook
    let sessions: SessionBook
    let store: Store
    let routes: RouteTable
    let publicPaths: Set<String>
    /// `METHOD /path` of the endpoints open without credentials.
    let openEndpoints: Set<String>
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let route = context.endpointPath ?? routes.route(for: request.uri.path)?.path
        var context = context
        if let secret = request.headers[.authorization].flatMap(Self.bearerSecret), let token = tokens.token(secret: secret) {
            context.caller = Caller(token)
        } else if let id = request.cookies[SessionCookie.name]?.value, !id.isEmpty, let caller = try await caller(session: id) {
            if request.method != .get, request.method != .head, request.headers[SessionCookie.header] == nil {
                throw APIError.crossSite
            }
            context.caller = caller
            context.sessionID = id
        } else {
            if let route, publicPaths.contains(route) || openEndpoints.contains("\(request.method) \(route)") {
                return try await next(request, context)
            }
            throw APIError.unauthorized
        }
        context.logger[metadataKey: "actor"] = "\(context.actor)"
        return try await next(request, context)
    }

    /// The person of a live session, read from the store on each request (on the store's reads
    /// threads): a disabled or deleted account ends every session it had.
    func caller(session id: String) async throws -> Caller? {
        guard let accountID = sessions.account(forID: id, now: now()) else { return nil }
        let store = store
        let account = try await withTaskExecutorPreference(StoreExecutor.reads) { try store.account(id: accountID) }
        guard let account, !account.disabled else {
            sessions.close(account: accountID)
            return nil
        }
        return Caller(role: account.role, name: account.displayName, user: account.userName)
    }

    /// The credentials of a `Bearer` authorization header, whatever the scheme's case.
    static func bearerSecret(_ header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " "), trimmed[..<space].lowercased() == "bearer" else { return nil }
        let secret = trimmed[space...].trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }
}
