import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
@testable import ReveilleStore
import Synchronization
import Testing

/// A booking or a room's page reads its room, not the hotel: `snapshot(at:rooms:)` holds those
/// rooms, their stays, wake-ups and DND windows, and every group and rule — nothing of other rooms.
struct RoomSnapshotTests {
    @Test func aRoomsSnapshotHoldsThatRoomAndTheHotelWideRulesOnly() throws {
        let store = try Store(path: StoreTests.temporaryPath())
        let now = StoreTests.now
        try store.save(rooms: (1...50).map { Room(number: "\(1200 + $0)", phone: "\(8200 + $0)", floor: 12) }, actor: "test", at: now)
        for number in 1...50 {
            let room = "\(1200 + number)"
            try store.save(Stay(id: Int64(number), room: room, guestName: "Guest \(number)", arrival: now - 3600, departure: now + 86_400),
                           actor: "test", at: now)
            try store.save(WakeUpPolicy(id: Int64(number), room: room, stayID: Int64(number), time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-20")!)),
                           actor: "test", at: now)
            try store.save(DNDWindow(id: Int64(number), room: room, stayID: Int64(number), start: now, end: now + 3600), actor: "test", at: now)
        }
        try store.save(GroupWakeUp(id: 1, name: "Tour", members: .rooms(["1201", "1240"]), time: TimeOfDay("06:00")!, recurrence: .once(LocalDate("2026-11-20")!)),
                       actor: "test", at: now)
        let whole = try store.snapshot(at: now)
        let one = try store.snapshot(at: now, rooms: ["1207"])
        #expect(whole.rooms.count == 50 && whole.stays.count == 50)
        #expect(Set(one.rooms.keys) == ["1207"])
        #expect(one.stays.values.map(\.room) == ["1207"])
        #expect(one.policies.values.map(\.room) == ["1207"])
        #expect(one.dndWindows.values.map(\.room) == ["1207"])
        #expect(one.groups.count == 1)
        #expect(one.currentStay(in: "1207", at: now)?.guestName == "Guest 7")
        // What the planner makes of the room is the same from either.
        let planner = Planner(settings: HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        #expect(planner.desired(room: "1207", in: one, now: now) == planner.desired(room: "1207", in: whole, now: now))
    }

    /// The history a snapshot consults (catch-ups, follow-ups, acknowledged personal calls) grows
    /// with every night the hotel keeps; each of its reads must go through an index, never scan
    /// a table (SQLite's own query plan of every statement the snapshot ran, through a spy).
    @Test func aRoomsSnapshotAndTheHotelsReadTheHistoryThroughIndexesOnly() throws {
        let seen = Mutex<[String]>([])
        let path = StoreTests.temporaryPath()
        let store = try Store(path: path, statements: { sql in seen.withLock { $0.append(sql) } })
        try store.save(rooms: [StoreTests.room], actor: "test", at: StoreTests.now)
        seen.withLock { $0 = [] }
        _ = try store.snapshot(at: StoreTests.now, rooms: ["1208"])
        _ = try store.planInputs(at: StoreTests.now, rooms: ["1208"])
        _ = try store.lastWakeUpAttempts(phones: ["8208"])
        // The whole hotel's reads (every `/api/rooms` build, every plan, the metrics) seek too:
        // their cost is the rooms, not the history kept.
        _ = try store.snapshot(at: StoreTests.now)
        _ = try store.planInputs(at: StoreTests.now, rooms: nil)
        _ = try store.lastWakeUpAttempts()
        _ = try store.wakeUpOutcomes(after: 0)
        _ = try store.database.read { db in
            try Store.latestOutboxEntries(db, phones: ["8208", "8209"])
        }
        _ = try store.database.read { db in try Store.guestWakeUps(db, rooms: ["1208": []]) }
        let reads = seen.withLock { $0 }.filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") }
        #expect(!reads.isEmpty)
        // What grows with the days kept: the history, and the stays (with their wake-ups and DND
        // windows) of every guest who ever checked out.
        let history = ["wakeUpOccurrence", "alert", "wakeUpAttempt", "audit", "outbox", "cdr", "stay", "wakeUpPolicy", "dndWindow"]
        for sql in reads {
            let plan = try store.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }
            }
            for table in history {
                #expect(!plan.contains { $0.hasPrefix("SCAN \(table)") }, "\(sql) scans \(table): \(plan)")
            }
            // Nor every row a room ever had: a room's stays, wake-ups and DND windows by room alone.
            for index in ["stay_on_room", "wakeUpPolicy_on_room", "dndWindow_on_room"] {
                #expect(!plan.contains { $0.contains("USING INDEX \(index) (room=?)") }, "\(sql) reads a room's history: \(plan)")
            }
        }
    }
}
