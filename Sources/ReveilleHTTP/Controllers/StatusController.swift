import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleIngest
import ReveilleServices
import ReveilleStore

/// The service's state at a glance: the PBX link, the outbox, the last import, unconfirmed
/// wake-ups; and the built-in simulator's extensions when it runs.
struct StatusController {
    let hotel: HotelAccess
    let importer: OccupancyImporter?
    let export: ExportFreshness?
    let linkState: @Sendable () -> LinkState
    let driver: String
    let unsupported: (@Sendable () -> [String])?
    let simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])?

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("status", use: status)
        api.get("link", use: link)
        api.get("simulator/extensions", use: simulator)
    }

    /// The routes answered without the database: the link's state is in memory.
    static let withoutDatabase: Set<String> = ["/api/link"]

    @Sendable func link(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try json(linkView())
    }

    /// The last `/api/status` reply, named by what it is built from: the store's change count, the
    /// minute, the link and the import (the export's age to the minute). An unchanged poll is a 304.
    let cache = PollCache()

    @Sendable func status(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let time = hotel.now()
        let store = hotel.store
        let link = linkView()
        let imports = API.Status.Import(
            last: importer?.lastReport.map(API.ImportReport.init), held: importer?.heldReport.map(API.ImportReport.init),
            exportAgeSeconds: export?.age().map { Int($0) }, exportStale: export.map { $0.isStale() })
        var hasher = Hasher()
        hasher.combine(link)
        hasher.combine(imports.last)
        hasher.combine(imports.held)
        hasher.combine(imports.exportAgeSeconds.map { $0 / 60 })
        hasher.combine(imports.exportStale)
        hasher.combine(store.quarantined.count)
        let tag = "status-\(store.changeCount)-\(Int(time.timeIntervalSince1970 / 60))-\(UInt(bitPattern: hasher.finalize()))"
        return try cache.reply(to: request, tag: tag) {
            let desired = Planner(settings: hotel.settings).desired(try store.snapshot(at: time), now: time)
            let unconfirmed = Reconciler.unconfirmedSoon(desired: desired, acknowledged: try store.acknowledged(), now: time)
            let status = API.Status(
                link: link,
                outbox: .init(pending: try store.pendingCount(), failed: try store.count(.failed)),
                import: imports,
                hotel: .init(timeZone: hotel.settings.timeZone.identifier, now: hotel.text.text(time), ringCapacity: hotel.settings.ringCapacity),
                simulator: simulatorExtensions != nil,
                unconfirmedSoon: unconfirmed.count,
                quarantined: store.quarantined.map(API.QuarantinedRow.init))
            return ByteBuffer(bytes: try API.encoder().encode(status))
        }
    }

    @Sendable func simulator(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "read the simulator")
        guard let simulatorExtensions else { throw NotFound(.simulator) }
        let text = hotel.text
        return try json(simulatorExtensions().mapValues { API.Acknowledged($0, text) } as API.SimulatorExtensions)
    }

    private func linkView() -> API.Link { API.Link(linkState(), driver: driver, unsupported: unsupported?() ?? []) }
}
