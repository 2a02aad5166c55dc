import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// With `pbx.ringCapacity` 20, a 40-room group at 06:30 is answered with the
/// 20 rings that start late and by how much, or refused with the nearest free minutes.
struct RingCapacityBookingTests {
    static let now = FrontDeskTests.now

    /// 41 rooms (1201 vacant, 40 guests of group TOUR), the PBX starting `capacity` wake-ups a minute.
    static func desk(capacity: Int? = 20) throws -> (FrontDesk, Store) {
        let store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("capacity-\(UUID()).sqlite").path)
        let rooms = (0..<41).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) }
        try store.save(rooms: rooms, actor: "test", at: now)
        for (index, room) in rooms.enumerated() where index > 0 {
            try store.save(Stay(id: Int64(index), room: room.number, guestName: "G\(index)", arrival: now - 3600,
                                departure: now + 2 * 86_400, groupCode: "TOUR"), actor: "test", at: now)
        }
        var settings = HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        settings.ringCapacity = capacity
        return (FrontDesk(store: store, settings: settings, pacing: PushPacing(), changed: { _ in }, now: { now }), store)
    }

    static func book(_ desk: FrontDesk, at time: String = "06:30", refuseIfFull: Bool = false) throws -> GroupBooking {
        try desk.bookGroup(name: "Tour", members: .bookingGroup("TOUR"), time: time, recurrence: .once(LocalDate("2026-11-25")!),
                           options: .init(), acceptLate: false, refuseIfFull: refuseIfFull, actor: "reception:alice")
    }

    @Test func aFortyRoomGroupIntoAMinuteWithCapacityTwentyIsAnsweredWithTheLateRooms() throws {
        let (desk, store) = try Self.desk()
        let booking = try Self.book(desk)
        let capacity = try #require(booking.assessment.capacity)
        #expect(capacity.booked == 0)
        #expect(capacity.lateRings.count == 20)
        #expect(capacity.lateRings.allSatisfy { $0.minutes == 1 })
        // The last 20 in push order start a minute late; the first 20 on time.
        #expect(capacity.lateRings.map(\.room) == Array(booking.assessment.rooms.suffix(20)))
        #expect(try store.snapshot().groups.count == 1)  // booked
    }

    @Test func ringsAlreadyInTheMinuteKeepTheirPlacesAndPushTheGroupLater() throws {
        let (desk, _) = try Self.desk()
        _ = try Self.book(desk)
        // A second group at 06:30: the 40 rings planned there already keep the minute (the PBX's
        // spill of the first group is not planned), so all 40 new ones start 1 or 2 minutes late.
        let capacity = try #require(try Self.book(desk).assessment.capacity)
        #expect(capacity.booked == 40)
        #expect(capacity.lateRings.count == 40)
        #expect(capacity.lateRings.map(\.minutes) == Array(repeating: 1, count: 20) + Array(repeating: 2, count: 20))
    }

    @Test func refusedWithTheNearestFreeMinutesWhenTheBookingSaysSoAndNothingIsStored() throws {
        let (desk, store) = try Self.desk(capacity: 20)
        #expect {
            try Self.book(desk, refuseIfFull: true)
        } throws: { error in
            guard let error = error as? BookingError, error.field == "time" else { return false }
            return error.rule.contains("06:30 is full") && error.rule.contains("20 of 40 rooms would ring up to 1 min late")
                && error.rule.hasSuffix("nearest free minutes: none within 2 hours")
        }
        #expect(try store.snapshot().groups.isEmpty)
    }

    @Test func withinCapacityOrUnsetNothingIsLate() throws {
        #expect(try Self.book(try Self.desk(capacity: 40).0).assessment.capacity == nil)
        #expect(try Self.book(try Self.desk(capacity: nil).0).assessment.capacity == nil)
    }
}
