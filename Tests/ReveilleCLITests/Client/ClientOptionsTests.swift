import ArgumentParser
import Foundation
import Testing

@testable import ReveilleCLI

/// `--url`, `--token`, `--json` and their environment variables; exit codes.
@Suite struct ClientOptionsTests {
    private func options(_ arguments: [String]) throws -> ClientOptions {
        try ClientFixture.parse(StatusCommand.self, arguments, as: StatusCommand.self).client
    }

    @Test func aMissingTokenIsAUsageErrorThatSaysHowToGiveOne() throws {
        let options = try options([])
        let message = ClientFixture.validationMessage { _ = try options.resolved(environment: [:]) }
        #expect(message?.contains("--token") == true)
        #expect(message?.contains("REVEILLE_TOKEN") == true)
    }

    @Test func aBlankTokenInTheEnvironmentCountsAsMissing() throws {
        let options = try options([])
        #expect(ClientFixture.validationMessage { _ = try options.resolved(environment: ["REVEILLE_TOKEN": "  \n"]) } != nil)
    }

    @Test func theTokenAndURLComeFromTheEnvironmentWhenNotGiven() throws {
        let settings = try options([]).resolved(environment: ["REVEILLE_TOKEN": "abc\n", "REVEILLE_URL": "http://10.0.0.5:9000"])
        #expect(settings.token == "abc")
        #expect(settings.baseURL.absoluteString == "http://10.0.0.5:9000")
    }

    @Test func optionsWinOverTheEnvironment() throws {
        let settings = try options(["--token", "from-option", "--url", "https://hotel.example"])
            .resolved(environment: ["REVEILLE_TOKEN": "from-env", "REVEILLE_URL": "http://10.0.0.5:9000"])
        #expect(settings.token == "from-option")
        #expect(settings.baseURL.absoluteString == "https://hotel.example")
    }

    @Test func theURLDefaultsToTheLocalService() throws {
        let settings = try options(["--token", "t"]).resolved(environment: [:])
        #expect(settings.baseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(settings.json == false)
    }

    @Test(arguments: ["127.0.0.1:8080", "ftp://hotel", "http://", "not a url"])
    func aURLThatIsNotHTTPIsAUsageError(url: String) throws {
        let options = try options(["--url", url, "--token", "t"])
        let message = ClientFixture.validationMessage { _ = try options.resolved(environment: [:]) }
        #expect(message?.contains("is not an http:// or https:// URL") == true)
    }

    @Test func jsonIsAFlagOfEveryClientCommand() throws {
        #expect(try options(["--json"]).json)
        #expect(try ClientFixture.parse(WakeupCommand.self, ["list", "1208", "--json"], as: WakeupCommand.List.self).client.json)
        #expect(try ClientFixture.parse(GroupCommand.self, ["list", "--json"], as: GroupCommand.List.self).client.json)
        #expect(try ClientFixture.parse(DNDCommand.self, ["list", "--json"], as: DNDCommand.List.self).client.json)
        #expect(try ClientFixture.parse(ResyncCommand.self, ["--json"], as: ResyncCommand.self).client.json)
    }

    @Test func resolvedSettingsNeverShowTheToken() throws {
        let settings = try options(["--token", ClientFixture.token]).resolved(environment: [:])
        #expect(!"\(settings)".contains(ClientFixture.token))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(ClientFixture.token))
    }

    @Test func theHelpDoesNotShowTheEnvironmentsToken() throws {
        // The help text is built from the declarations, never from REVEILLE_TOKEN's value.
        let help = StatusCommand.helpMessage()
        #expect(help.contains("--token <token>"))
        #expect(help.contains("REVEILLE_TOKEN"))
        #expect(help.contains("--json"))
    }

    @Test func usageErrorsExitTwoWithTheMessageAndAHelpHintOnStandardError() async throws {
        let errors = Output.Buffer()
        await #expect(throws: ExitCode(2)) {
            try await StatusCommand.report(commandPath: "reveille status", errors: errors.output) { throw ValidationError("no API token") }
        }
        #expect(errors.text == "Error: no API token\n  See 'reveille status --help'.\n")
    }

    @Test func apiAndConnectionErrorsExitOneWithTheMessageOnStandardError() async throws {
        let errors = Output.Buffer()
        await #expect(throws: ExitCode(1)) {
            try await StatusCommand.report(commandPath: "reveille status", errors: errors.output) {
                throw APIError(status: 400, field: "time", rule: #""24:00" is not a real time HH:mm"#)
            }
        }
        await #expect(throws: ExitCode(1)) {
            try await StatusCommand.report(commandPath: "reveille status", errors: errors.output) {
                throw ConnectionError(url: "http://127.0.0.1:8080", reason: "connection refused")
            }
        }
        #expect(
            errors.text.lines == [
                #"Error: time: "24:00" is not a real time HH:mm"#, "Error: cannot reach Reveille at http://127.0.0.1:8080: connection refused", "",
            ])
    }

    @Test func successfulCommandsExitZero() async throws {
        let errors = Output.Buffer()
        try await StatusCommand.report(commandPath: "reveille status", errors: errors.output) {}
        #expect(errors.text.isEmpty)
    }
}
