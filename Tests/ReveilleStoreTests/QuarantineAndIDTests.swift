import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
import ReveilleStore
import Testing

/// A bad stored row is left out and reported, never a reason to stop; ids come from
/// SQLite and are never given twice.
struct QuarantineAndIDTests {
    static let now = StoreTests.now

    static func store() throws -> Store {
        let store = try Store(path: StoreTests.temporaryPath())
        try store.save(rooms: [StoreTests.room, Room(number: "1209", phone: "8209", floor: 12)], actor: "test", at: now)
        for room in ["1208", "1209"] {
            try store.create(actor: "test", at: now) { id in
                Stay(id: id, room: room, guestName: "Guest", arrival: now - 3600, departure: now + 86_400)
            }
        }
        return store
    }

    @Test func aWakeUpRowOutsideTheBoundsIsQuarantinedAndTheOthersAreLoaded() throws {
        let store = try Self.store()
        try store.create(actor: "test", at: Self.now) { id in
            WakeUpPolicy(id: id, room: "1209", stayID: 2, time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-19")!))
        }
        // Written by hand, or by a version without the bounds: frequency 10^17 trapped the planner.
        try store.database.write { db in
            try db.execute(sql: """
                INSERT INTO wakeUpPolicy (id, room, stayID, time, recurrence, options)
                VALUES (99, '1208', 1, '07:00', '{"once":{"_0":"2026-11-19"}}', '{"frequency":100000000000000000}')
                """)
            try db.execute(sql: """
                INSERT INTO wakeUpPolicy (id, room, stayID, time, recurrence, options)
                VALUES (100, '1208', 1, '07:00', 'not json', '{}')
                """)
        }
        let snapshot = try store.snapshot()
        #expect(snapshot.policies.keys.sorted() == [1])
        let quarantined = store.quarantined
        #expect(quarantined.map(\.id) == ["99", "100"])
        #expect(quarantined.allSatisfy { $0.table == "wakeUpPolicy" })
        #expect(quarantined[0].problem == "frequency: must be 5 to 120 minutes")
        #expect(quarantined[1].problem.hasPrefix("cannot be read"))
    }

    /// Rooms, stays and acknowledged rows are read column by column (not through `Decodable`):
    /// whatever a hand edit or an older version left in a column, the row is quarantined or the
    /// read fails with an error, and the process goes on.
    @Test func aRoomOrStayWithAnUnreadableColumnIsQuarantinedAndTheOthersAreLoaded() throws {
        let store = try Self.store()
        try store.save(rooms: [Room(number: "1210", phone: "8210", floor: 12, tags: ["suite", "sea"])], actor: "test", at: Self.now)
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO room (number, phone, floor, tags) VALUES ('1301', '8301', 13, 'not json')")
            try db.execute(sql: """
                INSERT INTO stay (id, room, guestName, arrival, departure, status) VALUES (90, '1209', 'A', '2026-11-18 00:00:00', '2026-11-20 00:00:00', 'gone')
                """)
            try db.execute(sql: """
                INSERT INTO stay (id, room, guestName, arrival, departure, status, callClass) VALUES (91, '1209', 'B', '2026-11-18 00:00:00', '2026-11-20 00:00:00', 'inHouse', 9)
                """)
            try db.execute(sql: """
                INSERT INTO stay (id, room, guestName, arrival, departure, status) VALUES (92, '1209', 'C', 'yesterday', '2026-11-20 00:00:00', 'inHouse')
                """)
        }
        let snapshot = try store.snapshot()
        #expect(snapshot.rooms.keys.sorted() == ["1208", "1209", "1210"])
        #expect(snapshot.rooms["1210"]?.tags == ["suite", "sea"])
        #expect(snapshot.rooms["1208"]?.tags == ["suite"])
        #expect(snapshot.stays.keys.sorted() == [1, 2])
        let quarantined = store.quarantined.map { "\($0.table) \($0.id)" }
        #expect(quarantined == ["room 1301", "stay 90", "stay 91", "stay 92"])
        #expect(store.quarantined.allSatisfy { $0.problem.hasPrefix("cannot be read") })
        #expect(store.quarantined.first { $0.id == "90" }?.problem.contains("stay.status") == true)
    }

    @Test func aRuleThatIsNoRealWindowIsQuarantined() throws {
        let store = try Self.store()
        try store.save(DNDRule(id: 7, name: "All day", selector: .init(), action: .quietHours(from: TimeOfDay("07:00")!, to: TimeOfDay("07:00")!)),
                       actor: "test", at: Self.now)
        #expect(try store.snapshot().rules.isEmpty)
        #expect(store.quarantined == [QuarantinedRow(table: "dndRule", id: "7", problem: "action.to: must differ from action.from (07:00 to 07:00 is not a window)")])
    }

    @Test func idsAreAssignedInTheSavingTransactionAndNeverReused() throws {
        let store = try Self.store()
        let make = { (id: Int64) in DNDWindow(id: id, room: "1208", start: Self.now, end: Self.now + 3600) }
        let first = try store.create(actor: "test", at: Self.now, make)
        let second = try store.create(actor: "test", at: Self.now, make)
        try store.delete(DNDWindow.self, id: second.id, actor: "test", at: Self.now)
        let third = try store.create(actor: "test", at: Self.now, make)
        #expect([first.id, second.id, third.id] == [1, 2, 3])
        #expect(try store.audit().contains { $0.action == "create" && $0.entity == "dndWindow" && $0.entityID == "3" })
    }

    @Test func concurrentCreatesGetDistinctIds() async throws {
        let store = try Self.store()
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try store.create(actor: "test", at: Self.now) { id in
                        WakeUpPolicy(id: id, room: "1208", stayID: 1, time: TimeOfDay(hour: 6, minute: index)!, recurrence: .once(LocalDate("2026-11-19")!))
                    }.id
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 40)
        #expect(try store.snapshot().policies.count == 40)
    }

    @Test func theV5MigrationKeepsEveryRowAndItsId() throws {
        // A v4 database (ids given by MAX+1) with rows and a gap.
        let path = StoreTests.temporaryPath()
        do {
            let store = try Store(path: path)
            try store.save(DNDWindow(id: 5, room: "1208", start: Self.now, end: Self.now + 60), actor: "test", at: Self.now)
            try store.save(DNDWindow(id: 9, room: "1208", start: Self.now, end: Self.now + 60), actor: "test", at: Self.now)
        }
        let reopened = try Store(path: path)
        #expect(try reopened.snapshot().dndWindows.keys.sorted() == [5, 9])
        let next = try reopened.create(actor: "test", at: Self.now) { DNDWindow(id: $0, room: "1208", start: Self.now, end: Self.now + 60) }
        #expect(next.id == 10)
    }
}
