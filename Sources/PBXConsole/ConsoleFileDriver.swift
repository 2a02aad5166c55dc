import FileEvents
import Foundation
import Logging
import PBXProtocol
import Synchronization

/// The PBX through the console software's files (§6.2, §6.3): the second driver beside the TCP
/// link, with the same `send` / `states` shape so the push scheduler drives either.
///
/// - `ExtenLimit` (§4.1) becomes a `Grade` line (1–5 mapped to 0–3 by ``ConsoleCallClass``).
/// - `AlarmClock` (§4.4) becomes one `Clock` line per wake-up on the list, each dated to its next
///   occurrence (``ConsoleClockPlanner``); a wake-up written earlier and since removed cannot be
///   taken back (§6.3 has no cancel): that push is answered Error, so it shows as failed.
/// - `ExtenName`, `ExtenDND` have no console file: a name or a DND window is answered Error naming
///   the limit (``ConsoleUnsupported``); no name and DND off are Success without a line (they hold).
/// - Each line waits for its `…OK` (``ConsoleFile``), read on inotify and every ``replyPollInterval``
///   (a network share hears no inotify); none within ``replyTimeout`` is `timedOut`.
///
/// The state is `up` while the folder exists, `down` otherwise (checked at start and before every send).
public final class ConsoleFileDriver<C: Clock<Duration>>: Sendable where C.Instant: Sendable {
    /// What the driver writes and reads, for tests and logs.
    public enum Activity: Hashable, Sendable {
        case wrote(ConsoleFile, line: String)
        case acknowledged(ConsoleFile, line: String)
        case timedOut(ConsoleFile, line: String)
    }

    public let folder: URL
    public let replyTimeout: Duration
    /// How often the file is read while a reply is awaited, besides inotify (network shares).
    public let replyPollInterval: Duration
    public let encoding: ConsoleTextEncoding
    private let watch: Bool
    private let clock: C
    private let now: @Sendable () -> PBXDateTime
    private let logger: Logger
    private let current = Locked(LinkState.connecting)
    private let stateBroadcast = Broadcast<LinkState>()
    private let activityBroadcast = Broadcast<Activity>()
    private let gate = SendGate()
    private let sequence = Atomic<Int>(0)
    /// Future Clock lines written, by extension: what a later list must keep (§6.3 cannot cancel).
    private let written = Locked<[String: Set<WrittenClockLine>]>([:])
    private let seen = Locked<Set<ConsoleUnsupported>>([])

