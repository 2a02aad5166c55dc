import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// Housekeeping's DND rules: list, create, replace, delete; a save answers with the wake-ups that
/// now ring inside a DND window.
struct RulesController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("rules", use: list)
        api.post("rules", use: create)
        api.put("rules/{id}", use: replace)
        api.delete("rules/{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try json(hotel.store.snapshot(at: hotel.now()).rules.map(API.Rule.init))
    }

    @Sendable func create(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.housekeeping, to: "change DND rules")
        let body = try await decodeBody(request, context, as: API.Rule.self)
        return try json(try reply(try hotel.desk.saveRule(try body.fields.rule(id: 0), actor: context.actor)), status: .created)
    }

    @Sendable func replace(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.housekeeping, to: "change DND rules")
        let id = try context.id()
        guard try hotel.store.exists(DNDRule.self, id: id) else { throw NotFound(.rule, id) }
        let body = try await decodeBody(request, context, as: API.Rule.self)
        return try json(try reply(try hotel.desk.saveRule(try body.fields.rule(id: id), actor: context.actor)))
    }

    @Sendable func delete(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.housekeeping, to: "change DND rules")
        try hotel.desk.deleteRule(try context.id(), actor: context.actor)
        return Response(status: .noContent)
    }

    /// A saved rule with the rings it leaves inside a DND window.
    private func reply(_ saved: DNDRule) throws -> API.Rule {
        let text = hotel.text
        var reply = API.Rule(saved)
        reply.insideDND = try hotel.desk.dndConflicts(in: nil).map { API.DNDConflict($0, text) }
        reply.dndEndsAtWakeUp = hotel.settings.dndEndsAtWakeUp
        return reply
    }
}

extension API.Rule {
    /// The body's fields for ``DNDRuleFields``.
    var fields: DNDRuleFields {
        DNDRuleFields(
            name: name, floors: floors, tags: tags, occupancy: occupancy, actionType: action.type, from: action.from, to: action.to,
            hours: action.hours, priority: priority, enabled: enabled)
    }
}
