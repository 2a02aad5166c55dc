import Foundation
import GRDB
import ReveilleCore
@testable import ReveilleStore
import Testing

/// Migration v6 turns the stay keys of older databases (`guest|arrival`, or a bare booking number)
/// into (booking, room) and (room, arrival), so that the next export finds every stay again.
struct StayKeyMigrationTests {
    static let arrival = Date(timeIntervalSince1970: 1_795_500_000)
    static let departure = arrival + 2 * 86_400
    static let now = arrival + 3600

    /// A database as v5 left it: stays filed under the old keys.
    static func legacyDatabase(_ stays: [(Stay, key: String)]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-\(UUID().uuidString).sqlite").path
        let pool = try DatabasePool(path: path)
        try Migrations.migrator.migrate(pool, upTo: "v5: ids from AUTOINCREMENT, never reused")
        try pool.write { db in
            for (stay, key) in stays {
                // The columns of v5 (the record type has gained some since, v9).
                try db.execute(
                    sql: "INSERT INTO stay (id, room, guestName, arrival, departure, groupCode, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [stay.id, stay.room, stay.guestName, stay.arrival, stay.departure, stay.groupCode, stay.status.rawValue])
                try db.execute(sql: "INSERT INTO stayKey (key, stayID) VALUES (?, ?)", arguments: [key, stay.id])
            }
        }
        try pool.close()
        return path
    }

    static func stay(_ id: Int64, _ room: String, _ guest: String, status: Stay.Status = .inHouse) -> Stay {
        Stay(id: id, room: room, guestName: guest, arrival: arrival, departure: departure, status: status)
    }

    @Test func oldKeysStillFindTheirStaysInTheNextExport() throws {
        let path = try Self.legacyDatabase([
            (Self.stay(1, "1201", "张伟"), key: "张伟|\(Int(Self.arrival.timeIntervalSince1970))"),
            (Self.stay(2, "1202", "李娜"), key: "R2"),
            (Self.stay(3, "1203", "A|B"), key: "X|1"),  // a booking number with a bar in it
        ])
        let store = try Store(path: path)
        #expect(try store.appliedMigrations().contains("v6: stay keys (booking, room) or (room, arrival)"))

        // The export as the PMS sends it now: 1201 without a booking number and a corrected name,
        // 1202 and 1203 with theirs.
        let export = [
            OccupancyRecord(room: "1201", guest: "Zhang Wei", arrival: Self.arrival, departure: Self.departure),
            OccupancyRecord(booking: "R2", room: "1202", guest: "李娜", arrival: Self.arrival, departure: Self.departure),
            OccupancyRecord(booking: "X|1", room: "1203", guest: "A|B", arrival: Self.arrival, departure: Self.departure),
        ]
        let events = OccupancyDiff.events(previous: try store.inHouse(), current: export)
        #expect(events == [.update(export[0], from: OccupancyRecord(room: "1201", guest: "张伟", arrival: Self.arrival, departure: Self.departure))])
        try store.apply(events, actor: "test", at: Self.now)
        let stays = try store.snapshot().stays
        #expect(stays.count == 3)
        #expect(stays[1]?.guestName == "Zhang Wei")
        #expect(try store.inHouse().sorted { $0.room < $1.room }.map(\.booking) == [nil, "R2", "X|1"])
    }

    @Test func whereTwoOldStaysWouldShareAKeyTheInHouseOneKeepsIt() throws {
        // The old code's check-out plus check-in for a corrected name: two stays, one room, one arrival.
        let epoch = Int(Self.arrival.timeIntervalSince1970)
        let path = try Self.legacyDatabase([
            (Self.stay(1, "1201", "Zhang Wie", status: .checkedOut), key: "Zhang Wie|\(epoch)"),
            (Self.stay(2, "1201", "Zhang Wei"), key: "Zhang Wei|\(epoch)"),
        ])
        let store = try Store(path: path)
        let record = OccupancyRecord(room: "1201", guest: "Zhang Wei", arrival: Self.arrival, departure: Self.departure + 86_400)
        try store.apply([.checkIn(record)], actor: "test", at: Self.now)  // finds stay 2: an update
        let stays = try store.snapshot().stays
        #expect(stays.count == 2)
        #expect(stays[2]?.departure == Self.departure + 86_400)
        #expect(stays[1]?.status == .checkedOut)
    }
}
