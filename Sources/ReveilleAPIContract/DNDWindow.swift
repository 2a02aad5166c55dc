extension API {
    /// A guest's Do-Not-Disturb window: `GET /api/dnd`, and the reply of `POST /api/rooms/{room}/dnd`
    /// (201).
    public struct DNDWindow: Codable, Hashable, Sendable {
        public var id: Int64
        public var room: String
        /// The stay it belongs to (it ends at the latest with the stay).
        public var stayID: Int64?
        /// `yyyy-MM-ddTHH:mm`.
        public var start: String
        public var end: String
        /// In the reply of `POST /api/rooms/{room}/dnd` only: the room's rings inside the window.
        public var insideDND: [DNDConflict]?
        /// With ``insideDND``: what happens to them (see ``WakeUpBooking/dndEndsAtWakeUp``).
        public var dndEndsAtWakeUp: Bool?
        /// In the reply of `POST /api/rooms/{room}/dnd` only: when DND really ends, `yyyy-MM-ddTHH:mm`:
        /// ``end``, or the wake-up that cuts it short (PROTOCOL.md §4.3 Decision).
        public var effectiveEnd: String?
        /// In the reply of `POST /api/rooms/{room}/dnd` only: the ring that ends DND before ``end``;
        /// absent: none does.
        public var endingWakeUp: String?

        public init(
            id: Int64, room: String, stayID: Int64? = nil, start: String, end: String, insideDND: [DNDConflict]? = nil,
            dndEndsAtWakeUp: Bool? = nil, effectiveEnd: String? = nil, endingWakeUp: String? = nil
        ) {
            self.effectiveEnd = effectiveEnd
            self.endingWakeUp = endingWakeUp
            self.id = id
            self.room = room
            self.stayID = stayID
            self.start = start
            self.end = end
            self.insideDND = insideDND
            self.dndEndsAtWakeUp = dndEndsAtWakeUp
        }
    }

    /// The body of `POST /api/rooms/{room}/dnd`.
    public struct DNDRequest: Codable, Hashable, Sendable {
        /// The end: `yyyy-MM-ddTHH:mm`, or `HH:mm` meaning its next occurrence after `from`.
        public var until: String
        /// The start, the same forms; absent: now.
        public var from: String?

        public init(until: String, from: String? = nil) {
            self.until = until
            self.from = from
        }
    }
}
