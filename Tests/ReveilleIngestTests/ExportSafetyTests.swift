import Clocks
import Foundation
import GRDB
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Testing

/// Exports as a PMS and a hotel's file server send them: exports that would empty the hotel, names
/// measured in bytes, huge reports, store errors and symbolic links.
@Suite(.timeLimit(.minutes(1)))
struct ExportSafetyTests {
    typealias Fixture = IngestFixture

    /// `Z`, 40,000 combining acute accents and `alan`: 5 characters, 80,005 bytes of UTF-8.
    static let hugeName = "Z" + String(repeating: "\u{301}", count: 40_000) + "alan"

    // MARK: - Exports that would empty the hotel

    @Test(arguments: [3, 300])
    func aHeaderOnlyExportChangesNothingWhateverTheHotelsSizeUntilAnAdminApproves(guests: Int) throws {
        let fixture = try Fixture(rooms: 300)
        #expect(fixture.importer.importExport(Fixture.csv(Fixture.guests(guests)), file: "a.csv").checkIns == guests)
        let held = fixture.importer.importExport(Fixture.csv([]), file: "a.csv")
        #expect(held.outcome == .held)
        #expect(held.reason?.contains("all \(guests) in-house stays") == true)
        #expect(try fixture.inHouseRooms().count == guests)
        // The same empty export again, with other line endings: the same rows, still held.
        let again = fixture.importer.importExport(Data("房号,姓名,到店时间,离店时间,团队,预订号\n".utf8), file: "a.csv")
        #expect(again.outcome == .held)
        #expect(try fixture.inHouseRooms().count == guests)
        let approved = try #require(try fixture.importer.approveHeld(actor: "admin"))
        #expect(approved.checkOuts == guests)
        #expect(try fixture.inHouseRooms().isEmpty)
    }

