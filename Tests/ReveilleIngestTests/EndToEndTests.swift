import Clocks
import Foundation
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
@testable import ReveilleIngest
import ReveilleServices
import ReveilleStore
import Testing

/// The whole chain on one `TestClock`: CSV file → watcher → importer → store → planner → push
/// scheduler → PBX link → simulator.
@Suite(.timeLimit(.minutes(2)))
struct EndToEndTests {
    typealias Fixture = IngestFixture
    typealias Scheduler = PushScheduler<TestClock<Duration>>

    /// A store with `rooms` rooms from 1201, a simulator and a link to it, all on one `TestClock`.
    struct Chain {
        let clock = TestClock<Duration>()
        let now: @Sendable () -> Date
        let store: Store
        let settings = HotelSettings(timeZone: Fixture.zone)
        let pbx = SimulatedPBX(accounts: ["pms": "pw"])
        let server: PBXSimulatorServer
        let link: PBXLink

        init(rooms: Int) async throws {
            let clock = self.clock
            let origin = clock.now
            now = { Fixture.now.addingTimeInterval(origin.duration(to: clock.now).seconds) }
            store = try Store(path: Fixture.temporaryFile("e2e.sqlite"))
            try store.save(rooms: (0..<rooms).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) }, actor: "test", at: now())
            server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Fixture.logger)
            link = PBXLink(endpoint: .init(host: "127.0.0.1", port: server.port), configuration: .init(user: "pms", password: "pw"),
                           clock: clock, random: { 0 }, logger: Fixture.logger)
        }

        /// The push scheduler on the link, and an importer and a front desk that tell it what changed.
        func services(alertSink: (any AlertSink)? = nil) -> (scheduler: Scheduler, importer: OccupancyImporter, desk: FrontDesk) {
            let scheduler = Scheduler(store: store, link: link, settings: settings, clock: clock, now: now, random: { 0.5 },
                                      alertSink: alertSink, logger: Fixture.logger)
            let importer = OccupancyImporter(store: store, timeZone: Fixture.zone, changed: { scheduler.changed(rooms: $0) }, now: now,
                                             logger: Fixture.logger)
            let desk = FrontDesk(store: store, settings: settings, pacing: PushPacing(), changed: { scheduler.changed(rooms: $0) }, now: now)
            return (scheduler, importer, desk)
        }
    }

    @Test func exportRowsDriveTheNameCallClassWakeUpsAndDNDOnThePBX() async throws {
        let chain = try await Chain(rooms: 12)
        let (clock, now, store, settings, pbx, server, link) = (chain.clock, chain.now, chain.store, chain.settings, chain.pbx, chain.server, chain.link)
        let (scheduler, importer, desk) = chain.services()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inhouse.csv").path
        let watcher = OccupancyWatcher(path: path, importer: importer, quietPeriod: .seconds(2), clock: clock, logger: Fixture.logger)

        var schedulerActivity = scheduler.activity().makeAsyncIterator()
        var watcherActivity = watcher.activity().makeAsyncIterator()
        let tasks: [Task<Void, Never>] = [
            Task { await link.run() },
            Task { try? await scheduler.run() },
            Task { try? await watcher.run() },
        ]

        /// Follows the scheduler until it has planned something and then pushed all of it.
        func pushEverything() async {
            await Fixture.pushEverything(&schedulerActivity, clock: clock, store: store)
        }

        /// Follows the watcher until it imports, stepping past its quiet period.
        func nextImport() async -> ImportReport? {
            while let activity = await watcherActivity.next() {
                switch activity {
                case .imported(let report): return report
                case .waiting(let until): await clock.advance(to: until.advanced(by: .milliseconds(1)))
                case .observed, .absent: break
                }
            }
            return nil
        }

        // 1. The PMS exports twelve guests; room 1201's guest is 张伟.
        var rows = Fixture.guests(12)
        rows[0] = "1201,张伟,2026-11-24 14:00,2026-11-27 12:00,,R0"
        try Fixture.csv(rows).write(to: URL(fileURLWithPath: path))
        #expect(await nextImport()?.checkIns == 12)
        await pushEverything()
        #expect(pbx.extensionState("8201").name == "张伟")
        #expect(pbx.extensionState("8201").callClass == settings.occupiedCallClass)

        // 2. Reception books a wake-up and the guest asks for DND.
        _ = try desk.bookWakeUp(room: "1201", time: "06:30", recurrence: .once(LocalDate("2026-11-25")!), options: .init(), actor: "reception")
        _ = try desk.setDND(room: "1201", from: nil, until: now() + 12 * 3600, actor: "reception")
        await pushEverything()
        #expect(pbx.extensionState("8201").alarmClockValue == "06:30**5*1*fpm-world-mix.gsm*3&")
        guard case .on = pbx.extensionState("8201").dnd else {
            Issue.record("DND not set on the PBX")
            return
        }

        // 3. The guest's row disappears from the next export: checked out, the PBX is cleared.
        try Fixture.csv(Array(rows.dropFirst())).write(to: URL(fileURLWithPath: path))
        #expect(await nextImport()?.checkOuts == 1)
        await pushEverything()
        let cleared = pbx.extensionState("8201")
        #expect(cleared.alarmClockValue == "")
        #expect(cleared.dnd == .off)
        #expect(cleared.name == "1201")
        #expect(cleared.callClass == settings.vacantCallClass)
        #expect(pbx.extensionState("8202").name == "客人1")  // the others untouched

        link.shutdown()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await server.close()
    }

    /// A 5-character, 80 KB name (`Z` + 40,000 combining accents + `alan`): refused as a bad row;
    /// one already stored (a database from before the byte bound) makes a frame over the 64 KiB
    /// limit, which is refused before it is written: that push is failed and alerted, the link
    /// stays up and the names after it reach the PBX.
    @Test func aHugeNameIsABadRowAndAStoredOneFailsItsPushWhileTheLinkStaysUp() async throws {
        let chain = try await Chain(rooms: 4)
        let (clock, now, store, pbx, server, link) = (chain.clock, chain.now, chain.store, chain.pbx, chain.server, chain.link)
        let (scheduler, importer, _) = chain.services(alertSink: AlertCenter(store: store, timeZone: Fixture.zone, logger: Fixture.logger))
        let huge = "Z" + String(repeating: "\u{301}", count: 40_000) + "alan"
        var activity = scheduler.activity().makeAsyncIterator()
        let tasks: [Task<Void, Never>] = [Task { await link.run() }, Task { try? await scheduler.run() }]

        var rows = Fixture.guests(3)
        rows[0] = "1201,\(huge),2026-11-24 14:00,2026-11-27 12:00,,R0"
        let report = importer.importExport(Fixture.csv(rows), file: "inhouse.csv")
        #expect(report.checkIns == 2)
        #expect(report.problems.map(\.reason) == ["guest: must be at most 64 characters (has 40005)"])
        // Stored before the bound existed: straight into the store.
        let stored = OccupancyRecord(booking: "R9", room: "1204", guest: huge, arrival: now() - 3600, departure: now() + 86_400)
        scheduler.changed(rooms: try store.apply([.checkIn(stored)], actor: "test", at: now()))
        await Fixture.pushEverything(&activity, clock: clock, store: store)

        #expect(pbx.extensionState("8202").name == "客人1")
        #expect(pbx.extensionState("8203").name == "客人2")
        #expect(pbx.extensionState("8201").name != huge)
        let failed = try store.outbox(states: [.failed])
        #expect(failed.map(\.phone) == ["8204"])
        #expect(failed.first?.lastError?.contains("frame limit") == true)
        let raised = try store.alerts()
        #expect(raised.map(\.kind) == [.pushFailed])
        #expect(raised.first?.room == "1204")
        #expect(raised.first?.message.hasPrefix("Room 1204 (") == true)
        #expect(raised.first.map { $0.message.utf8.count < 2_000 } == true)
        // One login: the link never dropped.
        #expect(pbx.receivedRequests.filter { $0.command.method == .account }.count == 1)
        #expect(link.state.isUp)

        link.shutdown()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await server.close()
    }

    /// A shared room (a colleague joins, booking R9000): both guests' wake-ups are on the PBX, the
    /// name is the first guest's; when one checks out the other's wake-up stays.
    @Test func aSharedRoomKeepsBothGuestsWakeUpsAndOneCheckOutKeepsTheOthers() async throws {
        let chain = try await Chain(rooms: 4)
        let (clock, now, store, settings, pbx, server, link) = (chain.clock, chain.now, chain.store, chain.settings, chain.pbx, chain.server, chain.link)
        let (scheduler, importer, desk) = chain.services()
        var activity = scheduler.activity().makeAsyncIterator()
        let tasks: [Task<Void, Never>] = [Task { await link.run() }, Task { try? await scheduler.run() }]
        let 张伟 = "1201,张伟,2026-11-24 14:00,2026-11-27 12:00,,R1000"
        let 李雷 = "1201,李雷,2026-11-24 18:00,2026-11-27 12:00,,R9000"
        let tomorrow = Recurrence.once(LocalDate("2026-11-25")!)

        #expect(importer.importExport(Fixture.csv([张伟]), file: "inhouse.csv").checkIns == 1)
        _ = try desk.bookWakeUp(room: "1201", time: "06:45", recurrence: tomorrow, options: .init(), actor: "reception")
        let joined = importer.importExport(Fixture.csv([张伟, 李雷]), file: "inhouse.csv")
        #expect(joined.checkIns == 1 && joined.checkOuts == 0 && joined.problems.isEmpty)
        _ = try desk.bookWakeUp(room: "1201", time: "07:00", recurrence: tomorrow, options: .init(), actor: "reception")
        await Fixture.pushEverything(&activity, clock: clock, store: store)
        #expect(pbx.extensionState("8201").alarmClockValue == "06:45**5*1*fpm-world-mix.gsm*3&07:00**5*1*fpm-world-mix.gsm*3&")
        #expect(pbx.extensionState("8201").name == "张伟")
        #expect(try store.snapshot(at: now()).occupants(of: "1201", at: now()).map(\.guestName) == ["张伟", "李雷"])

        // 张伟 leaves: only 张伟's wake-up goes; 李雷's stays and the name follows 李雷.
        let left = importer.importExport(Fixture.csv([李雷]), file: "inhouse.csv")
        #expect(left.outcome == .applied && left.checkOuts == 1)
        await Fixture.pushEverything(&activity, clock: clock, store: store)
        #expect(pbx.extensionState("8201").alarmClockValue == "07:00**5*1*fpm-world-mix.gsm*3&")
        #expect(pbx.extensionState("8201").name == "李雷")
        #expect(pbx.extensionState("8201").callClass == settings.occupiedCallClass)

        link.shutdown()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await server.close()
    }

    @Test func exportRowsBeyondTheRoomsGuestBoundAreBadRowsAndTheEarliestArrivalsAreKept() throws {
        let fixture = try Fixture { $0.guestsPerRoom = 2 }
        let rows = [
            "1201,A,2026-11-24 14:00,2026-11-27 12:00,,R1", "1201,C,2026-11-24 18:00,2026-11-27 12:00,,R3",
            "1201,B,2026-11-24 16:00,2026-11-27 12:00,,R2", "1202,D,2026-11-24 16:00,2026-11-27 12:00,,R4",
        ]
        let report = fixture.importer.importExport(Fixture.csv(rows), file: "inhouse.csv")
        #expect(report.checkIns == 3)
        #expect(report.problems.map(\.line) == [3])
        #expect(report.problems.first?.reason == "room 1201 has 3 guests in this export: at most 2 per room (ingest.guestsPerRoom)")
        #expect(try fixture.store.inHouse().filter { $0.room == "1201" }.map(\.guest).sorted() == ["A", "B"])
    }
}
