import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleServices
@testable import ReveilleStore
import Testing

/// A room's timeline: the pure builder (every kind of event in order, the sentence on top), and
/// end to end on a test clock an unanswered wake-up from booking to acknowledgement.
@Suite(.timeLimit(.minutes(2)))
struct RoomTimelineTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let calendar = HotelCalendar(timeZone: zone)
    static let date = LocalDate("2026-11-25")!

    static func at(_ text: String) -> Date { calendar.instant(PBXDateTime(text)!) }

    static func audit(_ id: Int64, _ time: String, _ actor: String, _ action: String, _ entity: String, before: String? = nil, after: String? = nil) -> AuditEntry {
        AuditEntry(id: id, at: at(time), actor: actor, action: action, entity: entity, entityID: "1", before: before, after: after)
    }

    static let unanswered = WakeUpOccurrence(
        id: 9, room: "1208", phone: "8208", guest: "张伟", scheduledAt: at("2026-11-25 06:30:00"), plannedAttempts: 3, frequency: 5, onPBX: true,
        state: .unanswered,
        attempts: [.init(at: at("2026-11-25 06:30:00"), result: .unanswered), .init(at: at("2026-11-25 06:35:00"), result: .unanswered),
                   .init(at: at("2026-11-25 06:40:00"), result: .unanswered)],
        alertID: 5)

    static let alert = Alert(
        id: 5, kind: .unanswered, room: "1208", guest: "张伟", scheduledAt: at("2026-11-25 06:30:00"), raisedAt: at("2026-11-25 06:40:40"),
        message: "room 1208: wake-up 06:30 not answered", occurrenceID: 9, acknowledgedAt: at("2026-11-25 06:41:00"), acknowledgedBy: "desk",
        action: .wentToTheRoom)

    @Test func everyKindOfEventComesInTimeOrderWithTheAnswerOnTop() {
        let inputs = RoomTimeline.Inputs(
            audit: [
                Self.audit(1, "2026-11-24 14:05:00", "pms:csv", "check-in", "stay", after: #"{"guestName":"张伟","room":"1208"}"#),
                Self.audit(2, "2026-11-24 22:02:00", "reception:frontdesk", "create", "wakeUpPolicy", after: #"{"room":"1208","time":"06:15"}"#),
                Self.audit(3, "2026-11-24 22:02:01", "pbx", "push", "outbox",
                           before: #"{"method":"AlarmClock","phone":"8208","value":"06:15**5*1*fpm-world-mix.gsm*3&"}"#, after: "Success (SeqID 7)"),
                Self.audit(4, "2026-11-24 23:10:00", "reception:night", "update", "wakeUpPolicy",
                           before: #"{"room":"1208","time":"06:15"}"#, after: #"{"room":"1208","time":"06:30"}"#),
                Self.audit(5, "2026-11-24 23:10:01", "pbx", "push error", "outbox",
                           before: #"{"method":"AlarmClock","phone":"8208","value":"06:30**5*1*fpm-world-mix.gsm*3&"}"#, after: "Error: busy"),
                Self.audit(6, "2026-11-24 23:10:31", "pbx", "push", "outbox",
                           before: #"{"method":"AlarmClock","phone":"8208","value":"06:30**5*1*fpm-world-mix.gsm*3&"}"#, after: "Success (SeqID 9)"),
                Self.audit(7, "2026-11-25 06:41:00", "desk", "acknowledge", "alert", after: #"{"room":"1208"}"#),
            ],
            linkAudit: [Self.audit(8, "2026-11-25 02:00:05", "link", "verify", "acknowledged")],
            attempts: [
                WakeUpAttemptRecord(id: 1, phone: "8208", room: "1208", ringAt: Self.at("2026-11-25 06:30:01"), outcome: .unanswered, endedAt: Self.at("2026-11-25 06:31:00")),
                WakeUpAttemptRecord(id: 2, phone: "8208", room: "1208", ringAt: Self.at("2026-11-25 12:00:00"), outcome: .answered, endedAt: Self.at("2026-11-25 12:00:20")),
            ],
            cdrs: [CDRRecord(id: 1, caller: "wakeup", callee: "8208", start: "2026-11-25 06:40:00", answer: nil, end: "2026-11-25 06:40:40",
                             duration: 0, disposition: "NO ANSWER", callType: "internal", receivedAt: Self.at("2026-11-25 06:40:41"))],
            occurrences: [Self.unanswered], alerts: [Self.alert])
        let timeline = RoomTimeline.build(room: "1208", date: Self.date, timeZone: Self.zone, inputs: inputs)
        #expect(timeline.summary == "Rang at 06:30, 06:35 and 06:40, not answered; alert acknowledged by desk at 06:41: went to the room.")
        #expect(timeline.events.map(\.kind) == [
            .checkIn, .booking, .push, .change, .pushFailed, .push, .link, .due, .ring, .ring, .ring, .outcome, .alert, .cdr, .acknowledgement, .ring,
        ])
        #expect(timeline.events.map(\.at) == timeline.events.map(\.at).sorted())
        let texts = timeline.events.map(\.text)
        #expect(texts[0] == "checked in: 张伟 (pms:csv)")
        #expect(texts[1] == "wake-up booked for 06:15 by reception:frontdesk")
        #expect(texts[2] == "pushed wake-ups 06:15 (AlarmClock): PBX answered Success (SeqID 7)")
        #expect(texts[3] == "wake-up changed from 06:15 to 06:30 by reception:night")
        #expect(texts[4] == "push of wake-ups 06:30 (AlarmClock) refused, will retry: Error: busy")
        #expect(texts[6].hasPrefix("logged in to the PBX"))
        #expect(texts[7] == "wake-up due at 06:30 (confirmed on the PBX; up to 3 attempts 5 min apart)")
        #expect(texts[8] == "attempt 1 of 3: rang (ExtenStatus 10), not answered")
        #expect(texts[11] == "outcome: rang at 06:30, 06:35 and 06:40, not answered")
        #expect(texts[13] == "CDR wakeup → 8208 at 2026-11-25 06:40:00: NO ANSWER, 0 s")
        #expect(texts[14] == "alert acknowledged by desk: went to the room")
        // The ring at 06:30:01 is the first attempt's; the noon ring no wake-up planned is shown on its own.
        #expect(texts[15] == "rang (ExtenStatus 10) without a planned wake-up, answered at 12:00:20")
    }

    @Test func theSentenceSaysEachOutcomeInWords() {
        func summary(_ change: (inout WakeUpOccurrence) -> Void, alerts: [Alert] = []) -> String {
            var occurrence = Self.unanswered
            occurrence.alertID = nil
            change(&occurrence)
            return RoomTimeline.build(room: "1208", date: Self.date, timeZone: Self.zone,
                                      inputs: .init(occurrences: [occurrence], alerts: alerts)).summary
        }
        #expect(summary { $0.state = .notRung; $0.attempts = [] } == "Due at 06:30 and on the PBX, but the PBX never rang it.")
        #expect(summary { $0.state = .suppressed; $0.attempts = [] } == "Due at 06:30 but never confirmed on the PBX, so it did not ring.")
        #expect(summary { $0.state = .answered; $0.attempts = [.init(at: Self.at("2026-11-25 06:30:00"), result: .answered)] } == "Rang at 06:30, answered.")
        #expect(summary {
            $0.state = .answered
            $0.attempts = [.init(at: Self.at("2026-11-25 06:30:00"), result: .unanswered), .init(at: Self.at("2026-11-25 06:35:00"), result: .answered)]
        } == "Rang at 06:30 and 06:35, answered at 06:35.")
        #expect(summary { $0.state = .upcoming; $0.attempts = [] } == "Due at 06:30, not yet rung.")
        var open = Self.alert
        open.acknowledgedAt = nil
        #expect(summary({ $0.alertID = 5 }, alerts: [open]) == "Rang at 06:30, 06:35 and 06:40, not answered; alert raised at 06:40:40, not acknowledged.")
        #expect(RoomTimeline.build(room: "1208", date: Self.date, timeZone: Self.zone, inputs: .init()).summary == "No wake-up was due on 2026-11-25.")
    }

    @Test func unreadableOrHostileAuditJSONIsNamedPlainlyNeverTrusted() {
        let huge = String(repeating: "x", count: 200_000)
        let inputs = RoomTimeline.Inputs(audit: [
            Self.audit(1, "2026-11-25 01:00:00", "reception:a", "create", "wakeUpPolicy", after: "{not json"),
            Self.audit(2, "2026-11-25 01:00:01", "pbx", "push", "outbox", before: "[1,2]", after: "Success"),
            Self.audit(3, "2026-11-25 01:00:02", "reception:a", "update", "wakeUpPolicy", before: huge, after: huge),
        ])
        let texts = RoomTimeline.build(room: "1208", date: Self.date, timeZone: Self.zone, inputs: inputs).events.map(\.text)
        #expect(texts == ["wake-up booked by reception:a", "pushed a setting: PBX answered Success", "wake-up changed by reception:a"])
    }

    @Test func theWindowRunsFromNoonTheDayBeforeToMidnightAfterTheDate() {
        let (from, to) = RoomTimeline.window(of: Self.date, timeZone: Self.zone)
        #expect(from == Self.at("2026-11-24 12:00:00"))
        #expect(to == Self.at("2026-11-26 00:00:00"))
        // Far dates clamp instead of trapping.
        _ = RoomTimeline.window(of: LocalDate(year: 1, month: 1, day: 1)!, timeZone: Self.zone)
        _ = RoomTimeline.window(of: LocalDate(year: 9999, month: 12, day: 31)!, timeZone: Self.zone)
    }

    /// Acceptance: an unanswered wake-up on a test clock, from the booking by a person to the
    /// acknowledgement, read back from the store.
    @Test func anUnansweredWakeUpsTimelineHoldsTheBookingPushRingsOutcomeAlertAndAcknowledgementInOrder() async throws {
        var harness = try await OutcomeHarness()
        try harness.store.save(
            WakeUpPolicy(id: 1201, room: "1201", time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-25")!),
                         options: WakeUpOptions(frequency: 5, attempts: 3)),
            actor: "reception:frontdesk", at: harness.push.now())
        try await harness.start()
        harness.pbx.setAnswering(.never, for: "8201")
        for (minute, attempts) in [("31", 1), ("36", 2)] {
            await harness.step(to: "2026-11-25 06:\(minute):00")
            try await harness.attempts(attempts)
        }
        await harness.step(to: "2026-11-25 06:40:30")
        let (_, raised) = try await harness.outcome()
        let alert = try #require(raised)
        await harness.step(to: "2026-11-25 06:44:00")
        _ = try harness.store.acknowledge(alert: alert.id, action: .wentToTheRoom, note: nil, actor: "reception:desk", at: harness.push.now())
        await harness.stop()

        let timeline = try RoomTimeline.load(from: harness.store, room: "1201", date: Self.date, timeZone: harness.push.settings.timeZone)
        // The harness moves the service's clock first, so each ring arrives at the step's time.
        #expect(timeline.summary == "Rang at 06:31, 06:36 and 06:40:30, not answered; alert acknowledged by reception:desk at 06:44: went to the room.",
                "\(timeline.events.map { "\($0.kind) \($0.text)" })")
        let kinds = timeline.events.map(\.kind)
        let order: [RoomTimeline.Kind] = [.booking, .push, .due, .ring, .ring, .ring, .outcome, .alert, .acknowledgement]
        var rest = kinds[...]
        for kind in order {
            guard let index = rest.firstIndex(of: kind) else {
                Issue.record("\(kind) missing or out of order in \(kinds)")
                break
            }
            rest = kinds[(index + 1)...]
        }
        #expect(timeline.events.first { $0.kind == .booking }?.actor == "reception:frontdesk")
        #expect(timeline.events.contains { $0.kind == .push && $0.text.hasPrefix("pushed wake-ups 06:30 (AlarmClock): PBX answered Success") }, "\(timeline.events.filter { $0.kind == .push }.map(\.text))")
        #expect(timeline.events.map(\.at) == timeline.events.map(\.at).sorted())
    }
}
