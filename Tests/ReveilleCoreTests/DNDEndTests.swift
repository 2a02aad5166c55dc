import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// When a guest's DND really ends (§4.3 Decision): at the first wake-up inside it, by default.
struct DNDEndTests {
    static func hotelWithWakeUp() -> (Hotel, DNDWindow) {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        let window = DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-24 22:00"), end: hotel.at("2026-11-25 10:00"))
        hotel.snapshot.upsert(window)
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:45"), recurrence: .once(day("2026-11-25"))))
        return (hotel, window)
    }

    @Test func aWakeUpInsideTheWindowEndsItAtItsRing() {
        let (hotel, window) = Self.hotelWithWakeUp()
        let end = hotel.planner.dndEnd(of: window, in: hotel.snapshot, now: hotel.at("2026-11-24 22:00"))
        #expect(end == DNDEnd(asked: hotel.at("2026-11-25 10:00"), effective: hotel.at("2026-11-25 06:45"), endingWakeUp: hotel.at("2026-11-25 06:45")))
    }

    @Test func theWindowIsKeptWholeWhenTheHotelSaysSo() {
        var (hotel, window) = Self.hotelWithWakeUp()
        hotel.settings.dndEndsAtWakeUp = false
        let end = hotel.planner.dndEnd(of: window, in: hotel.snapshot, now: hotel.at("2026-11-24 22:00"))
        #expect(end == DNDEnd(asked: hotel.at("2026-11-25 10:00"), effective: hotel.at("2026-11-25 10:00")))
    }

    @Test func aWakeUpAfterTheWindowCutsNothing() {
        var (hotel, window) = Self.hotelWithWakeUp()
        window.end = hotel.at("2026-11-25 06:00")
        hotel.snapshot.upsert(window)
        let end = hotel.planner.dndEnd(of: window, in: hotel.snapshot, now: hotel.at("2026-11-24 22:00"))
        #expect(end.effective == hotel.at("2026-11-25 06:00"))
        #expect(end.endingWakeUp == nil)
    }

    @Test func aReceptionOnlyCallDoesNotEndTheWindow() {
        var (hotel, window) = Self.hotelWithWakeUp()
        hotel.snapshot.upsert(WakeUpPolicy(
            id: 1, room: "1208", time: time("06:45"), recurrence: .once(day("2026-11-25")),
            options: WakeUpOptions(personal: true, receptionOnly: true)))
        let end = hotel.planner.dndEnd(of: window, in: hotel.snapshot, now: hotel.at("2026-11-24 22:00"))
        #expect(end.endingWakeUp == nil)
        #expect(end.effective == window.end)
    }
}
