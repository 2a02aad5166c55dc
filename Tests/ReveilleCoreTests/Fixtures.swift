import Foundation
import PBXProtocol
import ReveilleCore

/// A small hotel in a given time zone, with helpers to write instants as wall-clock text.
struct Hotel {
    var settings: HotelSettings
    var snapshot = HotelSnapshot()
    let calendar: HotelCalendar

    init(zone: String = "Asia/Shanghai") {
        settings = HotelSettings(timeZone: TimeZone(identifier: zone)!)
        calendar = HotelCalendar(timeZone: settings.timeZone)
        for (number, floor, tags) in [("1201", 12, ["quiet"]), ("1202", 12, []), ("1208", 12, ["suite"]), ("1301", 13, [])] {
            snapshot.upsert(Room(number: number, phone: "8" + number.dropFirst(), floor: floor, tags: Set(tags)))
        }
    }

    var planner: Planner { Planner(settings: settings) }

    /// The instant of a wall-clock reading `yyyy-MM-dd HH:mm` in the hotel's zone.
    func at(_ text: String) -> Date {
        calendar.instant(PBXDateTime(text + ":00")!)
    }

    @discardableResult
    mutating func checkIn(_ id: Int64, room: String, guest: String = "张伟", from: String = "2026-11-23 15:00",
                          to: String = "2026-11-27 12:00", group: String? = nil) -> Stay {
        let stay = Stay(id: id, room: room, guestName: guest, arrival: at(from), departure: at(to), groupCode: group)
        snapshot.upsert(stay)
        return stay
    }

    func desired(_ room: String, now: String) -> DesiredExtension {
        planner.desired(room: room, in: snapshot, now: at(now))!
    }

    /// The AlarmClock value the planner wants for `room` at `now`.
    func alarms(_ room: String, now: String) -> String {
        try! AlarmClock.compile(desired(room, now: now).alarmEntries)
    }
}

func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }
func day(_ text: String) -> LocalDate { LocalDate(text)! }
