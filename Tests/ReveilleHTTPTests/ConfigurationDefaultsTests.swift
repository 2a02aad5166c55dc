import Foundation
import ReveilleApp
import Testing

/// The compiled-in defaults, `Config/` as `reveille init` writes it, relative paths
/// and the time zone a real PBX needs.
struct ConfigurationDefaultsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theShippedConfigFolderIsExactlyWhatInitWrites() throws {
        let config = try String(contentsOf: Self.repository.appendingPathComponent("Config/reveille.yaml"), encoding: .utf8)
        let rooms = try String(contentsOf: Self.repository.appendingPathComponent("Config/rooms.csv"), encoding: .utf8)
        #expect(config == EmbeddedDefaults.initConfiguration)
        #expect(rooms == EmbeddedDefaults.rooms)
    }

    @Test func theCompiledInDefaultsRunTheSimulatorOnTheSampleHotelUnderTheWorkingFolder() async throws {
        let configuration = try await ReveilleConfiguration.load(file: nil, environment: [:])
        let here = FileManager.default.currentDirectoryPath
        #expect(configuration.pbxSimulator)
        #expect(configuration.file == nil)
        #expect(configuration.roomsFile == here + "/data/sample/rooms.csv")
        #expect(configuration.csvPath == here + "/data/sample/inhouse.csv")
        #expect(configuration.dataFolder == here + "/data")
        #expect(configuration.settings.timeZone.identifier == "Asia/Shanghai")
    }

    @Test func relativePathsInAFileAreReadFromItsFolder() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.write(EmbeddedDefaults.initConfiguration, "reveille.yaml", in: folder)
        let configuration = try await ReveilleConfiguration.load(file: path, environment: [:])
        #expect(configuration.roomsFile == folder.path + "/rooms.csv")
        #expect(configuration.csvPath == folder.path + "/inhouse.csv")
        #expect(configuration.socketPath == folder.path + "/data/pms.sock")
        #expect(configuration.dataFolder == folder.path + "/data")
    }

    @Test func aRealPBXNeedsTheHotelsTimeZoneSaid() async throws {
        let folder = try ServeTests.folder()
        let text = EmbeddedDefaults.initConfiguration
            .replacingOccurrences(of: "simulator: true", with: "simulator: false")
            .replacingOccurrences(of: "  timeZone: Asia/Shanghai", with: "  # timeZone: not given")
        let path = try ServeTests.write(text, "reveille.yaml", in: folder)
        do {
            _ = try await ReveilleConfiguration.load(file: path, environment: ["PBX_PASSWORD": "the-real-one", "HTTP_TOKENS": "admin:li.wei:a-real-secret-0123456789"])
            Issue.record("a real PBX without hotel.timeZone was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            #expect(error.problems == [
                "hotel.timeZone: is required with a real PBX (pbx.simulator false): the IANA name of the hotel's zone, e.g. Asia/Shanghai",
            ])
        }
    }
}
