import Clocks
import Foundation
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// The push scheduler against the simulator, time stepped by a `TestClock` (§4.4 group stagger, §8 resync).
@Suite(.timeLimit(.minutes(2)))
struct PushSchedulerTests {
    static func groupSends(_ seen: [PushHarness.Activity]) -> [(phone: String, at: TestClock<Duration>.Instant)] {
        seen.compactMap { activity in
            if case .sent(_, let phone, 1?, let at) = activity { (phone, at) } else { nil }
        }
    }

    static let groupValue = "06:30**5*1*fpm-world-mix.gsm*3&"

    @Test func thirtyRoomGroupGoesOutOneToTwoSecondsApart() async throws {
        var harness = try await PushHarness(rooms: 30)
        harness.start()
        // Let the first plan (names, call classes) drain, then book the group.
        _ = try await harness.drive { activity, _ in if case .waiting(_, .idle) = activity { true } else { false } }
        try harness.bookGroup()
        let seen = try await harness.drive { _, seen in Self.groupSends(seen).count == 30 }
        let sends = Self.groupSends(seen)
        #expect(Set(sends.map(\.phone)).count == 30)
        let gaps = zip(sends, sends.dropFirst()).map { $0.at.duration(to: $1.at) }
        #expect(gaps.count == 29)
        for gap in gaps {
            #expect(gap >= .seconds(1) && gap <= .seconds(2), "gap \(gap)")
        }
        #expect(Set(gaps).count > 1, "gaps are jittered")
        _ = try await harness.drive { activity, _ in if case .answered = activity { true } else { false } }
        #expect(harness.pbx.extensions.values.filter { $0.alarmClockValue == Self.groupValue }.count == 30)
        let progress = try harness.store.progress(ofGroup: 1)
        #expect(progress.pushed == 30 && progress.failed == 0 && progress.waiting == 0)
        await harness.stop()
    }

    @Test func settingsTheDriverCannotSendAreNeverPlannedAndTheRestGoesOut() async throws {
        // The console interface (§6) has no DND or names: PushConfiguration.unsentKinds.
        var harness = try await PushHarness(rooms: 3) { $0.unsentKinds = [.dnd, .name] }
        harness.start()
        try await harness.settle()
        let sent = harness.pbx.receivedRequests.map(\.command)
        #expect(!sent.contains { if case .setName = $0 { true } else { false } })
        #expect(!sent.contains { if case .setDND = $0 { true } else { false } })
        #expect(sent.filter { if case .setCallClass = $0 { true } else { false } }.count == 3)
        #expect(try harness.store.outbox(states: [.failed, .pending]).isEmpty)
        await harness.stop()
    }

    @Test func pbxErrorForOneRoomLeavesTheOthersGoingAndIsSurfaced() async throws {
        // Extension 8205 does not exist on this PBX: every push to it gets an Error.
        let known = Set((8201...8210).map(String.init)).subtracting(["8205"])
        var harness = try await PushHarness(rooms: 10, extensions: known) { $0.maximumAttempts = 3 }
        harness.start()
        try harness.bookGroup()
        let store = harness.store
        func refusedWakeUp() -> OutboxEntry? {
            (try? store.outbox(states: [.pending]))?.first { $0.phone == "8205" && $0.kind == .alarmClock }
        }
        _ = try await harness.drive { _, _ in
            let failed = (try? store.outbox(states: [.failed])) ?? []
            return failed.count == 3 && (refusedWakeUp()?.attempts ?? 0) >= 4
                && ((try? store.progress(ofGroup: 1).pushed) ?? 0) == 9
        }
        let failed = try harness.store.outbox(states: [.failed])
        #expect(Set(failed.map(\.phone)) == ["8205"])
        #expect(Set(failed.map(\.kind)) == [.dnd, .name, .callClass])
        #expect(failed.allSatisfy { $0.lastError == "Extension 8205 does not exist" && $0.attempts == 3 })
        // The wake-up list is not given up while its wake-up is ahead: still retried.
        #expect(refusedWakeUp()?.lastError == "Extension 8205 does not exist")
        for phone in known {
            #expect(harness.pbx.extensionState(phone).alarmClockValue == Self.groupValue, "\(phone)")
        }
        #expect(try harness.store.progress(ofGroup: 1) == GroupProgress(total: 10, pushed: 9, failed: 0, waiting: 1))
        await harness.stop()
    }

