import Foundation
import ReveilleCore
import Testing

/// What the PBX's per-minute ring capacity does to rooms booked into one minute.
struct RingCapacityTests {
    static let six = Date(timeIntervalSince1970: 1_795_559_400 - 1800)  // 2026-11-25 06:00 in Shanghai
    static func minute(_ offset: Int) -> Date { six.addingTimeInterval(TimeInterval(offset * 60)) }
    static let rooms = (1...40).map { "R\($0)" }

    @Test func theRingsBeyondTheCapacitySpillIntoTheNextMinutesFreePlaces() {
        let load = [Self.minute(30): 5, Self.minute(31): 15]
        let assessment = RingCapacity(perMinute: 20).assess(rooms: Self.rooms, at: Self.minute(30), load: load, now: Self.six)
        #expect(assessment.booked == 5)
        // 15 fit at 06:30, 5 at 06:31, 20 at 06:32.
        #expect(assessment.lateRings.filter { $0.minutes == 1 }.map(\.room) == (16...20).map { "R\($0)" })
        #expect(assessment.lateRings.filter { $0.minutes == 2 }.count == 20)
        #expect(assessment.lateRings.count == 25)
    }

    @Test func theNearestFreeMinutesAreOneBeforeAndOneAfterInTheFuture() {
        let assessment = RingCapacity(perMinute: 40).assess(
            rooms: Self.rooms, at: Self.minute(30), load: [Self.minute(30): 1, Self.minute(29): 2, Self.minute(31): 1], now: Self.six)
        #expect(assessment.freeMinutes == [Self.minute(28), Self.minute(32)])
        // Never a minute already past.
        let soon = RingCapacity(perMinute: 40).assess(rooms: Self.rooms, at: Self.minute(30), load: [Self.minute(30): 1], now: Self.minute(29))
        #expect(soon.freeMinutes == [Self.minute(31)])
    }

    @Test func extremeValuesNeverTrap() {
        let none = RingCapacity(perMinute: 0).assess(rooms: Self.rooms, at: Self.minute(30), load: [:], now: Self.six)
        #expect(none.lateRings.count == 39)  // a capacity below 1 counts as 1
        let full = RingCapacity(perMinute: 1).assess(
            rooms: ["A", "B"], at: Self.minute(30), load: Dictionary(uniqueKeysWithValues: (0..<2000).map { (Self.minute($0), 1) }), now: Self.six)
        #expect(full.lateRings.map(\.minutes) == [1440, 1440])
        #expect(full.freeMinutes.isEmpty)
    }
}
