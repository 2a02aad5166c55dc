import Foundation
import ReveilleCore
import ReveilleStore
import Testing

/// In the store (migration v11): an occurrence keeps its catch-up, outage, backup and
/// follow-up; the planner's snapshot carries the catch-ups and follow-ups to plan and the personal
/// calls reception acknowledged.
struct CatchUpStoreTests {
    static let due = StoreTests.now + 3600

    @Test func anOccurrenceKeepsItsCatchUpOutageBackupAndFollowUp() throws {
        let store = try Store(path: StoreTests.temporaryPath())
        var occurrence = WakeUpOccurrence(room: "1208", phone: "8208", scheduledAt: Self.due, catchUpAt: Self.due + 300)
        occurrence.unreachableFrom = Self.due - 120
        occurrence.unreachableUntil = Self.due + 240
        occurrence.backupAt = Self.due + 300
        occurrence.followUpAfter = 10
        occurrence.followUpAt = Self.due + 900
        occurrence.heldByPBX = true  // v13
        let saved = try store.save(occurrence)
        let read = try #require(try store.occurrences(from: Self.due - 1, to: Self.due + 1).first)
        #expect(read == saved)
        #expect(read.lateBy == 300 && read.heldByPBX)
    }

    @Test func theSnapshotCarriesPendingCatchUpsFollowUpsAndAcknowledgedPersonalCalls() throws {
        let store = try Store(path: StoreTests.temporaryPath())
        try store.save(WakeUpOccurrence(room: "1208", phone: "8208", scheduledAt: Self.due, catchUpAt: Self.due + 300))
        // A finished catch-up is not planned any more.
        try store.save(WakeUpOccurrence(room: "1209", phone: "8209", scheduledAt: Self.due, state: .answered, catchUpAt: Self.due + 300))
        var answered = WakeUpOccurrence(room: "1210", phone: "8210", scheduledAt: Self.due, state: .answered)
        answered.followUpAt = Self.due + 600
        try store.save(answered)
        let personal = try store.raise(.personalCall, room: "1211", guest: nil, scheduledAt: Self.due, message: "Call room 1211 now", at: Self.due)
        _ = try store.raise(.personalCall, room: "1212", guest: nil, scheduledAt: Self.due, message: "Call room 1212 now", at: Self.due)
        _ = try store.acknowledge(alert: personal.id, action: .calledTheRoom, note: nil, actor: "reception", at: Self.due + 60)
        let snapshot = try store.snapshot(at: Self.due + 120)
        #expect(snapshot.catchUps["1208"] == [CatchUp(room: "1208", scheduledAt: Self.due, at: Self.due + 300)])
        #expect(snapshot.catchUps["1209"] == nil)
        #expect(snapshot.catchUps["1210"] == [CatchUp(room: "1210", scheduledAt: Self.due, at: Self.due + 600, followUp: true)])
        #expect(snapshot.personalCallsDone == [OccurrenceKey(room: "1211", scheduledAt: Self.due)])
    }
}
