import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
import ReveilleStore
import Testing

/// In the store: occurrences by room and day, alerts, audit and CDR queries,
/// retention pruning that keeps the database flat under a steady event stream.
struct HistoryStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_559_400)  // 2026-11-25 06:30 Shanghai

    static func store() throws -> Store {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        return try Store(path: folder.appendingPathComponent("history-\(UUID().uuidString).sqlite").path)
    }

    @Test func anOccurrenceIsStoredOncePerRoomAndTimeAndKeepsItsAlert() throws {
        let store = try Self.store()
        var occurrence = WakeUpOccurrence(room: "1208", phone: "8208", guest: "Zhang", scheduledAt: Self.t0)
        let first = try store.save(occurrence)
        occurrence.state = .unanswered
        occurrence.attempts = [OccurrenceAttempt(at: Self.t0, result: .unanswered)]
        let alert = try store.raise(.unanswered, room: "1208", guest: "Zhang", scheduledAt: Self.t0, message: "m", occurrence: occurrence, at: Self.t0 + 30)
        // Saved again without knowing its alert: the alert stays.
        let again = try store.save(occurrence)
        #expect(again.id == first.id)
        let stored = try store.occurrences(from: Self.t0 - 3600, to: Self.t0 + 3600, room: "1208")
        #expect(stored.count == 1)
        #expect(stored.first?.state == .unanswered && stored.first?.attempts.count == 1 && stored.first?.alertID == alert.id)
        #expect(try store.occurrences(from: Self.t0 - 3600, to: Self.t0 + 3600, room: "1209").isEmpty)
        #expect(try store.occurrences(from: Self.t0 + 1, to: Self.t0 + 3600).isEmpty)
    }

    @Test func theAuditOfARoomHoldsItsChangesAndItsPushesButNotOtherRooms() throws {
        let store = try Self.store()
        try store.save(rooms: [Room(number: "1208", phone: "8208", floor: 12), Room(number: "1209", phone: "8209", floor: 12)], actor: "test", at: Self.t0)
        try store.save(WakeUpPolicy(id: 1, room: "1208", time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-26")!)),
                       actor: "reception:alice", at: Self.t0 + 60)
        try store.save(WakeUpPolicy(id: 2, room: "1209", time: TimeOfDay("07:00")!, recurrence: .once(LocalDate("2026-11-26")!)),
                       actor: "reception:bob", at: Self.t0 + 120)
        let all = try store.audit(room: "1208", since: nil, until: nil)
        #expect(all.map(\.actor) == ["test", "reception:alice"])
        let later = try store.audit(room: "1208", since: Self.t0 + 30, until: Self.t0 + 600)
        #expect(later.map(\.actor) == ["reception:alice"])
        #expect(try store.audit(room: nil, since: Self.t0 + 90, until: nil).map(\.actor) == ["reception:bob"])
    }

    @Test func cdrsAreFoundByTheHotelsDayAndRoom() throws {
        let store = try Self.store()
        try store.save(rooms: [Room(number: "1208", phone: "8208", floor: 12)], actor: "test", at: Self.t0)
        for (callee, start) in [("8208", "2026-11-25 06:30:00"), ("8209", "2026-11-25 06:31:00"), ("8208", "2026-11-26 00:00:00")] {
            try store.record(
                CDR(caller: "wakeup", callee: callee, start: PBXDateTime(start)!, answer: nil, end: PBXDateTime(start)!, duration: 0,
                    disposition: .noAnswer, callType: .internal),
                receivedAt: Self.t0)
        }
        #expect(try store.cdrs(on: LocalDate("2026-11-25")!, room: "1208").map(\.start) == ["2026-11-25 06:30:00"])
        #expect(try store.cdrs(on: LocalDate("2026-11-25")!, room: nil).count == 2)
        #expect(try store.cdrs(on: LocalDate("2026-11-26")!, room: "1208").count == 1)
    }

    @Test func pruningRemovesOnlyFinishedHistoryOlderThanTheCutoff() throws {
        let store = try Self.store()
        try store.save(WakeUpOccurrence(room: "1208", phone: "8208", scheduledAt: Self.t0 - 86_400, state: .answered))
        try store.save(WakeUpOccurrence(room: "1209", phone: "8209", scheduledAt: Self.t0 - 86_400, state: .upcoming))
        let open = try store.raise(.notRung, room: "1208", guest: nil, scheduledAt: Self.t0 - 86_400, message: "m", at: Self.t0 - 86_400)
        let done = try store.raise(.busy, room: "1208", guest: nil, scheduledAt: Self.t0 - 86_400, message: "m", at: Self.t0 - 86_400)
        _ = try store.acknowledge(alert: done.id, action: .other, note: nil, actor: "reception:alice", at: Self.t0 - 80_000)
        let report = try store.prune(before: Self.t0 - 3600)
        #expect(report.removed["wakeUpOccurrence"] == 1 && report.removed["alert"] == 1)
        #expect(try store.occurrences(from: Self.t0 - 90_000, to: Self.t0).map(\.state) == [.upcoming])
        #expect(try store.alerts().map(\.id) == [open.id])
    }
}
