import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// Alerts that need a person (§2 of the delivery proof): list, and acknowledge once.
struct AlertsController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("alerts", use: list)
        api.post("alerts/{id}/acknowledge", use: acknowledge)
    }

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let open: Bool
        switch request.uri.queryParameters.get("open") {
        case nil, "false": open = false
        case "true": open = true
        case let other?: throw APIError.notOneOf("open", String(other), ["true", "false"])
        }
        // `since`: a night's alerts, acknowledged ones too, so every PC shows who handled each.
        let since = try request.uri.queryParameters.get("since").map { try hotel.text.instant(String($0), field: "since", now: hotel.now()) }
        let alerts = try hotel.store.alerts(openOnly: open, raisedSince: since)
        let occurrences = try hotel.store.occurrences(ids: alerts.compactMap(\.occurrenceID))
        let text = hotel.text
        return try json(alerts.map { API.Alert($0, text, occurrence: $0.occurrenceID.flatMap { occurrences[$0] }) })
    }

    @Sendable func acknowledge(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, .housekeeping, to: "acknowledge alerts")
        let id = try context.id()
        let body = try await decodeBody(request, context, as: API.AlertAcknowledgement.self)
        let alert = try hotel.desk.acknowledgeAlert(id, action: body.action, note: body.note, actor: context.actor)
        let occurrences = try hotel.store.occurrences(ids: alert.occurrenceID.map { [$0] } ?? [])
        return try json(API.Alert(alert, hotel.text, occurrence: alert.occurrenceID.flatMap { occurrences[$0] }))
    }
}
