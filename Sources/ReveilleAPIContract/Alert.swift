import Foundation

extension API {
    /// `GET /api/alerts`: a wake-up that needs a person; also the webhook's body.
    public struct Alert: Codable, Hashable, Sendable {
        public var id: Int64
        /// `unanswered`, `notRung`, `busy`, `suppressed`, `unconfirmedSoon`, `personalCall` (reception
        /// phones the room now: "Call room 1208 now (Mr Zhang, 06:30)") or `pushFailed` (a setting the
        /// PBX could not be given).
        public var kind: String
        public var room: String
        public var guest: String?
        /// The wake-up's time, ISO 8601.
        public var scheduledAt: Date
        public var raisedAt: Date
        /// The English sentence, for logs and webhooks; clients translate ``kind`` with ``params``.
        public var message: String
        /// The values the message names: `room`, `guest` (when known), `time` (`HH:mm`, the hotel's
        /// wall clock) and, for an outcome of rung attempts, `attempts`.
        public var params: [String: String]
        /// Null while the alert is open.
        public var acknowledgedAt: Date?
        /// The account that acknowledged it.
        public var acknowledgedBy: String?
        /// What that person did (``AlertAcknowledgement/action``).
        public var action: String?
        public var note: String?

        public init(
            id: Int64, kind: String, room: String, guest: String? = nil, scheduledAt: Date, raisedAt: Date, message: String,
            params: [String: String] = [:], acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, action: String? = nil, note: String? = nil
        ) {
            self.id = id
            self.kind = kind
            self.room = room
            self.guest = guest
            self.scheduledAt = scheduledAt
            self.raisedAt = raisedAt
            self.message = message
            self.params = params
            self.acknowledgedAt = acknowledgedAt
            self.acknowledgedBy = acknowledgedBy
            self.action = action
            self.note = note
        }

        /// Every key, `null` for an absent value: the page and webhook receivers read a fixed shape.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(room, forKey: .room)
            try container.encode(guest, forKey: .guest)
            try container.encode(scheduledAt, forKey: .scheduledAt)
            try container.encode(raisedAt, forKey: .raisedAt)
            try container.encode(message, forKey: .message)
            try container.encode(params, forKey: .params)
            try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
            try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
            try container.encode(action, forKey: .action)
            try container.encode(note, forKey: .note)
        }
    }

    /// `POST /api/alerts/{id}/acknowledge`: what the person did about the alert.
    public struct AlertAcknowledgement: Codable, Hashable, Sendable {
        /// `called the room`, `went to the room`, `guest already up` or `other`.
        public var action: String
        /// Up to 500 characters.
        public var note: String?

        public init(action: String, note: String? = nil) {
            self.action = action
            self.note = note
        }
    }

    /// `GET /api/cdrs`: a call detail record (§5.1) as the PBX sent it.
    public struct CDR: Codable, Hashable, Sendable {
        public var id: Int64
        public var caller: String
        public var callee: String
        /// `yyyy-MM-dd HH:mm:ss`, the hotel's wall clock, as the PBX wrote them.
        public var start: String
        public var answer: String?
        public var end: String
        /// Seconds.
        public var duration: Int
        public var disposition: String
        public var callType: String
        /// The room of the callee's (or caller's) extension, when it is one of the hotel's.
        public var room: String?

        public init(
            id: Int64, caller: String, callee: String, start: String, answer: String? = nil, end: String, duration: Int,
            disposition: String, callType: String, room: String? = nil
        ) {
            self.id = id
            self.caller = caller
            self.callee = callee
            self.start = start
            self.answer = answer
            self.end = end
            self.duration = duration
            self.disposition = disposition
            self.callType = callType
            self.room = room
        }
    }
}
