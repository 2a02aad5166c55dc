import ArgumentParser
import Foundation
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `reveille rules list|add|remove`: checked by the service's own parser (DNDRuleFields) first.
@Suite struct RulesCommandTests {
    @Test func addQuietHoursOnTwoFloorsPostsTheRule() throws {
        let request = try ClientFixture.parse(
            RulesCommand.self, ["add", "Quiet 12", "--quiet-hours", "22:00-07:00", "--floor", "12", "--floor", "14"], as: RulesCommand.Add.self
        ).request()
        #expect(request.method == .post)
        #expect(request.path == "/api/rules")
        let body = try JSONDecoder().decode(API.Rule.self, from: Data(try #require(request.bodyText).utf8))
        #expect(body.name == "Quiet 12")
        #expect(body.floors == [12, 14])
        #expect(body.action == API.Rule.Action(type: "quietHours", from: "22:00", to: "07:00"))
        #expect(body.enabled == nil)
    }

    @Test func addWhileVacantDisabledWithATag() throws {
        let request = try ClientFixture.parse(
            RulesCommand.self, ["add", "Vacant suites", "--while-vacant", "--tag", "suite", "--disabled"], as: RulesCommand.Add.self
        ).request()
        let body = try JSONDecoder().decode(API.Rule.self, from: Data(try #require(request.bodyText).utf8))
        #expect(body.action.type == "whileVacant")
        #expect(body.tags == ["suite"])
        #expect(body.enabled == false)
    }

    @Test func addRefusesNoActionOrTwoActions() throws {
        for arguments in [["add", "x"], ["add", "x", "--while-vacant", "--after-check-in", "2"]] {
            let command = try ClientFixture.parse(RulesCommand.self, arguments, as: RulesCommand.Add.self)
            let message = ClientFixture.validationMessage { _ = try command.request() }
            #expect(message?.contains("exactly one of") == true, "\(arguments): \(message ?? "nil")")
        }
    }

    @Test func addRefusesWhatTheServiceWouldNamingTheOption() throws {
        let cases: [([String], String)] = [
            (["add", "x", "--quiet-hours", "25:00-07:00"], "--quiet-hours"),
            (["add", "x", "--quiet-hours", "22:00"], "--quiet-hours"),
            (["add", "x", "--while-vacant", "--occupancy", "full"], "--occupancy"),
            (["add", "x", "--after-check-in", "100000"], "--after-check-in"),
        ]
        for (arguments, option) in cases {
            let command = try ClientFixture.parse(RulesCommand.self, arguments, as: RulesCommand.Add.self)
            let message = ClientFixture.validationMessage { _ = try command.request() }
            #expect(message?.hasPrefix(option) == true, "\(arguments): \(message ?? "nil")")
        }
    }

    @Test func listTabulatesWhatEachRuleDoesAndWhere() async throws {
        let command = try ClientFixture.parse(RulesCommand.self, ["list"], as: RulesCommand.List.self)
        let transport = FakeTransport(json: [
            API.Rule(id: 1, name: "Quiet 12", floors: [12], action: .init(type: "quietHours", from: "22:00", to: "07:00"), priority: 100, enabled: true),
            API.Rule(id: 2, name: "Vacant", occupancy: "vacant", action: .init(type: "whileVacant"), priority: 100, enabled: false),
        ])
        let text = try await ClientFixture.execute(command, transport)
        #expect(text.contains("quiet 22:00–07:00"))
        #expect(text.contains("floors 12"))
        #expect(text.contains("while vacant"))
        #expect(text.contains("off"))
    }

    @Test func removeDeletesTheRule() throws {
        let request = try ClientFixture.parse(RulesCommand.self, ["remove", "3"], as: RulesCommand.Remove.self).request()
        #expect(request.method == .delete)
        #expect(request.path == "/api/rules/3")
    }
}
