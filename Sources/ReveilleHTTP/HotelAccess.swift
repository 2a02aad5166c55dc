import Foundation
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// What the controllers read and write through: the store (reads), the front desk (every write),
/// the hotel's settings and its one clock.
struct HotelAccess: Sendable {
    let store: Store
    let desk: FrontDesk
    let settings: HotelSettings
    let now: @Sendable () -> Date

    /// Dates and times as the hotel's wall clock.
    var text: WallClockText { WallClockText(calendar: HotelCalendar(timeZone: settings.timeZone)) }
}
