import NIOPosix

/// Threads of their own for work that touches SQLite, so it never runs on Swift's cooperative pool.
///
/// Every `Store` call is synchronous: it may wait up to the busy timeout for a lock another process
/// holds (a backup tool, an admin's `sqlite3`), and planning the hotel costs CPU. On the
/// cooperative pool (one thread per core) a few such waits stop everything else, answers that
/// never touch the database (`/api/link`) included. Code that reaches the store runs with one of
/// these as its task executor preference (`withTaskExecutorPreference`): its synchronous work
/// runs here, and a wait blocks only this executor's threads.
///
/// Three executors, so one kind of work never queues behind another: SQLite has one writer and
/// many readers (WAL), and the services' background work (planning, recording, imports) must not
/// hold up reception's requests.
public final class StoreExecutor: TaskExecutor {
    private let pool: NIOThreadPool
    /// What it is for (logs, debugging; NIO names the threads themselves).
    public let name: String

    /// Starts `threads` threads; they run as long as the process does.
    public init(name: String, threads: Int) {
        self.name = name
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in job.runSynchronously(on: executor) }
    }

    /// Reception's reads (GET, HEAD): served beside a writer that waits for a lock.
    public static let reads = StoreExecutor(name: "reveille-reads", threads: 4)
    /// Reception's writes (bookings, cancellations, acknowledgements): one SQLite writer, so a few
    /// threads; the rest wait in line, off the cooperative pool.
    public static let writes = StoreExecutor(name: "reveille-writes", threads: 3)
    /// The services: the push scheduler, the recorders, imports, retention, metrics.
    public static let background = StoreExecutor(name: "reveille-background", threads: 4)
}
