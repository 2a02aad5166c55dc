import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Logging
import PBXProtocol
import PBXSimulator
import ReveilleStore
import Testing

/// `reveille serve` killed with SIGKILL in the middle of its pushes (a power cut, the OOM
/// killer) and started again: the outbox is intact and the PBX — a simulator in this test process,
/// which survives the kill — ends with every booking.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct KillRestartTests {
    @Test func killedMidPushItRestartsWithAnIntactOutboxAndConverges() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let pbx = SimulatedPBX(accounts: ["pms": "kill-test-password"])
        let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, logger: logger)
        var requests = pbx.requests().makeAsyncIterator()

        // A real-PBX configuration pointing at the simulator; secrets from the environment.
        let folder = try BinaryServeTests.initialised()
        let config = folder.appendingPathComponent("reveille.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "simulator: true", with: "simulator: false")
            .replacingOccurrences(of: "    interval: 0.05", with: "    interval: 0.02")
            .replacingOccurrences(of: "# timeZone: Asia/Shanghai   # set it:", with: "timeZone: Asia/Shanghai #")
        try text.write(to: config, atomically: true, encoding: .utf8)
        // The PMS's export: the sample's guests under the PMS's own booking numbers (a real PBX
        // refuses the sample export itself).
        let export = folder.appendingPathComponent("inhouse.csv")
        try String(contentsOf: export, encoding: .utf8).replacingOccurrences(of: ",R10", with: ",PMS-10")
            .write(to: export, atomically: true, encoding: .utf8)
        let environment = [
            "PBX_PASSWORD": "kill-test-password", "HTTP_TOKENS": "reception:li.na:kill-test-token-0123456789", "PBX_PORT": "\(server.port)",
        ]

        let first = try BinaryServeTests.serve(["--config", config.path], in: folder, environment: environment)
        let rooms = ["1201", "1202", "1203", "1204", "1205", "1206", "1207", "1208"]
        for room in rooms {
            #expect(try await BinaryServeTests.book(port: first.port, room: room, authorization: "Bearer kill-test-token-0123456789") == 201)
        }
        // The first wake-up reaches the PBX: kill the service there, mid-push.
        while let request = await requests.next() {
            if case .setAlarmClock(_, let entries) = request.command, !entries.isEmpty { break }
        }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .uncaughtSignal)

        // The database is whole, and every booking is still there.
        do {
            let store = try Store(path: folder.appendingPathComponent("data/reveille.sqlite").path)
            let integrity = try await store.database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == "ok")
            #expect(try store.snapshot().policies.count == rooms.count)
        }

        // Started again, it converges: every room's wake-up is on the PBX.
        let second = try BinaryServeTests.serve(["--config", config.path], in: folder, environment: environment)
        let phones = Set(rooms.map { "8" + $0.dropFirst() })
        while !phones.allSatisfy({ pbx.extensionState($0).alarms.map(\.start.description) == ["07:00"] }),
            await requests.next() != nil
        {}
        #expect(phones.allSatisfy { pbx.extensionState($0).alarms.map(\.start.description) == ["07:00"] })
        #expect(try await second.stop() == 0)
        await server.close()
    }
}
