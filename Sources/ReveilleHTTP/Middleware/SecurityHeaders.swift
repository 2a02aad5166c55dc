import Hummingbird

/// The headers a page that shows guests' names sends on every answer, errors included, beside
/// Hummingbird's `ContentSecurityMiddleware` (``policy``, `X-Content-Type-Options: nosniff`): no
/// framing in older browsers (`X-Frame-Options`), no referrer, and `/api` and `/metrics` answers
/// never stored by a browser or a proxy (`Cache-Control: no-store`).
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Only the page's own files: no inline script or style, no framing, no forms posted away.
    static var policy: ContentSecurityPolicy {
        [
            .defaultSrc(.self), .scriptSrc(.self), .styleSrc(.self), .connectSrc(.self), .imgSrc(.self, .uri("data:")),
            .fontSrc(.self), .objectSrc(.none), .baseURI(.none), .formAction(.none), .frameAncestors(.none),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicyHeader] = "no-referrer"
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/metrics" {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPFields.Element.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicyHeader = Self("Referrer-Policy")!
}
