
/// Hands every value to every current subscriber, each through its own `AsyncStream`.
public final class Broadcast<Element: Sendable>: Sendable {
    private struct Subscribers {
        var next: UInt64 = 0
        var continuations: [UInt64: AsyncStream<Element>.Continuation] = [:]
        var finished = false
    }

    private let subscribers = Locked(Subscribers())
    /// Held while ``yield(when:)`` sends, so that changes reach every subscriber in their order.
    private let delivery = Locked(())
    private let buffering: AsyncStream<Element>.Continuation.BufferingPolicy

    public init(buffering: AsyncStream<Element>.Continuation.BufferingPolicy = .bufferingNewest(10_000)) {
        self.buffering = buffering
    }

    /// A new stream of the values yielded from now on, starting with `initial` when given.
    public func subscribe(initial: Element? = nil) -> AsyncStream<Element> {
        subscribe(first: { initial })
    }

    /// A new stream whose first value `first` gives (if any), read under the subscribers' lock:
    /// nothing ``yield(when:)`` sends can fall between that value and the subscription. (The first
    /// value is yielded under the lock: the stream is new, no consumer waits on it yet.)
    public func subscribe(first: () -> Element?) -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: buffering)
        let id: UInt64? = subscribers.withLock { subscribers in
            if let value = first() { continuation.yield(value) }
            guard !subscribers.finished else { return nil }
            subscribers.next += 1
            subscribers.continuations[subscribers.next] = continuation
            return subscribers.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { _ = $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    public func yield(_ element: Element) {
        let continuations = subscribers.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(element) }
    }

    /// Sends what `change` returns (nothing when `nil`) to every subscriber. `change` runs under the
    /// subscribers' lock, ordered with ``subscribe(first:)``; the sending happens after it, under a
    /// second lock that keeps the order of the changes. Never yield to a consumer under the
    /// subscribers' lock: resuming a consumer takes its task's lock, and a task being cancelled
    /// holds that lock while its stream's termination handler asks for the subscribers' lock.
    public func yield(when change: () -> Element?) {
        delivery.withLock { _ in
            let (element, continuations) = subscribers.withLock { subscribers -> (Element?, [AsyncStream<Element>.Continuation]) in
                guard let element = change() else { return (nil, []) }
                return (element, Array(subscribers.continuations.values))
            }
            guard let element else { return }
            for continuation in continuations { continuation.yield(element) }
        }
    }

    /// Ends every stream; later subscribers get a finished stream.
    public func finish() {
        let continuations = subscribers.withLock { subscribers in
            subscribers.finished = true
            defer { subscribers.continuations.removeAll() }
            return Array(subscribers.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
