import Foundation
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleIngest
import ReveilleServices
import ReveilleStore

// The server's side of the contract (ReveilleAPIContract): replies built from the domain and the
// store, with times as the hotel's wall clock. Domain types are named with their module: the
// contract has types of the same names (`API.Stay` beside `ReveilleCore.Stay`).

extension API.Link {
    init(_ state: LinkState, driver: String? = nil, unsupported: [String]? = nil) {
        let name: String =
            switch state {
            case .connecting: "connecting"
            case .loggingIn: "loggingIn"
            case .up: "up"
            case .down: "down"
            case .stopped: "stopped"
            }
        var reason: String?
        var message: String?
        if case .down(let why) = state {
            switch why {
            case .refused: reason = "refused"
            case .connectionLost: reason = "connectionLost"
            case .heartbeatLost: reason = "heartbeatLost"
            case .heartbeatRejected(let text): (reason, message) = ("heartbeatRejected", text)
            case .loginRejected(let text): (reason, message) = ("loginRejected", text)
            case .loginTimedOut: reason = "loginTimedOut"
            case .protocolError: reason = "protocolError"
            case .shutdown: reason = "shutdown"
            }
        }
        self.init(
            state: name, up: state.isUp, detail: state.description, driver: driver, unsupported: unsupported, reason: reason,
            message: message)
    }
}

extension API.ImportReport {
    init(_ report: ReveilleIngest.ImportReport) {
        self.init(
            file: report.file, outcome: report.outcome.rawValue, checkIns: report.checkIns, checkOuts: report.checkOuts,
            moves: report.moves, updates: report.updates,
            problems: report.problems.map(API.RowProblem.init), warnings: report.warnings.map(API.RowProblem.init),
            reason: report.reason, problemCount: report.problemCount, warningCount: report.warningCount)
    }
}

extension API.RowProblem {
    init(_ problem: ReveilleIngest.RowProblem) {
        self.init(file: problem.file, line: problem.line, room: problem.room, reason: problem.reason)
    }
}

extension API.QuarantinedRow {
    init(_ row: ReveilleStore.QuarantinedRow) {
        self.init(table: row.table, id: row.id, problem: row.problem)
    }
}

extension API.DNDState {
    init(_ setting: DNDSetting, _ text: WallClockText) {
        switch setting {
        case .off: self.init(use: false)
        case .on(let start, let end): self.init(use: true, start: text.text(start), end: text.text(end))
        }
    }
}

extension API.Acknowledged {
    init(_ ack: AcknowledgedExtension, _ text: WallClockText) {
        self.init(
            alarmClock: ack.alarmClock, dnd: ack.dnd.map { API.DNDState($0, text) }, name: ack.name, callClass: ack.callClass?.rawValue,
            confirmedAt: ack.confirmedAt.map(text.text))
    }
}

extension API.Attempt {
    init(_ record: WakeUpAttemptRecord, _ text: WallClockText) {
        self.init(
            room: record.room, phone: record.phone, ringAt: text.text(record.ringAt), outcome: record.outcome.rawValue,
            endedAt: text.text(record.endedAt))
    }
}

extension API.Recurrence {
    init(_ recurrence: ReveilleCore.Recurrence) {
        switch recurrence {
        case .once(let day):
            self.init(type: "once", date: day.description)
        case .daily(let from, let days):
            self.init(type: "daily", from: from.description, days: days)
        case .weekdays(let set, let from, let until):
            self.init(type: "weekdays", from: from.description, weekdays: set.map(\.rawValue).sorted(), until: until?.description)
        }
    }
}

extension API.WakeUp {
    /// The wake-up as booked; `defaults` name its own prompt's language.
    init(_ policy: WakeUpPolicy, _ defaults: WakeUpDefaults) {
        self.init(
            id: policy.id, room: policy.room, stayID: policy.stayID, time: policy.time.description,
            recurrence: API.Recurrence(policy.recurrence), frequency: policy.options.frequency, attempts: policy.options.attempts,
            prompt: policy.options.prompt, personal: policy.options.personal, receptionOnly: policy.options.receptionOnly,
            backupAfter: policy.options.backupAfter, followUpAfter: policy.options.followUpAfter,
            promptLanguage: policy.options.prompt.flatMap { defaults.promptLanguage(of: $0) })
    }
}

