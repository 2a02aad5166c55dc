import Foundation
import ReveilleAPIContract
import ReveilleCore

// The server's side of the request bodies (ReveilleAPIContract): from the wire to the domain, checked.

extension API.WakeUpRequest {
    var options: WakeUpOptions {
        WakeUpOptions(
            frequency: frequency, attempts: attempts, prompt: prompt, personal: personal, receptionOnly: receptionOnly, backupAfter: backupAfter,
            followUpAfter: followUpAfter)
    }

    /// The days it rings (see docs/API.md), checked.
    func recurrence(_ text: WallClockText, now: Date) throws -> ReveilleCore.Recurrence {
        let start = try text.time(time, field: "time")
        return try text.recurrence(time: start, date: date, days: days, weekdays: weekdays, until: until, now: now)
    }
}
