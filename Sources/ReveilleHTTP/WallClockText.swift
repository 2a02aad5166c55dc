import Foundation
import PBXProtocol
import ReveilleCore

/// The API's date and time text: the hotel's wall clock, `yyyy-MM-ddTHH:mm`, `yyyy-MM-dd`, `HH:mm`.
struct WallClockText: Sendable {
    let calendar: HotelCalendar

    /// `yyyy-MM-ddTHH:mm` of an instant.
    func text(_ date: Date) -> String {
        text(calendar.wallClock(date))
    }

    func text(_ clock: PBXDateTime) -> String {
        clock.text(dateTimeSeparator: "T")
    }

    /// `H:mm`, `HH:mm` or `HHmm` (``InputBounds/time(_:field:)``).
    func time(_ text: String, field: String) throws -> TimeOfDay {
        try InputBounds.time(text, field: field)
    }

    func day(_ text: String, field: String) throws -> LocalDate {
        guard let date = LocalDate(text) else {
            throw APIError.invalid(field, .notADate, ["value": String(text.prefix(40))], "\"\(text.prefix(40))\" is not a real date yyyy-MM-dd")
        }
        return date
    }

    /// `yyyy-MM-ddTHH:mm[:ss]` (or with a space), or a time (`H:mm`, `HH:mm`, `HHmm`) meaning its
    /// next occurrence after `now`.
    func instant(_ text: String, field: String, now: Date) throws -> Date {
        if let time = try? InputBounds.time(text, field: field) {
            let today = calendar.date(of: now)
            let candidate = calendar.instant(today, time)
            return candidate > now ? candidate : calendar.instant(today.adding(days: 1), time)
        }
        var normalized = text.replacingOccurrences(of: "T", with: " ")
        if normalized.count == 16 { normalized += ":00" }
        guard let clock = PBXDateTime(normalized) else {
            throw APIError.invalid(
                field, .notADateTime, ["value": String(text.prefix(40))],
                "\"\(text.prefix(40))\" is not a date-time yyyy-MM-ddTHH:mm or a time HH:mm")
        }
        return calendar.instant(clock)
    }

    /// The days a wake-up rings, from the request's fields (see docs/API.md).
    func recurrence(time: TimeOfDay, date: String?, days: Int?, weekdays: [Int]?, until: String?, now: Date) throws -> Recurrence {
        // Fields that cannot go together are refused, never silently ignored.
        if days != nil, weekdays != nil { throw APIError.invalid("days", .conflictingFields, ["other": "weekdays"], "cannot be combined with weekdays (choose one)") }
        if until != nil, weekdays == nil { throw APIError.invalid(
                "until", .needsOtherField, ["needs": "weekdays"], "is only for weekdays; use days for a daily wake-up") }
        let today = calendar.date(of: now)
        let start = try date.map { try day($0, field: "date") }
        let first = start ?? (calendar.instant(today, time) > now ? today : today.adding(days: 1))
        if let weekdays {
            let set = try Set(weekdays.map { number -> Weekday in
                guard let day = Weekday(rawValue: number) else {
                    throw APIError.invalid("weekdays", .notAWeekday, ["value": "\(number)"], "\(number) is not 1 (Monday) to 7 (Sunday)")
                }
                return day
            })
            return .weekdays(set, from: start ?? today, until: try until.map { try day($0, field: "until") })
        }
        if let days { return .daily(from: first, days: days) }
        return .once(first)
    }
}
