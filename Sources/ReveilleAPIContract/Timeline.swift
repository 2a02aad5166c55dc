import Foundation

extension API {
    /// `GET /api/rooms/{room}/timeline?date=yyyy-MM-dd`: one room's night in time order (from noon
    /// the day before to the end of `date`, hotel time) with one sentence on top that answers "did
    /// the wake-up ring?".
    public struct RoomTimeline: Codable, Hashable, Sendable {
        /// One line of the timeline.
        public struct Event: Codable, Hashable, Sendable {
            /// ISO 8601.
            public var at: Date
            /// Hotel wall clock, `yyyy-MM-ddTHH:mm`.
            public var time: String
            /// `booking`, `change`, `cancellation`, `checkIn`, `checkOut`, `move`, `occupancy`, `push`,
            /// `pushFailed`, `link`, `due`, `ring`, `cdr`, `outcome`, `alert`, `acknowledgement`.
            public var kind: String
            /// Who or what: a person's account, `pbx`, `pms:csv`, … (null: the service itself).
            public var actor: String?
            /// What happened, in English.
            public var text: String

            public init(at: Date, time: String, kind: String, actor: String? = nil, text: String) {
                self.at = at
                self.time = time
                self.kind = kind
                self.actor = actor
                self.text = text
            }
        }

        public var room: String
        /// `yyyy-MM-dd`.
        public var date: String
        /// The answer in one sentence, e.g. "Rang at 06:30 and 06:35, not answered; alert acknowledged by desk at 06:41: went to the room."
        public var summary: String
        public var events: [Event]

        public init(room: String, date: String, summary: String, events: [Event]) {
            self.room = room
            self.date = date
            self.summary = summary
            self.events = events
        }
    }
}
