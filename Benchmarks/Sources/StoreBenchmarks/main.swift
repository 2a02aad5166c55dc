// The planner's snapshot with a long history: a 5,000-room hotel, every room
// occupied with two wake-ups and a DND window, plus `history` stays that checked out in the past
// (400 days at 500 check-outs a day is 200,000), each with a wake-up and a DND window. Times
// `Store.snapshot()` (every row, as before) against `Store.snapshot(at: now)` (current and future
// stays only, as the services read it now).
//
// Run: swift run -c release --package-path Benchmarks store-benchmarks [history…]
import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
import ReveilleStore

let zone = TimeZone(identifier: "Asia/Shanghai")!
let calendar = HotelCalendar(timeZone: zone)
let now = calendar.instant(PBXDateTime("2026-11-30 04:00:00")!)
let rooms = 5000

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = start.duration(to: .now)
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// A hotel with `history` past stays, written by SQL in one transaction (as years of the service would).
func makeStore(history: Int) throws -> (Store, String) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString).sqlite").path
    let store = try Store(path: path)
    let roomList = (0..<rooms).map { Room(number: String(10000 + $0), phone: String(80000 + $0), floor: $0 / 100) }
    try store.save(rooms: roomList, actor: "bench", at: now)
    let encoder = JSONEncoder()
    let today = calendar.date(of: now)
    let once = String(decoding: try encoder.encode(Recurrence.once(today)), as: UTF8.self)
    let options = String(decoding: try encoder.encode(WakeUpOptions()), as: UTF8.self)
    try store.database.write { db in
        var id: Int64 = 0
        func stay(_ room: String, arrival: Date, departure: Date, status: String) throws -> Int64 {
            id += 1
            try db.execute(
                sql: "INSERT INTO stay (id, room, guestName, arrival, departure, status) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, room, "客人 \(id)", arrival, departure, status])
            try db.execute(
                sql: "INSERT INTO wakeUpPolicy (room, stayID, time, recurrence, options) VALUES (?, ?, ?, ?, ?)",
                arguments: [room, id, "06:30", once, options])
            try db.execute(
                sql: "INSERT INTO dndWindow (room, stayID, start, \"end\") VALUES (?, ?, ?, ?)",
                arguments: [room, id, arrival, arrival + 3600])
            return id
        }
        for index in 0..<history {
            let departure = now - Double(8 + index % 392) * 86_400
            _ = try stay(roomList[index % rooms].number, arrival: departure - 2 * 86_400, departure: departure, status: "checkedOut")
        }
        for room in roomList {
            let current = try stay(room.number, arrival: now - 86_400, departure: now + 2 * 86_400, status: "inHouse")
            try db.execute(
                sql: "INSERT INTO wakeUpPolicy (room, stayID, time, recurrence, options) VALUES (?, ?, ?, ?, ?)",
                arguments: [room.number, current, "07:15", once, options])
        }
    }
    return (store, path)
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
say("snapshot of a \(rooms)-room hotel (all occupied, 2 wake-ups and a DND window each) with past stays; best of 5, ms")
say("past stays | rows read: all / current | snapshot() all rows | snapshot(at: now) | plan all rooms after snapshot(at:)")
for history in sizes.isEmpty ? [0, 50_000, 200_000] : sizes {
    let (store, path) = try makeStore(history: history)
    var all = Double.infinity
    var current = Double.infinity
    var plan = Double.infinity
    var counts = (0, 0)
    for _ in 0..<5 {
        all = min(all, try milliseconds { counts.0 = try store.snapshot().stays.count })
        current = min(current, try milliseconds { counts.1 = try store.snapshot(at: now).stays.count })
        let snapshot = try store.snapshot(at: now)
        plan = min(plan, milliseconds { _ = Planner(settings: HotelSettings(timeZone: zone)).desired(snapshot, now: now) })
    }
    say(String(format: "%10d | %7d / %7d | %20.1f | %17.1f | %.1f", history, counts.0, counts.1, all, current, plan))
    try? FileManager.default.removeItem(atPath: path)
}
