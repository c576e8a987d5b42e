import ArchiveCore
import ArchiveSQLite
import Dispatch
import Foundation
import Testing

@Suite("The bounded channel between a producer thread and a consumer")
struct BoundedChannelTests {
    @Test func batchesArriveInOrderAndTheStreamEnds() {
        let channel = BoundedChannel<[[DatabaseValue]]>(capacity: 1)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for index in 0..<20 { _ = channel.send([[.integer(Int64(index))]]) }
            channel.finish()
            done.signal()
        }
        var received: [Int64] = []
        while let batch = channel.receive() { received.append(batch[0][0].integerValue ?? -1) }
        done.wait()
        #expect(received == Array(0..<20))
        #expect(channel.receive() == nil, "the end stays the end")
    }

    @Test func cancellingWakesAProducerThatWaitsForRoom() {
        let channel = BoundedChannel<[[DatabaseValue]]>(capacity: 1)
        let firstSent = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            #expect(channel.send([[.integer(1)]]))  // fits
            firstSent.signal()
            // The channel is full: this waits until the cancel (or sees it at once) and fails.
            #expect(!channel.send([[.integer(2)]]))
            finished.signal()
        }
        #expect(firstSent.wait(timeout: .now() + .seconds(10)) == .success)
        // Give the producer time to block on the full channel, then cancel without consuming.
        usleep(50_000)
        channel.cancel()
        #expect(finished.wait(timeout: .now() + .seconds(10)) == .success)
    }
}
