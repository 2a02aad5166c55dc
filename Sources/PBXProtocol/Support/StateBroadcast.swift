
/// A value that changes over time, and for each subscriber a stream of it: the value at the moment
/// of subscribing first, then every change. Reading the value for a new subscriber and changing it
/// both happen under the ``Broadcast``'s subscribers' lock, so no change can fall between reading
/// the value and subscribing (a watcher that read "up" and then subscribed could otherwise miss the drop in
/// between and wait on "up" for good).
public final class StateBroadcast<Element: Sendable & Equatable>: Sendable {
    private let broadcast: Broadcast<Element>
    private let current: Locked<Element>

    public init(_ initial: Element, buffering: AsyncStream<Element>.Continuation.BufferingPolicy = .bufferingNewest(10_000)) {
        broadcast = Broadcast(buffering: buffering)
        current = Locked(initial)
    }

    /// The current value.
    public var value: Element { current.withLock { $0 } }

    /// Sets the value; when it differs, every subscriber gets it, in the order of the changes.
    /// Returns whether it changed.
    @discardableResult
    public func set(_ value: Element) -> Bool {
        var changed = false
        broadcast.yield {
            current.withLock { current in
                guard current != value else { return nil }
                current = value
                changed = true
                return value
            }
        }
        return changed
    }

    /// A stream starting with the current value, then every change; finished once ``finish()`` ran.
    public func subscribe() -> AsyncStream<Element> {
        broadcast.subscribe { current.withLock { $0 } }
    }

    /// Ends every stream; later subscribers get the value and a finished stream.
    public func finish() {
        broadcast.finish()
    }
}
