import ArgumentParser
import Foundation
import Logging
import PBXProtocol
import PBXSimulator

/// `reveille simulate`: the built-in PBX simulator on its own, for demos and manual testing.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the built-in Guowei PBX simulator.",
        discussion: """
            Listens like a Guowei IPPBX's PMS interface: log in with the given account, send heartbeats \
            and Sets; wake-ups ring on the wall clock of --time-zone (ExtenStatus 10, then 6 and a CDR). \
            Try it by hand: nc 127.0.0.1 64888, then type the lines of a login and an empty line.

            Script how an extension's wake-ups go (repeatable), to show every outcome:
              --script 8201=2        answered on the 2nd attempt (default: the 1st)
              --script 8202=never    rings, never answered
              --script 8203=no-ring  the PBX never rings it
              --script 8204=busy     busy at every attempt (a BUSY CDR each time)

            With --console FOLDER it is an older switch's console software instead (§6): it answers \
            the Grade and Clock files in FOLDER and bills each wake-up that comes due as a CDR line in \
            FOLDER/hd.txt (reveille serve with pbx.driver console-files and pbx.console.folder FOLDER).
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on.")
    var port = 64888
    @Option(help: "The account's user name.")
    var user = "pms"
    @Option(help: "The account's password (never logged).")
    var password = "pms"
    @Option(help: "Time zone of the simulated PBX's wall clock (IANA name).")
    var timeZone = TimeZone.current.identifier
    @Option(help: "EXTENSION=N|never|no-ring|busy: how that extension's wake-ups go (repeatable).")
    var script: [String] = []
    @Option(help: "Simulate the console interface of older switches (§6) in this folder instead of TCP.")
    var console: String?
    @Option(help: "With --console: how Grade and Clock are encoded (utf-8 or gb18030).")
    var encoding = "utf-8"

    /// `EXTENSION=N|never|no-ring|busy` as the simulator's script for that extension.
    static func parse(script text: String) throws -> (phone: String, answering: Answering) {
        guard let line = Answering.script(text) else { throw ValidationError("--script \(text): \(Answering.scriptRule)") }
        return line
    }

    func validate() throws {
        for text in script { _ = try Self.parse(script: text) }
        guard ConsoleTextEncoding(rawValue: encoding) != nil else { throw ValidationError("--encoding: give utf-8 or gb18030") }
    }

    func run() async throws {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw ValidationError("--time-zone: unknown time zone \(timeZone)")
        }
        var logger = Logger(label: "reveille.simulator")
        logger.logLevel = .info
        if let console {
            try await runConsole(folder: console, zone: zone, logger: logger)
            return
        }
        let pbx = SimulatedPBX(accounts: [user: password])
        for text in script {
            let (phone, answering) = try Self.parse(script: text)
            pbx.setAnswering(answering, for: phone)
        }
        let server = try await PBXSimulatorServer.bind(pbx: pbx, host: host, port: port, logger: logger)
        print("PBX simulator listening on \(host):\(server.port) (user \(user))")
        // The simulated wall clock follows the real one, a tick a second.
        server.tick(now: PBXDateTime(Date(), in: zone))
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(1))
            server.tick(now: PBXDateTime(Date(), in: zone))
        }
        await server.close()
    }

    /// The console mode (§6): answers in `folder`, rings on the wall clock of `zone`.
    private func runConsole(folder: String, zone: TimeZone, logger: Logger) async throws {
        let simulator = ConsoleSimulator(folder: folder, encoding: ConsoleTextEncoding(rawValue: encoding) ?? .utf8, logger: logger)
        print("PBX console simulator answering in \(folder) (Grade, Clock; CDR lines in hd.txt)")
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await simulator.run() }
            group.addTask {
                while !Task.isCancelled {
                    simulator.tick(now: PBXDateTime(Date(), in: zone))
                    try await Task.sleep(for: .seconds(1))
                }
            }
        }
    }
}

extension PBXDateTime {
    /// The wall-clock reading of `date` in `zone`.
    init(_ date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        self.init(
            year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!,
            second: parts.second!)!
    }
}
