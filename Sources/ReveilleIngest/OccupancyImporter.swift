import Foundation
import Logging
import PBXProtocol
import ReveilleCore
import ReveilleStore

/// What happened to one export.
public struct ImportReport: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// The events were applied.
        case applied
        /// The export would empty the hotel, or too many guests would leave at once: nothing
        /// applied until an admin approves or a later export that differs in its rows confirms it.
        case held
        /// The file cannot be used as a whole: the previous snapshot stays in force until it changes.
        case rejected
        /// Read and checked, but the store failed (busy, locked, disk full, I/O): tried again with
        /// capped backoff, without waiting for the file to change.
        case waiting
    }

    /// The most problems (and warnings) a report lists; ``problemCount`` and ``warningCount`` count
    /// them all. `GET /api/status`, read by every page every 3 s, stays small whatever the export.
    public static let listLimit = 100

    public var file: String
    public var outcome: Outcome
    public var checkIns = 0
    public var checkOuts = 0
    public var moves = 0
    public var updates = 0
    /// The first ``listLimit`` rows that could not be used (their rooms keep their previous state).
    public var problems: [RowProblem] = []
    /// Rows that could not be used, all of them.
    public var problemCount = 0
    /// The first ``listLimit`` rows used with a remark: a guest language that is unknown or has no
    /// prompt, so the default prompt plays.
    public var warnings: [RowProblem] = []
    /// Rows used with a remark, all of them.
    public var warningCount = 0
    /// Why the file was rejected, held or is waiting to apply.
    public var reason: String?

    public init(
        file: String, outcome: Outcome, problems: [RowProblem] = [], warnings: [RowProblem] = [], reason: String? = nil
    ) {
        self.file = file
        self.outcome = outcome
        self.reason = reason.map { InputBounds.excerpt($0, scalars: RowProblem.reasonLength) }
        list(problems: problems, warnings: warnings)
    }

    /// Keeps the first ``listLimit`` of each and counts them all.
    mutating func list(problems: [RowProblem], warnings: [RowProblem]) {
        self.problems = Array(problems.prefix(Self.listLimit))
        problemCount = problems.count
        self.warnings = Array(warnings.prefix(Self.listLimit))
        warningCount = warnings.count
    }

    var summary: String {
        "\(file): \(outcome.rawValue) — \(checkIns) in, \(checkOuts) out, \(moves) moved, \(updates) changed, "
            + "\(problemCount) bad rows, \(warningCount) warnings" + (reason.map { "; \($0)" } ?? "")
    }
}

