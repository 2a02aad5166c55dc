import Foundation
import GRDB

/// A `Date` as GRDB stores it: UTC text `yyyy-MM-dd HH:mm:ss.SSS`.
///
/// GRDB reads that text back through `Calendar.date(from:)`, which was a tenth of every
/// whole-hotel read (two dates per stay and per acknowledged extension: 18,000 at 5,000 rooms).
/// ``parse(_:)`` reads the one layout GRDB writes by arithmetic, for the years 1970–9999 where
/// the Gregorian calendar has no gaps to follow; every other stored form (another layout, a
/// number, an older year) is left to GRDB, so nothing that reads today reads differently.
enum StoredDate {
    /// The instant `text` names when it has GRDB's storage layout exactly, `nil` otherwise.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20, bytes[13] == 0x3A,
                bytes[16] == 0x3A, bytes[19] == 0x2E
            else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for index in from..<(from + count) {
                    let digit = Int(bytes[index]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                year >= 1970, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                hour < 24, minute < 60, second < 60
            else { return nil }
            let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
            // Summed from 2001 as `Calendar` sums it: from 1970 the last bit differed in 2 % of instants.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1000)
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Row {
    /// The `Date` at `index`, read as ``StoredDate`` when it has GRDB's layout and by GRDB
    /// otherwise (which throws as `decode` does).
    func storedDate(atIndex index: Int) throws -> Date {
        // `NULL` throws, as `decode` does.
        try storedDateIfPresent(atIndex: index) ?? decode(Date.self, atIndex: index)
    }

    /// The `Date` or `NULL` at `index`, read as ``storedDate(atIndex:)``.
    func storedDateIfPresent(atIndex index: Int) throws -> Date? {
        if case .string(let text) = (self[index] as DatabaseValue).storage, let date = StoredDate.parse(text) { return date }
        return try decode(Date?.self, atIndex: index)
    }
}
