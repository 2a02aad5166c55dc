extension API {
    /// The body of `POST /api/groups`: the members and a name, with the fields of ``WakeUpRequest`` at
    /// the same level (`{"name":"Tour ABC","rooms":["1201-1240"],"time":"06:30"}`).
    public struct GroupRequest: Codable, Hashable, Sendable {
        /// Shown in lists, 1 … 64 characters.
        public var name: String
        /// Room numbers and ranges (`1201-1240`).
        public var rooms: [String]?
        /// Every room on these floors.
        public var floors: [Int]?
        /// A booking group code: its guests wherever they sleep (not with `rooms` or `floors`).
        public var group: String?
        /// Book even when some rooms cannot be pushed before the first wake-up.
        public var acceptLate: Bool?
        /// With `pbx.ringCapacity`: refuse the booking, naming the nearest free minutes,
        /// when its minute is full (absent or false: book it and answer with the rings that start late).
        public var refuseIfFull: Bool?
        /// When and how it rings (flattened into the same JSON object).
        public var wakeUp: WakeUpRequest

        public init(
            name: String, rooms: [String]? = nil, floors: [Int]? = nil, group: String? = nil, acceptLate: Bool? = nil,
            refuseIfFull: Bool? = nil, wakeUp: WakeUpRequest
        ) {
            self.refuseIfFull = refuseIfFull
            self.name = name
            self.rooms = rooms
            self.floors = floors
            self.group = group
            self.acceptLate = acceptLate
            self.wakeUp = wakeUp
        }

        private enum CodingKeys: String, CodingKey {
            case name, rooms, floors, group, acceptLate, refuseIfFull
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            rooms = try container.decodeIfPresent([String].self, forKey: .rooms)
            floors = try container.decodeIfPresent([Int].self, forKey: .floors)
            group = try container.decodeIfPresent(String.self, forKey: .group)
            acceptLate = try container.decodeIfPresent(Bool.self, forKey: .acceptLate)
            refuseIfFull = try container.decodeIfPresent(Bool.self, forKey: .refuseIfFull)
            wakeUp = try WakeUpRequest(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encodeIfPresent(rooms, forKey: .rooms)
            try container.encodeIfPresent(floors, forKey: .floors)
            try container.encodeIfPresent(group, forKey: .group)
            try container.encodeIfPresent(acceptLate, forKey: .acceptLate)
            try container.encodeIfPresent(refuseIfFull, forKey: .refuseIfFull)
            try wakeUp.encode(to: encoder)
        }
    }
}
