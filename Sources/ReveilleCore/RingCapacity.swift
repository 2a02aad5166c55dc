import Foundation

/// `pbx.ringCapacity`: how many wake-ups the PBX can start in one minute. A PBX rings
/// only so many rooms at once (Avaya refuses an "Interval Full", NEC caps the rooms per wake-up
/// time); the rest start in the following minutes. A booking that would exceed it is answered with
/// the rings that start late and by how much, or refused with the nearest free minutes.
public struct RingCapacity: Hashable, Sendable {
    /// Wake-ups the PBX can start per minute.
    public var perMinute: Int

    /// One ring that starts late: its room and how many minutes after its time.
    public struct LateRing: Hashable, Sendable {
        public var room: String
        public var minutes: Int

        public init(room: String, minutes: Int) {
            self.room = room
            self.minutes = minutes
        }
    }

    /// What happens to rooms booked into one minute.
    public struct Assessment: Hashable, Sendable {
        /// The minute they are booked for.
        public var minute: Date
        /// Rings already starting in that minute.
        public var booked: Int
        /// The rooms that start late (in push order), with by how much; empty: they all fit.
        public var lateRings: [LateRing]
        /// The nearest minutes (one before, one after, when there is one) where all of them fit.
        public var freeMinutes: [Date]
    }

    public init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// The rings that start in each minute (the start of the minute): the wake-ups the plan puts on
    /// the PBX (reception-only calls never ring from it).
    public static func load(_ desired: [DesiredExtension]) -> [Date: Int] {
        var load: [Date: Int] = [:]
        for want in desired {
            for wakeUp in want.wakeUps { load[WakeUpOccurrence.minute(of: wakeUp.at), default: 0] += 1 }
        }
        return load
    }

    /// What happens when `rooms` all ring at `time` on top of `load`: the rings beyond the capacity
    /// spill into the next minutes' free places, in push order (the rings booked before keep
    /// theirs); the free minutes are looked for within `search` minutes either side, after `now`.
    public func assess(rooms: [String], at time: Date, load: [Date: Int], now: Date, search: Int = 120) -> Assessment {
        let minute = WakeUpOccurrence.minute(of: time)
        let capacity = max(perMinute, 1)
        var late: [LateRing] = []
        var waiting = rooms[...]
        var offset = 0
        // A day of minutes at most: beyond it, what is left is reported a day late (never a trap).
        while !waiting.isEmpty, offset < 1440 {
            let start = minute.addingTimeInterval(TimeInterval(offset * 60))
            let free = max(capacity - load[start, default: 0], 0)
            let taken = waiting.prefix(free)
            if offset > 0 { late += taken.map { LateRing(room: $0, minutes: offset) } }
            waiting = waiting.dropFirst(taken.count)
            offset += 1
        }
        late += waiting.map { LateRing(room: $0, minutes: 1440) }
        var before: Date?
        var after: Date?
        for distance in 1...max(search, 1) where before == nil || after == nil {
            let earlier = minute.addingTimeInterval(TimeInterval(-distance * 60))
            let later = minute.addingTimeInterval(TimeInterval(distance * 60))
            if before == nil, earlier > now, load[earlier, default: 0] + rooms.count <= capacity { before = earlier }
            if after == nil, later > now, load[later, default: 0] + rooms.count <= capacity { after = later }
        }
        return Assessment(minute: minute, booked: load[minute, default: 0], lateRings: late, freeMinutes: [before, after].compactMap { $0 })
    }
}
