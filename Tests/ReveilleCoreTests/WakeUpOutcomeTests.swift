import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// §5.3 decisions: 10 → 6 is an answered wake-up, 10 → anything else an unanswered one.
struct WakeUpOutcomeTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_560_000)

    static func status(_ exten: String, _ state: ExtensionStatus.State, muted: Bool = false) -> ExtenStatus {
        ExtenStatus(exten: exten, status: ExtensionStatus(state, muted: muted))
    }

    @Test func ringThenTalkingIsAnswered() {
        var tracker = WakeUpOutcomeTracker()
        #expect(tracker.observe(Self.status("8208", .wakeUpRinging), at: Self.t0) == nil)
        #expect(tracker.ringingNow.keys.sorted() == ["8208"])
        let attempt = tracker.observe(Self.status("8208", .talking), at: Self.t0 + 12)
        #expect(attempt == WakeUpAttempt(phone: "8208", ringAt: Self.t0, outcome: .answered, endedAt: Self.t0 + 12))
        #expect(tracker.ringingNow.isEmpty)
    }

    @Test func ringThenIdleIsUnanswered() {
        var tracker = WakeUpOutcomeTracker()
        _ = tracker.observe(Self.status("8208", .wakeUpRinging), at: Self.t0)
        #expect(tracker.observe(Self.status("8208", .offline), at: Self.t0 + 30)?.outcome == .unanswered)
        // The talking state that follows belongs to no wake-up.
        #expect(tracker.observe(Self.status("8208", .talking), at: Self.t0 + 40) == nil)
    }

    @Test func statusesOfOtherExtensionsAndPlainCallsAreIgnored() {
        var tracker = WakeUpOutcomeTracker()
        _ = tracker.observe(Self.status("8208", .wakeUpRinging), at: Self.t0)
        #expect(tracker.observe(Self.status("8301", .talking), at: Self.t0 + 1) == nil)
        #expect(tracker.observe(Self.status("8208", .wakeUpRinging), at: Self.t0 + 2) == nil)  // repeated 10 keeps the first
        #expect(tracker.observe(Self.status("8208", .talking, muted: true), at: Self.t0 + 3)?.ringAt == Self.t0)
    }
}
