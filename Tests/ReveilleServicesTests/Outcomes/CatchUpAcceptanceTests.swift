import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// (PROTOCOL.md §8 Decision (catch-up)): the PBX restarts at 06:28 and
/// cannot be reached for a while around a 06:30 wake-up. Time is a `TestClock`; the simulator
/// rings over TCP.
@Suite(.timeLimit(.minutes(2)))
struct CatchUpAcceptanceTests {
    /// A started harness whose PBX restarts at 06:28 (losing its lists) and stays unreachable.
    static func outageFrom0628() async throws -> OutcomeHarness {
        var harness = try await OutcomeHarness(maximumBackoff: .seconds(8))
        try harness.book()
        try await harness.start()
        harness.pbx.setAnswering(.onAttempt(1), for: "8201")
        await harness.step(to: "2026-11-25 06:28:00")
        harness.pbx.faults.unreachable = true
        harness.push.server.restart()
        // The outage counts from when the recorder hears of it.
        _ = try await harness.until { activity in
            if case .link(up: false) = activity { true } else { false }
        }
        return harness
    }

    /// Lets the PBX be reached again and steps the clock a second at a time while the link waits to
    /// reconnect, until it is logged in.
    static func reachable(_ harness: OutcomeHarness) async {
        harness.pbx.faults.unreachable = false
        while !harness.push.link.state.isUp && !Task.isCancelled {
            if case .down = harness.push.link.state {
                await harness.push.clock.advance(by: .seconds(1))
            }
            await Task.yield()
        }
    }

    @Test func linkDown0628To0634RingsAt0635WithALateOutcomeAndOneAlert() async throws {
        var harness = try await Self.outageFrom0628()
        #expect(await harness.step(to: "2026-11-25 06:31:00").isEmpty)  // the restarted PBX holds nothing
        await harness.step(to: "2026-11-25 06:32:30")
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity { return occurrence.unreachableFrom != nil }
            return false
        }
        #expect(try harness.store.alerts().isEmpty)  // waiting for the PBX, not given up
        await harness.step(to: "2026-11-25 06:34:00")
        await Self.reachable(harness)
        var caught: WakeUpOccurrence?
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity, occurrence.catchUpAt != nil { caught = occurrence }
            return caught != nil
        }
        #expect(caught?.catchUpAt == harness.calendar.instant(PBXDateTime("2026-11-25 06:35:00")!))
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarms.contains { $0.start == TimeOfDay("06:35")! && $0.days == 1 })
        let events = await harness.step(to: "2026-11-25 06:35:00")
        #expect(events.contains { if case .extenStatus(let status) = $0 { status.status.state == .wakeUpRinging } else { false } })
        let (occurrence, _) = try await harness.outcome()
        var alert: Alert?
        _ = try await harness.until { activity in
            if case .alerted(let raised) = activity { alert = raised }
            return alert != nil
        }
        #expect(occurrence.state == .answered)
        #expect(occurrence.lateBy == 300)
        #expect(occurrence.attempts.map(\.at) == [harness.calendar.instant(PBXDateTime("2026-11-25 06:35:00")!)])
        let raised = try #require(alert)
        #expect(raised.kind == .late)
        #expect(raised.message.contains("rang 5 min late (PBX was unreachable 06:28–06:3"))
        #expect(try harness.store.alerts().map(\.id) == [raised.id])
        // Stored as such (the page and the API read it from here).
        let stored = try harness.store.occurrences(from: occurrence.scheduledAt - 60, to: occurrence.scheduledAt + 60)
        #expect(stored.map(\.catchUpAt) == [caught?.catchUpAt])
        // Once: no second ring later in the morning.
        for minute in ["40", "45", "50"] { #expect(await harness.step(to: "2026-11-25 06:\(minute):00").isEmpty) }
        await harness.stop()
    }

    @Test func linkDownUntil0650PastTheWindowIsSuppressedAndAlertedAsBefore() async throws {
        var harness = try await Self.outageFrom0628()
        await harness.step(to: "2026-11-25 06:32:30")
        // Past its grace with the link down: waiting to be caught up (heard before the clock moves
        // on: a recorder that first looked at 06:45:30 would find the window closed).
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity { return occurrence.unreachableFrom != nil }
            return false
        }
        await harness.step(to: "2026-11-25 06:45:30")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .suppressed)
        #expect(occurrence.catchUpAt == nil)
        #expect(alert?.kind == .suppressed)
        #expect(alert?.message.contains("PBX was unreachable since 06:28") == true)
        await harness.step(to: "2026-11-25 06:50:00")
        await Self.reachable(harness)
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarms.isEmpty)
        #expect(await harness.step(to: "2026-11-25 06:55:00").isEmpty)
        #expect(try harness.store.alerts().count == 1)
        await harness.stop()
    }

    @Test func aWakeUpCancelledDuringTheOutageIsNeverCaughtUp() async throws {
        var harness = try await Self.outageFrom0628()
        await harness.step(to: "2026-11-25 06:31:00")
        try harness.store.delete(WakeUpPolicy.self, id: 1201, actor: "test", at: harness.push.now())
        harness.push.scheduler.changed(rooms: ["1201"])
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .cancelled)
        #expect(alert == nil)
        await harness.step(to: "2026-11-25 06:34:00")
        await Self.reachable(harness)
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarms.isEmpty)
        #expect(await harness.step(to: "2026-11-25 06:40:00").isEmpty)
        #expect(try harness.store.alerts().isEmpty)
        await harness.stop()
    }
}
