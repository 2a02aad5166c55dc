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

    func run() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let today = HotelCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current).date(of: Date())
        let files = [
            ("reveille.yaml", EmbeddedDefaults.initConfiguration), ("rooms.csv", EmbeddedDefaults.rooms),
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
        }
        print("next: reveille serve --config \((folder as NSString).appendingPathComponent("reveille.yaml"))")
    }
}
