import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

/// Progress of a group wake-up's pushes.
public struct GroupProgress: Hashable, Sendable, Codable {
    public var total: Int
    public var pushed: Int
    public var failed: Int
    public var waiting: Int

    public init(total: Int, pushed: Int, failed: Int, waiting: Int) {
        self.total = total
        self.pushed = pushed
        self.failed = failed
        self.waiting = waiting
    }
}

extension Store {
    /// The newest outbox row of each setting of `phones`: one index seek per extension and
    /// setting, never a pass over the outbox kept (400 days of it, 820,000 rows in a large hotel:
    /// a `GROUP BY` over them took 110 ms of every whole plan's write transaction; the seeks 40).
    static func latestOutboxEntries(_ db: Database, phones: [String]) throws -> [OutboxEntry] {
        guard !phones.isEmpty else { return [] }
        let kinds = PlannedCommand.Kind.allCases.map { "('\($0.rawValue)')" }.joined(separator: ",")
        let wanted = Array(repeating: "(?)", count: phones.count).joined(separator: ",")
        return try OutboxEntry.fetchAll(db, sql: """
            WITH wanted(phone) AS (VALUES \(wanted)), kinds(kind) AS (VALUES \(kinds))
            SELECT * FROM outbox WHERE id IN (
                SELECT (SELECT id FROM outbox latest WHERE latest.phone = wanted.phone AND latest.kind = kinds.kind
                        ORDER BY id DESC LIMIT 1)
                FROM wanted, kinds)
            """, arguments: StatementArguments(phones))
    }

    /// Puts a plan in the outbox: for each planned command, the waiting command of that extension
    /// and setting is replaced (or created); waiting commands of the planned extensions that the plan
    /// no longer needs are superseded. A command already in flight is left alone.
    /// - Parameter scope: the extensions this plan covers (`nil`: all).
    /// - Returns: how many outbox rows were created or changed.
    @discardableResult
    public func enqueue(_ commands: [PlannedCommand], scope: Set<String>?, at now: Date) throws -> Int {
        func key(_ phone: String, _ kind: PlannedCommand.Kind) -> String { phone + "\u{1F}" + kind.rawValue }
        return try database.write { db in
            // Three queries for the whole plan, not three per command (a full plan has 20,000); a
            // plan of some rooms reads their extensions' rows only (by the phone/kind index), not
            // the hotel's: a booking's enqueue decoded every extension's latest row before.
            let phones = scope.map { Array($0) }
            var openRequest = OutboxEntry
                .filter([OutboxEntry.State.pending.rawValue, OutboxEntry.State.inFlight.rawValue].contains(Column("state")))
            if let phones { openRequest = openRequest.filter(phones.contains(Column("phone"))) }
            var open: [String: [OutboxEntry]] = [:]
            for entry in try openRequest.fetchAll(db) {
                open[key(entry.phone, entry.kind), default: []].append(entry)
            }
            var latest: [String: OutboxEntry] = [:]
            for entry in try Self.latestOutboxEntries(db, phones: phones ?? Array(Set(commands.map(\.phone)))) {
                latest[key(entry.phone, entry.kind)] = entry
            }
            var changed = 0
            var planned = Set<String>()
            var nextID = try Self.nextID(db, "outbox")
            for command in commands {
                let stored = try StoredCommand(command.command)
                let commandKey = key(command.phone, command.kind)
                planned.insert(commandKey)
                // Given up on (failed) with the same command for the same occurrence: not again until
                // the plan changes, the next login or an operator retries it; re-planning every minute
                // must not hammer the PBX. A daily wake-up's next occurrence has the same value but a
                // new `dueAt`: it is tried again.
                if let last = latest[commandKey], last.state == .failed, last.command == stored, last.dueAt == command.dueAt {
                    continue
                }
                let existing = open[commandKey] ?? []
                if let inFlight = existing.first(where: { $0.state == .inFlight }), inFlight.command == stored,
                    !existing.contains(where: { $0.state == .pending })
                {
                    continue
                }
                if var pending = existing.first(where: { $0.state == .pending }) {
                    let before = pending
                    if pending.command != stored {
                        pending.command = stored
                        pending.attempts = 0
                        pending.lastError = nil
                        pending.notBefore = nil
                    }
                    pending.reason = command.reason
                    pending.groupID = command.groupID
                    pending.dueAt = command.dueAt
                    if pending != before {
                        pending.updatedAt = now
                        try pending.update(db)
                        changed += 1
                    }
                    continue
                }
                try OutboxEntry(
                    id: nextID, room: command.room, phone: command.phone, kind: command.kind, command: stored,
                    reason: command.reason, groupID: command.groupID, dueAt: command.dueAt, state: .pending, attempts: 0,
                    lastError: nil, notBefore: nil, createdAt: now, updatedAt: now
                ).insert(db)
                nextID += 1
                changed += 1
            }
            for entries in open.values {
                for var entry in entries where entry.state == .pending {
                    guard scope?.contains(entry.phone) ?? true, !planned.contains(key(entry.phone, entry.kind)) else { continue }
                    entry.state = .superseded
                    entry.updatedAt = now
                    try entry.update(db)
                    changed += 1
                }
            }
            return changed
        }
    }

