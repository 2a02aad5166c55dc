import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// One plan per change feeds both services: reception's booking is planned once, by the push
/// scheduler, and the occurrence recorder records that plan instead of reading and planning the
/// room again (wired as `ReveilleApplication` wires them). A spy on the store's SQL counts the
/// reads of the room's rows; the test clock never moves, so no periodic plan stands in.
@Suite(.timeLimit(.minutes(1)))
struct OnePlanPerChangeTests {
    @Test func aBookingIsPlannedOnceAndBothTheOutboxAndTheRecorderGetIt() async throws {
        let seen = Mutex<[String]>([])
        let recording = Mutex(false)
        var harness = try await OutcomeHarness(rooms: 40, statements: { sql in
            if recording.withLock({ $0 }) { seen.withLock { $0.append(sql) } }
        })
        // Started: the recorder has the whole hotel's plan (room 1201's wake-up on the PBX).
        try harness.book()
        try await harness.start()
        // No whole-hotel plan left waiting (the start asks for one).
        try await harness.push.settle()
        // The desk tells the scheduler of the change as `ReveilleApplication` wires it, once the
        // spy is on: told at once, the scheduler could plan before the spy was (under a full run).
        let told = Mutex<Set<String>?>(nil)
        let desk = FrontDesk(store: harness.store, settings: harness.push.settings, pacing: PushPacing(),
                             changed: { rooms in told.withLock { $0 = rooms } }, now: harness.push.now)
        _ = try desk.bookWakeUp(room: "1207", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!), options: WakeUpOptions(), actor: "test")
        // From here on: the change's plan, its push and its record.
        recording.withLock { $0 = true }
        harness.push.scheduler.changed(rooms: try #require(told.withLock { $0 }))
        var recorded: WakeUpOccurrence?
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity, occurrence.room == "1207" { recorded = occurrence }
            return recorded != nil
        }
        // Until the push is answered, stepping the clock for pacing only: never to the next
        // periodic plan (the harness's `drive` does, and under load that put a whole plan here).
        while let next = await harness.push.activity.next() {
            if case .answered = next { break }
            if case .waiting(let until?, .pacing) = next { await harness.push.clock.advance(to: until.advanced(by: .milliseconds(1))) }
        }
        recording.withLock { $0 = false }

        #expect(recorded?.scheduledAt == harness.calendar.instant(PBXDateTime("2026-11-25 06:30:00")!))
        #expect(harness.pbx.extensionState("8207").alarms.map(\.start.description) == ["06:30"])
        // A snapshot of the room reads its DND windows once per plan: one plan, not one per service.
        let plans = seen.withLock { $0 }.filter { $0.hasPrefix("SELECT") && $0.contains("FROM \"dndWindow\"") }
        #expect(plans.count == 1, "\(plans.joined(separator: "\n"))")
        #expect(plans.allSatisfy { $0.contains("'1207'") })
        await harness.stop()
    }

}
