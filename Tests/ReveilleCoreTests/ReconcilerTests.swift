import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// `Reconciler.plan`: only what differs, soonest wake-up first, tagged with why and which group.
struct ReconcilerTests {
    static func hotel() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201", group: "ABC")
        hotel.checkIn(2, room: "1208")
        hotel.snapshot.upsert(GroupWakeUp(id: 7, name: "ABC", members: .bookingGroup("ABC"), time: time("06:00"), recurrence: .once(day("2026-11-25"))))
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("05:30"), recurrence: .once(day("2026-11-25"))))
        return hotel
    }

    static func acknowledgeAll(_ desired: [DesiredExtension]) -> [String: AcknowledgedExtension] {
        var acknowledged: [String: AcknowledgedExtension] = [:]
        for want in desired {
            var ack = AcknowledgedExtension()
            for command in [PBXCommand.setAlarmClock(phone: want.phone, want.alarmEntries), .setDND(phone: want.phone, want.dnd),
                            .setName(phone: want.phone, name: want.name), .setCallClass(phone: want.phone, want.callClass)] {
                ack.apply(command, at: Date(timeIntervalSince1970: 0))
            }
            acknowledged[want.phone] = ack
        }
        return acknowledged
    }

    @Test func unknownPBXStateGetsEverythingPushed() {
        let hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let commands = Reconciler.plan(desired: hotel.planner.desired(hotel.snapshot, now: now), acknowledged: [:], now: now)
        #expect(commands.count == 4 * 4)
    }

    @Test func acknowledgedStateNeedsNoCommand() {
        let hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let desired = hotel.planner.desired(hotel.snapshot, now: now)
        #expect(Reconciler.plan(desired: desired, acknowledged: Self.acknowledgeAll(desired), now: now).isEmpty)
    }

    @Test func onlyTheChangedSettingIsPushed() {
        var hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let acknowledged = Self.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: now))
        var stay = hotel.snapshot.stays[2]!
        stay.guestName = "王芳"
        hotel.snapshot.upsert(stay)
        let commands = Reconciler.plan(desired: hotel.planner.desired(hotel.snapshot, now: now), acknowledged: acknowledged, now: now)
        #expect(commands.map(\.command) == [.setName(phone: "8208", name: "王芳")])
        #expect(commands.first?.reason == "name 王芳")
    }

    @Test func wakeUpsDueSoonestComeFirstAndGroupPushesAreTagged() {
        let hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let commands = Reconciler.plan(desired: hotel.planner.desired(hotel.snapshot, now: now), acknowledged: [:], now: now)
        let alarms = commands.filter { $0.kind == .alarmClock && !($0.command.alarmEntriesOrEmpty.isEmpty) }
        #expect(alarms.map(\.room) == ["1208", "1201"])  // 05:30 before 06:00
        #expect(alarms.map(\.groupID) == [nil, 7])
        #expect(commands.first?.kind == .alarmClock)
        // Settings without a wake-up come after every wake-up list.
        let firstOther = commands.firstIndex { $0.kind != .alarmClock }!
        #expect(commands[firstOther...].allSatisfy { $0.kind != .alarmClock })
    }

    @Test func checkOutClearsWithAnEmptyAlarmClockDueNow() {
        var hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let acknowledged = Self.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: now))
        var stay = hotel.snapshot.stays[2]!
        stay.status = .checkedOut
        hotel.snapshot.upsert(stay)
        let commands = Reconciler.plan(desired: hotel.planner.desired(hotel.snapshot, now: now), acknowledged: acknowledged, now: now)
        #expect(commands.first?.command == .setAlarmClock(phone: "8208", []))
        #expect(commands.first?.reason == "clear wake-ups")
        #expect(commands.first?.dueAt == now)
        #expect(Set(commands.map(\.kind)) == [.alarmClock, .name, .callClass])
    }
}

extension PBXCommand {
    var alarmEntriesOrEmpty: [WakeUpEntry] {
        if case .setAlarmClock(_, let entries) = self { entries } else { [] }
    }
}
