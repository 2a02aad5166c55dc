extension API {
    /// A wake-up ring the PBX reported and whether it was answered: `GET /api/wakeups/outcomes`, and
    /// `lastWakeUp` of ``Room``.
    public struct Attempt: Codable, Hashable, Sendable {
        /// The room of the extension, when it is one of the hotel's.
        public var room: String?
        public var phone: String
        public var ringAt: String
        /// `answered` (the extension went from status 10 to 6) or `unanswered` (it left 10 any other way).
        public var outcome: String
        public var endedAt: String

        public init(room: String? = nil, phone: String, ringAt: String, outcome: String, endedAt: String) {
            self.room = room
            self.phone = phone
            self.ringAt = ringAt
            self.outcome = outcome
            self.endedAt = endedAt
        }
    }
}
