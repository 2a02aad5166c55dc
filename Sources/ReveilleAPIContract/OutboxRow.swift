extension API {
    /// A push to the PBX waiting, in flight or failed: `GET /api/outbox`.
    public struct OutboxRow: Codable, Hashable, Sendable {
        public var id: Int64
        public var room: String
        public var phone: String
        /// The setting: `alarmClock`, `dnd`, `name` or `callClass`.
        public var kind: String
        /// Why it was planned.
        public var reason: String
        /// The group wake-up it pushes for.
        public var groupID: Int64?
        /// `pending`, `inFlight`, `done`, `failed` or `superseded`.
        public var state: String
        public var attempts: Int
        /// The PBX's refusal or the failure, when there was one.
        public var lastError: String?

        public init(
            id: Int64, room: String, phone: String, kind: String, reason: String, groupID: Int64? = nil, state: String, attempts: Int,
            lastError: String? = nil
        ) {
            self.id = id
            self.room = room
            self.phone = phone
            self.kind = kind
            self.reason = reason
            self.groupID = groupID
            self.state = state
            self.attempts = attempts
            self.lastError = lastError
        }
    }
}
