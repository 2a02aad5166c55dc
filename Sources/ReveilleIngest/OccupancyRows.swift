import Foundation
import PBXProtocol
import ReveilleCore

/// Turns the rows of an export into in-house records, reporting each bad row.
public struct OccupancyRows: Sendable {
    public let mapping: OccupancyMapping
    public let calendar: HotelCalendar
    public let knownRooms: Set<String>
    /// The language codes `wakeup.prompts` has a prompt for: a guest of any other language is
    /// reported in ``Result/warnings`` (the default prompt plays).
    public let promptLanguages: Set<String>
    /// The most in-house stays one room may hold (a shared room); the rows beyond, latest arrivals
    /// first, are bad rows.
    public let guestsPerRoom: Int

    public init(
        mapping: OccupancyMapping, calendar: HotelCalendar, knownRooms: Set<String>, promptLanguages: Set<String> = [],
        guestsPerRoom: Int = InputBounds.guestsPerRoom
    ) {
        self.mapping = mapping
        self.calendar = calendar
        self.knownRooms = knownRooms
        self.promptLanguages = promptLanguages
        self.guestsPerRoom = guestsPerRoom
    }

    public struct Result: Sendable {
        public var records: [OccupancyRecord] = []
        public var problems: [RowProblem] = []
        /// Rows used with a remark: a language that is unknown or has no prompt (the default plays).
        public var warnings: [RowProblem] = []
        /// Whether the export has a language column (without one, stays keep the language they have).
        public var hasLanguage = false
        /// Rooms named by a bad row: not checked out by this export.
        public var protectedRooms: Set<String> = []
    }

    /// The in-house records of `table`, and the rows that could not be used. Values are checked
    /// against ``InputBounds`` as of `now` (``OccupancyRecord/checkBounds(now:)``). Rows that give
    /// the same stay key twice are all left out and reported with their lines: which of them is
    /// right cannot be told, so that room keeps its previous state.
    public func read(_ table: CSVTable, file: String, now: Date) throws(OccupancyImportError) -> Result {
        let columns = try mapping.columns(in: table.header)
        let inHouse = Set(mapping.inHouseStatuses.map { $0.lowercased() })
        let departed = Set(mapping.departedStatuses.map { $0.lowercased() })
        var result = Result()
        result.hasLanguage = columns.language != nil
        func report(line: Int, room: String?, _ reason: String) {
            result.problems.append(RowProblem(file: file, line: line, room: room, reason: reason))
            if let room, knownRooms.contains(room) { result.protectedRooms.insert(room) }
        }
        /// The line of each record.
        var lines: [Int] = []
        for row in table.rows {
            func field(_ index: Int?) -> String? {
                guard let index, index < row.fields.count else { return nil }
                let value = row.fields[index].trimmedSpaces
                return value.isEmpty ? nil : value
            }
            let room = field(columns.room)
            func problem(_ reason: String) { report(line: row.line, room: room, reason) }
            if row.fields.allSatisfy({ $0.trimmedSpaces.isEmpty }) { continue }
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
            let record = OccupancyRecord(
                booking: field(columns.booking), room: room, guest: guest, arrival: arrival, departure: departure,
                group: field(columns.group), language: field(columns.language).flatMap(GuestLanguage.code))
            do {
                try record.checkBounds(now: now)
            } catch {
                problem(error.description)
                continue
            }
            if let warning = languageWarning(field(columns.language), code: record.language) {
                result.warnings.append(RowProblem(file: file, line: row.line, room: room, reason: warning))
            }
            result.records.append(record)
            lines.append(row.line)
        }
        // The same stay twice: none of its rows is used.
        var unused = Set<Int>()
        let linesByKey = Dictionary(grouping: result.records.indices, by: { result.records[$0].key }).filter { $0.value.count > 1 }
        for indices in linesByKey.values {
            let record = result.records[indices[0]]
            let identity = record.booking.map { "booking \($0) in room \(record.room)" }
                ?? "room \(record.room) with arrival \(calendar.wallClock(record.arrival))"
            let all = indices.map { String(lines[$0]) }.joined(separator: ", ")
            for index in indices {
                report(line: lines[index], room: record.room,
                        "\(identity) is on lines \(all): the same stay twice, none of them used (the room keeps its state)")
            }
            unused.formUnion(indices)
        }
        // More guests in one room than it may hold (a shared room): the earliest arrivals are used,
        // the rows beyond the bound are bad rows (and nobody in that room is checked out by them).
        let byRoom = Dictionary(grouping: result.records.indices.filter { !unused.contains($0) }, by: { result.records[$0].room })
        for (room, indices) in byRoom where indices.count > guestsPerRoom {
            let ordered = indices.sorted { (result.records[$0].arrival, lines[$0]) < (result.records[$1].arrival, lines[$1]) }
            for index in ordered.dropFirst(guestsPerRoom) {
                report(line: lines[index], room: room,
                       "room \(room) has \(indices.count) guests in this export: at most \(guestsPerRoom) per room (ingest.guestsPerRoom)")
                unused.insert(index)
            }
        }
        guard !unused.isEmpty else { return result }
        result.records = result.records.indices.filter { !unused.contains($0) }.map { result.records[$0] }
        result.problems.sort { $0.line < $1.line }
        return result
    }

    /// Why the default prompt plays for a guest whose language column says `text` (read as
    /// `code`), or `nil` when the language's own prompt plays or none is given.
    func languageWarning(_ text: String?, code: String?) -> String? {
        guard let text else { return nil }
        guard let code else {
            return "language \"\(InputBounds.excerpt(text, scalars: InputBounds.codeLength))\" is not a known language "
                + "(\(GuestLanguage.codes.joined(separator: ", ")) or their names): the default prompt plays"
        }
        guard promptLanguages.contains(code) else {
            return "language \(code) has no prompt in wakeup.prompts: the default prompt plays"
        }
        return nil
    }

    /// Reads `yyyy-MM-dd HH:mm[:ss]` with `-`, `/` or `.` between date parts and a space or `T`
    /// before the time; a date alone takes `defaultTime`. Wall-clock time in the hotel's zone.
    public func date(_ text: String, defaultTime: String) -> Date? {
        // Runs of ASCII digits; anything else separates them.
        var parts: [Int] = []
        parts.reserveCapacity(6)
        var current: Int?
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                current = (current ?? 0) &* 10 &+ Int(byte - UInt8(ascii: "0"))
                if current! > 99_999 { return nil }
            } else if let value = current {
                parts.append(value)
                current = nil
            }
        }
        if let current { parts.append(current) }
        guard [3, 5, 6].contains(parts.count) else { return nil }
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
        let (year, month, day) =
            switch mapping.dateOrder {
            case .ymd: (parts[0], parts[1], parts[2])
            case .dmy: (parts[2], parts[1], parts[0])
            case .mdy: (parts[2], parts[0], parts[1])
            }
        guard year >= 1000, let wall = PBXDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return calendar.instant(wall)
    }
}
