import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
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

    @Test func everyKindOfWakeUpIsReadBackAsItWasWritten() throws {
        let day = try #require(LocalDate("2026-12-09"))
        let written = [
            WakeUpPolicy(id: 1, room: "1201", stayID: 7, time: TimeOfDay(hour: 6, minute: 30)!, recurrence: .once(day)),
            WakeUpPolicy(id: 2, room: "1202", time: TimeOfDay(hour: 0, minute: 0)!, recurrence: .daily(from: day, days: 3),
                options: WakeUpOptions(frequency: 5, attempts: 3, prompt: "wake.gsm", personal: true)),
            WakeUpPolicy(id: 3, room: "1203", stayID: 9, time: TimeOfDay(hour: 23, minute: 59)!,
                recurrence: .weekdays([.monday, .friday], from: day, until: nil), options: WakeUpOptions(receptionOnly: true)),
            WakeUpPolicy(id: 4, room: "房间", time: TimeOfDay(hour: 5, minute: 0)!, recurrence: .weekdays([], from: day, until: day.adding(days: 30))),
        ]
        let read = try DatabaseQueue().write { db in
            try db.create(table: "wakeUpPolicy") { t in
                t.primaryKey("id", .integer)
                for column in ["room", "stayID", "time", "recurrence", "options"] { t.column(column) }
            }
            for policy in written { try policy.insert(db) }
            return (try WakeUpPolicy.fetchAllByPosition(db, sql: "SELECT * FROM wakeUpPolicy ORDER BY id"),
                try Row.fetchAll(db, sql: "SELECT recurrence, options FROM wakeUpPolicy WHERE id = 1"))
        }
        #expect(read.0 == written)
        // The one-day recurrence and empty options are what the fast path reads.
        #expect(read.1.first?["recurrence"] == #"{"once":{"_0":"2026-12-09"}}"#)
        #expect(read.1.first?["options"] == "{}")
    }

    @Test(arguments: [#"{"once":{"_0":"2026-02-30"}}"#, #"{"once":{"_0":"2026-12-0x"}}"#, #"{"twice":{"_0":"2026-12-09"}}"#])
    func aStoredRecurrenceThatIsNoDateIsRefused(recurrence: String) throws {
        #expect(throws: (any Error).self) {
            _ = try DatabaseQueue().read { db in
                try WakeUpPolicy.fetchAllByPosition(db, sql: """
                    SELECT 1 AS id, '1201' AS room, NULL AS stayID, '06:30' AS time, ? AS recurrence, '{}' AS options
                    """, arguments: [recurrence])
            }
        }
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
