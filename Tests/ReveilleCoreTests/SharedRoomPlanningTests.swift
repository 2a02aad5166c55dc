import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// Shared rooms (several in-house stays in one room, as OPERA shares and FIAS bridges send them):
/// every guest's wake-ups and DND windows are planned, the PBX list is their union, the name is the
/// primary guest's (earliest arrival), the call class the most permissive, and one guest's
/// check-out removes only that guest's wake-ups.
struct SharedRoomPlanningTests {
    /// Room 1201: 张伟 (stay 1, in since the 23rd) with a 06:45 wake-up; 李雷 (stay 2) joins on the
    /// 24th with 07:00 and 06:45 (the same start as 张伟's: one entry).
    static func hotel() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201", guest: "张伟", from: "2026-11-23 15:00", to: "2026-11-27 12:00")
        hotel.checkIn(2, room: "1201", guest: "李雷", from: "2026-11-24 15:00", to: "2026-11-26 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1201", stayID: 1, time: time("06:45"), recurrence: .once(day("2026-11-25"))))
        hotel.snapshot.upsert(WakeUpPolicy(id: 2, room: "1201", stayID: 2, time: time("07:00"), recurrence: .once(day("2026-11-25"))))
        hotel.snapshot.upsert(WakeUpPolicy(id: 3, room: "1201", stayID: 2, time: time("06:45"), recurrence: .once(day("2026-11-25"))))
        return hotel
    }

    /// ``hotel()`` with stay `id` changed.
    static func hotel(changing id: Int64, _ change: (inout Stay) -> Void) -> Hotel {
        var hotel = hotel()
        if var stay = hotel.snapshot.stays[id] {
            change(&stay)
            hotel.snapshot.upsert(stay)
        }
        return hotel
    }

    @Test func theListIsTheUnionOfEveryGuestsWakeUpsOneEntryPerStartAndEachNamesItsGuest() {
        let hotel = Self.hotel()
        let desired = hotel.desired("1201", now: "2026-11-24 20:00")
        #expect(hotel.alarms("1201", now: "2026-11-24 20:00") == "06:45**5*1*fpm-world-mix.gsm*3&07:00**5*1*fpm-world-mix.gsm*3&")
        #expect(desired.wakeUps.map(\.stayID) == [1, 2])  // 06:45 is 张伟's (the older booking), 07:00 李雷's
        let occurrences = WakeUpOccurrence.planned([desired], snapshot: hotel.snapshot, acknowledged: [:], now: hotel.at("2026-11-24 20:00"))
        #expect(occurrences.map(\.guest) == ["张伟", "李雷"])
    }

    @Test func theNameIsTheEarliestArrivalsAndTheCallClassTheMostPermissive() {
        let hotel = Self.hotel(changing: 2) { $0.callClass = .international }
        let desired = hotel.desired("1201", now: "2026-11-24 20:00")
        #expect(desired.name == "张伟")
        #expect(desired.callClass == .international)
        #expect(hotel.snapshot.occupants(of: "1201", at: hotel.at("2026-11-24 20:00")).map(\.guestName) == ["张伟", "李雷"])
    }

    @Test func oneGuestsCheckOutKeepsTheOthersWakeUpsAndNameEitherWay() {
        var hotel = Self.hotel(changing: 1) { $0.status = .checkedOut }
        var desired = hotel.desired("1201", now: "2026-11-24 20:00")
        #expect(hotel.alarms("1201", now: "2026-11-24 20:00") == "06:45**5*1*fpm-world-mix.gsm*3&07:00**5*1*fpm-world-mix.gsm*3&")
        #expect(desired.wakeUps.map(\.stayID) == [2, 2])  // 李雷's own 06:45 now
        #expect(desired.name == "李雷")

        hotel = Self.hotel(changing: 2) { $0.status = .checkedOut }
        desired = hotel.desired("1201", now: "2026-11-24 20:00")
        #expect(hotel.alarms("1201", now: "2026-11-24 20:00") == "06:45**5*1*fpm-world-mix.gsm*3&")
        #expect(desired.name == "张伟" && desired.callClass == hotel.settings.occupiedCallClass)
    }

    @Test func everyGuestsDNDWindowIsPlannedEndingWithItsOwnStay() {
        var hotel = Self.hotel()
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1201", stayID: 1, start: hotel.at("2026-11-24 21:00"), end: hotel.at("2026-11-24 23:00")))
        hotel.snapshot.upsert(DNDWindow(id: 2, room: "1201", stayID: 2, start: hotel.at("2026-11-26 10:00"), end: hotel.at("2026-11-26 18:00")))
        #expect(hotel.desired("1201", now: "2026-11-24 20:00").dnd
            == .on(start: PBXDateTime("2026-11-24 21:00:00")!, end: PBXDateTime("2026-11-24 23:00:00")!))
        // 李雷's window ends with 李雷's stay at 12:00.
        #expect(hotel.desired("1201", now: "2026-11-26 09:00").dnd
            == .on(start: PBXDateTime("2026-11-26 10:00:00")!, end: PBXDateTime("2026-11-26 12:00:00")!))
    }

    @Test func theRoomsCapAppliesToTheUnion() {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201", guest: "A", from: "2026-11-23 15:00")
        hotel.checkIn(2, room: "1201", guest: "B", from: "2026-11-24 15:00")
        for index in 0..<20 {
            hotel.snapshot.upsert(WakeUpPolicy(
                id: Int64(index + 1), room: "1201", stayID: Int64(index % 2 + 1), time: TimeOfDay(hour: 5, minute: index * 2)!,
                recurrence: .once(day("2026-11-25"))))
        }
        #expect(hotel.desired("1201", now: "2026-11-24 20:00").wakeUps.count == InputBounds.wakeUpsPerRoom)
    }
}
