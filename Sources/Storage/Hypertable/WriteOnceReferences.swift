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
    // Atomics cannot be copied, so the slots live in memory the class owns. Each holds one retain of
    // its object until the class goes. Not `AtomicLazyReference`: its `load` is not inlined into
    // callers, and a generic call looks up type metadata on every read (≈ 100 ns).
    @usableFromInline nonisolated(unsafe) let slots: UnsafeMutablePointer<Atomic<Unmanaged<Element>?>>

    /// `count` empty slots.
    public init(count: Int) {
        self.count = max(0, count)
        slots = .allocate(capacity: self.count)
        for i in 0..<self.count { (slots + i).initialize(to: Atomic(nil)) }
    }

    deinit {
        for i in 0..<count { slots[i].load(ordering: .acquiring)?.release() }
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The object in slot `index`, or nil while it is empty.
    @inlinable public subscript(index: Int) -> Element? {
        precondition(index >= 0 && index < count, "slot out of range")
        return slots[index].load(ordering: .acquiring)?.takeUnretainedValue()
    }

    /// The object in slot `index` without a retain, or nil while the slot is empty: the slot holds
    /// it for as long as this class lives, so a reader that keeps the class alive may borrow it
    /// (`_withUnsafeGuaranteedRef`) and skip the retain and release a read of a few nanoseconds notices.
    @inlinable public func unretained(at index: Int) -> Unmanaged<Element>? {
        precondition(index >= 0 && index < count, "slot out of range")
        return slots[index].load(ordering: .acquiring)
    }

    /// Stores `object` in slot `index` when it is empty and returns what the slot holds afterwards
    /// (`object`, or what another thread stored first).
    @inlinable @discardableResult
    public func store(_ object: Element, at index: Int) -> Element {
        precondition(index >= 0 && index < count, "slot out of range")
        let kept = Unmanaged.passRetained(object)
        let (stored, found) = slots[index].compareExchange(expected: nil, desired: kept, successOrdering: .acquiringAndReleasing,
                                                           failureOrdering: .acquiring)
        if stored { return object }
        kept.release()
        // A failed exchange found an object (slots only go from nil to an object).
        return found?.takeUnretainedValue() ?? object
    }

    /// How many slots hold an object.
    public var filledCount: Int {
        (0..<count).reduce(0) { $0 + (slots[$1].load(ordering: .acquiring) == nil ? 0 : 1) }
    }
}
