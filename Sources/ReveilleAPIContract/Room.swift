extension API {
    /// A room with its guest, what Reveille wants on the PBX and what the PBX confirmed:
    /// `GET /api/rooms` (an array) and `GET /api/rooms/{room}` (one).
    public struct Room: Codable, Hashable, Sendable {
        /// The guest in house (also one past departure whom the PMS has not checked out yet).
        public struct Guest: Codable, Hashable, Sendable {
            public var stayID: Int64
            public var name: String
            public var arrival: String
            public var departure: String
            /// The booking group code.
            public var group: String?
            /// The guest's language code (`zh`, `en`, …); absent: none known.
            public var language: String?
            /// The prompt the guest's wake-ups play when booked without one: the language's, else the default.
            public var prompt: String
            /// The language code whose prompt ``prompt`` is (`wakeup.prompts`), `default` for the hotel's
            /// default prompt; absent: a file of no language. The page names it in its own language.
            public var promptLanguage: String?
            /// Every wake-up of the stay is a personal call from reception.
            public var personalCall: Bool

            public init(
                stayID: Int64, name: String, arrival: String, departure: String, group: String? = nil, language: String? = nil,
                prompt: String = "fpm-world-mix.gsm", personalCall: Bool = false, promptLanguage: String? = nil
            ) {
                self.promptLanguage = promptLanguage
                self.stayID = stayID
                self.name = name
                self.arrival = arrival
                self.departure = departure
                self.group = group
                self.language = language
                self.prompt = prompt
                self.personalCall = personalCall
            }
        }

        /// One ring of the coming day on the room's AlarmClock list, or a reception-only call (not on it).
        public struct PlannedWakeUp: Codable, Hashable, Sendable {
            /// `HH:mm`.
            public var time: String
            /// `yyyy-MM-ddTHH:mm`.
            public var at: String
            /// `room` (a wake-up of the room's own) or `group`.
            public var source: String
            /// The room's wake-up (`source` `room`).
            public var policyID: Int64?
            /// The group wake-up (`source` `group`).
            public var groupID: Int64?
            /// The prompt file it plays (§4.4).
            public var prompt: String?
            /// The language code whose prompt ``prompt`` is, `default` for the hotel's default prompt
            /// (see ``Guest/promptLanguage``); absent: a file of no language.
            public var promptLanguage: String?
            /// Reception phones the room at its time.
            public var personal: Bool
            /// Not on the AlarmClock list: only reception calls the room.
            public var receptionOnly: Bool

            public init(
                time: String, at: String, source: String, policyID: Int64? = nil, groupID: Int64? = nil, prompt: String? = nil,
                personal: Bool = false, receptionOnly: Bool = false, promptLanguage: String? = nil
            ) {
                self.promptLanguage = promptLanguage
                self.time = time
                self.at = at
                self.source = source
                self.policyID = policyID
                self.groupID = groupID
                self.prompt = prompt
                self.personal = personal
                self.receptionOnly = receptionOnly
            }
        }

        /// What Reveille wants the PBX to hold for the room's extension now.
        public struct Desired: Codable, Hashable, Sendable {
            public var alarmClock: String
            public var wakeUps: [PlannedWakeUp]
            public var dnd: DNDState
            public var name: String
            /// 1 … 5 (§4.1).
            public var callClass: Int

            public init(alarmClock: String, wakeUps: [PlannedWakeUp], dnd: DNDState, name: String, callClass: Int) {
                self.alarmClock = alarmClock
                self.wakeUps = wakeUps
                self.dnd = dnd
                self.name = name
                self.callClass = callClass
            }
        }

        public var number: String
        /// The room's extension on the PBX.
        public var phone: String
        public var floor: Int
        public var wing: String?
        public var tags: [String]
        public var outOfOrder: Bool
        /// The primary guest (the name on the extension); absent for a vacant room.
        public var guest: Guest?
        /// Every guest in house in the room, the primary first (a shared room holds several); `nil`
        /// from a service before shared rooms.
        public var guests: [Guest]?
        public var desired: Desired
        public var acknowledged: Acknowledged
        /// True when the PBX confirmed exactly ``desired``.
        public var inSync: Bool
        /// The room's latest wake-up ring and whether it was answered.
        public var lastWakeUp: Attempt?

        public init(
            number: String, phone: String, floor: Int, wing: String? = nil, tags: [String] = [], outOfOrder: Bool = false,
            guest: Guest? = nil, desired: Desired, acknowledged: Acknowledged = Acknowledged(), inSync: Bool,
            lastWakeUp: Attempt? = nil
        ) {
            self.number = number
            self.phone = phone
            self.floor = floor
            self.wing = wing
            self.tags = tags
            self.outOfOrder = outOfOrder
            self.guest = guest
            self.desired = desired
            self.acknowledged = acknowledged
            self.inSync = inSync
            self.lastWakeUp = lastWakeUp
        }
    }
}
