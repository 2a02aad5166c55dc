import Hummingbird

/// The reception page's files and `/metrics`: the public routes (nothing here names a guest or a
/// room; every other route needs a token).
struct PageController {
    let page: ReceptionPage
    /// The Prometheus text of `/metrics`.
    let metrics: (@Sendable () -> String)?

    /// The paths anyone may fetch without a token.
    var publicPaths: Set<String> { Set(["/", "/metrics"] + page.names.filter { $0 != "index.html" }.map { "/" + $0 }) }

    func addRoutes(to router: Router<ReveilleRequestContext>) {
        let page = page
        router.get("/") { _, _ in page.response("index.html") }
        // app.js, style.css and the page's ES modules (i18n.js, rooms.js, night.js …), each at its exact path.
        for name in page.names where name != "index.html" {
            router.get(RouterPath("/" + name)) { _, _ in page.response(name) }
        }
        let metrics = metrics
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics?() ?? "")))
        }
    }
}
