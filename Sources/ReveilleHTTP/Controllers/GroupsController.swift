import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// Group wake-ups (tour groups, floors, booking codes): list with push progress, book, cancel.
struct GroupsController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("groups", use: list)
        api.post("groups", use: book)
        api.delete("groups/{id}", use: cancel)
    }

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let groups = try hotel.store.snapshot(at: hotel.now()).groups.values.sorted { $0.id < $1.id }
        return try json(try groups.map { try view($0, expectedFinish: nil) })
    }

    @Sendable func book(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "book group wake-ups")
        let body = try await decodeBody(request, context, as: API.GroupRequest.self)
        let text = hotel.text
        let members = try hotel.desk.members(try GroupMemberRequest(rooms: body.rooms, floors: body.floors, code: body.group))
        let booking = try hotel.desk.bookGroup(
            name: body.name, members: members, time: body.wakeUp.time, recurrence: try body.wakeUp.recurrence(text, now: hotel.now()),
            options: body.wakeUp.options, acceptLate: body.acceptLate ?? false, refuseIfFull: body.refuseIfFull ?? false,
            actor: context.actor)
        let assessment = booking.assessment
        let inside = try hotel.desk.dndConflicts(in: Set(assessment.rooms), from: .group(booking.group.id))
        let reply = API.GroupBooking(
            group: try view(booking.group, expectedFinish: assessment.expectedFinish), assessment: API.Assessment(assessment, text),
            insideDND: inside.map { API.DNDConflict($0, text) }, dndEndsAtWakeUp: hotel.settings.dndEndsAtWakeUp)
        return try json(reply, status: .created)
    }

    @Sendable func cancel(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "cancel group wake-ups")
        try hotel.desk.cancelGroup(try context.id(), actor: context.actor)
        return Response(status: .noContent)
    }

    /// A group with its push progress and, while pushes wait, when they should be done.
    private func view(_ group: GroupWakeUp, expectedFinish: Date?) throws -> API.Group {
        let progress = try hotel.store.progress(ofGroup: group.id)
        // While pushes wait: the rest at the mean spacing from now.
        let finish = expectedFinish ?? (progress.waiting > 0
            ? hotel.now().addingTimeInterval(Double(max(progress.waiting - 1, 0)) * hotel.desk.pacing.groupSpacing.seconds) : nil)
        return API.Group(
            id: group.id, name: group.name, members: API.Group.Members(group.members), time: group.time.description,
            recurrence: API.Recurrence(group.recurrence), frequency: group.options.frequency, attempts: group.options.attempts,
            prompt: group.options.prompt, personal: group.options.personal, receptionOnly: group.options.receptionOnly,
            progress: API.Progress(progress), expectedFinish: finish.map(hotel.text.text))
    }
}