/// Reads PMS exports and socket events into stays, with these safety rules: a file that
/// cannot be read is rejected whole; a bad row keeps its room as it was; an export that would
/// empty the hotel, or in which more than ``Configuration/vanishThreshold`` of the in-house stays
/// vanish, is held back until an operator approves it or a later export that differs in its rows
/// confirms it. A store error is not a verdict on the file: the import is `waiting` and the watcher
/// tries it again. Every import is audited.
public final class OccupancyImporter: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var mapping = OccupancyMapping()
        public var csv = CSVOptions()
        /// Share of in-house stays that may vanish in one export before it is held (default 30 %).
        public var vanishThreshold = 0.3
        /// From this many in-house stays the vanish threshold holds an export (`ingest.csv.minimumStaysForHold`,
        /// default 4: a guesthouse with 3 guests sees 1 or 2 leave at once often). An export that
        /// would check every guest out is held whatever the hotel's size.
        public var minimumStaysForHold = 4
        /// The language codes with a prompt in `wakeup.prompts`: other languages are warned about.
        public var promptLanguages: Set<String> = []
        /// The most in-house stays one room may hold (`ingest.guestsPerRoom`, a shared room); the
        /// CSV and the socket follow the same bound.
        public var guestsPerRoom = InputBounds.guestsPerRoom

        public init() {}
    }

    private struct Held: Sendable {
        var report: ImportReport
        var records: [OccupancyRecord]
        var protectedRooms: Set<String>
        var vanishing: Set<String>
    }

    private let store: Store
    private let calendar: HotelCalendar
    private let configuration: Configuration
    private let changed: @Sendable (Set<String>?) -> Void
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let held = Locked<Held?>(nil)
    private let last = Locked<ImportReport?>(nil)
    /// One import or socket event at a time: each decides on the in-house stays it read, so none
    /// may change between its reading and its applying.
    private let serial = Locked<Void>(())

    public init(
        store: Store, timeZone: TimeZone, configuration: Configuration = .init(),
        changed: @escaping @Sendable (Set<String>?) -> Void, now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.store = store
        self.calendar = HotelCalendar(timeZone: timeZone)
        self.configuration = configuration
        self.changed = changed
        self.now = now
        self.logger = logger
    }

    /// The most in-house stays one room may hold (the socket checks its events against it).
    public var guestsPerRoom: Int { configuration.guestsPerRoom }

    /// The export held back, if any.
    public var heldReport: ImportReport? { held.withLock { $0?.report } }

    /// The last import's report.
    public var lastReport: ImportReport? { last.withLock { $0 } }

    /// Reads, checks, diffs and (unless held, rejected or the store fails) applies one export.
    @discardableResult
    public func importExport(_ data: Data, file: String) -> ImportReport {
        let report = serial.withLock { _ in process(data, file: file) }
        last.withLock { $0 = report }
        let actor = "pms:csv:\(file)"
        do {
            try store.auditImport(actor: actor, outcome: report.outcome.rawValue, detail: report.summary, at: now())
        } catch {
            logger.error("could not audit an import", metadata: ["error": "\(error)"])
        }
        var metadata: Logger.Metadata = ["file": "\(file)", "outcome": "\(report.outcome.rawValue)"]
        if let reason = report.reason { metadata["reason"] = "\(reason)" }
        for problem in report.problems.prefix(20) {
            logger.warning("occupancy row skipped: \(problem)")
        }
        for warning in report.warnings.prefix(20) {
            logger.warning("occupancy row: \(warning)")
        }
        switch report.outcome {
        case .applied: logger.info("occupancy import", metadata: metadata)
        case .held, .rejected: logger.warning("occupancy import not applied", metadata: metadata)
        case .waiting: logger.error("occupancy import waiting to apply: the store failed; retrying", metadata: metadata)
        }
        return report
    }

    /// An operator applies the held export. Returns its report, or `nil` if nothing was held.
    /// On a store error the export stays held and the error is thrown.
    public func approveHeld(actor: String) throws -> ImportReport? {
        guard let pending = held.withLock({ $0 }) else { return nil }
        var report = try serial.withLock { _ throws in
            try apply(records: pending.records, protectedRooms: pending.protectedRooms, file: pending.report.file, actor: actor)
        }
        held.withLock { $0 = nil }
        report.problems = pending.report.problems
        report.problemCount = pending.report.problemCount
        report.warnings = pending.report.warnings
        report.warningCount = pending.report.warningCount
        try? store.auditImport(actor: actor, outcome: "approved", detail: report.summary, at: now())
        last.withLock { $0 = report }
        return report
    }

    /// Applies events from the PMS socket (no snapshot, no hold: each event is explicit), as
    /// `decide` makes them from the in-house stays and the time; nothing changes when it throws.
    /// An ``InputError`` is `decide`'s verdict; anything else is the store's (retryable).
    public func apply(actor: String, _ decide: (_ inHouse: [OccupancyRecord], _ now: Date) throws -> [OccupancyEvent]) throws {
        let rooms = try serial.withLock { _ throws in
            let time = now()
            return try store.apply(try decide(try store.inHouse(), time), actor: actor, at: time)
        }
        changed(rooms)
    }

    private func process(_ data: Data, file: String) -> ImportReport {
        let table: CSVTable
        do {
            table = try CSVReader.read(data, options: configuration.csv)
        } catch {
            return ImportReport(file: file, outcome: .rejected, reason: error.description)
        }
        do {
            let snapshot = try store.snapshot(at: now())
            let rows = OccupancyRows(
                mapping: configuration.mapping, calendar: calendar, knownRooms: Set(snapshot.rooms.keys),
                promptLanguages: configuration.promptLanguages, guestsPerRoom: configuration.guestsPerRoom)
            var result = try rows.read(table, file: file, now: now())
            let previous = try store.inHouse()
            if !result.hasLanguage {
                // An export without a language column leaves each stay the language it has (from the socket).
                let known = Dictionary(previous.map { ($0.key, $0.language) }, uniquingKeysWith: { first, _ in first })
                for index in result.records.indices { result.records[index].language = known[result.records[index].key] ?? nil }
            }
            let events = OccupancyDiff.events(previous: previous, current: result.records, protectedRooms: result.protectedRooms)
            let vanishing = Set(events.compactMap { if case .checkOut(let key, _) = $0 { key } else { nil } })
            if let reason = holdReason(previous: previous.count, vanishing: vanishing.count, events: events) {
                // A later export confirms a held one when its rows differ (not its bytes or line
                // endings: the same rows again are the same export) and it still lets those guests go.
                let confirms = held.withLock { state in
                    guard let state else { return false }
                    return state.vanishing.isSubset(of: vanishing)
                        && (Set(state.records) != Set(result.records) || state.protectedRooms != result.protectedRooms)
                }
                if !confirms {
                    var report = ImportReport(file: file, outcome: .held, problems: result.problems, warnings: result.warnings)
                    report.checkOuts = vanishing.count
                    report.reason = reason
                    held.withLock {
                        $0 = Held(report: report, records: result.records, protectedRooms: result.protectedRooms, vanishing: vanishing)
                    }
                    return report
                }
            }
            var report = try apply(records: result.records, protectedRooms: result.protectedRooms, file: file, actor: "pms:csv:\(file)")
            held.withLock { $0 = nil }
            report.list(problems: result.problems, warnings: result.warnings)
            return report
        } catch let error as OccupancyImportError {
            return ImportReport(file: file, outcome: .rejected, reason: error.description)
        } catch {
            // The store's error (busy, locked, full, I/O): not the file's fault, tried again.
            return ImportReport(file: file, outcome: .waiting, reason: "waiting to apply: \(error)")
        }
    }

    /// Why an export with these check-outs is held, or `nil` when it may be applied.
    private func holdReason(previous: Int, vanishing: Int, events: [OccupancyEvent]) -> String? {
        guard previous > 0, vanishing > 0 else { return nil }
        let stillInHouse = previous - vanishing + events.filter { if case .checkIn = $0 { true } else { false } }.count
        if stillInHouse == 0 {
            return "the export would check all \(previous) in-house stays out (an empty hotel): held until an admin approves "
                + "or a later export with different rows confirms it"
        }
        let share = Double(vanishing) / Double(previous)
        guard share > configuration.vanishThreshold, previous >= configuration.minimumStaysForHold else { return nil }
        return "\(vanishing) of \(previous) in-house stays would check out at once "
            + "(more than \(Int(configuration.vanishThreshold * 100)) %): held until an admin approves "
            + "or a later export with different rows confirms it"
    }

    private func apply(records: [OccupancyRecord], protectedRooms: Set<String>, file: String, actor: String) throws -> ImportReport {
        let events = OccupancyDiff.events(previous: try store.inHouse(), current: records, protectedRooms: protectedRooms)
        let rooms = try store.apply(events, actor: actor, at: now())
        if !rooms.isEmpty { changed(rooms) }
        var report = ImportReport(file: file, outcome: .applied)
        for event in events {
            switch event {
            case .checkIn: report.checkIns += 1
            case .checkOut: report.checkOuts += 1
            case .move: report.moves += 1
            case .update: report.updates += 1
            }
        }
        return report
    }
}
