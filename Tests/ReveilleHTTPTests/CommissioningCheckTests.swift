import Clocks
import Foundation
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleApp
import ReveilleCore
import ReveilleStore
import Synchronization
import Testing

/// `reveille check`: every line passes against the built-in simulator; a refused password, a PBX
/// that never answers heartbeats, a missing rooms file and an unreadable export each fail their
/// line; `--ring` sees the test wake-up ring (§5.3) and leaves the extension as it found it.
@Suite(.timeLimit(.minutes(1)))
struct CommissioningCheckTests {
    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-12-07 05:00:10 in Shanghai.
    static let now = HotelCalendar(timeZone: zone).instant(PBXDateTime("2026-12-07 05:00:10")!)

    static func configuration(_ folder: URL) async throws -> ReveilleConfiguration {
        try await ReveilleConfiguration.load(file: try ServeTests.config(folder), environment: [:])
    }

    @Test func againstTheBuiltInSimulatorEveryLinePasses() async throws {
        let folder = try ServeTests.folder()
        let configuration = try await Self.configuration(folder)
        let lines = await CommissioningCheck.run(
            configuration, ringPhone: nil, clock: ContinuousClock(), synchronised: true, logger: Self.logger)
        #expect(lines.allPassed, "\(lines)")
        // `require`: a missing line fails this test, not the whole run by an index out of range.
        try #require(lines.map(\.name) == ["rooms file", "database", "export", "time", "PBX connect", "PBX login", "PBX heartbeats"])
        #expect(lines[0].detail.hasSuffix("2 rooms, 2 extensions, floors 12–12"))
        #expect(lines[2].detail.contains("1 in house"))
        #expect(lines[6].detail.hasPrefix("3 answered: "))
        #expect(lines[4].detail.contains("built-in simulator"))
        #expect(lines[3].detail.hasSuffix("the PBX's clock is read by --ring EXTENSION (from the test call)"))
    }

