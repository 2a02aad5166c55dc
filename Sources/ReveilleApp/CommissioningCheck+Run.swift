import Foundation
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleStore

extension CommissioningCheck {
    /// Every line of `reveille check` after the configuration's: rooms file, database, export,
    /// time, then live against the PBX (the built-in simulator when `pbx.simulator` is on).
    ///
    /// The live lines need the PBX's PMS session to themselves, so they are refused while a service
    /// runs on this data folder (its ``ServiceLock`` is held): a check logging in beside the service
    /// could end the service's session on a PBX that keeps one per account, and a test wake-up would
    /// be overwritten by the service's own plan. The check holds the lock while it runs, so the
    /// service cannot start half-way through either. `offline` skips the live lines.
    public static func run<C: Clock<Duration>>(
        _ configuration: ReveilleConfiguration, ringPhone: String?, offline: Bool = false, timeout: Duration = .seconds(5),
        clock: C, now: @escaping @Sendable () -> Date = { Date() }, synchronised: Bool? = hostClockSynchronised(), logger: Logger
    ) async -> [CheckLine] {
        let (roomsLine, rooms) = roomsFile(configuration)
        let (databaseLine, health) = database(configuration)
        var lines = [roomsLine, databaseLine, export(configuration, rooms: rooms, now: now()),
                     time(configuration, now: now(), synchronised: synchronised)]
        if ringPhone == nil, !offline, configuration.pbxDriver == .tcp {
            // No reply carries the PBX's time (§3, §4): only a call does.
            lines[3].detail += "; the PBX's clock is read by --ring EXTENSION (from the test call)"
        }
        if offline { return lines }
        let databasePath = (configuration.dataFolder as NSString).appendingPathComponent("reveille.sqlite")
        let lock: ServiceLock
        do {
            lock = try ServiceLock(database: databasePath)
        } catch let held as ServiceLock.Held {
            lines.append(.fail("PBX", "not checked: \(held.description.prefix { $0 != ";" })",
                               fix: "the live check needs the PMS session to itself: stop the service while commissioning (systemctl stop reveille), or run reveille check --offline"))
            return lines
        } catch {
            lines.append(.fail("PBX", "not checked: \(error)", fix: "check the data folder's owner and mode"))
            return lines
        }
        defer { lock.release() }
        guard configuration.pbxDriver == .tcp else {
            lines.append(consoleFolder(configuration))
            return lines
        }
        var ring: RingTest?
        if let phone = ringPhone {
            let known = health?.acknowledged[phone]
            ring = RingTest(phone: phone, restoreName: known?.name ?? "",
                            restoreAlarms: (known?.alarmClock).flatMap { try? AlarmClock.parse($0) } ?? [])
        }
        var endpoint = PBXLink.Endpoint(host: configuration.pbxHost, port: configuration.pbxPort)
        var simulator: PBXSimulatorServer?
        var ticking: Task<Void, Never>?
        if configuration.pbxSimulator {
            let pbx = SimulatedPBX(accounts: [configuration.pbxUser: configuration.pbxPassword],
                                   extensions: Set(rooms.map(\.phone) + [ringPhone].compactMap { $0 }))
            for (phone, answering) in configuration.simulatorScript { pbx.setAnswering(answering, for: phone) }
            do {
                let server = try await PBXSimulatorServer.bind(pbx: pbx, host: "127.0.0.1", port: 0, logger: logger)
                simulator = server
                endpoint = PBXLink.Endpoint(host: "127.0.0.1", port: server.port)
                let zone = configuration.settings.timeZone
                ticking = Task { await tickEverySecond(timeZone: zone, now: now) { _ = server.tick(now: $0) } }
            } catch {
                lines.append(.fail("PBX", "cannot start the built-in simulator: \(error)", fix: "pbx.simulator is for demos; set it to false for the hotel's PBX"))
                return lines
            }
        }
        lines += await pbx(endpoint: endpoint, user: configuration.pbxUser, password: configuration.pbxPassword, timeout: timeout, ring: ring,
                           timeZone: configuration.settings.timeZone, clock: clock, now: now)
        ticking?.cancel()
        await ticking?.value
        await simulator?.close()
        return lines.map { line in
            guard configuration.pbxSimulator, line.name.hasPrefix("PBX connect") else { return line }
            var marked = line
            marked.detail += " (the built-in simulator: pbx.simulator is true)"
            return marked
        }
    }

    /// With `pbx.driver: console-files`: the console software's folder is there and writable (§6).
    static func consoleFolder(_ configuration: ReveilleConfiguration) -> CheckLine {
        let folder = configuration.console.folder ?? ""
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return .fail("PBX console files", "\(folder) is not a folder", fix: "mount the console software's folder (pbx.console.folder, §6)")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            return .fail("PBX console files", "\(folder) is not writable", fix: "give the service's user write access to \(folder) (Grade and Clock are written there)")
        }
        return .pass("PBX console files", "\(folder) writable (the console interface answers each line with …OK: watch the first pushes in the journal)")
    }
}
