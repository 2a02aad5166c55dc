import PBXProtocol

/// A calendar date in the hotel's time zone, written `yyyy-MM-dd`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or `nil` when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard PBXDateTime(year: year, month: month, day: day, hour: 0, minute: 0) != nil else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `yyyy-MM-dd`.
    public init?(_ text: String) {
        guard let parsed = PBXDateTime(text + " 00:00:00") else { return nil }
        self.init(year: parsed.year, month: parsed.month, day: parsed.day)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        Int(PBXDateTime(year: year, month: month, day: day, hour: 0, minute: 0)!.wallClockSeconds / 86_400)
    }

    /// The date `dayNumber` days after 1970-01-01, clamped to years 1…9999.
    public init(dayNumber: Int) {
        let days = Int64(clamping: dayNumber)
        let midnight = PBXDateTime(wallClockSeconds: days.multipliedReportingOverflow(by: 86_400).overflow
            ? (days < 0 ? PBXDateTime.earliestWallClockSeconds : PBXDateTime.latestWallClockSeconds) : days * 86_400)
        self.init(year: midnight.year, month: midnight.month, day: midnight.day)!
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber.addingReportingOverflow(days).partialValue) }

    /// ISO weekday: Monday 1 … Sunday 7.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (4).
        let index = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    public var description: String {
        PBXDateTime.dateText(year: year, month: month, day: day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a date yyyy-MM-dd")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A day of the week, ISO numbering (Monday 1 … Sunday 7).
public enum Weekday: Int, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
