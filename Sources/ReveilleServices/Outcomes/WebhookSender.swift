import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import ReveilleAPIContract
import ReveilleCore
import ServiceLifecycle

/// `alerts.webhook`: where alerts are posted.
public struct WebhookConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// An `http://` or `https://` URL.
    public var url: String
    /// Signs each body (`X-Reveille-Signature: sha256=<hex HMAC-SHA256>`). Never logged or printed.
    public var secret: String
    /// How long one POST may take.
    public var timeout: Duration = .seconds(10)
    /// Attempts per alert before it is given up (logged).
    public var maximumAttempts = 8
    /// The wait after the first failure, doubling up to ``maximumBackoff``.
    public var firstBackoff: Duration = .seconds(1)
    public var maximumBackoff: Duration = .seconds(300)

    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }

    /// The URL only: the secret is never shown.
    public var description: String { "webhook \(url) (secret redacted)" }

    /// `dump` and debuggers see the URL, never the secret.
    public var customMirror: Mirror { Mirror(self, children: ["url": url, "secret": "<redacted>"]) }
}

/// Posts each alert as JSON (``API/Alert``, the API's encoder) to the configured URL with an
/// HMAC-SHA256 signature of the body (a `Service`). Each alert is delivered on its own task and
/// retried with backoff on the injected clock; ``enqueue(_:)`` never waits, the queue is bounded
/// (the newest 1,000), so a failing webhook never blocks anything else.
///
/// AsyncHTTPClient is used because it was already resolved (HummingbirdTesting depends on it) and
/// works the same on Linux as elsewhere; URLSession on Linux (FoundationNetworking) brings libcurl.
/// swift-crypto (already resolved through swift-certificates) computes the HMAC.
public final class WebhookSender: Service, Sendable {
    /// The signature header's name.
    public static let signatureHeader = "X-Reveille-Signature"

    private let configuration: WebhookConfiguration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let logger: Logger
    private let queue: AsyncStream<API.Alert>
    private let continuation: AsyncStream<API.Alert>.Continuation

    public init<C: Clock<Duration>>(configuration: WebhookConfiguration, clock: C, logger: Logger) {
        self.configuration = configuration
        self.sleep = { try await clock.sleep(for: $0) }
        self.logger = logger
        (queue, continuation) = AsyncStream.makeStream(of: API.Alert.self, bufferingPolicy: .bufferingNewest(1000))
    }

    /// Queues an alert for delivery; returns at once.
    public func enqueue(_ alert: API.Alert) {
        continuation.yield(alert)
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
    public static func signature(of body: some DataProtocol, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            await withDiscardingTaskGroup { group in
                for await alert in queue {
                    group.addTask { await self.deliver(alert) }
                }
            }
        }
    }

    /// Posts one alert until it is accepted (2xx) or the attempts are used up.
    private func deliver(_ alert: API.Alert) async {
        let body: Data
        do {
            body = try API.encoder().encode(alert)
        } catch {
            logger.error("alert webhook: could not encode the alert", metadata: ["alert": "\(alert.id)", "error": "\(error)"])
            return
        }
        var backoff = configuration.firstBackoff
        for attempt in 1...max(configuration.maximumAttempts, 1) {
            let failure: String
            do {
                let status = try await post(body)
                if (200..<300).contains(status) {
                    logger.info("alert webhook delivered", metadata: ["alert": "\(alert.id)", "attempt": "\(attempt)"])
                    return
                }
                failure = "HTTP \(status)"
            } catch {
                if Task.isCancelled { return }
                failure = "\(error)"
            }
            guard attempt < configuration.maximumAttempts else {
                logger.error("alert webhook gave up", metadata: ["alert": "\(alert.id)", "attempts": "\(attempt)", "error": "\(failure)"])
                return
            }
            logger.warning("alert webhook failed; retrying", metadata: [
                "alert": "\(alert.id)", "attempt": "\(attempt)", "error": "\(failure)", "retry_in": "\(backoff)",
            ])
            do { try await sleep(backoff) } catch { return }
            backoff = min(backoff * 2, configuration.maximumBackoff)
        }
    }

    private func post(_ body: Data) async throws -> UInt {
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: Self.signatureHeader, value: Self.signature(of: body, secret: configuration.secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = TimeAmount.milliseconds(Int64(configuration.timeout.components.seconds * 1000))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return response.status.code
    }
}
