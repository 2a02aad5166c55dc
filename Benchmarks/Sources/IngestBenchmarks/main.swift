// A 5,000-row occupancy export (UTF-8, Chinese header and names): read, mapped, diffed against the
// previous export and planned. Writes the file to /tmp/reveille-5000.csv for the Python comparison.
import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleIngest

let rows = 5000
let zone = TimeZone(identifier: "Asia/Shanghai")!
let settings = HotelSettings(timeZone: zone)
let calendar = HotelCalendar(timeZone: zone)
let now = calendar.instant(PBXDateTime("2026-11-24 20:00:00")!)
let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄"]

func export(changed: Int) -> Data {
    var text = "房号,姓名,到店时间,离店时间,团队,预订号\r\n"
    for index in 0..<rows {
        let departure = index < changed ? "2026-11-28 12:00" : "2026-11-27 12:00"
        let group = index % 10 == 0 ? "\"TOUR \(index / 100)\"" : ""
        text += "\(10000 + index),\(surnames[index % 8])客人\(index),2026-11-24 14:00,\(departure),\(group),R\(index)\r\n"
    }
    return Data(text.utf8)
}

let previousData = export(changed: 0)
let currentData = export(changed: 50)  // 50 stays extended
try currentData.write(to: URL(fileURLWithPath: "/tmp/reveille-5000.csv"))

var snapshot = HotelSnapshot()
for index in 0..<rows {
    snapshot.upsert(Room(number: String(10000 + index), phone: String(80000 + index), floor: index / 100))
}
let mapping = OccupancyMapping()
let reader = OccupancyRows(mapping: mapping, calendar: calendar, knownRooms: Set(snapshot.rooms.keys))
let previous = try reader.read(CSVReader.read(previousData), file: "previous.csv", now: now).records
for (index, record) in previous.enumerated() {
    snapshot.upsert(Stay(id: Int64(index + 1), room: record.room, guestName: record.guest, arrival: record.arrival,
                         departure: record.departure, groupCode: record.group))
    snapshot.upsert(WakeUpPolicy(id: Int64(index + 1), room: record.room, time: TimeOfDay(hour: 6, minute: index % 60)!,
                                 recurrence: .daily(from: LocalDate("2026-11-25")!, days: 3)))
}
let planner = Planner(settings: settings)

func milliseconds(_ body: () throws -> Void) throws -> Double {
    let clock = ContinuousClock()
    var thrown: (any Error)?
    let elapsed = clock.measure { do { try body() } catch { thrown = error } }
    if let thrown { throw thrown }
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

var read: [Double] = []
var total: [Double] = []
var eventCount = 0
var commandCount = 0
for _ in 0..<9 {
    var table: CSVTable!
    var records: [OccupancyRecord] = []
    read.append(try milliseconds {
        table = try CSVReader.read(currentData)
        records = try reader.read(table, file: "inhouse.csv", now: now).records
    })
    total.append(try milliseconds {
        let table = try CSVReader.read(currentData)
        let result = try reader.read(table, file: "inhouse.csv", now: now)
        let events = OccupancyDiff.events(previous: previous, current: result.records, protectedRooms: result.protectedRooms)
        var rooms = Set<String>()
        for event in events { rooms.formUnion(event.rooms) }
        let desired = planner.desired(rooms: rooms, in: snapshot, now: now)
        let commands = Reconciler.plan(desired: desired, acknowledged: [:], now: now)
        eventCount = events.count
        commandCount = commands.count
    })
    _ = records
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print("\(rows)-row export, \(currentData.count) bytes")
print(String(format: "read + map rows (CSVReader + OccupancyRows): median %.1f ms", median(read)))
print(String(format: "read + map + diff + plan the changed rooms: median %.1f ms (target ≤ 150 ms), %d events, %d commands",
             median(total), eventCount, commandCount))
