extension API {
    /// A Do-Not-Disturb setting of an extension (`DND` in openapi.yaml): off, or on from `start` to
    /// `end` (`yyyy-MM-ddTHH:mm`).
    public struct DNDState: Codable, Hashable, Sendable {
        public var use: Bool
        public var start: String?
        public var end: String?

        public init(use: Bool, start: String? = nil, end: String? = nil) {
            self.use = use
            self.start = start
            self.end = end
        }
    }
}
