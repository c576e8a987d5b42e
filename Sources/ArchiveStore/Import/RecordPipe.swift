import ArchiveCore
import Foundation
import Synchronization

/// Reads an import file's records on a thread of its own, a few chunks ahead of the importer:
/// parsing JSON is a good part of an import's work, and it need not wait for the writes.
///
/// At most `capacity` chunks wait unread, so memory stays bounded however far reading runs
/// ahead. The importer stops the reader with ``cancel()`` (on failure, or when it is done).
final class RecordPipe: Sendable {
    /// Records in file order, with the file's keys as known after the last of them.
    struct Chunk: Sendable {
        let records: [ArrangedRecord]
        let keys: ImportKeys
        let bytesRead: Int
    }

    private let channel: BoundedChannel<Chunk>
    /// Records the importer is done with, freed by the reading thread (see ``discard(_:)``).
    private let spent = Mutex<[[ArrangedRecord]]>([])

    /// Starts reading `records` in chunks of `chunkSize`, finding where each group's fields are
    /// and fingerprinting each group: `groups` gives a key's group (by its lower-cased text;
    /// `groupCount` for derived columns; absent: no column).
    init(_ records: ImportRecords, groups: [String: Int], groupCount: Int, chunkSize: Int = 64, capacity: Int = 64) {
        channel = BoundedChannel(capacity: capacity)
        let reader = Reader(records: records, groups: groups, groupCount: groupCount)
        let thread = Thread { [self] in self.read(reader, chunkSize: max(1, chunkSize)) }
        thread.name = "archive import reader"
        thread.start()
    }

    /// The records, moved to the reading thread.
    private final class Reader: @unchecked Sendable {
        // Used by the reading thread only, once it has started.
        var records: ImportRecords
        let groups: [String: Int]
        let groupCount: Int
        /// Each key's group by its number (-1: none).
        var groupOfKey: [Int] = []

        init(records: ImportRecords, groups: [String: Int], groupCount: Int) {
            (self.records, self.groups, self.groupCount) = (records, groups, groupCount)
        }

        /// The record with the fingerprint of each group and the runs of its fields; a record
        /// with a key that is no column fails.
        func arrange(_ record: ImportRecord) -> ArrangedRecord {
            guard case .success(let fields) = record.fields else { return ArrangedRecord(record: record, fingerprints: [], runs: []) }
            learnGroups(upTo: records.keys.count)
            // Locals, not the class's properties: each access to those is checked at run time.
            let groupOfKey = self.groupOfKey
            var hashers = Array(repeating: ImportFingerprint(), count: groupCount)
            var runs: [Int] = []
            runs.reserveCapacity(3 * (groupCount + 1))
            for (position, field) in fields.enumerated() {
                let group = groupOfKey[field.key]
                guard group >= 0 else {
                    let spelling = records.keys.spelling(of: field.key)
                    let failure = ImportLineError("'\(spelling)' is not a column of the archive (archive import --print-columns lists the ones it reads)")
                    return ArrangedRecord(record: ImportRecord(line: record.line, fields: .failure(failure)), fingerprints: [], runs: [])
                }
                // Fields of a group mostly come together: one run each, extended field by field.
                if let last = runs.last, runs[runs.count - 3] == group, last == position {
                    runs[runs.count - 1] = position + 1
                } else {
                    runs += [group, position, position + 1]
                }
                guard group < groupCount else { continue }
                hashers[group].combine(UInt64(field.key))
                field.value.fingerprint(into: &hashers[group])
            }
            return ArrangedRecord(record: record, fingerprints: hashers.map { $0.finalize() }, runs: runs)
        }

        /// Finds the group of each key the file has shown so far.
        private func learnGroups(upTo keyCount: Int) {
            while groupOfKey.count < keyCount {
                groupOfKey.append(groups[records.keys.spelling(of: groupOfKey.count).lowercased()] ?? -1)
            }
        }
    }

    private func read(_ reader: Reader, chunkSize: Int) {
        while true {
            freeSpentRecords()
            var records: [ArrangedRecord] = []
            records.reserveCapacity(chunkSize)
            while records.count < chunkSize, let record = reader.records.next() { records.append(reader.arrange(record)) }
            guard !records.isEmpty else { break }
            let chunk = Chunk(records: records, keys: reader.records.keys, bytesRead: reader.records.bytesRead)
            guard channel.send(chunk) else { return }
        }
        channel.finish()
    }

    private func freeSpentRecords() {
        let records = spent.withLock { spent in
            defer { spent = [] }
            return spent
        }
        _ = records
    }

    /// Hands back records the importer is done with, for the reading thread to free. Their
    /// values were allocated there: freed on the writing thread, each would take the lock of
    /// the reader's memory arena, and the writer is the busier of the two.
    func discard(_ records: [ArrangedRecord]) {
        spent.withLock { $0.append(records) }
    }

    /// The next chunk, or nil at the end of the file.
    func next() -> Chunk? { channel.receive() }

    /// Stops the reader, waking it if it waits for room.
    func cancel() { channel.cancel() }
}

/// A record with what the importer needs to know of its groups of fields (the chat's own, then
/// one per owner) before it looks at their values.
struct ArrangedRecord: Sendable {
    let record: ImportRecord
    /// A hash of each group's keys and values, in the order the line has them.
    let fingerprints: [Int]
    /// Runs of fields of one group: group, start, end, … (fields of derived columns included).
    let runs: [Int]

    /// Hands the position of each field of `group` on the line to `body`.
    func forEachPosition(of group: Int, _ body: (Int) -> Void) {
        var run = 0
        while run < runs.count {
            if runs[run] == group { for position in runs[run + 1]..<runs[run + 2] { body(position) } }
            run += 3
        }
    }
}
