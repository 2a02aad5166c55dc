/// A wall-clock date-time in the hotel's time zone, written `yyyy-MM-dd HH:mm:ss` (§4.3, §5.1).
///
/// The protocol carries no zone: the meaning comes from the configured hotel time zone.
public struct PBXDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// A date-time, or `nil` when the parts do not name a real calendar moment.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Parses exactly `yyyy-MM-dd HH:mm:ss`.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = Self.number(bytes, 0, 4), let month = Self.number(bytes, 5, 2),
            let day = Self.number(bytes, 8, 2), let hour = Self.number(bytes, 11, 2),
            let minute = Self.number(bytes, 14, 2), let second = Self.number(bytes, 17, 2)
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    public var description: String { text(dateTimeSeparator: " ", seconds: true) }

    /// `yyyy-MM-dd`, then `separator` and `HH:mm` (and `:ss` with `seconds`), or the date alone
    /// when `separator` is `nil`. Written digit by digit: the API writes thousands of these per
    /// `/api/rooms`, and string interpolation of padded numbers was a tenth of building it.
    public func text(dateTimeSeparator separator: Character?, seconds: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        Self.appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.appendDigits(day, width: 2, to: &bytes)
        if let separator, let ascii = separator.asciiValue {
            bytes.append(ascii)
            Self.appendDigits(hour, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            Self.appendDigits(minute, width: 2, to: &bytes)
            if seconds {
                bytes.append(UInt8(ascii: ":"))
                Self.appendDigits(second, width: 2, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `yyyy-MM-dd` of any parts (no check: a caller's date is already valid), without building a
    /// reading that could fail.
    public static func dateText(year: Int, month: Int, day: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` (0…9999 here) as `width` digits, zero-padded.
    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    public static func < (lhs: PBXDateTime, rhs: PBXDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var result = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension PBXDateTime {
    /// Seconds since 1970-01-01 00:00:00 of the same wall clock (no time zone: arithmetic on
    /// wall-clock readings, as the PBX does them).
    public var wallClockSeconds: Int64 {
        Int64(Self.daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The earliest reading (0001-01-01 00:00:00), in ``wallClockSeconds``.
    public static let earliestWallClockSeconds: Int64 = -62_135_596_800
    /// The latest reading (9999-12-31 23:59:59), in ``wallClockSeconds``.
    public static let latestWallClockSeconds: Int64 = 253_402_300_799

    /// The wall-clock reading `seconds` after 1970-01-01 00:00:00 (see ``wallClockSeconds``),
    /// clamped to years 1…9999: arithmetic on any stored or entered value never traps.
    public init(wallClockSeconds unclamped: Int64) {
        let seconds = min(max(unclamped, Self.earliestWallClockSeconds), Self.latestWallClockSeconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civilFromDays(Int(days))
        self.init(year: year, month: month, day: day, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)!
    }

    /// This reading moved by `seconds` (negative to go back).
    public func adding(seconds: Int64) -> PBXDateTime {
        PBXDateTime(wallClockSeconds: wallClockSeconds.addingReportingOverflow(seconds).partialValue)
    }

    /// The time of day, without seconds.
    public var timeOfDay: TimeOfDay { TimeOfDay(hour: hour, minute: minute)! }

    /// Midnight of the same day.
    public var startOfDay: PBXDateTime { PBXDateTime(year: year, month: month, day: day, hour: 0, minute: 0)! }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
