import Foundation
import GRDB
import Logging
import PBXProtocol
import ReveilleApp
import ReveilleCore
@testable import ReveilleStore
import Testing

/// `reveille backup` while pushes run, restored into a fresh folder: the restored
/// service has every booking and puts it on its (new, empty) PBX.
@Suite(.timeLimit(.minutes(1)))
struct BackupRestoreTests {
    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    @Test func aBackupTakenWhilePushesRunRestoresIntoAServiceThatHasEveryBookingAndConverges() async throws {
        let folder = try ServeTests.folder()
        let first = try await ReveilleApplication.build(
            try await ReveilleConfiguration.load(file: try ServeTests.config(folder), environment: [:]), logger: Self.logger)
        let pbx = try #require(first.simulator).pbx
        var requests = pbx.requests().makeAsyncIterator()
        let running = Task { try await first.serviceGroup.run() }
        // The export checks 1201 in (its name goes to the PBX); book it a wake-up and a DND window,
        // then back up mid-push.
        while let request = await requests.next() {
            if case .setName("8201", "张伟") = request.command { break }
        }
        let stay = try #require(try first.store.snapshot().stays.values.first { $0.room == "1201" })
        try first.store.create(actor: "test", at: Date()) { id in
            WakeUpPolicy(id: id, room: "1201", stayID: stay.id, time: TimeOfDay("05:55")!, recurrence: .weekdays(Set(Weekday.allCases), from: LocalDate("2026-11-01")!, until: nil))
        }
        try first.store.create(actor: "test", at: Date()) { id in
            DNDWindow(id: id, room: "1201", stayID: stay.id, start: Date(), end: Date().addingTimeInterval(3 * 3600))
        }
        _ = await requests.next()  // pushes are under way
        let backup = folder.appendingPathComponent("backup.sqlite").path
        try first.store.backup(to: backup)
        #expect(throws: BackupError.self) { try first.store.backup(to: backup) }  // never overwritten
        await first.serviceGroup.triggerGracefulShutdown()
        try await running.value

        // A fresh folder, a fresh PBX: restore, start, converge.
        let fresh = try ServeTests.folder()
        let kept = try Store.restore(backup: backup, to: fresh.path + "/data/reveille.sqlite")
        #expect(kept == nil)
        let second = try await ReveilleApplication.build(
            try await ReveilleConfiguration.load(file: try ServeTests.config(fresh), environment: [:]), logger: Self.logger)
        let snapshot = try second.store.snapshot()
        #expect(snapshot.policies.count == 1 && snapshot.dndWindows.count == 1)
        let newPBX = try #require(second.simulator).pbx
        var newRequests = newPBX.requests().makeAsyncIterator()
        let again = Task { try await second.serviceGroup.run() }
        var wakeUp = false
        var dnd = false
        while !(wakeUp && dnd), let request = await newRequests.next() {
            if case .setAlarmClock("8201", let entries) = request.command, entries.map(\.start.description) == ["05:55"] { wakeUp = true }
            if case .setDND("8201", .on) = request.command { dnd = true }
        }
        #expect(wakeUp && dnd)
        await second.serviceGroup.triggerGracefulShutdown()
        try await again.value
    }

    @Test func anUpgradeBacksTheDatabaseUpBeforeMigrating() throws {
        let folder = try ServeTests.folder()
        let path = folder.path + "/reveille.sqlite"
        // A database of the release before v5, with a booking.
        do {
            let old = try DatabasePool(path: path)
            try Migrations.migrator.migrate(old, upTo: "v4: wake-up attempts and CDRs")
            try old.write { db in
                try db.execute(sql: "INSERT INTO dndWindow (id, room, stayID, start, \"end\") VALUES (3, '1201', NULL, '2026-11-24 12:00:00.000', '2026-11-24 13:00:00.000')")
            }
        }
        let store = try Store(path: path)
        #expect(try store.appliedMigrations().contains("v5: ids from AUTOINCREMENT, never reused"))
        let backups = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".before-migration-") && $0.hasSuffix(".bak") }
        #expect(backups.count == 1)
        let saved = try DatabaseQueue(path: folder.path + "/" + backups[0])
        #expect(try saved.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dndWindow") } == 1)
        #expect(try saved.read { db in try Migrations.migrator.appliedIdentifiers(db).count } == 4)
        // Opening again migrates nothing and backs up nothing.
        _ = try Store(path: path)
        let after = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".before-migration-") && $0.hasSuffix(".bak") }
        #expect(after.count == 1, "\(after)")
    }
}
