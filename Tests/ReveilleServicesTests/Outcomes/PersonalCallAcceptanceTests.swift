import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// On the `TestClock`: at a personal call's time reception gets an alert
/// "call room 1208 now (Mr Zhang, 06:30)" through the alert channel, and acknowledges it with what
/// was done. A reception-only call never reaches the PBX but is still recorded and alerted.
@Suite(.timeLimit(.minutes(2)))
struct PersonalCallAcceptanceTests {
    /// With `wakeup.personalBackupAfter: 0` the PBX rings at its time, as it did before backups existed.
    @Test func aPersonalCallAlertsReceptionAtItsTimeAndIsAcknowledged() async throws {
        var harness = try await OutcomeHarness(webhook: nil, settings: { $0.wakeUpDefaults.personalBackupAfter = 0 })
        try harness.book(personal: true)
        try await harness.start()
        harness.pbx.setAnswering(.onAttempt(2), for: "8201")
        // Still on the PBX: the guest is woken as booked, reception calls as well.
        #expect(harness.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*fpm-world-mix.gsm*3&")

        await harness.step(to: "2026-11-25 06:29:00")
        #expect(try harness.store.alerts().isEmpty)  // not before its time

        await harness.step(to: "2026-11-25 06:30:00")
        var raised: Alert?
        _ = try await harness.until { activity in
            if case .alerted(let alert) = activity { raised = alert }
            return raised != nil
        }
        let alert = try #require(raised)
        let due = harness.calendar.instant(PBXDateTime("2026-11-25 06:30:00")!)
        #expect(alert.kind == .personalCall)
        #expect(alert.message == "Call room 1201 now (Guest 1, 06:30)")
        #expect(alert.scheduledAt == due)
        #expect(alert.raisedAt >= due && alert.raisedAt.timeIntervalSince(due) < 1)
        #expect(try harness.store.alerts(openOnly: true).map(\.id) == [alert.id])

        let done = try harness.store.acknowledge(
            alert: alert.id, action: .calledTheRoom, note: "guest thanked us", actor: "reception:frontdesk", at: harness.push.now())
        #expect(done.action == .calledTheRoom && done.acknowledgedBy == "reception:frontdesk")
        #expect(try harness.store.alerts(openOnly: true).isEmpty)

        // The wake-up itself still rings and gets its outcome; the personal call alerted once.
        await harness.step(to: "2026-11-25 06:31:00")
        try await harness.attempts(1)
        await harness.step(to: "2026-11-25 06:36:00")
        let (occurrence, outcomeAlert) = try await harness.outcome()
        #expect(occurrence.state == .answered)
        #expect(occurrence.personal && !occurrence.receptionOnly && occurrence.personalAlertedAt != nil)
        #expect(outcomeAlert == nil)
        #expect(try harness.store.alerts().map(\.kind) == [.personalCall])
        await harness.stop()
    }

    @Test func aReceptionOnlyCallIsNotSentToThePBXButIsRecordedAndAlerted() async throws {
        var harness = try await OutcomeHarness(webhook: nil)
        try harness.book(receptionOnly: true)
        try await harness.start(confirmed: [])
        harness.pbx.setAnswering(.onAttempt(1), for: "8201")
        #expect(harness.pbx.extensionState("8201").alarmClockValue == "")

        let events = await harness.step(to: "2026-11-25 06:30:00")
        #expect(events.isEmpty)  // nothing rings
        var saved: WakeUpOccurrence?
        var raised: Alert?
        _ = try await harness.until { activity in
            switch activity {
            case .saved(let occurrence) where occurrence.state.isFinal: saved = occurrence
            case .alerted(let alert): raised = alert
            default: break
            }
            return raised != nil
        }
        let occurrence = try #require(saved)
        #expect(occurrence.state == .byReception)
        #expect(occurrence.receptionOnly && !occurrence.onPBX)
        #expect(raised?.kind == .personalCall)
        #expect(raised?.message == "Call room 1201 now (Guest 1, 06:30)")
        #expect(try harness.store.occurrences(from: occurrence.scheduledAt, to: occurrence.scheduledAt + 1).first?.alertID == raised?.id)
        await harness.stop()
    }
}
