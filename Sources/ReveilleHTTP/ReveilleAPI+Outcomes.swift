import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// Issue 10: the wake-up occurrences (§1), the alerts (§2), and the audit and CDR queries (§5).
extension ReveilleAPI {
    func addOutcomeRoutes(to api: RouterGroup<ReveilleRequestContext>, _ text: WallClockText) {
        api.get("wakeups/occurrences") { request, _ in
            let csv = try CSVResponse.wanted(request)
            let (from, to, day) = try dayRange(request, text)
            let room = try roomParameter(request)
            let items = try store.occurrences(from: from, to: to, room: room).map(API.Occurrence.init)
            guard csv else { return try json(items) }
            return CSVResponse.response(
                header: ["room", "guest", "time", "source", "group", "outcome", "attempts", "alert"],
                rows: items.map { item in
                    // A personal call is marked beside its source (issue 14 §2), as on the page's list.
                    let call = item.receptionOnly ? " (reception only)" : item.personal ? " (personal call)" : ""
                    return [item.room, item.guest, text.text(item.scheduledAt), item.source + call, item.groupName, item.state,
                     item.attempts.map { "\(text.text($0.at).suffix(5)) \($0.result)" }.joined(separator: "; "), item.alertID.map(String.init)]
                },
                name: "wakeups-\(day)")
        }
        api.get("alerts") { request, _ in
            let open: Bool
            switch request.uri.queryParameters.get("open") {
            case nil, "false": open = false
            case "true": open = true
            case let other?: throw APIError.invalid("open", "\"\(other.prefix(20))\" is not true or false")
            }
            return try json(store.alerts(openOnly: open).map(API.Alert.init))
        }
        api.post("alerts/{id}/acknowledge") { request, context in
            try context.require(.reception, .housekeeping, to: "acknowledge alerts")
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw) else { throw APIError.invalid("id", "\"\(raw.prefix(20))\" is not a number") }
            let body = try await decodeBody(request, context, as: API.AlertAcknowledgement.self)
            guard let action = AlertAction(rawValue: body.action) else {
                throw APIError.invalid(
                    "action", "must be one of: " + AlertAction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            if let note = body.note {
                // Unicode scalars and UTF-8 bytes, not characters (one "character" may be 80 KB).
                guard note.unicodeScalars.count <= Alert.noteLimit, note.utf8.count <= InputBounds.textBytes else {
                    throw APIError.invalid("note", "is longer than \(Alert.noteLimit) characters or \(InputBounds.textBytes) bytes")
                }
                guard !note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
                    throw APIError.invalid("note", "must not contain control characters")
                }
            }
            do {
                let alert = try store.acknowledge(
                    alert: id, action: action, note: body.note?.isEmpty == true ? nil : body.note, actor: context.actor, at: now())
                return try json(API.Alert(alert))
            } catch AlertAcknowledgementError.unknownAlert {
                throw APIError.notFound("no alert \(id)")
            }
        }
        api.get("cdrs") { request, context in
            try context.require(.reception, to: "read call records")
            let csv = try CSVResponse.wanted(request)
            let (_, _, day) = try dayRange(request, text)
            let room = try roomParameter(request)
            let snapshot = try store.snapshot(at: now())
            let roomOf = Dictionary(snapshot.rooms.values.map { ($0.phone, $0.number) }, uniquingKeysWith: { first, _ in first })
            let items = try store.cdrs(on: day, room: room).map { record in
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

    /// `GET /api/audit[?room=&since=&until=&limit=&format=csv]`: newest first as JSON without a
    /// range (the latest `limit`), oldest first within a range or for a room.
    func audit(_ request: Request, _ text: WallClockText) throws -> Response {
        let csv = try CSVResponse.wanted(request)
        let given = request.uri.queryParameters.get("limit") == nil ? nil : try Self.limit(request)
        let room = try roomParameter(request)
        let since = try request.uri.queryParameters.get("since").map { try text.instant($0, field: "since", now: now()) }
        let until = try request.uri.queryParameters.get("until").map { try text.instant($0, field: "until", now: now()) }
        if let since, let until, until <= since { throw APIError.invalid("until", "must be after since") }
        let entries = room == nil && since == nil && until == nil && !csv
            ? try store.audit(limit: given ?? 100) : try store.audit(room: room, since: since, until: until, limit: given ?? 100_000)
        let items = entries.map(API.AuditEntry.init)
        guard csv else { return try json(items) }
        return CSVResponse.response(
            header: ["at", "actor", "action", "entity", "entityID", "before", "after"],
            rows: items.map { [text.text($0.at), $0.actor, $0.action, $0.entity, $0.entityID, $0.before, $0.after] },
            name: "audit")
    }

    /// `?date=yyyy-MM-dd` (default: the hotel's today) as the instants of that day.
    private func dayRange(_ request: Request, _ text: WallClockText) throws -> (Date, Date, LocalDate) {
        let day = try request.uri.queryParameters.get("date").map { try text.day($0, field: "date") } ?? text.calendar.date(of: now())
        return (text.calendar.instant(day, .midnight), text.calendar.instant(day.adding(days: 1), .midnight), day)
    }

    /// `?room=`: a room number within the bounds (it need not exist any more: history outlives rooms).
    private func roomParameter(_ request: Request) throws -> String? {
        guard let room = request.uri.queryParameters.get("room") else { return nil }
        guard !room.isEmpty, room.count <= 16, room.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw APIError.invalid("room", "\"\(room.prefix(20))\" is not a room number (letters, digits, '-', at most 16)")
        }
        return room
    }
}

extension API.Occurrence {
    init(_ occurrence: WakeUpOccurrence) {
        self.init(
            id: occurrence.id ?? 0, room: occurrence.room, guest: occurrence.guest, source: occurrence.source.rawValue,
            groupName: occurrence.groupName, scheduledAt: occurrence.scheduledAt, state: occurrence.state.rawValue,
            attempts: occurrence.attempts.map { API.Occurrence.Attempt(at: $0.at, result: $0.result.rawValue) },
            alertID: occurrence.alertID, personal: occurrence.personal, receptionOnly: occurrence.receptionOnly)
    }
}