    @Test func aLaterExportWithOtherRowsThatStillEmptiesTheOldGuestsConfirmsTheHeldOne() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(3)), file: "a.csv")
        #expect(fixture.importer.importExport(Fixture.csv([]), file: "a.csv").outcome == .held)
        // The old guests are gone and a new one has arrived: the PMS really means it.
        let confirmed = fixture.importer.importExport(Fixture.csv(Fixture.guests(1, from: 5)), file: "a.csv")
        #expect(confirmed.outcome == .applied && confirmed.checkOuts == 3 && confirmed.checkIns == 1)
        #expect(try fixture.inHouseRooms() == ["1206"])
        #expect(fixture.importer.heldReport == nil)
    }

    @Test func belowTheMinimumASmallHotelLetsSomeGuestsGoButNeverAllAtOnce() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(3)), file: "a.csv")
        #expect(fixture.importer.importExport(Fixture.csv(Fixture.guests(1)), file: "a.csv").outcome == .applied)
        #expect(fixture.importer.importExport(Fixture.csv([]), file: "a.csv").outcome == .held)
        #expect(try fixture.inHouseRooms() == ["1201"])
    }

    // MARK: - Names measured in bytes

    @Test func aFiveCharacterEightyKilobyteNameIsABadRowNamingTheBoundAndTheRoomKeepsItsGuest() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(6)), file: "a.csv")
        #expect(Self.hugeName.count == 5)
        var rows = Fixture.guests(6)
        rows[0] = "1201,\(Self.hugeName),2026-11-24 14:00,2026-11-26 12:00,,R0"
        rows.append("1207,\(String(repeating: "名", count: 65)),2026-11-24 14:00,2026-11-26 12:00,,R7")
        let report = fixture.importer.importExport(Fixture.csv(rows), file: "b.csv")
        #expect(report.outcome == .applied && report.updates == 0 && report.checkIns == 0)
        #expect(report.problems.map(\.reason) == [
            "guest: must be at most 64 characters (has 40005)", "guest: must be at most 64 characters (has 65)",
        ])
        #expect(try fixture.store.inHouse().first { $0.room == "1201" }?.guest == "客人0")
    }

    @Test func nameBoundsCountScalarsAndBytes() throws {
        #expect(throws: InputError(field: "guest", code: .tooLong, params: ["maximum": "64", "length": "40005"], rule: "must be at most 64 characters (has 40005)")) {
            try InputBounds.text(Self.hugeName, field: "guest")
        }
        // 64 scalars of 4 bytes (emoji): within the scalar bound, over the 192-byte bound.
        #expect(throws: InputError(field: "guest", code: .tooManyBytes, params: ["maximum": "192", "length": "256"], rule: "must be at most 192 bytes in UTF-8 (has 256)")) {
            try InputBounds.text(String(repeating: "😀", count: 64), field: "guest")
        }
        try InputBounds.text(String(repeating: "名", count: 64), field: "guest")  // 192 bytes: accepted
        #expect(InputBounds.excerpt(Self.hugeName, scalars: 3) == "Z\u{301}\u{301}…")
    }

    @Test func theSocketRefusesTheSameNameAndNothingChanges() throws {
        let fixture = try Fixture()
        let listener = PMSSocketListener(
            path: Fixture.temporaryFile("s.sock"), importer: fixture.importer, store: fixture.store, timeZone: Fixture.zone,
            logger: Fixture.logger)
        let reply = listener.handle(
            #"{"event":"checkin","room":"1201","guest":"\#(Self.hugeName)","arrival":"2026-11-24T14:00","departure":"2026-11-26T12:00"}"#)
        #expect(reply == #"{"ok":false,"error":"guest: must be at most 64 characters (has 40005)","code":"tooLong"}"#)
        #expect(try fixture.inHouseRooms().isEmpty)
    }

    // MARK: - Bounded reports

    @Test func aTwoHundredThousandRowExportHasABoundedReportWithValuesCut() throws {
        let fixture = try Fixture()
        let huge = String(repeating: "9", count: 1_000_000)
        var rows = (0..<200_000).map { "X\($0),客人,2026-11-24 14:00,2026-11-26 12:00,,R\($0)" }
        rows[0] = "\(huge),客人,2026-11-24 14:00,2026-11-26 12:00,,R"
        let report = fixture.importer.importExport(Fixture.csv(rows), file: "big.csv")
        #expect(report.problemCount == 200_000)
        #expect(report.problems.count == ImportReport.listLimit)
        #expect(report.problems[0].room?.unicodeScalars.count ?? 0 <= InputBounds.codeLength + 1)
        #expect(report.problems[0].reason.unicodeScalars.count <= RowProblem.reasonLength + 1)
        let encoded = try JSONEncoder().encode(report)
        #expect(encoded.count < 100_000)
        #expect(try fixture.inHouseRooms().isEmpty)
    }

    // MARK: - Store errors

    /// Another process holds the database (`BEGIN EXCLUSIVE`, as a backup tool or an admin's sqlite3
    /// would): the import waits and is applied once the lock is gone, with no new export.
    @Test func anImportDuringADatabaseLockIsAppliedAfterTheLockClearsWithNoNewExport() async throws {
        let path = Fixture.temporaryFile("locked.sqlite")
        let store = try Store(path: path, busyTimeout: 0)
        try store.save(rooms: (0..<12).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) }, actor: "test", at: Fixture.now)
        let importer = OccupancyImporter(store: store, timeZone: Fixture.zone, changed: { _ in }, now: { Fixture.now }, logger: Fixture.logger)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("inhouse.csv")
        try Fixture.csv(Fixture.guests(4)).write(to: file)
        let clock = TestClock<Duration>()
        let watcher = OccupancyWatcher(path: file.path, importer: importer, clock: clock, logger: Fixture.logger)
        var activity = watcher.activity().makeAsyncIterator()
        let task = Task { try await watcher.run() }

        guard case .imported(let waiting) = await activity.next() else { Issue.record("no import"); return }
        #expect(waiting.outcome == .waiting)
        #expect(waiting.reason?.contains("locked") == true)
        #expect(importer.lastReport?.outcome == .waiting)
        guard case .waiting(let retryAt) = await activity.next() else { Issue.record("no retry"); return }
        #expect(clock.now.duration(to: retryAt) == .seconds(1))
        // Still locked at the first retry: the next waits twice as long. (A sleep registered after
        // the clock reached its deadline exactly would wait for the next step: step past it.)
        await clock.advance(to: retryAt.advanced(by: .milliseconds(1)))
        guard case .imported(let stillWaiting) = await activity.next(), case .waiting(let secondRetry) = await activity.next() else {
            Issue.record("no second try")
            return
        }
        #expect(stillWaiting.outcome == .waiting)
        // Measured from the retry (the clock passes its deadline on the way to the step's end).
        let gap = retryAt.duration(to: secondRetry)
        #expect(gap >= .seconds(2) && gap <= .milliseconds(2_001))
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        await clock.advance(to: secondRetry.advanced(by: .milliseconds(1)))
        guard case .imported(let applied) = await activity.next() else { Issue.record("not retried"); return }
        #expect(applied.outcome == .applied && applied.checkIns == 4)
        #expect(try store.inHouse().count == 4)
        task.cancel()
        _ = await task.result
    }

    @Test func theRetryBackoffDoublesAndIsCapped() {
        let delays = (1...9).map { OccupancyWatcher<TestClock<Duration>>.retryDelay(afterFailures: $0) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
    }

    @Test func aSocketEventDuringADatabaseLockIsAnsweredRetryableAndAppliesWhenSentAgain() throws {
        let path = Fixture.temporaryFile("locked.sqlite")
        let store = try Store(path: path, busyTimeout: 0)
        try store.save(rooms: [Room(number: "1201", phone: "8201", floor: 12)], actor: "test", at: Fixture.now)
        let importer = OccupancyImporter(store: store, timeZone: Fixture.zone, changed: { _ in }, now: { Fixture.now }, logger: Fixture.logger)
        let listener = PMSSocketListener(
            path: Fixture.temporaryFile("s.sock"), importer: importer, store: store, timeZone: Fixture.zone, logger: Fixture.logger)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let line = #"{"event":"checkin","room":"1201","guest":"张伟","arrival":"2026-11-24T14:00","departure":"2026-11-26T12:00"}"#
        let refused = listener.handle(line)
        #expect(refused.hasPrefix(#"{"ok":false,"retryable":true,"error":"could not be applied now ("#))
        #expect(try store.inHouse().isEmpty)
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        #expect(listener.handle(line) == #"{"ok":true}"#)
        #expect(try store.inHouse().map(\.guest) == ["张伟"])
    }

    // MARK: - Symbolic links

    @Test(arguments: [false, true])
    func aSymlinkedExportsTargetRewrittenInPlaceIsImported(pollOnly: Bool) async throws {
        let fixture = try Fixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("link-\(UUID().uuidString)")
        let exports = directory.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let target = exports.appendingPathComponent("today.csv")
        try Fixture.csv(Fixture.guests(3)).write(to: target)
        let link = directory.appendingPathComponent("inhouse.csv")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "exports/today.csv")
        let clock = TestClock<Duration>()
        let watcher = OccupancyWatcher(
            path: link.path, importer: fixture.importer, quietPeriod: .seconds(2), pollInterval: pollOnly ? .seconds(5) : nil,
            inotify: !pollOnly, clock: clock, logger: Fixture.logger)
        var activity = watcher.activity().makeAsyncIterator()
        let task = Task { try await watcher.run() }
        func nextImport() async -> ImportReport? {
            while let next = await activity.next() {
                switch next {
                case .imported(let report): return report
                case .waiting(let until): await clock.advance(to: until.advanced(by: .milliseconds(1)))
                case .observed, .absent: break
                }
            }
            return nil
        }
        #expect(await nextImport()?.checkIns == 3)
        // The poll is asleep on the test clock before the file changes.
        if pollOnly { while (try? await clock.checkSuspension()) != nil, !Task.isCancelled { await Task.yield() } }
        // The PMS rewrites the target in place (the link itself does not change).
        let handle = try FileHandle(forWritingTo: target)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Fixture.csv(Fixture.guests(5)))
        try handle.close()
        if pollOnly { await clock.advance(by: .seconds(5)) }
        #expect(await nextImport()?.checkIns == 2)
        #expect(try fixture.inHouseRooms().count == 5)
        task.cancel()
        _ = await task.result
    }
}
