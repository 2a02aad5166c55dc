extension API {
    /// The days a room's or group's wake-up rings: `once` on `date`, `daily` for `days` from `from`, or
    /// on `weekdays` (ISO, Monday 1 … Sunday 7) from `from` until `until` (absent: check-out).
    public struct Recurrence: Codable, Hashable, Sendable {
        /// `once`, `daily` or `weekdays`.
        public var type: String
        public var date: String?
        public var from: String?
        public var days: Int?
        public var weekdays: [Int]?
        public var until: String?

        public init(type: String, date: String? = nil, from: String? = nil, days: Int? = nil, weekdays: [Int]? = nil, until: String? = nil) {
            self.type = type
            self.date = date
            self.from = from
            self.days = days
            self.weekdays = weekdays
            self.until = until
        }
    }
}