    @Test func linkDropInTheMiddleOfAGroupResumesAfterTheNextLogin() async throws {
        var harness = try await PushHarness(rooms: 12)
        harness.start()
        _ = try await harness.drive { activity, _ in if case .waiting(_, .idle) = activity { true } else { false } }
        try harness.bookGroup()
        _ = try await harness.drive { _, seen in Self.groupSends(seen).count == 5 }
        harness.server.dropConnections()
        // Until the link notices and the scheduler pauses, then the link's first backoff step.
        var states = harness.link.states().makeAsyncIterator()
        while let state = await states.next(), state.isUp {}
        await harness.clock.advance(by: .seconds(1) + .milliseconds(1))  // past the deadline, see PushHarness.drive
        let store = harness.store
        _ = try await harness.drive { _, _ in ((try? store.progress(ofGroup: 1).pushed) ?? 0) == 12 }
        for phone in (8201...8212).map(String.init) {
            #expect(harness.pbx.extensionState(phone).alarmClockValue == Self.groupValue, "\(phone)")
        }
        let logins = harness.pbx.receivedRequests.filter { if case .login = $0.command { true } else { false } }
        #expect(logins.count == 2)
        // Every room once, and after the login the rooms pushed before the drop once more: after a
        // drop nothing the PBX acknowledged can be vouched for (§8).
        let alarmPushes = harness.pbx.receivedRequests.filter {
            if case .setAlarmClock(_, let entries) = $0.command { !entries.isEmpty } else { false }
        }
        // (The fifth push was announced before the drop but may not have reached the PBX.)
        #expect(alarmPushes.count >= 12 + 4 && alarmPushes.count <= 12 + 5 + 2)
        #expect(Set(alarmPushes.suffix(12).map(\.command)).count == 12)
        await harness.stop()
    }

    @Test func fullResyncLeavesTheSimulatorEqualToTheDesiredState() async throws {
        var harness = try await PushHarness(rooms: 6)
        harness.start()
        try harness.bookGroup()
        let store = harness.store
        _ = try await harness.drive { activity, _ in
            if case .waiting(_, .idle) = activity { ((try? store.pendingCount()) ?? 1) == 0 } else { false }
        }
        harness.pbx.loseAllState()  // e.g. a console operator wiped it: the PBX no longer matches
        harness.scheduler.resync()
        _ = try await harness.drive { activity, seen in
            guard case .waiting(_, .idle) = activity else { return false }
            return seen.contains { if case .resynchronising = $0 { true } else { false } }
        }
        let planner = Planner(settings: harness.settings)
        for desired in planner.desired(try harness.store.snapshot(), now: harness.now()) {
            let state = harness.pbx.extensionState(desired.phone)
            #expect(state.alarmClockValue == (try AlarmClock.compile(desired.alarmEntries)))
            #expect(state.name == desired.name)
            #expect(state.callClass == desired.callClass)
            #expect(state.dnd == desired.dnd)
        }
        await harness.stop()
    }

    @Test func nightlyResyncRunsOnceAtItsTime() async throws {
        var harness = try await PushHarness(rooms: 2) { $0.nightlyResync = TimeOfDay("20:01")! }
        harness.start()
        let store = harness.store
        _ = try await harness.drive { activity, _ in
            if case .waiting(_, .idle) = activity { ((try? store.pendingCount()) ?? 1) == 0 } else { false }
        }
        // Base time is 20:00; the next plan after 20:01 forgets every acknowledgement.
        await harness.clock.advance(by: .seconds(61) + .milliseconds(1))
        let seen = try await harness.drive { activity, _ in if case .resynchronising = activity { true } else { false } }
        #expect(seen.contains { if case .resynchronising = $0 { true } else { false } })
        #expect(try store.audit(limit: 1000).filter { $0.action == "resync" && $0.actor == "scheduler" }.count == 1)
        await harness.stop()
    }
}
