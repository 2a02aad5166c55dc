import Hummingbird
import PBXProtocol

/// The routes the router holds, read from it once every controller has added its own
/// (`Router.routes`): what a 405 lists in `Allow`, which routes are public, and what the
/// deny-by-default test walks. Nobody keeps a second list by hand.
final class RouteTable: Sendable {
    struct Route: Sendable, Hashable {
        /// `/api/rooms/{room}` as registered.
        var path: String
        var methods: Set<HTTPRequest.Method>
        var segments: [Substring] { path.split(separator: "/") }
    }

    private let table = Locked<[Route]>([])

    /// Records the router's routes (HEAD answers wherever GET does: `autoGenerateHeadEndpoints`).
    func fill(from router: Router<ReveilleRequestContext>) {
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for route in router.routes {
            byPath[route.path.description, default: []].insert(route.method)
        }
        let routes = byPath.map { path, methods in
            Route(path: path.hasPrefix("/") ? path : "/" + path, methods: methods.contains(.get) ? methods.union([.head]) : methods)
        }
        table.withLock { $0 = routes.sorted { $0.path < $1.path } }
    }

    /// Every route, sorted by path.
    var routes: [Route] { table.withLock { $0 } }

    /// The route `path` resolves to: a literal segment wins over a `{parameter}`
    /// (`/api/wakeups/outcomes` is not `/api/wakeups/{id}`).
    func route(for path: String) -> Route? {
        let segments = path.split(separator: "/")
        let matching = routes.filter { route in
            let pattern = route.segments
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matching.min { $0.segments.filter { $0.hasPrefix("{") }.count < $1.segments.filter { $0.hasPrefix("{") }.count }
    }

    /// The methods of the route `path` resolves to, sorted; empty if none.
    func methods(for path: String) -> [HTTPRequest.Method] {
        (route(for: path)?.methods ?? []).sorted { $0.rawValue < $1.rawValue }
    }
}
