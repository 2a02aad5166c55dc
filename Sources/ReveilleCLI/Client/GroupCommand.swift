import ArgumentParser
import Foundation
import ReveilleAPIContract
import ReveilleCore

/// `reveille group book|list|cancel|watch`: wake-ups for many rooms at once.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Book, list, cancel and watch group wake-up calls (tour groups, floors, booking codes).",
        discussion: """
            A group wake-up rings every member room at the same time. Its pushes go to the PBX 1–2 s \
            apart, so a large group needs time before its first wake-up: the service refuses a booking \
            that cannot be pushed in time unless you pass --accept-late.

            Examples:
              reveille group book --name "Tour ABC" --rooms 1201-1240 --at 06:30
              reveille group book --name ABC --code ABC --at 06:30 --date 2026-11-25
              reveille group list
              reveille group watch 1
              reveille group cancel 1
            """,
        subcommands: [Book.self, List.self, Cancel.self, Watch.self]
    )

    /// `reveille group book --name ABC --rooms 1201-1240 --at 06:30`
    struct Book: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "book",
            abstract: "Book a wake-up call for a group of rooms.",
            discussion: """
                Members: --rooms (numbers and ranges) and/or --floors (every room on them), or --code (the \
                PMS booking/group code: its guests wherever they sleep). Without --date the first call is \
                the next time --at comes; --days rings daily for that many days. Prints how many rooms \
                are booked and when their pushes are expected to be done.

                Examples:
                  reveille group book --name "Tour ABC" --rooms 1201-1240 --at 06:30
                  reveille group book --name Tour --rooms 1201-1240,1305 --at 06:30 --days 3
                  reveille group book --name Conference --floors 12,13 --at 07:00
                  reveille group book --code ABC --at 06:30 --date 2026-11-25 --attempts 5
                  reveille group book --name ABC --rooms 1201-1240 --at 06:30 --accept-late
                """
        )
        static let commandPath = "reveille group book"

        @Option(name: .long, help: ArgumentHelp("The group's name, shown in lists (default: the --code).", valueName: "name"))
        var name: String?

        @Option(name: .long, help: ArgumentHelp("Member rooms: numbers and ranges, comma-separated or repeated (1201-1240,1305).", valueName: "rooms"))
        var rooms: [String] = []

        @Option(name: .long, help: ArgumentHelp("Every room on these floors, comma-separated or repeated (12,13).", valueName: "floors"))
        var floors: [String] = []

        @Option(name: .long, help: ArgumentHelp("A booking/group code of the PMS: its guests wherever they sleep (not with --rooms, --floors).", valueName: "code"))
        var code: String?

        @Option(name: .long, help: ArgumentHelp("Wake-up time HH:mm, hotel wall clock.", valueName: "time"))
        var at: String

        @Option(name: .long, help: ArgumentHelp("First day yyyy-MM-dd (default: the next time --at comes).", valueName: "date"))
        var date: String?

        @Option(name: .long, help: ArgumentHelp("Ring daily for this many days (default: once).", valueName: "n"))
        var days: Int?

        @Option(name: .long, help: ArgumentHelp("Attempts if a guest does not answer, 1 to 10 (default: the hotel's).", valueName: "n"))
        var attempts: Int?

        @Option(name: .long, help: ArgumentHelp("Minutes between attempts, at least 5 (default: the hotel's).", valueName: "minutes"))
        var frequency: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Prompt file ending .gsm, .ulaw or .alaw (default: each guest's language's, else the hotel's).", valueName: "file"))
        var prompt: String?

        @Flag(name: .long, help: "Personal calls: at the time reception is alerted to phone each room (they still ring).")
        var personal = false

        @Flag(name: .long, help: "Only reception phones the rooms: not sent to the PBX, still alerted at the time.")
        var receptionOnly = false

        @Flag(name: .long, help: "Book even if some rooms cannot be pushed before the first wake-up (they ring late or not that day).")
        var acceptLate = false

        @Flag(name: .long, help: "With pbx.ringCapacity: refuse, naming the nearest free minutes, rather than book rings that start late.")
        var refuseIfFull = false

        @OptionGroup var client: ClientOptions

        func request() throws -> APIRequest {
            var body = try API.GroupRequest.body(
                name: name, rooms: rooms, floors: floors, code: code, time: at, date: date, days: days,
                frequency: frequency, attempts: attempts, prompt: prompt, personal: personal, receptionOnly: receptionOnly,
                acceptLate: acceptLate)
            body.refuseIfFull = refuseIfFull ? true : nil
            return .post(APIPath.api("groups"), json: body)
        }

        func execute(_ api: APIClient, output: Output) async throws {
            let request = try request()
            let reply: APIReply
            do {
                reply = try await api.send(request)
            } catch let error as APIError where !error.lateRooms.isEmpty {
                throw GroupFormatter.lateRefusal(error)
            }
            if client.json { return output.block(reply.text) }
            output.block(GroupFormatter.booked(try api.decode(API.GroupBooking.self, from: reply, of: request)))
        }
    }

    /// `reveille group list`
    struct List: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List group wake-ups with their push progress and expected finish.",
            discussion: """
                PUSHED is pushed/total rooms of the current pushes; WAITING are still to go to the PBX.

                Examples:
                  reveille group list
                  reveille group list --json
                """
        )
        static let commandPath = "reveille group list"

        @OptionGroup var client: ClientOptions

        static let request = APIRequest.get(APIPath.api("groups"))

        func execute(_ api: APIClient, output: Output) async throws {
            let reply = try await api.send(Self.request)
            if client.json { return output.block(reply.text) }
            output.block(GroupFormatter.list(try api.decode([API.Group].self, from: reply, of: Self.request)))
        }
    }

    /// `reveille group cancel 1`
    struct Cancel: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a group wake-up (its rooms' own wake-ups stay).",
            discussion: """
                Examples:
                  reveille group cancel 1
                """
        )
        static let commandPath = "reveille group cancel"

        @Argument(help: "The group wake-up's id (see `reveille group list`).")
        var id: Int64

        @OptionGroup var client: ClientOptions

        func request() -> APIRequest { .delete(APIPath.api("groups", String(id))) }

        func execute(_ api: APIClient, output: Output) async throws {
            _ = try await api.send(request())
            if !client.json { output.line("Cancelled group wake-up \(id).") }
        }
    }

    /// `reveille group watch 1`
    struct Watch: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Follow a group's pushes to the PBX until none is waiting.",
            discussion: """
                Polls GET /api/groups every --interval seconds and prints the progress, until no push of \
                the group is waiting. Ctrl-C stops watching (the pushes go on). With --json each poll \
                prints the group as one line of JSON.

                Examples:
                  reveille group watch 1
                  reveille group watch 1 --interval 5
                """
        )
        static let commandPath = "reveille group watch"

        @Argument(help: "The group wake-up's id (see `reveille group list`).")
        var id: Int64

        @Option(name: .long, help: ArgumentHelp("Seconds between polls.", valueName: "seconds"))
        var interval: Double = 2

        @OptionGroup var client: ClientOptions

        func execute(_ api: APIClient, output: Output) async throws {
            guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be between 0.2 and 3600 seconds") }
            let request = GroupCommand.List.request
            let json = client.json
            let last = try await GroupWatch.run(
                id: id,
                fetch: { try await api.send(request, as: [API.Group].self).0 },
                sleep: { [interval] in try await Task.sleep(for: .milliseconds(Int(interval * 1000))) },
                emit: { group in output.block(json ? GroupWatch.jsonLine(group) : GroupFormatter.progressLine(group)) })
            if !json { output.line(GroupFormatter.done(last)) }
        }
    }
}

