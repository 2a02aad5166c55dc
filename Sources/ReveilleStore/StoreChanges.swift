import GRDB
import PBXProtocol

/// Counts the transactions that changed the database (every write goes through the store's one
/// writer): a reply built from the database is the same as long as the count is, so a poll can be
/// answered `304 Not Modified` without reading anything (an `ETag`).
final class StoreChanges: TransactionObserver, Sendable {
    private let state = Locked<(pending: Bool, count: UInt64)>((false, 0))

    var count: UInt64 { state.withLock { $0.count } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.pending = true }
    }

    func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            if state.pending { state.count &+= 1 }
            state.pending = false
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.pending = false }
    }
}
