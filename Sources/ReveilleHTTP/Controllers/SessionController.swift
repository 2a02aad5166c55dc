import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices

/// A person's session (`/api/session`): sign in with a user name and password (the only route
/// open without credentials besides the page's files), who is signed in, sign out.
struct SessionController {
    let accounts: StaffAccounts
    let sessions: SessionBook
    let limiter: SignInLimiter
    let secureCookies: Bool
    let now: @Sendable () -> Date

    static let openEndpoints: Set<String> = ["POST /api/session"]

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.post("session", use: signIn)
        api.get("session", use: current)
        api.delete("session", use: signOut)
    }

    /// Unknown user, wrong password and disabled account get the same 401 after the same bcrypt
    /// work; 5 failures for a name within 5 minutes are answered 429 until the oldest is 5 minutes old.
    @Sendable func signIn(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        // Another site's form cannot add this header: no signing a browser in as someone else (login CSRF).
        guard request.headers[SessionCookie.header] != nil else { throw APIError.crossSite }
        let body = try await decodeBody(request, context, as: API.SignIn.self)
        let user = InputBounds.excerpt(body.user.lowercased(), scalars: 40)
        if let wait = limiter.retryAfter(user: user, now: now()) {
            context.logger.notice("sign-in refused: too many failed attempts")
            throw APIError.tooManyAttempts(retryAfter: Int(wait))
        }
        guard let account = try await accounts.signIn(userName: body.user, password: body.password) else {
            limiter.failed(user: user, now: now())
            // A name that is no account is often a password typed into the wrong field: never logged.
            let known = (try? accounts.store.account(named: user)) != nil
            context.logger.notice("sign-in refused", metadata: ["user": "\(known ? user : "(no such account)")"])
            throw APIError.badCredentials
        }
        limiter.succeeded(user: user)
        let id = sessions.open(account: account.id, now: now())
        context.logger.info("signed in", metadata: ["user": "\(account.userName)", "role": "\(account.role.rawValue)"])
        let caller = Caller(role: account.role, name: account.displayName, user: account.userName)
        var response = try json(reply(caller))
        response.setCookie(SessionCookie.make(id, secure: secureCookies))
        return response
    }

    @Sendable func current(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        guard let caller = context.caller else { throw APIError.unauthorized }
        return try json(reply(caller))
    }

    /// Ends the caller's session and tells the browser to forget the cookie (a token: nothing to end).
    @Sendable func signOut(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        if let id = context.sessionID {
            sessions.close(id: id)
            context.logger.info("signed out", metadata: ["user": "\(context.caller?.user ?? "")"])
        }
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.expired(secure: secureCookies))
        return response
    }

    func reply(_ caller: Caller) -> API.Session {
        API.Session(
            user: caller.user, name: caller.name, role: caller.role.rawValue, via: caller.user == nil ? "token" : "session",
            idleSeconds: caller.user == nil ? nil : Int(sessions.idle.components.seconds))
    }
}
