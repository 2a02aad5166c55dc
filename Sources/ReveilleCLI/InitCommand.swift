import ArgumentParser
import Foundation
import ReveilleApp
import ReveilleCore

/// `reveille init [DIR]`: a commented configuration and the sample hotel to start from.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented configuration (reveille.yaml) and sample rooms.csv and inhouse.csv to start from.",
        discussion: """
            Existing files are never overwritten. Then: reveille serve --config DIR/reveille.yaml \
            (relative paths in it are read from DIR). Before going live see docs/DEPLOY.md.
            """
    )

    @Argument(help: "The folder to write to (created if needed).")
    var folder = "."

    @Option(name: .long, help: "The hotel's IANA time zone for hotel.timeZone, e.g. Asia/Shanghai (default: this host's zone, unless it is UTC).")
    var timeZone: String?

    func validate() throws {
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone: \"\(timeZone.prefix(60))\" is not a time zone name (e.g. Asia/Shanghai)")
        }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // hotel.timeZone: the one given, else the host's; a host on UTC (a container, a fresh image)
        // says nothing about the hotel, so the key is left for the installer (required with a real PBX).
        let host = TimeZone.current.identifier
        let zone = timeZone ?? (EmbeddedDefaults.isUnsetZone(host) ? nil : host)
        let today = HotelCalendar(timeZone: zone.flatMap(TimeZone.init(identifier:)) ?? .current).date(of: Date())
        let files = [
            ("reveille.yaml", EmbeddedDefaults.initConfigurationText(timeZone: zone)), ("rooms.csv", EmbeddedDefaults.rooms),
            ("inhouse.csv", EmbeddedDefaults.inHouse(today: today)),
        ]
        for (name, text) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                print("kept \(path) (exists)")
                continue
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(path)")
            if name == "reveille.yaml" {
                if let zone {
                    print("  hotel.timeZone: \(zone) (\(timeZone == nil ? "this host's zone" : "--time-zone"); every wake-up the PBX sees is in it: change it if the hotel is elsewhere)")
                } else {
                    print("  hotel.timeZone: left unset: this host runs on \(host); set the hotel's zone before using a real PBX (or run init --time-zone Asia/Shanghai)")
                }
            }
            if name == "inhouse.csv" {
                print("  (sample guests, for the simulator only: with a real PBX Reveille refuses to start until ingest.csv.path names the PMS's export)")
            }
        }
        print("next: reveille serve --config \((folder as NSString).appendingPathComponent("reveille.yaml"))")
    }
}
