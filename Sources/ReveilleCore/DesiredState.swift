import Foundation
import PBXProtocol

/// Where a wake-up entry comes from.
public enum WakeUpSource: Hashable, Sendable, Codable {
    case room(policy: Int64)
    case group(Int64)

    public var groupID: Int64? {
        if case .group(let id) = self { id } else { nil }
    }
}

/// One wake-up the PBX should hold: the entry sent and the instant it rings.
public struct PlannedWakeUp: Hashable, Sendable {
    public var entry: WakeUpEntry
    /// The instant of the first attempt.
    public var at: Date
    public var source: WakeUpSource
    /// When the same start time rang the day before (the PBX's own wall clock): an AlarmClock list
    /// the PBX acknowledged before this instant has spent its `days` on that ring (§4.4 Decision).
    public var previousAt: Date? = nil
    /// Reception phones the room at ``at`` (the wake-up's or its stay's personal call).
    public var personal = false
    /// Reception only: not on the PBX's list (``DesiredExtension/receptionCalls``).
    public var receptionOnly = false
    /// A catch-up: the time of the wake-up this one-off entry rings late for.
    public var catchUpOf: Date? = nil
    /// A personal call's time, when the PBX rings later as its backup (``at`` is the backup's).
    public var personalAt: Date? = nil
    /// Minutes after an answer its follow-up call rings (`nil`: none).
    public var followUpAfter: Int? = nil
    /// A follow-up call: the time of the answered wake-up it follows.
    public var followUpOf: Date? = nil
    /// The stay whose wake-up it is (a shared room holds several guests' wake-ups): outcomes and
    /// alerts name that guest.
    public var stayID: Int64? = nil
}

/// What one extension should be doing at `now`: the reconciler makes the PBX agree.
public struct DesiredExtension: Hashable, Sendable {
    public var room: String
    public var phone: String
    /// Sorted by ring time; one entry per start time (room before group, then older first).
    public var wakeUps: [PlannedWakeUp]
    public var dnd: DNDSetting
    public var name: String
    public var callClass: CallClass
    /// Reception-only personal calls of the coming day: never sent to the PBX, still
    /// recorded as occurrences and alerted at their time.
    public var receptionCalls: [PlannedWakeUp] = []

    /// The AlarmClock list as sent (§4.4).
    public var alarmEntries: [WakeUpEntry] { wakeUps.map(\.entry) }
}

/// What the PBX confirmed for one extension (`nil`: unknown, must be pushed).
public struct AcknowledgedExtension: Hashable, Sendable, Codable {
    /// The AlarmClock value (§4.4) the PBX accepted.
    public var alarmClock: String?
    public var dnd: DNDSetting?
    public var name: String?
    public var callClass: CallClass?
    /// When the PBX last confirmed anything for this extension.
    public var confirmedAt: Date?
    /// When the PBX last confirmed the AlarmClock list (§4.4 Decision (days): a list is pushed
    /// again once a ring after this instant has used it up).
    public var alarmClockConfirmedAt: Date?

    public init(
        alarmClock: String? = nil, dnd: DNDSetting? = nil, name: String? = nil, callClass: CallClass? = nil,
        confirmedAt: Date? = nil, alarmClockConfirmedAt: Date? = nil
    ) {
        self.alarmClockConfirmedAt = alarmClockConfirmedAt
        self.alarmClock = alarmClock
        self.dnd = dnd
        self.name = name
        self.callClass = callClass
        self.confirmedAt = confirmedAt
    }

    /// Records a command the PBX answered with Success.
    public mutating func apply(_ command: PBXCommand, at time: Date) {
        switch command {
        case .setAlarmClock(_, let entries):
            alarmClock = (try? AlarmClock.compile(entries)) ?? alarmClock
            alarmClockConfirmedAt = time
        case .setDND(_, let setting): dnd = setting
        case .setName(_, let name): self.name = name
        case .setCallClass(_, let callClass): self.callClass = callClass
        case .login, .logout, .heartbeat: return
        }
        confirmedAt = time
    }
}

extension DNDSetting: Codable {
    private enum CodingKeys: String, CodingKey { case use, start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard try container.decode(Bool.self, forKey: .use) else {
            self = .off
            return
        }
        let start = try container.decode(String.self, forKey: .start)
        let end = try container.decode(String.self, forKey: .end)
        guard let from = PBXDateTime(start), let to = PBXDateTime(end) else {
            throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "not yyyy-MM-dd HH:mm:ss")
        }
        self = .on(start: from, end: to)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .off:
            try container.encode(false, forKey: .use)
        case .on(let start, let end):
            try container.encode(true, forKey: .use)
            try container.encode(start.description, forKey: .start)
            try container.encode(end.description, forKey: .end)
        }
    }
}
