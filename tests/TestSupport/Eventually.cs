using System.Diagnostics;

namespace GossipSim.TestSupport;

/// <summary>
/// Polls a condition until it holds or a generous deadline passes: the box these tests run on
/// is small and shared, so nothing here waits a fixed time and hopes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        await HoldsAsync(() => Task.FromResult(condition()), what, timeout);
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => HoldsAsync(condition, what, null, timeout);

    /// <summary>As above; on timeout the failure also says <paramref name="state"/>, read then (what was still missing).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? state, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return;
            if (clock.Elapsed > limit)
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}" + (state == null ? "" : $" (at the end: {await state()})"));
            await Task.Delay(25);
        }
    }
}
