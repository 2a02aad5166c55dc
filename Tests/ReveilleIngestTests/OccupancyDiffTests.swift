import Foundation
import ReveilleCore
import Testing

/// Snapshot semantics: each export is the whole in-house list.
struct OccupancyDiffTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    static func record(_ room: String, _ guest: String, booking: String? = nil, nights: Double = 2, group: String? = nil) -> OccupancyRecord {
        OccupancyRecord(booking: booking, room: room, guest: guest, arrival: t0, departure: t0 + nights * 86_400, group: group)
    }

    @Test func newRowIsACheckInAndMissingRowACheckOut() {
        let old = [Self.record("1201", "张伟")]
        let new = [Self.record("1202", "李娜")]
        let events = OccupancyDiff.events(previous: old, current: new)
        #expect(events == [.checkOut(key: old[0].key, room: "1201"), .checkIn(new[0])])
    }

    @Test func sameBookingInAnotherRoomIsAMove() {
        let old = [Self.record("1201", "张伟", booking: "R1")]
        let moved = Self.record("1305", "张伟", booking: "R1")
        #expect(OccupancyDiff.events(previous: old, current: [moved]) == [.move(moved, from: old[0])])
    }

    @Test func sameGuestAndArrivalWithoutBookingNumberIsAlsoAMove() {
        let old = [Self.record("1201", "张伟")]
        let moved = Self.record("1305", "张伟")
        #expect(OccupancyDiff.events(previous: old, current: [moved]) == [.move(moved, from: old[0])])
    }

    @Test func changedDepartureOrNameIsAStayChange() {
        let old = [Self.record("1201", "Zhang Wei", booking: "R1")]
        let longer = Self.record("1201", "Zhang Wei", booking: "R1", nights: 3)
        #expect(OccupancyDiff.events(previous: old, current: [longer]) == [.update(longer, from: old[0])])
        let renamed = Self.record("1201", "张伟", booking: "R1")
        #expect(OccupancyDiff.events(previous: old, current: [renamed]) == [.update(renamed, from: old[0])])
    }

    @Test func unchangedListGivesNoEvents() {
        let list = [Self.record("1201", "张伟"), Self.record("1202", "李娜", group: "TOUR")]
        #expect(OccupancyDiff.events(previous: list, current: list).isEmpty)
    }

    @Test func roomOfABadRowIsNeverCheckedOut() {
        let old = [Self.record("1201", "张伟"), Self.record("1202", "李娜")]
        let events = OccupancyDiff.events(previous: old, current: [], protectedRooms: ["1201"])
        #expect(events == [.checkOut(key: old[1].key, room: "1202")])
        #expect(OccupancyDiff.vanishedShare(previous: old, events: events) == 0.5)
    }
}
