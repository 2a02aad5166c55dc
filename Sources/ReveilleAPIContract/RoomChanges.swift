extension API {
    /// `GET /api/room-changes?since=<tag>`: the rooms whose view changed since the `/api/rooms`
    /// reply (or the changes reply) named `since`, so a page at a 5,000-room hotel fetches what
    /// changed instead of every room after each booking.
    public struct RoomChanges: Codable, Hashable, Sendable {
        /// The tag to send as `since` next time (the same as `/api/rooms`' `ETag`, unquoted).
        public var tag: String
        /// `true`: `since` was unknown or too old, and ``rooms`` holds every room (replace the list).
        public var complete: Bool
        /// The rooms whose view changed (every room when ``complete``), in room-number order.
        public var rooms: [Room]
        /// Rooms that are no longer in the hotel (its rooms file changed).
        public var removed: [String]

        public init(tag: String, complete: Bool, rooms: [Room], removed: [String]) {
            self.tag = tag
            self.complete = complete
            self.rooms = rooms
            self.removed = removed
        }
    }
}
