import Clocks
import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// The PBX converges on the desired state after any fault, soonest wake-ups first
/// (§8 resynchronisation, §3.3 heartbeat, §4.4 Decision (days)). Time is a `TestClock`; nothing sleeps.
@Suite(.timeLimit(.minutes(2)))
struct ConvergenceTests {
    static func isLogin(_ request: PBXRequest) -> Bool { if case .login = request.command { true } else { false } }

    // The PBX restart (and the link cut) at a random point of a 200-room group push or full
    // resynchronisation: FaultInjectionTests.

    /// A push that failed `maximumAttempts` times stayed failed until an admin pressed
    /// retry. Now the next login tries every failed push again.
    @Test func failedPushesAreRetriedAutomaticallyAfterTheNextLogin() async throws {
        var harness = try await PushHarness(rooms: 3) { $0.maximumAttempts = 1 }
        harness.pbx.faults.errorShare = 1  // the PBX refuses every Set
        harness.start()
        let store = harness.store
        _ = try await harness.drive { activity, _ in
            guard case .waiting(_, .idle) = activity else { return false }
            return ((try? store.pendingCount()) ?? 1) == 0
        }
        #expect(try store.outbox(states: [.failed]).count == 3 * 4)
        harness.pbx.faults.errorShare = 0
        harness.server.dropConnections()
        await harness.awaitLinkDownAndReconnect()
        try await harness.settle()
        #expect(try store.outbox(states: [.failed]).isEmpty)
        #expect(try harness.differences() == [])
        #expect(try store.audit(limit: 1000).contains { $0.action == "retry" && $0.actor == "scheduler" })
        await harness.stop()
    }

    /// A wake-up list the PBX refuses is retried with capped backoff for as long as
    /// the wake-up is ahead — no login needed — instead of being given up after `maximumAttempts`.
    @Test func refusedWakeUpIsRetriedWithBackoffWhileItIsAhead() async throws {
        var harness = try await PushHarness(rooms: 2) { $0.maximumAttempts = 2 }
        harness.start()
        try await harness.settle()
        harness.pbx.faults.errorShare = 1
        try harness.bookGroup()
        let store = harness.store
        // Far more refusals than maximumAttempts, each retried (before: given up after 2, idle).
        let seen = try await harness.drive { activity, seen in
            if case .waiting(_, .idle) = activity, ((try? store.pendingCount()) ?? 1) == 0 { return true }
            return seen.filter { if case .answered(_, .some) = $0 { true } else { false } }.count >= 8
        }
        #expect(seen.filter { if case .answered(_, .some) = $0 { true } else { false } }.count >= 8)
        #expect(try store.outbox(states: [.failed]).isEmpty)
        harness.pbx.faults.errorShare = 0
        let before = harness.now()
        _ = try await harness.drive { _, _ in ((try? store.progress(ofGroup: 1).pushed) ?? 0) == 2 }
        // The backoff is capped: the last refusal is retried within 15 min.
        #expect(harness.now().timeIntervalSince(before) <= 15 * 60 + 1)
        #expect(try harness.differences() == [])
        await harness.stop()
    }

    /// A wake-up due within 60 min that the PBX has not confirmed
    /// (here it refuses every Set) is raised once, through the alert channel, with its room.
    @Test func aWakeUpDueSoonThatThePBXRefusesIsRaisedAsAnAlertOnce() async throws {
        final class Sink: AlertSink {
            let raised = Mutex<[UnconfirmedWakeUp]>([])
            func unconfirmedSoon(_ wakeUp: UnconfirmedWakeUp, at now: Date) { raised.withLock { $0.append(wakeUp) } }
        }
        let sink = Sink()
        // The clock jumps to each retry while the refusals travel over real sockets: heartbeats and
        // request timeouts longer than a jump keep the link up in between, also on a loaded machine.
        var harness = try await PushHarness(rooms: 2, link: { link in
            link.heartbeatInterval = .seconds(86_400)
            link.requestTimeout = .seconds(86_400)
        }, alertSink: sink)
        harness.pbx.faults.errorShare = 1
        let due = harness.now() + 1800  // 20:30 in Shanghai
        try harness.store.save(WakeUpPolicy(id: 1, room: "1202", time: TimeOfDay("20:30")!,
                                            recurrence: .once(LocalDate("2026-11-24")!)), actor: "test", at: harness.now())
        harness.start()
        let now = harness.now
        _ = try await harness.drive { _, _ in now() > due - 600 }
        let raised = sink.raised.withLock { $0 }
        #expect(raised.map { [$0.room, $0.phone] } == [["1202", "8202"]] && raised.map(\.at) == [due])
        await harness.stop()
    }

