import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleIngest
import ReveilleServices
import ReveilleStore

/// The IT admin's levers: the outbox and its retry, a full resynchronisation (§8), approving a
/// held import, and the audit log.
struct AdminController {
    let hotel: HotelAccess
    let importer: OccupancyImporter?
    let resync: @Sendable () -> Void

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("outbox", use: outbox)
        api.post("outbox/retry", use: retry)
        api.post("resync", use: resynchronise)
        api.post("imports/approve", use: approve)
        api.get("audit", use: audit)
    }

    @Sendable func outbox(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let states = request.uri.queryParameters.get("state").map { [String($0)] } ?? ["pending", "inFlight", "failed"]
        let parsed = try states.map { state -> OutboxEntry.State in
            guard let parsed = OutboxEntry.State(rawValue: state) else {
                throw APIError.notOneOf("state", state, ["pending", "inFlight", "done", "failed", "superseded"])
            }
            return parsed
        }
        return try json(hotel.store.outbox(states: parsed).map(API.OutboxRow.init))
    }

    @Sendable func retry(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "retry failed pushes")
        return try json(API.Retried(retried: try hotel.desk.retryFailed(actor: context.actor)))
    }

    @Sendable func resynchronise(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "resynchronise the PBX")
        resync()
        return try json(API.Accepted(), status: .accepted)
    }

    @Sendable func approve(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "approve a held import")
        guard let report = try importer?.approveHeld(actor: context.actor) else { throw NotFound(.heldImport) }
        return try json(API.ImportReport(report))
    }

    /// `GET /api/audit[?room=&since=&until=&limit=&format=csv]`: newest first as JSON without a
    /// range (the latest `limit`), oldest first within a range or for a room.
    @Sendable func audit(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(to: "read the audit log")
        let text = hotel.text
        let now = hotel.now()
        let csv = try CSVResponse.wanted(request)
        let given = request.uri.queryParameters.get("limit") == nil ? nil : try request.limit()
        let room = try request.roomParameter()
        let since = try request.uri.queryParameters.get("since").map { try text.instant(String($0), field: "since", now: now) }
        let until = try request.uri.queryParameters.get("until").map { try text.instant(String($0), field: "until", now: now) }
        if let since, let until, until <= since {
            throw APIError.invalid("until", .endNotAfterStart, ["start": "since"], "must be after since")
        }
        let store = hotel.store
        let entries = room == nil && since == nil && until == nil && !csv
            ? try store.audit(limit: given ?? 100) : try store.audit(room: room, since: since, until: until, limit: given ?? 100_000)
        let items = entries.map(API.AuditEntry.init)
        guard csv else { return try json(items) }
        return CSVResponse.response(
            header: ["at", "actor", "action", "entity", "entityID", "before", "after"],
            rows: items.map { [text.text($0.at), $0.actor, $0.action, $0.entity, $0.entityID, $0.before, $0.after] },
            name: "audit")
    }
}