extension API.WakeUpBooking {
    init(_ booking: ReveilleServices.WakeUpBooking, _ text: WallClockText, _ defaults: WakeUpDefaults) {
        self.init(
            wakeUp: API.WakeUp(booking.policy, defaults), firstWakeUp: booking.firstWakeUp.map(text.text),
            insideDND: booking.insideDND.map(text.text))
    }
}

extension API.Progress {
    init(_ progress: GroupProgress) {
        self.init(total: progress.total, pushed: progress.pushed, failed: progress.failed, waiting: progress.waiting)
    }
}

extension API.Group.Members {
    init(_ members: GroupMembers) {
        switch members {
        case .rooms(let rooms): self.init(rooms: rooms)
        case .bookingGroup(let code): self.init(group: code)
        }
    }
}

extension API.Assessment {
    init(_ assessment: GroupBookingAssessment, _ text: WallClockText) {
        self.init(
            rooms: assessment.rooms, expectedFinish: text.text(assessment.expectedFinish), latestFinish: text.text(assessment.latestFinish),
            firstWakeUp: assessment.firstWakeUp.map(text.text), lateRooms: assessment.lateRooms,
            lateRings: (assessment.capacity?.lateRings ?? []).map { API.Assessment.LateRing(room: $0.room, minutes: $0.minutes) })
    }
}

extension API.DNDWindow {
    init(_ window: ReveilleCore.DNDWindow, _ text: WallClockText) {
        self.init(id: window.id, room: window.room, stayID: window.stayID, start: text.text(window.start), end: text.text(window.end))
    }
}

extension API.DNDConflict {
    init(_ conflict: DNDConflict, _ text: WallClockText) {
        self.init(room: conflict.room, at: text.text(conflict.at))
    }
}

extension API.Rule {
    init(_ rule: DNDRule) {
        let action: Action =
            switch rule.action {
            case .whileVacant: Action(type: "whileVacant")
            case .quietHours(let from, let to): Action(type: "quietHours", from: from.description, to: to.description)
            case .afterCheckIn(let hours): Action(type: "afterCheckIn", hours: hours)
            }
        self.init(
            id: rule.id, name: rule.name, floors: rule.selector.floors?.sorted(), tags: rule.selector.tags?.sorted(),
            occupancy: rule.selector.occupancy?.rawValue, action: action, priority: rule.priority, enabled: rule.enabled)
    }
}

extension API.Stay {
    init(_ stay: ReveilleCore.Stay, _ text: WallClockText) {
        self.init(
            id: stay.id, room: stay.room, guest: stay.guestName, arrival: text.text(stay.arrival), departure: text.text(stay.departure),
            group: stay.groupCode, language: stay.language, personalCall: stay.personalCall)
    }
}

extension API.OutboxRow {
    init(_ entry: OutboxEntry) {
        self.init(
            id: entry.id, room: entry.room, phone: entry.phone, kind: entry.kind.rawValue, reason: entry.reason, groupID: entry.groupID,
            state: entry.state.rawValue, attempts: entry.attempts, lastError: entry.lastError)
    }
}

extension API.AuditEntry {
    init(_ entry: ReveilleStore.AuditEntry) {
        self.init(
            id: entry.id, at: entry.at, actor: entry.actor, action: entry.action, entity: entry.entity, entityID: entry.entityID,
            before: entry.before, after: entry.after)
    }
}

extension API.Alert {
    /// An alert with the values its message names (from its occurrence, when it has one), its
    /// times as the hotel's `HH:mm`.
    init(_ alert: ReveilleCore.Alert, _ text: WallClockText, occurrence: WakeUpOccurrence?) {
        let clock = { (date: Date) in String(text.text(date).suffix(5)) }
        self.init(
            alert,
            params: ReveilleCore.Alert.params(
                kind: alert.kind, room: alert.room, guest: alert.guest, time: clock(alert.scheduledAt), occurrence: occurrence, clock: clock))
    }
}
