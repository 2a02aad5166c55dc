import Foundation
import GRDB
import Testing

@testable import ReveilleStore

/// Stored dates are read by arithmetic where GRDB wrote them, and by GRDB everywhere else: either
/// way the same instant as GRDB's own reading.
@Suite struct StoredDateTests {
    /// GRDB's own reading of a stored value.
    private static func grdb(_ value: DatabaseValue) -> Date? { Date.fromDatabaseValue(value) }

    @Test func aDateGRDBWroteIsReadAsTheSameInstantGRDBReads() throws {
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999),  // 2100-02-28 23:59:59.999 (no leap day)
            Date(timeIntervalSince1970: 253_402_300_799.999),  // 9999-12-31 23:59:59.999
        ]
        // Spread over 1970…9999 with fractions (a fixed generator: the same every run).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Date(timeIntervalSince1970: Double(state >> 11) / Double(1 << 53) * 253_402_300_799))
        }
        for instant in instants {
            let stored = instant.databaseValue
            let text = try #require(String.fromDatabaseValue(stored))
            let parsed = try #require(StoredDate.parse(text), "\(text)")
            #expect(parsed == Self.grdb(stored), "\(text)")
        }
    }

    @Test(arguments: [
        "2026-12-07", "2026-12-07 05:00", "2026-12-07 05:00:00", "2026-12-07T05:00:00.000", "2026-12-07 05:00:00.5",
        "1969-12-31 23:59:59.999", "1582-10-10 12:00:00.000", "0002-03-04 05:06:07.000",
    ])
    func anyOtherStoredFormIsLeftToGRDB(text: String) throws {
        #expect(StoredDate.parse(text) == nil)
        let row = try #require(try DatabaseQueue().read { db in try Row.fetchOne(db, sql: "SELECT ? AS at", arguments: [text]) })
        #expect(try row.storedDate(atIndex: 0) == Self.grdb(text.databaseValue))
    }

    @Test(arguments: [
        "2026-13-07 05:00:00.000", "2026-02-29 05:00:00.000", "2026-12-32 05:00:00.000", "2026-12-07 24:00:00.000",
        "2026-12-07 05:60:00.000", "2026-12-07 05:00:60.000", "2026-12-07 05:00:00.-00", "２０２６-12-07 05:00:00.000",
        "2026-12-07 05:00:00.000\n", "garbage-in-twenty-three",
    ])
    func aTextThatIsNotAValidDateInTheLayoutIsNotReadByArithmetic(text: String) {
        #expect(StoredDate.parse(text) == nil)
    }

    @Test func aNumberOrNullIsReadAsGRDBReadsIt() throws {
        let row = try #require(try DatabaseQueue().read { db in try Row.fetchOne(db, sql: "SELECT 1765083600.5 AS at, NULL AS none, x'00' AS blob") })
        #expect(try row.storedDate(atIndex: 0) == Date(timeIntervalSince1970: 1_765_083_600.5))
        #expect(try row.storedDateIfPresent(atIndex: 1) == nil)
        #expect(throws: (any Error).self) { try row.storedDate(atIndex: 1) }
        #expect(throws: (any Error).self) { try row.storedDate(atIndex: 2) }
    }
}
