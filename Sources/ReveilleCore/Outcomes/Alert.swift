import Foundation

/// What an alert is about (issue 10 §2).
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
    /// A personal call is due: reception phones the room now (issue 14 §2).
    case personalCall
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
        // `time` holds the setting (alarmClock, name, callClass, dnd).
        case .pushFailed: "Room \(room)" + (guest.map { " (\($0))" } ?? "") + ": the PBX could not be given its \(time) setting"
        }
    }
}
