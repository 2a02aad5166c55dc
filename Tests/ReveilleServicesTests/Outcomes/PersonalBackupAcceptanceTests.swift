import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// ("manual with backup"): a 06:30 personal call alerts reception at 06:30;
/// not acknowledged within `wakeup.personalBackupAfter` (5 min) the PBX rings the room at 06:35;
/// acknowledged before, it never rings. `TestClock`, the simulator over TCP.
@Suite(.timeLimit(.minutes(2)))
struct PersonalBackupAcceptanceTests {
    static func started() async throws -> OutcomeHarness {
        var harness = try await OutcomeHarness(webhook: nil)
        try harness.book(personal: true)
        try await harness.start()
        harness.pbx.setAnswering(.onAttempt(1), for: "8201")
        // On the PBX as the backup, five minutes after the call.
        #expect(harness.pbx.extensionState("8201").alarmClockValue == "06:35**5*1*fpm-world-mix.gsm*3&")
        return harness
    }

    static func personalAlert(_ harness: inout OutcomeHarness) async throws -> Alert {
        await harness.step(to: "2026-11-25 06:30:00")
        var raised: Alert?
        _ = try await harness.until { activity in
            if case .alerted(let alert) = activity { raised = alert }
            return raised != nil
        }
        return try #require(raised)
    }

    @Test func aPersonalCallUnacknowledgedForFiveMinutesRingsFromThePBX() async throws {
        var harness = try await Self.started()
        let alert = try await Self.personalAlert(&harness)
        #expect(alert.kind == .personalCall)
        #expect(alert.message == "Call room 1201 now (Guest 1, 06:30) — unless acknowledged, the PBX rings the room at 06:35")
        // Nothing rings at the call's time, and no notRung at its grace.
        #expect(await harness.step(to: "2026-11-25 06:33:00").isEmpty)
        let events = await harness.step(to: "2026-11-25 06:35:00")
        #expect(events.contains { if case .extenStatus(let status) = $0 { status.status.state == .wakeUpRinging } else { false } })
        let (occurrence, outcomeAlert) = try await harness.outcome()
        #expect(occurrence.state == .answered)
        #expect(occurrence.attempts.map(\.at) == [harness.calendar.instant(PBXDateTime("2026-11-25 06:35:00")!)])
        #expect(occurrence.scheduledAt == harness.calendar.instant(PBXDateTime("2026-11-25 06:30:00")!))
        #expect(outcomeAlert == nil)
        #expect(try harness.store.alerts().map(\.kind) == [.personalCall])
        await harness.stop()
    }

    @Test func aPersonalCallAcknowledgedBeforeItsBackupNeverRingsAndEndsByReception() async throws {
        var harness = try await Self.started()
        let alert = try await Self.personalAlert(&harness)
        _ = try harness.store.acknowledge(alert: alert.id, action: .calledTheRoom, note: nil, actor: "reception:frontdesk", at: harness.push.now())
        // What the API does on an acknowledgement: the room is planned again.
        harness.push.scheduler.changed(rooms: ["1201"])
        let (occurrence, outcomeAlert) = try await harness.outcome()
        #expect(occurrence.state == .byReception)
        #expect(outcomeAlert == nil)
        try await harness.push.settle()
        #expect(harness.pbx.extensionState("8201").alarmClockValue == "")
        #expect(await harness.step(to: "2026-11-25 06:40:00").isEmpty)
        #expect(try harness.store.alerts().count == 1)
        await harness.stop()
    }
}
