import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// The DND window the PBX should hold (§4.3; merge and clipping rules in `Planner`).
struct DNDPlanningTests {
    static func on(_ start: String, _ end: String) -> DNDSetting {
        .on(start: PBXDateTime(start + ":00")!, end: PBXDateTime(end + ":00")!)
    }

    @Test func guestWindowIsClippedToDeparture() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", to: "2026-11-25 12:00")
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-24 22:00"), end: hotel.at("2026-11-26 09:00")))
        #expect(hotel.desired("1208", now: "2026-11-24 20:00").dnd == Self.on("2026-11-24 22:00", "2026-11-25 12:00"))
    }

    @Test func pastWindowIsOffAndNextWindowIsSentAhead() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", start: hotel.at("2026-11-24 08:00"), end: hotel.at("2026-11-24 10:00")))
        hotel.snapshot.upsert(DNDWindow(id: 2, room: "1208", start: hotel.at("2026-11-25 08:00"), end: hotel.at("2026-11-25 10:00")))
        #expect(hotel.desired("1208", now: "2026-11-24 09:00").dnd == Self.on("2026-11-24 08:00", "2026-11-24 10:00"))
        #expect(hotel.desired("1208", now: "2026-11-24 11:00").dnd == Self.on("2026-11-25 08:00", "2026-11-25 10:00"))
        #expect(hotel.desired("1208", now: "2026-11-25 11:00").dnd == .off)
    }

    @Test func quietHoursRuleCoversTheNightAcrossMidnight() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201")
        hotel.snapshot.setRules([DNDRule(id: 1, name: "quiet floor 12", selector: .init(floors: [12]),
                                         action: .quietHours(from: time("22:00"), to: time("07:00")))])
        #expect(hotel.desired("1201", now: "2026-11-24 20:00").dnd == Self.on("2026-11-24 22:00", "2026-11-25 07:00"))
        #expect(hotel.desired("1201", now: "2026-11-25 03:00").dnd == Self.on("2026-11-24 22:00", "2026-11-25 07:00"))
        #expect(hotel.desired("1301", now: "2026-11-25 03:00").dnd == .off)  // floor 13 not selected
    }

    @Test func whileVacantRuleAppliesOnlyWithoutAGuest() {
        var hotel = Hotel()
        hotel.snapshot.setRules([DNDRule(id: 1, name: "vacant", selector: .init(occupancy: .vacant), action: .whileVacant)])
        #expect(hotel.desired("1202", now: "2026-11-24 20:00").dnd == Self.on("2026-11-24 00:00", "2026-12-01 00:00"))
        hotel.checkIn(1, room: "1202")
        #expect(hotel.desired("1202", now: "2026-11-24 20:00").dnd == .off)
    }

    @Test func afterCheckInRuleLastsTheGivenHours() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", from: "2026-11-24 15:00")
        hotel.snapshot.setRules([DNDRule(id: 1, name: "rest", selector: .init(tags: ["suite"]), action: .afterCheckIn(hours: 3))])
        #expect(hotel.desired("1208", now: "2026-11-24 16:00").dnd == Self.on("2026-11-24 15:00", "2026-11-24 18:00"))
        #expect(hotel.desired("1208", now: "2026-11-24 18:30").dnd == .off)
        #expect(hotel.desired("1202", now: "2026-11-24 16:00").dnd == .off)  // no "suite" tag
    }

    @Test func disabledRuleDoesNothing() {
        var hotel = Hotel()
        hotel.snapshot.setRules([DNDRule(id: 1, name: "vacant", selector: .init(), action: .whileVacant, enabled: false)])
        #expect(hotel.desired("1202", now: "2026-11-24 20:00").dnd == .off)
    }

    @Test func overlappingGuestAndRuleWindowsMergeIntoOne() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201")
        hotel.snapshot.setRules([DNDRule(id: 1, name: "quiet", selector: .init(floors: [12]),
                                         action: .quietHours(from: time("22:00"), to: time("07:00")))])
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1201", stayID: 1, start: hotel.at("2026-11-24 20:00"), end: hotel.at("2026-11-24 23:00")))
        #expect(hotel.desired("1201", now: "2026-11-24 21:00").dnd == Self.on("2026-11-24 20:00", "2026-11-25 07:00"))
    }

    @Test func guestWindowOfAnotherStayIsIgnored() {
        var hotel = Hotel()
        hotel.checkIn(2, room: "1208")
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-24 20:00"), end: hotel.at("2026-11-24 23:00")))
        #expect(hotel.desired("1208", now: "2026-11-24 21:00").dnd == .off)
    }

    /// §4.3 Decision: by default a booked wake-up always rings — the DND window sent
    /// to the PBX ends at the first wake-up inside it; a hotel may keep the window whole. Either
    /// way the conflict is reported.
    @Test func dndEndsAtTheWakeUpByDefaultAndStaysWholeWhenTheHotelSaysSo() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-24 22:00"), end: hotel.at("2026-11-25 09:00")))
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:30"), recurrence: .once(day("2026-11-25"))))
        #expect(HotelSettings(timeZone: .gmt).dndEndsAtWakeUp)
        #expect(hotel.desired("1208", now: "2026-11-24 23:00").dnd == Self.on("2026-11-24 22:00", "2026-11-25 06:30"))
        #expect(hotel.planner.wakeUpsInsideDND(room: "1208", in: hotel.snapshot, now: hotel.at("2026-11-24 23:00")).count == 1)
        hotel.settings.dndEndsAtWakeUp = false
        #expect(hotel.desired("1208", now: "2026-11-24 23:00").dnd == Self.on("2026-11-24 22:00", "2026-11-25 09:00"))
        #expect(hotel.planner.wakeUpsInsideDND(room: "1208", in: hotel.snapshot, now: hotel.at("2026-11-24 23:00")).count == 1)
    }
}
