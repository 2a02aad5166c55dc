import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ReveilleApp
import Testing

/// Walking DEPLOY.md as the hotel's IT person on day one: nothing may silently go wrong.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct DayOneTests {
    /// Runs the built `reveille` with `arguments` to its end: exit status, standard output and error.
    static func run(_ arguments: [String], in folder: URL? = nil, environment extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = BinaryServeTests.binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["HTTP_PORT"] = "0"
        environment["PBX_PORT"] = "0"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static let realAccounts = ["PBX_PASSWORD": "the-real-pbx-password", "HTTP_TOKENS": "admin:it.chen:a-real-secret-0123456789"]

    @Test func restoreRefusesWhileTheServiceRunsAndTheBookingMadeMeanwhileSurvives() async throws {
        let folder = try BinaryServeTests.initialised()
        let config = folder.appendingPathComponent("reveille.yaml").path
        let running = try BinaryServeTests.serve(["--config", config], in: folder)
        let backup = folder.appendingPathComponent("backups/before.sqlite").path
        #expect(try Self.run(["backup", backup, "--config", config]).status == 0)
        #expect(try await BinaryServeTests.book(port: running.port, room: "1204") == 201)

        let refused = try Self.run(["restore", backup, "--config", config])
        #expect(refused.status == 1)
        #expect(refused.err.contains("a Reveille service is running on this database"), "\(refused.err)")
        #expect(try await running.stop() == 0)

        // The booking made after the backup is still there after a restart.
        let again = try BinaryServeTests.serve(["--config", config], in: folder)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(again.port)/api/rooms/1204")!)
        request.setValue("Bearer reception-demo-token", forHTTPHeaderField: "Authorization")
        let (body, _) = try await URLSession.shared.data(for: request)
        #expect(String(decoding: body, as: UTF8.self).contains("07:00"))
        #expect(try await again.stop() == 0)
        // Stopped, the restore goes ahead.
        let restored = try Self.run(["restore", backup, "--config", config])
        #expect(restored.status == 0, "\(restored.err)")
    }

    @Test func initThenARealPBXRefusesTheSampleExportNamingTheKey() async throws {
        let folder = try BinaryServeTests.initialised()
        let config = folder.appendingPathComponent("reveille.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "simulator: true", with: "simulator: false")
            .replacingOccurrences(of: "# timeZone: Asia/Shanghai   # set it:", with: "timeZone: Asia/Shanghai #")
        try text.write(to: config, atomically: true, encoding: .utf8)
        do {
            _ = try await ReveilleConfiguration.load(file: config.path, environment: Self.realAccounts)
            Issue.record("the sample guests would have been pushed to a real PBX")
        } catch let problems as ReveilleConfiguration.Problems {
            #expect(problems.problems.count == 1)
            #expect(problems.problems.first?.hasPrefix("ingest.csv.path: \(folder.path)/inhouse.csv is the sample export") == true, "\(problems)")
        }
        // The same file with the simulator is fine, and so is the PMS's own export with the real PBX.
        try "房号,姓名,到店时间,离店时间\n1201,Chen Li,2026-12-06 14:00,2026-12-08 12:00\n"
            .write(to: folder.appendingPathComponent("inhouse.csv"), atomically: true, encoding: .utf8)
        let accepted = try await ReveilleConfiguration.load(file: config.path, environment: Self.realAccounts)
        #expect(!accepted.pbxSimulator)
    }

    @Test func initWritesTheZoneItIsGivenAndSaysSo() throws {
        let folder = try BinaryServeTests.folder()
        let result = try Self.run(["init", folder.path, "--time-zone", "America/New_York"])
        #expect(result.status == 0)
        #expect(result.out.contains("hotel.timeZone: America/New_York (--time-zone;"))
        let text = try String(contentsOf: folder.appendingPathComponent("reveille.yaml"), encoding: .utf8)
        #expect(text.contains("\n  timeZone: America/New_York "))
        #expect(!text.contains("Asia/Shanghai     #"))
        let bad = try Self.run(["init", folder.path, "--time-zone", "Mars/Olympus"])
        #expect(bad.status != 0 && bad.err.contains("--time-zone"))
    }

    @Test func initOnAHostInUTCLeavesTheZoneForTheInstallerAndARealPBXThenAsksForIt() async throws {
        let folder = try BinaryServeTests.folder()
        let result = try Self.run(["init", folder.path], environment: ["TZ": "UTC"])
        #expect(result.status == 0)
        #expect(result.out.contains("hotel.timeZone: left unset"))
        let config = folder.appendingPathComponent("real-pbx.yaml")
        let text = try String(contentsOf: folder.appendingPathComponent("reveille.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "simulator: true", with: "simulator: false")
            .replacingOccurrences(of: "path: inhouse.csv", with: "path: pms-export.csv")
        try text.write(to: config, atomically: true, encoding: .utf8)
        do {
            _ = try await ReveilleConfiguration.load(file: config.path, environment: Self.realAccounts)
            Issue.record("a real PBX started without the hotel's zone")
        } catch let problems as ReveilleConfiguration.Problems {
            #expect(problems.problems.map { $0.prefix(15) } == ["hotel.timeZone:"])
        }
        // On the simulator the init folder starts as it is.
        _ = try await ReveilleConfiguration.load(file: folder.appendingPathComponent("reveille.yaml").path, environment: [:])
    }

    @Test(arguments: ["rooms.csv/pms.sock", "a-folder"])
    func aPMSSocketThatCannotBeBoundExitsWithTheConfigurationStatusNamingTheKeyAndPath(_ name: String) throws {
        let folder = try BinaryServeTests.initialised()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        let socket = folder.appendingPathComponent(name).path
        let config = folder.appendingPathComponent("reveille.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "path: pms.sock", with: "path: \(socket)")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let result = try Self.run(["serve", "--config", config.path], in: folder)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("ingest.socket.path: "), "\(result.err)")
        #expect(result.err.contains(socket), "\(result.err)")
    }

    @Test func theDefaultPMSSocketIsUnderTheDataFolder() async throws {
        let folder = try BinaryServeTests.initialised()
        let config = folder.appendingPathComponent("reveille.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "dataFolder: data", with: "dataFolder: /tmp/day-one-\(UUID().uuidString.prefix(6))")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let configuration = try await ReveilleConfiguration.load(file: config.path, environment: [:])
        #expect(configuration.socketPath == configuration.dataFolder + "/pms.sock")
    }

    @Test func checkOnAFreshInitFolderPassesEveryLineAgainstTheBuiltInSimulator() throws {
        let folder = try BinaryServeTests.initialised()
        let result = try Self.run(["check", "--config", folder.appendingPathComponent("reveille.yaml").path])
        #expect(result.status == 0, "\(result.out)\(result.err)")
        #expect(result.out.contains("✓ PBX heartbeats: 3 answered"), "\(result.out)")
        #expect(result.out.hasSuffix("all 8 checks passed\n"), "\(result.out)")
        #expect(!result.out.contains("pms-demo-password"))
    }

    @Test func checkWithAMissingRoomsFileExitsOneNamingTheLine() throws {
        let folder = try BinaryServeTests.initialised()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("rooms.csv"))
        let result = try Self.run(["check", "--config", folder.appendingPathComponent("reveille.yaml").path])
        #expect(result.status == 1)
        #expect(result.out.contains("✗ rooms file: hotel.roomsFile: cannot read"), "\(result.out)")
        #expect(result.out.contains("checks failed: rooms file"), "\(result.out)")
    }
}
