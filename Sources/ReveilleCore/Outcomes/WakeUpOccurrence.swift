import Foundation

/// Where an occurrence comes from: a room's own wake-up, a group's, or a rule's.
/// Housekeeping rules make only DND windows today, so `rule` is reserved for rule-made wake-ups.
public enum OccurrenceSource: String, Hashable, Sendable, Codable, CaseIterable {
    case room, group, rule
}

/// How one attempt of a wake-up ended (§5.3 Decisions: answered when the extension goes from 10 to
/// 6, unanswered when it leaves 10 any other way; busy from a CDR with `Disposition: BUSY`, §5.1).
public enum AttemptResult: String, Hashable, Sendable, Codable, CaseIterable {
    case answered, unanswered, busy
}

/// One attempt of an occurrence: when it rang (or, for busy, was tried) and how it ended.
public struct OccurrenceAttempt: Hashable, Sendable, Codable {
    public var at: Date
    public var result: AttemptResult

    public init(at: Date, result: AttemptResult) {
        self.at = at
        self.result = result
    }
}

/// The state of an occurrence: `upcoming` and `ringing` while it is pending, any other is final.
public enum OccurrenceState: String, Hashable, Sendable, Codable, CaseIterable {
    case upcoming, ringing
    /// An attempt was answered (ExtenStatus 10 → 6, or an ANSWERED CDR).
    case answered
    /// Every attempt rang, none was answered.
    case unanswered
    /// It was on the PBX, but no ExtenStatus 10 came within the grace after its time: the PBX never rang.
    case notRung
    /// Every attempt found the line busy (CDR `BUSY`).
    case busy
    /// Never confirmed on the PBX before its time (the push was refused or never got through), and it
    /// did not ring.
    case suppressed
    /// A reception-only personal call: never sent to the PBX; at its time reception
    /// was alerted to phone the room.
    case byReception
    /// Cancelled before its time (the booking was deleted or moved), the guest still in house.
    case cancelled
    /// The guest checked out before its time.
    case checkedOut

    /// Whether the outcome is known for good.
    public var isFinal: Bool { self != .upcoming && self != .ringing }

    /// The alert a final state raises: every outcome but answered, cancelled and checked out.
    public var alertKind: AlertKind? {
        switch self {
        case .unanswered: .unanswered
        case .notRung: .notRung
        case .busy: .busy
        case .suppressed: .suppressed
        case .upcoming, .ringing, .answered, .byReception, .cancelled, .checkedOut: nil
        }
    }
}

/// Which occurrence: a room rings at most once at one instant (the planner merges entries of one
/// start time), so room and time name it.
public struct OccurrenceKey: Hashable, Sendable {
    public var room: String
    public var scheduledAt: Date

    public init(room: String, scheduledAt: Date) {
        self.room = room
        self.scheduledAt = scheduledAt
    }
}

