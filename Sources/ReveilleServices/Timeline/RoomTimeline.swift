import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleStore

/// One room's night in one place (`GET /api/rooms/{room}/timeline`, `reveille why`): every booking,
/// change and cancellation with the person, check-in, check-out and moves, each push and the PBX's
/// answer, the link's drops, the PBX logins (verify) and resyncs, each ring (ExtenStatus, §5.3), the CDRs (§5.1), each
/// wake-up's outcome, its alert and the acknowledgement, in time order, with one sentence on top
/// that answers "did it ring?".
///
/// ``build(room:date:timeZone:inputs:)`` is pure: what the store recorded in, the timeline out.
public struct RoomTimeline: Hashable, Sendable {
    /// What a line of the timeline is about.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case booking, change, cancellation, checkIn, checkOut, move, occupancy
        case push, pushFailed, link, due, ring, cdr, outcome, alert, acknowledgement
    }

    /// One line: when, what, who (a person or `pbx`, `pms:csv`, …) and a sentence.
    public struct Event: Hashable, Sendable {
        public var at: Date
        public var kind: Kind
        public var actor: String?
        public var text: String

        public init(at: Date, kind: Kind, actor: String? = nil, text: String) {
            self.at = at
            self.kind = kind
            self.actor = actor
            self.text = text
        }
    }

    /// What the store holds for the room in the window (``window(of:timeZone:)``).
    public struct Inputs: Sendable {
        public var audit: [AuditEntry] = []
        /// Logins (`verify`) and resyncs of the whole PBX: they concern every room.
        public var linkAudit: [AuditEntry] = []
        public var attempts: [WakeUpAttemptRecord] = []
        public var cdrs: [CDRRecord] = []
        public var occurrences: [WakeUpOccurrence] = []
        public var alerts: [Alert] = []

        public init(
            audit: [AuditEntry] = [], linkAudit: [AuditEntry] = [], attempts: [WakeUpAttemptRecord] = [], cdrs: [CDRRecord] = [],
            occurrences: [WakeUpOccurrence] = [], alerts: [Alert] = []
        ) {
            self.audit = audit
            self.linkAudit = linkAudit
            self.attempts = attempts
            self.cdrs = cdrs
            self.occurrences = occurrences
            self.alerts = alerts
        }
    }

    public var room: String
    public var date: LocalDate
    /// The answer in one sentence.
    public var summary: String
    /// In time order (ties in the order things happen: a booking before its push, a ring before its outcome).
    public var events: [Event]

    /// The window a date's timeline covers: from noon the day before (evening bookings for the
    /// morning) to midnight at the end of `date`, hotel time.
    public static func window(of date: LocalDate, timeZone: TimeZone) -> (from: Date, to: Date) {
        let calendar = HotelCalendar(timeZone: timeZone)
        return (calendar.instant(date.adding(days: -1), TimeOfDay(hour: 12, minute: 0)!),
                calendar.instant(date.adding(days: 1), TimeOfDay(hour: 0, minute: 0)!))
    }

    /// The timeline of `room` on `date` from what the store recorded.
    public static func build(room: String, date: LocalDate, timeZone: TimeZone, inputs: Inputs) -> RoomTimeline {
        let calendar = HotelCalendar(timeZone: timeZone)
        func clock(_ instant: Date) -> String { Self.time(calendar.wallClock(instant)) }
        var events: [Event] = []
        for entry in inputs.audit {
            if let event = auditEvent(entry, clock: clock) { events.append(event) }
        }
        for entry in inputs.linkAudit {
            let text = switch entry.action {
            case "verify": "logged in to the PBX: every setting is pushed again to verify it (§8)"
            case "down": "the link to the PBX dropped (\(AuditFields.plain(entry.after))): nothing reaches the PBX until the next login"
            default: "resynchronisation: every setting is pushed again (\(entry.actor))"
            }
            events.append(Event(at: entry.at, kind: .link, actor: entry.actor, text: text))
        }
        for occurrence in inputs.occurrences {
            var due = "wake-up due at \(clock(occurrence.scheduledAt))"
            due += occurrence.receptionOnly ? " (a personal call by reception, not on the PBX)"
                : occurrence.onPBX ? " (confirmed on the PBX; up to \(occurrence.plannedAttempts) attempts \(occurrence.frequency) min apart)"
                : " (not confirmed on the PBX)"
            events.append(Event(at: occurrence.scheduledAt, kind: .due, text: due))
            if occurrence.state.isFinal {
                let decided = inputs.alerts.first { $0.id == occurrence.alertID }?.raisedAt
                    ?? occurrence.attempts.last?.at ?? occurrence.scheduledAt
                events.append(Event(at: decided, kind: .outcome, text: "outcome: " + outcomeText(occurrence, clock: clock)))
            }
        }
        // Each attempt of a planned wake-up (ExtenStatus 10 and how it left it, §5.3; busy from a CDR, §5.1).
        var rings: [Date] = []
        for occurrence in inputs.occurrences {
            for (index, attempt) in occurrence.attempts.enumerated() {
                let result: String = switch attempt.result {
                case .answered: "rang (ExtenStatus 10), answered"
                case .unanswered: "rang (ExtenStatus 10), not answered"
                case .busy: "line busy (CDR BUSY)"
                }
                events.append(Event(at: attempt.at, kind: .ring, actor: "pbx",
                                    text: "attempt \(index + 1) of \(occurrence.plannedAttempts): \(result)"))
                rings.append(attempt.at)
            }
        }
        // Rings no planned wake-up accounts for (one set on the PBX's console, or after a restart).
        for attempt in inputs.attempts where !rings.contains(where: { abs($0.timeIntervalSince(attempt.ringAt)) <= 90 }) {
            let result: String = switch attempt.outcome {
            case .answered: "answered"
            case .unanswered: "not answered"
            }
            events.append(Event(at: attempt.ringAt, kind: .ring, actor: "pbx",
                                text: "rang (ExtenStatus 10) without a planned wake-up, \(result) at \(clock(attempt.endedAt))"))
        }
        for cdr in inputs.cdrs {
            events.append(Event(at: cdr.receivedAt, kind: .cdr, actor: "pbx",
                                text: "CDR \(cdr.caller) → \(cdr.callee) at \(cdr.start): \(cdr.disposition), \(cdr.duration) s"))
        }
        for alert in inputs.alerts {
            events.append(Event(at: alert.raisedAt, kind: .alert, text: "alert: \(alert.message)"))
            if let at = alert.acknowledgedAt {
                let what = [alert.action?.rawValue, alert.note].compactMap { $0 }.joined(separator: ": ")
                events.append(Event(at: at, kind: .acknowledgement, actor: alert.acknowledgedBy,
                                    text: "alert acknowledged by \(alert.acknowledgedBy ?? "someone")" + (what.isEmpty ? "" : ": \(what)")))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        let sorted = events.enumerated().sorted { left, right in
            if left.element.at != right.element.at { return left.element.at < right.element.at }
            if left.element.kind != right.element.kind { return order[left.element.kind, default: 0] < order[right.element.kind, default: 0] }
            return left.offset < right.offset
        }.map(\.element)
        let onDate = inputs.occurrences
            .filter { calendar.date(of: $0.scheduledAt) == date }
            .sorted { $0.scheduledAt < $1.scheduledAt }
        return RoomTimeline(room: room, date: date, summary: summary(onDate, alerts: inputs.alerts, date: date, clock: clock), events: sorted)
    }

    /// `06:30` or `06:30:12`.
    static func time(_ clock: PBXDateTime) -> String {
        String(format: "%02d:%02d", clock.hour, clock.minute) + (clock.second == 0 ? "" : String(format: ":%02d", clock.second))
    }

    /// An audit row as a line, or `nil` for rows told better elsewhere (alerts, acknowledged state).
    static func auditEvent(_ entry: AuditEntry, clock: (Date) -> String) -> Event? {
        let fields = AuditFields(before: entry.before, after: entry.after)
        switch (entry.entity, entry.action) {
        case ("wakeUpPolicy", "create"):
            return Event(at: entry.at, kind: .booking, actor: entry.actor, text: "wake-up booked\(fields.time.map { " for \($0)" } ?? "") by \(entry.actor)")
        case ("wakeUpPolicy", "update"):
            let change = fields.previousTime.map { old in fields.time.map { " from \(old) to \($0)" } ?? "" } ?? ""
            return Event(at: entry.at, kind: .change, actor: entry.actor, text: "wake-up changed\(change) by \(entry.actor)")
        case ("wakeUpPolicy", "delete"):
            return Event(at: entry.at, kind: .cancellation, actor: entry.actor,
                         text: "wake-up\(fields.previousTime.map { " for \($0)" } ?? "") cancelled by \(entry.actor)")
        case ("groupWakeUp", let action):
            return Event(at: entry.at, kind: action == "delete" ? .cancellation : action == "create" ? .booking : .change, actor: entry.actor,
                         text: "group wake-up \(action == "create" ? "booked" : action == "delete" ? "cancelled" : "changed")\(fields.time.map { " (\($0))" } ?? "") by \(entry.actor)")
        case ("dndWindow", let action):
            return Event(at: entry.at, kind: action == "delete" ? .cancellation : action == "create" ? .booking : .change, actor: entry.actor,
                         text: "Do-Not-Disturb \(action == "create" ? "set" : action == "delete" ? "removed" : "changed") by \(entry.actor)")
        case ("stay", "check-in"), ("stay", "create"):
            return Event(at: entry.at, kind: .checkIn, actor: entry.actor, text: "checked in\(fields.guest.map { ": \($0)" } ?? "") (\(entry.actor))")
        case ("stay", "check-out"):
            return Event(at: entry.at, kind: .checkOut, actor: entry.actor, text: "checked out (\(entry.actor))")
        case ("stay", "move"):
            return Event(at: entry.at, kind: .move, actor: entry.actor, text: "moved\(fields.room.map { " to room \($0)" } ?? "") (\(entry.actor))")
        case ("stay", _):
            return Event(at: entry.at, kind: .occupancy, actor: entry.actor, text: "stay \(entry.action) (\(entry.actor))")
        case ("outbox", "push"):
            return Event(at: entry.at, kind: .push, actor: entry.actor, text: "pushed \(fields.commandSummary ?? "a setting"): PBX answered \(AuditFields.plain(entry.after))")
        case ("outbox", let action) where action.hasPrefix("push"):
            return Event(at: entry.at, kind: .pushFailed, actor: entry.actor,
                         text: "push of \(fields.commandSummary ?? "a setting") \(action == "push failed" ? "failed for good" : "refused, will retry"): \(AuditFields.plain(entry.after))")
        case ("outbox", "retry"):
            return Event(at: entry.at, kind: .push, actor: entry.actor, text: "failed pushes retried by \(entry.actor)")
        case ("alert", _), ("acknowledged", _), ("room", _), ("occupancy", _):
            return nil
        case (let entity, let action):
            return Event(at: entry.at, kind: .change, actor: entry.actor, text: "\(entity) \(action) by \(entry.actor)")
        }
    }

    /// How an occurrence ended, in words.
    static func outcomeText(_ occurrence: WakeUpOccurrence, clock: (Date) -> String) -> String {
        let rings = occurrence.attempts.filter { $0.result != .busy }.map { clock($0.at) }
        switch occurrence.state {
        case .answered:
            let answered = occurrence.attempts.last { $0.result == .answered }.map { clock($0.at) }
            return rings.count > 1 ? "rang at \(listed(rings)), answered\(answered.map { " at \($0)" } ?? "")" : "rang at \(rings.first ?? clock(occurrence.scheduledAt)), answered"
        case .unanswered:
            return "rang at \(listed(rings)), not answered"
        case .notRung:
            return "due at \(clock(occurrence.scheduledAt)) and on the PBX, but the PBX never rang it"
        case .busy:
            return "line busy at \(listed(occurrence.attempts.map { clock($0.at) }))"
        case .suppressed:
            return "due at \(clock(occurrence.scheduledAt)) but never confirmed on the PBX, so it did not ring"
        case .byReception:
            return "a personal call at \(clock(occurrence.scheduledAt)): reception was alerted to phone the room"
        case .cancelled:
            return "the \(clock(occurrence.scheduledAt)) wake-up was cancelled before its time"
        case .checkedOut:
            return "the guest checked out before the \(clock(occurrence.scheduledAt)) wake-up"
        case .upcoming:
            return "due at \(clock(occurrence.scheduledAt)), not yet rung"
        case .ringing:
            return "ringing since \(occurrence.ringingSince.map(clock) ?? clock(occurrence.scheduledAt))"
        }
    }

    /// `06:30`, `06:30 and 06:35`, `06:30, 06:35 and 06:40`.
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "-" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// The sentence on top: each wake-up due that day, how it ended, and its alert.
    static func summary(_ occurrences: [WakeUpOccurrence], alerts: [Alert], date: LocalDate, clock: (Date) -> String) -> String {
        guard !occurrences.isEmpty else { return "No wake-up was due on \(date)." }
        let parts = occurrences.map { occurrence -> String in
            var text = outcomeText(occurrence, clock: clock)
            if let alert = alerts.first(where: { $0.id == occurrence.alertID }) {
                if let at = alert.acknowledgedAt {
                    let what = [alert.action?.rawValue, alert.note].compactMap { $0 }.joined(separator: ": ")
                    text += "; alert acknowledged by \(alert.acknowledgedBy ?? "someone") at \(clock(at))" + (what.isEmpty ? "" : ": \(what)")
                } else {
                    text += "; alert raised at \(clock(alert.raisedAt)), not acknowledged"
                }
            }
            return text
        }
        let sentence = parts.joined(separator: ". ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }
}