    /// - Parameters:
    ///   - folder: the console software's install folder, where `Grade` and `Clock` live.
    ///   - now: the hotel's wall clock (which day a wake-up's line names).
    ///   - replyPollInterval: how often the file is read while a reply is awaited, besides inotify.
    ///   - encoding: how the console software reads and writes its files.
    ///   - watch: `false` reads replies by polling only (for tests of the network-share path).
    public init(
        folder: String, replyTimeout: Duration = .seconds(10), replyPollInterval: Duration = .milliseconds(500),
        encoding: ConsoleTextEncoding = .utf8, watch: Bool = true, clock: C, now: @escaping @Sendable () -> PBXDateTime,
        logger: Logger
    ) {
        self.watch = watch
        self.folder = URL(fileURLWithPath: folder, isDirectory: true)
        self.replyTimeout = replyTimeout
        self.replyPollInterval = replyPollInterval
        self.encoding = encoding
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// The current state.
    public var state: LinkState { current.withLock { $0 } }

    /// The states from now on, starting with the current one.
    public func states() -> AsyncStream<LinkState> { stateBroadcast.subscribe(initial: state) }

    /// What the driver writes and reads from now on.
    public func activity() -> AsyncStream<Activity> { activityBroadcast.subscribe() }

    /// The limits met in pushes so far (besides those always in force): for the status API.
    public var unsupportedSeen: Set<ConsoleUnsupported> { seen.withLock { $0 } }

    /// Checks the folder and publishes `up` or `down`.
    @discardableResult
    public func checkFolder() -> LinkState {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
            && FileManager.default.isWritableFile(atPath: folder.path)
        let next: LinkState = exists ? .up : .down(.refused("console folder \(folder.path) is missing or not writable"))
        let changed = current.withLock { state -> Bool in
            guard state != .stopped, state != next else { return false }
            state = next
            return true
        }
        if changed {
            stateBroadcast.yield(next)
            if exists { logger.info("console folder ready", metadata: ["folder": "\(folder.path)"]) } else {
                logger.error("console folder missing or not writable", metadata: ["folder": "\(folder.path)"])
            }
        }
        return state
    }

    /// Stops for good: sends fail with `shuttingDown`.
    public func shutdown() {
        current.withLock { $0 = .stopped }
        stateBroadcast.yield(.stopped)
        stateBroadcast.finish()
        activityBroadcast.finish()
    }

    /// Carries out a Set through the files and returns a Success or Error reply (see the type's notes).
    public func send(_ command: PBXCommand) async throws(PBXLinkError) -> PBXReply {
        if state == .stopped { throw .shuttingDown }
        guard case .up = checkFolder() else { throw .notConnected(state) }
        let request = PBXRequest(seqID: "console-\(sequence.wrappingAdd(1, ordering: .relaxed).newValue)", command: command)
        return try await gate.run { () async throws(PBXLinkError) -> PBXReply in try await self.carryOut(request) }
    }

    private func carryOut(_ request: PBXRequest) async throws(PBXLinkError) -> PBXReply {
        switch request.command {
        case .setCallClass(let phone, let callClass):
            let line: GradeLine
            do { line = try GradeLine(phone: phone, level: ConsoleCallClass(callClass)) } catch { throw Self.invalid(error) }
            if callClass == .deviceInternal || callClass == .enterpriseInternal { note(.internalClasses) }
            try await exchange(.grade, request: line.description, reply: line.reply)
            return .success(to: request)
        case .setAlarmClock(let phone, let entries):
            return try await setClock(phone: phone, entries: entries, request: request)
        case .setName(_, ""), .setDND(_, .off):
            // Nothing to send: the console shows no names and has no DND, so "none" and "off" hold.
            return .success(to: request)
        case .setName:
            note(.names)
            return .error(to: request, message: "unsupported by the console interface: \(ConsoleUnsupported.names.explanation)")
        case .setDND:
            note(.doNotDisturb)
            return .error(to: request, message: "unsupported by the console interface: \(ConsoleUnsupported.doNotDisturb.explanation)")
        case .login, .logout, .heartbeat:
            return .error(to: request, message: "the console interface has no session (§6)")
        }
    }

    private func setClock(phone: String, entries: [WakeUpEntry], request: PBXRequest) async throws(PBXLinkError) -> PBXReply {
        let time = now()
        let planned: (lines: [ClockLine], unsupported: Set<ConsoleUnsupported>)
        do { planned = try ConsoleClockPlanner.lines(phone: phone, entries: entries, now: time) } catch { throw Self.invalid(error) }
        for limit in planned.unsupported { note(limit) }
        let wanted = Set(planned.lines.map { WrittenClockLine(line: $0, at: time) })
        let stillAhead = written.withLock { lines in
            lines[phone, default: []] = lines[phone, default: []].filter { $0.isAhead(of: time) }
            return lines[phone, default: []]
        }
        for line in planned.lines where !stillAhead.contains(WrittenClockLine(line: line, at: time)) {
            try await exchange(.clock, request: line.description, reply: line.reply)
            _ = written.withLock { $0[phone, default: []].insert(WrittenClockLine(line: line, at: time)) }
        }
        let orphaned = stillAhead.subtracting(wanted)
        guard orphaned.isEmpty else {
            note(.cancellation)
            let lines = orphaned.map(\.text).sorted().joined(separator: ", ")
            logger.error("a wake-up written to Clock was cancelled; it will still ring: cancel it at the console",
                         metadata: ["extension": "\(phone)", "lines": "\(lines)"])
            return .error(to: request, message: "cannot cancel \(lines): \(ConsoleUnsupported.cancellation.explanation)")
        }
        return .success(to: request)
    }

    /// Writes `request` to `file` and waits for `reply` (or the timeout).
    private func exchange(_ file: ConsoleFile, request: String, reply: String) async throws(PBXLinkError) {
        let url = folder.appendingPathComponent(file.rawValue)
        var events: DirectoryEvents?
        if watch {
            do { events = try DirectoryEvents(directory: folder.path) } catch {
                logger.warning("cannot watch the console folder with inotify; polling only", metadata: ["error": "\(error)"])
            }
        }
        defer { events?.cancel() }
        let deadline = clock.now.advanced(by: replyTimeout)
        do { try ConsoleFile.write(request, to: url, encoding: encoding) } catch {
            logger.error("cannot write a console file", metadata: ["file": "\(url.path)", "error": "\(error)"])
            throw .notConnected(checkFolder())
        }
        activityBroadcast.yield(.wrote(file, line: request))
        // The file is read on each inotify event for it and every `replyPollInterval` besides: on a
        // network share inotify never hears the console's writes from the other machine.
        let (checks, check) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let answered = await withTaskGroup(of: Bool?.self) { group in
            if let events {
                group.addTask {
                    for await name in events.names where name == file.rawValue { check.yield() }
                    return nil
                }
            }
            group.addTask { [clock, replyPollInterval] in
                while (try? await clock.sleep(for: replyPollInterval)) != nil { check.yield() }
                return nil
            }
            group.addTask { [logger, encoding] in
                var lastUnexpected: String?
                for await _ in checks {
                    switch ConsoleFile.read(ConsoleFile.contents(of: url, encoding: encoding) ?? "", request: request, reply: reply) {
                    case .acknowledged: return true
                    case .waiting: continue
                    case .unexpected(let text) where text != lastUnexpected:
                        lastUnexpected = text
                        logger.warning("unexpected content in a console file", metadata: ["file": "\(file.rawValue)", "content": "\(text.debugDescription)"])
                    case .unexpected: continue
                    }
                }
                return false
            }
            group.addTask { [clock] in
                try? await clock.sleep(until: deadline, tolerance: nil)
                return false
            }
            var outcome = false
            // A watcher that ends (inotify gone) decides nothing: wait for the reply or the deadline.
            while let next = await group.next() {
                if let decided = next {
                    outcome = decided
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
        guard answered else {
            logger.error("no reply from the console in time", metadata: ["file": "\(file.rawValue)", "line": "\(request)"])
            activityBroadcast.yield(.timedOut(file, line: request))
            throw Task.isCancelled ? .cancelled : .timedOut
        }
        activityBroadcast.yield(.acknowledged(file, line: request))
    }

    private func note(_ limit: ConsoleUnsupported) {
        let isNew = seen.withLock { $0.insert(limit).inserted }
        if isNew { logger.warning("console interface limit met", metadata: ["limit": "\(limit.rawValue)", "detail": "\(limit.explanation)"]) }
    }

    private static func invalid(_ error: ConsoleLineError) -> PBXLinkError {
        .invalidRequest(.invalidField(key: error.field, value: error.value, rule: error.rule))
    }
}

/// A Clock line written, with the year of its date, so it is known whether it is still ahead.
struct WrittenClockLine: Hashable, Sendable {
    let text: String
    let due: PBXDateTime

    init(line: ClockLine, at now: PBXDateTime) {
        text = line.description
        // The line names the next occurrence after `now`: this year, or next year past New Year's Eve.
        let sameYear = PBXDateTime(year: now.year, month: line.month, day: line.day, hour: line.hour, minute: line.minute, second: line.second)
        due = sameYear.flatMap { $0 > now ? $0 : nil }
            ?? PBXDateTime(year: now.year + 1, month: line.month, day: line.day, hour: line.hour, minute: line.minute, second: line.second)
            ?? now
    }

    func isAhead(of now: PBXDateTime) -> Bool { due > now }
}
