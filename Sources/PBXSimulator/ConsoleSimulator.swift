import FileEvents
import Foundation
import Logging
import PBXProtocol

/// The console mode of the simulator (§6): the console software of an older Guowei switch, on a
/// folder. It watches `Grade` and `Clock`, applies each request line and rewrites the file with its
/// replies (`extension/OK`, the Clock line + `OK`: the exchange of `PBXConsole.ConsoleFile`), and
/// appends a CDR line (§6.1) to `hd.txt` when a booked wake-up comes due on its wall clock
/// (``tick(now:)``), as the switch bills the wake-up call.
public final class ConsoleSimulator: Sendable {
    /// The wake-up service's number on the CDR lines of wake-up calls.
    public static let wakeUpCaller = "8888"

    private struct State {
        var callClasses: [String: ConsoleCallClass] = [:]
        var wakeUps: [String: Set<ClockLine>] = [:]
        /// When each booked line rings, dated at the first tick after it was booked.
        var dues: [ClockLine: PBXDateTime] = [:]
        var rejected: [String] = []
    }

    public let folder: URL
    public let encoding: ConsoleTextEncoding
    private let logger: Logger
    private let state = Locked(State())
    private let handled = Broadcast<String>()

    /// - Parameter encoding: how `Grade` and `Clock` are read and answered.
    public init(folder: String, encoding: ConsoleTextEncoding = .utf8, logger: Logger) {
        self.folder = URL(fileURLWithPath: folder, isDirectory: true)
        self.encoding = encoding
        self.logger = logger
    }

    /// The `Grade` level of each extension set so far.
    public var callClasses: [String: ConsoleCallClass] { state.withLock { $0.callClasses } }

    /// The Clock lines booked and not yet rung, by extension.
    public var wakeUps: [String: Set<ClockLine>] { state.withLock { $0.wakeUps } }

    /// Request lines it could not read (not answered), for tests.
    public var rejectedLines: [String] { state.withLock { $0.rejected } }

    /// Each request line answered from now on.
    public func answered() -> AsyncStream<String> { handled.subscribe() }

    /// Watches the folder and answers until cancelled.
    public func run() async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let events = try DirectoryEvents(directory: folder.path)
        defer { events.cancel() }
        for file in ["Grade", "Clock"] { answer(file) }
        await withTaskCancellationHandler {
            for await name in events.names where name == "Grade" || name == "Clock" { answer(name) }
        } onCancel: {
            events.cancel()
        }
    }

    /// Rings the wake-ups due at `now`: each is removed and billed as a CDR line in `hd.txt`.
    public func tick(now: PBXDateTime) {
        let due: [(String, PBXDateTime)] = state.withLock { state in
            var due: [(String, PBXDateTime)] = []
            for (phone, lines) in state.wakeUps {
                for line in lines {
                    // The line has no year: the first tick after it was booked dates it (§6.3).
                    guard let time = state.dues[line] ?? Self.date(of: line, bookedAt: now) else { continue }
                    state.dues[line] = time
                    guard time <= now else { continue }
                    due.append((phone, time))
                    state.wakeUps[phone]?.remove(line)
                    state.dues[line] = nil
                }
            }
            return due
        }
        for (phone, time) in due.sorted(by: { ($0.1, $0.0) < ($1.1, $1.0) }) {
            append(ConsoleCDR(caller: Self.wakeUpCaller, callee: phone, end: time.adding(seconds: 20), duration: 20))
        }
    }

    /// Appends a CDR line (§6.1) to `hd.txt`, as the console software does.
    public func append(_ record: ConsoleCDR) {
        let url = folder.appendingPathComponent("hd.txt")
        let line = Data((record.line + "\r\n").utf8)
        if let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
        } else {
            try? line.write(to: url)
        }
    }

    private func answer(_ name: String) {
        let url = folder.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url), data.count <= 64 * 1024 else { return }
        let lines = encoding.decode(data).split(whereSeparator: \.isNewline).map { $0.trimmedSpaces }
            .filter { !$0.isEmpty && !$0.hasSuffix("OK") }
        guard !lines.isEmpty else { return }
        var replies: [String] = []
        var answeredLines: [String] = []
        for text in lines {
            do {
                if name == "Grade" {
                    let line = try GradeLine(parsing: text)
                    state.withLock { $0.callClasses[line.phone] = line.level }
                    replies.append(line.reply)
                    answeredLines.append(text)
                } else {
                    let line = try ClockLine(parsing: text)
                    _ = state.withLock { $0.wakeUps[line.phone, default: []].insert(line) }
                    replies.append(line.reply)
                    answeredLines.append(text)
                }
            } catch {
                logger.warning("console simulator cannot read a line", metadata: ["file": "\(name)", "error": "\(error)"])
                state.withLock { $0.rejected.append(text) }
            }
        }
        guard !replies.isEmpty else { return }
        try? Data(encoding.encode(replies.joined(separator: "\r\n") + "\r\n")).write(to: url, options: .atomic)
        for text in answeredLines { handled.yield(text) }
    }

    /// This year's reading of `line`, or next year's when this year's is more than a day past (a
    /// line for 01-01 booked on 12-31).
    static func date(of line: ClockLine, bookedAt now: PBXDateTime) -> PBXDateTime? {
        func reading(_ year: Int) -> PBXDateTime? {
            PBXDateTime(year: year, month: line.month, day: line.day, hour: line.hour, minute: line.minute, second: line.second)
        }
        guard let this = reading(now.year) else { return reading(now.year + 1) }
        return this < now.adding(seconds: -86_400) ? reading(now.year + 1) : this
    }
}
