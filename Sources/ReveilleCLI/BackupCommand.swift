import ArgumentParser
import Foundation
import ReveilleApp
import ReveilleStore

/// `reveille backup FILE`: an online copy of the database, safe while the service runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE (SQLite online backup: consistent, safe while `reveille serve` runs).")

    @Argument(help: "The backup file to write (never overwritten).")
    var file: String

    @OptionGroup var database: DatabaseLocation

    func run() async throws {
        let path = try await database.path()
        do {
            try Store.backup(databaseAt: path, to: file)
        } catch {
            FileHandle.standardError.write(Data("reveille backup: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("backed up \(path) to \(file)")
    }
}

/// `reveille restore FILE`: a backup put in place of the database (service stopped).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place of the database. Stop the service first; the database it replaces is kept beside it.")

    @Argument(help: "The backup file written by `reveille backup`.")
    var file: String

    @OptionGroup var database: DatabaseLocation

    func run() async throws {
        let path = try await database.path()
        do {
            let kept = try Store.restore(backup: file, to: path)
            print("restored \(file) to \(path)" + (kept.map { "; the replaced database is kept as \($0)" } ?? ""))
        } catch {
            FileHandle.standardError.write(Data("reveille restore: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Which service's database: the one its configuration names.
struct DatabaseLocation: ParsableArguments {
    @Option(name: .long, help: "The configuration file naming storage.dataFolder (default: the compiled-in defaults).")
    var config: String?

    /// The database file of the service configured by `config` (or the compiled-in defaults).
    func path() async throws -> String {
        do {
            let configuration = try await ReveilleConfiguration.load(file: config)
            return (configuration.dataFolder as NSString).appendingPathComponent("reveille.sqlite")
        } catch let problems as ReveilleConfiguration.Problems {
            FileHandle.standardError.write(Data("reveille: invalid configuration:\n  \(problems.problems.joined(separator: "\n  "))\n".utf8))
            throw ExitCode(2)
        }
    }
}
