import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille dnd set|list|cancel`: Do-Not-Disturb windows of rooms.
struct DNDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dnd",
        abstract: "Set, list and cancel Do-Not-Disturb windows.",
        discussion: """
            A window silences the guest's phone from its start to its end (at the latest until check-out). \
            Setting and cancelling need a reception, housekeeping or admin token.

            Examples:
              reveille dnd set 1208 --until 10:00
              reveille dnd set 1208 --from 2026-11-24T22:00 --until 2026-11-25T07:00
              reveille dnd list
              reveille dnd cancel 3
            """,
        subcommands: [Set.self, List.self, Cancel.self]
    )

    /// `reveille dnd set 1208 --until 10:00`
    struct Set: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Silence a room's phone until a time.",
            discussion: """
                --until and --from take a date-time yyyy-MM-ddTHH:mm or a time HH:mm (its next occurrence, \
                after --from for --until). --from defaults to now.

                Examples:
                  reveille dnd set 1208 --until 10:00
                  reveille dnd set 1208 --from 22:00 --until 07:00
                  reveille dnd set 1208 --from 2026-11-24T22:00 --until 2026-11-25T07:00
                """
        )
        static let commandPath = "reveille dnd set"

        @Argument(help: "The room number, e.g. 1208.")
        var room: String

        @Option(name: .long, help: ArgumentHelp("End of the window: yyyy-MM-ddTHH:mm, or HH:mm for its next occurrence.", valueName: "when"))
        var until: String

        @Option(name: .long, help: ArgumentHelp("Start of the window: yyyy-MM-ddTHH:mm or HH:mm (default: now).", valueName: "when"))
        var from: String?

        @OptionGroup var client: ClientOptions

        func request() throws -> APIRequest {
            .post(APIPath.api("rooms", room, "dnd"), json: try API.DNDRequest.body(until: until, from: from))
        }

        func execute(_ api: APIClient, output: Output) async throws {
            let request = try request()
            let reply = try await api.send(request)
            if client.json { return output.block(reply.text) }
            let window = try api.decode(API.DNDWindow.self, from: reply, of: request)
            // §4.3 Decision: a wake-up inside the window ends it; the reply says which.
            let end = window.endingWakeUp.map { ring in
                "\(ClientText.dateTime(window.effectiveEnd ?? ring)) (the \(ring.suffix(5)) wake-up ends it; asked until \(ClientText.dateTime(window.end)))"
            } ?? ClientText.dateTime(window.end)
            output.line("Do-Not-Disturb \(window.id) set for room \(window.room): \(ClientText.dateTime(window.start)) → \(end).")
            if let warning = ClientText.insideDND(ClientText.conflicts(window.insideDND), endsAtWakeUp: window.dndEndsAtWakeUp) {
                output.line(warning)
            }
        }
    }

    /// `reveille dnd list`
    struct List: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List Do-Not-Disturb windows (set by hand; rule windows show in `reveille status`).",
            discussion: """
                Examples:
                  reveille dnd list
                  reveille dnd list --room 1208
                """
        )
        static let commandPath = "reveille dnd list"

        @Option(name: .long, help: ArgumentHelp("Only this room's windows.", valueName: "room"))
        var room: String?

        @OptionGroup var client: ClientOptions

        static let request = APIRequest.get(APIPath.api("dnd"))

        func execute(_ api: APIClient, output: Output) async throws {
            let reply = try await api.send(Self.request)
            if client.json { return output.block(reply.text) }
            let windows = try api.decode([API.DNDWindow].self, from: reply, of: Self.request)
            output.block(DNDFormatter.list(windows.filter { room == nil || $0.room == room }, room: room))
        }
    }

    /// `reveille dnd cancel 3`
    struct Cancel: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "End a Do-Not-Disturb window now.",
            discussion: """
                Examples:
                  reveille dnd cancel 3
                """
        )
        static let commandPath = "reveille dnd cancel"

        @Argument(help: "The window's id (see `reveille dnd list`).")
        var id: Int64

        @OptionGroup var client: ClientOptions

        func request() -> APIRequest { .delete(APIPath.api("dnd", String(id))) }

        func execute(_ api: APIClient, output: Output) async throws {
            _ = try await api.send(request())
            if !client.json { output.line("Cancelled Do-Not-Disturb \(id).") }
        }
    }
}

extension API.DNDRequest {
    /// The body of `POST /api/rooms/{room}/dnd` from the command line, trimmed; an empty `--from` is now.
    static func body(until: String, from: String? = nil) throws -> Self {
        let until = until.trimmingCharacters(in: .whitespaces)
        guard !until.isEmpty else { throw ValidationError("--until needs a time, e.g. --until 10:00") }
        let from = from?.trimmingCharacters(in: .whitespaces)
        return Self(until: until, from: from?.isEmpty == false ? from : nil)
    }
}

/// The text of `reveille dnd list`.
enum DNDFormatter {
    static func list(_ windows: [API.DNDWindow], room: String?) -> String {
        guard !windows.isEmpty else { return room.map { "Room \($0) has no Do-Not-Disturb windows." } ?? "No Do-Not-Disturb windows." }
        return TextTable.render(
            header: ["ID", "ROOM", "FROM", "UNTIL"],
            rows: windows.map { ["\($0.id)", $0.room, ClientText.dateTime($0.start), ClientText.dateTime($0.end)] },
            alignments: [.right])
    }
}
