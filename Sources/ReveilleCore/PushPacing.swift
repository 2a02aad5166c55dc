import Foundation

/// How fast pushes go to the PBX. A group's pushes are spaced 1–2 s apart (§4.4: the PBX wakes a
/// group's rooms 1–2 s apart and must never get them in one burst); others are paced by `interval`.
public struct PushPacing: Hashable, Sendable {
    /// The allowed range of a group gap (§4.4).
    public static let groupGapRange: ClosedRange<Duration> = .seconds(1)...(.seconds(2))

    /// The mean gap between two pushes of one group (default 1.5 s).
    public var groupSpacing: Duration = .milliseconds(1500)
    /// Each gap is the spacing ± up to this much, at random (default 0.25 s).
    public var groupJitter: Duration = .milliseconds(250)
    /// The least time between two pushes that are not of the same group (default 0.05 s: at most
    /// 20 per second, one at a time — each waits for the PBX's reply). Chosen so that after a login
    /// at 5,000 rooms the wake-up lists due in the next 2 hours (one room in five) are on the PBX
    /// within a minute (docs/PERFORMANCE.md, `push-benchmarks login`: 52 s); 0.2 s took 203 s.
    public var interval: Duration = .milliseconds(50)

    public init() {}

    /// The shortest and longest gap between two pushes of a group.
    public var groupGaps: ClosedRange<Duration> { (groupSpacing - groupJitter)...(groupSpacing + groupJitter) }

    /// The problems of this pacing, each naming the setting and the rule (empty: fine).
    public var problems: [String] {
        var problems: [String] = []
        if !Self.groupGapRange.contains(groupGaps.lowerBound) || !Self.groupGapRange.contains(groupGaps.upperBound) {
            problems.append("pbx.pacing.groupSpacing ± groupJitter must stay inside 1 s … 2 s (§4.4), is \(groupGaps)")
        }
        if groupJitter < .zero { problems.append("pbx.pacing.groupJitter must not be negative") }
        if interval < .zero { problems.append("pbx.pacing.interval must not be negative") }
        return problems
    }

    /// A gap for the next push of a group: `random` in `[0, 1]` picks it inside ``groupGaps``.
    public func groupGap(random: Double) -> Duration {
        groupGaps.lowerBound + (groupGaps.upperBound - groupGaps.lowerBound) * min(max(random, 0), 1)
    }
}

/// When a group booking's pushes are expected to be done, and which rooms would be late.
public struct GroupBookingAssessment: Hashable, Sendable {
    /// Rooms that get a push, in push order.
    public var rooms: [String]
    /// When the last push is expected (mean gaps).
    public var expectedFinish: Date
    /// When the last push goes out at the latest (longest gaps).
    public var latestFinish: Date
    /// When the group first rings.
    public var firstWakeUp: Date?
    /// Rooms whose push might land after the wake-up it carries.
    public var lateRooms: [String]
    /// With `pbx.ringCapacity`, when the group's minute is full: the rings that start late.
    public var capacity: RingCapacity.Assessment? = nil
}

extension Duration {
    /// This duration in seconds.
    public var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}

extension Planner {
    /// The assessment of booking `group` now: its pushes come after `backlog` pushes already queued.
    public func assess(_ group: GroupWakeUp, in snapshot: HotelSnapshot, pacing: PushPacing, backlog: Int, now: Date)
        -> GroupBookingAssessment
    {
        var rooms: [(String, Date)] = []
        for room in snapshot.memberRooms(of: group).sorted() {
            guard let stay = snapshot.currentStay(in: room, at: now) else { continue }
            // The first occurrence, even if more than a day ahead: that is what must not be missed.
            let first = firstOccurrence(time: group.time, recurrence: group.recurrence, stay: stay, now: now)
            if let first { rooms.append((room, first)) }
        }
        let start = now.addingTimeInterval(Double(backlog) * pacing.interval.seconds)
        let mean = pacing.groupSpacing.seconds
        let longest = pacing.groupGaps.upperBound.seconds
        let count = rooms.count
        var late: [String] = []
        for (index, (room, ringsAt)) in rooms.enumerated()
        where start.addingTimeInterval(Double(index) * longest) >= ringsAt {
            late.append(room)
        }
        return GroupBookingAssessment(
            rooms: rooms.map(\.0),
            expectedFinish: start.addingTimeInterval(Double(max(count - 1, 0)) * mean),
            latestFinish: start.addingTimeInterval(Double(max(count - 1, 0)) * longest),
            firstWakeUp: rooms.map(\.1).min(), lateRooms: late)
    }

    /// The first time a wake-up rings from `now` on, inside the stay.
    public func firstOccurrence(time: PBXProtocol.TimeOfDay, recurrence: Recurrence, stay: Stay, now: Date) -> Date? {
        let today = calendar.date(of: now)
        for offset in 0..<370 {
            let day = today.adding(days: offset)
            guard recurrence.includes(day) else { continue }
            let instant = calendar.instant(day, time)
            if instant >= stay.departure { return nil }
            if instant > now { return instant }
        }
        return nil
    }

}

import PBXProtocol
