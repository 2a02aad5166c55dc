import Foundation
import PBXProtocol
import ReveilleCore

/// Turns the rows of an export into in-house records, reporting each bad row.
struct OccupancyRows {
    let mapping: OccupancyMapping
    let calendar: HotelCalendar
    let knownRooms: Set<String>

    struct Result {
        var records: [OccupancyRecord] = []
        var problems: [RowProblem] = []
        /// Rooms named by a bad row: not checked out by this export.
        var protectedRooms: Set<String> = []
    }

    func read(_ table: CSVTable, file: String) throws(OccupancyImportError) -> Result {
        let columns = try mapping.columns(in: table.header)
        let inHouse = Set(mapping.inHouseStatuses.map { $0.lowercased() })
        let departed = Set(mapping.departedStatuses.map { $0.lowercased() })
        var result = Result()
        for row in table.rows {
            func field(_ index: Int?) -> String? {
                guard let index, index < row.fields.count else { return nil }
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            let room = field(columns.room)
            func problem(_ reason: String) {
                result.problems.append(RowProblem(file: file, line: row.line, room: room, reason: reason))
                if let room, knownRooms.contains(room) { result.protectedRooms.insert(room) }
            }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.fields.count == table.header.count else {
                problem("\(row.fields.count) fields where the header has \(table.header.count)")
                continue
            }
            guard let room else {
                problem("room is empty")
                continue
            }
            guard knownRooms.contains(room) else {
                problem("room \(room) is not in the rooms file")
                continue
            }
            if let status = field(columns.status)?.lowercased() {
                if departed.contains(status) { continue }
                guard inHouse.contains(status) else {
                    problem("status \"\(status)\" is neither in house (\(mapping.inHouseStatuses.joined(separator: ", "))) nor departed")
                    continue
                }
            }
            guard let guest = field(columns.guest) else {
                problem("guest name is empty")
                continue
            }
            guard guest.isSafeForPBXWire else {
                problem("guest name contains control characters (§1: they never reach the PBX)")
                continue
            }
            guard let arrivalText = field(columns.arrival), let arrival = date(arrivalText, defaultTime: mapping.arrivalTime) else {
                problem("arrival \"\(field(columns.arrival) ?? "")\" is not a real date-time")
                continue
            }
            guard let departureText = field(columns.departure),
                let departure = date(departureText, defaultTime: mapping.departureTime)
            else {
                problem("departure \"\(field(columns.departure) ?? "")\" is not a real date-time")
                continue
            }
            guard departure > arrival else {
                problem("departure \(departureText) is not after arrival \(arrivalText)")
                continue
            }
            result.records.append(OccupancyRecord(
                key: field(columns.booking), room: room, guest: guest, arrival: arrival, departure: departure,
                group: field(columns.group)))
        }
        return result
    }

    /// Reads `yyyy-MM-dd HH:mm[:ss]` with `-`, `/` or `.` between date parts and a space or `T`
    /// before the time; a date alone takes `defaultTime`. Wall-clock time in the hotel's zone.
    func date(_ text: String, defaultTime: String) -> Date? {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }), [3, 5, 6].contains(numbers.count) else { return nil }
        let parts = numbers.map { $0! }
        var hour = 0
        var minute = 0
        var second = 0
        if parts.count == 3 {
            guard let time = TimeOfDay(defaultTime) else { return nil }
            (hour, minute) = (time.hour, time.minute)
        } else {
            (hour, minute) = (parts[3], parts[4])
            if parts.count == 6 { second = parts[5] }
        }
        guard let wall = PBXDateTime(year: parts[0], month: parts[1], day: parts[2], hour: hour, minute: minute, second: second)
        else { return nil }
        return calendar.instant(wall)
    }
}
