import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// `Reconciler.difference`: the one answer to "is this extension in sync", read by the plan, the
/// "due soon, not confirmed" alert and the API's sync state; `Reconciler.holds`, the same rules
/// per wake-up, read by the occurrence recorder ("on the PBX").
struct DifferenceTests {
    static func dailyHotel() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(2, room: "1208")
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", time: time("06:30"), recurrence: .daily(from: day("2026-11-25"), days: 3)))
        return hotel
    }

    @Test func nothingAcknowledgedDiffersInEverySetting() {
        let hotel = Self.dailyHotel()
        let now = hotel.at("2026-11-24 20:00")
        let want = try! #require(hotel.planner.desired(hotel.snapshot, now: now).first { $0.room == "1208" })
        #expect(Reconciler.difference(want: want, have: AcknowledgedExtension()) == [.alarmClock, .dnd, .name, .callClass])
    }

    @Test func whatThePBXAcknowledgedDiffersInNothing() {
        let hotel = Self.dailyHotel()
        let now = hotel.at("2026-11-24 20:00")
        let desired = hotel.planner.desired(hotel.snapshot, now: now)
        let acknowledged = ReconcilerTests.acknowledgeAll(desired, at: now)
        for want in desired { #expect(Reconciler.difference(want: want, have: acknowledged[want.phone]!).isEmpty) }
        #expect(Reconciler.plan(desired: desired, acknowledged: acknowledged, now: now).isEmpty)
    }

    /// §4.4 Decision (days): the value of a daily wake-up's list never changes, but once it has rung
    /// after the PBX confirmed it, the PBX's copy may be used up: it differs until pushed again,
    /// and everyone who asks "in sync?" hears the same.
    @Test func aListUsedUpByARingDiffersThoughItsValueIsUnchanged() {
        let hotel = Self.dailyHotel()
        let confirmed = hotel.at("2026-11-24 20:00")
        let acknowledged = ReconcilerTests.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: confirmed), at: confirmed)
        let after = hotel.at("2026-11-25 07:30")  // past the 06:30 ring and its attempts
        let want = try! #require(hotel.planner.desired(hotel.snapshot, now: after).first { $0.room == "1208" })
        let have = acknowledged[want.phone]!
        #expect((try? AlarmClock.compile(want.alarmEntries)) == have.alarmClock)
        #expect(Reconciler.difference(want: want, have: have) == [.alarmClock])
        let plan = Reconciler.plan(desired: [want], acknowledged: acknowledged, now: after)
        #expect(plan.map(\.kind) == [.alarmClock])
        #expect(plan.first?.reason.hasPrefix("again after the previous ring") == true)
    }

    /// The recorder asks per wake-up: a second wake-up booked in the room makes the list differ,
    /// but the PBX still holds the first; the new one is held once its list is acknowledged.
    @Test func aWakeUpIsHeldWhileItsEntryIsInTheAcknowledgedListEvenWhenTheListDiffers() {
        var hotel = Self.dailyHotel()
        let now = hotel.at("2026-11-24 20:00")
        let acknowledged = ReconcilerTests.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: now), at: now)
        hotel.snapshot.upsert(WakeUpPolicy(id: 2, room: "1208", time: time("05:45"), recurrence: .once(day("2026-11-25"))))
        let want = try! #require(hotel.planner.desired(hotel.snapshot, now: now).first { $0.room == "1208" })
        let have = acknowledged[want.phone]!
        #expect(Reconciler.difference(want: want, have: have).contains(.alarmClock))
        let held = want.wakeUps.map { ($0.entry.start.description, Reconciler.holds($0, have: have)) }
        #expect(held.map(\.0) == ["05:45", "06:30"] && held.map(\.1) == [false, true])
        let pushed = ReconcilerTests.acknowledgeAll([want], at: now)[want.phone]!
        #expect(want.wakeUps.allSatisfy { Reconciler.holds($0, have: pushed) })
        // Nothing acknowledged, or a list that is not the PBX's syntax: not held.
        #expect(!want.wakeUps.contains { Reconciler.holds($0, have: AcknowledgedExtension()) })
        #expect(!want.wakeUps.contains { Reconciler.holds($0, have: AcknowledgedExtension(alarmClock: "not a list")) })
    }

    /// §4.4 Decision (days) per wake-up: once yesterday's ring used the PBX's copy up, today's
    /// wake-up is not vouched for until the list is acknowledged again.
    @Test func aDailyWakeUpIsNotHeldOnceARingUsedItsListUpUntilPushedAgain() {
        let hotel = Self.dailyHotel()
        let confirmed = hotel.at("2026-11-24 20:00")
        let acknowledged = ReconcilerTests.acknowledgeAll(hotel.planner.desired(hotel.snapshot, now: confirmed), at: confirmed)
        let before = try! #require(hotel.planner.desired(hotel.snapshot, now: confirmed).first { $0.room == "1208" })
        #expect(before.wakeUps.allSatisfy { Reconciler.holds($0, have: acknowledged[before.phone]!) })
        let after = hotel.at("2026-11-25 07:30")
        let want = try! #require(hotel.planner.desired(hotel.snapshot, now: after).first { $0.room == "1208" })
        #expect(!want.wakeUps.isEmpty && !want.wakeUps.contains { Reconciler.holds($0, have: acknowledged[want.phone]!) })
        let again = ReconcilerTests.acknowledgeAll([want], at: after)[want.phone]!
        #expect(want.wakeUps.allSatisfy { Reconciler.holds($0, have: again) })
    }
}
