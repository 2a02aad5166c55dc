import Foundation
import ReveilleApp
import Testing

/// `pbx.driver` and `pbx.console.*`: the choice, its required folder, its defaults and
/// relative paths.
@Suite struct ConsoleConfigurationTests {
    static func load(_ yaml: String) async throws -> ReveilleConfiguration {
        let folder = try ServeTests.folder()
        let path = try ServeTests.write(yaml, "reveille.yaml", in: folder)
        return try await ReveilleConfiguration.load(file: path, environment: [:])
    }

    static let base = """
        hotel:
          timeZone: Asia/Shanghai
        http:
          tokens:
            - admin:it:admin-token-0123456789
        """

    @Test func theDriverIsTCPUnlessConsoleFilesIsChosen() async throws {
        let configuration = try await Self.load("pbx:\n  user: pms\n  password: real-password\n" + Self.base)
        #expect(configuration.pbxDriver == .tcp)
        #expect(configuration.console.folder == nil)
        #expect(configuration.console.encoding == .utf8)
    }

    @Test func consoleFilesNeedsTheFolderButNoPBXAccountAndReadsItFromTheConfigsFolder() async throws {
        let configuration = try await Self.load("pbx:\n  driver: console-files\n  console:\n    folder: guowei\n    serialPort: /dev/ttyS1\n    encoding: gb18030\n" + Self.base)
        #expect(configuration.pbxDriver == .consoleFiles)
        #expect(configuration.console.folder?.hasSuffix("/guowei") == true && configuration.console.folder?.hasPrefix("/") == true)
        #expect(configuration.console.serialPort == "/dev/ttyS1")
        #expect(configuration.console.replyTimeout == .seconds(10))
        #expect(configuration.console.encoding == .gb18030)
    }

    @Test func consoleFilesWithoutAFolderOrAnUnknownDriverIsAProblemNamingTheKey() async throws {
        do {
            _ = try await Self.load("pbx:\n  driver: console-files\n" + Self.base)
            Issue.record("console-files without a folder was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            #expect(error.problems.contains { $0.hasPrefix("pbx.console.folder: is required with pbx.driver console-files") })
        }
        do {
            _ = try await Self.load("pbx:\n  driver: serial\n  user: pms\n" + Self.base)
            Issue.record("an unknown driver was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            #expect(error.problems.contains { $0.hasPrefix("pbx.driver:") })
        }
    }
}
