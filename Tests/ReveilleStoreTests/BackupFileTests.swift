import Foundation
import ReveilleCore
import ReveilleStore
import Testing

/// Backups hold guests' names: their folder is created, each file is 0600, and the database a
/// restore replaces is kept under a name a person can read. A restore refuses while a service holds
/// the database's lock.
struct BackupFileTests {
    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aBackupCreatesItsFolderAndIsReadableByItsOwnerOnly() throws {
        let folder = try Self.folder()
        let store = try Store(path: folder + "/reveille.sqlite")
        try store.save(rooms: [StoreTests.room], actor: "test", at: StoreTests.now)
        let backup = folder + "/backups/nightly/reveille-2026-12-07.sqlite"
        try store.backup(to: backup)
        #expect(try Self.mode(backup) == 0o600)
        #expect(try Store(path: backup).snapshot().rooms["1208"] == StoreTests.room)
        #expect(throws: BackupError.self) { try store.backup(to: backup) }
        #expect(try Self.mode(backup) == 0o600)
    }

    @Test func theDatabaseARestoreReplacesIsKeptUnderAReadableNameAt0600() throws {
        let folder = try Self.folder()
        let path = folder + "/reveille.sqlite"
        try Store(path: path).backup(to: folder + "/backup.sqlite")
        let at = Date(timeIntervalSince1970: 1_796_617_947)  // 2026-12-07 04:32:27 UTC
        let kept = try #require(try Store.restore(backup: folder + "/backup.sqlite", to: path, at: at))
        #expect(kept == path + ".replaced-2026-12-07T043227Z")
        #expect(try Self.mode(kept) == 0o600)
        #expect(try Self.mode(path) == 0o600)
        // The same second again: a second name, never an overwrite.
        let again = try #require(try Store.restore(backup: folder + "/backup.sqlite", to: path, at: at))
        #expect(again == path + ".replaced-2026-12-07T043227Z-2")
    }

    @Test func aRestoreRefusesWhileAServiceHoldsTheDatabasesLockAndChangesNothing() throws {
        let folder = try Self.folder()
        let path = folder + "/reveille.sqlite"
        let running = try Store(path: path)
        try running.save(rooms: [StoreTests.room], actor: "test", at: StoreTests.now)
        let empty = folder + "/empty.sqlite"
        try Store(path: folder + "/other.sqlite").backup(to: empty)
        let lock = try ServiceLock(database: path)
        do {
            try Store.restore(backup: empty, to: path)
            Issue.record("a restore went ahead under a running service")
        } catch let held as ServiceLock.Held {
            #expect(held.code == "serviceRunning")
            #expect(held.holder == getpid())
            #expect("\(held)".contains("stop it first"))
        }
        #expect(try running.snapshot().rooms["1208"] == StoreTests.room)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.contains("replaced") })
        // A second service on the same database is refused the same way.
        #expect(throws: ServiceLock.Held.self) { try ServiceLock(database: path) }
        lock.release()
        #expect(try Store.restore(backup: empty, to: path) != nil)
    }
}
