import Clocks
import Foundation
@testable import ReveilleIngest
import Testing

/// The watcher on real files in a temporary folder (inotify), time stepped by a `TestClock`.
@Suite(.timeLimit(.minutes(1)))
struct OccupancyWatcherTests {
    typealias Fixture = IngestFixture

    struct Watch {
        let clock = TestClock<Duration>()
        let directory: URL
        let path: String
        let watcher: OccupancyWatcher<TestClock<Duration>>
        var activity: AsyncStream<OccupancyWatcher<TestClock<Duration>>.Activity>.Iterator
        let task: Task<Void, any Error>

        /// - Parameter pollOnly: no inotify, polling every 5 s (as on a network share).
        init(fixture: Fixture, pollOnly: Bool = false) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("inhouse.csv").path
            watcher = OccupancyWatcher(
                path: path, importer: fixture.importer, quietPeriod: .seconds(2), pollInterval: pollOnly ? .seconds(5) : nil,
                inotify: !pollOnly, clock: clock, logger: Fixture.logger)
            activity = watcher.activity().makeAsyncIterator()
            let watcher = self.watcher
            task = Task { try await watcher.run() }
        }

        /// Waits for the first activity matching `predicate`, stepping the clock past each quiet period.
        mutating func next<T>(_ predicate: (OccupancyWatcher<TestClock<Duration>>.Activity) -> T?) async throws -> T {
            while let activity = await activity.next() {
                if let value = predicate(activity) { return value }
                if case .waiting(let until) = activity {
                    await clock.advance(to: until.advanced(by: .milliseconds(1)))
                }
            }
            throw CancellationError()
        }

        mutating func nextImport() async throws -> ImportReport {
            try await next { if case .imported(let report) = $0 { report } else { nil } }
        }

        /// Waits until the watcher has seen a change of the file (without moving time).
        mutating func observed() async throws {
            _ = try await next { if case .observed = $0 { true } else { nil } }
        }

        /// Waits until the watcher has started (its first rescan found no file).
        mutating func started() async throws {
            _ = try await next { if case .absent = $0 { true } else { nil } }
        }

        func stop() async {
            task.cancel()
            _ = await task.result
        }
    }

    @Test func onANetworkShareWithoutInotifyAWrittenExportIsFoundByPolling() async throws {
        let fixture = try Fixture()
        var watch = try Watch(fixture: fixture, pollOnly: true)
        try await watch.started()
        // The 5 s poll is asleep on the test clock (checkSuspension throws once a sleep is pending).
        while (try? await watch.clock.checkSuspension()) != nil, !Task.isCancelled { await Task.yield() }
        // Written by the PMS from another machine: no inotify event would ever come.
        try Fixture.csv(Fixture.guests(4)).write(to: URL(fileURLWithPath: watch.path))
        await watch.clock.advance(by: .seconds(5))
        let report = try await watch.nextImport()
        #expect(report.checkIns == 4)
        await watch.stop()
    }

    @Test func networkFileSystemsAreRecognisedFromTheMountTable() {
        let mounts = """
            /dev/sda1 / ext4 rw 0 0
            //files/pms /mnt/pms cifs rw 0 0
            nas:/export /srv/nfs nfs4 rw 0 0
            tmpfs /mnt/pms/local tmpfs rw 0 0
            """
        #expect(NetworkFileSystem.name(of: "/mnt/pms", mounts: mounts) == "cifs")
        #expect(NetworkFileSystem.name(of: "/srv/nfs/exports", mounts: mounts) == "nfs4")
        #expect(NetworkFileSystem.name(of: "/mnt/pms/local", mounts: mounts) == nil)
        #expect(NetworkFileSystem.name(of: "/mnt/pmsx", mounts: mounts) == nil)
        #expect(NetworkFileSystem.name(of: "/var/lib/reveille", mounts: mounts) == nil)
    }

    @Test func atomicRenameIsImported() async throws {
        let fixture = try Fixture()
        var watch = try Watch(fixture: fixture)
        try await watch.started()
        let temporary = watch.directory.appendingPathComponent(".inhouse.csv.tmp")
        try Fixture.csv(Fixture.guests(3)).write(to: temporary)
        try FileManager.default.moveItem(atPath: temporary.path, toPath: watch.path)
        let report = try await watch.nextImport()
        #expect(report.checkIns == 3)
        await watch.stop()
    }

    @Test func inPlaceWriteInTwoChunksIsReadOnlyWhenWhole() async throws {
        let fixture = try Fixture()
        var watch = try Watch(fixture: fixture)
        try await watch.started()
        let whole = Fixture.csv(Fixture.guests(10))
        FileManager.default.createFile(atPath: watch.path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: watch.path))
        try handle.write(contentsOf: whole.prefix(whole.count / 2))
        try await watch.observed()
        // Time has not moved: the half file is not read. The rest arrives, then the file is quiet.
        try handle.write(contentsOf: whole.dropFirst(whole.count / 2))
        try handle.close()
        let report = try await watch.nextImport()
        #expect(report.checkIns == 10 && report.problems.isEmpty)
        await watch.stop()
    }

    @Test func deletedFileChangesNothingAndIsReadAgainWhenRecreated() async throws {
        let fixture = try Fixture()
        var watch = try Watch(fixture: fixture)
        try await watch.started()
        try Fixture.csv(Fixture.guests(3)).write(to: URL(fileURLWithPath: watch.path))
        #expect(try await watch.nextImport().checkIns == 3)
        try FileManager.default.removeItem(atPath: watch.path)
        _ = try await watch.next { if case .absent = $0 { true } else { nil } }
        #expect(try fixture.inHouseRooms().count == 3)  // a missing file is not an empty hotel
        try Fixture.csv(Fixture.guests(4)).write(to: URL(fileURLWithPath: watch.path))
        let report = try await watch.nextImport()
        #expect(report.checkIns == 1 && report.checkOuts == 0)
        await watch.stop()
    }

    @Test func truncatedExportIsHeldBack() async throws {
        let fixture = try Fixture()
        var watch = try Watch(fixture: fixture)
        try await watch.started()
        try Fixture.csv(Fixture.guests(12)).write(to: URL(fileURLWithPath: watch.path))
        #expect(try await watch.nextImport().outcome == .applied)
        try Fixture.csv(Fixture.guests(3)).write(to: URL(fileURLWithPath: watch.path))
        #expect(try await watch.nextImport().outcome == .held)
        #expect(try fixture.inHouseRooms().count == 12)
        await watch.stop()
    }

    @Test func exportPresentAtStartIsReadAtOnce() async throws {
        let fixture = try Fixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inhouse.csv").path
        try Fixture.csv(Fixture.guests(2)).write(to: URL(fileURLWithPath: path))
        let watcher = OccupancyWatcher(path: path, importer: fixture.importer, clock: TestClock<Duration>(), logger: Fixture.logger)
        var activity = watcher.activity().makeAsyncIterator()
        let task = Task { try await watcher.run() }
        guard case .imported(let report) = await activity.next() else {
            Issue.record("expected an import at start")
            return
        }
        #expect(report.checkIns == 2)
        task.cancel()
        _ = await task.result
    }
}
