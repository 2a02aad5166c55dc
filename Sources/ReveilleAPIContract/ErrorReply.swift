extension API {
    /// The body of every error reply (400, 401, 403, 404, 405, 409, 413, 500, 503):
    /// `{"error":{"field":"time","code":"notATime","params":{"value":"24:00"},"rule":"\"24:00\" is not a real time HH:mm"}}`.
    public struct ErrorReply: Codable, Hashable, Sendable {
        /// What was wrong, and with which field.
        public struct Detail: Codable, Hashable, Sendable {
            /// The request field at fault (`time`, `action.hours`, `rooms[2]`); absent when the error
            /// is not about one field (401, 403, 404).
            public var field: String?
            /// The reason as a stable code (docs/API.md lists them): clients translate this, never `rule`.
            public var code: String
            /// The values the reason names (`{"room":"1208","maximum":"12"}`), all as text.
            public var params: [String: String]
            /// The rule it breaks, or why access is refused: an English sentence for people and logs.
            public var rule: String
            /// For a group that cannot be pushed before its first wake-up: the rooms that would be late.
            public var lateRooms: [String]?

            public init(field: String? = nil, code: String, params: [String: String] = [:], rule: String, lateRooms: [String]? = nil) {
                self.field = field
                self.code = code
                self.params = params
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
