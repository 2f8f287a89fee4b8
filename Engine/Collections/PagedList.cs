using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// An append-only list in fixed pages of 4,096 items: growing never copies and never leaves
/// up to half of a doubled array unused, which matters for the seeds' commit logs (a million
/// joins are a million operations held by every seed).
/// </summary>
public sealed class PagedList<T>
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    private T[][] _pages = new T[4][];
    private int _count;

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return _pages[index >> PageShift][index & (PageSize - 1)];
        }
    }

    public void Add(T item)
    {
        int page = _count >> PageShift;
        if (page == _pages.Length) Array.Resize(ref _pages, _pages.Length * 2);
        // The first page starts small: most logs (a proposer's epoch) hold a handful of operations.
        var current = _pages[page];
        int offset = _count & (PageSize - 1);
        if (current == null || offset == current.Length)
        {
            var grown = new T[current == null ? (page == 0 ? 16 : PageSize) : Math.Min(PageSize, current.Length * 4)];
            current?.CopyTo(grown, 0);
            _pages[page] = current = grown;
        }
        current[offset] = item;
        _count++;
    }
}
