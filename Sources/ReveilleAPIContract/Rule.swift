extension API {
    /// A housekeeping DND rule: the body of `POST /api/rules` and `PUT /api/rules/{id}`, and what
    /// `GET /api/rules` and those replies hold (with `id`).
    public struct Rule: Codable, Hashable, Sendable {
        /// What the rule does: `whileVacant`; `quietHours` `from`–`to` (`HH:mm`); `afterCheckIn` for
        /// `hours`. A field of another type is refused.
        public struct Action: Codable, Hashable, Sendable {
            public var type: String
            public var from: String?
            public var to: String?
            public var hours: Int?

            public init(type: String, from: String? = nil, to: String? = nil, hours: Int? = nil) {
                self.type = type
                self.from = from
                self.to = to
                self.hours = hours
            }
        }

        /// Absent in a request; the server gives it.
        public var id: Int64?
        public var name: String
        /// The rooms it applies to: on these floors, with these tags, in this occupancy
        /// (`vacant`, `occupied`, `outOfOrder`); absent: any.
        public var floors: [Int]?
        public var tags: [String]?
        public var occupancy: String?
        public var action: Action
        /// Absent in a request: 100.
        public var priority: Int?
        /// Absent in a request: true.
        public var enabled: Bool?
        /// In the reply of `POST`/`PUT` only (ignored in a request): the rings of any room that fall
        /// inside a DND window once the rule is saved.
        public var insideDND: [DNDConflict]?
        /// With ``insideDND``: what happens to them (see ``WakeUpBooking/dndEndsAtWakeUp``).
        public var dndEndsAtWakeUp: Bool?

        public init(
            id: Int64? = nil, name: String, floors: [Int]? = nil, tags: [String]? = nil, occupancy: String? = nil, action: Action,
            priority: Int? = nil, enabled: Bool? = nil
        ) {
            self.id = id
            self.name = name
            self.floors = floors
            self.tags = tags
            self.occupancy = occupancy
            self.action = action
            self.priority = priority
            self.enabled = enabled
        }
    }
}
