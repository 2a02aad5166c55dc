import Foundation
import Logging
import PBXLink
import PBXProtocol
import ReveilleApp
import ServiceLifecycle
import Testing

/// `reveille serve` in-process: the configuration (YAML + environment, every problem named) and a
/// graceful shutdown of the whole ServiceGroup.
@Suite(.timeLimit(.minutes(1)))
struct ServeTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Arrival yesterday, departure in 30 days (`yyyy-MM-dd`, hotel time): exports are checked
    /// against the span of InputBounds.
    static func stayAroundToday() -> (arrival: String, departure: String) {
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return (days.string(from: Date() - 86_400), days.string(from: Date() + 30 * 86_400))
    }

    static func config(_ folder: URL, extra: String = "") throws -> String {
        let rooms = try write("room,extension,floor\n1201,8201,12\n1202,8202,12\n", "rooms.csv", in: folder)
        let (arrival, departure) = stayAroundToday()
        let csv = try write("房号,姓名,到店时间,离店时间\n1201,张伟,\(arrival),\(departure)\n", "inhouse.csv", in: folder)
        return try write("""
            pbx:
              host: 127.0.0.1
              port: 0
              user: pms
              password: secret-password
              simulator: true
            hotel:
              timeZone: Asia/Shanghai
              roomsFile: \(rooms)
            ingest:
              csv:
                path: \(csv)
              socket:
                path: \(folder.path)/pms.sock
            http:
              host: 127.0.0.1
              port: 0
              tokens:
                - admin:it:admin-token-0123456789
            storage:
              dataFolder: \(folder.path)/data
            log:
              level: error
            \(extra)
            """, "reveille.yaml", in: folder)
    }

    @Test func invalidConfigurationNamesEveryProblemByKey() async throws {
        let folder = try Self.folder()
        let path = try Self.write("""
            pbx:
              port: 70000
              user: pms
              pacing:
                groupSpacing: 3
            hotel:
              timeZone: Mars/Olympus
            wakeup:
              attempts: 11
              prompt: wake.wav
            http:
              tokens:
                - bogus
            """, "bad.yaml", in: folder)
        do {
            _ = try await ReveilleConfiguration.load(file: path, environment: [:])
            Issue.record("an invalid configuration was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            let keys = error.problems.map { String($0.prefix { $0 != ":" }) }
            #expect(Set(keys).isSuperset(of: ["pbx.port", "pbx.pacing.groupSpacing", "hotel.timeZone", "wakeup.attempts", "wakeup.prompt", "http.tokens[0]"]))
            #expect(error.problems.contains("pbx.port: 70000 is outside 0…65535"))
        }
    }

    @Test func environmentOverridesTheFileKeyByKey() async throws {
        let folder = try Self.folder()
        let path = try Self.config(folder)
        let configuration = try await ReveilleConfiguration.load(
            file: path, environment: ["PBX_HOST": "10.0.0.9", "PBX_REQUEST_TIMEOUT": "20", "HTTP_TOKENS": "reception:desk:another-token-0123456789"])
        #expect(configuration.pbxHost == "10.0.0.9")
        #expect(configuration.link.requestTimeout == .seconds(20))
        #expect(configuration.tokens.map(\.description) == ["reception:desk"])
        #expect(!configuration.description.contains("secret-password") && !configuration.description.contains("0123456789"))
        await #expect(throws: ReveilleConfiguration.Problems.self) {
            try await ReveilleConfiguration.load(file: path, environment: ["PBX_PORT": "not-a-port"])
        }
    }

    @Test func gracefulShutdownLogsOutOfThePBXAndStopsEveryService() async throws {
        let folder = try Self.folder()
        let configuration = try await ReveilleConfiguration.load(file: try Self.config(folder), environment: [:])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let application = try await ReveilleApplication.build(configuration, logger: logger)
        var states = application.pbx.states().makeAsyncIterator()
        let group = application.serviceGroup
        let running = Task { try await group.run() }
        while let state = await states.next(), !state.isUp {}
        #expect(await application.httpPort() > 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/pms.sock"))

        await group.triggerGracefulShutdown()
        try await running.value  // returns, without an error
        let simulator = try #require(application.simulator)
        #expect(simulator.pbx.receivedRequests.contains { if case .logout = $0.command { true } else { false } })
        #expect(application.link?.state == .stopped)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/pms.sock"))
        #expect(try application.store.snapshot().stays.count == 1)  // the export was read before stopping
    }
}
