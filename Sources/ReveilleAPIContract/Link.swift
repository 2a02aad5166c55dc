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
        /// The driver (`pbx.driver`): `tcp` or `console-files` (absent from older services: `tcp`).
        public var driver: String?
        /// What the driver cannot send to the PBX, one sentence each (the console interface, §6):
        /// reported, never silently dropped. Absent or empty for `tcp`.
        public var unsupported: [String]?
        /// Why the link is down, as a code clients translate (never parse ``detail``): `refused`,
        /// `connectionLost`, `heartbeatLost`, `heartbeatRejected`, `loginRejected`, `loginTimedOut`,
        /// `protocolError` or `shutdown`; absent while not down.
        public var reason: String?
        /// The PBX's own words with `loginRejected` and `heartbeatRejected` (`User Login failed, Password Wrong !`).
        public var message: String?

        public init(
            state: String, up: Bool, detail: String, driver: String? = nil, unsupported: [String]? = nil, reason: String? = nil,
            message: String? = nil
        ) {
            self.state = state
            self.up = up
            self.detail = detail
            self.driver = driver
            self.unsupported = unsupported
            self.reason = reason
            self.message = message
        }
    }
}
