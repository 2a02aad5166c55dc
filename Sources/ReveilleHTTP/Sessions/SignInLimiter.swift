import Foundation
import ReveilleCore
import PBXProtocol

/// Failed sign-ins of this process (``SignInThrottle``, 5 within 5 minutes per user name),
/// shared by every request.
public final class SignInLimiter: Sendable {
    private let throttle: Locked<SignInThrottle>

    public init(_ throttle: SignInThrottle = SignInThrottle()) {
        self.throttle = Locked(throttle)
    }

    /// `nil` when `user` may try now; else the seconds until it may.
    func retryAfter(user: String, now: Date) -> TimeInterval? {
        throttle.withLock { $0.retryAfter(user: user, now: now) }
    }

    func failed(user: String, now: Date) {
        throttle.withLock { $0.failed(user: user, now: now) }
    }

    func succeeded(user: String) {
        throttle.withLock { $0.succeeded(user: user) }
    }
}
