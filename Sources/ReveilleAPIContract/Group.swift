extension API {
    /// A group wake-up with its push progress: `GET /api/groups`, and `group` of ``GroupBooking``.
    public struct Group: Codable, Hashable, Sendable {
        /// Who rings: listed rooms, or the guests of a booking group code wherever they sleep.
        public struct Members: Codable, Hashable, Sendable {
            public var rooms: [String]?
            public var group: String?

            public init(rooms: [String]? = nil, group: String? = nil) {
                self.rooms = rooms
                self.group = group
            }
        }

        public var id: Int64
        public var name: String
        public var members: Members
        /// `HH:mm`.
        public var time: String
        public var recurrence: Recurrence
        public var frequency: Int?
        public var attempts: Int?
        public var prompt: String?
        /// Its members' wake-ups are personal calls from reception.
        public var personal: Bool?
        /// Not sent to the PBX: only reception calls the rooms.
        public var receptionOnly: Bool?
        public var progress: Progress
        /// When the waiting pushes should be done (`yyyy-MM-ddTHH:mm`); absent when none waits.
        public var expectedFinish: String?

        public init(
            id: Int64, name: String, members: Members, time: String, recurrence: Recurrence, frequency: Int? = nil,
            attempts: Int? = nil, prompt: String? = nil, personal: Bool? = nil, receptionOnly: Bool? = nil, progress: Progress,
            expectedFinish: String? = nil
        ) {
            self.id = id
            self.name = name
            self.members = members
            self.time = time
            self.recurrence = recurrence
            self.frequency = frequency
            self.attempts = attempts
            self.prompt = prompt
            self.personal = personal
            self.receptionOnly = receptionOnly
            self.progress = progress
            self.expectedFinish = expectedFinish
        }
    }

    /// How far a group's current pushes have got: rooms pushed, refused for good, still waiting.
    public struct Progress: Codable, Hashable, Sendable {
        public var total: Int
        public var pushed: Int
        public var failed: Int
        public var waiting: Int

        public init(total: Int, pushed: Int, failed: Int, waiting: Int) {
            self.total = total
            self.pushed = pushed
            self.failed = failed
            self.waiting = waiting
        }
    }

    /// Whether a group's pushes (1–2 s apart) land before its first wake-up.
    public struct Assessment: Codable, Hashable, Sendable {
        /// The member rooms, in push order.
        public var rooms: [String]
        public var expectedFinish: String
        public var latestFinish: String
        public var firstWakeUp: String?
        /// Rooms whose push would come after the first wake-up (booked anyway with `acceptLate`).
        public var lateRooms: [String]
        /// With `pbx.ringCapacity`: the rings that start late because the minute is
        /// full, with by how many minutes (empty: every ring starts on time).
        public var lateRings: [LateRing]

        /// A ring that starts late: its room and by how many minutes.
        public struct LateRing: Codable, Hashable, Sendable {
            public var room: String
            public var minutes: Int

            public init(room: String, minutes: Int) {
                self.room = room
                self.minutes = minutes
            }
        }

        public init(
            rooms: [String], expectedFinish: String, latestFinish: String, firstWakeUp: String? = nil, lateRooms: [String] = [],
            lateRings: [LateRing] = []
        ) {
            self.lateRings = lateRings
            self.rooms = rooms
            self.expectedFinish = expectedFinish
            self.latestFinish = latestFinish
            self.firstWakeUp = firstWakeUp
            self.lateRooms = lateRooms
        }
    }

    /// The reply of `POST /api/groups` (201).
    public struct GroupBooking: Codable, Hashable, Sendable {
        public var group: Group
        public var assessment: Assessment
        /// The group's rings that fall inside a member room's DND window.
        public var insideDND: [DNDConflict]
        /// What happens to them (see ``WakeUpBooking/dndEndsAtWakeUp``).
        public var dndEndsAtWakeUp: Bool

        public init(group: Group, assessment: Assessment, insideDND: [DNDConflict] = [], dndEndsAtWakeUp: Bool = true) {
            self.group = group
            self.assessment = assessment
            self.insideDND = insideDND
            self.dndEndsAtWakeUp = dndEndsAtWakeUp
        }
    }
}
