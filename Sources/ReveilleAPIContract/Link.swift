extension API {
    /// The PBX link: `GET /api/link`, and `link` in ``Status``.
    public struct Link: Codable, Hashable, Sendable {
        /// `connecting`, `loggingIn`, `up`, `down` or `stopped`.
        public var state: String
        /// True while a session is logged in and its heartbeats are answered.
        public var up: Bool
        /// The state in words, with the reason when down
        /// (`down (login rejected: User Login failed, Password Wrong !)`).
        public var detail: String

        public init(state: String, up: Bool, detail: String) {
            self.state = state
            self.up = up
            self.detail = detail
        }
    }
}
