import Foundation
import ReveilleApp
import Testing

/// A configuration that would silently do something else than it says stops start-up, naming the
/// key or the line: two accounts with one secret, a room twice in the rooms file, a misspelt key.
struct StartUpRefusalTests {
    static func problems(_ text: String) async throws -> [String] {
        let folder = try ServeTests.folder()
        let path = try ServeTests.write(text, "reveille.yaml", in: folder)
        do {
            _ = try await ReveilleConfiguration.load(file: path, environment: [:])
            return []
        } catch let error as ReveilleConfiguration.Problems {
            return error.problems
        }
    }

    @Test func theShippedConfigurationHasNoUnknownKey() async throws {
        let folder = try ServeTests.folder()
        _ = try ServeTests.write(EmbeddedDefaults.rooms, "rooms.csv", in: folder)
        let path = try ServeTests.write(EmbeddedDefaults.initConfiguration, "reveille.yaml", in: folder)
        _ = try await ReveilleConfiguration.load(file: path, environment: [:])
    }

    @Test func aMisspeltKeyStopsStartUpNamingIt() async throws {
        let text = EmbeddedDefaults.initConfiguration.replacingOccurrences(of: "  requestTimeout: 10", with: "  requestTimeOut: 10")
        #expect(text != EmbeddedDefaults.initConfiguration)
        let problems = try await Self.problems(text)
        #expect(problems == ["pbx.requestTimeOut: is not a setting of Reveille (misspelt? README lists every key)"])
    }

    @Test func anUnknownSectionAndAnUnknownLanguagePromptAreNamed() async throws {
        let text = EmbeddedDefaults.initConfiguration + "frontdesk:\n  colour: blue\n"
        let problems = try await Self.problems(text.replacingOccurrences(of: "  prompts:", with: "  prompts:\n    klingon: wake-tlh.gsm"))
        #expect(problems.contains("frontdesk.colour: is not a setting of Reveille (misspelt? README lists every key)"))
        #expect(problems.contains("wakeup.prompts.klingon: is not a setting of Reveille (misspelt? README lists every key)"))
    }

    @Test func twoAccountsWithOneSecretStopStartUpNamingTheSecond() async throws {
        let text = EmbeddedDefaults.initConfiguration.replacingOccurrences(
            of: "    - admin:it:admin-demo-token-0001", with: "    - admin:it:reception-demo-token")
        let problems = try await Self.problems(text)
        #expect(problems == ["http.tokens[2]: has the same secret as http.tokens[0]: give each account its own"])
    }

    @Test func aRoomTwiceInTheRoomsFileStopsStartUpNamingTheLine() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.write("room,extension,floor\n1201,8201,12\n1202,8202,12\n1201,8299,12\n", "rooms.csv", in: folder)
        var problems: [String] = []
        do { _ = try RoomsFile.read(path) } catch let error as ReveilleConfiguration.Problems { problems = error.problems }
        #expect(problems.count == 1)
        #expect(problems.first?.hasSuffix("rooms.csv:4: room 1201 is already on line 2") == true, "\(problems)")
    }
}
