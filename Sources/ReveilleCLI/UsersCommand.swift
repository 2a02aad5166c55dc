import ArgumentParser
import Foundation
import ReveilleApp
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// `reveille users …`: people's accounts for the reception page, in the service's database
/// (safe while `reveille serve` runs: SQLite, one transaction each). A password is read from
/// standard input or asked for without echo, never from the command line (which `ps` shows).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, list and disable the people who sign in on the reception page; set their passwords.",
        subcommands: [Add.self, Passwd.self, Disable.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person's account; the password is read from standard input (or asked for).")

        @Argument(help: "The user name: 1 to 32 of a-z 0-9 . _ - (case does not matter).")
        var name: String
        @Option(help: "reception, housekeeping or admin.")
        var role: String
        @Option(help: "The person's name as the audit log shows it (any script, up to 64 characters).")
        var display: String
        @OptionGroup var database: DatabaseLocation

        func run() async throws {
            try await UsersCommand.run(database) { accounts in
                let password = try PasswordInput.read(confirm: true)
                let account = try await accounts.add(userName: name, displayName: display, role: role, password: password, actor: UsersCommand.actor)
                print("added \(account.userName) (\(account.displayName)), \(account.role.rawValue)")
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a person's password; read from standard input (or asked for).")

        @Argument(help: "The user name.")
        var name: String
        @OptionGroup var database: DatabaseLocation

        func run() async throws {
            try await UsersCommand.run(database) { accounts in
                let password = try PasswordInput.read(confirm: true)
                let account = try await accounts.setPassword(userName: name, password: password, actor: UsersCommand.actor)
                print("password of \(account.userName) changed")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it can no longer sign in, and its sessions end at their next request.")

        @Argument(help: "The user name.")
        var name: String
        @OptionGroup var database: DatabaseLocation

        func run() async throws {
            try await UsersCommand.run(database) { accounts in
                let account = try accounts.disable(userName: name, actor: UsersCommand.actor)
                print("disabled \(account.userName) (\(account.displayName))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (never their passwords).")

        @OptionGroup var database: DatabaseLocation

        func run() async throws {
            try await UsersCommand.run(database) { accounts in
                let rows = try accounts.list().map { account in
                    [account.userName, account.displayName, account.role.rawValue, account.disabled ? "disabled" : "active",
                     account.changedAt.formatted(.iso8601)]
                }
                print(rows.isEmpty ? "no accounts" : TextTable.render(header: ["USER", "NAME", "ROLE", "STATE", "CHANGED"], rows: rows))
            }
        }
    }

    /// Who the audit log names for a change made here: the Unix user at the terminal.
    static var actor: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "root")" }

    /// Opens the configured database and runs `body`; a refusal is printed as `field: rule`
    /// (exit 1), nothing changed.
    static func run(_ database: DatabaseLocation, _ body: (StaffAccounts) async throws -> Void) async throws {
        let path = try await database.path()
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw fail("no folder \(folder) (storage.dataFolder): pass the service's --config")
        }
        do {
            let store = try Store(path: path)
            try await body(StaffAccounts(store: store))
        } catch let error as InputError {
            throw fail("\(error.field): \(error.rule) [\(error.code.rawValue)]")
        } catch let error as NotFound {
            throw fail(error.rule)
        } catch let error as PasswordInput.Problem {
            throw fail(error.description)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }

    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("reveille users: \(message)\n".utf8))
        return ExitCode(1)
    }
}
