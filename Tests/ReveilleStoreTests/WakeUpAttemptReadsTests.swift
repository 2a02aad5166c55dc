import Foundation
import ReveilleCore
import Testing

@testable import ReveilleStore

/// The rings kept (400 days of them) are read by what a reply needs: each room's newest ring, the
/// rings since the last count.
@Suite struct WakeUpAttemptReadsTests {
    private static let rooms = [
        Room(number: "1201", phone: "8201", floor: 12), Room(number: "1202", phone: "8202", floor: 12),
        Room(number: "1203", phone: "8203", floor: 12),
    ]

    private static func store(rings: [(phone: String, minutesAgo: Double, outcome: WakeUpOutcome)]) throws -> Store {
        let store = try Store(path: StoreTests.temporaryPath())
        try store.save(rooms: rooms, actor: "test", at: StoreTests.now)
        for ring in rings {
            let at = StoreTests.now - ring.minutesAgo * 60
            try store.record(WakeUpAttempt(phone: ring.phone, ringAt: at, outcome: ring.outcome, endedAt: at + 30))
        }
        return store
    }

    @Test func eachRoomsNewestRingIsReadForTheHotelAndForSomeExtensions() throws {
        let store = try Self.store(rings: [
            ("8201", 3000, .answered), ("8202", 2000, .unanswered), ("8201", 1000, .unanswered), ("8202", 500, .answered),
            ("9999", 10, .answered),  // an extension no room has
        ])
        let hotel = try store.lastWakeUpAttempts()
        #expect(hotel.mapValues(\.outcome) == ["8201": .unanswered, "8202": .answered])
        #expect(hotel["8201"]?.ringAt == StoreTests.now - 1000 * 60)
        let some = try store.lastWakeUpAttempts(phones: ["8202", "8203", "9999"])
        #expect(some.mapValues(\.outcome) == ["8202": .answered, "9999": .answered])
        #expect(try store.lastWakeUpAttempts(phones: []).isEmpty)
        // A newest ring that cannot be read leaves its room without one, the others as they were.
        try store.database.write { db in try db.execute(sql: "UPDATE wakeUpAttempt SET outcome = 'vanished' WHERE id = 4") }
        #expect(try store.lastWakeUpAttempts().mapValues(\.outcome) == ["8201": .unanswered])
    }

    @Test func newOutcomesAreCountedAfterTheLastCountedRingAndRetentionDoesNotChangeThem() throws {
        let store = try Self.store(rings: [("8201", 3000, .answered), ("8202", 2000, .unanswered)])
        let start = try store.newestWakeUpAttemptID()
        #expect(try store.wakeUpOutcomes(after: start) == ([:], start))
        for (phone, ago, outcome) in [("8201", 20.0, WakeUpOutcome.answered), ("8202", 10, .answered), ("8203", 5, .unanswered)] {
            try store.record(WakeUpAttempt(phone: phone, ringAt: StoreTests.now - ago * 60, outcome: outcome, endedAt: StoreTests.now))
        }
        let new = try store.wakeUpOutcomes(after: start)
        #expect(new.counts == ["answered": 2, "unanswered": 1])
        #expect(new.through == start + 3)
        // Retention removes the old rings: what is new since a count stays what it was.
        try store.prune(before: StoreTests.now - 100 * 60)
        #expect(try store.wakeUpOutcomes(after: start).counts == new.counts)
        #expect(try store.wakeUpOutcomes(after: new.through) == ([:], new.through))
        #expect(try store.wakeUpOutcomes(after: 0).counts == new.counts)
    }
}
