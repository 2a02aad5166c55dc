import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// Bookings: checked at the boundary, stored with their audit row, refused without storing anything.
struct FrontDeskTests {
    /// 2026-11-24 20:00 in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_795_521_600)

    final class Changes: Sendable {
        let value = Mutex<[Set<String>?]>([])
        var all: [Set<String>?] { value.withLock { $0 } }
    }

    static func desk(rooms: Int = 3) throws -> (FrontDesk, Store, Changes) {
        let store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(UUID()).sqlite").path)
        let rooms_ = (0..<rooms).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) }
        try store.save(rooms: rooms_, actor: "test", at: now)
        for (index, room) in rooms_.enumerated() where index > 0 {  // 1201 stays vacant
            try store.save(Stay(id: Int64(index), room: room.number, guestName: "G\(index)", arrival: now - 3600,
                                departure: now + 2 * 86_400, groupCode: "TOUR"), actor: "test", at: now)
        }
        let changes = Changes()
        let desk = FrontDesk(store: store, settings: HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!),
                             pacing: PushPacing(), changed: { rooms in changes.value.withLock { $0.append(rooms) } }, now: { now })
        return (desk, store, changes)
    }

    @Test func roomWakeUpIsStoredAuditedAndHandedToTheScheduler() throws {
        let (desk, store, changes) = try Self.desk()
        let booking = try desk.bookWakeUp(room: "1202", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!),
                                          options: .init(), actor: "reception:alice")
        #expect(try store.snapshot().policies[booking.policy.id] != nil)
        #expect(try store.audit().first?.actor == "reception:alice")
        #expect(changes.all == [["1202"]])
        #expect(booking.insideDND.isEmpty)
    }

    @Test(arguments: [
        ("1201", "06:30", WakeUpOptions(), "room"),          // vacant room
        ("9999", "06:30", WakeUpOptions(), "room"),          // unknown room
        ("1202", "24:00", WakeUpOptions(), "time"),
        ("1202", "06:30", WakeUpOptions(frequency: 4), "frequency"),
        ("1202", "06:30", WakeUpOptions(attempts: 11), "attempts"),
        ("1202", "06:30", WakeUpOptions(prompt: "a/b.gsm"), "prompt"),
    ])
    func badBookingNamesTheFieldAndStoresNothing(room: String, time: String, options: WakeUpOptions, field: String) throws {
        let (desk, store, _) = try Self.desk()
        #expect {
            try desk.bookWakeUp(room: room, time: time, recurrence: .once(LocalDate("2026-11-25")!), options: options, actor: "t")
        } throws: { (($0 as? BookingError)?.field ?? ($0 as? InputError)?.field) == field }
        #expect(try store.snapshot().policies.isEmpty)
    }

    @Test func wakeUpInsideTheGuestsDNDIsReported() throws {
        let (desk, _, _) = try Self.desk()
        _ = try desk.setDND(room: "1202", from: Self.now, until: Self.now + 14 * 3600, actor: "t")
        let booking = try desk.bookWakeUp(room: "1202", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!), options: .init(), actor: "t")
        #expect(booking.insideDND.count == 1)
    }

    @Test func groupTooCloseToItsWakeUpIsRefusedUnlessLateRoomsAreAccepted() throws {
        let (desk, store, _) = try Self.desk(rooms: 60)
        let members = GroupMembers.bookingGroup("TOUR")
        let today = Recurrence.once(LocalDate("2026-11-24")!)
        // 59 guests, wake-up in 60 s: at up to 1.75 s per push, rooms 36 to 59 could be late.
        var refusal: BookingError?
        do {
            _ = try desk.bookGroup(name: "Tour", members: members, time: "20:01", recurrence: today, options: .init(),
                                   acceptLate: false, actor: "t")
        } catch let error as BookingError {
            refusal = error
        }
        #expect(refusal?.field == "time")
        #expect(refusal?.lateRooms.count == 24)
        #expect(try store.snapshot().groups.isEmpty)
        let accepted = try desk.bookGroup(name: "Tour", members: members, time: "20:01", recurrence: today, options: .init(),
                                          acceptLate: true, actor: "t")
        #expect(accepted.assessment.lateRooms.count == 24)
        #expect(try store.snapshot().groups.count == 1)
    }

    @Test func aReceptionOnlyGroupIsNeverLateForThePBX() throws {
        // Nothing of it is pushed, so the 1–2 s spacing cannot make a room late.
        let (desk, store, _) = try Self.desk(rooms: 60)
        let booking = try desk.bookGroup(
            name: "VIP tour", members: .bookingGroup("TOUR"), time: "20:01", recurrence: .once(LocalDate("2026-11-24")!),
            options: .init(receptionOnly: true), acceptLate: false, actor: "t")
        #expect(booking.group.options.receptionOnly == true)
        #expect(try store.snapshot().groups.count == 1)
    }

    @Test func groupBookingTellsWhenItsLastPushIsExpected() throws {
        let (desk, _, _) = try Self.desk(rooms: 5)
        let booking = try desk.bookGroup(name: "Tour", members: .bookingGroup("TOUR"), time: "06:30",
                                         recurrence: .once(LocalDate("2026-11-25")!), options: .init(), acceptLate: false, actor: "t")
        #expect(booking.assessment.rooms.count == 4)
        #expect(booking.assessment.expectedFinish == Self.now + 3 * 1.5)
    }
}
