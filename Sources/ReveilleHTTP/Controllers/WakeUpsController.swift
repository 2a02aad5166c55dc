import Hummingbird
import ReveilleAPIContract
import ReveilleServices
import ReveilleStore

/// A room's wake-ups: list, book, cancel; and the latest ring attempts.
struct WakeUpsController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("rooms/{room}/wakeups", use: list)
        api.post("rooms/{room}/wakeups", use: book)
        api.delete("wakeups/{id}", use: cancel)
        api.get("wakeups/outcomes", use: outcomes)
    }

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let room = try context.parameters.require("room")
        let snapshot = try hotel.store.snapshot(at: hotel.now(), rooms: [room])
        guard snapshot.rooms[room] != nil else { throw NotFound(.room, room) }
        return try json(snapshot.policies(for: room).sorted { $0.id < $1.id }.map { API.WakeUp($0, hotel.settings.wakeUpDefaults) })
    }

    @Sendable func book(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "book wake-ups")
        let room = try context.parameters.require("room")
        let body = try await decodeBody(request, context, as: API.WakeUpRequest.self)
        let text = hotel.text
        let booking = try hotel.desk.bookWakeUp(
            room: room, time: body.time, recurrence: try body.recurrence(text, now: hotel.now()), options: body.options,
            actor: context.actor)
        var reply = API.WakeUpBooking(booking, text, hotel.settings.wakeUpDefaults)
        reply.dndEndsAtWakeUp = hotel.settings.dndEndsAtWakeUp
        return try json(reply, status: .created)
    }

    @Sendable func cancel(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "cancel wake-ups")
        try hotel.desk.cancelWakeUp(try context.id(), actor: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func outcomes(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let text = hotel.text
        return try json(hotel.store.wakeUpAttempts(limit: try request.limit()).map { API.Attempt($0, text) })
    }
}
