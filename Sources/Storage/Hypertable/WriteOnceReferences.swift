import Synchronization

/// A fixed number of slots, each holding nothing until one object is stored in it, then that object
/// for good: a cache of things built on first use and shared by every later reader.
///
/// Reading a slot is one atomic load, with no lock, so a hot read costs what an array read does.
/// Two threads that find the same slot empty may both build its object; the first store wins and
/// both get the winner, so every reader of a slot sees one object (build only things that are the
/// same whoever builds them).
///
/// ```swift
/// let cache = WriteOnceReferences<Decoded>(count: runs.count)
/// let decoded = cache[k] ?? cache.store(decode(runs[k]), at: k)
/// ```
public final class WriteOnceReferences<Element: AnyObject & Sendable>: Sendable {
    /// How many slots there are (indexes `0..<count`).
    public let count: Int
    // Not `let [AtomicLazyReference]`: atomics cannot be copied, so they live in memory the class owns.
    private nonisolated(unsafe) let slots: UnsafeMutablePointer<AtomicLazyReference<Element>>

    /// `count` empty slots.
    public init(count: Int) {
        self.count = max(0, count)
        slots = .allocate(capacity: self.count)
        for i in 0..<self.count { (slots + i).initialize(to: AtomicLazyReference()) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The object in slot `index`, or nil while it is empty.
    @inlinable public subscript(index: Int) -> Element? { load(index) }

    @usableFromInline func load(_ index: Int) -> Element? {
        precondition(index >= 0 && index < count, "slot \(index) out of 0..<\(count)")
        return slots[index].load()
    }

    /// Stores `object` in slot `index` when it is empty and returns what the slot holds afterwards
    /// (`object`, or what another thread stored first).
    @discardableResult
    public func store(_ object: Element, at index: Int) -> Element {
        precondition(index >= 0 && index < count, "slot \(index) out of 0..<\(count)")
        return slots[index].storeIfNil(object)
    }

    /// How many slots hold an object.
    public var filledCount: Int {
        (0..<count).reduce(0) { $0 + (slots[$1].load() == nil ? 0 : 1) }
    }
}
