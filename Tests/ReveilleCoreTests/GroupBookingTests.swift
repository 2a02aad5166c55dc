import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// Group booking deadlines: a 400-room group takes 7–13 minutes at 1–2 s per push (§4.4).
struct GroupBookingTests {
    static func bigHotel(rooms: Int) -> Hotel {
        var hotel = Hotel()
        for index in 0..<rooms {
            let number = String(2000 + index)
            hotel.snapshot.upsert(Room(number: number, phone: "9" + number, floor: 20 + index / 40))
            hotel.checkIn(Int64(100 + index), room: number, group: "BIG")
        }
        return hotel
    }

    @Test func fourHundredRoomsFinishWithinTheStaggerBounds() {
        let hotel = Self.bigHotel(rooms: 400)
        let group = GroupWakeUp(id: 1, name: "BIG", members: .bookingGroup("BIG"), time: time("06:30"), recurrence: .once(day("2026-11-25")))
        let now = hotel.at("2026-11-24 20:00")
        let assessment = hotel.planner.assess(group, in: hotel.snapshot, pacing: PushPacing(), backlog: 0, now: now)
        #expect(assessment.rooms.count == 400)
        #expect(assessment.expectedFinish.timeIntervalSince(now) == 399 * 1.5)
        #expect(assessment.latestFinish.timeIntervalSince(now) == 399 * 1.75)
        #expect(assessment.lateRooms.isEmpty)
        #expect(assessment.firstWakeUp == hotel.at("2026-11-25 06:30"))
    }

    @Test func bookingTooCloseToTheWakeUpNamesTheLateRooms() {
        let hotel = Self.bigHotel(rooms: 400)
        let group = GroupWakeUp(id: 1, name: "BIG", members: .bookingGroup("BIG"), time: time("20:05"), recurrence: .once(day("2026-11-24")))
        let assessment = hotel.planner.assess(group, in: hotel.snapshot, pacing: PushPacing(), backlog: 0, now: hotel.at("2026-11-24 20:00"))
        // 300 s at up to 1.75 s per push: pushes 172 onwards may land after 20:05.
        #expect(assessment.lateRooms.count == 400 - 172)
        #expect(assessment.lateRooms.first == "2172")
    }

    @Test(arguments: [(1500, 250, true), (1500, 600, false), (900, 0, false), (2000, 0, true), (2000, 1, false)])
    func pacingMustKeepGroupGapsInsideOneToTwoSeconds(spacing: Int, jitter: Int, valid: Bool) {
        var pacing = PushPacing()
        pacing.groupSpacing = .milliseconds(spacing)
        pacing.groupJitter = .milliseconds(jitter)
        #expect(pacing.problems.isEmpty == valid)
        if valid {
            #expect(PushPacing.groupGapRange.contains(pacing.groupGap(random: 0)))
            #expect(PushPacing.groupGapRange.contains(pacing.groupGap(random: 1)))
        }
    }
}
