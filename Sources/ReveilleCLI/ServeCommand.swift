import ArgumentParser
import Foundation
import Logging
import NIOCore
import ReveilleApp
import ReveilleCore
import ReveilleIngest
import ReveilleStore

/// `reveille serve`: the service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Reveille: the PBX link, pushes, occupancy ingest, the HTTP API and the reception page.",
        discussion: """
            Reads the YAML configuration given with --config (relative paths in it are read from its \
            folder; every key can be overridden by an environment variable: pbx.host → PBX_HOST). \
            Without --config it runs on the compiled-in defaults: the simulator and the sample hotel \
            (written to data/sample/), data under ./data. An invalid configuration prints every \
            problem and exits 2 before anything starts. SIGTERM or SIGINT shut down gracefully: input stops, the push in flight \
            finishes, the PBX session is logged out.
            """
    )

    @Option(name: .long, help: "The configuration file (default: the compiled-in defaults; `reveille init` writes a file to start from).")
    var config: String?

    func run() async throws {
        let configuration: ReveilleConfiguration
        do {
            if config == nil {
                let hotel = HotelCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current)
                try ReveilleConfiguration.writeSampleHotel(in: FileManager.default.currentDirectoryPath, today: hotel.date(of: Date()))
            }
            configuration = try await ReveilleConfiguration.load(file: config)
        } catch let problems as ReveilleConfiguration.Problems {
            FileHandle.standardError.write(Data("reveille: invalid configuration (\(config ?? "compiled-in defaults")):\n".utf8))
            for problem in problems.problems {
                FileHandle.standardError.write(Data("  \(problem)\n".utf8))
            }
            throw ExitCode(2)
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let zone = configuration.settings.timeZone
        LoggingSystem.bootstrap { label in HotelLogHandler(label: label, timeZone: zone, level: level) }
        let logger = Logger(label: "reveille")
        if config == nil {
            logger.notice(
                "starting on the compiled-in defaults (no --config): PBX simulator, sample hotel in data/sample, data in ./data",
                metadata: ["version": "\(ReveilleVersion.current)", "settings": "\(configuration)"])
        } else {
            logger.info("starting", metadata: ["version": "\(ReveilleVersion.current)", "config": "\(config ?? "")", "settings": "\(configuration)"])
        }
        let application: ReveilleApplication
        do {
            application = try await ReveilleApplication.build(configuration, logger: logger)
        } catch let problems as ReveilleConfiguration.Problems {
            FileHandle.standardError.write(Data("reveille: invalid configuration:\n".utf8))
            for problem in problems.problems { FileHandle.standardError.write(Data("  \(problem)\n".utf8)) }
            throw ExitCode(2)
        } catch let held as ServiceLock.Held {
            FileHandle.standardError.write(Data("reveille: cannot start: \(held)\n".utf8))
            throw ExitCode(1)
        } catch let error as StoreOpenError {
            // A zero-byte or corrupt database: a restart cannot help, a person restores a backup.
            logger.critical("cannot start: \(error)")
            FileHandle.standardError.write(Data("reveille: cannot start: \(error)\n".utf8))
            throw ExitCode(2)
        }
        Task {
            let port = await application.httpPort()
            logger.notice("reception page at http://\(configuration.httpHost):\(port)/")
        }
        do {
            try await application.serviceGroup.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            // Name the port, not only errno 98.
            var taken = "http.host:http.port \(configuration.httpHost):\(configuration.httpPort)"
            if configuration.pbxSimulator { taken += " or the simulator's pbx.host:pbx.port \(configuration.pbxHost):\(configuration.pbxPort)" }
            logger.critical("cannot listen: address already in use — \(taken) (is another reveille running?)")
            throw ExitCode(1)
        } catch let error as PMSSocketListener.BindError {
            // A configuration problem: restarting every 2 s would not fix it.
            logger.critical("invalid configuration: ingest.socket.path: \(error)")
            FileHandle.standardError.write(Data("reveille: invalid configuration:\n  ingest.socket.path: \(error)\n".utf8))
            throw ExitCode(2)
        }
        logger.info("stopped")
    }
}
