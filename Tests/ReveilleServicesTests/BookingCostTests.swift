import Clocks
import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// A booking costs its room, not the hotel: every statement a room booking runs against the
/// hotel's rooms, stays, wake-ups and DND windows names the room (a spy on the store's SQL), and
/// so does the push scheduler's plan of the change, down to what the PBX holds for its extension.
@Suite(.timeLimit(.minutes(1)))
struct BookingCostTests {
    @Test func thePushSchedulersPlanOfARoomChangeReadsThatRoomAndItsExtensionOnly() async throws {
        let seen = Mutex<[String]>([])
        let recording = Mutex(false)
        var harness = try await PushHarness(rooms: 40, statements: { sql in
            if recording.withLock({ $0 }) { seen.withLock { $0.append(sql) } }
        })
        harness.start()
        try await harness.settle()
        recording.withLock { $0 = true }
        let scheduler = harness.scheduler
        let desk = FrontDesk(store: harness.store, settings: harness.settings, pacing: PushPacing(),
                             changed: { scheduler.changed(rooms: $0) }, now: harness.now)
        _ = try desk.bookWakeUp(room: "1207", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!), options: WakeUpOptions(), actor: "test")
        _ = try await harness.drive { activity, _ in if case .answered = activity { true } else { false } }
        recording.withLock { $0 = false }
        #expect(harness.pbx.extensionState("8207").alarms.map(\.start.description) == ["06:30"])
        let reads = seen.withLock { $0 }.filter { ($0.hasPrefix("SELECT") || $0.hasPrefix("WITH")) && !$0.hasPrefix("SELECT MAX(id)") }
        #expect(reads.contains { $0.contains("FROM \"acknowledged\"") })
        for table in ["\"room\"", "\"stay\"", "\"wakeUpPolicy\"", "\"dndWindow\"", "\"acknowledged\""] {
            for sql in reads where sql.contains("FROM \(table)") {
                #expect(sql.contains("'1207'") || sql.contains("'8207'"), "reads more than room 1207: \(sql)")
            }
        }
        // The enqueue reads the extension's outbox rows (its latest per setting), not the hotel's.
        let latest = reads.filter { $0.contains("FROM outbox latest") }
        #expect(!latest.isEmpty && latest.allSatisfy { $0.contains("'8207'") }, "\(latest)")
        await harness.stop()
    }

    @Test func aRoomBookingReadsItsRoomAndNoOther() throws {
        let seen = Mutex<[String]>([])
        let recording = Mutex(false)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cost-\(UUID()).sqlite").path
        let store = try Store(path: path, statements: { sql in if recording.withLock({ $0 }) { seen.withLock { $0.append(sql) } } })
        let now = Date(timeIntervalSince1970: 1_795_521_600)  // 2026-11-24 20:00 in Shanghai
        try store.save(rooms: (1...40).map { Room(number: "\(1200 + $0)", phone: "\(8200 + $0)", floor: 12) }, actor: "test", at: now)
        for number in 1...40 {
            try store.save(Stay(id: Int64(number), room: "\(1200 + number)", guestName: "Guest \(number)", arrival: now - 3600, departure: now + 86_400 * 2),
                           actor: "test", at: now)
        }
        let desk = FrontDesk(
            store: store, settings: HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!), pacing: PushPacing(),
            changed: { _ in }, now: { now })
        recording.withLock { $0 = true }
        _ = try desk.bookWakeUp(room: "1207", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!), options: WakeUpOptions(), actor: "test")
        _ = try desk.setDND(room: "1207", from: nil, until: now + 3600, actor: "test")
        // A group of listed rooms reads those rooms (without a ring capacity to check).
        _ = try desk.bookGroup(name: "Tour", members: .rooms(["1207"]), time: "06:40", recurrence: .once(LocalDate("2026-11-25")!),
                               options: WakeUpOptions(), acceptLate: true, actor: "test")
        // Marking the guest's wake-ups as personal calls reads that stay (by its id, 7).
        #expect(try desk.setPersonalCall(stay: 7, to: true, actor: "test").personalCall)
        recording.withLock { $0 = false }
        // The id sequence (`MAX(id)`, one index step) is not a read of rows.
        let reads = seen.withLock { $0 }.filter { ($0.hasPrefix("SELECT") || $0.hasPrefix("WITH")) && !$0.hasPrefix("SELECT MAX(id)") }
        #expect(!reads.isEmpty)
        for table in ["\"room\"", "\"stay\"", "\"wakeUpPolicy\"", "\"dndWindow\""] {
            for sql in reads where sql.contains("FROM \(table)") {
                #expect(sql.contains("'1207'") || sql.contains("\"id\" = 7"), "reads more than room 1207: \(sql)")
            }
        }
    }
}
