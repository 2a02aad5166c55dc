import Foundation
import Logging
import ReveilleCore
import ServiceLifecycle
import PBXProtocol
import Synchronization

/// Watches the PMS's occupancy export (a `Service`): reads it at start, then whenever it changes —
/// atomic rename, rewrite in place, a file written in several steps, delete and re-create — once
/// it has been quiet for ``quietPeriod`` (so a half-written file is not read). A deleted file is not
/// an empty hotel: nothing happens until it is back. The same content is not imported twice.
public final class OccupancyWatcher<C: Clock<Duration>>: Service, Sendable where C.Instant: Sendable {
    /// What the watcher does, for tests and the admin.
    public enum Activity: Sendable {
        case observed(String)
        case imported(ImportReport)
        /// The file is gone (or unreadable): nothing changes until it is back.
        case absent
        case waiting(until: C.Instant)
    }

    public let path: String
    public let quietPeriod: Duration
    private let importer: OccupancyImporter
    private let clock: C
    private let logger: Logger
    private let activityBroadcast = Broadcast<Activity>()

    public init(path: String, importer: OccupancyImporter, quietPeriod: Duration = .seconds(2), clock: C, logger: Logger) {
        self.path = path
        self.importer = importer
        self.quietPeriod = quietPeriod
        self.clock = clock
        self.logger = logger
    }

    public func activity() -> AsyncStream<Activity> { activityBroadcast.subscribe() }

    public func run() async throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let events = try DirectoryEvents(directory: directory)
        defer {
            events.cancel()
            activityBroadcast.finish()
        }
        logger.info("watching the occupancy export", metadata: ["path": "\(path)"])
        // Graceful shutdown cancels the loop: its normal end.
        await cancelWhenGracefulShutdown {
            await self.loop(events: events, name: name)
        }
    }

    private func loop(events: DirectoryEvents, name: String) async {
        var lastContent: Data?
        importIfChanged(&lastContent)  // the rescan at start

        // Events ring a doorbell; the loop imports once the file has been quiet long enough.
        let (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let lastEvent = LastEvent()
        let reader = Task { [activityBroadcast, clock] in
            for await changed in events.names where changed == name {
                lastEvent.set(clock.now)
                activityBroadcast.yield(.observed(changed))
                ring.yield()
            }
            ring.finish()
        }
        defer { reader.cancel() }
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        for await _ in doorbell {
            guard let last = lastEvent.get() else { continue }
            let due = last.advanced(by: quietPeriod)
            if clock.now >= due {
                lastEvent.clear(ifStill: last)
                importIfChanged(&lastContent)
                continue
            }
            activityBroadcast.yield(.waiting(until: due))
            timer?.cancel()
            timer = Task { [clock] in
                guard (try? await clock.sleep(until: due, tolerance: nil)) != nil else { return }
                ring.yield()
            }
        }
    }

    /// The instant of the latest change, shared with the event reader.
    private final class LastEvent: Sendable {
        private let value = Mutex<C.Instant?>(nil)
        func set(_ instant: C.Instant) { value.withLock { $0 = instant } }
        func get() -> C.Instant? { value.withLock { $0 } }
        func clear(ifStill instant: C.Instant) { value.withLock { if $0 == instant { $0 = nil } } }
    }

    private func importIfChanged(_ lastContent: inout Data?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.notice("occupancy export absent: nothing changes until it is back", metadata: ["path": "\(path)"])
            activityBroadcast.yield(.absent)
            return
        }
        guard data != lastContent else { return }
        let report = importer.importExport(data, file: URL(fileURLWithPath: path).lastPathComponent)
        // A rejected file is read again when it changes; an applied or held one only if it changes.
        lastContent = data
        activityBroadcast.yield(.imported(report))
    }
}
