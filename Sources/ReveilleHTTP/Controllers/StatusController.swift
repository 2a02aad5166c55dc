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

    @Sendable func link(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try json(linkView())
    }

    @Sendable func status(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let time = hotel.now()
        let store = hotel.store
        let desired = Planner(settings: hotel.settings).desired(try store.snapshot(at: time), now: time)
        let unconfirmed = Reconciler.unconfirmedSoon(desired: desired, acknowledged: try store.acknowledged(), now: time)
        return try json(
            API.Status(
                link: linkView(),
                outbox: .init(pending: try store.pendingCount(), failed: try store.count(.failed)),
                import: .init(
                    last: importer?.lastReport.map(API.ImportReport.init), held: importer?.heldReport.map(API.ImportReport.init),
                    exportAgeSeconds: export?.age().map { Int($0) }, exportStale: export.map { $0.isStale() }),
                hotel: .init(timeZone: hotel.settings.timeZone.identifier, now: hotel.text.text(time)),
                simulator: simulatorExtensions != nil,
                unconfirmedSoon: unconfirmed.count,
                quarantined: store.quarantined.map(API.QuarantinedRow.init)))
    }

    @Sendable func simulator(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "read the simulator")
        guard let simulatorExtensions else { throw NotFound(.simulator) }
        let text = hotel.text
        return try json(simulatorExtensions().mapValues { API.Acknowledged($0, text) } as API.SimulatorExtensions)
    }

    private func linkView() -> API.Link { API.Link(linkState(), driver: driver, unsupported: unsupported?() ?? []) }
}
