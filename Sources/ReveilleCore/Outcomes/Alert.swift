import Foundation

/// What an alert is about.
public enum AlertKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every attempt of a wake-up rang, none was answered.
    case unanswered
    /// The PBX never rang a wake-up it held.
    case notRung
    /// Every attempt found the line busy.
    case busy
    /// A wake-up was due that the PBX never confirmed.
    case suppressed
    /// A wake-up due within 60 min is not confirmed by the PBX (the push scheduler's alert).
    case unconfirmedSoon
    /// A personal call is due: reception phones the room now.
    case personalCall
    /// A wake-up rang late (caught up after an outage) and was answered.
    case late
    /// A push to the PBX was given up: refused as over the frame limit or invalid, refused by the
    /// PBX past its retries, or dropping the link twice in a row (the room's setting is not on the PBX).
    case pushFailed
}

/// What the person who acknowledged an alert did about it.
public enum AlertAction: String, Hashable, Sendable, Codable, CaseIterable {
    case calledTheRoom = "called the room"
    case wentToTheRoom = "went to the room"
    case guestAlreadyUp = "guest already up"
    case other
}

/// A raised alert and, once a person has dealt with it, who did what.
public struct Alert: Hashable, Sendable, Codable, Identifiable {
    /// The longest note accepted with an acknowledgement, in characters.
    public static let noteLimit = 500

    public var id: Int64
    public var kind: AlertKind
    public var room: String
    public var guest: String?
    /// The wake-up's time.
    public var scheduledAt: Date
    public var raisedAt: Date
    public var message: String
    /// The occurrence whose outcome raised it (none for `unconfirmedSoon`).
    public var occurrenceID: Int64?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var action: AlertAction?
    public var note: String?

    public init(
        id: Int64, kind: AlertKind, room: String, guest: String? = nil, scheduledAt: Date, raisedAt: Date, message: String,
        occurrenceID: Int64? = nil, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, action: AlertAction? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.room = room
        self.guest = guest
        self.scheduledAt = scheduledAt
        self.raisedAt = raisedAt
        self.message = message
        self.occurrenceID = occurrenceID
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.action = action
        self.note = note
    }

    /// Open until a person acknowledges it.
    public var isOpen: Bool { acknowledgedAt == nil }

    /// The values an alert's message names — the one place they are made; the English message
    /// (``message(kind:params:)``) and every translation are written from them, so the page never
    /// parses English: `room`, `guest` (when known), `time` (the wake-up's `HH:mm`, the hotel's
    /// wall clock), and from its occurrence `attempts`, `lateMinutes` (a catch-up that rang late),
    /// `unreachableFrom`/`unreachableUntil` (the outage, `HH:mm`) and `backupAt` (a personal call's
    /// backup ring from the PBX). `clock` writes an instant as the hotel's `HH:mm`.
    public static func params(
        kind: AlertKind, room: String, guest: String?, time: String, occurrence: WakeUpOccurrence?, clock: (Date) -> String
    ) -> [String: String] {
        var params = ["room": room, "time": time]
        params["guest"] = guest
        guard let occurrence else { return params }
        params["attempts"] = String(occurrence.attempts.count)
        if !occurrence.attempts.isEmpty, let late = occurrence.lateBy { params["lateMinutes"] = String(Int((late / 60).rounded())) }
        params["unreachableFrom"] = occurrence.unreachableFrom.map(clock)
        params["unreachableUntil"] = occurrence.unreachableUntil.map(clock)
        // Caught up though the PBX had confirmed it before the outage: the PBX may have rung it on
        // time while nothing reached Reveille (PROTOCOL.md §8 Decision (catch-up)).
        if occurrence.heldByPBX, occurrence.catchUpAt != nil { params["heldByPBX"] = "true" }
        if kind == .personalCall, !occurrence.receptionOnly { params["backupAt"] = occurrence.backupAt.map(clock) }
        return params
    }

    /// The English message of an alert, written from its ``params(kind:room:guest:time:occurrence:clock:)``.
    public static func message(kind: AlertKind, params: [String: String]) -> String {
        let late = params["lateMinutes"].flatMap(Int.init)
        let unreachable = params["unreachableFrom"].map { (from: $0, until: params["unreachableUntil"]) }
        return message(
            kind: kind, room: params["room"] ?? "", guest: params["guest"], time: params["time"] ?? "",
            attempts: params["attempts"].flatMap(Int.init) ?? 0)
            + lateness(late: late, unreachable: unreachable) + (params["heldByPBX"] == "true" ? heldByPBX : "")
            + (params["backupAt"].map { backup(at: $0) } ?? "")
    }

    /// The clause of a caught-up wake-up the PBX already held: it may also have rung at its time,
    /// unheard while the link was down.
    public static let heldByPBX = "; the PBX already held it and may have rung it on time, unheard while the link was down"

    /// The line shown and sent for an alert about `occurrence` (`wallClock`: the hotel's time of day).
    public static func message(kind: AlertKind, room: String, guest: String?, time: String, attempts: Int) -> String {
        let who = guest.map { "room \(room) (\($0))" } ?? "room \(room)"
        return switch kind {
        case .unanswered: "Wake-up \(time) for \(who) was not answered (\(attempts) \(attempts == 1 ? "attempt" : "attempts"))"
        case .notRung: "Wake-up \(time) for \(who) never rang: the PBX sent no ring"
        case .busy: "Wake-up \(time) for \(who) found the line busy on every attempt"
        case .suppressed: "Wake-up \(time) for \(who) was not on the PBX when due and did not ring"
        case .unconfirmedSoon: "Wake-up \(time) for \(who) is due within 60 min and not confirmed by the PBX"
        case .personalCall: "Call room \(room) now (" + (guest.map { "\($0), " } ?? "") + "\(time))"
        case .late: "Wake-up \(time) for \(who) was answered"
        // `time` holds the setting (alarmClock, name, callClass, dnd).
        case .pushFailed: "Room \(room)" + (guest.map { " (\($0))" } ?? "") + ": the PBX could not be given its \(time) setting"
        }
    }

    /// The clause a personal call's alert carries when the PBX rings the room as its backup (issue
    /// 23 §2): " — unless acknowledged, the PBX rings the room at 06:35".
    public static func backup(at time: String) -> String {
        " — unless acknowledged, the PBX rings the room at \(time)"
    }

    /// The clause that says how late a wake-up rang and why: " — rang 7 min late (PBX
    /// was unreachable 06:25–06:37)" (`late`: minutes late, `nil` when it did not ring; the outage's
    /// start and end as the hotel's times of day, `until` `nil` while it lasts; `nil`: none known).
    public static func lateness(late: Int?, unreachable: (from: String, until: String?)?) -> String {
        let outage = unreachable.map { outage in
            " (PBX was unreachable " + (outage.until.map { "\(outage.from)–\($0)" } ?? "since \(outage.from)") + ")"
        }
        return (late.map { " — rang \($0) min late" } ?? "") + (outage ?? "")
    }
}
