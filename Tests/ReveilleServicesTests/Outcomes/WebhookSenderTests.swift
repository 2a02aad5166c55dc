import Clocks
import Foundation
import Logging
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import Testing

/// The alert webhook: HMAC-SHA256 signature, retries with backoff, the secret never shown.
@Suite(.timeLimit(.minutes(1)))
struct WebhookSenderTests {
    static let alert = Alert(
        id: 7, kind: .notRung, room: "1208", guest: "张伟", scheduledAt: Date(timeIntervalSince1970: 1_795_559_400),
        raisedAt: Date(timeIntervalSince1970: 1_795_559_520), message: "Wake-up 06:30 for room 1208 (张伟) never rang")

    @Test func theSignatureIsTheHexHMACSHA256OfTheBody() {
        // RFC 4231, test case 2.
        #expect(WebhookSender.signature(of: Data("what do ya want for nothing?".utf8), secret: "Jefe")
            == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func aFailingWebhookIsRetriedWithBackoffUntilItAccepts() async throws {
        let hook = try await WebhookReceiver.start(failFirst: 2)
        var configuration = WebhookConfiguration(url: hook.url, secret: "another-secret-of-16+")
        configuration.firstBackoff = .seconds(1)
        // The backoff sleeps on an immediate clock: retried at once, nothing really waits.
        let sender = WebhookSender(configuration: configuration, clock: ImmediateClock(), logger: PushHarness.logger)
        let task = Task { try? await sender.run() }
        sender.enqueue(API.Alert(Self.alert, params: ["room": "1208", "guest": "张伟", "time": "06:30", "attempts": "3"]))
        var bodies: [Data] = []
        var iterator = hook.stream.makeAsyncIterator()
        while bodies.count < 3, let (body, signature) = await iterator.next() {
            #expect(signature == WebhookSender.signature(of: body, secret: "another-secret-of-16+"))
            bodies.append(body)
        }
        #expect(bodies.count == 3)
        #expect(Set(bodies).count == 1)
        let posted = try API.decoder().decode(API.Alert.self, from: bodies[0])
        #expect(posted == API.Alert(Self.alert, params: ["room": "1208", "guest": "张伟", "time": "06:30", "attempts": "3"]))
        task.cancel()
        await task.value
        await hook.stop()
    }

    @Test func theConfigurationNeverShowsTheSecret() {
        let configuration = WebhookConfiguration(url: "https://duty.example.com/hook", secret: "do-not-print-this-secret")
        #expect(!"\(configuration)".contains("do-not-print"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("do-not-print") && dumped.contains("duty.example.com"))
    }
}
