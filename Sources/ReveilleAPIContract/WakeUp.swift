extension API {
    /// A room's wake-up as booked: `GET /api/rooms/{room}/wakeups`, and `wakeUp` of ``WakeUpBooking``.
    public struct WakeUp: Codable, Hashable, Sendable {
        public var id: Int64
        public var room: String
        /// The stay it belongs to (it ends with the stay).
        public var stayID: Int64?
        /// `HH:mm`.
        public var time: String
        public var recurrence: Recurrence
        /// Minutes between attempts; absent: the hotel's default.
        public var frequency: Int?
        /// Attempts if the guest does not answer; absent: the hotel's default.
        public var attempts: Int?
        /// The prompt file; absent: the guest's language's prompt, else the hotel's default.
        public var prompt: String?
        /// With ``prompt``: the language code whose prompt it is, `default` for the hotel's default
        /// prompt (see ``Room/Guest/promptLanguage``); absent: a file of no language.
        public var promptLanguage: String?
        /// A personal call: reception is alerted to phone the room at its time.
        public var personal: Bool?
        /// Not sent to the PBX: only reception calls the room.
        public var receptionOnly: Bool?
        /// Minutes after a personal call's time its backup rings from the PBX; absent: the hotel's default.
        public var backupAfter: Int?
        /// Minutes after an answer its follow-up call rings; absent: none.
        public var followUpAfter: Int?

        public init(
            id: Int64, room: String, stayID: Int64? = nil, time: String, recurrence: Recurrence, frequency: Int? = nil,
            attempts: Int? = nil, prompt: String? = nil, personal: Bool? = nil, receptionOnly: Bool? = nil, backupAfter: Int? = nil,
            followUpAfter: Int? = nil, promptLanguage: String? = nil
        ) {
            self.promptLanguage = promptLanguage
            self.backupAfter = backupAfter
            self.followUpAfter = followUpAfter
            self.id = id
            self.room = room
            self.stayID = stayID
            self.time = time
            self.recurrence = recurrence
            self.frequency = frequency
            self.attempts = attempts
            self.prompt = prompt
            self.personal = personal
            self.receptionOnly = receptionOnly
        }
    }

    /// The reply of `POST /api/rooms/{room}/wakeups` (201).
    public struct WakeUpBooking: Codable, Hashable, Sendable {
        public var wakeUp: WakeUp
        /// The first ring (`yyyy-MM-ddTHH:mm`); absent when none comes before check-out.
        public var firstWakeUp: String?
        /// The rings that fall inside the room's DND window.
        public var insideDND: [String]
        /// `hotel.dndEndsAtWakeUp`: true, the DND window sent to the PBX ends at the first of them (they
        /// ring, DND is cut short); false, it is kept whole and a stricter PBX will not ring them.
        public var dndEndsAtWakeUp: Bool

        public init(wakeUp: WakeUp, firstWakeUp: String? = nil, insideDND: [String] = [], dndEndsAtWakeUp: Bool = true) {
            self.wakeUp = wakeUp
            self.firstWakeUp = firstWakeUp
            self.insideDND = insideDND
            self.dndEndsAtWakeUp = dndEndsAtWakeUp
        }
    }
}
