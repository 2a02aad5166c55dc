import Hummingbird
import ReveilleAPIContract
import ReveilleServices
import ReveilleStore

/// Guests' DND windows: list, set (with the wake-ups it touches), cancel.
struct DNDController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("dnd", use: list)
        api.post("rooms/{room}/dnd", use: set)
        api.delete("dnd/{id}", use: cancel)
    }

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let text = hotel.text
        return try json(hotel.store.snapshot(at: hotel.now()).dndWindows.values.sorted { $0.id < $1.id }.map { API.DNDWindow($0, text) })
    }

    @Sendable func set(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, .housekeeping, to: "set DND")
        let room = try context.parameters.require("room")
        let body = try await decodeBody(request, context, as: API.DNDRequest.self)
        let text = hotel.text
        let now = hotel.now()
        let from = try body.from.map { try text.instant($0, field: "from", now: now) }
        let until = try text.instant(body.until, field: "until", now: from ?? now)
        let window = try hotel.desk.setDND(room: room, from: from, until: until, actor: context.actor)
        var reply = API.DNDWindow(window, text)
        reply.insideDND = try hotel.desk.dndConflicts(in: [room]).map { API.DNDConflict($0, text) }
        reply.dndEndsAtWakeUp = hotel.settings.dndEndsAtWakeUp
        let end = try hotel.desk.dndEnd(of: window)
        reply.effectiveEnd = text.text(end.effective)
        reply.endingWakeUp = end.endingWakeUp.map(text.text)
        return try json(reply, status: .created)
    }

    @Sendable func cancel(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, .housekeeping, to: "cancel DND")
        try hotel.desk.cancelDND(try context.id(), actor: context.actor)
        return Response(status: .noContent)
    }
}