/// One wake-up that was due (or is coming): who, when, from where, every attempt and the outcome
///.
public struct WakeUpOccurrence: Hashable, Sendable, Codable {
    /// The store's id (`nil` until stored).
    public var id: Int64?
    public var room: String
    public var phone: String
    public var guest: String?
    public var source: OccurrenceSource
    public var groupID: Int64?
    public var groupName: String?
    /// The instant of the first attempt.
    public var scheduledAt: Date
    /// Attempts the PBX makes when nobody answers (`num`, §4.4).
    public var plannedAttempts: Int
    /// Minutes between attempts (`frequency`, §4.4).
    public var frequency: Int
    /// Whether the PBX confirmed an AlarmClock list holding it before its time.
    public var onPBX: Bool
    /// Caught up though the PBX had confirmed it before the outage: the PBX may also have rung it
    /// at its time, unheard while the link was down (PROTOCOL.md §8 Decision (catch-up)).
    public var heldByPBX = false
    public var state: OccurrenceState
    /// Finished attempts, in time order.
    public var attempts: [OccurrenceAttempt]
    /// When the attempt ringing now started (ExtenStatus 10), if one is.
    public var ringingSince: Date?
    /// The alert its outcome raised, if any (for a personal call, the latest of its alerts).
    public var alertID: Int64?
    /// Reception phones the room at its time.
    public var personal: Bool
    /// A personal call that is not on the PBX: it never rings, its outcome is ``OccurrenceState/byReception``.
    public var receptionOnly: Bool
    /// When reception was alerted to make the personal call (`nil`: not yet).
    public var personalAlertedAt: Date?
    /// When its catch-up rings: it did not ring at its time, the PBX could not take it
    /// then, and it was pushed again as a one-off entry for this minute (`nil`: no catch-up).
    public var catchUpAt: Date?
    /// The outage of the PBX link around its time, if one kept it from ringing (for the alert).
    public var unreachableFrom: Date?
    /// When that outage ended (`nil`: not yet, or no outage).
    public var unreachableUntil: Date?
    /// When the PBX rings a personal call as its backup, unless reception acknowledged the call
    /// (`nil`: at its time, or never for a reception-only call).
    public var backupAt: Date?
    /// Minutes after an answer its follow-up call rings (`nil`: none booked).
    public var followUpAfter: Int?
    /// When its follow-up call rings (set once it was answered); the follow-up is recorded as one
    /// more attempt.
    public var followUpAt: Date?

    public init(
        id: Int64? = nil, room: String, phone: String, guest: String? = nil, source: OccurrenceSource = .room, groupID: Int64? = nil,
        groupName: String? = nil, scheduledAt: Date, plannedAttempts: Int = 3, frequency: Int = 5, onPBX: Bool = false,
        state: OccurrenceState = .upcoming, attempts: [OccurrenceAttempt] = [], ringingSince: Date? = nil, alertID: Int64? = nil,
        personal: Bool = false, receptionOnly: Bool = false, personalAlertedAt: Date? = nil, catchUpAt: Date? = nil
    ) {
        self.id = id
        self.room = room
        self.phone = phone
        self.guest = guest
        self.source = source
        self.groupID = groupID
        self.groupName = groupName
        self.scheduledAt = scheduledAt
        self.plannedAttempts = plannedAttempts
        self.frequency = frequency
        self.onPBX = onPBX
        self.state = state
        self.attempts = attempts
        self.ringingSince = ringingSince
        self.alertID = alertID
        self.personal = personal || receptionOnly
        self.receptionOnly = receptionOnly
        self.personalAlertedAt = personalAlertedAt
        self.catchUpAt = catchUpAt
    }

    /// When reception is still to be alerted to phone the room: its time, for a personal call not
    /// alerted yet.
    public var personalCallDue: Date? { personal && personalAlertedAt == nil ? scheduledAt : nil }

    public var key: OccurrenceKey { OccurrenceKey(room: room, scheduledAt: scheduledAt) }

    /// When it rings: its catch-up's minute, else its backup's, else its time.
    public var ringsAt: Date { catchUpAt ?? backupAt ?? scheduledAt }

    /// How late a caught-up wake-up rang: the minute of its first attempt (its catch-up's minute
    /// until it rang) after its time; `nil`: it was not caught up.
    public var lateBy: TimeInterval? {
        guard let catchUpAt else { return nil }
        return max((attempts.first.map { Self.minute(of: $0.at) } ?? catchUpAt).timeIntervalSince(scheduledAt), 0)
    }

    /// The start of the minute `instant` falls in (rings start on whole minutes; an event is seen
    /// some seconds later).
    public static func minute(of instant: Date) -> Date {
        Date(timeIntervalSince1970: (instant.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// When the PBX makes attempt `index` (0-based) if none before it is answered (from its catch-up's minute, if any).
    public func attemptDue(_ index: Int) -> Date {
        ringsAt.addingTimeInterval(TimeInterval(index * max(frequency, 1) * 60))
    }

    /// When the last planned attempt is due.
    public var lastAttemptDue: Date { attemptDue(max(plannedAttempts, 1) - 1) }
}