    /// In a full resync the clears (empty AlarmClock lists of rooms without a wake-up)
    /// went first (`dueAt = now`), ahead of the wake-ups. Now: wake-up lists, then DND in force,
    /// then the rest — names, call classes and clears.
    @Test func wakeUpsGoToThePBXBeforeTheClearsOfAResync() async throws {
        var harness = try await PushHarness(rooms: 8)
        for (id, room) in [(1, "1203"), (2, "1206")] {
            try harness.store.save(WakeUpPolicy(id: Int64(id), room: room, time: TimeOfDay("05:00")!,
                                                recurrence: .once(LocalDate("2026-11-25")!)), actor: "test", at: harness.now())
        }
        try harness.store.save(DNDWindow(id: 1, room: "1201", start: harness.now() - 60, end: harness.now() + 7200),
                               actor: "test", at: harness.now())
        harness.start()
        try await harness.settle()
        let sets = harness.pbx.receivedRequests.filter { !Self.isLogin($0) }
        func index(_ predicate: (PBXCommand) -> Bool) -> [Int] { sets.indices.filter { predicate(sets[$0].command) } }
        let wakeUps = index { if case .setAlarmClock(_, let entries) = $0 { !entries.isEmpty } else { false } }
        let clears = index { if case .setAlarmClock(_, let entries) = $0 { entries.isEmpty } else { false } }
        let dndOn = index { if case .setDND(_, .on) = $0 { true } else { false } }
        let rest = index { if case .setName = $0 { true } else if case .setCallClass = $0 { true } else { false } }
        #expect(wakeUps == [0, 1])
        #expect(dndOn == [2])
        #expect(clears.count == 6 && rest.count == 16)
        #expect(clears.allSatisfy { $0 > 2 })
        #expect(try harness.differences() == [])
        await harness.stop()
    }

    /// §4.4 Decision (days) under both readings: a daily wake-up over 3 days (test clock) rings
    /// every day. Before, its value never changed, so it was pushed once per stay and a PBX with
    /// `days` 1 rang it once.
    @Test(arguments: [DaysReading.keepsEntries, .dropsUsedUpEntries])
    func dailyWakeUpRingsOnEachOfThreeDays(reading: DaysReading) async throws {
        // The test clock jumps hours at a time while replies travel over real sockets: heartbeats
        // and request timeouts longer than a jump keep the link from timing out in between.
        var harness = try await PushHarness(rooms: 1, link: { link in
            link.heartbeatInterval = .seconds(86_400)
            link.requestTimeout = .seconds(86_400)
        })
        harness.pbx.daysReading = reading
        try harness.store.save(WakeUpPolicy(id: 1, room: "1201", time: TimeOfDay("07:00")!,
                                            recurrence: .daily(from: LocalDate("2026-11-25")!, days: 3)),
                               actor: "test", at: harness.now())
        let calendar = HotelCalendar(timeZone: harness.settings.timeZone)
        let server = harness.server
        server.tick(now: calendar.wallClock(harness.now()))
        harness.start()
        try await harness.settle()
        // The PBX's clock moves first, then the service's: whatever is pushed is set at the PBX's now.
        func step(to text: String) async -> [PBXEvent] {
            let date = calendar.instant(PBXDateTime(text)!)
            let events = server.tick(now: calendar.wallClock(date))
            await harness.clock.advance(to: harness.instant(date))
            return events
        }
        for day in ["2026-11-25", "2026-11-26", "2026-11-27"] {
            // Just before it is due, the occurrence is on the simulator ...
            #expect(await step(to: day + " 06:58:00").isEmpty)
            try await harness.settle()
            #expect(harness.pbx.extensionState("8201").alarms.map(\.start) == [TimeOfDay("07:00")!], "\(day)")
            // ... and it rings.
            let rings = await step(to: day + " 07:20:00").filter {
                if case .extenStatus(let status) = $0 { status.status == ExtensionStatus(.wakeUpRinging) } else { false }
            }
            #expect(rings.count == 1, "\(day), \(reading)")
            try await harness.settle()
        }
        await harness.stop()
    }
}

/// A small seedable generator (SplitMix64) for the fault points.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
