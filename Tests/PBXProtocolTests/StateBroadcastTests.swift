import PBXProtocol
import Testing

/// `StateBroadcast` (the link's states): a subscriber starts from the value at the moment it
/// subscribes and sees every later change, none lost between the two.
@Suite(.timeLimit(.minutes(1)))
struct StateBroadcastTests {
    @Test func aSubscriberGetsTheCurrentValueThenEveryChange() async {
        let states = StateBroadcast(0)
        let stream = states.subscribe()
        #expect(states.set(1))
        #expect(!states.set(1))  // unchanged: nothing sent
        #expect(states.set(2))
        states.finish()
        var seen: [Int] = []
        for await value in stream { seen.append(value) }
        #expect(seen == [0, 1, 2])
        #expect(states.value == 2)
    }

    @Test func aLateSubscriberGetsTheLastValueAndAFinishedStream() async {
        let states = StateBroadcast("up")
        states.set("down")
        states.finish()
        var seen: [String] = []
        for await value in states.subscribe() { seen.append(value) }
        #expect(seen == ["down"])
    }

    /// Subscribing while another thread changes the value: each stream ends on the final value and
    /// never repeats one in a row (a change that fell between reading and subscribing would leave a
    /// stream on a stale value).
    @Test func subscribingDuringChangesNeverMissesOne() async {
        for _ in 0..<20 {
            let states = StateBroadcast(0)
            let streams = await withTaskGroup(of: AsyncStream<Int>?.self) { group in
                group.addTask {
                    for value in 1...2_000 { states.set(value % 2 == 0 ? 0 : 1) }
                    states.set(7)
                    return nil
                }
                for _ in 0..<50 { group.addTask { states.subscribe() } }
                var streams: [AsyncStream<Int>] = []
                for await stream in group { if let stream { streams.append(stream) } }
                return streams
            }
            states.finish()
            for stream in streams {
                var last: Int?
                for await value in stream {
                    #expect(value != last, "the same value twice in a row")
                    last = value
                }
                #expect(last == 7)
            }
        }
    }

    /// Consumers cancelled while values are sent to them: nothing deadlocks (sending to a waiting
    /// consumer must not happen under the lock a cancelled stream's termination handler takes).
    @Test func cancellingWatchersWhileTheValueChangesNeverDeadlocks() async {
        let states = StateBroadcast(0)
        for round in 0..<300 {
            let watchers = (0..<4).map { _ in
                let stream = states.subscribe()
                return Task { for await _ in stream {} }
            }
            let setter = Task.detached { for value in 0..<50 { states.set(round * 100 + value) } }
            for watcher in watchers { watcher.cancel() }
            await setter.value
            for watcher in watchers { await watcher.value }
        }
        states.finish()
        #expect(states.value == 299 * 100 + 49)
    }
}
