extension API {
    /// What the PBX confirmed for an extension: `acknowledged` of ``Room``, and each value of
    /// `GET /api/simulator/extensions` (what the built-in simulator holds). A field is absent when the
    /// PBX never confirmed it.
    public struct Acknowledged: Codable, Hashable, Sendable {
        /// The extension's whole AlarmClock list (`start*end*frequency*days*file*num&…`); empty: none.
        public var alarmClock: String?
        public var dnd: DNDState?
        public var name: String?
        public var callClass: Int?
        /// When the PBX last confirmed a setting (`yyyy-MM-ddTHH:mm`).
        public var confirmedAt: String?

        public init(
            alarmClock: String? = nil, dnd: DNDState? = nil, name: String? = nil, callClass: Int? = nil, confirmedAt: String? = nil
        ) {
            self.alarmClock = alarmClock
            self.dnd = dnd
            self.name = name
            self.callClass = callClass
            self.confirmedAt = confirmedAt
        }
    }
}
