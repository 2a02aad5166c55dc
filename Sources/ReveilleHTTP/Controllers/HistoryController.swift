import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// What happened: each due wake-up with its attempts and outcome (the night's list, its CSV), and
/// the PBX's call records.
struct HistoryController {
    let hotel: HotelAccess

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("wakeups/occurrences", use: occurrences)
        api.get("cdrs", use: cdrs)
    }

    @Sendable func occurrences(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let text = hotel.text
        let csv = try CSVResponse.wanted(request)
        let (from, to, day) = try request.dayRange(text, now: hotel.now())
        let room = try request.roomParameter()
        let items = try hotel.store.occurrences(from: from, to: to, room: room).map(API.Occurrence.init)
        guard csv else { return try json(items) }
        return CSVResponse.response(
            header: ["room", "guest", "time", "source", "group", "outcome", "attempts", "alert"],
            rows: items.map { item in
                // A personal call is marked beside its source, as on the page's list.
                let call = item.receptionOnly ? " (reception only)" : item.personal ? " (personal call)" : ""
                return [
                    item.room, item.guest, text.text(item.scheduledAt), item.source + call, item.groupName, item.state,
                    item.attempts.map { "\(text.text($0.at).suffix(5)) \($0.result)" }.joined(separator: "; "), item.alertID.map(String.init),
                ]
            },
            name: "wakeups-\(day)")
    }

    @Sendable func cdrs(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        try context.require(.reception, to: "read call records")
        let csv = try CSVResponse.wanted(request)
        let (_, _, day) = try request.dayRange(hotel.text, now: hotel.now())
        let room = try request.roomParameter()
        let snapshot = try hotel.store.snapshot(at: hotel.now())
        let roomOf = Dictionary(snapshot.rooms.values.map { ($0.phone, $0.number) }, uniquingKeysWith: { first, _ in first })
        let items = try hotel.store.cdrs(on: day, room: room).map { record in
            API.CDR(
                id: record.id, caller: record.caller, callee: record.callee, start: record.start, answer: record.answer, end: record.end,
                duration: record.duration, disposition: record.disposition, callType: record.callType,
                room: roomOf[record.callee] ?? roomOf[record.caller])
        }
        guard csv else { return try json(items) }
        return CSVResponse.response(
            header: ["room", "caller", "callee", "start", "answer", "end", "duration", "disposition", "callType"],
            rows: items.map { [$0.room, $0.caller, $0.callee, $0.start, $0.answer, $0.end, String($0.duration), $0.disposition, $0.callType] },
            name: "cdrs-\(day)")
    }
}

extension API.Occurrence {
    init(_ occurrence: WakeUpOccurrence) {
        self.init(
            id: occurrence.id ?? 0, room: occurrence.room, guest: occurrence.guest, source: occurrence.source.rawValue,
            groupName: occurrence.groupName, scheduledAt: occurrence.scheduledAt, state: occurrence.state.rawValue,
            attempts: occurrence.attempts.map { API.Occurrence.Attempt(at: $0.at, result: $0.result.rawValue) },
            alertID: occurrence.alertID, personal: occurrence.personal, receptionOnly: occurrence.receptionOnly,
            catchUpAt: occurrence.catchUpAt, lateBy: occurrence.lateBy.map { Int($0.rounded()) }, followUpAt: occurrence.followUpAt)
    }
}
