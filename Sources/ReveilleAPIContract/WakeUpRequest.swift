extension API {
    /// When and how a wake-up rings: the body of `POST /api/rooms/{room}/wakeups`, and the same fields
    /// at the top level of ``GroupRequest``. Only `time` is required; the server checks the rest
    /// against the bounds (docs/API.md).
    public struct WakeUpRequest: Codable, Hashable, Sendable {
        /// `HH:mm`, the hotel's wall clock.
        public var time: String
        /// The first day `yyyy-MM-dd`; absent: the next time `time` comes.
        public var date: String?
        /// Daily for this many days (not with `weekdays`).
        public var days: Int?
        /// ISO weekdays, Monday 1 … Sunday 7.
        public var weekdays: [Int]?
        /// The last day for `weekdays` (absent: check-out).
        public var until: String?
        public var frequency: Int?
        public var attempts: Int?
        /// A §4.4 prompt file; absent: the guest's language's prompt, else the hotel's default.
        public var prompt: String?
        /// A personal call: at its time reception is alerted to phone the room (it still rings).
        public var personal: Bool?
        /// A personal call that is not sent to the PBX: only reception calls the room.
        public var receptionOnly: Bool?
        /// A personal call's backup: minutes (0 … 60) after its time the PBX rings the
        /// room unless reception acknowledged the call; absent: `wakeup.personalBackupAfter` (none for
        /// a reception-only call).
        public var backupAfter: Int?
        /// A follow-up call: minutes (1 … 120) after an answered wake-up the PBX rings
        /// the room once more; absent: none.
        public var followUpAfter: Int?

        public init(
            time: String, date: String? = nil, days: Int? = nil, weekdays: [Int]? = nil, until: String? = nil,
            frequency: Int? = nil, attempts: Int? = nil, prompt: String? = nil, personal: Bool? = nil, receptionOnly: Bool? = nil,
            backupAfter: Int? = nil, followUpAfter: Int? = nil
        ) {
            self.backupAfter = backupAfter
            self.followUpAfter = followUpAfter
            self.time = time
            self.date = date
            self.days = days
            self.weekdays = weekdays
            self.until = until
            self.frequency = frequency
            self.attempts = attempts
            self.prompt = prompt
            self.personal = personal
            self.receptionOnly = receptionOnly
        }
    }
}
