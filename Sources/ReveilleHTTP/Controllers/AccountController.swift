import Hummingbird
import ReveilleAPIContract

/// Who the caller is (`GET /api/me`): the page shows each role what it may do.
struct AccountController {
    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("me", use: me)
    }

    @Sendable func me(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        // Deny by default has let only a known token through; without one there is nobody to describe.
        guard let token = context.token else { throw APIError.unauthorized }
        return try json(API.Me(role: token.role.rawValue, name: token.name))
    }
}
