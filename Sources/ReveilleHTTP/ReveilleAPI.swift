import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleIngest
import ReveilleServices
import ReveilleStore

/// The JSON API of docs/API.md, the reception page and `/metrics`, on a Hummingbird router.
public struct ReveilleAPI: Sendable {
    public var store: Store
    public var desk: FrontDesk
    public var importer: OccupancyImporter?
    public var settings: HotelSettings
    /// The accounts in force (re-read on SIGHUP by the application).
    public let tokens: TokenBook
    /// The PBX link's state now.
    public var linkState: @Sendable () -> LinkState
    /// The PBX driver's name (`pbx.driver`), shown with the link.
    public var pbxDriver = "tcp"
    /// What the driver cannot send, one sentence each (the console interface, §6), shown with the link.
    public var unsupported: (@Sendable () -> [String])?
    /// Settings the driver never sends (`PushConfiguration.unsentKinds`): a room is in sync without them.
    public var unsentKinds: Set<PlannedCommand.Kind> = []
    /// Full resynchronisation (§8).
    public var resync: @Sendable () -> Void
    /// The built-in simulator's extensions, when it runs (`pbx.simulator: true`).
    public var simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])?
    /// The Prometheus text of `/metrics`.
    public var metrics: (@Sendable () -> String)?
    public var now: @Sendable () -> Date
    /// How long a write waits for a lock another process holds before it is answered `503 busy`
    /// (the page says so at once instead of timing out): 1.8 s, so that with the busy handler's
    /// last wait and the reply the answer comes within 2 s.
    public var writePatience: Duration = .milliseconds(1800)
    /// How old the PMS's export is, when one is configured.
    public var export: ExportFreshness?
    /// People's accounts: signing in checks their passwords (`POST /api/session`).
    public var accounts: StaffAccounts
    /// The signed-in sessions (in memory; `http.sessionIdle`).
    public let sessions: SessionBook
    /// Failed sign-ins, per user name.
    public let signInLimiter = SignInLimiter()
    /// Whether the session cookie is `Secure` (`http.secureCookies`: the page is served over TLS).
    public var secureCookies = false

    public init(
        store: Store, desk: FrontDesk, importer: OccupancyImporter?, settings: HotelSettings, tokens: [APIToken],
        linkState: @escaping @Sendable () -> LinkState, resync: @escaping @Sendable () -> Void,
        simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])? = nil,
        metrics: (@Sendable () -> String)? = nil, now: @escaping @Sendable () -> Date, export: ExportFreshness? = nil,
        sessionIdle: Duration = .seconds(900)
    ) {
        accounts = StaffAccounts(store: store, now: now)
        sessions = SessionBook(idle: sessionIdle)
        self.export = export
        self.store = store
        self.desk = desk
        self.importer = importer
        self.settings = settings
        self.tokens = TokenBook(tokens)
        self.linkState = linkState
        self.resync = resync
        self.simulatorExtensions = simulatorExtensions
        self.metrics = metrics
        self.now = now
    }


    /// The router: the middleware every answer passes, then each resource's controller.
    ///
    /// Order, outermost first: the security headers (on every answer, errors included), errors as
    /// JSON with codes, canonical paths only, and deny by default (a token for every route but the
    /// page's files), then the store's own threads for every route that may touch the database.
    /// Route middleware runs after Hummingbird has matched the route, so the decisions are taken
    /// on the route, never on the raw path.
    public func router() -> Router<ReveilleRequestContext> {
        let router = Router(context: ReveilleRequestContext.self, options: .autoGenerateHeadEndpoints)
        let routes = RouteTable()
        let page = PageController(page: ReceptionPage(), metrics: metrics)
        router.middlewares.add(ContentSecurityMiddleware(contentSecurityPolicy: SecurityHeaders<ReveilleRequestContext>.policy))
        router.middlewares.add(SecurityHeaders())
        router.middlewares.add(JSONErrors(routes: routes))
        router.middlewares.add(CanonicalPath())
        router.middlewares.add(
            Authentication(
                tokens: tokens, sessions: sessions, store: store, routes: routes, publicPaths: page.publicPaths,
                openEndpoints: SessionController.openEndpoints, now: now))
        router.middlewares.add(
            StoreThreads(store: store, withoutDatabase: page.publicPaths.union(StatusController.withoutDatabase), writePatience: writePatience))

        let hotel = HotelAccess(store: store, desk: desk, settings: settings, now: now)
        page.addRoutes(to: router)
        let api = router.group("api")
        StatusController(
            hotel: hotel, importer: importer, export: export, linkState: linkState, driver: pbxDriver, unsupported: unsupported,
            simulatorExtensions: simulatorExtensions
        ).addRoutes(to: api)
        RoomsController(hotel: hotel, unsentKinds: unsentKinds).addRoutes(to: api)
        WakeUpsController(hotel: hotel).addRoutes(to: api)
        GroupsController(hotel: hotel).addRoutes(to: api)
        DNDController(hotel: hotel).addRoutes(to: api)
        RulesController(hotel: hotel).addRoutes(to: api)
        StaysController(hotel: hotel).addRoutes(to: api)
        AlertsController(hotel: hotel).addRoutes(to: api)
        AccountController().addRoutes(to: api)
        SessionController(accounts: accounts, sessions: sessions, limiter: signInLimiter, secureCookies: secureCookies, now: now)
            .addRoutes(to: api)
        HistoryController(hotel: hotel).addRoutes(to: api)
        AdminController(hotel: hotel, importer: importer, resync: resync).addRoutes(to: api)
        TimelineController(hotel: hotel).addRoutes(to: api)
        routes.fill(from: router)
        return router
    }

    /// Every route the router holds and whether it is public (the deny-by-default test walks it): a
    /// path with both open and guarded methods (`/api/session`) is listed once for each kind.
    public func routeTable() -> [(path: String, methods: [String], isPublic: Bool)] {
        let routes = RouteTable()
        routes.fill(from: router())
        let open = PageController(page: ReceptionPage(), metrics: nil).publicPaths
        return routes.routes.flatMap { route -> [(path: String, methods: [String], isPublic: Bool)] in
            let methods = route.methods.map(\.rawValue).sorted()
            if open.contains(route.path) { return [(route.path, methods, true)] }
            let openMethods = methods.filter { SessionController.openEndpoints.contains("\($0) \(route.path)") }
            let guarded = methods.filter { !openMethods.contains($0) }
            return (guarded.isEmpty ? [] : [(route.path, guarded, false)]) + (openMethods.isEmpty ? [] : [(route.path, openMethods, true)])
        }
    }
}
