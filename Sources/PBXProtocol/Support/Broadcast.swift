import Synchronization

/// Hands every value to every current subscriber, each through its own `AsyncStream`.
public final class Broadcast<Element: Sendable>: Sendable {
    private struct Subscribers {
        var next: UInt64 = 0
        var continuations: [UInt64: AsyncStream<Element>.Continuation] = [:]
        var finished = false
    }

    private let subscribers = Mutex(Subscribers())
    private let buffering: AsyncStream<Element>.Continuation.BufferingPolicy

    public init(buffering: AsyncStream<Element>.Continuation.BufferingPolicy = .bufferingNewest(10_000)) {
        self.buffering = buffering
    }

    /// A new stream of the values yielded from now on, starting with `initial` when given.
    public func subscribe(initial: Element? = nil) -> AsyncStream<Element> {
        subscribe(first: { initial })
    }

    /// A new stream whose first value `first` gives (if any), read under the subscribers' lock:
    /// nothing ``yield(when:)`` sends can fall between that value and the subscription.
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

    /// Sends what `change` returns (nothing when `nil`) to every subscriber. `change` and the sending
    /// run under the subscribers' lock (yielding never calls back here), ordered with
    /// ``subscribe(first:)`` and with each other.
    public func yield(when change: () -> Element?) {
        subscribers.withLock { subscribers in
            guard let element = change() else { return }
            for continuation in subscribers.continuations.values { continuation.yield(element) }
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
