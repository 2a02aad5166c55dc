import Clocks
import Foundation
import GRDB
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// Retention pruning (run daily by ``RetentionService``) keeps the database flat under
/// a steady event stream. Time is a `TestClock`.
struct RetentionTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_559_400)  // 2026-11-25 06:30 Shanghai

    /// A day of events at 500 rooms — each hour every room rings (an occurrence, an
    /// attempt, a CDR), is audited and pushed — pruned hourly with a 6-hour retention on a test
    /// clock (`now` advanced by hand): once the retention window is full the database stops growing.
    @Test(.timeLimit(.minutes(1)))
    func aDayOfEventsAtFiveHundredRoomsLeavesTheDatabaseFlatAfterPruning() async throws {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let path = folder.appendingPathComponent("retention-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try Store(path: path)
        let clock = TestClock<Duration>()
        let origin = clock.now
        let now: @Sendable () -> Date = { Self.t0.addingTimeInterval(origin.duration(to: clock.now).seconds) }
        let retention = RetentionService(
            store: store, retention: .seconds(6 * 3600), interval: .seconds(3600), clock: clock, now: now, logger: PushHarness.logger)
        let rooms = (0..<500).map { Room(number: String(1000 + $0), phone: String(8000 + $0), floor: 10 + $0 / 50) }
        try store.save(rooms: rooms, actor: "test", at: Self.t0)
        let calendar = HotelCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        var sizes: [Int] = []
        for _ in 0..<24 {
            let now = now()
            let wall = calendar.wallClock(now)
            try await store.database.write { db in
                for room in rooms {
                    try db.execute(
                        sql: """
                            INSERT INTO wakeUpOccurrence (room, phone, guest, source, scheduledAt, plannedAttempts, frequency, onPBX, state, attempts)
                            VALUES (?, ?, 'Guest', 'room', ?, 3, 5, 1, 'answered', ?)
                            """,
                        arguments: [room.number, room.phone, now, #"[{"at":0,"result":"answered"}]"#])
                    try db.execute(
                        sql: "INSERT INTO wakeUpAttempt (phone, room, ringAt, outcome, endedAt) VALUES (?, ?, ?, 'answered', ?)",
                        arguments: [room.phone, room.number, now, now + 20])
                    try db.execute(
                        sql: """
                            INSERT INTO cdr (caller, callee, start, answer, "end", duration, disposition, callType, receivedAt)
                            VALUES ('wakeup', ?, ?, ?, ?, 15, 'ANSWERED', 'internal', ?)
                            """,
                        arguments: [room.phone, wall.description, wall.description, wall.description, now])
                    try db.execute(
                        sql: "INSERT INTO audit (at, actor, action, entity, entityID, after) VALUES (?, 'pbx', 'push', 'outbox', ?, ?)",
                        arguments: [now, room.phone, #"{"phone":"\#(room.phone)","alarmClock":"06:30**5*1*fpm-world-mix.gsm*3&"}"#])
                    try db.execute(
                        sql: """
                            INSERT INTO outbox (room, phone, kind, command, reason, state, attempts, createdAt, updatedAt)
                            VALUES (?, ?, 'alarmClock', '{}', 'wake-up', 'done', 1, ?, ?)
                            """,
                        arguments: [room.number, room.phone, now, now])
                }
            }
            #expect(retention.pruneOnce() != nil)
            sizes.append(try store.databaseBytes())
            await clock.advance(by: .seconds(3600))
        }
        // Full from hour 7 on: every later hour adds as much as it prunes, and SQLite reuses the freed pages.
        let steady = sizes[8]
        #expect(sizes[23] <= steady + steady / 10, "sizes by hour: \(sizes)")
        #expect(sizes[23] > 0)
        let remaining = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM wakeUpOccurrence") ?? 0 }
        #expect(remaining == 500 * 7)
        #expect(try store.cdrCount() == 500 * 7)
        #expect(try store.audit(room: nil, since: nil, until: nil).count == 500 * 7)
    }
}
