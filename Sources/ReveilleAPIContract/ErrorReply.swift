extension API {
    /// The body of every error reply (400, 401, 403, 404, 405, 413, 500):
    /// `{"error":{"field":"time","rule":"\"24:00\" is not a real time HH:mm"}}`.
    public struct ErrorReply: Codable, Hashable, Sendable {
        /// What was wrong, and with which field.
        public struct Detail: Codable, Hashable, Sendable {
            /// The request field at fault (`time`, `action.hours`, `rooms[2]`); absent when the error
            /// is not about one field (401, 403, 404).
            public var field: String?
            /// The rule it breaks, or why access is refused.
            public var rule: String
            /// For a group that cannot be pushed before its first wake-up: the rooms that would be late.
            public var lateRooms: [String]?

            public init(field: String? = nil, rule: String, lateRooms: [String]? = nil) {
                self.field = field
                self.rule = rule
                self.lateRooms = lateRooms
            }
        }

        public var error: Detail

        public init(error: Detail) {
            self.error = error
        }
    }
}
