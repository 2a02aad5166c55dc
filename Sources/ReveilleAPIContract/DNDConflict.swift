extension API {
    /// A wake-up that rings inside its room's DND window (PROTOCOL.md §4.3 Decision),
    /// in the replies of booking a wake-up or a group, setting DND and saving a rule.
    public struct DNDConflict: Codable, Hashable, Sendable {
        public var room: String
        /// The ring, `yyyy-MM-ddTHH:mm`.
        public var at: String

        public init(room: String, at: String) {
            self.room = room
            self.at = at
        }
    }
}
