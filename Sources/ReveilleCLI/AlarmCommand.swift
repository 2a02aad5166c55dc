import ArgumentParser
import Foundation
import PBXProtocol

/// `reveille alarm`: the AlarmClock codec of §4.4 on the command line.
struct AlarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarm",
        abstract: "Compile and parse AlarmClock values (§4.4).",
        subcommands: [Compile.self, Parse.self]
    )

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the AlarmClock value for wake-up entries.",
            discussion: """
                Each --at starts an entry. --frequency, --days, --prompt and --attempts are given once \
                (for every entry) or once per --at, in the same order. With --json, standard input holds \
                a JSON array such as [{"start":"07:30","frequency":5,"days":1,"prompt":"fpm-world-mix.gsm","attempts":3}]. \
                Invalid input: the errors on standard error, exit code 2.
                """
        )

        @Option(name: .customLong("at"), help: "Wake-up time HH:mm (repeatable).")
        var starts: [String] = []
        @Option(name: .customLong("frequency"), help: "Minutes between rings, at least 5 (default 5).")
        var frequencies: [Int] = []
        @Option(name: .customLong("days"), help: "Days the wake-up lasts, at least 1 (default 1).")
        var days: [Int] = []
        @Option(name: .customLong("prompt"), help: "Prompt file ending .gsm, .ulaw or .alaw (default fpm-world-mix.gsm).")
        var prompts: [String] = []
        @Option(name: .customLong("attempts"), help: "Attempts, 1 to 10 (default 3).")
        var attempts: [Int] = []
        @Flag(help: "Read the entries as a JSON array from standard input.")
        var json = false

        func run() throws {
            let specs: [WakeUpSpec]
            do {
                specs = json ? try Self.decode(FileHandle.standardInput.readToEnd() ?? Data()) : try flagSpecs()
            } catch let error as AlarmInputError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
            switch AlarmTool.compile(specs) {
            case .success(let value):
                print(value)
            case .failure(let error):
                for issue in error.issues {
                    FileHandle.standardError.write(Data("error: \(issue)\n".utf8))
                }
                throw ExitCode(2)
            }
        }

        static func decode(_ data: Data) throws(AlarmInputError) -> [WakeUpSpec] {
            do {
                return try JSONDecoder().decode([WakeUpSpec].self, from: data)
            } catch {
                throw AlarmInputError(message: "standard input is not a JSON array of wake-ups: \(error)")
            }
        }

        func flagSpecs() throws(AlarmInputError) -> [WakeUpSpec] {
            try AlarmTool.specs(starts: starts, frequencies: frequencies, days: days, prompts: prompts, attempts: attempts)
        }
    }

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the entries of an AlarmClock value as JSON.")

        @Argument(help: "The AlarmClock value, e.g. '07:30**5*1*fpm-world-mix.gsm*1&'.")
        var value: String

        func run() throws {
            do {
                print(try AlarmTool.json(AlarmClock.parse(value)))
            } catch {
                for issue in error.issues {
                    FileHandle.standardError.write(Data("error: \(issue)\n".utf8))
                }
                throw ExitCode(2)
            }
        }
    }
}

/// Input the alarm tools cannot even turn into entries.
struct AlarmInputError: Error {
    var message: String
}

/// The logic behind `reveille alarm`, apart from standard input and output.
enum AlarmTool {
    /// Entries from the flags: each option given once (for all) or once per `--at`.
    static func specs(
        starts: [String], frequencies: [Int], days: [Int], prompts: [String], attempts: [Int]
    ) throws(AlarmInputError) -> [WakeUpSpec] {
        func pick<T>(_ values: [T], _ name: String, _ index: Int) throws(AlarmInputError) -> T? {
            switch values.count {
            case 0: return nil
            case 1: return values[0]
            case starts.count: return values[index]
            default:
                throw AlarmInputError(message: "--\(name) is given \(values.count) times: give it once or once per --at (\(starts.count))")
            }
        }
        guard !starts.isEmpty else { throw AlarmInputError(message: "give at least one --at HH:mm (or --json)") }
        var specs: [WakeUpSpec] = []
        for (index, start) in starts.enumerated() {
            specs.append(
                WakeUpSpec(
                    start: start, frequency: try pick(frequencies, "frequency", index), days: try pick(days, "days", index),
                    prompt: try pick(prompts, "prompt", index), attempts: try pick(attempts, "attempts", index)))
        }
        return specs
    }

    static func compile(_ specs: [WakeUpSpec]) -> Result<String, AlarmClockError> {
        Result { () throws(AlarmClockError) in try AlarmClock.compile(AlarmClock.entries(from: specs)) }
    }

    static func json(_ entries: [WakeUpEntry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(entries), as: UTF8.self)
    }
}
