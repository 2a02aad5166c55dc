import Clocks
import Foundation
import PBXConsole
import PBXProtocol
import Testing

@testable import PBXSimulator

/// The simulator's console mode answering the real driver in a folder (§6.2, §6.3), and its wake-up
/// calls billed in `hd.txt` (§6.1) read back by the CDR feed.
@Suite(.timeLimit(.minutes(1))) struct ConsoleSimulatorTests {
    let folder: URL
    let simulator: ConsoleSimulator
    let driver: ConsoleFileDriver<ContinuousClock>

    init() throws {
        folder = try temporaryFolder()
        simulator = ConsoleSimulator(folder: folder.path, logger: quietLogger())
        driver = ConsoleFileDriver(
            folder: folder.path, replyTimeout: .seconds(30), clock: ContinuousClock(), now: { wallClock("2026-03-06 06:00:00") },
            logger: quietLogger())
    }

    /// Runs `body` with the simulator watching the folder.
    private func withSimulator(_ body: () async throws -> Void) async throws {
        let running = Task { try await simulator.run() }
        defer { running.cancel() }
        // The simulator answers what is already there at start, so nothing written is missed.
        try await body()
    }

    @Test func theSimulatorAnswersTheDriversGradeAndClockLines() async throws {
        try await withSimulator { () async throws in
            #expect(try await driver.send(.setCallClass(phone: "8001", .local)).isSuccess)
            #expect(try await driver.send(.setAlarmClock(phone: "8001", [WakeUpEntry(start: TimeOfDay("06:30")!)])).isSuccess)
        }
        #expect(simulator.callClasses == ["8001": .local])
        #expect(simulator.wakeUps["8001"]?.map(\.description) == ["8001/，03-06，06:30:00"])
    }

    @Test func aDueWakeUpIsBilledInHdTxtAndTheFeedHandsItOnAsACDR() async throws {
        let feed = ConsoleCDRFeed(
            cdrFile: folder.appendingPathComponent("hd.txt").path, offsetFile: nil, serialPort: nil, pollInterval: .seconds(3600),
            clock: ContinuousClock(), logger: quietLogger())
        var events = feed.events().makeAsyncIterator()
        let reading = Task { await feed.run() }
        defer { reading.cancel() }
        try await withSimulator { () async throws in
            #expect(try await driver.send(.setAlarmClock(phone: "8001", [WakeUpEntry(start: TimeOfDay("06:30")!)])).isSuccess)
        }
        simulator.tick(now: wallClock("2026-03-06 06:29:59"))
        #expect(contents(folder, "hd.txt") == nil)
        simulator.tick(now: wallClock("2026-03-06 06:30:00"))
        guard case .cdr(let cdr) = await events.next() else {
            Issue.record("no CDR from hd.txt")
            return
        }
        #expect(cdr.callee == "8001" && cdr.caller == ConsoleSimulator.wakeUpCaller)
        #expect(cdr.end == wallClock("2026-03-06 06:30:20"))
        #expect(simulator.wakeUps["8001"]?.isEmpty == true)
    }

    @Test func theFeedReportsABadLineOfHdTxtAndGoesOn() async throws {
        let feed = ConsoleCDRFeed(
            cdrFile: folder.appendingPathComponent("hd.txt").path, offsetFile: nil, serialPort: nil, pollInterval: .seconds(3600),
            clock: ContinuousClock(), logger: quietLogger())
        var bad = feed.badLines().makeAsyncIterator()
        var events = feed.events().makeAsyncIterator()
        let reading = Task { await feed.run() }
        defer { reading.cancel() }
        try Data("garbage\r\n".utf8).write(to: folder.appendingPathComponent("hd.txt"))
        #expect(await bad.next()?.lineNumber == 1)
        simulator.append(ConsoleCDR(caller: "8001", callee: "114", end: wallClock("2026-03-06 06:40:00"), duration: 30))
        guard case .cdr(let cdr) = await events.next() else {
            Issue.record("the feed stopped after a bad line")
            return
        }
        #expect(cdr.callee == "114")
        #expect(feed.totals == (records: 1, bad: 1))
    }

    @Test func aGB18030ConsoleGetsA3ACCommasAndItsRepliesAreRead() async throws {
        let simulator = ConsoleSimulator(folder: folder.path, encoding: .gb18030, logger: quietLogger())
        let driver = ConsoleFileDriver(
            folder: folder.path, replyTimeout: .seconds(30), encoding: .gb18030, clock: ContinuousClock(),
            now: { wallClock("2026-03-06 06:00:00") }, logger: quietLogger())
        let running = Task { try await simulator.run() }
        defer { running.cancel() }
        #expect(try await driver.send(.setAlarmClock(phone: "8001", [WakeUpEntry(start: TimeOfDay("06:30")!)])).isSuccess)
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("Clock")))
        #expect(Array(bytes.prefix(7)) == [0x38, 0x30, 0x30, 0x31, 0x2F, 0xA3, 0xAC])
        #expect(simulator.wakeUps["8001"]?.map(\.description) == ["8001/，03-06，06:30:00"])
    }

    @Test func aClockLineForNewYearsDayBookedOnNewYearsEveRingsNextYearNotAtOnce() throws {
        let line = try ClockLine(phone: "8001", at: wallClock("2027-01-01 07:30:00"))
        #expect(ConsoleSimulator.date(of: line, bookedAt: wallClock("2026-12-31 18:00:00")) == wallClock("2027-01-01 07:30:00"))
        let today = try ClockLine(phone: "8001", at: wallClock("2026-03-06 06:30:00"))
        #expect(ConsoleSimulator.date(of: today, bookedAt: wallClock("2026-03-06 06:00:00")) == wallClock("2026-03-06 06:30:00"))
    }
}
