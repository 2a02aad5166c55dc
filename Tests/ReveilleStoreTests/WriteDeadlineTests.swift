import Foundation
import Testing

@testable import ReveilleStore

/// A write's deadline cuts short the lock waits of its own database only (one registry per
/// ``Store``): two stores in one process, as in the tests, never stop each other's writes.
struct WriteDeadlineTests {
    @Test func aDeadlineThatPassedStopsItsOwnDatabasesWaitAndNoOther() async throws {
        let mine = try Store(path: StoreTests.temporaryPath())
        let other = try Store(path: StoreTests.temporaryPath())
        try await mine.withWriteDeadline(.now - .seconds(1)) {
            #expect(!mine.writeDeadlines.keepWaiting(tries: 0, timeout: 30))
            #expect(other.writeDeadlines.keepWaiting(tries: 0, timeout: 30))
        }
        // Once the request is over its deadline is gone: the store's own timeout rules again.
        #expect(mine.writeDeadlines.keepWaiting(tries: 0, timeout: 30))
        #expect(!mine.writeDeadlines.keepWaiting(tries: 3_000, timeout: 30))
    }
}
