import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// A 06:30 wake-up booked with a 10-minute follow-up is answered at 06:30;
/// the PBX rings the room again at 06:40, recorded as the occurrence's second attempt. Cancelled
/// after the answer, the follow-up never rings.
@Suite(.timeLimit(.minutes(2)))
struct FollowUpAcceptanceTests {
    static func answered() async throws -> OutcomeHarness {
        var harness = try await OutcomeHarness(webhook: nil)
        try harness.store.save(
            WakeUpPolicy(id: 1201, room: "1201", time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-25")!),
                         options: WakeUpOptions(frequency: 5, attempts: 3, followUpAfter: 10)),
            actor: "test", at: harness.push.now())
        try await harness.start()
        harness.pbx.setAnswering(.onAttempt(1), for: "8201")
        await harness.step(to: "2026-11-25 06:30:30")
        var booked: WakeUpOccurrence?
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity, occurrence.followUpAt != nil { booked = occurrence }
            return booked != nil
        }
        #expect(booked?.state == .answered)
        #expect(booked?.followUpAt == harness.calendar.instant(PBXDateTime("2026-11-25 06:40:00")!))
        return harness
    }

    @Test func aFollowUpRingsTenMinutesAfterAnAnswer() async throws {
        var harness = try await Self.answered()
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarms.contains { $0.start == TimeOfDay("06:40")! && $0.attempts == 1 })
        #expect(await harness.step(to: "2026-11-25 06:39:00").isEmpty)
        let events = await harness.step(to: "2026-11-25 06:40:00")
        #expect(events.contains { if case .extenStatus(let status) = $0 { status.status.state == .wakeUpRinging } else { false } })
        _ = try await harness.until { activity in
            if case .saved(let occurrence) = activity { return occurrence.attempts.count == 2 }
            return false
        }
        let stored = try #require(try harness.store.occurrences(
            from: harness.calendar.instant(PBXDateTime("2026-11-25 06:00:00")!), to: harness.calendar.instant(PBXDateTime("2026-11-25 07:00:00")!)).first)
        #expect(stored.state == .answered)
        #expect(stored.attempts.map(\.at) == ["06:30:30", "06:40:00"].map { harness.calendar.instant(PBXDateTime("2026-11-25 \($0)")!) })
        #expect(try harness.store.alerts().isEmpty)
        await harness.stop()
    }

    @Test func cancellingTheWakeUpAfterTheAnswerCancelsItsFollowUp() async throws {
        var harness = try await Self.answered()
        try harness.store.delete(WakeUpPolicy.self, id: 1201, actor: "test", at: harness.push.now())
        harness.push.scheduler.changed(rooms: ["1201"])
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarmClockValue == "")
        #expect(await harness.step(to: "2026-11-25 06:41:00").isEmpty)
        await harness.stop()
    }
}
