import Hummingbird
import ReveilleAPIContract

/// Who the caller is (`GET /api/me`): the page shows each role what it may do.
struct AccountController {
    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("me", use: me)
    }

    @Sendable func me(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        // Deny by default has let only a known token or a live session through; else nobody to describe.
        guard let caller = context.caller else { throw APIError.unauthorized }
        return try json(API.Me(role: caller.role.rawValue, name: caller.name))
    }
}
