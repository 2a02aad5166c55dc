/// Which `Clock` lines (§6.3) carry an extension's AlarmClock list (§4.4). Pure: `now` passed in.
///
/// The planner puts only each wake-up's next occurrence on the list (days 1, within the coming day)
/// and pushes the list again after it has rung, so each day's occurrence becomes its own line when
/// it comes due: today at `start` if that is still ahead of `now`, otherwise tomorrow.
public enum ConsoleClockPlanner {
    /// The lines for `entries`, in time order, and what of them the file cannot carry.
    /// - Throws: ``ConsoleLineError`` when the extension could break the line.
    public static func lines(
        phone: String, entries: [WakeUpEntry], now: PBXDateTime
    ) throws(ConsoleLineError) -> (lines: [ClockLine], unsupported: Set<ConsoleUnsupported>) {
        var lines: [(PBXDateTime, ClockLine)] = []
        var unsupported: Set<ConsoleUnsupported> = []
        for entry in entries {
            let time = occurrence(of: entry.start, after: now)
            lines.append((time, try ClockLine(phone: phone, at: time)))
            if entry.attempts != WakeUpEntry.defaultAttempts || entry.frequency != WakeUpEntry.defaultFrequency {
                unsupported.insert(.attemptsAndFrequency)
            }
            if entry.prompt != WakeUpEntry.defaultPrompt { unsupported.insert(.prompt) }
            if entry.days > 1 { unsupported.insert(.recurrence) }
        }
        return (lines.sorted { $0.0 < $1.0 }.map(\.1), unsupported)
    }

    /// The first moment at `start` strictly after `now` (today or tomorrow), on the hotel's wall clock.
    public static func occurrence(of start: TimeOfDay, after now: PBXDateTime) -> PBXDateTime {
        let today = now.startOfDay.adding(seconds: Int64(start.minutesSinceMidnight * 60))
        return today > now ? today : today.adding(seconds: 86_400)
    }
}
