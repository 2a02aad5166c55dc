import Crypto
import Foundation
import Hummingbird
import PBXProtocol
import PBXSimulator
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// The simulator is scripted per extension, time is a `TestClock`, the PBX's
/// events reach the recorder over TCP. Every wake-up gets its outcome (§1) and a miss raises an
/// alert within 60 s of the last attempt (§2), also by a signed webhook.
@Suite(.timeLimit(.minutes(2)))
struct WakeUpOutcomeAcceptanceTests {
    @Test func answeredOnTheFirstAttempt() async throws {
        var harness = try await OutcomeHarness.started(.onAttempt(1))
        await harness.step(to: "2026-11-25 06:31:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .answered)
        #expect(occurrence.attempts.map(\.result) == [.answered])
        #expect(occurrence.guest == "Guest 1" && occurrence.source == .room)
        #expect(alert == nil)
        #expect(try harness.store.alerts().isEmpty)
        await harness.stop()
    }

    @Test func answeredOnTheSecondAttempt() async throws {
        var harness = try await OutcomeHarness.started(.onAttempt(2))
        await harness.step(to: "2026-11-25 06:31:00")
        try await harness.attempts(1)
        await harness.step(to: "2026-11-25 06:36:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .answered)
        #expect(occurrence.attempts.map(\.result) == [.unanswered, .answered])
        #expect(alert == nil)
        await harness.stop()
    }

    @Test func neverAnsweredRaisesAnAlertWithinSixtySecondsAndASignedWebhook() async throws {
        let hook = try await WebhookReceiver.start()
        let secret = "a-webhook-secret-of-some-length"
        var harness = try await OutcomeHarness.started(.never, webhook: WebhookConfiguration(url: hook.url, secret: secret))
        for (minute, attempts) in [("31", 1), ("36", 2)] {
            await harness.step(to: "2026-11-25 06:\(minute):00")
            try await harness.attempts(attempts)
        }
        await harness.step(to: "2026-11-25 06:40:30")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .unanswered)
        #expect(occurrence.attempts.map(\.result) == [.unanswered, .unanswered, .unanswered])
        let raised = try #require(alert)
        #expect(raised.kind == .unanswered)
        // The last attempt rang at 06:40 (the simulator's wall clock).
        let lastAttempt = harness.calendar.instant(PBXDateTime("2026-11-25 06:40:00")!)
        #expect(raised.raisedAt.timeIntervalSince(lastAttempt) <= 60)
        #expect(try harness.store.alerts(openOnly: true).map(\.id) == [raised.id])
        #expect(try harness.store.occurrences(from: lastAttempt - 86_400, to: lastAttempt + 86_400).first?.alertID == raised.id)

        let (body, signature) = try #require(await hook.next())
        #expect(signature == WebhookSender.signature(of: body, secret: secret))
        let code = Data(try #require(signature?.dropFirst("sha256=".count)).chunked())
        #expect(HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: SymmetricKey(data: Data(secret.utf8))))
        let posted = try API.decoder().decode(API.Alert.self, from: body)
        #expect(posted.id == raised.id && posted.kind == "unanswered" && posted.room == "1201" && posted.guest == "Guest 1")
        await harness.stop()
        await hook.stop()
    }

    @Test func thePBXNeverRingsIsNotRung() async throws {
        var harness = try await OutcomeHarness.started(.doesNotRing)
        #expect(await harness.step(to: "2026-11-25 06:31:00").isEmpty)
        await harness.step(to: "2026-11-25 06:33:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .notRung)
        #expect(occurrence.attempts.isEmpty)
        #expect(alert?.kind == .notRung)
        await harness.stop()
    }

    @Test func aBusyLineAtEveryAttemptIsBusy() async throws {
        var harness = try await OutcomeHarness.started(.busy, attempts: 2)
        await harness.step(to: "2026-11-25 06:31:00")
        try await harness.attempts(1)
        await harness.step(to: "2026-11-25 06:36:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .busy)
        #expect(occurrence.attempts.map(\.result) == [.busy, .busy])
        #expect(alert?.kind == .busy)
        await harness.stop()
    }

    /// §4.3 Decision: the guest's DND (22:00–08:00) covers the 06:30 wake-up. The
    /// simulator, like the stricter PBXs, silences rings inside a DND window; by default the window
    /// sent to the PBX ends at 06:30, so the wake-up rings and is answered.
    @Test func aWakeUpInsideADNDWindowRingsBecauseTheWindowEndsAtIt() async throws {
        var harness = try await OutcomeHarness()
        try harness.book()
        try harness.dnd()
        try await harness.start()
        guard case .on(_, let end) = harness.pbx.extensionState("8201").dnd else { Issue.record("no DND on the PBX"); return }
        #expect(end == PBXDateTime("2026-11-25 06:30:00")!)
        await harness.step(to: "2026-11-25 06:31:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .answered)
        #expect(alert == nil)
        await harness.stop()
    }

    /// The same with `hotel.dndEndsAtWakeUp: false`: the PBX keeps DND until 08:00 and does not ring;
    /// the wake-up ends not rung, and reception is alerted rather than left to believe it rang.
    @Test func withDNDKeptWholeTheSilencedWakeUpIsNotRungAndAlerted() async throws {
        var harness = try await OutcomeHarness(settings: { $0.dndEndsAtWakeUp = false })
        try harness.book()
        try harness.dnd()
        try await harness.start()
        guard case .on(_, let end) = harness.pbx.extensionState("8201").dnd else { Issue.record("no DND on the PBX"); return }
        #expect(end == PBXDateTime("2026-11-25 08:00:00")!)
        #expect(await harness.step(to: "2026-11-25 06:31:00").isEmpty)
        await harness.step(to: "2026-11-25 06:43:00")
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .notRung)
        #expect(alert?.kind == .notRung)
        await harness.stop()
    }

    @Test func cancelledBeforeItsTime() async throws {
        var harness = try await OutcomeHarness.started()
        try harness.store.delete(WakeUpPolicy.self, id: 1201, actor: "test", at: harness.push.now())
        harness.push.scheduler.changed(rooms: ["1201"])
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .cancelled)
        #expect(alert == nil)
        await harness.stop()
    }

    @Test func checkedOutBeforeItsTime() async throws {
        var harness = try await OutcomeHarness.started()
        var stay = try #require(try harness.store.snapshot().stays[1])
        stay.status = .checkedOut
        try harness.store.save(stay, actor: "test", at: harness.push.now())
        harness.push.scheduler.changed(rooms: ["1201"])
        let (occurrence, alert) = try await harness.outcome()
        #expect(occurrence.state == .checkedOut)
        #expect(alert == nil)
        await harness.stop()
    }

    @Test func acknowledgingAnAlertRecordsWhoAndWhatAndClosesIt() async throws {
        var harness = try await OutcomeHarness.started(.doesNotRing)
        await harness.step(to: "2026-11-25 06:33:00")
        let (_, alert) = try await harness.outcome()
        let raised = try #require(alert)
        let acknowledged = try harness.store.acknowledge(
            alert: raised.id, action: .wentToTheRoom, note: "guest was asleep", actor: "reception:alice", at: harness.push.now())
        #expect(acknowledged.acknowledgedBy == "reception:alice" && acknowledged.action == .wentToTheRoom)
        #expect(try harness.store.alerts(openOnly: true).isEmpty)
        #expect(try harness.store.audit(limit: 5).contains { $0.action == "acknowledge" && $0.entity == "alert" && $0.actor == "reception:alice" })
        #expect(throws: AlertAcknowledgementError.unknownAlert(999)) {
            try harness.store.acknowledge(alert: 999, action: .other, note: nil, actor: "reception:alice", at: harness.push.now())
        }
        await harness.stop()
    }
}

/// An HTTP server in the test process that records each POST's body and signature header.
struct WebhookReceiver: Sendable {
    let url: String
    private let task: Task<Void, Never>
    /// Each POST: its body and `X-Reveille-Signature`.
    let stream: AsyncStream<(Data, String?)>

    static func start(failFirst: Int = 0) async throws -> WebhookReceiver {
        let (stream, continuation) = AsyncStream.makeStream(of: (Data, String?).self)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let failures = Mutex(failFirst)
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            continuation.yield((Data(buffer: body), request.headers.first { $0.name.canonicalName == WebhookSender.signatureHeader.lowercased() }?.value))
            return failures.withLock { left in
                guard left > 0 else { return .ok }
                left -= 1
                return .serviceUnavailable
            }
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: PushHarness.logger)
        let task = Task { _ = try? await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return WebhookReceiver(url: "http://127.0.0.1:\(port)/hook", task: task, received: stream)
    }

    private init(url: String, task: Task<Void, Never>, received: AsyncStream<(Data, String?)>) {
        self.url = url
        self.task = task
        self.stream = received
    }

    /// The first POST: its body and `X-Reveille-Signature`.
    func next() async -> (Data, String?)? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}

extension Substring {
    /// Hex digits as bytes (`"0aff"` → `[0x0a, 0xff]`).
    func chunked() -> [UInt8] {
        var bytes: [UInt8] = []
        var index = startIndex
        while index < endIndex, let next = self.index(index, offsetBy: 2, limitedBy: endIndex) {
            bytes.append(UInt8(self[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
