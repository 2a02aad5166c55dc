import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
import ReveilleStore
import Testing

/// The SQLite store on a temporary file: migrations, records, the outbox across a crash.
struct StoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("reveille-\(UUID().uuidString).sqlite").path
    }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let room = Room(number: "1208", phone: "8208", floor: 12, tags: ["suite"])

    static func planned(_ phone: String, _ name: String, group: Int64? = nil) -> PlannedCommand {
        PlannedCommand(room: phone, phone: phone, kind: .name, command: .setName(phone: phone, name: name), reason: "name \(name)", groupID: group)
    }

    static func success(_ entry: OutboxEntry) -> PBXReply {
        PBXReply(action: .set, seqID: "1", method: .extenName, outcome: .success)
    }

    @Test func migratesFromAnEmptyFileAndReopens() throws {
        let path = Self.temporaryPath()
        let store = try Store(path: path)
        #expect(try store.appliedMigrations().prefix(6) == ["v1: rooms, stays, wake-ups, DND, acknowledged state, outbox, audit", "v2: stay keys from the PMS", "v3: outbox index by extension and setting", "v4: wake-up attempts and CDRs", "v5: ids from AUTOINCREMENT, never reused", "v6: stay keys (booking, room) or (room, arrival)"])
        #expect(try store.appliedMigrations().last == "v15-stay-by-room")
        try store.save(rooms: [Self.room], actor: "test", at: Self.now)
        let reopened = try Store(path: path)
        #expect(try reopened.snapshot().rooms["1208"] == Self.room)
        // WAL, as the issue asks.
        let mode = try reopened.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func domainRecordsRoundTripThroughSQLite() throws {
        let store = try Store(path: Self.temporaryPath())
        let stay = Stay(id: 1, room: "1208", guestName: "张伟", arrival: Self.now, departure: Self.now + 86_400, groupCode: "ABC", callClass: .local)
        let policy = WakeUpPolicy(id: 1, room: "1208", stayID: 1, time: TimeOfDay("06:30")!,
                                  recurrence: .weekdays([.monday, .friday], from: LocalDate("2026-11-24")!, until: nil),
                                  options: .init(frequency: 10, attempts: 2, prompt: "morning.ulaw"))
        let group = GroupWakeUp(id: 1, name: "Tour", members: .bookingGroup("ABC"), time: TimeOfDay("05:45")!, recurrence: .daily(from: LocalDate("2026-11-25")!, days: 3))
        let window = DNDWindow(id: 1, room: "1208", stayID: 1, start: Self.now, end: Self.now + 3600)
        let rule = DNDRule(id: 1, name: "quiet", selector: .init(floors: [12], occupancy: .occupied), action: .quietHours(from: TimeOfDay("22:00")!, to: TimeOfDay("07:00")!))
        try store.save(rooms: [Self.room], actor: "test", at: Self.now)
        try store.save(stay, actor: "test", at: Self.now)
        try store.save(policy, actor: "test", at: Self.now)
        try store.save(group, actor: "test", at: Self.now)
        try store.save(window, actor: "test", at: Self.now)
        try store.save(rule, actor: "test", at: Self.now)
        let snapshot = try store.snapshot()
        #expect(snapshot.stays[1] == stay)
        #expect(snapshot.policies[1] == policy)
        #expect(snapshot.groups[1] == group)
        #expect(snapshot.dndWindows[1] == window)
        #expect(snapshot.rules == [rule])
    }

    /// The planner's snapshot reads current and future stays (and their wake-ups and
    /// DND windows), not the hotel's whole history; the history stays in the database.
    @Test func theSnapshotAtATimeLoadsOnlyCurrentAndFutureStays() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.save(rooms: [Self.room], actor: "test", at: Self.now)
        let day: TimeInterval = 86_400
        let stays = [
            Stay(id: 1, room: "1208", guestName: "long gone", arrival: Self.now - 30 * day, departure: Self.now - 20 * day, status: .checkedOut),
            Stay(id: 2, room: "1208", guestName: "left 6 days ago", arrival: Self.now - 8 * day, departure: Self.now - 6 * day, status: .checkedOut),
            Stay(id: 3, room: "1208", guestName: "not checked out", arrival: Self.now - 30 * day, departure: Self.now - 20 * day),
            Stay(id: 4, room: "1208", guestName: "in house", arrival: Self.now - day, departure: Self.now + day),
            Stay(id: 5, room: "1208", guestName: "arriving", arrival: Self.now + 2 * day, departure: Self.now + 3 * day),
        ]
        for stay in stays {
            try store.save(stay, actor: "test", at: Self.now)
            try store.save(WakeUpPolicy(id: stay.id, room: "1208", stayID: stay.id, time: TimeOfDay("06:30")!,
                                        recurrence: .once(LocalDate("2026-11-25")!)), actor: "test", at: Self.now)
            try store.save(DNDWindow(id: stay.id, room: "1208", stayID: stay.id, start: stay.arrival, end: stay.arrival + 3600),
                           actor: "test", at: Self.now)
        }
        let current = try store.snapshot(at: Self.now)
        #expect(Set(current.stays.keys) == [2, 3, 4, 5])
        #expect(Set(current.policies.keys) == [2, 3, 4, 5])
        #expect(Set(current.dndWindows.keys) == [2, 3, 4, 5])
        #expect(current.rooms.keys.contains("1208"))
        let everything = try store.snapshot()
        #expect(Set(everything.stays.keys) == [1, 2, 3, 4, 5] && everything.policies.count == 5 && everything.dndWindows.count == 5)
        #expect(try store.roomNumbers() == ["1208"])
    }

    @Test func everyChangeIsAuditedWithBeforeAndAfter() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.save(rooms: [Self.room], actor: "admin", at: Self.now)
        var moved = Self.room
        moved.phone = "8299"
        try store.save(rooms: [moved], actor: "admin", at: Self.now)
        let audit = try store.audit()
        #expect(audit.map(\.action) == ["update", "create"])
        #expect(audit[0].before?.contains("8208") == true && audit[0].after?.contains("8299") == true)
        #expect(audit.allSatisfy { $0.actor == "admin" })
    }

    @Test func successUpdatesOutboxAndAcknowledgedStateTogether() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.enqueue([Self.planned("8208", "张伟")], scope: nil, at: Self.now)
        let first = try #require(try store.pendingQueue().first)
        let entry = try #require(try store.claim(first.id, at: Self.now))
        #expect(entry.state == .inFlight && entry.attempts == 1)
        #expect(try store.claim(entry.id, at: Self.now) == nil)  // claimed once only
        try store.recordSuccess(entry, reply: Self.success(entry), at: Self.now)
        #expect(try store.acknowledged()["8208"]?.name == "张伟")
        #expect(try store.outbox(states: [.done]).map(\.id) == [entry.id])
        #expect(try store.audit().first?.action == "push")
    }

    @Test func whatThePBXAcknowledgedReadsBackExactlyInEveryShape() throws {
        let store = try Store(path: Self.temporaryPath())
        let on = DNDSetting.on(start: PBXDateTime("2026-11-24 22:00:00")!, end: PBXDateTime("2026-11-25 08:00:00")!)
        let commands: [(String, PBXCommand)] = [
            ("8201", .setDND(phone: "8201", on)), ("8202", .setDND(phone: "8202", .off)), ("8203", .setName(phone: "8203", name: "Zoë 张伟")),
            ("8204", .setCallClass(phone: "8204", .international)), ("8205", .setCallClass(phone: "8205", .deviceInternal)),
            ("8206", .setAlarmClock(phone: "8206", [WakeUpEntry(start: TimeOfDay("06:30")!, frequency: 5, days: 1)])),
        ]
        var expected: [String: AcknowledgedExtension] = [:]
        for (index, (phone, command)) in commands.enumerated() {
            let kind: PlannedCommand.Kind = switch command {
            case .setDND: .dnd
            case .setName: .name
            case .setCallClass: .callClass
            default: .alarmClock
            }
            try store.enqueue([PlannedCommand(room: phone, phone: phone, kind: kind, command: command, reason: "test")], scope: [phone], at: Self.now)
            let waiting = try #require(try store.pendingQueue().first)
            let entry = try #require(try store.claim(waiting.id, at: Self.now))
            let at = Self.now + Double(index) + 0.25
            try store.recordSuccess(entry, reply: Self.success(entry), at: at)
            var state = AcknowledgedExtension()
            state.apply(command, at: at)
            expected[phone] = state
        }
        #expect(try store.acknowledged() == expected)
        #expect(try store.acknowledged(phones: ["8201", "8202"]) == expected.filter { ["8201", "8202"].contains($0.key) })
        #expect(try store.acknowledged()["8201"]?.dnd == on)
        #expect(try store.acknowledged()["8202"]?.dnd == .off)
    }

    @Test func stoppingMidPushLosesNothingAndRepeatsOnlyTheCommandInFlight() throws {
        let path = Self.temporaryPath()
        do {
            let store = try Store(path: path)
            try store.enqueue((1...3).map { Self.planned("820\($0)", "Guest \($0)") }, scope: nil, at: Self.now)
            let first = try #require(try store.claim(try store.pendingQueue()[0].id, at: Self.now))
            try store.recordSuccess(first, reply: Self.success(first), at: Self.now)
            _ = try store.claim(try store.pendingQueue()[0].id, at: Self.now)
            // The process stops here: the second push is on the wire, no reply recorded.
        }
        let reopened = try Store(path: path)
        #expect(try reopened.recoverInFlight(at: Self.now) == 1)
        let waiting = try reopened.pending().map(\.phone)
        #expect(waiting == ["8202", "8203"])  // the one in flight again, then the one never sent
        #expect(try reopened.acknowledged().keys.sorted() == ["8201"])  // the done one is not repeated
    }

    @Test func newerPlanReplacesTheWaitingCommandAndSupersedesWhatIsNoLongerNeeded() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.enqueue([Self.planned("8201", "A"), Self.planned("8202", "B")], scope: nil, at: Self.now)
        try store.enqueue([Self.planned("8201", "A2")], scope: ["8201", "8202"], at: Self.now)
        let pending = try store.pending()
        #expect(pending.map(\.command) == [try StoredCommand(.setName(phone: "8201", name: "A2"))])
        #expect(try store.outbox(states: [.superseded]).map(\.phone) == ["8202"])
    }

    @Test func failedCommandIsNotRequeuedByTheSamePlanUntilRetried() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.enqueue([Self.planned("8201", "A")], scope: nil, at: Self.now)
        let entry = try #require(try store.claim(try store.pendingQueue()[0].id, at: Self.now))
        try store.recordFailure(entry, error: "Extension 8201 does not exist", retryAt: nil, at: Self.now)
        try store.enqueue([Self.planned("8201", "A")], scope: nil, at: Self.now)
        #expect(try store.pending().isEmpty)
        #expect(try store.outbox(states: [.failed]).first?.lastError == "Extension 8201 does not exist")
        #expect(try store.retryFailed(actor: "admin", at: Self.now) == 1)
        #expect(try store.pending().count == 1)
    }

    @Test func groupProgressCountsPushedFailedAndWaiting() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.enqueue((1...4).map { Self.planned("820\($0)", "G", group: 9) }, scope: nil, at: Self.now)
        let pending = try store.pending()
        try store.recordSuccess(pending[0], reply: Self.success(pending[0]), at: Self.now)
        try store.recordFailure(pending[1], error: "Simulated failure", retryAt: nil, at: Self.now)
        #expect(try store.progress(ofGroup: 9) == GroupProgress(total: 4, pushed: 1, failed: 1, waiting: 2))
    }

    @Test func forgettingAcknowledgementsMakesThePlannerPushAgain() throws {
        let store = try Store(path: Self.temporaryPath())
        try store.enqueue([Self.planned("8201", "A")], scope: nil, at: Self.now)
        let entry = try store.pending()[0]
        try store.recordSuccess(entry, reply: Self.success(entry), at: Self.now)
        try store.forgetAcknowledged(actor: "admin", at: Self.now)
        #expect(try store.acknowledged().isEmpty)
    }
}
