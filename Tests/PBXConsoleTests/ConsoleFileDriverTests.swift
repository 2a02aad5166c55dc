import Clocks
import Foundation
import PBXConsole
import PBXProtocol
import Synchronization
import Testing

/// The Grade/Clock file driver (§6.2, §6.3) in a temporary folder: what it writes, which replies it
/// takes as acknowledgements, and what fails.
@Suite(.timeLimit(.minutes(1))) struct ConsoleFileDriverTests {
    let folder: URL
    let clock = TestClock<Duration>()
    let driver: ConsoleFileDriver<TestClock<Duration>>

    init() throws {
        folder = try temporaryFolder()
        driver = ConsoleFileDriver(
            folder: folder.path, replyTimeout: .seconds(10), clock: clock, now: { wallClock("2026-12-31 18:00:00") },
            logger: quietLogger())
    }

    /// Sends `command` and answers each line it writes with `answer(file, line)` (nil: no answer).
    private func send(
        _ command: PBXCommand, answer: @escaping @Sendable (ConsoleFile, String) -> String?
    ) async throws -> (reply: PBXReply, written: [String]) {
        let activity = driver.activity()
        let written = Mutex<[String]>([])
        let answering = Task { [folder] in
            for await event in activity {
                guard case .wrote(let file, let line) = event else { continue }
                written.withLock { $0.append(line) }
                #expect(contents(folder, file.rawValue) == line + "\r\n")
                if let reply = answer(file, line) { try replace(folder, file.rawValue, with: reply) }
            }
        }
        defer { answering.cancel() }
        let reply = try await driver.send(command)
        return (reply, written.withLock { $0 })
    }

    @Test func callClassIsWrittenToGradeMappedAndAcknowledgedByExtensionSlashOK() async throws {
        let (reply, written) = try await send(.setCallClass(phone: "8001", .domesticLongDistance)) { _, _ in "8001/OK\r\n" }
        #expect(written == ["8001/2"])
        #expect(reply.isSuccess)
        #expect(reply.echo == .setCallClass(phone: "8001", .domesticLongDistance))
    }

    @Test func internalCallClassesAreWrittenAsGradeZeroAndTheLimitIsReported() async throws {
        let (_, written) = try await send(.setCallClass(phone: "8001", .enterpriseInternal)) { _, _ in "8001/OK" }
        #expect(written == ["8001/0"])
        #expect(driver.unsupportedSeen == [.internalClasses])
    }

    @Test func eachWakeUpIsItsOwnClockLineDatedToItsNextOccurrenceAndEachMustBeAnswered() async throws {
        let entries = [WakeUpEntry(start: TimeOfDay("07:30")!), WakeUpEntry(start: TimeOfDay("18:30")!)]
        let (reply, written) = try await send(.setAlarmClock(phone: "8001", entries)) { _, line in line + "OK" }
        #expect(written == ["8001/，12-31，18:30:00", "8001/，01-01，07:30:00"])
        #expect(reply.isSuccess)
        #expect(contents(folder, "Clock") == "8001/，01-01，07:30:00OK")
    }

    @Test func noReplyInTimeIsATimeoutNotASuccess() async throws {
        let activity = driver.activity()
        let sending = Task { try await driver.send(.setCallClass(phone: "8001", .local)) }
        _ = await next(activity) { if case .wrote = $0 { true } else { false } }
        await clock.advance(by: .seconds(10) + .milliseconds(1))
        await #expect(throws: PBXLinkError.timedOut) { try await sending.value }
        #expect(contents(folder, "Grade") == "8001/1\r\n")
    }

    @Test func withoutInotifyTheReplyIsFoundByReadingTheFileEveryPollInterval() async throws {
        let polling = ConsoleFileDriver(
            folder: folder.path, replyTimeout: .seconds(10), replyPollInterval: .milliseconds(500), watch: false, clock: clock,
            now: { wallClock("2026-12-31 18:00:00") }, logger: quietLogger())
        let activity = polling.activity()
        let done = Mutex(false)
        let sending = Task {
            defer { done.withLock { $0 = true } }
            return try await polling.send(.setCallClass(phone: "8001", .local))
        }
        _ = await next(activity) { if case .wrote = $0 { true } else { false } }
        try replace(folder, "Grade", with: "8001/OK\r\n")
        // Well before the 10 s timeout: only a poll can have found the reply.
        for _ in 0..<12 where !done.withLock({ $0 }) {
            await clock.advance(by: .milliseconds(500))
            for _ in 0..<100 { await Task.yield() }
        }
        if !done.withLock({ $0 }) { await clock.advance(by: .seconds(10)) }  // fail by timeout, never hang
        #expect(try await sending.value.isSuccess)
    }

    @Test func aReplyForAnotherLineOrGarbageIsNotAnAcknowledgement() async throws {
        let activity = driver.activity()
        let sending = Task { try await driver.send(.setCallClass(phone: "8001", .local)) }
        _ = await next(activity) { if case .wrote = $0 { true } else { false } }
        try replace(folder, "Grade", with: "8002/OK\r\n\u{0}\u{1B}garbage")
        await clock.advance(by: .seconds(11))
        await #expect(throws: PBXLinkError.timedOut) { try await sending.value }
    }

    @Test func aHugeBinaryReplyFileIsReadBoundedAndIsNoAcknowledgement() async throws {
        let activity = driver.activity()
        let sending = Task { try await driver.send(.setCallClass(phone: "8001", .local)) }
        _ = await next(activity) { if case .wrote = $0 { true } else { false } }
        var random = SystemRandomNumberGenerator()
        let garbage = (0..<2_000_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        try Data(garbage).write(to: folder.appendingPathComponent("Grade"), options: .atomic)
        await clock.advance(by: .seconds(11))
        await #expect(throws: PBXLinkError.timedOut) { try await sending.value }
    }

    @Test func dndAndNamesCannotBeSentAndAreAnsweredErrorWithoutWritingAnything() async throws {
        let dnd = try await driver.send(.setDND(phone: "8001", .on(start: wallClock("2026-12-31 22:00:00"), end: wallClock("2027-01-01 07:00:00"))))
        let name = try await driver.send(.setName(phone: "8001", name: "Zhang"))
        #expect(!dnd.isSuccess && !name.isSuccess)
        guard case .error(let message) = dnd.outcome else { return }
        #expect(message.contains("unsupported by the console interface"))
        #expect(driver.unsupportedSeen == [.doNotDisturb, .names])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func noNameAndDNDOffHoldWithoutALineSoVacantRoomsDoNotFail() async throws {
        #expect(try await driver.send(.setDND(phone: "8001", .off)).isSuccess)
        #expect(try await driver.send(.setName(phone: "8001", name: "")).isSuccess)
        #expect(driver.unsupportedSeen.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aWrittenWakeUpThatIsCancelledFailsVisiblyBecauseClockCannotTakeItBack() async throws {
        _ = try await send(.setAlarmClock(phone: "8001", [WakeUpEntry(start: TimeOfDay("07:30")!)])) { _, line in line + "OK" }
        let cleared = try await driver.send(.setAlarmClock(phone: "8001", []))
        guard case .error(let message) = cleared.outcome else {
            Issue.record("a cancel the Clock file cannot carry was acknowledged")
            return
        }
        #expect(message.contains("cannot cancel 8001/，01-01，07:30:00"))
        #expect(driver.unsupportedSeen.contains(.cancellation))
    }

    @Test func anEmptyListWithNothingWrittenNeedsNoLineAndSucceeds() async throws {
        #expect(try await driver.send(.setAlarmClock(phone: "8001", [])).isSuccess)
        #expect(contents(folder, "Clock") == nil)
    }

    @Test func anExtensionThatWouldBreakTheLineIsRefusedBeforeAnythingIsWritten() async throws {
        await #expect(throws: PBXLinkError.self) { try await driver.send(.setCallClass(phone: "8001\r\n8002", .local)) }
        #expect(contents(folder, "Grade") == nil)
    }

    @Test func aMissingFolderIsALinkDownAndNothingIsSent() async throws {
        try FileManager.default.removeItem(at: folder)
        await #expect(throws: PBXLinkError.notConnected(driver.checkFolder())) {
            try await driver.send(.setCallClass(phone: "8001", .local))
        }
        guard case .down = driver.state else {
            Issue.record("state \(driver.state) with the folder gone")
            return
        }
    }
}
