import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import ReveilleHTTP
import ReveilleCore
import ReveilleStore
import Synchronization
import Testing

/// Nothing the database does makes the answers that need no database wait: routes that reach the
/// store run on ``StoreExecutor``'s threads, so writes waiting for a lock another process holds
/// block those, not Swift's cooperative pool.
struct StoreThreadsTests {
    /// A write lock another connection holds, and the writes that finished meanwhile.
    final class HeldLock: Sendable {
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let released = Atomic<Bool>(false)
        let finished = Atomic<Int>(0)

        /// Takes the write lock of the database at `path` on a second connection, on a thread of its
        /// own, until ``releaseOnce()``.
        init(_ path: String) throws {
            let other = try DatabaseQueue(path: path)
            Thread { [held, release] in
                try? other.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    held.signal()
                    release.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            }.start()
            held.wait()
        }

        func releaseOnce() {
            if !released.exchange(true, ordering: .relaxed) { release.signal() }
        }
    }

    /// Which executor the calling task prefers.
    static func preferredName() -> String {
        let executor = withUnsafeCurrentTask { $0?.unownedTaskExecutor }
        if executor == StoreExecutor.reads.asUnownedTaskExecutor() { return "reads" }
        if executor == StoreExecutor.writes.asUnownedTaskExecutor() { return "writes" }
        return executor == nil ? "cooperative" : "other"
    }

    @Test func theLinkIsAnsweredWhileManyWritesWaitForALockAnotherProcessHolds() async throws {
        // The writes wait as long as the lock is held (no busy answer before it is released,
        // however slow a loaded machine is to answer the link).
        let fixture = try APITests.Fixture(busyTimeout: 120)
        var api = fixture.api
        api.writePatience = .seconds(120)
        // Another process's sqlite3 or a backup tool holds the write lock until the link is answered.
        let lock = try HeldLock(fixture.store.database.path)
        defer { lock.releaseOnce() }
        // If the link cannot be answered (the writes hold every thread), the lock goes after 30 s
        // anyway: the writes then finish first and the test fails instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { lock.releaseOnce() }
        // Far more waiting writes than this machine has cores: on the cooperative pool they would
        // take every thread until the busy timeout, and the link would wait with them.
        let writes = 8 * ProcessInfo.processInfo.activeProcessorCount + 16
        try await Application(router: api.router()).test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<writes {
                    group.addTask {
                        let time = String(format: "05:%02d", index % 60)
                        let booked = try await client.send("/api/rooms/120\(index % 3 + 1)/wakeups", .post, token: APITests.reception,
                                                           body: #"{"time":"\#(time)"}"#)
                        lock.finished.add(1, ordering: .relaxed)
                        return Int(booked.status.code)
                    }
                }
                group.addTask {
                    let link = try await client.send("/api/link", .get, token: APITests.reception)
                    #expect(link.status == .ok)
                    #expect(lock.finished.load(ordering: .relaxed) == 0, "the link waited for the writes")
                    lock.releaseOnce()
                    return nil
                }
                var statuses: [Int] = []
                for try await status in group { if let status { statuses.append(status) } }
                return statuses
            }
            // Once the lock is gone every write has its one answer: booked, or refused by a rule.
            #expect(statuses.count == writes)
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 || $0 == 503 }, "\(statuses)")
            #expect(statuses.contains(201))
        }
    }

    struct Busy: Equatable, Sendable {
        var status: Int
        var code: String?
        var retryAfter: String?
    }

    @Test(.timeLimit(.minutes(1)))
    func writesWaitingForALockAreAnsweredBusyAtTheirDeadlineAndChangeNothing() async throws {
        // The store alone would wait 30 s for each, one after the other, past the time limit: only
        // the requests' deadline answers them in time.
        let fixture = try APITests.Fixture(busyTimeout: 30)
        let before = try fixture.store.snapshot().policies.count
        let lock = try HeldLock(fixture.store.database.path)
        defer { lock.releaseOnce() }
        // A service's write, with no deadline of its own, already waiting for SQLite's one writer:
        // the requests' deadlines stop it too (its service retries it), or they would queue behind it.
        let service = Thread { [store = fixture.store] in
            _ = try? store.save(rooms: [Room(number: "1401", phone: "8401", floor: 14)], actor: "service", at: APITests.now)
        }
        service.start()
        var api = fixture.api
        api.writePatience = .milliseconds(100)
        // Ten desks at once: they queue for SQLite's one writer, and each still stops at its deadline.
        let replies = try await Application(router: api.router()).test(.router) { client in
            try await withThrowingTaskGroup(of: Busy.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let response = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception,
                                                             body: #"{"time":"06:\#(10 + index)"}"#)
                        let code = (try? APITests.error(response))?["code"] as? String
                        return Busy(status: response.status.code, code: code, retryAfter: response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        // Answered while the lock is still held: refused as busy, with when to send it again.
        #expect(replies.count == 10)
        #expect(replies.allSatisfy { $0 == Busy(status: 503, code: "busy", retryAfter: "2") }, "\(replies)")
        lock.releaseOnce()
        #expect(try fixture.store.snapshot().policies.count == before)
    }

    @Test func readsWritesAndTheLinkRunWhereTheyBelong() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(StoreThreads<BasicRequestContext>(store: try APITests.Fixture().store, withoutDatabase: ["/api/link"], writePatience: .seconds(2)))
        router.get("/api/rooms") { _, _ in Self.preferredName() }
        router.post("/api/rooms") { _, _ in Self.preferredName() }
        router.get("/api/link") { _, _ in Self.preferredName() }
        try await Application(router: router).test(.router) { client in
            let read = try await client.execute(uri: "/api/rooms", method: .get)
            let write = try await client.execute(uri: "/api/rooms", method: .post)
            let link = try await client.execute(uri: "/api/link", method: .get)
            #expect(String(buffer: read.body) == "reads")
            #expect(String(buffer: write.body) == "writes")
            #expect(String(buffer: link.body) == "cooperative")
        }
    }
}
