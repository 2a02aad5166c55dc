extension API {
    /// A guest in house: `GET /api/stays` (also one past departure whom the PMS has not checked out).
    public struct Stay: Codable, Hashable, Sendable {
        public var id: Int64
        public var room: String
        /// The guest's name.
        public var guest: String
        public var arrival: String
        public var departure: String
        /// The booking group code.
        public var group: String?
        /// The guest's language code (`zh`, `en`, …); absent: none known.
        public var language: String?
        /// Every wake-up of the stay is a personal call from reception.
        public var personalCall: Bool

        public init(
            id: Int64, room: String, guest: String, arrival: String, departure: String, group: String? = nil, language: String? = nil,
            personalCall: Bool = false
        ) {
            self.id = id
            self.room = room
            self.guest = guest
            self.arrival = arrival
            self.departure = departure
            self.group = group
            self.language = language
            self.personalCall = personalCall
        }
    }
}
