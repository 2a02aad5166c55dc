import Clocks
import Foundation
import GRDB
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// A store error fails that step, is logged and retried; it never ends the scheduler.
@Suite(.timeLimit(.minutes(1)))
struct StoreFailureTests {
    @Test func aStoreErrorIsRetriedAfterABackoffAndThePushesGoOnOnceTheStoreRecovers() async throws {
        var harness = try await PushHarness(rooms: 3)
        harness.start()
        _ = try await harness.drive { activity, _ in if case .waiting(_, .idle) = activity { true } else { false } }
        // The store breaks under the scheduler (as a locked or full database would).
        try await harness.store.database.write { db in try db.execute(sql: "ALTER TABLE acknowledged RENAME TO acknowledged_away") }
        try harness.bookGroup()
        let failed = try await harness.drive { activity, _ in if case .waiting(_, .storeError) = activity { true } else { false } }
        guard case .waiting(let retryAt?, .storeError) = failed.last else { Issue.record("no retry time"); return }
        // The store comes back; the retry after the backoff plans and pushes the group.
        try await harness.store.database.write { db in try db.execute(sql: "ALTER TABLE acknowledged_away RENAME TO acknowledged") }
        await harness.clock.advance(to: retryAt.advanced(by: .milliseconds(1)))
        let pbx = harness.pbx
        _ = try await harness.drive { _, _ in
            pbx.extensions.values.filter { $0.alarmClockValue == PushSchedulerTests.groupValue }.count == 3
        }
        #expect(try harness.store.outbox(states: [.failed]).isEmpty)
        await harness.stop()
    }
}
