import Hummingbird

/// The API's paths and their methods, as docs/openapi.yaml lists them: a request with a method a
/// known path does not have gets 405 with `Allow` instead of 404.
enum APIRoutes {
    static let table: [(pattern: [Substring], methods: [HTTPRequest.Method])] = [
        ("/", [.get]), ("/app.js", [.get]), ("/style.css", [.get]), ("/metrics", [.get]),
        ("/api/status", [.get]), ("/api/link", [.get]), ("/api/rooms", [.get]), ("/api/rooms/{}", [.get]),
        ("/api/rooms/{}/wakeups", [.get, .post]), ("/api/wakeups/{}", [.delete]), ("/api/wakeups/outcomes", [.get]),
        ("/api/groups", [.get, .post]), ("/api/groups/{}", [.delete]), ("/api/dnd", [.get]), ("/api/rooms/{}/dnd", [.post]),
        ("/api/dnd/{}", [.delete]), ("/api/rules", [.get, .post]), ("/api/rules/{}", [.put, .delete]), ("/api/stays", [.get]),
        ("/api/stays/{}/personal-call", [.put]),
        ("/api/outbox", [.get]), ("/api/audit", [.get]), ("/api/resync", [.post]), ("/api/outbox/retry", [.post]),
        ("/api/imports/approve", [.post]), ("/api/simulator/extensions", [.get]),
        ("/api/wakeups/occurrences", [.get]), ("/api/alerts", [.get]), ("/api/alerts/{}/acknowledge", [.post]), ("/api/cdrs", [.get]),
        ("/api/rooms/{}/timeline", [.get]),
    ].map { (path: String, methods: [HTTPRequest.Method]) in (path.split(separator: "/"), methods) }

    /// The methods of the path `path` matches, empty if none. A literal path wins over a pattern
    /// (`/api/wakeups/outcomes` is not `/api/wakeups/{id}`); `{}` matches one segment.
    static func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let matching = table.filter { route in
            route.pattern.count == segments.count && zip(route.pattern, segments).allSatisfy { $0 == "{}" || $0 == $1 }
        }
        let literal = matching.first { !$0.pattern.contains("{}") }
        return literal?.methods ?? matching.first?.methods ?? []
    }
}
