import Foundation
import ReveilleCore
import ReveilleStore
import Testing

/// Start-up on a bad database file: a zero-byte or corrupt file is refused, naming the file and
/// `reveille restore`, and left as it was; a missing file is created (a first start).
struct DatabaseStartupTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aZeroByteDatabaseRefusesToStartNamingTheFileAndRestore() throws {
        let path = StoreTests.temporaryPath()
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let error = #expect(throws: StoreOpenError.self) { try Store(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("empty (0 bytes)") == true)
        #expect(error?.description.contains("reveille restore") == true)
        // Nothing written: the file is still the empty file the admin will find.
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0)
    }

    @Test func aCorruptDatabaseRefusesToStartNamingTheFileAndRestore() throws {
        let path = StoreTests.temporaryPath()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreOpenError.self) { try Store(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("not a readable SQLite database") == true)
        #expect(error?.description.contains("reveille restore") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func aMissingDatabaseIsCreatedAndSaysSoAndAnExistingOneIsNot() throws {
        let path = StoreTests.temporaryPath()
        let first = try Store(path: path)
        #expect(first.created)
        try first.save(rooms: [StoreTests.room], actor: "test", at: Self.now)
        let again = try Store(path: path)
        #expect(!again.created)
        #expect(try again.roomNumbers() == ["1208"])
    }

    @Test func restoreReplacesAnEmptyDatabaseKeepingItsBytes() throws {
        let good = StoreTests.temporaryPath()
        try Store(path: good).save(rooms: [StoreTests.room], actor: "test", at: Self.now)
        let backup = StoreTests.temporaryPath()
        try Store.backup(databaseAt: good, to: backup)
        let path = StoreTests.temporaryPath()
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let kept = try #require(try Store.restore(backup: backup, to: path, at: Self.now))
        #expect(FileManager.default.fileExists(atPath: kept))
        #expect(try Store(path: path).roomNumbers() == ["1208"])
    }
}
