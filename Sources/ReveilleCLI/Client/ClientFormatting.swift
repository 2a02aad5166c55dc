import ArgumentParser
import Foundation
import ReveilleAPIContract

/// Small text pieces shared by the client commands' output. Pure functions.
enum ClientText {
    /// `2026-11-25T07:30` → `2026-11-25 07:30` (the API's date-time, easier to read).
    static func dateTime(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return text.replacingOccurrences(of: "T", with: " ")
    }

    /// `2026-11-24T22:00`…`2026-11-25T07:00` → `11-24 22:00 – 11-25 07:00` (no year: windows are short).
    static func span(_ start: String?, _ end: String?) -> String {
        func short(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "?" }
            let readable = dateTime(text)
            // Drop `yyyy-` when the text starts with a year.
            if readable.count >= 16, readable.prefix(4).allSatisfy(\.isNumber), readable.dropFirst(4).first == "-" {
                return String(readable.dropFirst(5))
            }
            return readable
        }
        return "\(short(start)) – \(short(end))"
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The days a wake-up rings, in words: `once on 2026-11-25`, `daily for 2 days from 2026-11-25`,
    /// `Mon, Wed, Fri from 2026-11-25 until check-out`.
    static func recurrence(_ recurrence: API.Recurrence) -> String {
        switch recurrence.type {
        case "once":
            return recurrence.date.map { "once on \($0)" } ?? "once"
        case "daily":
            let days = recurrence.days ?? 1
            let count = days == 1 ? "1 day" : "\(days) days"
            return "daily for \(count)" + (recurrence.from.map { " from \($0)" } ?? "")
        case "weekdays":
            let names = (recurrence.weekdays ?? []).compactMap { (1...7).contains($0) ? weekdayNames[$0 - 1] : nil }
            return names.joined(separator: ", ") + (recurrence.from.map { " from \($0)" } ?? "")
                + " until " + (recurrence.until ?? "check-out")
        default:
            return recurrence.type
        }
    }

    /// Room numbers with consecutive runs shortened: `1201-1240, 1305`.
    static func roomRanges(_ rooms: [String]) -> String {
        var parts: [String] = []
        var runStart: String?
        var runEnd: String?
        func close() {
            guard let start = runStart, let end = runEnd else { return }
            parts.append(start == end ? start : "\(start)-\(end)")
        }
        for room in rooms {
            if let end = runEnd, let last = Int(end), let number = Int(room), number == last + 1, room.count == end.count {
                runEnd = room
            } else {
                close()
                runStart = room
                runEnd = room
            }
        }
        close()
        return parts.joined(separator: ", ")
    }

    /// `1 room`, `40 rooms`.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// The first `limit` items joined by commas, then `and N more`.
    /// The warning for rings inside a DND window: `rings` as shown; `endsAtWakeUp`
    /// from the reply says what happens to them (PROTOCOL.md §4.3 Decision).
    static func insideDND(_ rings: [String], endsAtWakeUp: Bool?) -> String? {
        guard !rings.isEmpty else { return nil }
        let what = rings.count == 1 ? "This wake-up rings" : "\(rings.count) wake-ups ring"
        let effect = endsAtWakeUp == false
            ? "the phone may not ring during DND (hotel.dndEndsAtWakeUp is false)"
            : "the DND sent to the PBX ends at the first of them, so the phone rings"
        return "Warning: \(what) inside Do-Not-Disturb: \(list(rings)) — \(effect)."
    }

    /// `room date time` of each conflict in a reply.
    static func conflicts(_ items: [API.DNDConflict]?) -> [String] {
        (items ?? []).map { "\($0.room) \(dateTime($0.at))" }
    }

    static func list(_ items: [String], limit: Int = 10) -> String {
        guard items.count > limit else { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}

/// ISO weekdays from the command line: `mon,wed,fri`, `1,3,5`, `mon-fri`, full names; any case.
enum WeekdayList {
    private static let names: [String: Int] = {
        var names: [String: Int] = [:]
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for (index, name) in full.enumerated() {
            names[name] = index + 1
            names[String(name.prefix(3))] = index + 1
            names["\(index + 1)"] = index + 1
        }
        names["tues"] = 2
        names["thur"] = 4
        names["thurs"] = 4
        return names
    }()

    /// Sorted, without duplicates (Monday 1 … Sunday 7).
    static func parse(_ text: String) throws -> [Int] {
        var days = Set<Int>()
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !item.isEmpty {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if bounds.count == 2, let low = names[bounds[0]], let high = names[bounds[1]] {
                guard low <= high else { throw ValidationError("--weekdays: \"\(item)\" runs backwards; write e.g. mon-fri") }
                days.formUnion(low...high)
            } else if let day = names[item] {
                days.insert(day)
            } else {
                throw ValidationError("--weekdays: \"\(item)\" is not a weekday (mon … sun or 1 … 7)")
            }
        }
        guard !days.isEmpty else { throw ValidationError("--weekdays: name at least one day, e.g. mon,wed,fri") }
        return days.sorted()
    }
}

/// Comma-separated values given once or repeated: `--rooms 1201-1240,1305 --rooms 1410`.
enum ListOption {
    static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func integers(_ values: [String], option: String) throws -> [Int] {
        try items(values).map { item in
            guard let number = Int(item) else { throw ValidationError("\(option): \"\(item)\" is not a number") }
            return number
        }
    }
}
