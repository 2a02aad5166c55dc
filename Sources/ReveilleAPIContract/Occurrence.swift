import Foundation

extension API {
    /// `GET /api/wakeups/occurrences`: one wake-up that was due (or is coming) with its attempts and
    /// outcome. Sorted by `scheduledAt`.
    public struct Occurrence: Codable, Hashable, Sendable {
        /// One attempt: when it rang and how it ended.
        public struct Attempt: Codable, Hashable, Sendable {
            public var at: Date
            /// `answered`, `unanswered` or `busy`.
            public var result: String

            public init(at: Date, result: String) {
                self.at = at
                self.result = result
            }
        }

        public var id: Int64
        public var room: String
        /// The guest in the room when it was planned (null: none known).
        public var guest: String?
        /// `room`, `group` or `rule`.
        public var source: String
        /// The group wake-up's name, for `source` `group`.
        public var groupName: String?
        /// ISO 8601.
        public var scheduledAt: Date
        /// `upcoming`, `ringing` (pending) or a final `answered`, `unanswered`, `notRung`, `busy`,
        /// `suppressed`, `byReception` (a reception-only personal call, alerted), `cancelled`, `checkedOut`.
        public var state: String
        public var attempts: [Attempt]
        /// The alert its outcome raised, if any (for a personal call, its latest alert).
        public var alertID: Int64?
        /// Reception phones the room at its time (a personal call).
        public var personal: Bool
        /// A personal call not sent to the PBX.
        public var receptionOnly: Bool
        /// When it was caught up (it could not ring at its time and rang late; null: not caught up).
        public var catchUpAt: Date?
        /// Seconds late its first ring was, for a caught-up wake-up (null: not caught up).
        public var lateBy: Int?
        /// When its follow-up call rings or rang (booked with `followUpAfter`, after an
        /// answer; its ring is one more of `attempts`); null: none.
        public var followUpAt: Date?

        public init(
            id: Int64, room: String, guest: String? = nil, source: String, groupName: String? = nil, scheduledAt: Date, state: String,
            attempts: [Attempt] = [], alertID: Int64? = nil, personal: Bool = false, receptionOnly: Bool = false, catchUpAt: Date? = nil,
            lateBy: Int? = nil, followUpAt: Date? = nil
        ) {
            self.followUpAt = followUpAt
            self.catchUpAt = catchUpAt
            self.lateBy = lateBy
            self.id = id
            self.room = room
            self.guest = guest
            self.source = source
            self.groupName = groupName
            self.scheduledAt = scheduledAt
            self.state = state
            self.attempts = attempts
            self.alertID = alertID
            self.personal = personal
            self.receptionOnly = receptionOnly
        }

        /// Every key, `null` for an absent value (the page reads a fixed shape).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(room, forKey: .room)
            try container.encode(guest, forKey: .guest)
            try container.encode(source, forKey: .source)
            try container.encode(groupName, forKey: .groupName)
            try container.encode(scheduledAt, forKey: .scheduledAt)
            try container.encode(state, forKey: .state)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(alertID, forKey: .alertID)
            try container.encode(personal, forKey: .personal)
            try container.encode(receptionOnly, forKey: .receptionOnly)
            try container.encode(catchUpAt, forKey: .catchUpAt)
            try container.encode(lateBy, forKey: .lateBy)
            try container.encode(followUpAt, forKey: .followUpAt)
        }
    }
}
