import Clocks
import Foundation
import ReveilleServices
import ReveilleStore

extension IngestFixture {
    typealias SchedulerActivities = AsyncStream<SchedulerActivity<TestClock<Duration>.Instant>>.Iterator

    /// Follows the push scheduler until it has planned something and then pushed all of it,
    /// stepping the clock past its pacing.
    static func pushEverything(_ activity: inout SchedulerActivities, clock: TestClock<Duration>, store: Store) async {
        var planned = false
        while let next = await activity.next() {
            switch next {
            case .planned(let enqueued) where enqueued > 0:
                planned = true
            case .waiting(let until?, .pacing):
                await clock.advance(to: until.advanced(by: .milliseconds(1)))
            case .waiting(_, .idle) where planned && ((try? store.pendingCount()) ?? 1) == 0:
                return
            default:
                break
            }
        }
    }
}
