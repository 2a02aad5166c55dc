import Synchronization

/// A value that changes over time, and for each subscriber a stream of it: the value at the moment
/// of subscribing first, then every change. The value and the subscribers share one lock, so no
/// change can fall between reading the value and subscribing (a watcher that read "up" and then
/// subscribed could otherwise miss the drop in between and wait on "up" for good).
public final class StateBroadcast<Element: Sendable & Equatable>: Sendable {
    private struct State {
        var value: Element
        var next: UInt64 = 0
        var continuations: [UInt64: AsyncStream<Element>.Continuation] = [:]
        var finished = false
    }

    private let state: Mutex<State>
    private let buffering: AsyncStream<Element>.Continuation.BufferingPolicy

    public init(_ initial: Element, buffering: AsyncStream<Element>.Continuation.BufferingPolicy = .bufferingNewest(10_000)) {
        state = Mutex(State(value: initial))
        self.buffering = buffering
    }

    /// The current value.
    public var value: Element { state.withLock { $0.value } }

    /// Sets the value; when it differs, every subscriber gets it (in the order the changes were
    /// made). Returns whether it changed.
    @discardableResult
    public func set(_ value: Element) -> Bool {
        state.withLock { state in
            guard state.value != value else { return false }
            state.value = value
            // Yielding never calls back into this type, so it may happen under the lock, which
            // keeps the subscribers' order the order of the changes.
            for continuation in state.continuations.values { continuation.yield(value) }
            return true
        }
    }

    /// A stream starting with the current value, then every change; finished once ``finish()`` ran.
    public func subscribe() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: buffering)
        let id: UInt64? = state.withLock { state in
            continuation.yield(state.value)
            guard !state.finished else { return nil }
            state.next += 1
            state.continuations[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every stream; later subscribers get the value and a finished stream.
    public func finish() {
        let continuations = state.withLock { state in
            state.finished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
