import Hummingbird

/// Refuses, with 400, a path that is not written the one way the routes are: an empty segment
/// (`//api`), a `.` or `..` segment, a percent-encoding (`%2F`), a backslash, a `;` parameter, a
/// trailing `/`, or anything outside the letters, digits and `-._~` of room numbers and ids. The
/// router would collapse some of these onto a route; refusing them means every later decision
/// (who may see it) is taken on the path as it is routed.
struct CanonicalPath<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isCanonical(request.uri.path) else {
            throw APIError(
                status: .badRequest, code: .badPath,
                rule: "the path is not canonical (no //, ., .., %, \\, ;, trailing / or other characters)")
        }
        return try await next(request, context)
    }

    static func isCanonical(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path.utf8.count <= 512 else { return false }
        if path == "/" { return true }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.unreserved.contains($0)) }
        }
    }
}

/// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_`, `~`.
private enum CharacterSet {
    case unreserved
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~": true
        default: false
        }
    }
}