    /// Failed commands are tried again: an operator asks, or the scheduler after every login
    /// (audited only when there were any). A failed command that a later command of the
    /// same extension and setting replaced is superseded instead. The scheduler (`actor` starting
    /// `scheduler`) leaves a push that dropped the link twice in a row failed. Returns how many.
    @discardableResult
    public func retryFailed(actor: String, at now: Date) throws -> Int {
        try database.write { db in
            var count = 0
            for var entry in try OutboxEntry.filter(Column("state") == OutboxEntry.State.failed.rawValue).fetchAll(db) {
                // A push that dropped the link twice in a row would drop it again after every
                // login: only a person retries it (or a new plan replaces it).
                if actor.hasPrefix("scheduler"), entry.lastError?.hasPrefix(PushStateMachine.droppedLinkError) == true { continue }
                let newer = try OutboxEntry
                    .filter(Column("phone") == entry.phone && Column("kind") == entry.kind.rawValue
                        && (Column("state") == OutboxEntry.State.pending.rawValue || Column("id") > entry.id))
                    .fetchCount(db)
                entry.state = newer > 0 ? .superseded : .pending
                entry.attempts = 0
                entry.notBefore = nil
                entry.updatedAt = now
                try entry.update(db)
                count += 1
            }
            if count > 0 || !actor.hasPrefix("scheduler") {
                try audit(db, actor: actor, action: "retry", entity: "outbox", id: nil,
                          before: Optional<String>.none, after: "\(count) failed commands", at: now)
            }
            return count
        }
    }

    /// After a restart: commands left in flight go back to waiting, to be sent again (at most
    /// those; Sets are idempotent, §8). Returns how many.
    @discardableResult
    public func recoverInFlight(at now: Date) throws -> Int {
        try database.write { db in
            var count = 0
            for var entry in try OutboxEntry.filter(Column("state") == OutboxEntry.State.inFlight.rawValue).fetchAll(db) {
                // A newer plan may already wait for the same setting: it wins.
                let newer = try OutboxEntry
                    .filter(Column("phone") == entry.phone && Column("kind") == entry.kind.rawValue
                        && Column("state") == OutboxEntry.State.pending.rawValue)
                    .fetchCount(db)
                entry.state = newer > 0 ? .superseded : .pending
                entry.updatedAt = now
                try entry.update(db)
                count += 1
            }
            return count
        }
    }

    /// Waiting commands in push order (``Reconciler/rank(kind:dueAt:)``): wake-up lists soonest
    /// first, then DND in force, then the rest (names, call classes, DND off, clears).
    public func pending(limit: Int = 500) throws -> [OutboxEntry] {
        try database.read { db in try OutboxEntry.fetchAll(db, sql: Self.pendingSQL, arguments: [limit]) }
    }

    private static let pendingSQL = """
        SELECT * FROM outbox WHERE state = 'pending'
        ORDER BY CASE WHEN dueAt IS NULL THEN 2 WHEN kind = 'alarmClock' THEN 0 ELSE 1 END, dueAt,
          CASE kind WHEN 'alarmClock' THEN 0 WHEN 'dnd' THEN 1 WHEN 'name' THEN 2 ELSE 3 END, phone, id
        LIMIT ?
        """

