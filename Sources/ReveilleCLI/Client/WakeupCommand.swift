import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille wakeup set|list|cancel`: a room's wake-up calls.
struct WakeupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wakeup",
        abstract: "Book, list and cancel a room's wake-up calls.",
        discussion: """
            Talks to a running `reveille serve` (--url, --token or REVEILLE_URL, REVEILLE_TOKEN). Booking \
            and cancelling need a reception or admin token.

            Examples:
              reveille wakeup set 1208 07:30
              reveille wakeup set 1208 07:30 --days 2
              reveille wakeup set 1208 06:30 --personal
              reveille wakeup list 1208
              reveille wakeup cancel 7
              reveille wakeup cancel --room 1208
            """,
        subcommands: [Set.self, List.self, Cancel.self]
    )

    /// `reveille wakeup set 1208 07:30 --days 2`
    struct Set: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Book a wake-up call for the guest in a room.",
            discussion: """
                Without --date the first call is the next time TIME comes (today if still ahead, else \
                tomorrow). --weekdays rings on those days until --until (default: check-out); --days rings \
                daily for that many days; with neither it rings once. Prints the first wake-up, and a \
                warning when a ring falls inside the room's Do-Not-Disturb window.

                Examples:
                  reveille wakeup set 1208 07:30              once, at the next 07:30
                  reveille wakeup set 1208 07:30 --days 2     the next 07:30 and the day after
                  reveille wakeup set 1208 06:45 --date 2026-11-25 --attempts 5 --frequency 10
                  reveille wakeup set 1208 07:00 --weekdays mon,wed,fri --until 2026-12-04
                  reveille wakeup set 1208 07:00 --weekdays mon-fri --prompt morning.gsm
                  reveille wakeup set 1208 06:30 --personal           reception also phones the room at 06:30
                  reveille wakeup set 1208 06:30 --reception-only     only reception phones (not sent to the PBX)

                Without --prompt the guest's language picks the prompt (wakeup.prompts), else the hotel's default.
                """
        )
        static let commandPath = "reveille wakeup set"

        @Argument(help: "The room number, e.g. 1208.")
        var room: String

        @Argument(help: ArgumentHelp("Wake-up time HH:mm, hotel wall clock.", valueName: "time"))
        var time: String

        @Option(name: .long, help: ArgumentHelp("First day yyyy-MM-dd (default: the next time TIME comes).", valueName: "date"))
        var date: String?

        @Option(name: .long, help: ArgumentHelp("Ring daily for this many days (at least 1).", valueName: "n"))
        var days: Int?

        @Option(name: .long, help: ArgumentHelp("Ring on these days: mon,wed,fri, mon-fri or 1,3,5 (ISO, Monday 1).", valueName: "days"))
        var weekdays: String?

        @Option(name: .long, help: ArgumentHelp("Last day yyyy-MM-dd for --weekdays (default: check-out).", valueName: "date"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Attempts if the guest does not answer, 1 to 10 (default: the hotel's).", valueName: "n"))
        var attempts: Int?

        @Option(name: .long, help: ArgumentHelp("Minutes between attempts, at least 5 (default: the hotel's).", valueName: "minutes"))
        var frequency: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Prompt file ending .gsm, .ulaw or .alaw (default: the guest's language's, else the hotel's).", valueName: "file"))
        var prompt: String?

        @Flag(name: .long, help: "A personal call: at its time reception is alerted to phone the room (it still rings).")
        var personal = false

        @Flag(name: .long, help: "Only reception phones the room: not sent to the PBX, still alerted at its time.")
        var receptionOnly = false

        @Option(name: .long, help: ArgumentHelp(
            "A personal call's backup: the PBX rings the room this many minutes after its time unless reception acknowledged the call (0–60; default: the hotel's).",
            valueName: "minutes"))
        var backupAfter: Int?

        @Option(name: .long, help: ArgumentHelp(
            "A follow-up call: the PBX rings the room once more this many minutes after the guest answered (1–120).",
            valueName: "minutes"))
        var followUp: Int?

        @OptionGroup var client: ClientOptions

        func request() throws -> APIRequest {
            var body = try API.WakeUpRequest.body(
                time: time, date: date, days: days, weekdays: weekdays, until: until,
                frequency: frequency, attempts: attempts, prompt: prompt, personal: personal, receptionOnly: receptionOnly)
            if backupAfter != nil, !personal, !receptionOnly { throw ValidationError("--backup-after goes with --personal or --reception-only") }
            body.backupAfter = backupAfter
            body.followUpAfter = followUp
            return .post(APIPath.api("rooms", room, "wakeups"), json: body)
        }

        func execute(_ api: APIClient, output: Output) async throws {
            let request = try request()
            let reply = try await api.send(request)
            if client.json { return output.block(reply.text) }
            let booking = try api.decode(API.WakeUpBooking.self, from: reply, of: request)
            output.block(WakeupFormatter.booked(booking))
        }
    }

    /// `reveille wakeup list 1208`
    struct List: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the wake-up calls booked for a room (group wake-ups: `reveille group list`).",
            discussion: """
                Examples:
                  reveille wakeup list 1208
                  reveille wakeup list 1208 --json
                """
        )
        static let commandPath = "reveille wakeup list"

        @Argument(help: "The room number, e.g. 1208.")
        var room: String

        @OptionGroup var client: ClientOptions

        func request() -> APIRequest { .get(APIPath.api("rooms", room, "wakeups")) }

        func execute(_ api: APIClient, output: Output) async throws {
            let request = request()
            let reply = try await api.send(request)
            if client.json { return output.block(reply.text) }
            output.block(WakeupFormatter.list(try api.decode([API.WakeUp].self, from: reply, of: request), room: room))
        }
    }

    /// `reveille wakeup cancel 7`, `reveille wakeup cancel --room 1208`
    struct Cancel: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a wake-up call by its id, or every wake-up call of a room.",
            discussion: """
                The id is the one `reveille wakeup list` shows. With --room instead of an id, the room's \
                wake-ups are listed and then cancelled one by one.

                Examples:
                  reveille wakeup cancel 7
                  reveille wakeup cancel --room 1208
                """
        )
        static let commandPath = "reveille wakeup cancel"

        @Argument(help: "The wake-up's id (see `reveille wakeup list`).")
        var id: Int64?

        @Option(name: .long, help: ArgumentHelp("Cancel every wake-up of this room instead.", valueName: "room"))
        var room: String?

        @OptionGroup var client: ClientOptions

        enum Target: Equatable {
            case one(Int64)
            case room(String)
        }

        func target() throws -> Target {
            switch (id, room) {
            case (let id?, nil): return .one(id)
            case (nil, let room?): return .room(room)
            case (.some, .some): throw ValidationError("give a wake-up id or --room, not both")
            case (nil, nil): throw ValidationError("give the wake-up's id (see `reveille wakeup list <room>`) or --room <room>")
            }
        }

        static func request(cancelling id: Int64) -> APIRequest { .delete(APIPath.api("wakeups", String(id))) }

        func execute(_ api: APIClient, output: Output) async throws {
            switch try target() {
            case .one(let id):
                _ = try await api.send(Self.request(cancelling: id))
                if !client.json { output.line("Cancelled wake-up \(id).") }
            case .room(let room):
                let listing = APIRequest.get(APIPath.api("rooms", room, "wakeups"))
                let reply = try await api.send(listing)
                let wakeUps = try api.decode([API.WakeUp].self, from: reply, of: listing)
                if client.json {
                    output.block(reply.text)
                } else {
                    output.block(WakeupFormatter.list(wakeUps, room: room))
                }
                for wakeUp in wakeUps {
                    _ = try await api.send(Self.request(cancelling: wakeUp.id))
                    if !client.json { output.line("Cancelled wake-up \(wakeUp.id).") }
                }
                if !client.json, !wakeUps.isEmpty {
                    output.line("Room \(room): \(ClientText.count(wakeUps.count, "wake-up")) cancelled.")
                }
            }
        }
    }
}

extension API.WakeUpRequest {
    /// The body of `POST /api/rooms/{room}/wakeups` (and the wake-up of a group's) from the command
    /// line: checks what the service cannot see (which options go together; weekday names). Absent
    /// options stay out of the JSON.
    static func body(
        time: String, date: String? = nil, days: Int? = nil, weekdays: String? = nil, until: String? = nil,
        frequency: Int? = nil, attempts: Int? = nil, prompt: String? = nil, personal: Bool = false, receptionOnly: Bool = false
    ) throws -> Self {
        let time = time.trimmingCharacters(in: .whitespaces)
        guard !time.isEmpty else { throw ValidationError("give the wake-up time HH:mm, e.g. 07:30") }
        if days != nil, weekdays != nil { throw ValidationError("give --days or --weekdays, not both") }
        if until != nil, weekdays == nil { throw ValidationError("--until goes with --weekdays; for a number of days use --days") }
        if let days, days < 1 { throw ValidationError("--days must be at least 1") }
        return Self(
            time: time, date: date, days: days, weekdays: try weekdays.map(WeekdayList.parse), until: until,
            frequency: frequency, attempts: attempts, prompt: prompt, personal: personal ? true : nil,
            receptionOnly: receptionOnly ? true : nil)
    }
}

/// The text of `reveille wakeup`.
enum WakeupFormatter {
    static func booked(_ booking: API.WakeUpBooking) -> String {
        let wakeUp = booking.wakeUp
        var lines = ["Booked wake-up \(wakeUp.id) for room \(wakeUp.room): \(wakeUp.time), \(ClientText.recurrence(wakeUp.recurrence))."]
        lines.append("First wake-up: " + (booking.firstWakeUp.map(ClientText.dateTime) ?? "none before check-out"))
        if wakeUp.receptionOnly == true {
            lines.append("Reception only: not sent to the PBX; reception is alerted to phone the room at its time.")
        } else if wakeUp.personal == true {
            lines.append("Personal call: reception is alerted to phone the room at its time (the PBX rings as well).")
        }
        if let warning = ClientText.insideDND(booking.insideDND.map(ClientText.dateTime), endsAtWakeUp: booking.dndEndsAtWakeUp) {
            lines.append(warning)
        }
        return lines.joined(separator: "\n")
    }

    static func list(_ wakeUps: [API.WakeUp], room: String) -> String {
        guard !wakeUps.isEmpty else { return "Room \(room) has no wake-ups." }
        return TextTable.render(
            header: ["ID", "TIME", "DAYS", "ATTEMPTS", "EVERY", "PROMPT"],
            rows: wakeUps.map { wakeUp in
                ["\(wakeUp.id)", wakeUp.time, ClientText.recurrence(wakeUp.recurrence),
                 wakeUp.attempts.map(String.init) ?? "default", wakeUp.frequency.map { "\($0) min" } ?? "default",
                 (wakeUp.prompt ?? "by language") + call(wakeUp)]
            },
            alignments: [.right])
    }

    /// The personal-call mark of a listed wake-up.
    static func call(_ wakeUp: API.WakeUp) -> String {
        wakeUp.receptionOnly == true ? " (reception only)" : wakeUp.personal == true ? " (personal call)" : ""
    }
}
