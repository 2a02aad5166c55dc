// Planning a 5,000-room hotel: all rooms occupied, two wake-ups each, 50 groups of 40 rooms, DND
// windows and rules. From scratch, and again after one stay changes; resident memory at that size.
import Foundation
import PBXProtocol
import ReveilleCore

let roomCount = 5000
let zone = TimeZone(identifier: "Asia/Shanghai")!
let settings = HotelSettings(timeZone: zone)
let calendar = HotelCalendar(timeZone: zone)
let now = calendar.instant(PBXDateTime("2026-11-24 20:00:00")!)
let today = LocalDate("2026-11-24")!

var snapshot = HotelSnapshot()
for index in 0..<roomCount {
    let number = String(1000 + index)
    snapshot.upsert(Room(number: number, phone: String(80000 + index), floor: index / 100, tags: index % 7 == 0 ? ["quiet"] : []))
    snapshot.upsert(Stay(id: Int64(index + 1), room: number, guestName: "客人 \(index)", arrival: now - 86_400,
                         departure: now + 3 * 86_400, groupCode: index < 2000 ? "G\(index / 40)" : nil))
    snapshot.upsert(WakeUpPolicy(id: Int64(2 * index + 1), room: number, time: TimeOfDay(hour: 5 + index % 4, minute: index % 60)!,
                                 recurrence: .daily(from: today, days: 3)))
    snapshot.upsert(WakeUpPolicy(id: Int64(2 * index + 2), room: number, time: TimeOfDay(hour: 12 + index % 6, minute: 30)!,
                                 recurrence: .weekdays([.tuesday, .wednesday, .thursday], from: today, until: nil)))
    if index % 3 == 0 {
        snapshot.upsert(DNDWindow(id: Int64(index + 1), room: number, start: now - 3600, end: now + 12 * 3600))
    }
}
for group in 0..<50 {
    snapshot.upsert(GroupWakeUp(id: Int64(group + 1), name: "Group \(group)", members: .bookingGroup("G\(group)"),
                                time: TimeOfDay(hour: 6, minute: group % 60)!, recurrence: .once(today.adding(days: 1))))
}
snapshot.setRules([
    DNDRule(id: 1, name: "quiet", selector: .init(tags: ["quiet"]), action: .quietHours(from: TimeOfDay("22:00")!, to: TimeOfDay("07:00")!)),
    DNDRule(id: 2, name: "vacant", selector: .init(occupancy: .vacant), action: .whileVacant),
])

func milliseconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

func residentMiB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    let kib = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kib / 1024
}

let planner = Planner(settings: settings)
var commands: [PlannedCommand] = []
var desired: [DesiredExtension] = []
var fromScratch: [Double] = []
for round in 0..<7 {
    // A fresh planner each round so that its calendar memo starts cold, as after a restart.
    let cold = Planner(settings: settings)
    fromScratch.append(milliseconds {
        desired = cold.desired(snapshot, now: now)
        commands = Reconciler.plan(desired: desired, acknowledged: [:], now: now)
    })
    if round == 0 { print("first run (cold process): \(String(format: "%.1f", fromScratch[0])) ms") }
}
let alarms = desired.reduce(0) { $0 + $1.wakeUps.count }
print("\(roomCount) rooms: \(alarms) wake-ups on the PBX lists, \(commands.count) commands from scratch")
print(String(format: "plan from scratch: median %.1f ms, best %.1f ms (target ≤ 50 ms)",
             fromScratch.sorted()[fromScratch.count / 2], fromScratch.min()!))

// Everything acknowledged; then one stay changes (a late check-out) and only its room is planned.
var acknowledged: [String: AcknowledgedExtension] = [:]
for want in desired {
    var ack = AcknowledgedExtension()
    for command in [PBXCommand.setAlarmClock(phone: want.phone, want.alarmEntries), .setDND(phone: want.phone, want.dnd),
                    .setName(phone: want.phone, name: want.name), .setCallClass(phone: want.phone, want.callClass)] {
        ack.apply(command, at: now)
    }
    acknowledged[want.phone] = ack
}
var incremental: [Double] = []
var changed: [PlannedCommand] = []
for round in 0..<200 {
    var stay = snapshot.stays[Int64(round % roomCount + 1)]!
    stay.departure = stay.departure + Double(3600 * (round + 1))
    stay.guestName = "客人 \(round) 改"
    incremental.append(milliseconds {
        let affected = snapshot.upsert(stay)
        let wanted = planner.desired(rooms: affected, in: snapshot, now: now)
        changed = Reconciler.plan(desired: wanted, acknowledged: acknowledged, now: now)
    })
}
print(String(format: "plan after one stay change: median %.3f ms, worst %.3f ms (target ≤ 2 ms), %d command(s)",
             incremental.sorted()[incremental.count / 2], incremental.max()!, changed.count))
print(String(format: "resident memory with the hotel, its plan and acknowledgements loaded: %.1f MiB (target ≤ 64 MiB)", residentMiB()))
