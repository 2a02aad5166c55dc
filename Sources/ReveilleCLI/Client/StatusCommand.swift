import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille status`: the link, the outbox, the last import and the rooms.
struct StatusCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the PBX link, pending pushes, the last occupancy import and every room.",
        discussion: """
            Reads GET /api/status and GET /api/rooms of a running `reveille serve`. Any token will do.

            Examples:
              reveille status
              reveille status --room 1208
              REVEILLE_URL=http://10.0.0.5:8080 REVEILLE_TOKEN=… reveille status
              reveille status --json | jq '.rooms[] | select(.inSync | not) | .number'

            With --json the output is {"status": <reply of /api/status>, "rooms": <reply of /api/rooms>}.
            """
    )
    static let commandPath = "reveille status"

    @Option(name: .long, help: ArgumentHelp("Show only this room, with its desired and confirmed PBX state.", valueName: "room"))
    var room: String?

    @OptionGroup var client: ClientOptions

    func requests() throws -> (status: APIRequest, rooms: APIRequest) {
        if let room {
            let trimmed = room.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ValidationError("--room needs a room number, e.g. --room 1208") }
            return (.get(APIPath.api("status")), .get(APIPath.api("rooms", trimmed)))
        }
        return (.get(APIPath.api("status")), .get(APIPath.api("rooms")))
    }

    func execute(_ api: APIClient, output: Output) async throws {
        let (statusRequest, roomsRequest) = try requests()
        let statusReply = try await api.send(statusRequest)
        let roomsReply = try await api.send(roomsRequest)
        if client.json {
            output.block("{\"status\":\(statusReply.text.trimmingCharacters(in: .whitespacesAndNewlines)),"
                + "\"rooms\":\(roomsReply.text.trimmingCharacters(in: .whitespacesAndNewlines))}")
            return
        }
        let status = try api.decode(API.Status.self, from: statusReply, of: statusRequest)
        // `GET /api/rooms/{room}` answers the room, `GET /api/rooms` every room.
        let rooms = room == nil
            ? try api.decode([API.Room].self, from: roomsReply, of: roomsRequest)
            : [try api.decode(API.Room.self, from: roomsReply, of: roomsRequest)]
        output.block(StatusFormatter.render(status: status, rooms: rooms, detailed: room != nil))
    }
}

/// The text of `reveille status`.
enum StatusFormatter {
    static func render(status: API.Status, rooms: [API.Room], detailed: Bool = false) -> String {
        var lines = summary(status)
        lines.append("")
        if rooms.isEmpty {
            lines.append("No rooms.")
        } else {
            lines.append(roomTable(rooms))
            if detailed {
                for room in rooms { lines.append(""); lines += details(room) }
            } else {
                let inSync = rooms.filter(\.inSync).count
                let occupied = rooms.filter { $0.guest != nil }.count
                lines.append("")
                lines.append(
                    "\(ClientText.count(rooms.count, "room")), \(occupied) occupied; \(inSync) in sync with the PBX"
                        + (inSync == rooms.count ? "." : ", \(rooms.count - inSync) not yet."))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Link, outbox, imports, hotel clock: `label  value` lines.
    static func summary(_ status: API.Status) -> [String] {
        var rows: [[String]] = [["Link:", link(status.link)]]
        var outbox = "\(status.outbox.pending) pending, \(status.outbox.failed) failed"
        if status.outbox.failed > 0 { outbox += " (see GET /api/outbox?state=failed; retry with POST /api/outbox/retry)" }
        rows.append(["Outbox:", outbox])
        rows.append(["Last import:", status.import.last.map(importReport) ?? "none yet"])
        if let held = status.import.held {
            rows.append(["HELD import:", importReport(held) + " — not applied until an admin approves it (POST /api/imports/approve)"])
        }
        rows.append(["Hotel time:", ClientText.dateTime(status.hotel.now) + " (\(status.hotel.timeZone))"
            + (status.simulator ? ", simulated PBX" : "")])
        return TextTable.render(rows: rows).components(separatedBy: "\n")
    }

    /// `up`, or the state and why (`down — down (login rejected: …)` reads badly, so the detail alone
    /// when it already starts with the state).
    static func link(_ link: API.Link) -> String {
        let detail = link.detail.trimmingCharacters(in: .whitespaces)
        guard !detail.isEmpty, detail != link.state else {
            return link.state
        }
        return detail.hasPrefix(link.state) ? detail : "\(link.state) — \(detail)"
    }

    /// `inhouse.csv: applied — 12 in, 0 out, 0 moved, 0 changed, 0 bad rows; reason`
    static func importReport(_ report: API.ImportReport) -> String {
        var text = "\(report.file): \(report.outcome)"
        if report.outcome != "rejected" {
            text += " — \(report.checkIns) in, \(report.checkOuts) out, \(report.moves) moved, \(report.updates) changed"
        }
        let problems = report.problemCount ?? report.problems.count
        if problems > 0 { text += ", \(ClientText.count(problems, "bad row"))" }
        if let reason = report.reason, !reason.isEmpty { text += "; \(reason)" }
        return text
    }

    static func roomTable(_ rooms: [API.Room]) -> String {
        TextTable.render(
            header: ["ROOM", "GUEST", "WAKE-UPS", "DND", "IN SYNC"],
            rows: rooms.map { room in
                [room.number, guest(room), wakeUps(room.desired.wakeUps), dnd(room.desired.dnd), room.inSync ? "yes" : "no"]
            })
    }

    static func guest(_ room: API.Room) -> String {
        var text = room.guest?.name ?? "-"
        if let group = room.guest?.group, !group.isEmpty { text += " [\(group)]" }
        if room.outOfOrder { text += " (out of order)" }
        return text
    }

    /// Distinct times in order; group wake-ups marked: `06:30 (group 3), 17:00`.
    static func wakeUps(_ wakeUps: [API.Room.PlannedWakeUp]) -> String {
        var seen = Set<String>()
        var items: [String] = []
        for wakeUp in wakeUps {
            let text = wakeUp.groupID.map { "\(wakeUp.time) (group \($0))" } ?? wakeUp.time
            if seen.insert(text).inserted { items.append(text) }
        }
        return items.isEmpty ? "-" : items.joined(separator: ", ")
    }

    static func dnd(_ setting: API.DNDState) -> String {
        guard setting.use else { return "-" }
        return ClientText.span(setting.start, setting.end)
    }

    /// What `--room` adds: the extension, the desired and the confirmed PBX state.
    static func details(_ room: API.Room) -> [String] {
        var rows: [[String]] = []
        var place = "extension \(room.phone), floor \(room.floor)"
        if let wing = room.wing, !wing.isEmpty { place += ", wing \(wing)" }
        if !room.tags.isEmpty { place += ", tags \(room.tags.joined(separator: " "))" }
        rows.append(["Room \(room.number):", place])
        if let guest = room.guest {
            rows.append(["Stay:", "\(ClientText.dateTime(guest.arrival)) → \(ClientText.dateTime(guest.departure))"
                + " (stay \(guest.stayID))"])
            // The guest's language picks the prompt; a personal-call stay is phoned by reception.
            if let language = guest.language { rows.append(["Language:", "\(language), prompt \(guest.prompt)"]) }
            if guest.personalCall { rows.append(["Personal:", "reception phones the room at every wake-up"]) }
        }
        for wakeUp in room.desired.wakeUps {
            let source = wakeUp.groupID.map { "group \($0)" } ?? wakeUp.policyID.map { "wake-up \($0)" } ?? wakeUp.source
            let call = wakeUp.receptionOnly ? ", reception only" : wakeUp.personal ? ", personal call" : ""
            rows.append(["Rings:", "\(ClientText.dateTime(wakeUp.at)) (\(source)\(call))"])
        }
        let desired = room.desired
        let confirmed = room.acknowledged
        rows.append(["Desired:", state(alarmClock: desired.alarmClock, dnd: desired.dnd, name: desired.name, callClass: desired.callClass, missing: "?")])
        if confirmed.alarmClock == nil, confirmed.dnd == nil, confirmed.name == nil, confirmed.callClass == nil {
            rows.append(["PBX has:", "nothing confirmed yet"])
        } else {
            rows.append(["PBX has:", state(alarmClock: confirmed.alarmClock, dnd: confirmed.dnd, name: confirmed.name, callClass: confirmed.callClass, missing: "unconfirmed")
                + (confirmed.confirmedAt.map { ", confirmed \(ClientText.dateTime($0))" } ?? "")])
        }
        return TextTable.render(rows: rows).components(separatedBy: "\n")
    }

    /// `AlarmClock …, DND …, name …, call class …`; `missing` for a part that is absent.
    private static func state(alarmClock: String?, dnd: API.DNDState?, name: String?, callClass: Int?, missing: String) -> String {
        let alarm = "AlarmClock " + (alarmClock.map { $0.isEmpty ? "empty" : $0 } ?? missing)
        let dndText = "DND " + (dnd.map { $0.use ? ClientText.span($0.start, $0.end) : "off" } ?? missing)
        let nameText = "name " + (name.map { $0.isEmpty ? "(none)" : $0 } ?? missing)
        let classText = "call class " + (callClass.map(String.init) ?? missing)
        return [alarm, dndText, nameText, classText].joined(separator: ", ")
    }
}