    @Test func aPBXThatRefusesThePasswordFailsTheLoginLineWithThePBXsOwnMessage() async throws {
        let pbx = SimulatedPBX(accounts: ["pms": "the-right-one"])
        let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, logger: Self.logger)
        let lines = await CommissioningCheck.pbx(
            endpoint: .init(host: "127.0.0.1", port: server.port), user: "pms", password: "a-wrong-one", timeout: .seconds(5), ring: nil,
            timeZone: Self.zone, clock: ContinuousClock(), now: { Self.now })
        await server.close()
        #expect(lines.map(\.name) == ["PBX connect", "PBX login"])
        #expect(lines[0].passed)
        #expect(!lines[1].passed)
        #expect(lines[1].detail.contains(SimulatedPBX.wrongPasswordMessage))
        #expect(lines[1].fix?.contains("pbx.user and PBX_PASSWORD") == true)
        #expect(!"\(lines)".contains("a-wrong-one"), "the password is never printed")
    }

    @Test func aPBXThatNeverAnswersHeartbeatsFailsTheHeartbeatLine() async throws {
        let clock = TestClock<Duration>()
        let pbx = SimulatedPBX(accounts: ["pms": "secret"])
        pbx.faults.answersHeartbeats = false
        let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Self.logger)
        var requests = pbx.requests().makeAsyncIterator()
        // `async let`, not `Task {}`: a test past its time limit cancels the check with it.
        async let check = CommissioningCheck.pbx(
            endpoint: .init(host: "127.0.0.1", port: server.port), user: "pms", password: "secret", timeout: .seconds(5), ring: nil,
            timeZone: Self.zone, clock: clock, now: { Self.now })
        while let request = await requests.next() {
            if case .heartbeat = request.command { break }
        }
        await clock.advance(by: .seconds(5) + .milliseconds(1))
        let lines = await check
        await server.close()
        #expect(lines.map(\.name) == ["PBX connect", "PBX login", "PBX heartbeats"])
        #expect(lines[1].passed)
        #expect(!lines[2].passed)
        #expect(lines[2].detail == "heartbeat 1 of 3: no reply in time (5 s)")
    }

    @Test func nothingListensAtThePBXsAddressFailsTheConnectLine() async throws {
        // A port that was free a moment ago.
        let server = try await PBXSimulatorServer.bind(pbx: SimulatedPBX(accounts: [:]), port: 0, logger: Self.logger)
        let port = server.port
        await server.close()
        let lines = await CommissioningCheck.pbx(
            endpoint: .init(host: "127.0.0.1", port: port), user: "pms", password: "x", timeout: .seconds(5), ring: nil,
            timeZone: Self.zone, clock: ContinuousClock(), now: { Self.now })
        #expect(lines.map(\.name) == ["PBX connect"])
        #expect(!lines[0].passed && lines[0].fix?.contains("nc -vz 127.0.0.1 \(port)") == true)
    }

    @Test func aMissingRoomsFileAndAnUnreadableExportFailTheirLines() async throws {
        let folder = try ServeTests.folder()
        var configuration = try await Self.configuration(folder)
        configuration.roomsFile = folder.path + "/no-such-rooms.csv"
        configuration.csvPath = folder.path + "/export-is-a-folder"
        try FileManager.default.createDirectory(atPath: configuration.csvPath!, withIntermediateDirectories: true)
        let lines = await CommissioningCheck.run(configuration, ringPhone: nil, offline: true, clock: ContinuousClock(), synchronised: true, logger: Self.logger)
        #expect(!lines.allPassed)
        #expect(lines.filter { !$0.passed }.map(\.name) == ["rooms file", "export"])
        #expect(lines[0].detail.contains("cannot read \(folder.path)/no-such-rooms.csv"))
        #expect(lines[2].detail.contains("cannot be read"))
        configuration.csvPath = folder.path + "/gone.csv"
        let missing = CommissioningCheck.export(configuration, rooms: [], now: Date())
        #expect(!missing.passed && missing.detail.hasSuffix("is not there") && missing.fix?.contains("RequiresMountsFor") == true)
    }

    @Test func anUnsynchronisedClockFailsOnlyWithARealPBX() async throws {
        let folder = try ServeTests.folder()
        var configuration = try await Self.configuration(folder)
        #expect(CommissioningCheck.time(configuration, now: Self.now, synchronised: false).passed)
        configuration.pbxSimulator = false
        let line = CommissioningCheck.time(configuration, now: Self.now, synchronised: false)
        #expect(!line.passed && line.detail.contains("hotel time now 2026-12-07 05:00:10"))
    }

    @Test func theLiveLinesRefuseWhileAServiceHoldsTheDataFolder() async throws {
        let folder = try ServeTests.folder()
        let configuration = try await Self.configuration(folder)
        let lock = try ServiceLock(database: configuration.dataFolder + "/reveille.sqlite")
        let lines = await CommissioningCheck.run(configuration, ringPhone: nil, clock: ContinuousClock(), synchronised: true, logger: Self.logger)
        #expect(lines.last?.name == "PBX" && lines.last?.passed == false)
        #expect(lines.last?.fix?.contains("stop the service") == true)
        lock.release()
    }

    /// Runs `--ring 8201` against a simulator on a test clock: the check's wake-up is set, the
    /// simulator's clock reaches it, and it rings. The host's wall clock then reads `behind` seconds
    /// past the PBX's (a PBX whose clock is slow).
    static func ring(
        answering: Answering, restoreName: String, restoreAlarms: [WakeUpEntry], billsUnanswered: Bool = false, behind: TimeInterval = 0
    ) async throws -> (lines: [CheckLine], pbx: SimulatedPBX) {
        let clock = TestClock<Duration>()
        let pbx = SimulatedPBX(accounts: ["pms": "secret"])
        pbx.setAnswering(answering, for: "8201")
        pbx.billsUnansweredRings = billsUnanswered
        let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Self.logger)
        _ = server.tick(now: PBXDateTime("2026-12-07 05:00:00")!)
        var requests = pbx.requests().makeAsyncIterator()
        var ring = CommissioningCheck.RingTest(phone: "8201", restoreName: restoreName, restoreAlarms: restoreAlarms)
        ring.grace = .seconds(120)
        let test = ring
        let wall = Mutex(Self.now)
        // `async let`, not `Task {}`: a test past its time limit cancels the check with it.
        async let check = CommissioningCheck.pbx(
            endpoint: .init(host: "127.0.0.1", port: server.port), user: "pms", password: "secret", timeout: .seconds(5), ring: test,
            timeZone: Self.zone, clock: clock, now: { wall.withLock { $0 } })
        while let request = await requests.next() {
            if case .setAlarmClock("8201", let entries) = request.command, entries.map(\.start.description) == ["05:02"] { break }
        }
        #expect(pbx.extensionState("8201").name == CommissioningCheck.ringName)
        wall.withLock { $0 = HotelCalendar(timeZone: Self.zone).instant(PBXDateTime("2026-12-07 05:02:00")!).addingTimeInterval(behind) }
        _ = server.tick(now: PBXDateTime("2026-12-07 05:02:00")!)
        let lines = await check
        await server.close()
        return (lines, pbx)
    }

    @Test func ringSeesTheWakeUpRingAnsweredAndLeavesTheExtensionAsItFoundIt() async throws {
        let (lines, pbx) = try await Self.ring(answering: .onAttempt(1), restoreName: "", restoreAlarms: [])
        #expect(lines.allPassed, "\(lines)")
        #expect(lines.map(\.name) == ["PBX connect", "PBX login", "PBX heartbeats", "ring 8201 set", "ring 8201", "PBX clock", "ring 8201 restored"])
        #expect(lines[3].detail == "name \"Reveille check\", wake-up at 05:02 accepted")
        #expect(lines[4].detail.hasSuffix("(ExtenStatus 10, §5.3); answered"))
        #expect(lines[5].detail.hasPrefix("the same as the host's to the second (the wake-up call's CDR Start"))
        let after = pbx.extensionState("8201")
        // A PBX has no "never named": an empty name is how it was found.
        #expect((after.name ?? "").isEmpty && after.alarms.isEmpty && after.alarmClockValue.isEmpty)
    }

    @Test func ringReportsAnUnansweredRingAndSetsBackWhatReveilleHadPushed() async throws {
        let booked = [WakeUpEntry(start: TimeOfDay("06:30")!)]
        let (lines, pbx) = try await Self.ring(answering: .never, restoreName: "张伟", restoreAlarms: booked, billsUnanswered: true)
        #expect(lines.allPassed, "\(lines)")
        #expect(lines[4].detail.hasSuffix("not answered"))
        #expect(pbx.extensionState("8201").name == "张伟")
        #expect(pbx.extensionState("8201").alarms == booked)
    }

    @Test func aPBXClockNinetySecondsSlowFailsTheClockLineFromTheCallsCDR() async throws {
        let (lines, pbx) = try await Self.ring(answering: .onAttempt(1), restoreName: "", restoreAlarms: [], behind: 90)
        let clockLine = try #require(lines.first { $0.name == "PBX clock" })
        #expect(!clockLine.passed)
        #expect(clockLine.detail.hasPrefix("1 min 30 s behind the host's (the wake-up call's CDR Start (§5.1)"))
        #expect(clockLine.fix?.contains("PBX's own clock") == true)
        // The check still leaves the extension as it found it.
        #expect(lines.last?.name == "ring 8201 restored" && pbx.extensionState("8201").alarms.isEmpty)
    }

    /// Without a CDR the ring alone reads the PBX's clock to the minute (§4.4: it rings when its own
    /// clock reaches the minute set).
    @Test func aRingAloneReadsThePBXsClockToTheMinute() {
        let minute = Self.now
        let within = PBXClockReading.fromRing(minute: minute, heardAt: minute.addingTimeInterval(59.9))
        #expect(within.offset == 0 && within.isWithinTolerance && within.text == "within a minute of the host's")
        let late = PBXClockReading.fromRing(minute: minute, heardAt: minute.addingTimeInterval(185))
        #expect(late.offset == -185 && !late.isWithinTolerance && late.text == "3 min 5 s behind the host's")
        let early = PBXClockReading.fromRing(minute: minute, heardAt: minute.addingTimeInterval(-120))
        #expect(early.offset == 120 && !early.isWithinTolerance && early.text == "2 min ahead of the host's")
        let cdr = PBXClockReading.fromCDR(start: minute.addingTimeInterval(3), heardAt: minute)
        #expect(cdr.offset == 3 && cdr.isWithinTolerance && cdr.text == "3 s ahead of the host's")
        #expect(!PBXClockReading.fromCDR(start: minute.addingTimeInterval(-60), heardAt: minute).isWithinTolerance)
    }

    @Test func aPBXClockTwentySecondsSlowPasses() async throws {
        let (lines, _) = try await Self.ring(answering: .never, restoreName: "", restoreAlarms: [], billsUnanswered: true, behind: 20)
        #expect(lines.allPassed, "\(lines)")
        #expect(lines.first { $0.name == "PBX clock" }?.detail.hasPrefix("20 s behind the host's") == true)
    }

    @Test func aWakeUpThatNeverRingsFailsTheRingLineAndStillRestores() async throws {
        let clock = TestClock<Duration>()
        let pbx = SimulatedPBX(accounts: ["pms": "secret"])
        pbx.setAnswering(.doesNotRing, for: "8201")
        let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Self.logger)
        var requests = pbx.requests().makeAsyncIterator()
        // `async let`, not `Task {}`: a test past its time limit cancels the check with it.
        async let check = CommissioningCheck.pbx(
            endpoint: .init(host: "127.0.0.1", port: server.port), user: "pms", password: "secret", timeout: .seconds(600),
            ring: .init(phone: "8201"), timeZone: Self.zone, clock: clock, now: { Self.now })
        while let request = await requests.next() {
            if case .setAlarmClock("8201", let entries) = request.command, !entries.isEmpty { break }
        }
        // 05:02 plus the grace, on the check's clock, timed from before the Set went out: the jump
        // passes the deadline even when the Set's reply is still on its way (the suite runs in
        // parallel). The request timeout is longer than the jump.
        await clock.advance(by: .seconds(110 + 120) + .milliseconds(1))
        let lines = await check
        await server.close()
        #expect(lines.map(\.name).suffix(3) == ["ring 8201 set", "ring 8201", "ring 8201 restored"])
        #expect(!lines[4].passed && lines[4].detail.hasPrefix("no ExtenStatus 10 (wake-up ringing) by 2026-12-07 05:04:00"))
        #expect(pbx.extensionState("8201").alarms.isEmpty && (pbx.extensionState("8201").name ?? "").isEmpty)
    }
}
