import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// `Reconciler.difference`: the one answer to "is this extension in sync", read by the plan, the
/// "due soon, not confirmed" alert and the API's sync state.
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
}