extension API.GroupRequest {
    /// The body of `POST /api/groups` from the command line: checks the members (rooms and/or floors,
    /// or a booking code) and the wake-up's options. Absent options stay out of the JSON.
    static func body(
        name: String?, rooms: [String] = [], floors: [String] = [], code: String? = nil, time: String,
        date: String? = nil, days: Int? = nil, frequency: Int? = nil, attempts: Int? = nil, prompt: String? = nil,
        personal: Bool = false, receptionOnly: Bool = false, acceptLate: Bool = false
    ) throws -> Self {
        let roomItems = ListOption.items(rooms)
        let floorNumbers = try ListOption.integers(floors, option: "--floors")
        // The service's one rule for members (GroupMemberRequest), said in the command's options.
        let members: GroupMemberRequest
        do {
            members = try GroupMemberRequest(rooms: roomItems, floors: floorNumbers, code: code)
        } catch {
            switch error.code {
            case .conflictingFields:
                throw ValidationError("give --code or --rooms/--floors, not both (a booking code finds its guests wherever they sleep)")
            default:
                throw ValidationError("name the members: --rooms 1201-1240, --floors 12,13 or --code ABC")
            }
        }
        let bookingCode = members.code
        guard let name = name?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? bookingCode else {
            throw ValidationError("give the group a --name (shown in `reveille group list`)")
        }
        return Self(
            name: name, rooms: roomItems.isEmpty ? nil : roomItems, floors: floorNumbers.isEmpty ? nil : floorNumbers,
            group: bookingCode, acceptLate: acceptLate ? true : nil,
            wakeUp: try API.WakeUpRequest.body(
                time: time, date: date, days: days, frequency: frequency, attempts: attempts, prompt: prompt, personal: personal,
                receptionOnly: receptionOnly))
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// A group booking the service refused because some rooms would be pushed too late.
struct LateGroupError: ClientFailure, Equatable {
    var message: String
}

/// The polling of `reveille group watch`, with the fetch and the sleep passed in.
enum GroupWatch {
    /// Fetches the groups, emits `id`'s progress, sleeps, and again, until none of its pushes waits;
    /// returns the group as last seen. A group that is gone (cancelled) is an error.
    static func run(
        id: Int64,
        fetch: () async throws -> [API.Group],
        sleep: () async throws -> Void,
        emit: (API.Group) -> Void
    ) async throws -> API.Group {
        while true {
            guard let group = try await fetch().first(where: { $0.id == id }) else {
                throw APIError(status: 404, field: "id", rule: "no group wake-up \(id) (cancelled, or see `reveille group list`)")
            }
            emit(group)
            if group.progress.waiting == 0 { return group }
            try await sleep()
        }
    }

    /// The group as the service writes it, on one line.
    static func jsonLine(_ group: API.Group) -> String {
        String(decoding: JSONText.encode(group), as: UTF8.self)
    }
}

/// The text of `reveille group`.
enum GroupFormatter {
    static func booked(_ booking: API.GroupBooking) -> String {
        let group = booking.group
        let assessment = booking.assessment
        var lines = [
            "Booked group wake-up \(group.id) \"\(group.name)\": \(ClientText.count(assessment.rooms.count, "room")) at \(group.time), "
                + "\(ClientText.recurrence(group.recurrence))."
        ]
        if !assessment.rooms.isEmpty { lines.append("Rooms: \(ClientText.roomRanges(assessment.rooms))") }
        lines.append("First wake-up: " + (assessment.firstWakeUp.map(ClientText.dateTime) ?? "-"))
        var finish = "Pushes expected to finish by \(ClientText.dateTime(assessment.expectedFinish))"
        if assessment.latestFinish != assessment.expectedFinish { finish += " (at the latest \(ClientText.dateTime(assessment.latestFinish)))" }
        lines.append(finish + ".")
        let late = assessment.lateRooms
        if !late.isEmpty {
            lines.append("Warning: \(ClientText.count(late.count, "room")) cannot be pushed before the first wake-up: \(ClientText.list(late)).")
        }
        // pbx.ringCapacity: the minute is full, these start late.
        if let latest = assessment.lateRings.map(\.minutes).max() {
            lines.append("Warning: the minute is full (pbx.ringCapacity): \(ClientText.count(assessment.lateRings.count, "ring")) start up to "
                + "\(latest) min late: " + assessment.lateRings.map { "\($0.room) +\($0.minutes) min" }.joined(separator: ", ") + ".")
        }
        if let warning = ClientText.insideDND(ClientText.conflicts(booking.insideDND), endsAtWakeUp: booking.dndEndsAtWakeUp) {
            lines.append(warning)
        }
        lines.append("Follow the pushes with: reveille group watch \(group.id)")
        return lines.joined(separator: "\n")
    }

    /// The message for a `400` with `lateRooms`: how many, which, and the way out.
    static func lateRefusal(_ error: APIError) -> LateGroupError {
        let late = error.lateRooms
        return LateGroupError(
            message: """
                \(error.message)
                \(late.count == 1 ? "1 room would" : "\(late.count) rooms would") be pushed too late for the first wake-up: \
                \(ClientText.list(late)).
                Book a later time, fewer rooms, or add --accept-late to book anyway.
                """)
    }

    static func list(_ groups: [API.Group]) -> String {
        guard !groups.isEmpty else { return "No group wake-ups." }
        return TextTable.render(
            header: ["ID", "NAME", "MEMBERS", "TIME", "DAYS", "PUSHED", "FAILED", "WAITING", "EXPECTED FINISH"],
            rows: groups.map { group in
                let progress = group.progress
                return [
                    "\(group.id)", group.name, members(group.members), group.time, ClientText.recurrence(group.recurrence),
                    "\(progress.pushed)/\(progress.total)", "\(progress.failed)", "\(progress.waiting)", finish(group),
                ]
            },
            alignments: [.right, .left, .left, .left, .left, .right, .right, .right])
    }

    /// The expected finish while pushes wait; `done` once all went; `-` when none is queued yet
    /// (a group for a later day).
    static func finish(_ group: API.Group) -> String {
        let progress = group.progress
        guard progress.total > 0 else { return "-" }
        return progress.waiting > 0 ? ClientText.dateTime(group.expectedFinish) : "done"
    }

    static func members(_ members: API.Group.Members) -> String {
        if let code = members.group { return "code \(code)" }
        if let rooms = members.rooms { return ClientText.roomRanges(rooms) }
        return "-"
    }

    /// The last line of `watch`: all pushed, or how many failed and where to look.
    static func done(_ group: API.Group) -> String {
        let progress = group.progress
        if progress.failed == 0 { return "Done: all \(progress.pushed) pushed." }
        return "Done: \(progress.pushed) of \(progress.total) pushed, \(progress.failed) failed (see GET /api/outbox?state=failed)."
    }

    /// `Tour ABC: pushed 12/40, failed 0, waiting 28, expected finish 2026-11-24 20:03`
    static func progressLine(_ group: API.Group) -> String {
        let progress = group.progress
        var line = "\(group.name): pushed \(progress.pushed)/\(progress.total), failed \(progress.failed), waiting \(progress.waiting)"
        if progress.waiting > 0, let finish = group.expectedFinish { line += ", expected finish \(ClientText.dateTime(finish))" }
        return line
    }
}
