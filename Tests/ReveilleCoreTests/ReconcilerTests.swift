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

    static func acknowledgeAll(_ desired: [DesiredExtension], at time: Date) -> [String: AcknowledgedExtension] {
        var acknowledged: [String: AcknowledgedExtension] = [:]
        for want in desired {
            var ack = AcknowledgedExtension()
            for command in [PBXCommand.setAlarmClock(phone: want.phone, want.alarmEntries), .setDND(phone: want.phone, want.dnd),
                            .setName(phone: want.phone, name: want.name), .setCallClass(phone: want.phone, want.callClass)] {
                ack.apply(command, at: time)
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
        #expect(Reconciler.plan(desired: desired, acknowledged: Self.acknowledgeAll(desired, at: now), now: now).isEmpty)
    }

    @Test func onlyTheChangedSettingIsPushed() {
        var hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let acknowledged = Self.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: now), at: now)
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
        let firstOther = commands.firstIndex { $0.command.alarmEntriesOrEmpty.isEmpty }!
        #expect(commands[firstOther...].allSatisfy { $0.command.alarmEntriesOrEmpty.isEmpty })
    }

    /// In a resynchronisation (nothing acknowledged) the clears of rooms without a
    /// wake-up went first (`dueAt = now`): at 5,000 rooms ~4,000 of them ahead of the 05:00
    /// wake-ups. Now: wake-up lists, then DND in force, then names, call classes and the clears.
    @Test func resyncPushesWakeUpsThenDNDInForceThenTheRestWithClearsLast() {
        var hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        hotel.snapshot.upsert(DNDWindow(id: 1, room: "1201", start: hotel.at("2026-11-24 19:00"), end: hotel.at("2026-11-24 23:00")))
        let commands = Reconciler.plan(desired: hotel.planner.desired(hotel.snapshot, now: now), acknowledged: [:], now: now)
        let wakeUps = commands.prefix { !$0.command.alarmEntriesOrEmpty.isEmpty }
        #expect(wakeUps.map(\.room) == ["1208", "1201"])
        #expect(commands[wakeUps.count].command == .setDND(phone: "8201", .on(
            start: PBXDateTime("2026-11-24 19:00:00")!, end: PBXDateTime("2026-11-24 23:00:00")!)))
        let rest = commands.dropFirst(wakeUps.count + 1)
        #expect(rest.allSatisfy { $0.dueAt == nil })
        let clears = rest.filter { $0.kind == .alarmClock }
        #expect(Set(clears.map(\.room)) == ["1202", "1301"])
        #expect(clears.allSatisfy { $0.reason == "wake-ups unknown to the PBX: clear" })
        #expect(commands.allSatisfy { (Reconciler.rank(kind: $0.kind, dueAt: $0.dueAt) == 2) == ($0.dueAt == nil) })
    }

    /// §4.4 Decision (days): a daily wake-up's value never changes, so without this it went to the
    /// PBX once per stay; a PBX that drops the entry after its `days` rang it once.
    @Test func dailyWakeUpIsPushedAgainAfterEachRingEvenWhenItsValueIsUnchanged() throws {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1201")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1201", time: time("07:00"), recurrence: .daily(from: day("2026-11-24"), days: 3)))
        let pushedAt = hotel.at("2026-11-24 20:00")
        let acknowledged = Self.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: pushedAt), at: pushedAt)
        // Before the 25th's ring (and during its attempts): the PBX's copy still serves.
        for now in ["2026-11-25 06:59", "2026-11-25 07:05"] {
            let desired = [hotel.desired("1201", now: now)]
            #expect(Reconciler.plan(desired: desired, acknowledged: acknowledged, now: hotel.at(now)).isEmpty, "\(now)")
        }
        // Once its last attempt is over the same value goes again, for the 26th.
        let after = hotel.at("2026-11-25 07:15")
        let desired = [hotel.desired("1201", now: "2026-11-25 07:15")]
        #expect(hotel.alarms("1201", now: "2026-11-25 07:15") == hotel.alarms("1201", now: "2026-11-24 20:00"))
        let commands = Reconciler.plan(desired: desired, acknowledged: acknowledged, now: after)
        #expect(commands.map(\.kind) == [.alarmClock])
        #expect(commands.first?.dueAt == hotel.at("2026-11-26 07:00"))
        // Acknowledged again after that ring: nothing until the 26th has rung.
        var again = acknowledged
        again["8201"]?.apply(try #require(commands.first).command, at: after)
        #expect(Reconciler.plan(desired: desired, acknowledged: again, now: after).isEmpty)
        #expect(Reconciler.unconfirmedSoon(desired: desired, acknowledged: again, now: hotel.at("2026-11-26 06:30")).isEmpty)
        #expect(Reconciler.unconfirmedSoon(desired: desired, acknowledged: acknowledged, now: hotel.at("2026-11-26 06:30")).map(\.phone) == ["8201"])
    }

    @Test func checkOutClearsWithAnEmptyAlarmClockDueNow() {
        var hotel = Self.hotel()
        let now = hotel.at("2026-11-24 20:00")
        let acknowledged = Self.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: now), at: now)
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
