@testable import ArchiveServer
import Testing

/// The hand-off between a reader that writes a body and the task that sends it.
@Suite("The chunk channel")
struct ChunkChannelTests {
    @Test func theLastChunkArrivesWithTheEnd() async {
        let channel = ChunkChannel()
        #expect(channel.send([1, 2], isLast: true))
        guard case .chunk(let bytes) = await channel.next() else { Issue.record("no chunk"); return }
        #expect(bytes == [1, 2])
        #expect(channel.takeEnd())
        // Taken: nothing is left, and a stream with more to come is not complete.
        #expect(!channel.takeEnd())
        let streaming = ChunkChannel()
        #expect(streaming.send([1]))
        #expect(streaming.send([2], isLast: true))
        _ = await streaming.next()
        #expect(!streaming.takeEnd())
    }

    @Test(.timeLimit(.minutes(1))) func aConsumerWaitingWhenTheStreamIsCancelledWakes() async {
        let channel = ChunkChannel()
        let consumer = Task { await channel.next() }
        // Let the consumer park before the cancellation (it must wake either way).
        try? await Task.sleep(for: .milliseconds(50))
        channel.cancel()
        guard case .failed(let error) = await consumer.value else { Issue.record("the consumer got an event"); return }
        #expect(error is CancellationError)
        // Later calls answer at once too, and the producer is told the consumer has gone.
        guard case .failed = await channel.next() else { Issue.record("an event after the cancellation"); return }
        #expect(!channel.send([1]))
    }
}
