import Foundation
import GRDB
import PBXProtocol
import Testing

@testable import ReveilleStore

/// Records read by the thousand find their columns once per statement and read by position: in
/// whatever order the statement has them, and a column that is missing is named.
@Suite struct ColumnPositionsTests {
    @Test func aRecordIsReadTheSameWhateverOrderTheStatementsColumnsAreIn() throws {
        let records = try DatabaseQueue().read { db in
            try AcknowledgedRecord.fetchAllByPosition(db, sql: """
                SELECT 2 AS callClass, '{"use":false}' AS dnd, NULL AS alarmClockConfirmedAt,
                       '2026-12-07 05:00:00.250' AS confirmedAt, 'Ms Li' AS name, '05:00**5*1*wake.gsm*3&' AS alarmClock, '8201' AS phone
                UNION ALL
                SELECT NULL, NULL, '2026-12-06 21:00:00.000', NULL, NULL, NULL, '8202'
                """)
        }
        #expect(records.map(\.phone) == ["8201", "8202"])
        #expect(records[0].alarmClock == "05:00**5*1*wake.gsm*3&")
        #expect(records[0].name == "Ms Li")
        #expect(records[0].dnd == .off)
        #expect(records[0].callClass == .enterpriseInternal)
        #expect(records[0].confirmedAt == Date(timeIntervalSince1970: 1_796_619_600.25))
        #expect(records[0].alarmClockConfirmedAt == nil)
        #expect(records[1].alarmClockConfirmedAt == Date(timeIntervalSince1970: 1_796_590_800))
        #expect(records[1].alarmClock == nil && records[1].callClass == nil && records[1].dnd == nil)
    }

    @Test func aMissingColumnIsNamed() throws {
        let error = #expect(throws: StoredValueError.self) {
            _ = try DatabaseQueue().read { db in
                try AcknowledgedRecord.fetchAllByPosition(db, sql: "SELECT '8201' AS phone, NULL AS name")
            }
        }
        #expect(error?.column == "alarmClock")
        #expect(error?.table == "acknowledged")
    }
}
