import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// What the PBX's AlarmClock list should hold at a fixed `now` (PROTOCOL.md §4.4; planner decisions
/// in `Planner`'s documentation).
struct WakeUpPlanningTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var now: String
        var expected: String
        var testDescription: String { name }
    }

    /// Room 1208: a one-off at 06:30 on 11-25 (attempts 3, every 5 min) and daily 07:15 for 2 days from 11-25.
    static func hotelWithRoomPolicies() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", stayID: 1, time: time("06:30"), recurrence: .once(day("2026-11-25"))))
        hotel.snapshot.upsert(WakeUpPolicy(id: 2, room: "1208", stayID: 1, time: time("07:15"),
                                           recurrence: .daily(from: day("2026-11-25"), days: 2), options: .init(attempts: 1)))
        return hotel
    }

    @Test(arguments: [
        Case(name: "more than a day ahead: not on the PBX yet", now: "2026-11-24 06:20", expected: ""),
        Case(name: "inside the coming day: both", now: "2026-11-24 20:00",
             expected: "06:30**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*1&"),
        Case(name: "ringing: kept until its last attempt is over", now: "2026-11-25 06:40",
             expected: "06:30**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*1&"),
        Case(name: "one-off over: only the daily one, now for tomorrow", now: "2026-11-25 07:30",
             expected: "07:15**5*1*fpm-world-mix.gsm*1&"),
        Case(name: "daily for 2 days: gone after the second", now: "2026-11-26 07:30", expected: ""),
    ])
    func roomPoliciesFollowTheComingDay(_ test: Case) {
        #expect(Self.hotelWithRoomPolicies().alarms("1208", now: test.now) == test.expected)
    }

    @Test func roomAndGroupEntriesMergeSortedByRingTime() {
        var hotel = Self.hotelWithRoomPolicies()
        hotel.checkIn(2, room: "1201", group: "ABC")
        hotel.snapshot.upsert(GroupWakeUp(id: 9, name: "ABC", members: .rooms(["1208", "1201"]), time: time("06:00"),
                                          recurrence: .once(day("2026-11-25"))))
        let desired = hotel.desired("1208", now: "2026-11-24 20:00")
        #expect(desired.wakeUps.map(\.entry.start.description) == ["06:00", "06:30", "07:15"])
        #expect(desired.wakeUps.map(\.source) == [.group(9), .room(policy: 1), .room(policy: 2)])
        #expect(hotel.alarms("1201", now: "2026-11-24 20:00") == "06:00**5*1*fpm-world-mix.gsm*3&")
    }

    @Test func bookingGroupCodeFindsTheGuestsWhereverTheySleep() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201", group: "TOUR7")
        hotel.checkIn(2, room: "1301", group: "TOUR7")
        hotel.checkIn(3, room: "1202", group: "OTHER")
        hotel.snapshot.upsert(GroupWakeUp(id: 1, name: "Tour 7", members: .bookingGroup("TOUR7"), time: time("05:45"),
                                          recurrence: .once(day("2026-11-25"))))
        #expect(hotel.alarms("1201", now: "2026-11-24 21:00") == "05:45**5*1*fpm-world-mix.gsm*3&")
        #expect(hotel.alarms("1301", now: "2026-11-24 21:00") == "05:45**5*1*fpm-world-mix.gsm*3&")
        #expect(hotel.alarms("1202", now: "2026-11-24 21:00") == "")
    }

    @Test func sameStartRoomPolicyWinsOverGroup() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", group: "ABC")
        hotel.snapshot.upsert(GroupWakeUp(id: 1, name: "ABC", members: .bookingGroup("ABC"), time: time("06:30"),
                                          recurrence: .once(day("2026-11-25")), options: .init(attempts: 1)))
        hotel.snapshot.upsert(WakeUpPolicy(id: 5, room: "1208", time: time("06:30"), recurrence: .once(day("2026-11-25")),
                                           options: .init(attempts: 5)))
        let desired = hotel.desired("1208", now: "2026-11-24 20:00")
        #expect(desired.wakeUps.count == 1)
        #expect(desired.wakeUps.first?.source == .room(policy: 5))
        #expect(desired.wakeUps.first?.entry.attempts == 5)
    }

    @Test func sameStartOlderRoomPolicyWins() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(WakeUpPolicy(id: 8, room: "1208", time: time("06:30"), recurrence: .once(day("2026-11-25")), options: .init(attempts: 8)))
        hotel.snapshot.upsert(WakeUpPolicy(id: 3, room: "1208", time: time("06:30"), recurrence: .once(day("2026-11-25")), options: .init(attempts: 2)))
        #expect(hotel.desired("1208", now: "2026-11-24 20:00").wakeUps.map(\.source) == [.room(policy: 3)])
    }

    @Test func wakeUpAfterDepartureIsNeverSent() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", to: "2026-11-25 06:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:30"), recurrence: .daily(from: day("2026-11-24"), days: 5)))
        hotel.snapshot.upsert(WakeUpPolicy(id: 2, room: "1208", time: time("05:30"), recurrence: .daily(from: day("2026-11-24"), days: 5)))
        #expect(hotel.alarms("1208", now: "2026-11-24 20:00") == "05:30**5*1*fpm-world-mix.gsm*3&")
    }

    @Test func policyOfAnEarlierStayDoesNotRingForTheNextGuest() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", to: "2026-11-24 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", stayID: 1, time: time("06:30"), recurrence: .daily(from: day("2026-11-23"), days: 5)))
        hotel.checkIn(2, room: "1208", guest: "李娜", from: "2026-11-24 14:00")
        #expect(hotel.alarms("1208", now: "2026-11-24 20:00") == "")
    }

    @Test func checkOutClearsWakeUpsDNDNameAndCallClass() {
        var hotel = Self.hotelWithRoomPolicies()
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-24 13:00"), end: hotel.at("2026-11-24 23:00")))
        var stay = hotel.snapshot.stays[1]!
        #expect(hotel.desired("1208", now: "2026-11-24 20:00").name == "张伟")
        stay.status = .checkedOut
        hotel.snapshot.upsert(stay)
        let desired = hotel.desired("1208", now: "2026-11-24 20:00")
        #expect(desired.wakeUps.isEmpty)
        #expect(desired.dnd == .off)
        #expect(desired.name == "1208")
        #expect(desired.callClass == hotel.settings.vacantCallClass)
    }

    @Test(arguments: [
        ("2026-11-23 05:00", "06:30**5*1*fpm-world-mix.gsm*3&"),  // Monday early morning → Monday 06:30
        ("2026-11-23 20:00", ""),                                 // Monday evening: Tuesday is not chosen
        ("2026-11-24 20:00", "06:30**5*1*fpm-world-mix.gsm*3&"),  // Tuesday evening → Wednesday 06:30
        ("2026-11-25 07:00", ""),                                 // Wednesday after it rang: Thursday is not chosen
        ("2026-11-29 08:00", "06:30**5*1*fpm-world-mix.gsm*3&"),  // Sunday → Monday
        ("2026-12-01 20:00", ""),                                 // until 12-01 inclusive: Wednesday 12-02 is past it
    ])
    func weekdayRecurrenceRingsOnTheChosenDaysOnly(now: String, expected: String) {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", from: "2026-11-22 12:00", to: "2026-12-10 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:30"),
                                           recurrence: .weekdays([.monday, .wednesday], from: day("2026-11-23"), until: day("2026-12-01"))))
        #expect(hotel.alarms("1208", now: now) == expected)
    }

    @Test func weekdaysUntilCheckOutStopAtDeparture() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", to: "2026-11-25 06:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:30"),
                                           recurrence: .weekdays(Set(Weekday.allCases), from: day("2026-11-23"), until: nil)))
        #expect(hotel.alarms("1208", now: "2026-11-24 20:00") == "")
    }

    // MARK: Daylight saving, Europe/Berlin (decision documented on `Planner` and `HotelCalendar`)

    @Test func springGapWakeUpIsSentAsThreeOClock() {
        var hotel = Hotel(zone: "Europe/Berlin")
        hotel.checkIn(1, room: "1208", from: "2026-03-27 15:00", to: "2026-03-31 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("02:30"), recurrence: .once(day("2026-03-29"))))
        let desired = hotel.desired("1208", now: "2026-03-28 22:00")
        #expect(desired.wakeUps.map(\.entry.start) == [time("03:00")])
        // 03:00 CEST is 01:00 UTC.
        #expect(desired.wakeUps.first?.at == Date(timeIntervalSince1970: 1_774_746_000))
    }

    @Test func springGapDailyWakeUpReturnsToItsTimeTheNextDay() {
        var hotel = Hotel(zone: "Europe/Berlin")
        hotel.checkIn(1, room: "1208", from: "2026-03-27 15:00", to: "2026-03-31 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("02:30"), recurrence: .daily(from: day("2026-03-28"), days: 3)))
        #expect(hotel.alarms("1208", now: "2026-03-28 12:00") == "03:00**5*1*fpm-world-mix.gsm*3&")
        #expect(hotel.alarms("1208", now: "2026-03-29 12:00") == "02:30**5*1*fpm-world-mix.gsm*3&")
    }

    @Test func autumnFoldDailyWakeUpRingsOnceNotTwice() {
        var hotel = Hotel(zone: "Europe/Berlin")
        hotel.checkIn(1, room: "1208", from: "2026-10-23 15:00", to: "2026-10-28 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("02:30"), recurrence: .daily(from: day("2026-10-24"), days: 4)))
        // 2026-10-25: 02:30 CEST is 00:30 UTC, then clocks go back at 01:00 UTC and 02:30 CET is 01:30 UTC.
        let planner = hotel.planner
        func value(utc seconds: TimeInterval) -> String {
            try! AlarmClock.compile(planner.desired(room: "1208", in: hotel.snapshot, now: Date(timeIntervalSince1970: seconds))!.alarmEntries)
        }
        let firstRing: TimeInterval = 1_792_888_200  // 2026-10-25 00:30 UTC
        #expect(value(utc: firstRing - 3600) == "02:30**5*1*fpm-world-mix.gsm*3&")  // before the first 02:30
        #expect(value(utc: firstRing + 20 * 60) == "")                            // between the two 02:30s: off the PBX
        #expect(value(utc: firstRing + 3600) == "")                               // the repeated 02:30 CET: not on the PBX
        #expect(value(utc: firstRing + 3600 + 10 * 60) == "02:30**5*1*fpm-world-mix.gsm*3&")  // then back for the 26th
    }

    @Test func autumnFoldOneOffRingsAtTheFirstOccurrence() {
        var hotel = Hotel(zone: "Europe/Berlin")
        hotel.checkIn(1, room: "1208", from: "2026-10-23 15:00", to: "2026-10-28 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("02:30"), recurrence: .once(day("2026-10-25"))))
        let desired = hotel.desired("1208", now: "2026-10-24 22:00")
        #expect(desired.wakeUps.first?.at == Date(timeIntervalSince1970: 1_792_888_200))
    }
}