    /// The waiting commands in push order as the push decisions see them (``PendingPush``): read
    /// once per plan, not per push. Rows whose kind no longer reads are left out
    /// (they stay in the outbox, visible to the admin).
    public func pendingQueue(limit: Int = 100_000) throws -> [PendingPush] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, kind, groupID, dueAt, notBefore, attempts FROM (\(Self.pendingSQL))", arguments: [limit]
            ).compactMap { row in
                guard let kind = PlannedCommand.Kind(rawValue: row["kind"]) else { return nil }
                return PendingPush(id: row["id"], kind: kind, groupID: row["groupID"], dueAt: row["dueAt"],
                                   notBefore: row["notBefore"], attempts: row["attempts"])
            }
        }
    }

    /// Takes waiting command `id` for sending: marks it in flight and counts the attempt, in one
    /// transaction. `nil` when it is no longer waiting (a newer plan replaced it).
    public func claim(_ id: Int64, at now: Date) throws -> OutboxEntry? {
        // Prepared once per connection (cached statements): this runs for every push.
        try database.write { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET state = 'inFlight', attempts = attempts + 1, updatedAt = ? WHERE id = ? AND state = 'pending'"
            ).execute(arguments: [now, id])
            guard db.changesCount > 0 else { return nil }
            return try OutboxEntry.fetchOne(db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ?"), arguments: [id])
        }
    }

    /// One outbox row.
    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try database.read { db in try OutboxEntry.fetchOne(db, key: id) }
    }

    /// Number of commands waiting (the backlog a new booking queues behind).
    public func pendingCount() throws -> Int {
        try count(.pending)
    }

    /// How many outbox rows are in `state` (a count query, no rows read).
    public func count(_ state: OutboxEntry.State) throws -> Int {
        try database.read { db in try OutboxEntry.filter(Column("state") == state.rawValue).fetchCount(db) }
    }

    public func outbox(states: [OutboxEntry.State]) throws -> [OutboxEntry] {
        try database.read { db in
            try OutboxEntry.filter(states.map(\.rawValue).contains(Column("state"))).order(Column("id")).fetchAll(db)
        }
    }

    /// The PBX answered Success: the outbox row is done and the acknowledged state updated, in one
    /// transaction; the exchange is audited.
    public func recordSuccess(_ entry: OutboxEntry, reply: PBXReply, at now: Date) throws {
        let command = try entry.command.command()
        try database.write { db in
            try db.cachedStatement(sql: "UPDATE outbox SET state = 'done', lastError = NULL, updatedAt = ? WHERE id = ?")
                .execute(arguments: [now, entry.id])
            var acknowledged = try AcknowledgedRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM acknowledged WHERE phone = ?"), arguments: [entry.phone]
            )?.value ?? AcknowledgedExtension()
            acknowledged.apply(command, at: now)
            try AcknowledgedRecord(phone: entry.phone, acknowledged).upsert(db)
            try audit(db, actor: "pbx", action: "push", entity: "outbox", id: "\(entry.id)",
                      before: entry.command, after: "Success (SeqID \(reply.seqID))", at: now)
        }
    }

    /// The PBX answered Error, or the push could not be made: record why. With `retryAt` the
    /// command waits until then; without, it is marked failed (and shown to reception).
    public func recordFailure(_ entry: OutboxEntry, error: String, retryAt: Date?, at now: Date) throws {
        try database.write { db in
            let state: OutboxEntry.State = retryAt == nil ? .failed : .pending
            // A newer plan for the same setting replaces a retry.
            let newer = try OutboxEntry
                .filter(Column("phone") == entry.phone && Column("kind") == entry.kind.rawValue
                    && Column("state") == OutboxEntry.State.pending.rawValue && Column("id") != entry.id)
                .fetchCount(db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, lastError = ?, notBefore = ?, updatedAt = ? WHERE id = ?",
                arguments: [newer > 0 && state == .pending ? OutboxEntry.State.superseded.rawValue : state.rawValue,
                            error, retryAt, now, entry.id])
            try audit(db, actor: "pbx", action: retryAt == nil ? "push failed" : "push error", entity: "outbox",
                      id: "\(entry.id)", before: entry.command, after: error, at: now)
        }
    }

    /// The link went down before a reply: back to waiting, the attempt not counted.
    public func requeue(_ entry: OutboxEntry, at now: Date) throws {
        try database.write { db in
            let newer = try OutboxEntry
                .filter(Column("phone") == entry.phone && Column("kind") == entry.kind.rawValue
                    && Column("state") == OutboxEntry.State.pending.rawValue && Column("id") != entry.id)
                .fetchCount(db)
            try db.execute(
                sql: "UPDATE outbox SET state = ?, attempts = MAX(attempts - 1, 0), updatedAt = ? WHERE id = ?",
                arguments: [newer > 0 ? "superseded" : "pending", now, entry.id])
        }
    }

    /// How far a group's pushes have got: per room (extension), the state of its latest push for
    /// the group, so a room pushed again (a resync) still counts once.
    public func progress(ofGroup groupID: Int64) throws -> GroupProgress {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT state, COUNT(*) AS n FROM outbox
                    WHERE id IN (SELECT MAX(id) FROM outbox WHERE groupID = ? AND state != 'superseded' GROUP BY phone)
                    GROUP BY state
                    """,
                arguments: [groupID])
            var progress = GroupProgress(total: 0, pushed: 0, failed: 0, waiting: 0)
            for row in rows {
                let count: Int = row["n"]
                progress.total += count
                switch OutboxEntry.State(rawValue: row["state"]) {
                case .done: progress.pushed += count
                case .failed: progress.failed += count
                case .pending, .inFlight: progress.waiting += count
                case .superseded, nil: break
                }
            }
            return progress
        }
    }
}
