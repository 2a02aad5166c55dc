import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// Name and call class follow the actual check-out, not the scheduled departure (Build 4):
/// a late check-out guest keeps them until the PMS checks them out, while wake-ups and the
/// guest's DND windows still end at the departure.
struct LateCheckOutTests {
    /// Room 1208: a guest due to leave 2026-11-25 12:00, a daily 07:00 wake-up and a DND window
    /// that would run past the departure; room 1202 is vacant; vacant rooms get DND.
    static func hotel() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208", guest: "张伟", to: "2026-11-25 12:00")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", stayID: 1, time: time("07:00"),
                                           recurrence: .daily(from: day("2026-11-24"), days: 5)))
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1208", stayID: 1, start: hotel.at("2026-11-25 11:00"), end: hotel.at("2026-11-25 18:00")))
        hotel.snapshot.setRules([DNDRule(id: 1, name: "vacant", selector: .init(occupancy: .vacant), action: .whileVacant)])
        return hotel
    }

    @Test func lateCheckOutGuestKeepsNameAndCallClassAfterDepartureWhileWakeUpsAndTheirDNDStop() {
        let hotel = Self.hotel()
        let before = hotel.desired("1208", now: "2026-11-25 11:30")
        #expect(before.name == "张伟" && before.callClass == hotel.settings.occupiedCallClass)
        #expect(before.dnd == .on(start: PBXDateTime("2026-11-25 11:00:00")!, end: PBXDateTime("2026-11-25 12:00:00")!))

        // 13:00: past the departure, not checked out yet.
        let late = hotel.desired("1208", now: "2026-11-25 13:00")
        #expect(late.name == "张伟")
        #expect(late.callClass == hotel.settings.occupiedCallClass)
        #expect(late.wakeUps.isEmpty)  // tomorrow's 07:00 is after the departure
        #expect(late.dnd == .off)  // the guest's window ended at departure; the vacant-room rule does not apply to an occupied room
    }

    @Test func checkOutRevertsNameAndCallClassAndTheRoomIsVacant() {
        var hotel = Self.hotel()
        var stay = hotel.snapshot.stays[1]!
        stay.status = .checkedOut
        stay.departure = hotel.at("2026-11-25 14:00")
        hotel.snapshot.upsert(stay)
        let vacant = hotel.desired("1208", now: "2026-11-25 15:00")
        #expect(vacant.name == "1208")
        #expect(vacant.callClass == hotel.settings.vacantCallClass)
        #expect(vacant.wakeUps.isEmpty)
        #expect(vacant.dnd == .on(start: PBXDateTime("2026-11-25 00:00:00")!, end: PBXDateTime("2026-12-02 00:00:00")!))
    }

    @Test func occupantIsTheStayNotCheckedOutOnceTheCurrentOneHasNone() {
        var hotel = Self.hotel()
        #expect(hotel.snapshot.occupant(of: "1208", at: hotel.at("2026-11-25 13:00"))?.id == 1)
        #expect(hotel.snapshot.currentStay(in: "1208", at: hotel.at("2026-11-25 13:00")) == nil)
        // The next guest checks in: theirs is the room.
        hotel.checkIn(2, room: "1208", guest: "李娜", from: "2026-11-25 14:00", to: "2026-11-28 12:00")
        #expect(hotel.snapshot.occupant(of: "1208", at: hotel.at("2026-11-25 15:00"))?.id == 2)
        #expect(hotel.snapshot.occupant(of: "1202", at: hotel.at("2026-11-25 15:00")) == nil)
    }
}
