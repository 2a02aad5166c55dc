import FileEvents
import Foundation
import Logging
import PBXProtocol
import ReveilleCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Watches the PMS's occupancy export (a `Service`): reads it at start, then whenever it changes —
/// atomic rename, rewrite in place, a file written in several steps, delete and re-create — once
/// it has been quiet for ``quietPeriod`` (so a half-written file is not read). A deleted file is not
/// an empty hotel: nothing happens until it is back. The same content is not imported twice; an
/// import the store failed (`waiting`) is tried again from the same content, 1 s doubling to 60 s.
/// A symbolic link is resolved on every check: its target's folder is watched too, and polling
/// compares the target's size, modification time and path.
///
/// PMS exports usually land on an SMB or NFS share, where inotify never hears of a file written
/// from another machine: with ``pollInterval`` the file's size and modification time are also
/// checked that often (and its content compared before an import), alongside inotify — or alone,
/// where inotify cannot watch the folder.
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
    /// How often the file is checked besides inotify (`nil`: inotify only).
    public let pollInterval: Duration?
    private let inotify: Bool
    private let importer: OccupancyImporter
    private let clock: C
    private let logger: Logger
    private let activityBroadcast = Broadcast<Activity>()

    /// - Parameters:
    ///   - pollInterval: also check the file this often (network file systems); `nil`: inotify only.
    ///   - inotify: `false` polls only (for tests of the polling path).
    public init(
        path: String, importer: OccupancyImporter, quietPeriod: Duration = .seconds(2), pollInterval: Duration? = nil,
        inotify: Bool = true, clock: C, logger: Logger
    ) {
        self.path = path
        self.importer = importer
        self.quietPeriod = quietPeriod
        self.pollInterval = pollInterval
        self.inotify = inotify
        self.clock = clock
        self.logger = logger
    }

    public func activity() -> AsyncStream<Activity> { activityBroadcast.subscribe() }

    public func run() async throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var events: DirectoryEvents?
        if inotify {
            do {
                events = try DirectoryEvents(directory: directory)
            } catch {
                guard pollInterval != nil else { throw error }
                logger.warning("inotify cannot watch the export's folder; polling only", metadata: ["error": "\(error)"])
            }
        }
        defer {
            events?.cancel()
            activityBroadcast.finish()
        }
        var metadata: Logger.Metadata = ["path": "\(path)", "inotify": "\(events != nil)"]
        if let pollInterval { metadata["poll_every"] = "\(pollInterval.components.seconds) s" }
        if let fileSystem = NetworkFileSystem.name(of: directory) {
            metadata["file_system"] = "\(fileSystem)"
            if pollInterval == nil {
                logger.warning("the export is on a network file system where inotify misses writes from other machines; set ingest.csv.pollInterval", metadata: metadata)
            }
        }
        logger.info("watching the occupancy export", metadata: metadata)
        // Graceful shutdown cancels the loop: its normal end.
        let watching = events
        await cancelWhenGracefulShutdown {
            await self.loop(events: watching, name: name)
        }
    }

    private func loop(events: DirectoryEvents?, name: String) async {
        var lastContent: Data?
        // Events ring a doorbell; the loop imports once the file has been quiet long enough.
        let (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let lastEvent = LastEvent()
        /// The store failed this many imports in a row (the retry's backoff), and the retry's timer.
        var failures = 0
        var retry: Task<Void, Never>?
        defer { retry?.cancel() }
        /// inotify on the folder of the file a symbolic link points to (resolved on every check).
        var target: (path: String, events: DirectoryEvents, reader: Task<Void, Never>)?
        defer {
            target?.events.cancel()
            target?.reader.cancel()
        }

        /// Follows a symbolic `path` to its file: a rewrite of the target in its own folder is heard too.
        func watchTarget() {
            guard events != nil else { return }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            let followed = resolved.path != URL(fileURLWithPath: path).standardizedFileURL.path ? resolved.path : nil
            guard followed != target?.path else { return }
            target?.events.cancel()
            target?.reader.cancel()
            target = nil
            guard let followed, let watch = try? DirectoryEvents(directory: resolved.deletingLastPathComponent().path) else { return }
            let targetName = resolved.lastPathComponent
            let reader = Task { [activityBroadcast, clock] in
                for await changed in watch.names where changed == targetName {
                    lastEvent.set(clock.now)
                    activityBroadcast.yield(.observed(name))
                    ring.yield()
                }
            }
            target = (followed, watch, reader)
            logger.info("the export is a symbolic link: following it", metadata: ["path": "\(path)", "target": "\(followed)"])
        }

        /// Imports when the content changed; a store error is tried again with capped backoff
        /// (1 s doubling to ``retryCap``) without waiting for the file to change.
        func check() {
            watchTarget()
            guard let report = importIfChanged(&lastContent) else { return }
            retry?.cancel()
            retry = nil
            guard report.outcome == .waiting else {
                failures = 0
                return
            }
            failures += 1
            let due = clock.now.advanced(by: Self.retryDelay(afterFailures: failures))
            activityBroadcast.yield(.waiting(until: due))
            retry = Task { [clock] in
                guard (try? await clock.sleep(until: due, tolerance: nil)) != nil else { return }
                lastEvent.requestRetry()
                ring.yield()
            }
        }

        check()  // the rescan at start

        let reader = Task { [activityBroadcast, clock] in
            guard let events else { return }
            for await changed in events.names where changed == name {
                lastEvent.set(clock.now)
                activityBroadcast.yield(.observed(changed))
                ring.yield()
            }
            ring.finish()
        }
        defer { reader.cancel() }
        // Polling: a change of size, modification time or symbolic link target counts as an event.
        let poller = Task { [activityBroadcast, clock, path, pollInterval] in
            guard let pollInterval else { return }
            var seen = FileSignature(path: path)
            while (try? await clock.sleep(for: pollInterval, tolerance: nil)) != nil {
                let now = FileSignature(path: path)
                guard now != seen else { continue }
                seen = now
                lastEvent.set(clock.now)
                activityBroadcast.yield(.observed(name))
                ring.yield()
            }
        }
        defer { poller.cancel() }
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        for await _ in doorbell {
            let retrying = lastEvent.takeRetry()
            guard let last = lastEvent.get() else {
                if retrying { check() }
                continue
            }
            let due = last.advanced(by: quietPeriod)
            if clock.now >= due {
                lastEvent.clear(ifStill: last)
                check()
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

    /// The longest wait between two tries of an import the store failed.
    public static var retryCap: Duration { .seconds(60) }

    /// The wait after `failures` store failures in a row: 1 s, doubling, at most ``retryCap``.
    static func retryDelay(afterFailures failures: Int) -> Duration {
        min(.seconds(1 << min(max(failures, 1) - 1, 6)), retryCap)
    }

    /// The instant of the latest change, shared with the event reader, and a retry asked for.
    private final class LastEvent: Sendable {
        private let value = Locked<C.Instant?>(nil)
        private let retry = Locked(false)
        func set(_ instant: C.Instant) { value.withLock { $0 = instant } }
        func get() -> C.Instant? { value.withLock { $0 } }
        func clear(ifStill instant: C.Instant) { value.withLock { if $0 == instant { $0 = nil } } }
        func requestRetry() { retry.withLock { $0 = true } }
        func takeRetry() -> Bool {
            retry.withLock { asked in
                defer { asked = false }
                return asked
            }
        }
    }

    /// Imports the file when its content differs from the last import's; `nil` when nothing was
    /// imported (unchanged, or absent).
    private func importIfChanged(_ lastContent: inout Data?) -> ImportReport? {
        // Opening the path follows a symbolic link to the file it names now.
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.notice("occupancy export absent: nothing changes until it is back", metadata: ["path": "\(path)"])
            activityBroadcast.yield(.absent)
            return nil
        }
        guard data != lastContent else { return nil }
        let report = importer.importExport(data, file: URL(fileURLWithPath: path).lastPathComponent)
        // A rejected file is read again when it changes; an applied or held one only if it changes;
        // one the store failed is read and tried again (``retryDelay(afterFailures:)``).
        lastContent = report.outcome == .waiting ? nil : data
        activityBroadcast.yield(.imported(report))
        return report
    }
}

/// What polling compares: the size and modification time of the file `path` names, following a
/// symbolic link, and where the link points (`nil` when it is not there).
struct FileSignature: Equatable {
    var size: UInt64?
    var modified: Date?
    var target: String?

    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // stat, not lstat: the link's target
        size = UInt64(info.st_size)
        modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}

/// Recognises the network file systems on which inotify misses writes from other machines.
enum NetworkFileSystem {
    static let networkTypes: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "davfs"]

    /// The file system type if `path` lies on a network file system (per `/proc/mounts`), else `nil`.
    static func name(of path: String, mounts: String? = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) -> String? {
        guard let mounts else { return nil }
        // The mount point that is the longest prefix of the path decides.
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || path == point || path.hasPrefix(point.hasSuffix("/") ? point : point + "/")
            if inside, point.count > (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        guard let type = best?.type, networkTypes.contains(type) else { return nil }
        return type
    }
}
