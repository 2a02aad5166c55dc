import HummingbirdBcrypt
import NIOPosix
import PBXProtocol

/// bcrypt (hummingbird-auth's `HummingbirdBcrypt`) on NIO's thread pool: a hash costs tens to
/// hundreds of milliseconds of CPU on purpose, and must never hold one of Swift's cooperative
/// threads. Verifying against an unknown user hashes a dummy at the same cost, so the answer
/// takes as long whether the name exists or not.
public struct PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds in production (12: about a quarter of a second on one core).
    public static let productionCost: UInt8 = 12
    /// The cheapest cost bcrypt accepts: for tests only.
    public static let testCost: UInt8 = 4

    public let cost: UInt8
    private let dummy: DummyHash

    /// - Parameter cost: log2 of the rounds, 4 … 31 (``productionCost`` unless a test says otherwise).
    public init(cost: UInt8 = PasswordHasher.productionCost) {
        precondition((4...31).contains(cost), "bcrypt cost must be 4 … 31")
        self.cost = cost
        dummy = DummyHash(cost: cost)
    }

    /// The bcrypt hash of `password`, with a fresh salt.
    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with `hash` `nil` (no such user) a dummy hash of the same
    /// cost is checked instead and the answer is `false`.
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let dummy = self.dummy
        return try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: dummy.value)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    /// A hash of nothing anyone knows, made once (on the pool, the first time it is needed).
    final class DummyHash: Sendable {
        let cost: UInt8
        private let made = Locked<String?>(nil)

        init(cost: UInt8) { self.cost = cost }

        var value: String {
            made.withLock { made in
                if let made { return made }
                let hash = Bcrypt.hash(String(UInt64.random(in: .min ... .max), radix: 36), cost: cost)
                made = hash
                return hash
            }
        }
    }
}
