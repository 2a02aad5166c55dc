import Hummingbird
import ReveilleAPIContract
import ReveilleServices
import ReveilleStore

/// The guests in house, and reception's personal-call mark on a stay.
struct StaysController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("stays", use: list)
        api.put("stays/{id}/personal-call", use: personalCall)
    }

    /// In house until the PMS checks the guest out: a late check-out is still listed.
    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let text = hotel.text
        let stays = try hotel.store.snapshot(at: hotel.now()).stays.values.filter { $0.status == .inHouse }
        return try json(stays.sorted { $0.room < $1.room }.map { API.Stay($0, text) })
    }

    @Sendable func personalCall(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "mark personal calls")
        let body = try await decodeBody(request, context, as: API.PersonalCallRequest.self)
        let stay = try hotel.desk.setPersonalCall(stay: try context.id(), to: body.personalCall, actor: context.actor)
        return try json(API.Stay(stay, hotel.text))
    }
}
