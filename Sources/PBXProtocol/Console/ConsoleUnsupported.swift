/// What the console interface (§6) cannot carry, and how Reveille handles each: reported at start-up
/// and on the status API for the `console-files` driver, never silently dropped.
public enum ConsoleUnsupported: String, Hashable, Sendable, CaseIterable, Codable {
    /// §4.3 has no console counterpart: DND windows are kept but never sent (a DND push reaching the
    /// console driver anyway is answered Error).
    case doNotDisturb = "dnd"
    /// §4.2 has no console counterpart: guest names are kept but never sent (a name push reaching the
    /// console driver anyway is answered Error).
    case names = "names"
    /// §6.3 carries one time: the console's own attempts and interval apply, not the policy's.
    case attemptsAndFrequency = "attempts-frequency"
    /// §6.3 carries no prompt: the console's own prompt plays.
    case prompt = "prompt"
    /// §6.3 is one month-day and time: each day's occurrence is written as its own line when the
    /// planner brings it within the coming day (the same rule as the TCP driver's `days` 1).
    case recurrence = "recurrence"
    /// §6.3 has no way to remove a written line: a cancelled wake-up is answered Error (it would
    /// still ring) so it shows as failed until someone cancels it at the console.
    case cancellation = "cancellation"
    /// §6.2 has one internal level: TCP classes 1 and 2 are both written as `0`.
    case internalClasses = "internal-classes"
    /// §6 has no extension status (§5.3): whether a wake-up rang is known only from a CDR line of the
    /// wake-up call (§6.1); without one the occurrence is reported not rung, an alert.
    case ringOutcomes = "ring-outcomes"

    /// One sentence for the log and the status page.
    public var explanation: String {
        switch self {
        case .doNotDisturb: "do-not-disturb cannot be sent (no console file for it): DND windows are kept here, not on the PBX"
        case .names: "guest names cannot be sent (no console file for them): they are kept here, not on the PBX"
        case .attemptsAndFrequency: "wake-up attempts and interval are the console's own, not the policy's (§6.3)"
        case .prompt: "the wake-up prompt is the console's own (§6.3)"
        case .recurrence: "recurring wake-ups are written one day at a time, each occurrence as its own Clock line (§6.3)"
        case .cancellation: "a wake-up already written to Clock cannot be cancelled from here: it fails visibly, cancel it at the console (§6.3)"
        case .internalClasses: "call classes 1 and 2 are both written as Grade 0, internal only (§6.2)"
        case .ringOutcomes: "whether a wake-up rang is known only from a CDR line of the wake-up call (§6.1); without one it is reported not rung"
        }
    }
}
