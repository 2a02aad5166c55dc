import NIOConcurrencyHelpers

/// A value behind a lock, for state shared between threads and tasks: the project's lock.
///
/// Not `Synchronization.Mutex`: on Linux its lock and unlock are inlined into the caller and read
/// the thread's identity through a thread-local, and in an async function an optimised build may
/// reuse that read from before an `await` after the task resumed on another thread. The unlock
/// then traps ("Call to unlock Mutex on a thread which hasn't acquired the lock") as soon as
/// another thread contends. `NIOLock` is a call into pthreads, which reads the thread where it runs.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NIOLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value, holding the lock (never across a suspension: `body` is synchronous).
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
