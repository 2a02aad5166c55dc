import Foundation
import PBXProtocol
import Testing

@testable import ReveilleCore

/// The wall clock is read by adding the zone's offset and doing calendar arithmetic, not through
/// `Calendar.dateComponents` (a tenth of building `/api/rooms`): it must read exactly what the
/// calendar reads, in every zone, around every daylight-saving change, with fractions of a second,
/// and across the centuries the bounds allow.
struct HotelCalendarTests {
    static let zones = [
        "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham",
        "America/St_Johns", "Pacific/Apia", "UTC",
    ]

    static func calendarReading(_ instant: Date, in zone: TimeZone) -> PBXDateTime? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return PBXDateTime(year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second!)
    }

    /// Every change of `zone`'s offset from `since` (seconds from 1970) to 2040.
    static func offsetChanges(in zone: TimeZone, since: TimeInterval) -> [Date] {
        var changes: [Date] = []
        var cursor = Date(timeIntervalSince1970: since)
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor), change.timeIntervalSince1970 < 2_208_988_800 {
            changes.append(change)
            cursor = change
        }
        return changes
    }

    /// `count` numbers in [0, 1) from a fixed generator: the same every run.
    static func spread(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test(arguments: zones)
    func theWallClockReadsWhatTheCalendarReads(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let hotel = HotelCalendar(timeZone: zone)
        var instants: [Date] = []
        // Either side of every offset change from 1970 to 2040, to the second and within it.
        for change in Self.offsetChanges(in: zone, since: 0) {
            for delta in [-3600.0, -1, -0.25, 0, 0.25, 1, 3600] { instants.append(change + delta) }
        }
        // Spread over years 2…9998, fractions included.
        for unit in Self.spread(2_000, seed: 0x2545_F491_4F6C_DD1D) {
            instants.append(Date(timeIntervalSince1970: -62_104_060_800 + unit * (253_370_678_400 + 62_104_060_800)))
        }
        for instant in instants {
            let expected = Self.calendarReading(instant, in: zone)
            #expect(hotel.wallClock(instant) == expected, "\(zoneName) at \(instant.timeIntervalSince1970)")
        }
    }

    @Test(arguments: zones)
    func anOccurrenceIsTheInstantTheCalendarFinds(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let hotel = HotelCalendar(timeZone: zone)
        var days: [LocalDate] = []
        // The day of every offset change from 2000 to 2040 and the day either side, where the
        // arithmetic must step aside (gaps, folds) …
        for change in Self.offsetChanges(in: zone, since: 946_684_800) {
            let day = hotel.date(of: change)
            days += [day.adding(days: -1), day, day.adding(days: 1)]
        }
        // … and days spread over 1583…9998.
        for unit in Self.spread(150, seed: 0x0DDB_1A5E_5BAD_5EED) {
            days.append(LocalDate(dayNumber: -141_714 + Int(unit * Double(2_932_530 + 141_714))))
        }
        for day in days {
            for minute in stride(from: 0, to: 1440, by: 40) {
                let shifted = minute + (minute / 40) % 7
                let time = TimeOfDay(hour: shifted / 60, minute: shifted % 60)!
                let expected = HotelCalendar(timeZone: zone).calendarOccurrence(day, time)
                let found = hotel.occurrence(day, time)
                #expect(found.instant == expected.instant && found.shown == expected.shown, "\(zoneName) \(day) \(time)")
            }
        }
    }

    @Test func datesAndTimesAreWrittenWithEveryDigit() {
        let early = PBXDateTime(year: 2, month: 3, day: 4, hour: 5, minute: 6, second: 7)!
        #expect(early.description == "0002-03-04 05:06:07")
        #expect(early.text(dateTimeSeparator: "T") == "0002-03-04T05:06")
        #expect(early.text(dateTimeSeparator: nil) == "0002-03-04")
        let late = PBXDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
        #expect(late.description == "9999-12-31 23:59:59")
        #expect(LocalDate(year: 2026, month: 11, day: 25)!.description == "2026-11-25")
    }
}
