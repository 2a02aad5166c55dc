import Foundation
import PBXProtocol
import Testing

@testable import ReveilleCLI

/// `reveille alarm compile|parse`: the option semantics and the codec behind them (§4.4).
@Suite struct AlarmToolTests {
    /// The message of the ``AlarmInputError`` that `body` throws.
    private func inputError(_ body: () throws -> [WakeUpSpec]) -> String? {
        do {
            let specs = try body()
            Issue.record("expected an AlarmInputError, got \(specs)")
            return nil
        } catch let error as AlarmInputError {
            return error.message
        } catch {
            Issue.record("expected an AlarmInputError, got \(error)")
            return nil
        }
    }

    // MARK: specs: once for all, or once per --at

    @Test func optionGivenOnceAppliesToEveryEntry() throws {
        let specs = try AlarmTool.specs(
            starts: ["07:30", "17:30", "21:00"], frequencies: [10], days: [2], prompts: ["wake.ulaw"], attempts: [4])
        #expect(
            specs == ["07:30", "17:30", "21:00"].map {
                WakeUpSpec(start: $0, frequency: 10, days: 2, prompt: "wake.ulaw", attempts: 4)
            })
    }

    @Test func optionGivenOncePerAtAppliesInOrder() throws {
        let specs = try AlarmTool.specs(
            starts: ["07:30", "17:30"], frequencies: [5, 15], days: [], prompts: ["a.gsm", "b.alaw"], attempts: [1, 3])
        #expect(
            specs == [
                WakeUpSpec(start: "07:30", frequency: 5, days: nil, prompt: "a.gsm", attempts: 1),
                WakeUpSpec(start: "17:30", frequency: 15, days: nil, prompt: "b.alaw", attempts: 3),
            ])
    }

    @Test func optionNotGivenLeavesTheDefaultToTheCodec() throws {
        let specs = try AlarmTool.specs(starts: ["07:30"], frequencies: [], days: [], prompts: [], attempts: [])
        #expect(specs == [WakeUpSpec(start: "07:30")])
    }

    @Test func singleAtWithOneValueUsesIt() throws {
        #expect(
            try AlarmTool.specs(starts: ["07:30"], frequencies: [6], days: [], prompts: [], attempts: [])
                == [WakeUpSpec(start: "07:30", frequency: 6)])
    }

    @Test func optionCountThatIsNeitherOneNorOnePerAtIsAnError() {
        #expect(
            inputError {
                try AlarmTool.specs(starts: ["07:30", "08:00", "09:00"], frequencies: [], days: [], prompts: [], attempts: [1, 2])
            } == "--attempts is given 2 times: give it once or once per --at (3)")
        #expect(
            inputError {
                try AlarmTool.specs(starts: ["07:30"], frequencies: [5, 10], days: [], prompts: [], attempts: [])
            } == "--frequency is given 2 times: give it once or once per --at (1)")
        #expect(
            inputError {
                try AlarmTool.specs(starts: ["07:30", "08:00"], frequencies: [], days: [1, 2, 3], prompts: [], attempts: [])
            } == "--days is given 3 times: give it once or once per --at (2)")
        #expect(
            inputError {
                try AlarmTool.specs(starts: ["07:30", "08:00", "09:00"], frequencies: [], days: [], prompts: ["a.gsm", "b.gsm"], attempts: [])
            } == "--prompt is given 2 times: give it once or once per --at (3)")
    }

    @Test func noAtIsAnError() {
        #expect(
            inputError { try AlarmTool.specs(starts: [], frequencies: [5], days: [], prompts: [], attempts: []) }
                == "give at least one --at HH:mm (or --json)")
    }

    @Test func commandLineOptionsReachSpecsThroughTheArgumentParser() throws {
        let command = try AlarmCommand.Compile.parse([
            "--at", "07:30", "--at", "17:30", "--attempts", "1", "--attempts", "3", "--prompt", "fpm-world-mix.gsm",
        ])
        let specs = try command.flagSpecs()
        #expect(
            specs == [
                WakeUpSpec(start: "07:30", prompt: "fpm-world-mix.gsm", attempts: 1),
                WakeUpSpec(start: "17:30", prompt: "fpm-world-mix.gsm", attempts: 3),
            ])
        #expect(AlarmTool.compile(specs) == .success("07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&"))
    }

    // MARK: compile

    @Test func compileGivesTheVendorExample() {
        let specs = [WakeUpSpec(start: "07:30", attempts: 1), WakeUpSpec(start: "17:30")]
        #expect(AlarmTool.compile(specs) == .success("07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&"))
    }

    @Test func compileOfNoSpecsGivesTheEmptyValue() {
        #expect(AlarmTool.compile([]) == .success(""))
    }

    @Test func compileFailureListsEveryIssueByEntryPartAndRule() {
        let specs = [
            WakeUpSpec(start: "7:30", frequency: 4),
            WakeUpSpec(start: "08:00"),
            WakeUpSpec(start: "09:00", days: 0, prompt: "a.wav", attempts: 11),
        ]
        guard case .failure(let error) = AlarmTool.compile(specs) else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            error.issues.map(\.description) == [
                "entry 1: start: \"7:30\" is not a real time HH:mm",
                "entry 1: frequency: 4 is below the minimum of 5 minutes",
                "entry 3: days: 0 is below the minimum of 1 day",
                "entry 3: num: 11 is outside 1–10 attempts",
                "entry 3: file: \"a.wav\" must be a file name ending .gsm, .ulaw or .alaw",
            ])
    }

    // MARK: JSON in and out

    @Test func jsonInputDecodesToSpecsWithMissingPartsLeftOpen() throws {
        let json = #"[{"start":"07:30","frequency":5,"days":1,"prompt":"fpm-world-mix.gsm","attempts":3},{"start":"17:30"}]"#
        let specs = try AlarmCommand.Compile.decode(Data(json.utf8))
        #expect(
            specs == [
                WakeUpSpec(start: "07:30", frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 3),
                WakeUpSpec(start: "17:30"),
            ])
    }

    @Test func jsonInputThatIsNoArrayOfWakeUpsIsAnInputError() {
        do {
            _ = try AlarmCommand.Compile.decode(Data(#"{"start":"07:30"}"#.utf8))
            Issue.record("expected an AlarmInputError")
        } catch {
            #expect(error.message.hasPrefix("standard input is not a JSON array of wake-ups: "))
        }
    }

    @Test func parsedEntriesPrintAsSortedJSON() throws {
        let entries = try AlarmClock.parse("07:30**5*1*fpm-world-mix.gsm*1&")
        #expect(AlarmTool.json(entries) == #"[{"attempts":1,"days":1,"frequency":5,"prompt":"fpm-world-mix.gsm","start":"07:30"}]"#)
        #expect(AlarmTool.json([]) == "[]")
    }

    @Test func jsonOutputIsValidJSONInputAgain() throws {
        let entries = try AlarmClock.parse("07:30**5*1*fpm-world-mix.gsm*1&17:30**10*2*wake.ulaw*3 &")
        let specs = try AlarmCommand.Compile.decode(Data(AlarmTool.json(entries).utf8))
        #expect(try AlarmClock.entries(from: specs) == entries)
    }
}
