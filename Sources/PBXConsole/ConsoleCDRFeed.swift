import FileEvents
import Foundation
import Logging
import PBXProtocol

/// The console interface's CDRs (§6.1) as PBX events: `hd.txt` tailed (inotify, and every
/// ``pollInterval`` for shares where inotify hears nothing) and the serial port read, each record
/// handed on as `PBXEvent.cdr` (``ConsoleCDR/cdr``) so it is stored with the TCP interface's CDRs.
/// Bad lines are logged with their source and line number and counted; they never stop the feed.
public final class ConsoleCDRFeed<C: Clock<Duration>>: Sendable where C.Instant: Sendable {
    /// Where CDR lines came from, for logs and tests.
    public enum Source: String, Sendable { case file = "hd.txt", serial }

    public let cdrFile: String?
    public let serialPort: String?
    public let pollInterval: Duration
    private let tailer: CDRFileTailer?
    private let clock: C
    private let logger: Logger
    private let eventBroadcast = Broadcast<PBXEvent>()
    private let badBroadcast = Broadcast<BadConsoleLine>()
    private let counts = Locked((records: 0, bad: 0))

    /// - Parameters:
    ///   - cdrFile: the console software's `hd.txt`, or `nil` to read none.
    ///   - offsetFile: where the position read in `cdrFile` is kept across restarts.
    ///   - serialPort: the device CDR lines are forwarded to (e.g. `/dev/ttyS1`), or `nil`.
    public init(
        cdrFile: String?, offsetFile: String?, serialPort: String?, pollInterval: Duration = .seconds(5), clock: C, logger: Logger
    ) {
        self.cdrFile = cdrFile
        self.serialPort = serialPort
        self.pollInterval = pollInterval
        self.clock = clock
        self.logger = logger
        tailer = cdrFile.map { CDRFileTailer(path: $0, offsetFile: offsetFile, logger: logger) }
    }

    /// The CDRs from now on, as `PBXEvent.cdr`.
    public func events() -> AsyncStream<PBXEvent> { eventBroadcast.subscribe() }

    /// The bad lines from now on.
    public func badLines() -> AsyncStream<BadConsoleLine> { badBroadcast.subscribe() }

    /// Records handed on and bad lines met so far.
    public var totals: (records: Int, bad: Int) { counts.withLock { $0 } }

    /// Reads until cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            if let tailer { group.addTask { await self.tail(tailer) } }
            if let serialPort { group.addTask { await self.readSerial(serialPort) } }
        }
        eventBroadcast.finish()
        badBroadcast.finish()
    }

    private func handle(_ results: [Result<ConsoleCDR, BadConsoleLine>], from source: Source) {
        for result in results {
            switch result {
            case .success(let record):
                counts.withLock { $0.records += 1 }
                eventBroadcast.yield(.cdr(record.cdr))
            case .failure(let bad):
                counts.withLock { $0.bad += 1 }
                logger.error("bad CDR line", metadata: [
                    "source": "\(source.rawValue)", "line": "\(bad.lineNumber)", "error": "\(bad.error)",
                ])
                badBroadcast.yield(bad)
            }
        }
    }

    private func tail(_ tailer: CDRFileTailer) async {
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let directory = (tailer.path as NSString).deletingLastPathComponent
        let name = (tailer.path as NSString).lastPathComponent
        let events = try? DirectoryEvents(directory: directory.isEmpty ? "." : directory)
        if events == nil { logger.warning("cannot watch hd.txt's folder with inotify; polling only", metadata: ["path": "\(tailer.path)"]) }
        defer { events?.cancel() }
        await withDiscardingTaskGroup { group in
            if let events {
                group.addTask { for await changed in events.names where changed == name { wake.yield() } }
            }
            group.addTask { [clock, pollInterval] in
                while (try? await clock.sleep(for: pollInterval)) != nil { wake.yield() }
            }
            group.addTask {
                var iterator = wakes.makeAsyncIterator()
                repeat {
                    var results = tailer.readNew()
                    while !results.isEmpty {
                        self.handle(results, from: .file)
                        results = tailer.readNew()
                    }
                } while await iterator.next() != nil && !Task.isCancelled
            }
        }
    }

    private func readSerial(_ path: String) async {
        while !Task.isCancelled {
            do {
                let reader = try SerialCDRReader(path: path)
                logger.info("reading CDR lines from the serial port (1200 8N2, §6.1)", metadata: ["port": "\(path)"])
                await withTaskCancellationHandler {
                    for await result in reader.records { handle([result], from: .serial) }
                } onCancel: {
                    reader.close()
                }
                logger.warning("the serial port closed; opening it again", metadata: ["port": "\(path)"])
            } catch {
                logger.error("cannot read the serial port; trying again", metadata: ["error": "\(error)"])
            }
            try? await clock.sleep(for: .seconds(30))
        }
    }
}
